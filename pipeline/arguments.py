"""The command line's options: the parser, its help in English or Chinese (data/messages.json),
and the types of its option values. pipeline/cli.py runs what they ask for."""

from __future__ import annotations

import argparse
import os

from pipeline import __version__, limits

LANGUAGES = ("en", "zh")
EXAMPLE = """example:
  notice-parse parse inputs/栾政〔2021〕2号.txt --out outputs
  notice-parse parse notice.docx --to json,parquet,xlsx,html
  notice-parse parse notices/ --dataset ds --jobs 2   # a whole collection into one dataset
  python -m pipeline parse notice.docx notice.pdf --out outputs --strict
  notice-parse parse notice.txt --out -      # JSON to stdout
  notice-parse units inputs/栾政〔2021〕2号.txt --unit 县发改委

exit codes: 0 ok, 1 other failure, 2 usage, 3 unreadable input, 4 unsupported format,
5 PDF needs OCR, 6 no tasks found, 7 --strict with warnings, 70 internal error, 130 interrupted"""


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


def positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return n
