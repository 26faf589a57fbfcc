"""A small seeded fuzz sample in every test run (`make fuzz` runs long ones): 200 mutants of the
built seed carriers through the CLI in watched workers, none a failure (scripts/fuzz.py says what
one is: a traceback, exit 70, a hang, a blow-up, an undocumented exit or a partial output)."""

from __future__ import annotations

import random
from pathlib import Path

from scripts import fuzz, fuzz_mutate

DEFAULT_SAMPLE = 200
DEFAULT_SEED = 20_240_601


def test_mutations_are_deterministic_for_a_seed() -> None:
    data = fuzz_mutate.SEED_TEXT.read_bytes()
    first = [fuzz_mutate.mutate(fuzz_mutate.SEED_TEXT, data, random.Random(7)) for _ in range(3)]
    again = [fuzz_mutate.mutate(fuzz_mutate.SEED_TEXT, data, random.Random(7)) for _ in range(3)]
    assert first == again


def test_every_carrier_has_its_own_mutators() -> None:
    for suffix in ("docx", "html", "txt", "pdf"):
        assert fuzz_mutate.CARRIER_MUTATORS[fuzz_mutate.carrier(Path(f"x.{suffix}"))]


def test_seeded_sample_has_no_failures(tmp_path: Path) -> None:
    seeds = fuzz_mutate.seed_files(tmp_path / "seeds", "built")
    run = fuzz.Run(
        seeds,
        seconds=120,
        seed=DEFAULT_SEED,
        jobs=2,
        timeout=30,
        max_mutants=DEFAULT_SAMPLE,
        save=tmp_path / "found",
    )
    work = tmp_path / "work"
    work.mkdir()
    run.go(work)
    assert len(run.outcomes) == DEFAULT_SAMPLE
    failures = [o for o in run.outcomes if o.failure]
    shown = "\n".join(f"  {o.seed} {o.mutator}: {o.failure}: {o.message[:200]}" for o in failures[:5])
    assert not failures, f"{len(failures)} fuzz failures (saved in {run.save}):\n{shown}"
