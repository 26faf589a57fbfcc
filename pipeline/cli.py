"""Command line: a thin layer over `pipeline.parse` and `pipeline.writers`.

Data goes to files (or stdout with `--out -`); the summary and the files written go to stdout,
diagnostics and errors to stderr. Every failure is one line, `Error: <file>: <problem>`, and a
documented exit code:

  0  parsed (warnings, if any, are listed on stderr)
  1  other failure (e.g. the output folder cannot be written, or stays locked by another run)
  2  usage error (bad options)
  3  input cannot be read: missing, a directory, empty, undecodable, corrupt or encrypted
  4  unsupported format (.doc, .wps, .ofd, .rtf, unknown extension)
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

from pipeline import __version__
from pipeline.errors import PipelineError, StageError, StrictModeError

EXAMPLE = """example:
  notice-parse parse inputs/栾政〔2021〕2号.txt --out outputs
  notice-parse parse notice.docx --to json,parquet,xlsx,html
  python -m pipeline parse notice.docx notice.pdf --out outputs --strict
  notice-parse parse notice.txt --out -      # JSON to stdout
  notice-parse units inputs/栾政〔2021〕2号.txt --unit 县发改委

exit codes: 0 ok, 1 other failure, 2 usage, 3 unreadable input, 4 unsupported format,
5 PDF needs OCR, 6 no tasks found, 7 --strict with warnings, 70 internal error, 130 interrupted"""
INTERRUPTED = 130


def outputs_arg(value: str) -> list[str]:
    from pipeline.writers import OUTPUTS

    names = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n not in OUTPUTS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown output {', '.join(unknown) or repr(value)}: choose from {','.join(OUTPUTS)}"
        )
    return list(dict.fromkeys(names))


def build_parser() -> argparse.ArgumentParser:
    from pipeline.writers import DEFAULT_OUTPUTS, OUTPUTS
    from pipeline.writers.atomic import DEFAULT_LOCK_TIMEOUT

    parser = argparse.ArgumentParser(
        prog="notice-parse",
        description="Parse Chinese task-decomposition notices (重点工作任务分解) into JSON, Parquet, "
        "an Excel ledger (台账) and a review page.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"notice-parse {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser(
        "parse",
        help="parse notices (.txt, .docx, .pdf, .html) into JSON, Parquet, .xlsx and .html",
        description="Parse each PATH and write its outputs into --out: <stem>.json, "
        "<stem>.tasks.parquet and <stem>.assignments.parquet by default; <stem>.xlsx and "
        "<stem>.html with --to.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="notice files to parse")
    p.add_argument("--out", default="outputs", metavar="DIR", help="output folder, or - for JSON on stdout")
    p.add_argument(
        "--to",
        type=outputs_arg,
        metavar="LIST",
        help=f"outputs to write, comma-separated, from {','.join(OUTPUTS)} "
        f"(default {','.join(DEFAULT_OUTPUTS)})",
    )
    p.add_argument("--no-parquet", action="store_true", help="write only the JSON (the same as --to json)")
    p.add_argument(
        "--wait",
        type=float,
        default=DEFAULT_LOCK_TIMEOUT,
        metavar="SECONDS",
        help=f"wait this long for another run writing into --out (default {DEFAULT_LOCK_TIMEOUT:g})",
    )
    p.add_argument("--strict", action="store_true", help="exit 7 when the result has warnings")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    p.add_argument(
        "-v", "--verbose", action="store_true", help="print stage timings; show tracebacks of internal errors"
    )
    u = sub.add_parser(
        "units",
        help="print each unit's tasks (led and shared), as the workbook's 单位责任清单",
        description="Parse PATH and print, for every unit, the tasks it leads and those it shares, "
        "with counts: a table on a terminal (NO_COLOR turns colour off), tab-separated text "
        "when stdout is a pipe or a file.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    u.add_argument("paths", nargs=1, metavar="PATH", help="the notice file")
    u.add_argument("--unit", metavar="NAME", help="only units whose name holds NAME, with task texts")
    u.add_argument("-v", "--verbose", action="store_true", help="show tracebacks of internal errors")
    return parser


def summary(path: str, result_line: str) -> str:
    return f"{path}: {result_line}"


def output_stems(paths: list[Path]) -> list[str]:
    """Outputs are named after each input's stem; inputs sharing a stem (a.docx, a.pdf) keep their
    suffix, and inputs sharing a whole name (x/a.txt, y/a.txt) are numbered (a.txt, a.txt-2)."""
    stems = [p.stem for p in paths]
    out: list[str] = []
    for p in paths:
        name = p.name if stems.count(p.stem) > 1 else p.stem
        candidate, n = name, 1
        while candidate in out:
            n += 1
            candidate = f"{name}-{n}"
        out.append(candidate)
    return out


def chosen_outputs(args: argparse.Namespace) -> list[str]:
    from pipeline.writers import DEFAULT_OUTPUTS

    if args.no_parquet:
        return ["json"]
    return list(args.to or DEFAULT_OUTPUTS)


def parse_one(path: Path, stem: str, args: argparse.Namespace) -> int:
    from pipeline.runner import parse
    from pipeline.writers import result_to_json, write_outputs
    from pipeline.writers.atomic import OutputBusyError

    timings: dict[str, float] = {}
    result = parse(path, timings)
    written: list[Path] = []
    if args.out == "-":
        sys.stdout.write(result_to_json(result))
    else:
        on_wait = None if args.quiet else lambda msg: print(f"notice-parse: {msg} …", file=sys.stderr)
        try:
            written = write_outputs(
                result, Path(args.out), stem, chosen_outputs(args), timeout=args.wait, on_wait=on_wait
            )
        except OutputBusyError as exc:
            raise OutputBusyError(f"{path}: {exc}") from None
    levels = sorted({h.level for h in result.outline})
    areas = sum(1 for h in result.outline if levels and h.level == levels[0])
    sub_areas = sum(1 for h in result.outline if len(levels) > 1 and h.level == levels[1])
    n_units = sum(
        len(t.lead_units) + len(t.responsible_units) + len(t.supporting_units) for t in result.tasks
    )
    problems = [d for d in result.diagnostics if d.severity.value in ("warning", "error")]
    if not args.quiet:
        stream = sys.stderr if args.out == "-" else sys.stdout
        print(
            summary(
                str(path),
                f"{areas} areas, {sub_areas} sub-areas, {len(result.tasks)} tasks, "
                f"{n_units} unit assignments, {len(result.diagnostics)} diagnostics",
            ),
            file=stream,
        )
        for written_path in written:
            print(f"  wrote {written_path}", file=stream)
        for d in result.diagnostics:
            where = d.location.line_start or d.location.page if d.location else None
            print(
                f"  {d.severity.value}: {d.code}: {d.message}" + (f" (at {where})" if where else ""),
                file=sys.stderr,
            )
    if args.verbose:
        print("  stages: " + ", ".join(f"{k} {v * 1000:.1f} ms" for k, v in timings.items()), file=sys.stderr)
    if args.strict and problems:
        raise StrictModeError(f"{path}: {len(problems)} warnings in --strict mode")
    return 0


def units_one(path: Path, args: argparse.Namespace) -> int:
    from pipeline.runner import parse
    from pipeline.writers.terminal import print_units

    found = print_units(parse(path), sys.stdout, args.unit)
    if args.unit is not None and not found:
        print(f"Error: {path}: no unit's name holds {args.unit!r}", file=sys.stderr)
        return 1
    return 0


def guarded(path: Path, run: Callable[[], int], verbose: bool) -> int:
    """Run one input; a failure becomes one `Error:` line on stderr and its exit code."""
    try:
        return run()
    except BrokenPipeError:  # `| head` closed stdout: stop quietly, as other tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except PipelineError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:
        print(f"Error: {path}: cannot write output: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: one line, no traceback, unless -v
        if verbose:
            raise
        err = StageError(f"{path}: internal error: {type(exc).__name__}: {exc}")
        print(f"Error: {err}".splitlines()[0], file=sys.stderr)
        return err.exit_code


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # SIGTERM unwinds like Ctrl-C: staging folders and the lock are removed


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "parse" and args.out == "-" and args.to and args.to != ["json"]:
        parser.error("--out - writes the JSON to stdout only; give a folder for --to " + ",".join(args.to))
    if args.command == "parse" and args.no_parquet and args.to:
        parser.error("--no-parquet is the same as --to json: give one of them")
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _interrupt) if main_thread else None
    worst = 0
    try:
        paths = [Path(raw) for raw in args.paths]
        if args.command == "units":
            return guarded(paths[0], partial(units_one, paths[0], args), args.verbose)
        for path, stem in zip(paths, output_stems(paths), strict=True):
            worst = max(worst, guarded(path, partial(parse_one, path, stem, args), args.verbose))
    except KeyboardInterrupt:
        print("Error: interrupted", file=sys.stderr)
        return INTERRUPTED
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)
    return worst


if __name__ == "__main__":
    raise SystemExit(main())
