"""Text reader: encodings decided deterministically, lines numbered, undecodable bytes refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.readers import read
from pipeline.readers.text import decode

SAMPLE = "栾政〔2021〕2号\n一、总体要求\n1.推进“三大改造”。\n牵头单位：县发改委\n"

ENCODINGS = {
    "utf-8": (SAMPLE.encode("utf-8"), "utf-8"),
    "utf-8-bom": (b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8-sig"),
    "gb18030-crlf": (SAMPLE.replace("\n", "\r\n").encode("gb18030"), "gb18030"),
    "utf-16-le-bom": (b"\xff\xfe" + SAMPLE.replace("\n", "\r\n").encode("utf-16-le"), "utf-16-le"),
    "utf-16-be-bom": (b"\xfe\xff" + SAMPLE.encode("utf-16-be"), "utf-16-be"),
    "utf-16-le-no-bom": (SAMPLE.encode("utf-16-le"), "utf-16-le"),
}

TRADITIONAL = (
    "各鄉鎮人民政府，縣直各部門：現將重點工作任務分解如下。\n"
    "一、總體要求\n1.推進項目建設。\n牽頭單位：縣發展和改革委員會、縣財政局\n"
)


def test_big5_is_not_read_as_gb18030_mojibake(tmp_path: Path) -> None:
    path = tmp_path / "big5.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    doc = read(path)
    assert doc.encoding == "big5"
    assert doc.lines()[0].text == TRADITIONAL.split("\n")[0]


def test_random_high_bytes_are_an_error(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    data = bytes(rng.choice(range(0x81, 0xFE)) for _ in range(400))
    path = tmp_path / "noise.txt"
    path.write_bytes(data)
    with pytest.raises(InputError):
        read(path)


@pytest.mark.parametrize("case", sorted(ENCODINGS))
def test_decodes(case: str, tmp_path: Path) -> None:
    data, expected = ENCODINGS[case]
    path = tmp_path / "n.txt"
    path.write_bytes(data)
    doc = read(path)
    assert doc.encoding == expected, f"{case}: decoded as {doc.encoding}"
    assert [line.text for line in doc.blocks][:4] == SAMPLE.split("\n")[:4]


def test_line_numbers_are_one_based_and_count_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "n.txt"
    path.write_text("a\n\nb\r\n \rc", encoding="utf-8")
    doc = read(path)
    assert [(b.text, b.loc.line_start) for b in doc.lines()] == [("a", 1), ("b", 3), ("c", 5)]


def test_undecodable_is_an_error_not_mojibake() -> None:
    with pytest.raises(InputError, match="cannot decode"):
        decode(b"\xff\xff\xff\x81\x20", Path("x.txt"))


def test_bad_bom_payload() -> None:
    with pytest.raises(InputError, match="byte-order mark"):
        decode(b"\xef\xbb\xbf\xff\xfe\xfd", Path("x.txt"))


def test_sha256_and_format(tmp_path: Path) -> None:
    import hashlib

    path = tmp_path / "n.txt"
    path.write_bytes(SAMPLE.encode())
    doc = read(path)
    assert doc.sha256 == hashlib.sha256(SAMPLE.encode()).hexdigest()
    assert doc.format.value == "txt"
