"""Score a result's quantitative targets against a hand-made answer (tests/targets/*.targets.json).

A target matches when its task, value, unit and comparator agree (the indicator is free text and
is not scored); per task the comparison is of multisets, so two equal targets count twice. Used
by tests/test_targets.py and the "Quantitative targets" section of scripts/accuracy.py.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

Key = tuple[float, str, str]


def answer_keys(answer: dict[str, Any]) -> dict[str, Counter[Key]]:
    return {
        task: Counter((float(t["value"]), t["unit"], t["comparator"]) for t in rows)
        for task, rows in answer["targets"].items()
    }


def result_keys(result: Any) -> dict[str, Counter[Key]]:
    out: dict[str, Counter[Key]] = {}
    for task in result.tasks:
        if task.targets:
            out[str(task.number)] = Counter((t.value, t.unit, t.comparator.value) for t in task.targets)
    return out


def score_targets(result: Any, answer: dict[str, Any]) -> dict[str, Any]:
    """tp, fp, fn, precision, recall, f1 and the differing (task, key) pairs."""
    want, got = answer_keys(answer), result_keys(result)
    tp = fp = fn = 0
    missed: list[tuple[str, Key]] = []
    extra: list[tuple[str, Key]] = []
    for task in sorted(set(want) | set(got), key=int):
        w, g = want.get(task, Counter()), got.get(task, Counter())
        both = w & g
        tp += sum(both.values())
        fn += sum((w - both).values())
        fp += sum((g - both).values())
        missed += [(task, k) for k in (w - both).elements()]
        extra += [(task, k) for k in (g - both).elements()]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1,
        "missed": missed, "extra": extra,
    }  # fmt: skip
