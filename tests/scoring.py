"""Score a parse result against a gold answer: a faithful copy of the shared scorer.

Copied from `shared/tools/score.py` (the project's scoring tool, which lives outside the
repository, so a user's clone has no copy of it). The matching and metrics are unchanged, only
reformatted and typed: gold tasks are matched to predicted tasks by exact normalized text first,
then by the best fuzzy ratio (>= 0.85), in gold order; units are compared per role as multisets of
normalized names (NFKC, quotes folded, 〔〕［］ -> [], whitespace removed); unmatched tasks count
all their units as misses or extras. `score(gold, pred)` returns the same dict as the original.

If the shared scorer changes, change this copy with it (tests/test_genre.py documents the link).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any

QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})
ROLES = [("lead", "lead_units"), ("responsible", "responsible_units"), ("supporting", "supporting_units")]
MIN_RATIO = 0.85


def fold(s: str | None) -> str:
    """Width and quote style are carrier artefacts (web copies turn （，“ into (,"); fold them."""
    return unicodedata.normalize("NFKC", s or "").translate(QUOTES)


def norm(s: str | None) -> str:
    s = fold(s)
    s = s.replace("〔", "[").replace("〕", "]").replace("［", "[").replace("］", "]")
    return re.sub(r"\s+", "", s)


def units(task: dict[str, Any], key: str) -> list[str]:
    return [norm(u["name"] if isinstance(u, dict) else u) for u in task.get(key) or []]


def match(
    gt: list[dict[str, Any]], pt: list[dict[str, Any]]
) -> list[tuple[dict[str, Any], dict[str, Any], float]]:
    """Pairs (gold, pred, ratio): exact normalized text first, then the best fuzzy match >= 0.85."""
    used: set[int] = set()
    pairs = []
    for g in gt:
        gn = norm(g["text"])
        best, bj = 0.0, None
        for pj, p in enumerate(pt):
            if pj not in used and norm(p.get("text", "")) == gn:
                best, bj = 1.0, pj
                break
        if bj is None:
            for pj, p in enumerate(pt):
                if pj in used:
                    continue
                r = difflib.SequenceMatcher(None, gn, norm(p.get("text", "")), autojunk=False).ratio()
                if r > best:
                    best, bj = r, pj
        if bj is not None and best >= MIN_RATIO:
            used.add(bj)
            pairs.append((g, pt[bj], best))
    return pairs


def score(gold: dict[str, Any], pred: dict[str, Any]) -> dict[str, Any]:
    gt, pt = gold["tasks"], pred.get("tasks", [])
    pairs = match(gt, pt)
    m = len(pairs)

    def strict(x: str | None) -> str:  # identical after NFKC and trimming only
        return fold(x).strip()

    tp = fp = fn = 0
    role_errors = []
    for g, p, _ in pairs:
        for gk, pk in ROLES:
            gl, pl = [norm(x) for x in g.get(gk, [])], units(p, pk)
            for x in list(gl):
                if x in pl:
                    pl.remove(x)
                    gl.remove(x)
                    tp += 1
            fn += len(gl)
            fp += len(pl)
            if gl or pl:
                role_errors.append({"task": g.get("number"), "role": gk, "missing": gl, "extra": pl})
    matched_p = {id(p) for _, p, _ in pairs}
    for g in gt:
        if not any(g is gg for gg, _, _ in pairs):
            fn += sum(len(g.get(gk, [])) for gk, _ in ROLES)
    for p in pt:
        if id(p) not in matched_p:
            fp += sum(len(units(p, pk)) for _, pk in ROLES)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    path_ok = 0
    for g, p, _ in pairs:
        gp = [norm(x) for x in g.get("path", [])]
        pp = [norm(x["title"] if isinstance(x, dict) else x) for x in p.get("path", [])]
        path_ok += gp == pp
    meta = {}
    pn = pred.get("notice", {}) or {}
    gn = gold.get("notice", gold)
    for k in ("doc_number", "issuer", "title", "issued_on"):
        if k not in gn:
            continue
        a, b = norm(str(pn.get(k))), norm(str(gn[k]))
        iss = norm(str(gn.get("issuer") or pn.get("issuer") or ""))
        if k == "title" and iss:  # a title may or may not repeat the issuer in front
            a, b = a.removeprefix(iss), b.removeprefix(iss)
        meta[k] = a == b
    return {
        "gold_tasks": len(gt),
        "pred_tasks": len(pt),
        "matched": m,
        "task_recall": round(m / len(gt), 4) if gt else None,
        "task_precision": round(m / len(pt), 4) if pt else 0.0,
        "text_exact": sum(1 for _, _, r in pairs if r == 1.0),
        "text_strict": sum(1 for g, p, _ in pairs if strict(g["text"]) == strict(p.get("text"))),
        "number_ok": sum(
            1 for g, p, _ in pairs if g.get("number") is None or g.get("number") == p.get("number")
        ),
        "path_ok": path_ok,
        "unit_tp": tp,
        "unit_fp": fp,
        "unit_fn": fn,
        "unit_P": round(precision, 4),
        "unit_R": round(recall, 4),
        "unit_F1": round(f1, 4),
        "meta_ok": meta,
        "errors": role_errors[:12],
    }
