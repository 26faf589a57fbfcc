"""The head a page sets around the notice's title, outside the article body.

A portal often prints the title in a head block of its own above the body (div.art-head > h1),
and beside it what a paper 公文 prints above and under its title: the 文号 line (above the h1 or
under it in a div.sub), 发文机关：… / 成文日期：… lines, or spans 发布时间：… 文号：… 来源：… in one
info line. Read only the body, the notice loses its number and date. The title's siblings in its
block are read: a line that is a 文号 is a line of the notice's head, set in page order around the
title; label：value pieces with a 信息公开 label (data/html.json metadata_labels) go to the metadata,
as a 信息公开 table's do. Nothing else there is read (a share bar, a font-size switch).
"""

from __future__ import annotations

import re
from functools import cache

import regex
from lxml.html import HtmlElement as Element

from pipeline.normalize import fold
from pipeline.readers.html_lines import clean
from pipeline.vocab import load

MAX_SIBLINGS = 12  # elements of the title's block read, around the title
MAX_PIECE = 120  # characters of one line there; a paragraph is body text
LABEL_JUNK = re.compile(r"[\s\u00a0\u3000:：]+")


@cache
def _doc_number() -> regex.Pattern[str]:
    return regex.compile(r"^\s*" + load("header.json")["doc_number"] + r"\s*$")


@cache
def _pair() -> regex.Pattern[str]:
    """label：value, up to the next label: of the line (发布时间：2023-02-22 文号：… 来源：…)."""
    return regex.compile(r"([^\s:：]{2,8})\s*[:：]\s*(.+?)(?=\s+[^\s:：]{2,8}\s*[:：]|$)")


def _pieces(el: Element) -> list[str]:
    """An element's lines: one per child element where it holds only elements (spans), else one."""
    children = [c for c in el if isinstance(c.tag, str)]
    if children and not (el.text or "").strip() and all(not (c.tail or "").strip() for c in children):
        return [clean(c.text_content()).strip() for c in children]
    return [clean(el.text_content()).strip()]


def title_head(
    body: Element, title_el: Element, title: str, labels: frozenset[str]
) -> tuple[list[str], dict[str, str]]:
    """The head's lines in page order, the title among them, and the metadata its pieces give."""
    parent = title_el.getparent()
    if parent is None:
        return [title], {}
    siblings = [s for s in parent if isinstance(s.tag, str)]
    at = siblings.index(title_el)
    lines: list[str] = []
    metadata: dict[str, str] = {}
    for k, el in enumerate(
        siblings[max(0, at - MAX_SIBLINGS) : at + MAX_SIBLINGS], start=max(0, at - MAX_SIBLINGS)
    ):
        if el is title_el:
            lines.append(title)
            continue
        if el is body or body in el.iterdescendants():
            if k > at:
                break
            continue
        for piece in _pieces(el):
            if not piece or len(piece) > MAX_PIECE:
                continue
            if _doc_number().match(fold(piece)):
                lines.append(piece)
                continue
            for m in _pair().finditer(piece):
                label = LABEL_JUNK.sub("", m[1])
                if label in labels:
                    metadata.setdefault(label, m[2].strip())
    return lines, metadata
