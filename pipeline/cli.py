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

from pipeline import __version__, limits
from pipeline.errors import PipelineError, StageError

EXAMPLE = """example:
  notice-parse parse inputs/栾政〔2021〕2号.txt --out outputs
  notice-parse parse notice.docx --to json,parquet,xlsx,html
  notice-parse parse notices/ --dataset ds --jobs 2   # a whole collection into one dataset
  python -m pipeline parse notice.docx notice.pdf --out outputs --strict
  notice-parse parse notice.txt --out -      # JSON to stdout
  notice-parse units inputs/栾政〔2021〕2号.txt --unit 县发改委

exit codes: 0 ok, 1 other failure, 2 usage, 3 unreadable input, 4 unsupported format,
5 PDF needs OCR, 6 no tasks found, 7 --strict with warnings, 70 internal error, 130 interrupted"""
INTERRUPTED = 130
LANGUAGES = ("en", "zh")


def outputs_arg(value: str) -> list[str]:
    from pipeline.writers import OUTPUTS

    names = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n not in OUTPUTS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown output {', '.join(unknown) or repr(value)}: choose from {','.join(OUTPUTS)}"
        )
    return list(dict.fromkeys(names))


def build_parser(lang: str = "en") -> argparse.ArgumentParser:
    """The parser, its descriptions and option help in `lang` (zh from data/messages.json)."""
    if lang != "en":
        translate_argparse(lang)
    epilog = hint("epilog", EXAMPLE, lang)
    from pipeline.writers import DEFAULT_OUTPUTS, OUTPUTS
    from pipeline.writers.atomic import DEFAULT_LOCK_TIMEOUT

    parser = argparse.ArgumentParser(
        prog="notice-parse",
        description=hint(
            "description",
            "Parse Chinese task-decomposition notices (重点工作任务分解) into JSON, Parquet, "
            "an Excel ledger (台账) and a review page.",
            lang,
        ),
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"notice-parse {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser(
        "parse",
        help=hint(
            "parse", "parse notices (.txt, .docx, .pdf, .html) into JSON, Parquet, .xlsx and .html", lang
        ),
        description=hint(
            "parse_description",
            "Parse each PATH and write its outputs into --out: <stem>.json, "
            "<stem>.tasks.parquet and <stem>.assignments.parquet by default; <stem>.xlsx and "
            "<stem>.html with --to.",
            lang,
        ),
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help=hint(
            "paths",
            "notice files, folders (walked for known extensions), globs, or - for stdin (with --format)",
            lang,
        ),
    )
    p.add_argument(
        "--out",
        default=None,
        metavar="DIR",
        help=hint(
            "out",
            "output folder (default outputs/, relative to the current folder), or - for JSON on stdout",
            lang,
        ),
    )
    p.add_argument(
        "--to",
        type=outputs_arg,
        metavar="LIST",
        help=hint("to", "outputs to write, comma-separated, from {all} (default {default})", lang).format(
            all=",".join(OUTPUTS), default=",".join(DEFAULT_OUTPUTS)
        ),
    )
    p.add_argument(
        "--no-parquet",
        action="store_true",
        help=hint("no_parquet", "write only the JSON (the same as --to json)", lang),
    )
    p.add_argument(
        "--dataset",
        metavar="DIR",
        help=hint(
            "dataset",
            "write one Parquet dataset into DIR instead of files per input: DIR/tasks/, "
            "DIR/assignments/, DIR/units/, DIR/targets/ (one file per document, named by doc_id), "
            "DIR/json/ and DIR/_manifest.jsonl",
            lang,
        ),
    )
    cores = os.cpu_count() or 1
    p.add_argument(
        "-j",
        "--jobs",
        type=positive_int,
        default=cores,
        metavar="N",
        help=hint(
            "jobs", "parse in N worker processes (default: the number of cores, {n} here)", lang
        ).format(n=cores),
    )
    p.add_argument(
        "--force",
        action="store_true",
        help=hint("force", "parse every input again, even those the manifest says are unchanged", lang),
    )
    p.add_argument(
        "--format",
        metavar="EXT",
        help=hint(
            "format", "the type of the document read from stdin (PATH -): txt, docx, pdf, html, …", lang
        ),
    )
    p.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help=hint(
            "engine",
            "where the parsing runs: local (processes on this machine, default) or dask "
            "(a dask.distributed cluster; pip install 'notice-parse[dask]')",
            lang,
        ),
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help=hint(
            "scheduler",
            "with --engine dask: a running scheduler, e.g. tcp://host:8786 "
            "(default: a LocalCluster of --jobs workers)",
            lang,
        ),
    )
    p.add_argument(
        "--wait",
        type=float,
        default=DEFAULT_LOCK_TIMEOUT,
        metavar="SECONDS",
        help=hint("wait", "wait this long for another run writing into --out (default {n:g})", lang).format(
            n=DEFAULT_LOCK_TIMEOUT
        ),
    )
    p.add_argument(
        "--strict", action="store_true", help=hint("strict", "exit 7 when the result has warnings", lang)
    )
    p.add_argument(
        "--ocr",
        choices=("auto", "never", "always"),
        default="auto",
        help=hint(
            "ocr",
            "PDF pages without a text layer (scans): auto OCRs them when the OCR extra is installed "
            "(pip install 'notice-parse[ocr]'), never refuses them (exit 5), always OCRs every page "
            "(default auto)",
            lang,
        ),
    )
    p.add_argument(
        "--gazetteer",
        metavar="FILE",
        help=hint(
            "gazetteer",
            "a gazetteer of the notice's jurisdiction (CSV: its townships and units, "
            "e.g. pipeline/data/gazetteers/栾川县.csv): expands 各乡（镇）人民政府 into its townships",
            lang,
        ),
    )
    p.add_argument("-q", "--quiet", action="store_true", help=hint("quiet", "print nothing but errors", lang))
    for sp in (p,):
        add_lang(sp, lang)
    p.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help=hint("verbose", "print stage timings; show tracebacks of internal errors", lang),
    )
    u = sub.add_parser(
        "units",
        help=hint("units", "print each unit's tasks (led and shared), as the workbook's 单位责任清单", lang),
        description=hint(
            "units_description",
            "Parse PATH and print, for every unit, the tasks it leads and those it shares, "
            "with counts: a table on a terminal (NO_COLOR turns colour off), tab-separated text "
            "when stdout is a pipe or a file.",
            lang,
        ),
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    u.add_argument("paths", nargs=1, metavar="PATH", help=hint("unit_path", "the notice file", lang))
    u.add_argument(
        "--unit", metavar="NAME", help=hint("unit", "only units whose name holds NAME, with task texts", lang)
    )
    u.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help=hint("unit_verbose", "show tracebacks of internal errors", lang),
    )
    add_lang(u, lang)
    limits.add_arguments(p, lang)
    limits.add_arguments(u, lang)
    return parser


def translate_argparse(lang: str) -> None:
    """argparse's own words (usage:, options, -h's help) from the catalogue: argparse looks them up
    through its module's gettext function `_`, which is replaced for the process."""
    from pipeline.report import catalogue

    words: dict[str, str] = {k: v[lang] for k, v in catalogue()["argparse"].items() if lang in v}
    argparse._ = lambda text: words.get(text, text)  # type: ignore[attr-defined]


def hint(key: str, english: str, lang: str) -> str:
    """An option's help: the English given here, or its Chinese from the catalogue."""
    from pipeline.report import catalogue

    return str(catalogue()["help"].get(key, {}).get(lang, english)) if lang != "en" else english


def add_lang(sub: argparse.ArgumentParser, lang: str) -> None:
    sub.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=hint(
            "lang",
            "language of messages, warnings and --help (default: the locale; LANG=zh_CN.UTF-8 gives zh)",
            lang,
        ),
    )


def early_language(argv: list[str]) -> str:
    """The language before parsing, so --help itself speaks it: --lang X, else the locale."""
    from pipeline.report import language

    given = next((argv[k + 1] for k, a in enumerate(argv[:-1]) if a == "--lang"), None)
    given = next((a.split("=", 1)[1] for a in argv if a.startswith("--lang=")), given)
    return language(given)


def positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return n


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
