"""Command line: a thin layer over `pipeline.parse` and `pipeline.export`.

Data goes to files (or stdout with `--out -`); the summary goes to stdout, diagnostics and errors
to stderr. Every failure is one line, `Error: <file>: <problem>`, and a documented exit code:

  0  parsed (warnings, if any, are listed on stderr)
  1  other failure (e.g. the output folder cannot be written)
  2  usage error (bad options)
  3  input cannot be read: missing, a directory, empty, undecodable, corrupt or encrypted
  4  unsupported format (.doc, .wps, .ofd, .rtf, unknown extension)
  5  PDF without a text layer (a scan): needs OCR first
  6  no tasks found in the input
  7  --strict and the result has warnings
  70 internal error (a bug: please report it with the input)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline import __version__
from pipeline.errors import PipelineError, StageError, StrictModeError

EXAMPLE = """example:
  notice-parse parse inputs/栾政〔2021〕2号.txt --out outputs
  python -m pipeline parse notice.docx notice.pdf --out outputs --strict
  notice-parse parse notice.txt --out -      # JSON to stdout

exit codes: 0 ok, 1 other failure, 2 usage, 3 unreadable input, 4 unsupported format,
5 PDF needs OCR, 6 no tasks found, 7 --strict with warnings, 70 internal error"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="notice-parse",
        description="Parse Chinese task-decomposition notices (重点工作任务分解) into JSON and Parquet.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"notice-parse {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser(
        "parse",
        help="parse notices (.txt, .docx, .pdf, .html) into JSON and Parquet",
        description="Parse each PATH and write <stem>.json, <stem>.tasks.parquet and "
        "<stem>.assignments.parquet into --out.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="notice files to parse")
    p.add_argument("--out", default="outputs", metavar="DIR", help="output folder, or - for JSON on stdout")
    p.add_argument("--no-parquet", action="store_true", help="write only the JSON")
    p.add_argument("--strict", action="store_true", help="exit 7 when the result has warnings")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    p.add_argument(
        "-v", "--verbose", action="store_true", help="print stage timings; show tracebacks of internal errors"
    )
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


def parse_one(path: Path, stem: str, args: argparse.Namespace) -> int:
    from pipeline.export import result_to_json, write_outputs
    from pipeline.runner import parse

    timings: dict[str, float] = {}
    result = parse(path, timings)
    if args.out == "-":
        sys.stdout.write(result_to_json(result))
    else:
        write_outputs(result, Path(args.out), stem, parquet=not args.no_parquet)
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
                f"{n_units} unit assignments, {len(result.diagnostics)} diagnostics"
                + ("" if args.out == "-" else f" -> {Path(args.out) / stem}.json"),
            ),
            file=stream,
        )
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


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    worst = 0
    paths = [Path(raw) for raw in args.paths]
    for path, stem in zip(paths, output_stems(paths), strict=True):
        try:
            code = parse_one(path, stem, args)
        except PipelineError as exc:
            print(f"Error: {exc}", file=sys.stderr)
            code = exc.exit_code
        except OSError as exc:
            print(f"Error: {path}: cannot write output: {exc.strerror or exc}", file=sys.stderr)
            code = 1
        except Exception as exc:  # a bug: one line, no traceback, unless -v
            if args.verbose:
                raise
            err = StageError(f"{path}: internal error: {type(exc).__name__}: {exc}")
            print(f"Error: {err}".splitlines()[0], file=sys.stderr)
            code = err.exit_code
        worst = max(worst, code)
    return worst


if __name__ == "__main__":
    raise SystemExit(main())
