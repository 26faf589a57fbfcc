"""The genre's variants, one synthetic notice each (written for the test, not copied from any
notice): numbering styles, assignment forms, labels, conventions, unit lists, flattened tables.

Each case gives the notice text and the expected tasks as (number, text, path, lead,
responsible, supporting); the message names the case and shows expected against actual.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pipeline import parse
from schemas.notice import ParseResult

T = tuple[int | None, str, list[str], list[str], list[str], list[str]]

CASES: dict[str, tuple[str, list[T]]] = {
    "sub-items-then-labels-belong-to-the-task": (
        "一、甲方面\n1.推进乙事：\n（1）做好丙；\n（2）做好丁。\n牵头单位：县工信局\n责任单位：县发改委\n"
        "2.推进戊事。\n牵头单位：县商务局\n",
        [
            (1, "推进乙事：（1）做好丙；（2）做好丁。", ["甲方面"], ["县工信局"], ["县发改委"], []),
            (2, "推进戊事。", ["甲方面"], ["县商务局"], [], []),
        ],
    ),
    "sub-items-after-a-bracketed-assignment-are-text": (
        "一、甲方面\n（一）推进乙事。（牵头单位：县工信局）\n1.做好丙。\n2.做好丁。\n（二）推进戊事。\n牵头单位：县商务局\n",
        [
            (1, "推进乙事。1.做好丙。2.做好丁。", ["甲方面"], ["县工信局"], [], []),
            (2, "推进戊事。", ["甲方面"], ["县商务局"], [], []),
        ],
    ),
    "dot-under-cn-label-lines": (
        "一、总体目标\n1.加快发展甲产业。\n牵头单位：县发改委\n责任单位：县财政局、统计局，各乡镇\n",
        [(1, "加快发展甲产业。", ["总体目标"], ["县发改委"], ["县财政局", "县统计局", "各乡镇"], [])],
    ),
    "dun-marker-square-bracket-group": (
        "一、甲方面\n（一）乙工作\n1、做好丙事。[牵头单位:区卫健局;责任单位:各街办(新区)、区民政局]\n",
        [(1, "做好丙事。", ["甲方面", "乙工作"], ["区卫健局"], ["各街办(新区)", "区民政局"], [])],
    ),
    "fullwidth-dot-space-comma-labels": (
        "一、甲方面\n1． 推进乙事。（牵头单位:县审批局,责任单位:县直各有关单位,各乡镇人民政府）\n",
        [(1, "推进乙事。", ["甲方面"], ["县审批局"], ["县直各有关单位", "各乡镇人民政府"], [])],
    ),
    "cn-paren-task-tortoise-bracket-notes": (
        "一、甲方面\n（一）推进乙事。〔责任单位：省商务厅、省财政厅按职责分工负责。"
        "具体任务均涉及相关市（州）人民政府，不再做分工，下同。〕\n"
        "（二）推进丙事。〔责任单位：省财政厅〕\n",
        [
            (1, "推进乙事。", ["甲方面"], [], ["省商务厅", "省财政厅"], []),
            (2, "推进丙事。", ["甲方面"], [], ["省财政厅"], []),
        ],
    ),
    "leader-headings-restart-lead-by-position": (
        "一、张某县长牵头重点工作\n1.推进甲事。\n责任单位：县财政局、县税务局\n"
        "2.推进乙事。\n责任单位：县发改局（首位单位为牵头单位，下同）、县财政局\n"
        "二、李某副县长牵头重点工作\n1.推进丙事。\n责任单位：县司法局\n",
        [
            (1, "推进甲事。", ["张某县长牵头重点工作"], ["县财政局"], ["县税务局"], []),
            (2, "推进乙事。", ["张某县长牵头重点工作"], ["县发改局"], ["县财政局"], []),
            (1, "推进丙事。", ["李某副县长牵头重点工作"], ["县司法局"], [], []),
        ],
    ),
    "each-leads": (
        "一、目标\n1.甲乙两项指标增长。\n责任单位：市人社局、市农业局分别牵头\n",
        [(1, "甲乙两项指标增长。", ["目标"], ["市人社局", "市农业局"], [], [])],
    ),
    "prose-brackets-two-on-a-line": (
        "一、目标\n（一）甲指标增长。（省发改委负责）（二）乙指标增长。（省财政厅主办，省税务局、统计局协办）\n"
        "（三）丙指标增长。（省发改委、农委分别负责）\n",
        [
            (1, "甲指标增长。", ["目标"], ["省发改委"], [], []),
            (2, "乙指标增长。", ["目标"], ["省财政厅"], [], ["省税务局", "省统计局"]),
            (3, "丙指标增长。", ["目标"], ["省发改委", "省农委"], [], []),
        ],
    ),
    "prose-last-sentence": (
        "一、目标\n1.推进甲事。县发改委牵头，县财政局配合。\n2.推进乙事。由县教育局会同县财政局、县人社局等部门负责。\n",
        [
            (1, "推进甲事。", ["目标"], ["县发改委"], [], ["县财政局"]),
            (2, "推进乙事。", ["目标"], ["县教育局"], [], ["县财政局", "县人社局"]),
        ],
    ),
    "prose-in-brackets-stays-text": (
        "一、目标\n1.推进甲事（以下简称甲事）。\n牵头单位：县发改委\n",
        [(1, "推进甲事（以下简称甲事）。", ["目标"], ["县发改委"], [], [])],
    ),
    "bullets": (
        "一、目标\n▲推进甲事。（牵头单位：县发改委）\n▲推进乙事。（牵头单位：县财政局）\n",
        [
            (None, "推进甲事。", ["目标"], ["县发改委"], [], []),
            (None, "推进乙事。", ["目标"], ["县财政局"], [], []),
        ],
    ),
    "articles": (
        "第一条 推进甲事。（责任单位：县发改委）\n第二条 推进乙事。（责任单位：县财政局）\n",
        [(1, "推进甲事。", [], [], ["县发改委"], []), (2, "推进乙事。", [], [], ["县财政局"], [])],
    ),
    "numbering-runs-on-cn-paren-slots-in": (
        "一、目标\n1.甲指标。\n责任单位：市发改委\n2.乙指标。\n责任单位：市财政局\n"
        "二、重点工作\n（一）稳增长。\n3.推进丙事。\n责任单位：市商务局\n",
        [
            (1, "甲指标。", ["目标"], [], ["市发改委"], []),
            (2, "乙指标。", ["目标"], [], ["市财政局"], []),
            (3, "推进丙事。", ["重点工作", "稳增长。"], [], ["市商务局"], []),
        ],
    ),
    "attachment-list-is-not-items": (
        "附件：1. 甲任务分解表\n2. 乙任务分解表\n一、目标\n1.推进甲事。\n责任单位：区商务委\n",
        [(1, "推进甲事。", ["目标"], [], ["区商务委"], [])],
    ),
    "and-alias-notes": (
        "一、目标\n1.推进甲事。\n责任单位：县发改局（粮食局）、县财政局等部门，岳麓区和市直相关单位。\n",
        [(1, "推进甲事。", ["目标"], [], ["县发改局", "县财政局", "岳麓区", "市直相关单位"], [])],
    ),
    "table-paragraphs": (
        "附件\n甲民生实事分解表\n序号\n民生实事\n责任单位\n完成时限\n"
        "1\n建设甲公园。\n县住建局\n县水务局\n12月底前\n"
        "2\n开工建设乙楼。\n县民政局\n5月底前动工\n开工建设丙楼。\n12月底前\n",
        [
            (1, "建设甲公园。", [], [], ["县住建局", "县水务局"], []),
            (2, "开工建设乙楼。", [], [], ["县民政局"], []),
            (2, "开工建设丙楼。", [], [], ["县民政局"], []),
        ],
    ),
    "table-trailing-pipes": (
        "序号 |\n主要任务 |\n全年目标 |\n分管 领导 |\n牵头 单位 |\n协同单位 |\n推进情况 |\n"
        "7 |\n新建甲设施。 |\n张三 |\n城管局 |\n环卫处、各街道 |\n已完成。 |\n|\n",
        [(7, "新建甲设施。", [], ["城管局"], [], ["环卫处", "各街道"])],
    ),
    "table-leading-pipes-merged": (
        "牵头单位\n| 目 标 任 务\n| 责 任 单 位\n|\n市\n发\n改\n委\n| 甲指标增长\n| 统计局和市直相关单位\n|\n"
        "乙指标增长\n|\n",
        [
            (None, "甲指标增长", [], ["市发改委"], ["统计局", "市直相关单位"], []),
            (None, "乙指标增长", [], ["市发改委"], ["统计局", "市直相关单位"], []),
        ],
    ),
    "table-one-row-per-line": (
        "序号 工作任务 牵头责任单位\n一、预期目标（2项）\n"
        "1 甲指标增长7%. 发改委\n2 乙指标增长8%. 财政局、统计局\n",
        [
            (1, "甲指标增长7%.", ["预期目标（2项）"], ["发改委"], [], []),
            (2, "乙指标增长8%.", ["预期目标（2项）"], ["财政局", "统计局"], [], []),
        ],
    ),
    "joined-body-line": (
        "各镇人民政府，县政府各部门： 现将分解印发给你们，请认真贯彻执行。 某县人民政府办公室 2022年4月18日 "
        "一、重点工作 1.推进甲事，确保完成全年目标。 责任单位：县财政局、县税务局 "
        "2.推进乙事，确保完成全年目标。 责任单位：县司法局\n",
        [
            (1, "推进甲事，确保完成全年目标。", ["重点工作"], [], ["县财政局", "县税务局"], []),
            (2, "推进乙事，确保完成全年目标。", ["重点工作"], [], ["县司法局"], []),
        ],
    ),
    "labels-close-the-paragraph-unbracketed": (
        "一、目标\n1.推进甲事。牵头单位：县发改委；责任单位：县财政局、县统计局。\n"
        "2.推进乙事。责任单位要加强协调。责任单位：县教育局；完成时限：2023年6月底前。\n",
        [
            (1, "推进甲事。", ["目标"], ["县发改委"], ["县财政局", "县统计局"], []),
            (2, "推进乙事。责任单位要加强协调。", ["目标"], [], ["县教育局"], []),
        ],
    ),
    "lenticular-labels-without-colon": (
        "一、目标\n（一）推进甲事。\n【牵头单位】区城管委\n【配合单位】区财政局、各街道办事处\n",
        [(1, "推进甲事。", ["目标"], ["区城管委"], [], ["区财政局", "各街道办事处"])],
    ),
    "lead-marked-inside-list": (
        "一、目标\n1.推进甲事。\n责任单位：市发改委（牵头）、市统计局，各县（市、区）人民政府\n"
        "2.推进乙事。（责任单位:区财政局(牵头)、区发改局）\n",
        [
            (1, "推进甲事。", ["目标"], ["市发改委"], ["市统计局", "各县（市、区）人民政府"], []),
            (2, "推进乙事。", ["目标"], ["区财政局"], ["区发改局"], []),
        ],
    ),
    "labelled-list-written-as-prose": (
        "一、目标\n1.推进甲事。（责任单位：县教育局牵头，县发改局、县财政局配合）\n"
        "2.推进乙事。\n责任单位：县卫健局牵头，县直各部门按职责分工负责\n",
        [
            (1, "推进甲事。", ["目标"], ["县教育局"], [], ["县发改局", "县财政局"]),
            (2, "推进乙事。", ["目标"], ["县卫健局"], ["县直各部门"], []),
        ],
    ),
    "table-category-column-paragraphs": (
        "序号\n重点工作\n具体任务\n牵头单位\n完成时限\n"
        "1\n城市更新\n改造老旧小区42个。\n市住建局\n12月底前\n"
        "2\n整治背街小巷60条。\n市城管局\n11月底前\n"
        "3\n交通畅通\n新增停车泊位5000个\n市公安局\n10月底前\n",
        [
            (1, "改造老旧小区42个。", ["城市更新"], ["市住建局"], [], []),
            (2, "整治背街小巷60条。", ["城市更新"], ["市城管局"], [], []),
            (3, "新增停车泊位5000个", ["交通畅通"], ["市公安局"], [], []),
        ],
    ),
    "table-first-task-column-filled-on-every-row": (
        "序号\n重点任务\n具体目标\n牵头单位\n1\n推进城市更新。\n改造小区42个。\n市住建局\n"
        "2\n扩大有效投资。\n投资增长10%。\n市发改委\n",
        [
            (1, "推进城市更新。", [], ["市住建局"], [], []),
            (2, "扩大有效投资。", [], ["市发改委"], [], []),
        ],
    ),
    "table-tab-rows-empty-cells": (
        "序号\t重点工作\t工作任务\t牵头单位\t责任单位\n"
        "1\t产业发展\t新建甲基地。\t县林草局\t各乡镇人民政府\n"
        "2\t\t新建乙园区。\t县工信局\t\n",
        [
            (1, "新建甲基地。", ["产业发展"], ["县林草局"], ["各乡镇人民政府"], []),
            (2, "新建乙园区。", ["产业发展"], ["县工信局"], [], []),
        ],
    ),
    "city-office-keeps-its-own-prefix": (
        "一、目标\n1.推进甲事。\n牵头单位：市委办、市政府办\n责任单位：市发改委、市政务服务中心\n",
        [(1, "推进甲事。", ["目标"], ["市委办", "市政府办"], ["市发改委", "市政务服务中心"], [])],
    ),
    "short-labels-in-the-bracket": (
        "一、甲方面\n(1)推进乙事。(牵头:区工信局;配合:区统计局;时限:2023年6月底)\n(2)推进丙事。(责任:区城管局)\n",
        [
            (1, "推进乙事。", ["甲方面"], ["区工信局"], [], ["区统计局"]),
            (2, "推进丙事。", ["甲方面"], [], ["区城管局"], []),
        ],
    ),
    "cn-paren-after-a-labelled-task-is-a-heading": (
        "一、甲方面\n1.推进乙事。\n牵头单位:县发改局\n(一)丙方面\n2.推进丁事。\n牵头单位:县财政局\n",
        [
            (1, "推进乙事。", ["甲方面"], ["县发改局"], [], []),
            (2, "推进丁事。", ["甲方面", "丙方面"], ["县财政局"], [], []),
        ],
    ),
    "labels-after-a-space-on-the-task-line": (
        "一、甲方面\n1)推进乙事 牵头单位:县农业农村局 配合单位:县财政局 县水利局 完成时限:2023年10月底\n",
        [(1, "推进乙事", ["甲方面"], ["县农业农村局"], [], ["县财政局", "县水利局"])],
    ),
    "prose-joint-leads": (
        "一、甲方面\n(一)推进乙事。(县农业农村局、县住建局共同牵头,各乡镇配合)\n",
        [(1, "推进乙事。", ["甲方面"], ["县农业农村局", "县住建局"], [], ["各乡镇"])],
    ),
    "item-numbering-first-one-leads": (
        "责任单位有两个及以上的,第一个为牵头单位。\n一、目标\n第1项 推进甲事。\n责任单位:市发改委、市统计局\n"
        "二、任务\n第2项 推进乙事。\n责任单位:市海洋局\n",
        [
            (1, "推进甲事。", ["目标"], ["市发改委"], ["市统计局"], []),
            (2, "推进乙事。", ["任务"], ["市海洋局"], [], []),
        ],
    ),
    "list-after-a-table-is-not-under-its-last-row": (
        "附件1\n序号\n预期目标\n责任单位\n1\n甲指标增长6%\n区发改局\n附件2\n一、甲方面\n1.推进乙事。\n"
        "牵头单位:区财政局\n",
        [
            (1, "甲指标增长6%", [], [], ["区发改局"], []),
            (1, "推进乙事。", ["甲方面"], ["区财政局"], [], []),
        ],
    ),
    "cn-paren-sub-points-under-a-task": (
        "一、甲方面\n1.推进乙事。\n(一)做好丙;\n(二)做好丁。\n牵头单位:县发改局\n2.推进戊事。\n牵头单位:县商务局\n",
        [
            (1, "推进乙事。(一)做好丙;(二)做好丁。", ["甲方面"], ["县发改局"], [], []),
            (2, "推进戊事。", ["甲方面"], ["县商务局"], [], []),
        ],
    ),
    "em-dash-items-are-unnumbered-tasks": (
        "一、甲方面\n（一）乙工作\n——推进丙事。一是做好丁；二是做好戊。\n牵头单位：区发改局\n"
        "——推进己事。\n牵头单位：区财政局\n二、庚方面\n——推进辛事。\n牵头单位：区商务局\n",
        [
            (None, "推进丙事。一是做好丁；二是做好戊。", ["甲方面", "乙工作"], ["区发改局"], [], []),
            (None, "推进己事。", ["甲方面", "乙工作"], ["区财政局"], [], []),
            (None, "推进辛事。", ["庚方面"], ["区商务局"], [], []),
        ],
    ),
    "table-group-item-serials": (
        "任务序号\n任务内容\n牵头单位\n一、甲方面\n1-1\n甲指标增长6%。\n区发改局\n"
        "1-2\n乙指标增长8%。\n区经信局\n二、乙方面\n2-1\n新增就业3000人。\n区人社局\n",
        [
            (None, "甲指标增长6%。", ["甲方面"], ["区发改局"], [], []),
            (None, "乙指标增长8%。", ["甲方面"], ["区经信局"], [], []),
            (None, "新增就业3000人。", ["乙方面"], ["区人社局"], [], []),
        ],
    ),
    "unit-named-after-its-place-takes-no-prefix": (
        "一、甲方面\n1.推进乙事。\n牵头单位：县消防救援大队\n"
        "责任单位：县应急管理局、某溪县融媒体中心、城市管理局、国网某溪县供电公司\n",
        [
            (
                1,
                "推进乙事。",
                ["甲方面"],
                ["县消防救援大队"],
                ["县应急管理局", "某溪县融媒体中心", "县城市管理局", "国网某溪县供电公司"],
                [],
            )
        ],
    ),
    "cn-numeral-item-marker-and-office-labels": (
        "某局2024年任务分工\n第一项 推进甲事。\n牵头处室:规划处\n责任处室:综合处、法规处\n"
        "第二项 推进乙事。\n责任科室:投资科\n配合处室:财务处\n",
        [
            (1, "推进甲事。", [], ["规划处"], ["综合处", "法规处"], []),
            (2, "推进乙事。", [], [], ["投资科"], ["财务处"]),
        ],
    ),
    "table-unit-cell-sets-its-own-labels": (
        "任务表\n序号\n工作任务\n责任单位\n1\n推进甲事。\n牵头:县交通局 配合:县财政局、各乡镇\n"
        "2\n推进乙事。\n县住建局\n",
        [
            (1, "推进甲事。", [], ["县交通局"], [], ["县财政局", "各乡镇"]),
            (2, "推进乙事。", [], [], ["县住建局"], []),
        ],
    ),
    "space-row-unit-cell-with-space-separated-units": (
        "任务表\n序号 项目内容 牵头责任单位\n1 新建 甲设施 3个. 卫健委 妇联\n2 改造 乙设施. 住建局\n",
        [
            (1, "新建 甲设施 3个.", [], ["卫健委", "妇联"], [], []),
            (2, "改造 乙设施.", [], ["住建局"], [], []),
        ],
    ),
    "wide-gap-rows-and-a-target-column-beside-the-task": (
        "任务表\n序号  主要目标  工作任务  牵头单位\n1  增长6%  推进 甲事。  市发改委\n"
        "2  新增3万人  推进乙事。  市人社局\n",
        [
            (1, "推进 甲事。", [], ["市发改委"], [], []),
            (2, "推进乙事。", [], ["市人社局"], [], []),
        ],
    ),
    "full-stop-after-a-closing-prose-bracket-stays-in-the-text": (
        "一、甲方面\n1.新建乙设施10所(县教育局负责)。\n2.推进丙事(县财政局主办,县税务局协办)。\n",
        [
            (1, "新建乙设施10所。", ["甲方面"], ["县教育局"], [], []),
            (2, "推进丙事。", ["甲方面"], ["县财政局"], [], ["县税务局"]),
        ],
    ),
    "attachment-heading-closes-the-previous-attachments-headings": (
        "附件1\n工作要点\n一、甲方面\n做好甲事。\n二、乙方面\n做好乙事。\n附件2\n任务分工\n"
        "（一）推进丙事。\n责任单位:县发改局\n（二）推进丁事。\n责任单位:县财政局\n",
        [
            (1, "推进丙事。", [], [], ["县发改局"], []),
            (2, "推进丁事。", [], [], ["县财政局"], []),
        ],
    ),
    "multi-character-level-prefix-restored": (
        "一、甲方面\n1.推进乙事。（牵头单位：自治区能源局；责任单位：自治区发展改革委、财政厅，各盟市）\n",
        [(1, "推进乙事。", ["甲方面"], ["自治区能源局"], ["自治区发展改革委", "自治区财政厅", "各盟市"], [])],
    ),
    "level-inside-the-name-takes-no-prefix": (
        "一、甲方面\n1.推进乙事。\n牵头单位：区教委\n配合单位：区体育局、团区委\n",
        [(1, "推进乙事。", ["甲方面"], ["区教委"], [], ["区体育局", "团区委"])],
    ),
    "unlabelled-deadline-closing-the-bracket": (
        "一、甲方面\n(1)推进乙事。（牵头单位：县工信局；责任单位：县发改局；2024年6月底前完成）\n"
        "(2)推进丙事。（牵头单位：县商务局；持续推进）\n",
        [
            (1, "推进乙事。", ["甲方面"], ["县工信局"], ["县发改局"], []),
            (2, "推进丙事。", ["甲方面"], ["县商务局"], [], []),
        ],
    ),
    "unit-list-wrapped-after-a-level-prefix": (
        "一、甲方面\n1.推进乙事。\n牵头单位：市发改委\n责任单位：市财政局、市\n生态环境局、市人社局和市\n统计局\n"
        "2.推进丙事。\n牵头单位：市商务局\n",
        [
            (
                1,
                "推进乙事。",
                ["甲方面"],
                ["市发改委"],
                ["市财政局", "市生态环境局", "市人社局", "市统计局"],
                [],
            ),
            (2, "推进丙事。", ["甲方面"], ["市商务局"], [], []),
        ],
    ),
    "party-committee-and-government-is-one-unit": (
        "一、甲方面\n1.推进乙事。\n牵头单位：市发改委\n责任单位：市委有关部门、各县（市、区）党委和政府\n",
        [(1, "推进乙事。", ["甲方面"], ["市发改委"], ["市委有关部门", "各县（市、区）党委和政府"], [])],
    ),
    "repeated-number-keeps-both-items": (
        "一、甲方面\n1.推进乙事。（牵头单位：县工信局）\n2.推进丙事。（牵头单位：县商务局）\n"
        "2.推进丁事。（牵头单位：县财政局）\n3.推进戊事。（牵头单位：县发改局）\n",
        [
            (1, "推进乙事。", ["甲方面"], ["县工信局"], [], []),
            (2, "推进丙事。", ["甲方面"], ["县商务局"], [], []),
            (2, "推进丁事。", ["甲方面"], ["县财政局"], [], []),
            (3, "推进戊事。", ["甲方面"], ["县发改局"], [], []),
        ],
    ),
    "decimal-sub-numbers-are-tasks": (
        "1.甲方面\n1.1 推进乙事，新增1.5万亩。牵头单位：市工信局。\n1.2推进丙事。牵头单位：市商务局。\n"
        "2.丁方面\n2.1 推进戊事。牵头单位：市财政局。\n",
        [
            (None, "推进乙事，新增1.5万亩。", ["甲方面"], ["市工信局"], [], []),
            (None, "推进丙事。", ["甲方面"], ["市商务局"], [], []),
            (None, "推进戊事。", ["丁方面"], ["市财政局"], [], []),
        ],
    ),
}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def summary(result: ParseResult) -> list[T]:
    return [
        (
            t.number,
            t.text,
            [p.title for p in t.path],
            [u.name for u in t.lead_units],
            [u.name for u in t.responsible_units],
            [u.name for u in t.supporting_units],
        )
        for t in result.tasks
    ]


@pytest.mark.parametrize("case", sorted(CASES))
def test_variant(case: str, tmp_path: Path) -> None:
    text, expected = CASES[case]
    actual = summary(parse(write(tmp_path, case, text)))
    assert actual == expected, f"{case}:\n expected {expected}\n actual   {actual}"


def codes(result: ParseResult) -> list[str]:
    return [c.code for c in result.notice.conventions]


def test_conventions_are_recorded(tmp_path: Path) -> None:
    text, _ = CASES["leader-headings-restart-lead-by-position"]
    result = parse(write(tmp_path, "lead", text))
    assert codes(result) == ["lead-by-position"], codes(result)
    assert result.notice.conventions[0].raw == "首位单位为牵头单位，下同"
    text, _ = CASES["cn-paren-task-tortoise-bracket-notes"]
    assert "not-assigned-note" in codes(parse(write(tmp_path, "note", text)))


def test_leaders_and_deadline(tmp_path: Path) -> None:
    text = "一、目标\n1.推进甲事。\n牵头市领导：王某\n牵头单位：市发改委\n完成时限：6月底前\n"
    task = parse(write(tmp_path, "leaders", text)).tasks[0]
    got: Any = ([x.raw for x in task.leaders], [u.name for u in task.lead_units], task.deadline)
    assert got[:2] == (["王某"], ["市发改委"]), got
    assert task.deadline is not None and task.deadline.raw == "6月底前"


def test_table_person_column_goes_to_leaders(tmp_path: Path) -> None:
    text, _ = CASES["table-trailing-pipes"]
    task = parse(write(tmp_path, "pipes", text)).tasks[0]
    assert [x.raw for x in task.leaders] == ["张三"], task.leaders


def test_table_deadline_column(tmp_path: Path) -> None:
    text, _ = CASES["table-paragraphs"]
    tasks = parse(write(tmp_path, "deadline", text)).tasks
    assert [t.deadline.raw if t.deadline else None for t in tasks] == ["12月底前", "5月底前动工", "12月底前"]


def test_cut_task_is_reported_not_dropped(tmp_path: Path) -> None:
    text = "一、目标\n1.推进甲事。\n牵头单位：县发改委\n2.推进乙事。\n牵头单位：县财政局\n3.推进丙事，加"
    result = parse(write(tmp_path, "cut", text))
    assert [t.text for t in result.tasks][-1] == "推进丙事，加"
    assert "task-truncated" in [d.code for d in result.diagnostics]


def test_cover_letter_metadata(tmp_path: Path) -> None:
    text = (
        "某县人民政府办公室文件\n某政办发〔2024〕7号\n某县人民政府办公室\n关于印发2024年重点工作\n任务分解方案的通知\n"
        "各乡镇人民政府，县直各单位：\n现将《2024年重点工作任务分解方案》印发给你们，请认真贯彻落实。\n"
        "某县人民政府办公室\n2024年3月2日\n2024年重点工作任务分解方案\n"
        "一、目标\n1.推进甲事。\n牵头单位：县发改委\n"
    )
    notice = parse(write(tmp_path, "cover", text)).notice
    got = (notice.doc_number, notice.issuer, notice.title, notice.issued_on)
    assert got == (
        "某政办发〔2024〕7号",
        "某县人民政府办公室",
        "关于印发2024年重点工作任务分解方案的通知",
        "2024-03-02",
    ), got
    assert notice.addressees == ["各乡镇人民政府", "县直各单位"]


def test_page_title_without_guanyu(tmp_path: Path) -> None:
    text = (
        "当前位置:首页 >> 专题\n市政府工作报告重点工作责任分解(2024年)\n时间:2024-07-11\n"
        "一、目标\n1.甲。\n责任单位:市发改委\n"
    )
    notice = parse(write(tmp_path, "page", text)).notice
    assert notice.title == "市政府工作报告重点工作责任分解(2024年)"
    assert notice.issued_on is None  # a page's publication time is not the issued date


def test_unlabelled_deadline_line_and_title_running_on(tmp_path: Path) -> None:
    text = (
        "关于印发某县2023年政府工作报告\n重点工作分工方案的通知\n"
        "一、目标\n1.推进甲事。\n牵头单位：县教育局\n6月底前完成\n"
        "2.推进乙事。\n牵头单位：县民政局\n"
    )
    result = parse(write(tmp_path, "deadline", text))
    assert result.notice.title == "关于印发某县2023年政府工作报告重点工作分工方案的通知", result.notice.title
    first, second = result.tasks
    assert first.text == "推进甲事。" and first.deadline is not None, first
    assert first.deadline.raw == "6月底前完成", first.deadline
    assert second.deadline is None, second.deadline


def test_lead_by_position_stated_as_ranking(tmp_path: Path) -> None:
    text = "各项任务中排名第一的单位为牵头单位。\n一、目标\n（一）推进甲事。\n责任单位：旗农牧局、旗林草局\n"
    task = parse(write(tmp_path, "ranking", text)).tasks[0]
    assert ([u.name for u in task.lead_units], [u.name for u in task.responsible_units]) == (
        ["旗农牧局"],
        ["旗林草局"],
    ), task


def test_forwarding_title_starts_at_its_verb(tmp_path: Path) -> None:
    text = (
        "某县人民政府办公室转发某市人民政府办公室关于印发某市2023年重点工作任务分解方案的通知\n"
        "某府办发〔2023〕15号\n某县人民政府办公室\n2023年3月20日\n"
        "某市人民政府办公室关于印发某市2023年重点工作任务分解方案的通知\n某市人民政府办公室\n2023年3月8日\n"
        "一、目标\n1.推进甲事。\n牵头单位：市发改委\n"
    )
    notice = parse(write(tmp_path, "forward", text)).notice
    got = (notice.title, notice.issuer, notice.issued_on)
    assert got == (
        "转发某市人民政府办公室关于印发某市2023年重点工作任务分解方案的通知",
        "某县人民政府办公室",
        "2023-03-20",
    ), got


def test_deadline_dates_only_when_certain(tmp_path: Path) -> None:
    raws = ["2023年12月31日前", "2023年底", "长期坚持", "持续推进", "每季度"]
    raws += ["2024年6月底前", "6月底前", "上半年"]
    line = "{k}.推进甲{k}事。\n牵头单位：县发改委\n完成时限：{raw}\n"
    body = "".join(line.format(k=k, raw=raw) for k, raw in enumerate(raws, 1))
    text = "某县人民政府办公室\n2023年2月1日\n一、目标\n" + body
    tasks = parse(write(tmp_path, "dates", text)).tasks
    got = [(t.deadline.raw, t.deadline.date) if t.deadline else None for t in tasks]
    assert got == [
        ("2023年12月31日前", "2023-12-31"),
        ("2023年底", "2023-12-31"),
        ("长期坚持", None),
        ("持续推进", None),
        ("每季度", None),
        ("2024年6月底前", "2024-06-30"),
        ("6月底前", "2023-06-30"),
        ("上半年", None),
    ], got


def test_bare_number_above_the_page_count_is_no_page_number() -> None:
    """PDF: a table's lone 序号 at the foot of a page is a cell when no page of the file has that number."""
    from pipeline.readers.pdf_furniture import _fits_page_count

    assert _fits_page_count("2", 2) and _fits_page_count("- 2 -", 3) and _fits_page_count("第2页", 1)
    assert not _fits_page_count("4", 2) and not _fits_page_count("- 4 -", 3)


def test_schedule_labels_and_bracket_deadline_tail(tmp_path: Path) -> None:
    text, _ = CASES["unlabelled-deadline-closing-the-bracket"]
    tasks = parse(write(tmp_path, "tail", text)).tasks
    assert [t.deadline.raw if t.deadline else None for t in tasks] == ["2024年6月底前完成", "持续推进"]
    text = "一、甲方面\n1.推进乙事。\n主责单位：区民政局\n协同单位：区财政局\n"
    text += "时间进度：6月底前完成选址，12月底前建成\n"
    text += "2.推进丙事。（责任主体：区商务局；进度安排：全年推进）\n"
    tasks = parse(write(tmp_path, "schedule", text)).tasks
    assert [t.deadline.raw if t.deadline else None for t in tasks] == [
        "6月底前完成选址，12月底前建成",
        "全年推进",
    ]
    assert [u.name for u in tasks[1].responsible_units] == ["区商务局"]


def test_repeated_and_skipped_numbers_are_reported(tmp_path: Path) -> None:
    text = "一、甲方面\n1.推进乙事。（牵头单位：县工信局）\n3.推进丙事。（牵头单位：县商务局）\n"
    text += "3.推进丁事。（牵头单位：县财政局）\n"
    result = parse(write(tmp_path, "numbering", text))
    assert [t.number for t in result.tasks] == [1, 3, 3]
    assert {"numbering-gap", "numbering-duplicate"} <= {d.code for d in result.diagnostics}
