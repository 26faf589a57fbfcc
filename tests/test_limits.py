"""Hard limits (pipeline/limits.py): each hostile input is refused with exit 3 and one line that
names the limit and the option raising it; within the limits the input parses as before."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from pipeline import cli, limits, parse
from pipeline.errors import InputError, LimitError
from pipeline.limits import Limits
from tests import hostile_builder as hb
from tests.conftest import ROOT, SEED
from tests.pdf_builder import TOP, Text, build_pdf


def run_cli(capsys: pytest.CaptureFixture[str], tmp_path: Path, *args: str) -> tuple[int, str]:
    """(exit code, the one stderr line) of `notice-parse parse ARGS --out DIR`, in-process."""
    out = Path(tempfile.mkdtemp(dir=tmp_path))
    code = cli.main(["parse", *args, "--out", str(out)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 0 or not any(out.iterdir()), "a refused input left output files"
    return code, err[0] if len(err) == 1 else "\n".join(err)


def assert_refused(code: int, line: str, path: Path, limit: str, option: str | None) -> None:
    assert code == 3, f"exit {code}: {line}"
    assert line.startswith(f"Error: {path}: "), line
    assert "\n" not in line, f"more than one line: {line!r}"
    assert limit in line, f"{line!r} does not name the {limit}"
    if option:
        assert f"({option} raises it)" in line, f"{line!r} does not name {option}"


# ---------------------------------------------------------------- the dataclass and its options


def test_defaults_are_the_module_constants() -> None:
    d = Limits()
    assert (d.max_bytes, d.max_unpacked, d.max_ratio, d.max_paragraphs, d.max_pages) == (
        limits.DEFAULT_MAX_BYTES,
        limits.DEFAULT_MAX_UNPACKED,
        limits.DEFAULT_MAX_RATIO,
        limits.DEFAULT_MAX_PARAGRAPHS,
        limits.DEFAULT_MAX_PAGES,
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [("100MB", 100_000_000), ("2G", 2_000_000_000), ("500k", 500_000), ("1.5MiB", 1_572_864), ("123", 123)],
)
def test_size_arg(text: str, value: int) -> None:
    assert limits.size_arg(text) == value


@pytest.mark.parametrize("text", ["", "-1", "0", "ten", "5XB"])
def test_size_arg_refuses(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        limits.size_arg(text)


def test_help_lists_every_limit_with_its_default(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["parse", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for option, default in (
        ("--max-bytes", "100 MB"),
        ("--max-unpacked", "200 MB"),
        ("--max-ratio", "100:1"),
        ("--max-paragraphs", "200,000"),
        ("--max-pages", "3,000"),
    ):
        assert option in text and f"default {default}" in text, f"{option} (default {default}) not in --help"


def test_readme_documents_every_limit() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Limits") :]
    for spec in limits.SPECS.values():
        assert spec.option in section, f"{spec.option} is not in the README's Limits section"


def test_a_bad_limit_value_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["parse", str(SEED), "--max-pages", "zero"])
    assert exc.value.code == 2
    assert "--max-pages" in capsys.readouterr().err


def test_library_defaults_and_explicit_limits(tmp_path: Path) -> None:
    assert len(parse(SEED).tasks) == 50  # parse(path) keeps working with the defaults
    with pytest.raises(LimitError, match=r"--max-paragraphs raises it"):
        parse(SEED, limits=Limits(max_paragraphs=10))
    assert issubclass(LimitError, InputError) and LimitError.exit_code == 3


# ---------------------------------------------------------------- each limit, from the CLI


def test_input_bytes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, line = run_cli(capsys, tmp_path, str(SEED), "--max-bytes", "10k")
    assert_refused(code, line, SEED, "input-size limit of 10,000 bytes", "--max-bytes")
    code, _ = run_cli(capsys, tmp_path, str(SEED), "--max-bytes", "1MB")
    assert code == 0


def test_paragraphs_of_a_text_stop_early(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = hb.text_with_lines(tmp_path / "many.txt", 50_000)  # 100,001 lines
    code, line = run_cli(capsys, tmp_path, str(path), "--max-paragraphs", "1000")
    assert_refused(code, line, path, "paragraph limit of 1,000", "--max-paragraphs")


def test_paragraphs_of_a_docx_are_counted_before_python_docx_parses(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = hb.docx_with_body(tmp_path / "empty.docx", b"<w:p/>" * 100_000)
    code, line = run_cli(capsys, tmp_path, str(path), "--max-paragraphs", "1000", "--max-ratio", "100000")
    assert_refused(code, line, path, "word/document.xml holds more than 1,000 paragraphs", "--max-paragraphs")


def test_three_million_empty_paragraphs_are_refused_at_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The 353 KB file of issue 10 ran for minutes at 4 GB; its ratio alone gives it away."""
    path = hb.docx_with_body(tmp_path / "3m.docx", b"<w:p/>" * 3_000_000)
    code, line = run_cli(capsys, tmp_path, str(path))
    assert_refused(code, line, path, "compression-ratio limit of 100:1", "--max-ratio")
    code, line = run_cli(capsys, tmp_path, str(path), "--max-ratio", "100000")
    assert_refused(code, line, path, "paragraph limit of 200,000", "--max-paragraphs")


def test_paragraphs_of_a_page(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "many.html"
    path.write_text("<html><body>" + "<p>推进工作。</p>" * 100_000 + "</body></html>", encoding="utf-8")
    code, line = run_cli(capsys, tmp_path, str(path), "--max-paragraphs", "1000")
    assert_refused(code, line, path, "block elements", "--max-paragraphs")


def test_zip_bomb(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = hb.zip_bomb_docx(tmp_path / "bomb.docx")
    assert path.stat().st_size < 200_000
    code, line = run_cli(capsys, tmp_path, str(path))
    assert_refused(code, line, path, "word/media/bomb.bin is compressed", "--max-ratio")
    code, line = run_cli(capsys, tmp_path, str(path), "--max-ratio", "100000", "--max-unpacked", "5MB")
    assert_refused(code, line, path, "unpacked-size limit of 5 MB", "--max-unpacked")
    code, _ = run_cli(capsys, tmp_path, str(path), "--max-ratio", "100000")
    assert code == 0  # within both limits the notice parses


def test_pdf_pages(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "pages.pdf"
    path.write_bytes(build_pdf([[Text(100.0, TOP, f"第{k}页正文")] for k in range(12)]))
    code, line = run_cli(capsys, tmp_path, str(path), "--max-pages", "10")
    assert_refused(code, line, path, "the PDF has 12 pages, over the page limit of 10", "--max-pages")


def test_entity_docx(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """No file leaks and, refused, no text silently vanishes after each &ext; either."""
    body = hb.paragraphs_xml(["一、总体", "1.推进&ext;工作。", "牵头单位：县发改委"])
    path = hb.docx_with_body(tmp_path / "entity.docx", body, prolog=hb.DOCTYPE_ENTITY)
    code, line = run_cli(capsys, tmp_path, str(path))
    assert code == 3, line
    assert "word/document.xml declares a DOCTYPE" in line and "\n" not in line


def test_nul_bytes_in_utf8_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes("一、总体\n1.推进工作。\x00\n牵头单位：县发改委\n".encode())
    code, line = run_cli(capsys, tmp_path, str(path))
    assert code == 3
    assert "NUL characters (the first on line 2)" in line
    assert "save it as UTF-8" not in line


def test_deep_html_is_refused_not_cut_short(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = hb.deep_html(tmp_path / "deep.html", 3000)
    code, line = run_cli(capsys, tmp_path, str(path))
    assert_refused(code, line, path, "deeper than 2,048 levels", None)
    assert "no option raises it" in line


@pytest.mark.parametrize("depth", [255, 300, 2000])
def test_deep_html_within_the_parser_limit_reads_everything(tmp_path: Path, depth: int) -> None:
    """Up to libxml2's 2,048 (huge_tree) the page is read whole, also after the deep part; the
    parser's default depth limit (256) silently dropped it, leaving no task at all."""
    tasks = parse(hb.deep_html(tmp_path / "deep.html", depth)).tasks
    assert [t.text for t in tasks] == [t.text for t in parse(SEED).tasks]


def test_a_refusal_through_a_real_process(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "parse",
            str(SEED),
            "--max-paragraphs",
            "5",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 3
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "(--max-paragraphs raises it)" in proc.stderr


@pytest.mark.parametrize(
    "prolog",
    [  # a DOCTYPE wherever the prolog may hold it: after a comment that looks like a tag, a PI, a blank
        b"<!-- <w:document> -->" + hb.DOCTYPE_ENTITY,
        b'<?mso-application progid="Word.Document"?>' + hb.DOCTYPE_ENTITY,
        b"\n  " + hb.DOCTYPE_ENTITY,
        b"<!-- " + b"x" * 70_000 + b" -->" + hb.DOCTYPE_ENTITY,  # past the bytes read first
    ],
)
def test_entity_docx_wherever_the_doctype_stands(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, prolog: bytes
) -> None:
    body = hb.paragraphs_xml(["一、总体", "1.推进&ext;工作。", "牵头单位：县发改委"])
    path = hb.docx_with_body(tmp_path / "entity.docx", body, prolog=prolog)
    code, line = run_cli(capsys, tmp_path, str(path), "--max-ratio", "100000")
    assert code == 3, line
    assert "word/document.xml declares a DOCTYPE" in line


@pytest.mark.parametrize("first", [True, False])
def test_paragraphs_are_counted_under_any_prefix(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, first: bool
) -> None:
    """The count reads every prefix the root binds to WordprocessingML, not the letter w."""
    path = hb.docx_with_body(tmp_path / "empty.docx", b"<wp9:p/>" * 2_000)
    renamed = tmp_path / "prefix.docx"
    main = b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(renamed, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                ours, theirs = b"xmlns:wp9=" + main, b"xmlns:w=" + main
                assert theirs in data
                data = data.replace(theirs, ours + b" " + theirs if first else theirs + b" " + ours, 1)
            out.writestr(info, data)
    code, line = run_cli(capsys, tmp_path, str(renamed), "--max-paragraphs", "1000", "--max-ratio", "100000")
    assert_refused(
        code, line, renamed, "word/document.xml holds more than 1,000 paragraphs", "--max-paragraphs"
    )


def test_entity_docx_in_utf16(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A part the first bytes cannot speak for (UTF-16) is parsed up to its root element."""
    body = hb.paragraphs_xml(["一、总体", "1.推进&ext;工作。", "牵头单位：县发改委"])
    path = hb.docx_with_body(tmp_path / "entity.docx", body, prolog=hb.DOCTYPE_ENTITY)
    wide = tmp_path / "utf16.docx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(wide, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert "encoding='UTF-8'" in text
                data = text.replace("encoding='UTF-8'", "encoding='UTF-16'", 1).encode("utf-16")
            out.writestr(info, data)
    code, line = run_cli(capsys, tmp_path, str(wide), "--max-ratio", "100000")
    assert code == 3, line
    assert "word/document.xml declares a DOCTYPE" in line
