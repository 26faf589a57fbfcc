"""Command line: a thin layer over `pipeline.parse` and `pipeline.writers`.

Data goes to files (or stdout with `--out -`); the summary and the files written go to stdout,
diagnostics and errors to stderr. Every failure is one line, `Error: <file>: <problem>`, and a
documented exit code:

  0  parsed (warnings, if any, are listed on stderr)
  1  other failure (e.g. the output folder cannot be written, or stays locked by another run)
  2  usage error (bad options)
  3  input cannot be read: missing, a directory, empty, undecodable, corrupt or encrypted
  4  unsupported format (an unknown extension; .doc/.wps/.rtf when LibreOffice is missing)
  5  PDF without a text layer (a scan): needs OCR first
  6  no tasks found in the input
  7  --strict and the result has warnings
  70 internal error (a bug: please report it with the input)
  130 interrupted (Ctrl-C, SIGTERM): no output is left half-written
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from types import FrameType

from pipeline import limits
from pipeline.arguments import build_parser
from pipeline.errors import PipelineError, StageError

INTERRUPTED = 130


def early_language(argv: list[str]) -> str:
    """The language before parsing, so --help itself speaks it: --lang X, else the locale."""
    from pipeline.report import language

    given = next((argv[k + 1] for k, a in enumerate(argv[:-1]) if a == "--lang"), None)
    given = next((a.split("=", 1)[1] for a in argv if a.startswith("--lang=")), given)
    return language(given)


def chosen_outputs(args: argparse.Namespace) -> list[str]:
    from pipeline.writers import DEFAULT_OUTPUTS

    if args.no_parquet:
        return ["json"]
    return list(args.to or DEFAULT_OUTPUTS)


def one_file_argument(paths: list[str]) -> bool:
    """One PATH that names one file (or stdin), not a folder or a glob."""
    from pipeline.inputs import GLOB_CHARACTERS, STDIN

    if len(paths) != 1:
        return False
    path = Path(paths[0])
    if paths[0] == STDIN:
        return True
    return not path.is_dir() and (path.exists() or not GLOB_CHARACTERS & set(paths[0]))


def parse_command(args: argparse.Namespace) -> int:
    """Expand the PATHs and run them as one batch (pipeline/batch.py)."""
    from pipeline import batch, inputs
    from pipeline.work import Options

    target = None if args.out == "-" else Path(args.dataset or args.out or "outputs")
    skip = [target] if target is not None else []
    items = inputs.expand(args.paths, args.format, skip, unique_names=not args.dataset)
    single = one_file_argument(args.paths) and len(items) == 1
    options = Options(
        outputs=tuple(chosen_outputs(args)),
        dataset=bool(args.dataset),
        stdout=("json" if single else "jsonl") if target is None else "",
        strict=args.strict,
        gazetteer=args.gazetteer,
        limits=limits.from_args(args),
        lang=args.lang,
        verbose=args.verbose,
        all_diagnostics=single,
    )
    run = batch.Run(
        items,
        options,
        target,
        jobs=args.jobs,
        engine=args.engine,
        scheduler=args.scheduler,
        force=args.force,
        quiet=args.quiet,
        wait=args.wait,
        manifest=bool(args.dataset) or not single,
    )
    return batch.run(run)


def units_one(path: Path, args: argparse.Namespace) -> int:
    from pipeline.runner import parse
    from pipeline.writers.terminal import print_units

    found = print_units(parse(path, limits=limits.from_args(args)), sys.stdout, args.unit)
    if args.unit is not None and not found:
        print(f"Error: {path}: no unit's name holds {args.unit!r}", file=sys.stderr)
        return 1
    return 0


def guarded(path: Path, run: Callable[[], int], verbose: bool, lang: str = "en") -> int:
    """Run one input; a failure becomes one `Error:` line on stderr and its exit code."""
    from pipeline.report import error_line, printable

    try:
        return run()
    except BrokenPipeError:  # `| head` closed stdout: stop quietly, as other tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except PipelineError as exc:
        print(error_line(exc, lang), file=sys.stderr)
        return exc.exit_code
    except OSError as exc:
        print(printable(f"Error: {path}: cannot write output: {exc.strerror or exc}"), file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: one line, no traceback, unless -v
        if verbose:
            raise
        err = StageError(f"{path}: internal error: {type(exc).__name__}: {exc}")
        print(printable(f"Error: {err}".splitlines()[0]), file=sys.stderr)
        return err.exit_code


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # SIGTERM unwinds like Ctrl-C: staging folders and the lock are removed


def main(argv: list[str] | None = None) -> int:
    raw = sys.argv[1:] if argv is None else argv
    parser = build_parser(early_language(raw))
    args = parser.parse_args(raw)
    args.lang = early_language(["--lang", args.lang] if args.lang else [])
    if args.command == "parse" and args.out == "-" and args.to and args.to != ["json"]:
        parser.error("--out - writes the JSON to stdout only; give a folder for --to " + ",".join(args.to))
    if args.command == "parse" and args.no_parquet and args.to:
        parser.error("--no-parquet is the same as --to json: give one of them")
    if args.command == "parse" and args.dataset and args.out is not None:
        parser.error("--dataset DIR writes the dataset into DIR: give it or --out, not both")
    if args.command == "parse" and args.dataset and (args.to or args.no_parquet):
        parser.error("--dataset writes Parquet tables and the JSON; --to and --no-parquet are for --out")
    if args.command == "parse" and args.scheduler and args.engine != "dask":
        parser.error("--scheduler is for --engine dask")
    if args.command == "parse" and "-" in args.paths and not args.format:
        parser.error("reading from stdin (PATH -) needs --format, e.g. --format docx")
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _interrupt) if main_thread else None
    worst = 0
    try:
        paths = [Path(raw) for raw in args.paths]
        if args.command == "units":
            return guarded(paths[0], partial(units_one, paths[0], args), args.verbose, args.lang)
        worst = guarded(paths[0], partial(parse_command, args), args.verbose, args.lang)
    except KeyboardInterrupt:
        from pipeline.report import detail_in, text

        colon = ": " if args.lang == "en" else "："
        print(
            f"{text('error', 'prefix', args.lang)}{colon}{detail_in('interrupted', args.lang)}",
            file=sys.stderr,
        )
        return INTERRUPTED
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)
    return worst


if __name__ == "__main__":
    raise SystemExit(main())
