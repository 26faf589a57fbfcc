"""The synthetic genre set: notices written in the style of real ones, for places not in the corpus.

tests/genre/NNN-short-name.txt is a whole notice (invented places, units and people) and
NNN-short-name.gold.json its answer in the shared corpus's gold format, annotated by the rules of
shared/corpus/README.md. Each file is one case: it is parsed with `pipeline.parse` and scored with
tests/scoring.py (a copy of shared/tools/score.py); every gold task must be found and no other
(task recall = precision = 1.0), with exact texts, numbers and paths and every unit right
(unit F1 = 1.0): the set is a regression suite, so any change shows. The message lists what differs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline import parse
from tests.conftest import CORPUS, needs_shared
from tests.scoring import match, norm, score

GENRE = Path(__file__).resolve().parent / "genre"
# a notice made in Word, LibreOffice or a web page is scored as it was made, not as text
CARRIERS = (".txt", ".docx", ".html", ".pdf")
FILES = sorted(p for p in GENRE.iterdir() if p.suffix in CARRIERS)
MIN_UNIT_F1 = 1.0


def gold_of(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.with_name(path.stem + ".gold.json").read_text(encoding="utf-8"))
    return data


def predict(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(parse(path).model_dump_json())
    return data


def differences(gold: dict[str, Any], pred: dict[str, Any], s: dict[str, Any]) -> list[str]:
    """What a reader needs to fix a failure: unmatched tasks, role errors, paths, notice fields."""
    pairs = match(gold["tasks"], pred.get("tasks", []))
    matched_g = {id(g) for g, _, _ in pairs}
    matched_p = {id(p) for _, p, _ in pairs}
    out = [f"missing task {g.get('number')}: {g['text']}" for g in gold["tasks"] if id(g) not in matched_g]
    out += [f"extra task {p.get('number')}: {p.get('text')}" for p in pred["tasks"] if id(p) not in matched_p]
    out += [f"units {e}" for e in s["errors"]]
    for g, p, ratio in pairs:
        if ratio < 1.0:
            out.append(f"text {g.get('number')}: expected {g['text']!r} got {p.get('text')!r}")
        gp, pp = [norm(x) for x in g.get("path", [])], [norm(x["title"]) for x in p.get("path", [])]
        if gp != pp:
            out.append(f"path {g.get('number')}: expected {gp} got {pp}")
    out += [f"notice {k}: got {pred['notice'].get(k)!r}" for k, ok in s["meta_ok"].items() if not ok]
    return out


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_genre(path: Path) -> None:
    gold, pred = gold_of(path), predict(path)
    s = score(gold, pred)
    exact = s["text_exact"] == s["number_ok"] == s["path_ok"] == s["matched"]
    ok = s["task_recall"] == 1.0 and s["task_precision"] == 1.0 and s["unit_F1"] >= MIN_UNIT_F1 and exact
    summary = (
        f"{path.name}: recall {s['task_recall']} precision {s['task_precision']} unit F1 {s['unit_F1']} "
        f"(P {s['unit_P']} R {s['unit_R']})"
    )
    assert ok, summary + "\n  " + "\n  ".join(differences(gold, pred, s))


def test_genre_set_is_there() -> None:
    assert len(FILES) >= 12, f"expected at least 12 notices in {GENRE}, found {len(FILES)}"
    for path in FILES:
        assert path.with_name(path.stem + ".gold.json").exists(), f"{path.name} has no .gold.json"


@needs_shared
def test_scoring_copy_agrees_with_shared_scorer() -> None:
    """tests/scoring.py must give what shared/tools/score.py gives (checked on the corpus)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("shared_score", CORPUS.parent / "tools" / "score.py")
    assert spec is not None and spec.loader is not None
    shared = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shared)
    for text in sorted(CORPUS.glob("*.txt"))[:6]:
        gold = json.loads(text.with_suffix(".gold.json").read_text(encoding="utf-8"))
        pred = predict(text)
        pred["tasks"] = pred["tasks"][1:]  # a missing task exercises the unmatched branches too
        assert score(gold, pred) == shared.score(gold, pred), text.name


CORPUS_FILES = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


@needs_shared
@pytest.mark.parametrize("path", CORPUS_FILES, ids=[p.name for p in CORPUS_FILES])
def test_corpus(path: Path) -> None:
    """The shared corpus of real notices holds to the same bar as the genre set: make test, not only
    make accuracy, fails when a rule breaks one of them (045's group-row paths once did)."""
    gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
    pred = predict(path)
    s = score(gold, pred)
    exact = s["text_exact"] == s["number_ok"] == s["path_ok"] == s["matched"]
    ok = s["task_recall"] == 1.0 and s["task_precision"] == 1.0 and s["unit_F1"] >= MIN_UNIT_F1 and exact
    assert ok, f"{path.name}: " + "\n  ".join(differences(gold, pred, s))
