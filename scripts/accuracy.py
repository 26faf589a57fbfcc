"""Score the pipeline on the shared gold corpus and write docs/accuracy.md.

Runs `pipeline.parse` in-process over every `<shared>/corpus/NNN.txt` (and the seed reference
`<shared>/reference/*.txt` against its `.answer.json`), scores each result with the shared
scorer `<shared>/tools/score.py`, prints a per-document table and the overall figures (unit
precision/recall/F1 are micro-averaged over all documents) and writes them to docs/accuracy.md.

    python scripts/accuracy.py --shared ../shared            # table + docs/accuracy.md
    python scripts/accuracy.py --shared ../shared --errors   # also the scorer's role errors

A second table scores the synthetic genre set (tests/genre/*.txt, .docx, .html and .pdf against
*.gold.json, notices written for places not in the corpus) with tests/scoring.py, the
repository's copy of the scorer; it needs no shared folder. Without the shared folder only
that table is produced.

A "Metamorphic variants" section follows: every notice of both sets rewritten by each variant in
tests/metamorphic.py (width, line layout, label synonyms and order, traditional characters; each
changes the form, never the answer), parsed from a temporary copy, scored with its set's scorer and
set beside the original's figures on the same documents (`--no-variants` leaves it out).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COLUMNS = ("doc", "tasks", "pred", "recall", "precision", "text", "number", "path", "unit P", "unit R", "F1")


def load_scorer(shared: Path) -> Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]:
    spec = importlib.util.spec_from_file_location("shared_score", shared / "tools" / "score.py")
    assert spec is not None and spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    score: Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]] = module.score
    return score


GENRE = ROOT / "tests" / "genre"


def genre_cases(folder: Path = GENRE) -> list[tuple[str, Path, Path]]:
    files = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".docx", ".html", ".pdf"))
    out = [(p.stem, p, p.with_name(p.stem + ".gold.json")) for p in files]
    return [c for c in out if c[2].exists()]


def cases(shared: Path) -> list[tuple[str, Path, Path]]:
    out = [(p.stem, p, p.with_suffix(".gold.json")) for p in sorted((shared / "corpus").glob("*.txt"))]
    for ref in sorted((shared / "reference").glob("*.txt")):
        answer = ref.with_suffix(".answer.json")
        if answer.exists():
            out.append((ref.stem, ref, answer))
    return [c for c in out if c[2].exists()]


def run_case(path: Path) -> tuple[dict[str, Any], str | None]:
    from pipeline import parse
    from pipeline.errors import PipelineError

    try:
        result = parse(path)
    except PipelineError as exc:
        return {"notice": {}, "tasks": []}, str(exc)
    pred: dict[str, Any] = json.loads(result.model_dump_json())
    return pred, None


def meta_cell(meta: dict[str, bool]) -> str:
    if not meta:
        return "-"
    return f"{sum(meta.values())}/{len(meta)}"


def row_of(name: str, s: dict[str, Any]) -> list[str]:
    matched = s["matched"]
    return [
        name,
        str(s["gold_tasks"]),
        str(s["pred_tasks"]),
        f"{s['task_recall'] or 0:.2f}",
        f"{s['task_precision']:.2f}",
        f"{s['text_exact']}/{matched}",
        f"{s['number_ok']}/{matched}",
        f"{s['path_ok']}/{matched}",
        f"{s['unit_P']:.3f}",
        f"{s['unit_R']:.3f}",
        f"{s['unit_F1']:.3f}",
    ]


def overall(scores: list[dict[str, Any]]) -> dict[str, float]:
    total = {k: sum(s[k] for s in scores) for k in ("gold_tasks", "pred_tasks", "matched", "unit_tp")}
    fp = sum(s["unit_fp"] for s in scores)
    fn = sum(s["unit_fn"] for s in scores)
    tp = total["unit_tp"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    meta = [v for s in scores for v in s["meta_ok"].values()]
    return {
        "task_recall": total["matched"] / total["gold_tasks"] if total["gold_tasks"] else 0.0,
        "task_precision": total["matched"] / total["pred_tasks"] if total["pred_tasks"] else 0.0,
        "text_exact": sum(s["text_exact"] for s in scores) / max(1, total["matched"]),
        "path_ok": sum(s["path_ok"] for s in scores) / max(1, total["matched"]),
        "number_ok": sum(s["number_ok"] for s in scores) / max(1, total["matched"]),
        "unit_P": p,
        "unit_R": r,
        "unit_F1": 2 * p * r / (p + r) if p + r else 0.0,
        "meta_ok": sum(meta) / len(meta) if meta else 0.0,
        "min_F1": min(s["unit_F1"] for s in scores),
    }


Section = tuple[str, str, list[list[str]], list[str], dict[str, float]]


def markdown(sections: list[Section]) -> str:
    """One table and one overall block per section: (title, intro, rows, notice cells, overall)."""
    head = [*COLUMNS, "notice"]
    lines = [
        "# Accuracy on the shared gold corpus",
        "",
        f"Generated by `make accuracy` (scripts/accuracy.py) on {dt.date.today().isoformat()}. "
        "text/number/path count matched tasks; notice = notice fields right out of those the gold gives. "
        "Unit P/R/F1 in the overall blocks are micro-averaged over the documents of the table "
        "(true/false positives summed).",
    ]
    for title, intro, rows, metas, total in sections:
        lines += ["", f"## {title}", "", intro, "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join([*r, m]) + " |" for r, m in zip(rows, metas, strict=True)]
        lines += ["", "| overall | value |", "|---|---|", *(f"| {k} | {v:.4f} |" for k, v in total.items())]
    return "\n".join([*lines, ""])


def score_set(
    name: str,
    items: list[tuple[str, Path, Path]],
    score: Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]],
    show_errors: bool,
    collect: dict[str, dict[str, Any]] | None = None,
) -> tuple[list[list[str]], list[str], dict[str, float]]:
    """Score every (name, text, gold) case, print the table and return its rows and overall figures.

    `collect`, when given, receives each document's score dict by name (the metamorphic section
    compares its variants with them)."""
    rows, metas, scores = [], [], []
    for doc, text, gold_path in items:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred, error = run_case(text)
        s = score(gold, pred)
        scores.append(s)
        if collect is not None:
            collect[doc] = s
        rows.append(row_of(doc, s))
        metas.append(meta_cell(s["meta_ok"]))
        if error:
            print(f"{doc}: {error}", file=sys.stderr)
        if show_errors:
            bad_meta = [k for k, ok in s["meta_ok"].items() if not ok]
            for e in s["errors"]:
                print(f"  {doc} {e}", file=sys.stderr)
            if bad_meta:
                print(f"  {doc} notice fields wrong: {bad_meta}", file=sys.stderr)
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(COLUMNS)]
    print(f"== {name}")
    print("  ".join(c.ljust(w) for c, w in zip(COLUMNS, widths, strict=True)) + "  notice")
    for r, m in zip(rows, metas, strict=True):
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + "  " + m)
    total = overall(scores)
    print("overall: " + ", ".join(f"{k} {v:.4f}" for k, v in total.items()))
    return rows, metas, total


# --- metamorphic variants -------------------------------------------------------------------------

Score = Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]
# (set name, cases, scorer, original score per document)
VariantSet = tuple[str, list[tuple[str, Path, Path]], Score, dict[str, dict[str, Any]]]


@dataclass
class VariantTally:
    """One variant's results over every set: scores of the applied documents beside their originals."""

    name: str
    scores: list[dict[str, Any]] = field(default_factory=list)
    originals: list[dict[str, Any]] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    not_applicable: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    crashed: list[tuple[str, str]] = field(default_factory=list)

    def below(self) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
        """(doc, original, variant) for the documents whose variant scores below the original."""
        out = []
        for doc, o, v in zip(self.docs, self.originals, self.scores, strict=True):
            if v["unit_F1"] < o["unit_F1"] or (v["task_recall"] or 0) < (o["task_recall"] or 0):
                out.append((doc, o, v))
        return out


def run_variant_case(path: Path) -> tuple[dict[str, Any], str | None]:
    """run_case, but a crash on a variant is a finding to report, not a reason to stop the run."""
    try:
        return run_case(path)
    except Exception as exc:  # the parser is under rewrite; any exception counts as no answer
        return {"notice": {}, "tasks": []}, f"{type(exc).__name__}: {exc}"


def score_variants(sets: list[VariantSet]) -> list[VariantTally]:
    """Generate every variant of every case (tests/metamorphic.py), parse and score it."""
    import tempfile

    from tests.metamorphic import APPLIED, NOT_APPLICABLE, VARIANTS, generate, write_variant

    tallies = {name: VariantTally(name) for name in VARIANTS}
    with tempfile.TemporaryDirectory(prefix="metamorphic-") as tmp:
        for set_name, items, score, originals in sets:
            for g in generate(items):
                tally = tallies[g.variant]
                if g.status == NOT_APPLICABLE:
                    tally.not_applicable.append(g.case)
                    continue
                if g.status != APPLIED or g.text is None or g.gold is None or g.path is None:
                    tally.skipped.append((g.case, g.reason))
                    continue
                path = write_variant(Path(tmp) / set_name.replace(" ", "-"), g.variant, g.path, g.text)
                pred, error = run_variant_case(path)
                if error:
                    error = error.replace(str(path), path.name)
                    tally.crashed.append((g.case, error))
                    print(f"{g.variant} {g.case}: {error}", file=sys.stderr)
                tally.scores.append(score(g.gold, pred))
                tally.originals.append(originals[g.case])
                tally.docs.append(g.case)
    return list(tallies.values())


def _pair_drop(o: dict[str, Any], v: dict[str, Any]) -> tuple[float, float]:
    return (o["unit_F1"] - v["unit_F1"], (o["task_recall"] or 0) - (v["task_recall"] or 0))


def worst_pairs(
    tallies: list[VariantTally], n: int = 10
) -> list[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    """The n (variant, doc) pairs that lose the most unit F1 (then task recall) against the original."""
    pairs = [(t.name, doc, o, v) for t in tallies for doc, o, v in t.below()]
    return sorted(pairs, key=lambda p: _pair_drop(p[2], p[3]), reverse=True)[:n]


def variants_overall(tallies: list[VariantTally]) -> tuple[float, float, int]:
    """Unit F1 micro-averaged over every (variant, doc) pair, the same for their originals, pair count."""
    scores = [s for t in tallies for s in t.scores]
    originals = [s for t in tallies for s in t.originals]
    if not scores:
        return 0.0, 0.0, 0
    return overall(scores)["unit_F1"], overall(originals)["unit_F1"], len(scores)


def variants_markdown(tallies: list[VariantTally]) -> list[str]:
    """The "Metamorphic variants" section of docs/accuracy.md."""
    lines = [
        "",
        "## Metamorphic variants",
        "",
        "Answer-preserving rewrites of every notice above (corpus and genre set), generated by "
        "`tests/metamorphic.py` and scored the same way against the gold (converted with the text "
        "where its spelling changes: `traditional`). A variant changes the form, never the answer: a "
        "rule that passes the original and fails its variants is fitted, not general. Figures are "
        "micro-averaged over the documents the variant applies to; `orig` gives the originals' "
        "figures over the same documents. Not applicable: the rewrite changes nothing in that notice; "
        "skipped: it cannot be applied honestly (one-line on a table layout) or here (OpenCC missing).",
        "",
        "| variant | applied | not applicable | skipped | task recall | orig | task precision | orig "
        "| unit F1 | orig | below original |",
        "|" + "---|" * 11,
    ]
    for t in tallies:
        if t.scores:
            v, o = overall(t.scores), overall(t.originals)
            figures = [
                f"{v['task_recall']:.4f}",
                f"{o['task_recall']:.4f}",
                f"{v['task_precision']:.4f}",
                f"{o['task_precision']:.4f}",
                f"{v['unit_F1']:.4f}",
                f"{o['unit_F1']:.4f}",
            ]
        else:
            figures = ["-"] * 6
        counts = [str(len(t.scores)), str(len(t.not_applicable)), str(len(t.skipped))]
        lines.append("| " + " | ".join([t.name, *counts, *figures, str(len(t.below()))]) + " |")
    f1, f1_orig, n = variants_overall(tallies)
    lines += [
        "",
        f"Overall: unit F1 over all variants {f1:.4f} (originals of the same documents {f1_orig:.4f}), "
        f"{n} (variant, document) pairs.",
    ]
    worst = worst_pairs(tallies)
    if worst:
        lines += [
            "",
            "### Worst (variant, document) pairs",
            "",
            "| variant | doc | original F1 | variant F1 | original recall | variant recall |",
            "|---|---|---|---|---|---|",
        ]
        lines += [
            f"| {name} | {doc} | {o['unit_F1']:.3f} | {v['unit_F1']:.3f} | "
            f"{o['task_recall'] or 0:.2f} | {v['task_recall'] or 0:.2f} |"
            for name, doc, o, v in worst
        ]
    for t in tallies:
        lines += ["", f"### {t.name}", ""]
        if t.skipped:
            reasons = sorted({r for _, r in t.skipped})
            for reason in reasons:
                docs = [d for d, r in t.skipped if r == reason]
                lines.append(f"Skipped ({reason}): {', '.join(docs)}.")
            lines.append("")
        if t.crashed:
            lines.append("Parser errors: " + "; ".join(f"{d}: {e}" for d, e in t.crashed) + ".")
            lines.append("")
        below = t.below()
        if not t.scores:
            lines.append("Applied to no document.")
        elif not below:
            lines.append(f"No document scores below its original ({len(t.scores)} applied).")
        else:
            lines += [
                f"{len(below)} of {len(t.scores)} documents score below the original:",
                "",
                "| doc | original F1 | variant F1 | original recall | variant recall |",
                "|---|---|---|---|---|",
            ]
            lines += [
                f"| {doc} | {o['unit_F1']:.3f} | {v['unit_F1']:.3f} | "
                f"{o['task_recall'] or 0:.2f} | {v['task_recall'] or 0:.2f} |"
                for doc, o, v in below
            ]
    return lines


def print_variants(tallies: list[VariantTally]) -> None:
    print("== metamorphic variants")
    for t in tallies:
        counts = f"applied {len(t.scores)}, n/a {len(t.not_applicable)}, skipped {len(t.skipped)}"
        if t.scores:
            v, o = overall(t.scores), overall(t.originals)
            print(
                f"{t.name:<15} {counts}: task_recall {v['task_recall']:.4f} (orig {o['task_recall']:.4f}), "
                f"task_precision {v['task_precision']:.4f} (orig {o['task_precision']:.4f}), "
                f"unit_F1 {v['unit_F1']:.4f} (orig {o['unit_F1']:.4f}), below original {len(t.below())}"
            )
        else:
            print(f"{t.name:<15} {counts}")
    f1, f1_orig, n = variants_overall(tallies)
    print(f"overall: unit_F1 over all variants {f1:.4f} (orig {f1_orig:.4f}), {n} pairs")


def targets_markdown() -> list[str]:
    """The "Quantitative targets" section: the seed's targets, deadlines and reporting due dates
    against the hand-checked answer tests/targets/seed.targets.json (targets matched on task, value,
    unit and comparator; tests/target_scoring.py)."""
    from pipeline import parse
    from tests.target_scoring import score_targets

    answer = json.loads((ROOT / "tests" / "targets" / "seed.targets.json").read_text(encoding="utf-8"))
    result = parse(ROOT / "inputs" / "栾政〔2021〕2号.txt")
    s = score_targets(result, answer)
    got = [(t.number, d.raw, d.date) for t in result.tasks for d in t.deadlines]
    want = [(d["task"], d["raw"], d["date"]) for d in answer["deadlines"]]
    due = [d.date for d in result.notice.reporting.due_dates] if result.notice.reporting else []
    print(f"== targets: precision {s['precision']:.4f}, recall {s['recall']:.4f}, F1 {s['f1']:.4f}")
    lines = [
        "",
        "## Quantitative targets and deadlines",
        "",
        "The seed `inputs/栾政〔2021〕2号.txt` against the hand-checked answer "
        "`tests/targets/seed.targets.json` (written by reading every task): a target matches when its "
        "task, value, unit and comparator agree; deadlines match on task, phrase and ISO date.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| targets in the answer | {s['tp'] + s['fn']} |",
        f"| targets found | {s['tp'] + s['fp']} |",
        f"| target precision | {s['precision']:.4f} |",
        f"| target recall | {s['recall']:.4f} |",
        f"| target F1 | {s['f1']:.4f} |",
        f"| deadlines exact | {sum(g in want for g in got)}/{len(want)} (found {len(got)}) |",
        f"| reporting due dates | {', '.join(str(d) for d in due)} |",
    ]
    lines += [f"| missed | task {t}: {k} |" for t, k in s["missed"]]
    lines += [f"| extra | task {t}: {k} |" for t, k in s["extra"]]
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default="../shared", help="folder holding corpus/, reference/, tools/")
    ap.add_argument("--out", default=str(ROOT / "docs" / "accuracy.md"), help="markdown report to write")
    ap.add_argument("--errors", action="store_true", help="print the scorer's role errors per document")
    ap.add_argument("--no-write", action="store_true", help="print only; do not write the report")
    ap.add_argument("--no-variants", action="store_true", help="skip the metamorphic variants")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    sections: list[Section] = []
    variant_sets: list[VariantSet] = []
    if (shared / "tools" / "score.py").exists() and (shared / "corpus").is_dir():
        corpus_scores: dict[str, dict[str, Any]] = {}
        shared_score = load_scorer(shared)
        rows, metas, total = score_set(
            "shared gold corpus", cases(shared), shared_score, args.errors, corpus_scores
        )
        intro = "Real notices in `shared/corpus` and the seed reference, scored with `shared/tools/score.py`."
        sections.append(("Shared gold corpus", intro, rows, metas, total))
        variant_sets.append(("corpus", cases(shared), shared_score, corpus_scores))
    else:
        print(f"accuracy: {shared} has no corpus/ and tools/score.py; corpus skipped")
    if genre_cases():
        from tests.scoring import score as repo_score

        genre_scores: dict[str, dict[str, Any]] = {}
        rows, metas, total = score_set(
            "synthetic genre set", genre_cases(), repo_score, args.errors, genre_scores
        )
        intro = (
            "Synthetic notices in `tests/genre` (invented places, forms the corpus lacks), scored with "
            "`tests/scoring.py`, the repository's copy of the shared scorer."
        )
        sections.append(("Synthetic genre set", intro, rows, metas, total))
        texts = [c for c in genre_cases() if c[1].suffix == ".txt"]  # variants rewrite text files
        variant_sets.append(("genre", texts, repo_score, genre_scores))
    variant_lines: list[str] = []
    if variant_sets and not args.no_variants:
        tallies = score_variants(variant_sets)
        print_variants(tallies)
        variant_lines = variants_markdown(tallies)
    variant_lines += targets_markdown()
    if not args.no_variants:  # the OCR section takes a minute: it goes with the full report
        from accuracy_ocr import ocr_markdown

        variant_lines += ocr_markdown(Path(args.shared))
    if sections and not args.no_write:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        text = markdown(sections)
        if variant_lines:
            text += "\n".join(variant_lines) + "\n"
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
