"""Metamorphic variants of a notice: rewrites that change its form and never its answer.

Each variant is a pure function `text -> text | None` (None: the rewrite does not apply to this
notice, e.g. label-order on a notice without label lines, or a rewrite that would change nothing)
with a matching gold transform `(gold, original text) -> gold` where the answer's spelling changes
(only `traditional` needs one: the scorer folds width and whitespace, so the other variants keep
the gold as it is). `VARIANTS = {name: (text_fn, gold_fn)}`; `gold_fn` None means "gold unchanged".

    halfwidth        full-width ，：；（）！？ to ASCII , : ; ( ) ! ?
    fullwidth        ASCII , : ; ( ) to full-width, only next to a CJK character (never inside
                     Latin/digit runs: 2.5, GDP, 5G, URLs, 2021-03-29, 12:00, 1,000); parentheses
                     are converted as a pair, so no mixed （1) is made
    one-line         the non-blank lines joined with single spaces (a web copy gluing the body);
                     skipped for table-layout notices (layout == "table" in the gold)
    no-blank-lines   every blank line removed
    label-synonyms   牵头/责任/配合/协办 单位 <-> 部门, only at a label position: followed by a colon,
                     set alone in brackets (【牵头单位】) or alone in a table cell; never inside a
                     sentence (各责任单位要…) and never inside a longer label (配合责任单位:)
    label-order      per task, the first two consecutive label lines (a line starting with a label and
                     a colon) with different labels swapped; a pair is left alone when the second
                     line may continue on the next line (a wrapped unit list)
    traditional      OpenCC s2t over the whole text; the gold's strings converted the same way (in
                     context: a gold string found in the text takes the converted characters at its
                     place, so phrase-dependent conversions match as written)

`generate(cases)` yields one `Generated` per (variant, case) with its status ("applied",
"not applicable", "skipped") and, when applied, the variant text and gold; `variant_cases(cases)`
yields (variant_name, case_name, text, gold) for the applied ones; `write_variant` writes a text
under a temporary directory keeping the original file name (and so its `.txt` suffix).
"""

from __future__ import annotations

import copy
import functools
import itertools
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Gold = dict[str, Any]
TextFn = Callable[[str], str | None]
GoldFn = Callable[[Gold, str], Gold]


class VariantUnavailable(RuntimeError):
    """The variant cannot be generated in this environment (e.g. OpenCC is not installed)."""


# Characters that count as CJK context: ideographs, CJK symbols and punctuation, full-width forms,
# and the curly quotes Chinese text uses.
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\u201c\u201d\u2018\u2019"
IDEOGRAPH = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{CJK}]")

# Gold keys that describe the file rather than state the answer; no variant rewrites them.
META_KEYS = frozenset({"source", "layout", "conventions", "about", "jurisdiction"})


def _is_cjk(ch: str) -> bool:
    return bool(ch) and _CJK_RE.match(ch) is not None


def map_gold_strings(gold: Gold, fn: Callable[[str], str]) -> Gold:
    """A deep copy of `gold` with `fn` applied to every string value (keys and META_KEYS untouched)."""

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return fn(value)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: (copy.deepcopy(v) if k in META_KEYS else walk(v)) for k, v in value.items()}
        return value

    out: Gold = walk(gold)
    return out


def _changed(new: str, old: str) -> str | None:
    return new if new != old else None


# --- width ---------------------------------------------------------------------------------------

HALF = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?"})
FULL = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）"}


def halfwidth(text: str) -> str | None:
    """Full-width ，：；（）！？ to their ASCII forms."""
    return _changed(text.translate(HALF), text)


def fullwidth(text: str) -> str | None:
    """ASCII , : ; ( ) to full-width where a neighbour is a CJK character (conservative).

    `,` `:` `;` convert when the character before or after them is CJK. Parentheses convert as a
    matched pair on one line, when a character next to either bracket (inside or outside) is CJK;
    an unmatched bracket is left alone. Latin/digit runs (2.5, GDP, 5G, 12:00, 1,000, URLs,
    2021-03-29) have no CJK neighbour and so never change.
    """
    chars = list(text)
    n = len(text)

    def near_cjk(i: int) -> bool:
        return (i > 0 and _is_cjk(text[i - 1])) or (i + 1 < n and _is_cjk(text[i + 1]))

    for i, ch in enumerate(text):
        if ch in ",:;" and near_cjk(i):
            chars[i] = FULL[ch]
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch == "\n":
            stack.clear()
        elif ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            j = stack.pop()
            if near_cjk(j) or near_cjk(i):
                chars[j], chars[i] = "（", "）"
    return _changed("".join(chars), text)


# --- line layout ---------------------------------------------------------------------------------


def one_line(text: str) -> str | None:
    """The non-blank lines, stripped, joined with single spaces into one line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) < 2:
        return None
    return " ".join(lines) + "\n"


def no_blank_lines(text: str) -> str | None:
    """Every blank (empty or whitespace-only) line removed."""
    lines = text.split("\n")
    trailing = text.endswith("\n")
    kept = [line for line in (lines[:-1] if trailing else lines) if line.strip()]
    return _changed("\n".join(kept) + ("\n" if trailing else ""), text)


# --- label synonyms ------------------------------------------------------------------------------

SYNONYMS = {
    "牵头单位": "牵头部门",
    "责任单位": "责任部门",
    "配合单位": "配合部门",
    "协办单位": "协办部门",
}
SYNONYMS.update({v: k for k, v in list(SYNONYMS.items())})
_WORD = "(?:牵头|责任|配合|协办)(?:单位|部门)"
# the word, not preceded by an ideograph (so not 各责任单位 / 配合责任单位), followed by a colon
_COLON_LABEL = re.compile(f"(?<![{IDEOGRAPH}])({_WORD})(?=[ \\t\\u3000]*[:：])")
# the word alone in brackets: 【牵头单位】 [牵头单位] 〔牵头单位〕 ［牵头单位］
_BRACKET_LABEL = re.compile(f"(?<=[【\\[〔［])({_WORD})(?=[】\\]〕］])")
# table cell separators: a pipe, a tab, two or more spaces (or an ideographic space)
_CELL_SEP = re.compile(r"\||\t|[ \u3000]{2,}|\u3000")
_WHOLE_WORD = re.compile(f"[ \\u3000]*({_WORD})[ \\u3000]*")


def label_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every label word at a label position: before a colon, alone in brackets,
    or alone in a table cell (a whole line, or a cell between | / tab / wide-space separators)."""
    spans = {m.span(1) for m in _COLON_LABEL.finditer(text)}
    spans |= {m.span(1) for m in _BRACKET_LABEL.finditer(text)}
    pos = 0
    for line in text.split("\n"):
        start = 0
        for sep in [*_CELL_SEP.finditer(line), None]:
            end = sep.start() if sep else len(line)
            m = _WHOLE_WORD.fullmatch(line, start, end)
            if m:
                spans.add((pos + m.start(1), pos + m.end(1)))
            if sep:
                start = sep.end()
        pos += len(line) + 1
    return sorted(spans)


def swap_label_words(text: str) -> str:
    """Every label word at a label position replaced by its synonym (单位 <-> 部门)."""
    out, last = [], 0
    for start, end in label_spans(text):
        out += [text[last:start], SYNONYMS[text[start:end]]]
        last = end
    out.append(text[last:])
    return "".join(out)


def label_synonyms(text: str) -> str | None:
    return _changed(swap_label_words(text), text)


def label_synonyms_gold(gold: Gold, text: str) -> Gold:
    """A label word at a label position inside a gold string (a task text that keeps its bracket
    note, say) changes with the text; unit names and sentences never hold one. In context: a gold
    string found in the text takes the swapped text at its place (a synonym is as long as its
    word), so a task text that opens with a label word (4.牵头单位  每季度…) changes only where the
    text's own line did; one not found is swapped on its own."""
    swapped = swap_label_words(text)

    def in_context(value: str) -> str:
        at = text.find(value)
        return swapped[at : at + len(value)] if at >= 0 else swap_label_words(value)

    return map_gold_strings(gold, in_context)


# --- label order ---------------------------------------------------------------------------------

LABELS = (
    "牵头责任单位",
    "配合责任单位",
    "协同责任单位",
    "牵头负责领导",
    "牵头市领导",
    "牵头单位",
    "牵头部门",
    "责任单位",
    "责任部门",
    "配合单位",
    "配合部门",
    "协办单位",
    "协办部门",
    "参与单位",
    "协同单位",
    "主责单位",
    "主办单位",
    "责任处室",
    "牵头领导",
    "责任领导",
    "督办领导",
    "分管领导",
    "完成时限",
    "完成时间",
    "时间进度",
    "责任人",
    "时限",
)
_LABEL_LINE = re.compile(f"^[ \\t\\u3000]*({'|'.join(LABELS)})[ \\t\\u3000]*[:：](.*)$")
_CN_NUM = "一二三四五六七八九十百零〇"
_ITEM_START = re.compile(
    r"^[ \t\u3000]*(?:"
    r"[\d０-９]+[.、．,，)）]"
    f"|[（(][\\d０-９{_CN_NUM}]+[)）]"
    f"|[{_CN_NUM}]+[、.．]"
    f"|第[\\d{_CN_NUM}]+[章节条部分项]"
    r"|[①-⑳]"
    r")"
)


@dataclass(frozen=True)
class _Block:
    label: str
    start: int  # line index of the label line
    end: int  # last line index of the block (continuation lines of an empty label included)


def _label_blocks(lines: list[str]) -> list[_Block]:
    blocks = []
    i = 0
    while i < len(lines):
        m = _LABEL_LINE.match(lines[i])
        if not m:
            i += 1
            continue
        end = i
        if not m.group(2).strip():  # 牵头单位：  with the names on the next line(s)
            j = i + 1
            while j < len(lines) and lines[j].strip() and not _is_boundary(lines[j]):
                end = j
                j += 1
            if end == i:  # an empty label with nothing after it: not a usable block
                i += 1
                continue
        blocks.append(_Block(m.group(1), i, end))
        i = end + 1
    return blocks


def _is_boundary(line: str) -> bool:
    return bool(_LABEL_LINE.match(line) or _ITEM_START.match(line))


def _next_nonblank(lines: list[str], i: int) -> int | None:
    for j in range(i + 1, len(lines)):
        if lines[j].strip():
            return j
    return None


def label_order(text: str) -> str | None:
    """Swap the first two consecutive label lines (different labels) of every task.

    Label lines are consecutive when only blank lines lie between them; a run of them belongs to
    one task. A pair is swapped only when what follows the second one is a label line, a numbered
    item or the end of the text; anything else might be the wrapped rest of its unit list.
    """
    lines = text.split("\n")
    blocks = _label_blocks(lines)
    swaps: list[tuple[_Block, _Block]] = []
    k = 0
    while k < len(blocks):
        run = [blocks[k]]
        while k + 1 < len(blocks) and _next_nonblank(lines, blocks[k].end) == blocks[k + 1].start:
            run.append(blocks[k + 1])
            k += 1
        k += 1
        for a, b in itertools.pairwise(run):
            after = _next_nonblank(lines, b.end)
            if a.label != b.label and (after is None or _is_boundary(lines[after])):
                swaps.append((a, b))
                break
    if not swaps:
        return None
    for a, b in reversed(swaps):
        first, gap, second = (
            lines[a.start : a.end + 1],
            lines[a.end + 1 : b.start],
            lines[b.start : b.end + 1],
        )
        lines[a.start : b.end + 1] = [*second, *gap, *first]
    return "\n".join(lines)


# --- traditional ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _s2t() -> Callable[[str], str]:
    try:
        import opencc
    except ImportError as exc:
        raise VariantUnavailable("opencc is not installed (pip install opencc)") from exc
    try:
        converter = opencc.OpenCC("s2t")
    except Exception:  # some builds name the configuration file
        converter = opencc.OpenCC("s2t.json")
    convert: Callable[[str], str] = converter.convert
    return convert


def traditional(text: str) -> str | None:
    """The whole text converted Simplified -> Traditional with OpenCC s2t."""
    return _changed(_s2t()(text), text)


@functools.cache
def _key(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


def traditional_gold(gold: Gold, text: str) -> Gold:
    """The gold's strings converted as the text converts them.

    s2t is phrase-based, so a name converted on its own may differ from the same name converted in
    its sentence. A gold string found in the text (whitespace and width ignored) takes the converted
    characters at that place; one that is not (a restored unit name, say) is converted on its own.
    """
    convert = _s2t()
    converted = convert(text)
    if len(converted) != len(text):  # no character alignment: convert each string on its own
        return map_gold_strings(gold, convert)
    positions = [i for i, ch in enumerate(text) if not ch.isspace()]
    keys = "".join(_key(text[i]) for i in positions)

    def in_context(s: str) -> str:
        body = [(k, ch) for k, ch in enumerate(s) if not ch.isspace()]
        at = keys.find("".join(_key(ch) for _, ch in body)) if body else -1
        if at < 0:
            return convert(s)
        out = list(s)
        for n, (k, ch) in enumerate(body):
            pos = positions[at + n]
            out[k] = converted[pos] if text[pos] == ch else convert(ch)
        return "".join(out)

    return map_gold_strings(gold, in_context)


# --- registry and cases --------------------------------------------------------------------------

VARIANTS: dict[str, tuple[TextFn, GoldFn | None]] = {
    "halfwidth": (halfwidth, None),
    "fullwidth": (fullwidth, None),
    "one-line": (one_line, None),
    "no-blank-lines": (no_blank_lines, None),
    "label-synonyms": (label_synonyms, label_synonyms_gold),
    "label-order": (label_order, None),
    "traditional": (traditional, traditional_gold),
}

# Gold layouts a variant cannot honestly be applied to (joining a table's lines destroys the table).
SKIP_LAYOUTS: dict[str, frozenset[str]] = {"one-line": frozenset({"table"})}

APPLIED, NOT_APPLICABLE, SKIPPED = "applied", "not applicable", "skipped"


@dataclass(frozen=True)
class Generated:
    variant: str
    case: str
    status: str  # APPLIED, NOT_APPLICABLE or SKIPPED
    reason: str = ""
    text: str | None = None
    gold: Gold | None = None
    path: Path | None = None  # the original text file


def read_text(path: Path) -> str:
    """The file's text exactly (no newline translation), so a variant changes only what it means to;
    decoded as the reader decodes it (a genre notice may be stored as GB18030)."""
    from pipeline.readers.text import decode

    return decode(path.read_bytes(), path)[0]


def apply_variant(name: str, text: str, gold: Gold) -> tuple[str, str, str | None, Gold | None]:
    """(status, reason, variant text, variant gold) of one variant on one notice."""
    text_fn, gold_fn = VARIANTS[name]
    layout = gold.get("layout")
    if layout in SKIP_LAYOUTS.get(name, ()):
        return SKIPPED, f"layout {layout}", None, None
    try:
        new = text_fn(text)
        if new is None or new == text:
            return NOT_APPLICABLE, "nothing to rewrite", None, None
        new_gold = gold_fn(gold, text) if gold_fn else copy.deepcopy(gold)
    except VariantUnavailable as exc:
        return SKIPPED, str(exc), None, None
    return APPLIED, "", new, new_gold


def generate(
    cases: Iterable[tuple[str, Path, Path | Gold]], names: Iterable[str] | None = None
) -> Iterator[Generated]:
    """One Generated per (variant, case), variants in VARIANTS order. A case's gold is a path to a
    JSON file or an already loaded dict."""
    loaded = []
    for case, txt, gold in cases:
        g = gold if isinstance(gold, dict) else json.loads(Path(gold).read_text(encoding="utf-8"))
        loaded.append((case, Path(txt), read_text(Path(txt)), g))
    for name in names or VARIANTS:
        for case, txt, text, g in loaded:
            status, reason, new, new_gold = apply_variant(name, text, g)
            yield Generated(name, case, status, reason, new, new_gold, txt)


def variant_cases(
    cases: Iterable[tuple[str, Path, Path | Gold]], names: Iterable[str] | None = None
) -> Iterator[tuple[str, str, str, Gold]]:
    """(variant_name, case_name, text, gold) for every variant that applies to a case."""
    for g in generate(cases, names):
        if g.status == APPLIED and g.text is not None and g.gold is not None:
            yield g.variant, g.case, g.text, g.gold


def write_variant(folder: Path, variant: str, original: Path, text: str) -> Path:
    """Write a variant text to `folder/<variant>/<original file name>` (suffix kept) and return it."""
    out = Path(folder) / variant / Path(original).name
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(text.encode("utf-8"))
    return out
