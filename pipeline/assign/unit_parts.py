"""Unit parts: what a list writes once for several units, restored on each, and names a PDF
line break cut in two, joined. Takes the pieces `units` split off a list and fixes their names.

- a level prefix written once: 县科技工信局、国资委 -> 县国资委 (not when a later unit writes the
  prefix itself: 省市场监管局、商务厅、省大数据中心 keeps 商务厅); a party committee's prefix:
  区委组织部、社会工作部 -> 区委社会工作部;
- a shared suffix: 城关镇、栾川乡人民政府 -> 城关镇人民政府; 高新区、经开区管委会 -> 高新区管委会; a bare
  name takes the place word too: 东溪、西岭乡人民政府 -> 东溪乡人民政府, 东坪、南坪乡卫生院;
- a shared 各: 各县、区人民政府 -> 各区人民政府; 各镇、街道 -> 各街道;
- a space a PDF line break left inside a name: 县自然 资源局 -> 县自然资源局;
- two names a lost line break glued: 县农业农村局县财政局 -> 县农业农村局, 县财政局.
"""

from __future__ import annotations

from functools import cache, lru_cache

import regex

from pipeline.assign.unit_vocab import DEFAULT_NAME_CACHE, Piece, is_bare_department, level_prefix, vocabulary
from pipeline.normalize import fold

BARE_PLACE = regex.compile(r"(?:镇|乡|街道|县|区|市|州|旗)$")
LEVEL_WORD = regex.compile(r"^(?:镇|乡|街道|县|区|市|州|旗)$")
PLACE_WORD = regex.compile(r"镇|乡|街道")
ARTEFACT_SPACE = regex.compile(r"(?<=\p{Han})\s+(?=\p{Han})")


def restore_prefixes(pieces: list[Piece]) -> None:
    """Give bare department names the level prefix of the first unit of their 、-run, unless a
    later unit of the run writes the prefix itself (the notice writes it where it means it). A
    party committee's department (区委组织部) lends 区委 to the bare 部 after it."""
    for run in {p.run for p in pieces}:
        members = [p for p in pieces if p.run == run]
        prefix = level_prefix(members[0].name)
        if prefix is None:
            continue
        party = _party_prefix(members[0].name, prefix)
        for k, p in enumerate(members[1:], start=1):
            if not is_bare_department(p.name):
                continue
            if any(level_prefix(q.name) == prefix for q in members[k + 1 :]):
                continue  # 省市场监管局、商务厅、省大数据中心: 商务厅 stays as written
            own = party if party and fold(p.name).endswith("部") else prefix
            p.name = own + p.name
    for p in pieces:
        if p.alias and is_bare_department(p.alias):
            prefix = level_prefix(p.name)
            if prefix:
                p.alias = prefix + p.alias


def _party_prefix(name: str, prefix: str) -> str | None:
    key = fold(name)
    return (
        name[: len(prefix) + 1] if key[len(prefix) : len(prefix) + 1] == "委" and key.endswith("部") else None
    )


@lru_cache(maxsize=DEFAULT_NAME_CACHE)
def _split_head(name: str) -> tuple[str, str, str] | None:
    """A name of a place and its body (西岭乡人民政府, 南坪乡卫生院, 高新区管委会): (place name, place
    word, body) when the body after the last place word is a unit suffix on its own; else None."""
    v = vocabulary()
    key = fold(name)
    m = v.government_end.search(key)
    if m is not None:
        place = key[: m.start()]
        word = BARE_PLACE.search(place)
        if word is not None and (word.start() > 0 or word.end() == len(place)):
            return name[: word.start()], name[word.start() : m.start()], name[m.start() :]  # 区人民政府 too
        if word is None and v.township.match(key[m.start() :]) and m.start() > 0:
            return name[: m.start()], "", name[m.start() :]  # 新桥 + 街道办事处
    for word in reversed(list(PLACE_WORD.finditer(key))):
        body = key[word.end() :]
        if word.start() > 0 and body and v.unit_end.search(body) and level_prefix(name) is None:
            return name[: word.start()], name[word.start() : word.end()], name[word.end() :]
    return None


def restore_suffixes(pieces: list[Piece]) -> None:
    """Shared parts written once in a 、-run are restored on every member:

    - the body after the place word: 城关镇、栾川乡人民政府 -> 城关镇人民政府; 高新区、经开区管委会 ->
      高新区管委会; a bare name takes the place word too: 东溪、西岭乡人民政府 -> 东溪乡人民政府,
      东坪、南坪乡卫生院 -> 东坪乡卫生院; 红旗、新桥街道办事处 -> 红旗街道办事处;
    - a leading 各 over bare level words: 各县、区人民政府 -> 各县人民政府, 各区人民政府 (区人民政府
      alone names no body, so it is never given without the 各 it shares); 各镇、街道 -> 各街道."""
    for i, p in enumerate(pieces):
        head = _split_head(p.name)
        if head is None:
            _share_each(pieces, i)
            continue
        _, word, body = head
        j = i - 1
        while j >= 0 and pieces[j].run == p.run and pieces[j].name:
            if _bare_place(pieces[j].name):
                pieces[j].name += body
            elif _bare_name(pieces[j]):
                pieces[j].name += word + body
            else:
                break
            j -= 1
        first = pieces[j + 1] if j + 1 < i else None
        if (
            first is not None
            and fold(first.name).startswith("各")
            and LEVEL_WORD.match(fold(word or head[0]))
        ):
            p.name = "各" + p.name


def _share_each(pieces: list[Piece], i: int) -> None:
    """各镇、街道: a bare level word after a 各-unit of its run shares the 各."""
    p = pieces[i]
    if i == 0 or not LEVEL_WORD.match(fold(p.name)):
        return
    j = i - 1
    while j > 0 and pieces[j - 1].run == p.run and LEVEL_WORD.match(fold(pieces[j].name).removeprefix("各")):
        j -= 1
    if pieces[j].run == p.run and fold(pieces[j].name).startswith("各"):
        p.name = "各" + p.name


def _bare_name(piece: Piece) -> bool:
    """红旗 before 新桥街道办事处: a name that is no body on its own (its suffix is elided)."""
    return bool(piece.name) and not _complete_name(piece.name) and level_prefix(piece.name) is None


def _bare_place(name: str) -> bool:
    """A place name without its body's suffix: 城关镇, 高新区, 各县 (before …人民政府)."""
    v = vocabulary()
    key = fold(name).removeprefix("各")
    return bool(key) and bool(BARE_PLACE.search(key)) and not v.collective.search(key)


COLLECTIVE_START = ("各", "全", "相关", "有关", "其他", "其它")


def _complete_name(text: str) -> bool:
    """A piece that ends like a body's name (县统计局, 各乡镇); 各乡镇人民 does not."""
    v = vocabulary()
    key = fold(text).removeprefix("各")
    if key in v.prefixes:  # 市 alone: a level prefix the line break cut from its name
        return False
    if fold(text).startswith("各") and not _collective_complete(key):
        return False  # 各设区 (市人民政府): 各 names a kind of body, and 设区 is none
    if key.endswith("会") and not key.endswith(v.hui_heads):
        return False  # 省人力资源社会 (保障厅): 社会 is no body
    if level_prefix(text) is not None and not (v.department_end.search(key) or v.government_end.search(key)):
        return bool(v.enterprise_end.search(key) or v.committee_end.search(key))  # 区住房城乡: cut
    ended = v.unit_end.search(key) or v.committee_end.search(key) or v.collective.search(key[-4:])
    return bool(ended) or _collective_at_end().search(fold(text)) is not None


@cache
def _collective_at_end() -> regex.Pattern[str]:
    """县直各帮扶单位, 相关金融机构: a name that closes with a collective's head names its bodies."""
    return regex.compile(f"(?:{vocabulary().collective.pattern})$")


LEVELS_ONLY = regex.compile(r"^(?:县|区|市|乡|镇|街道|旗|州|省|盟)+$")


def _collective_complete(rest: str) -> bool:
    """What follows 各 names a kind of body: level words (各县区, 各乡镇街道) or a body's ending
    (各部门, 各有关单位, 各乡镇人民政府)."""
    v = vocabulary()
    if LEVELS_ONLY.match(rest):
        return True
    ended = v.department_end.search(rest) or v.government_end.search(rest) or v.committee_end.search(rest)
    return bool(ended) or (bool(v.collective.search("各" + rest)) and not BARE_PLACE.search(rest))


def _level_government(text: str) -> bool:
    head = _split_head(text)
    return head is not None and not head[0] and bool(LEVEL_WORD.match(fold(head[1])))


def _continues_name(text: str) -> bool:
    """A piece that can be the rest of a name: not one that starts a name (各…, 县…)."""
    return text[:1].isalpha() and not fold(text).startswith(COLLECTIVE_START) and level_prefix(text) is None


def join_artefact_spaces(text: str, pairs: list[tuple[str, str]]) -> list[tuple[str, str, bool]]:
    """Pieces split at a space that a PDF line break left inside a name (县自然 资源局) are joined:
    a space between two Han characters separates units only when the piece before it is a unit
    on its own (县统计局 县发改局). Returns (raw as written, separator, joined)."""
    out: list[tuple[str, str, bool]] = []
    cursor = 0
    for raw, sep in pairs:
        at = text.find(raw, cursor)
        # 各设区 市人民政府: a level's government after an unfinished 各-phrase is its end
        open_collective = bool(out) and fold(out[-1][0]).startswith("各") and _level_government(raw)
        if (
            out
            and sep.isspace()
            and not _complete_name(out[-1][0])
            and (_continues_name(raw) or open_collective)
        ):
            prev = out[-1][0]
            start = text.rfind(prev, 0, at)
            if start >= 0 and prev[-1:].isalpha() and text[start + len(prev) : at].isspace():
                out[-1] = (text[start : at + len(raw)], out[-1][1], True)
                cursor = at + len(raw)
                continue
        out.append((raw, sep, False))
        cursor = max(cursor, at + len(raw)) if at >= 0 else cursor
    return out


def split_glued(piece: str) -> list[str]:
    """县农业农村局县财政局 -> [县农业农村局, 县财政局]: prefixed names with nothing between them, where
    a PDF cell or a copy lost the line break that separated the units. A cut needs a body's name on
    each side: a level prefix, a name of its own and a department's or government's ending before
    it, a level prefix and a complete name after. 县委县政府督查室 (县委: no name before 委),
    市生态环境局县分局 (县分局: none before 分局) and 市住建局市政处 (市政 is no prefix) stay whole."""
    v = vocabulary()
    key = fold(piece)
    if len(key) < 8 or level_prefix(piece) is None:
        return [piece]
    depth = 0
    for i in range(1, len(key) - 3):
        depth += (key[i - 1] in "（(〔【[") - (key[i - 1] in "）)〕】]")
        if depth or key[i] not in v.prefix_starts or not _named_body(piece[:i], ends=True):
            continue
        if _named_body(piece[i:], ends=False) and _complete_name(piece[i:]):
            return [piece[:i], *split_glued(piece[i:])]
    return [piece]


def _named_body(text: str, *, ends: bool) -> bool:
    """A level prefix and a name before the body's ending (`ends`: and it ends as a body does)."""
    v = vocabulary()
    prefix = level_prefix(text)
    if prefix is None:
        return False
    rest = fold(text)[len(prefix) :]
    ended = v.department_end.search(rest) or v.government_end.search(rest)
    return (ended is not None or not ends) and not v.bare_end.fullmatch(rest)
