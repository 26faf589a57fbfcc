"""Header: the 公文 metadata of the notice and what it says about itself.

Reads the paragraphs before the first numbered item (and the closing date) and returns a
`Notice`: 发文字号, issuer, title (joined when it spans lines), 主送机关, 成文日期, the documents it
implements (《…》（洛政〔2021〕2号）), the counts it declares (10个方面50项具体任务) and the
progress-reporting duty (每季度末月30日前向县委县政府督查局报送…). Patterns are in data/header.json;
nothing is guessed: a field the text does not show stays empty.
"""

from __future__ import annotations

import calendar
import itertools
import re
from functools import cache
from typing import Any

import regex

from pipeline import vocab
from pipeline.assign.units import split_top_level
from pipeline.normalize import NormalBlock, Para, fold
from schemas.notice import (
    BasisDocument,
    DeclaredCounts,
    Location,
    Notice,
    Reporting,
    ReportingSchedule,
)

FREQUENCIES = {"季度": "quarterly", "月": "monthly", "半年": "half-yearly", "年": "yearly"}
METADATA_FIELDS = {
    "发文字号": "doc_number",
    "文号": "doc_number",
    "文件编号": "doc_number",
    "发文机关": "issuer",
}


@cache
def patterns() -> dict[str, Any]:
    data = vocab.load("header.json")
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key.startswith("_") or not isinstance(value, str | list):
            out[key] = value
        elif isinstance(value, list):
            out[key] = [regex.compile(v) for v in value]
        else:
            out[key] = regex.compile(value)
    return out


def parse_date(key: str, published: str | None = None) -> str | None:
    """A stand-alone date line as ISO; a run-together one (2022121日) only when `published` decides."""
    m = patterns()["date"].match(key.replace(" ", ""))
    if not m:
        return run_together_date(key.replace(" ", ""), published)
    bare = key.replace(" ", "")
    if bare.startswith("(") != bare.endswith(")"):
        return None  # a bracket on one side only
    y = m["y"] if m["y"].isdigit() else "".join(str(vocab.CN_DIGITS.get(c, 0)) for c in m["y"])
    month = int(m["m"]) if m["m"].isdigit() else vocab.cn_to_int(m["m"])
    day = int(m["d"]) if m["d"].isdigit() else vocab.cn_to_int(m["d"])
    if not month or not day or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    return f"{int(y):04d}-{month:02d}-{day:02d}"


def run_together_date(key: str, published: str | None) -> str | None:
    """2022121日 -> the latest valid reading (2022-01-21, 2022-12-01) not after the publication date."""
    m = patterns()["date_run_together"].match(key)
    if not m or published is None:
        return None
    year, digits = int(m["y"]), m["md"]
    readings = []
    for cut in range(1, len(digits)):
        month, day = int(digits[:cut]), int(digits[cut:])
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
            readings.append(f"{year:04d}-{month:02d}-{day:02d}")
    possible = [r for r in readings if r <= published]
    return max(possible) if possible else None


def publication_date(paras: list[Para], metadata: dict[str, str]) -> str | None:
    """The web page's publication date (发布日期:2022-01-21), used only to read a damaged date."""
    texts = [f"发布日期:{metadata['发布日期']}"] if "发布日期" in metadata else []
    for text in [*texts, *(p.key for p in paras)]:
        m = patterns()["publication_date"].search(text)
        if m:
            return f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
    return None


def find_doc_number(paras: list[Para]) -> str | None:
    """The notice's own 发文字号: one written outside brackets (a basis document's is inside)."""
    for i, p in enumerate(paras):
        text, key = p.text, p.key
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        if nxt is not None and key.rstrip().endswith("]") and nxt.key[:1].isdigit():
            text, key = text + nxt.text, key + nxt.key  # 蔡政办〔2023〕 / 1号: wrapped in a PDF cell
        for m in patterns()["doc_number"].finditer(key):
            before = key[: m.start()]
            if before.count("(") > before.count(")") or "<" in before:
                continue
            return text[m.start() : m.end()].strip()
    return None


def _title_key(text: str) -> str:
    """Folded, spaces removed, without a trailing pipe (web table) or closing 》."""
    return str(regex.sub(r"\s+", "", fold(text))).rstrip("|>")


def _clean_title(text: str) -> str:
    """Without a web table's pipe, a closing 》 and the notice's own 文号 after it in brackets
    (…分工方案的通知 (粤府〔2021〕22号), as a portal prints a title)."""
    text = text.strip().rstrip("|").strip()
    number = patterns()["title_doc_number"].search(fold(text))
    if number is not None and number.start() > 0:
        text = text[: number.start()].rstrip()
    key = fold(text)
    if key.endswith(">") and "<" not in key:
        text = text[:-1].rstrip()
    return text


def find_title(paras: list[Para]) -> tuple[str | None, str | None]:
    """(title, issuer written before 关于) from the first 关于… paragraph, joined up to its end word;
    (None, None) without one. A 关于印发/转发… title runs on to its 通知 even when
    a line break falls after another end word (…政府工作报告 / 重点工作分工方案的通知), and any
    title runs on past an end word inside 《》 (关于落实《政府工作报告》 / 重点工作责任分工的意见).
    A forwarding title starts at its 转发 (…办公室转发…办公室关于印发…的通知): that 关于 is the
    forwarded notice's."""
    p = patterns()
    for i, para in enumerate(paras):
        start = p["title_start"].match(para.key)
        if not start:
            continue
        cut = para.key.find("。")  # 关于…的十条意见。为落实…: the title glued to the text after it
        if cut > 0 and p["title_end"].search(_title_key(para.text[:cut])):
            para = Para(para.text[:cut], para.key[:cut], para.loc)
        if len(para.key) > 120:
            continue
        issuer, begin = start["issuer"], start.end() - 2
        issuer = None if issuer is not None and len(issuer.split()) > 1 else issuer  # joint issuers
        forward = p["title_forward"].match(para.key)
        if forward is not None and forward.end() < begin:  # …办公室转发…办公室关于…的通知
            issuer, begin = forward["issuer"], forward.end()
        parts = [para.text[begin:]]
        first: str | None = None
        for j in range(i + 1, min(len(paras), i + p["title_max_lines"]) + 1):
            title = _clean_title("".join(parts))
            key = _title_key(title)
            if p["title_end"].search(key):
                first = first or title
                quoted = fold(title).endswith(">")  # …《政府工作报告》: the quoted document's end word
                notice = p["title_notice_start"].match(key) and not p["title_notice_end"].search(key)
                closing = p["title_closing_line"]
                wrapped = j < len(paras) and not closing.search(key) and _closes_a_title(paras[j])
                if not quoted and not notice and not wrapped:
                    return title, issuer
            if j >= len(paras) or p["title_line_reject"].search(paras[j].key):
                break  # 索 引 号：…, a tab-set metadata box, a sentence: no title goes on into it
            parts.append(paras[j].text)
        if first is not None:
            return first, issuer
    return None, None


def _closes_a_title(para: Para) -> bool:
    """…目标任务的通知 on the next line: the 的 + 通知 that closes a 关于… title (关于分解落实2024年
    市政府工作报告 / 目标任务的通知), a short line with no sentence punctuation."""
    return bool(patterns()["title_closing_line"].search(_title_key(para.text)))


def page_title(paras: list[Para]) -> str | None:
    """A short line that ends like a title: 市政府工作报告重点工作责任分解(2023年)."""
    p = patterns()
    for para in paras:
        key = _title_key(para.text)
        if len(key) > p["page_title_max"] or p["page_title_reject"].search(fold(para.text).strip()):
            continue
        if p["title_end"].search(key):
            return _clean_title(para.text)
    return None


def reported_issuer(paras: list[Para]) -> str | None:
    """近日,省政府办公厅印发…: the issuer a news-style repost names."""
    for para in paras:
        m = patterns()["reported_issuer"].search(para.key)
        if m:
            return para.text[m.start("name") : m.end("name")]
    return None


def find_issuer(paras: list[Para], date_index: int | None) -> str | None:
    """The signature line just above the date, else the first stand-alone organ name."""
    pattern = patterns()["issuer"]
    if date_index is not None and date_index > 0:
        m = pattern.match(paras[date_index - 1].key)
        if m:
            return paras[date_index - 1].text[: m.end("name")]
    for para in paras:
        m = pattern.match(para.key)
        if m:
            return para.text[: m.end("name")]
    return None


def source_issuer(paras: list[Para]) -> str | None:
    """A web page's byline naming the issuer on a line of its own: ``来源：苍南县人民政府办公室``
    (header.json source_issuer); used only when no signature or title names one."""
    pattern = patterns()["source_issuer"]
    for para in paras:
        m = pattern.match(para.key.strip())
        if m:
            return para.text.strip()[m.start("name") : m.end("name")]
    return None


def find_addressees(paras: list[Para]) -> list[str]:
    """主送机关: a line ending in a colon whose pieces name bodies (各县(市、区)人民政府,市政府各部门:)."""
    end = patterns()["addressee_unit_end"]
    for para in paras[:20]:
        key = para.key.rstrip()
        if not key.endswith(":") or len(key) >= 200 or "关于" in key:
            continue
        pieces = [piece for piece, _ in split_top_level(para.text.rstrip()[:-1])]
        if pieces and sum(1 for x in pieces if end.search(fold(x))) * 2 >= len(pieces):
            return pieces
    return []


def find_basis(paras: list[Para]) -> list[BasisDocument]:
    out: list[BasisDocument] = []
    for para in paras:
        for m in patterns()["basis"].finditer(para.key):
            out.append(
                BasisDocument(
                    title=para.text[m.start("title") : m.end("title")],
                    doc_number=para.text[m.start("number") : m.end("number")],
                )
            )
    return out


def find_declared(paras: list[Para]) -> DeclaredCounts | None:
    p = patterns()
    for para in paras:
        areas = p["declared_areas"].search(para.key)
        tasks = p["declared_tasks"].search(para.key)
        if areas or tasks:
            lo = min(m.start() for m in (areas, tasks) if m)
            hi = max(m.end() for m in (areas, tasks) if m)
            return DeclaredCounts(
                areas=_count(areas["n"]) if areas else None,
                tasks=_count(tasks["n"]) if tasks else None,
                raw=para.text[lo:hi],
            )
    return None


def _count(raw: str) -> int | None:
    return int(raw) if raw.isdigit() else vocab.cn_to_int(raw)


def find_reporting(paras: list[Para]) -> Reporting | None:
    p = patterns()
    for para in paras:
        for sentence in regex.finditer(r"[^。]+。?", para.key):
            if not p["reporting_sentence"].search(sentence.group()):
                continue
            key = sentence.group()
            recipient = None
            for rp in p["reporting_recipient"]:
                m = rp.search(key)
                if m:
                    recipient = para.text[sentence.start() + m.start("to") : sentence.start() + m.end("to")]
                    break
            schedules = [
                ReportingSchedule(
                    raw=para.text[sentence.start() + m.start("raw") : sentence.start() + m.end("raw")],
                    frequency=FREQUENCIES.get(m["per"] or "") or ("yearly" if "年" in m["raw"] else "once"),
                    day=int(m["day"]) if m["day"] and 1 <= int(m["day"]) <= 31 else None,  # 32日: no day
                )
                for m in p["reporting_schedule"].finditer(key)
            ]
            if recipient or schedules:
                raw = para.text[sentence.start() : sentence.end()].strip()
                return Reporting(recipient=recipient, schedules=schedules, raw=raw)
    return None


def paras_to_notice(preamble: list[Para], closing: list[Para], metadata: dict[str, str]) -> Notice:
    """Build the Notice from the preamble, the paragraphs after the tasks and page metadata.

    成文日期 is the first date line under a signature (an organ's name); only without one, the
    first date line (a web page may print its publication date, 2023年03月22日, above the notice)."""
    everything = [*preamble, *closing]
    published = publication_date(preamble, metadata)
    dates = [(i, d) for i, para in enumerate(everything) if (d := parse_date(para.key, published))]
    signed = [(i, d) for i, d in dates if i > 0 and patterns()["issuer"].match(everything[i - 1].key)]
    date_index, issued_on = (signed or dates)[0] if dates else (None, None)
    title, title_issuer = find_title(preamble)
    # without a 关于… line: the page's 标题 (its metadata table), else a line that ends like one
    named = next((v for label in TITLE_LABELS if (v := metadata.get(label))), None)
    if title is None and named:  # read as a title line is: 淮海省人民政府办公厅 | 关于印发…的通知
        title, title_issuer = find_title([Para(named, fold(named), Location(paragraph=1))])
        title = title or named
    title = title or page_title(preamble)
    notice = Notice(
        doc_number=find_doc_number(preamble),
        issuer=find_issuer(everything, date_index)
        or title_issuer
        or reported_issuer(preamble)
        or source_issuer(preamble),
        title=title,
        addressees=find_addressees(preamble),
        issued_on=issued_on,
        issued_on_raw=everything[date_index].text if date_index is not None else None,
        basis=find_basis(preamble),
        declared_counts=find_declared(preamble),
        reporting=find_reporting(preamble),
    )
    for label, field in METADATA_FIELDS.items():
        value = metadata.get(label)
        if value and getattr(notice, field) is None:
            setattr(notice, field, value)
    if notice.issued_on is None:  # no date line: the page's 成文日期 (生成日期 on some sites)
        raw = next((v for label in SIGNING_DATE_LABELS if (v := metadata.get(label))), None)
        notice.issued_on = metadata_date(raw) if raw else None
        notice.issued_on_raw = raw if notice.issued_on else None
    return notice


SIGNING_DATE_LABELS = ("成文日期", "生成日期")
TITLE_LABELS = ("标题", "名称")


def metadata_date(value: str) -> str | None:
    """2023-02-22, 2023/2/22 or 2023年2月22日 as ISO; None for anything else."""
    m = patterns()["metadata_date"].match(fold(value).strip())
    if m is None:
        return None
    month, day = int(m["m"]), int(m["d"])
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(int(m["y"]), month)[1]:
        return None
    return f"{int(m['y']):04d}-{month:02d}-{day:02d}"


DATE_START = frozenset("12〇○零O一二")  # a date line starts with its year
DEFAULT_MAX_SIGNATURE = 40  # characters of an organ's name on a signature line
# A date alone on a line (the 成文日期 under the signature) ends a 公文's main text: whatever is
# numbered after it (the attachment's 一、 or its table) does not hang under the cover letter's
# own 一、二、三、 points.
DATE_LINE = re.compile(
    r"^(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$"
    r"|^[〇○零O0一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3}\s*日$"
)


def signature_lines(blocks: list[NormalBlock]) -> set[int]:
    """The organ lines right above a date line (霖江省人民政府办公厅 / 2023年3月10日): a signature,
    never the text of the item before it (an item whose assignment was inline has no label
    lines to stop its text at). Two issuers may sign on lines of their own above the date
    (中共X县委办公室 / X县人民政府办公室 / date): the run of organ lines is the signature."""
    out: set[int] = set()
    for k, (a, b) in enumerate(itertools.pairwise(blocks)):
        if is_signature(a, b):
            out.add(id(a))
            above = k - 1
            while above >= 0 and k - above <= DEFAULT_SIGNATURE_LINES and _organ_line(blocks[above]):
                out.add(id(blocks[above]))
                above -= 1
    return out


DEFAULT_SIGNATURE_LINES = 3  # organ lines one signature may stand on, above its date


def _organ_line(block: NormalBlock) -> bool:
    """One organ's name, or several set apart by spaces (a joint signature on one line)."""
    if not isinstance(block, Para) or len(block.key) > DEFAULT_MAX_SIGNATURE * 2:
        return False
    names = block.key.split()
    issuer = patterns()["issuer"]
    return bool(names) and all(len(n) <= DEFAULT_MAX_SIGNATURE and issuer.match(n) for n in names)


def is_signature(a: NormalBlock, b: NormalBlock | None) -> bool:
    """Is `a` an organ line with a date line `b` right under it?"""
    if not (isinstance(a, Para) and isinstance(b, Para)):
        return False
    dated = b.key[:1] in DATE_START and DATE_LINE.match(b.key.replace(" ", ""))
    return bool(dated and _organ_line(a))
