"""A small, exact Parquet writer for flat tables, in the standard library only.

`import pyarrow.parquet` costs more than a whole parse (0.3 s CPU, 66 MB), so the per-notice
files are written here instead: one row group, one PLAIN data page (v1) per column chunk, no
compression, no statistics. Columns are strings, int32, float64 and lists of strings (the
standard 3-level LIST), which is all the per-notice tables hold. pyarrow, DuckDB, polars and
pandas read the result (tests/test_parquet_format.py checks each).

The format: b"PAR1", the column chunks (page header + page), the FileMetaData in Thrift's
compact protocol, its length as 4 little-endian bytes, b"PAR1".
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import is_not, itemgetter
from typing import Any, BinaryIO, Literal

__all__ = ["Column", "write_parquet"]

CREATED_BY = "notice-parse"
MAGIC = b"PAR1"

# Thrift compact protocol: the wire types a field header names
_I16, _I32, _I64, _BINARY, _LIST, _STRUCT = 4, 5, 6, 8, 9, 12
# parquet.thrift enums
_INT32, _DOUBLE, _BYTE_ARRAY = 1, 5, 6  # Type
_REQUIRED, _OPTIONAL, _REPEATED = 0, 1, 2  # FieldRepetitionType
_UTF8, _LIST_CONVERTED = 0, 3  # ConvertedType
_PLAIN, _RLE = 0, 3  # Encoding
_DATA_PAGE = 0  # PageType
_UNCOMPRESSED = 0  # CompressionCodec
_INT32_MIN, _INT32_MAX = -(2**31), 2**31 - 1
_U32 = struct.Struct("<I")

ColumnType = Literal["string", "int32", "float64", "list<string>"]
Field = tuple[int, int, bytes]  # (field id, compact wire type, encoded value)


@dataclass(frozen=True)
class Column:
    """One column of a flat table; `nullable=False` makes it REQUIRED, and a None in it an error."""

    name: str
    type: ColumnType
    nullable: bool = True


# --- Thrift compact protocol -------------------------------------------------------------------


def _varint(n: int) -> bytes:
    """ULEB128: 7 bits a byte, low bits first, the high bit set on all but the last."""
    out = bytearray()
    while n > 0x7F:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def _int(n: int) -> bytes:
    """An i16/i32/i64: zigzag (small magnitudes of either sign stay short), then a varint."""
    return _varint(2 * n if n >= 0 else -2 * n - 1)


def _binary(value: str | bytes) -> bytes:
    data = value.encode() if isinstance(value, str) else value
    return _varint(len(data)) + data


def _list(wire_type: int, items: Sequence[bytes]) -> bytes:
    """A list header (size in the high nibble when under 15, else a varint) and its elements."""
    n = len(items)
    head = bytes([n << 4 | wire_type]) if n < 15 else bytes([0xF0 | wire_type]) + _varint(n)
    return head + b"".join(items)


def _struct(fields: Iterable[Field]) -> bytes:
    """Fields in increasing id order (the short header holds the id's delta), then a stop byte."""
    out = bytearray()
    last = 0
    for field_id, wire_type, value in fields:
        delta = field_id - last
        if 0 < delta <= 15:
            out.append(delta << 4 | wire_type)
        else:
            out.append(wire_type)
            out += _int(field_id)
        out += value
        last = field_id
    out.append(0)
    return bytes(out)


_EMPTY = _struct(())
_STRING_LOGICAL = _struct([(1, _STRUCT, _EMPTY)])  # LogicalType union: STRING (StringType {})
_LIST_LOGICAL = _struct([(3, _STRUCT, _EMPTY)])  # LogicalType union: LIST (ListType {})


# --- schema --------------------------------------------------------------------------------------


def _schema_elements(columns: Sequence[Column]) -> list[bytes]:
    """The schema tree flattened depth first: the root, then each column's node(s)."""
    elements = [_struct([(4, _BINARY, _binary("schema")), (5, _I32, _int(len(columns)))])]
    for c in columns:
        repetition = _int(_OPTIONAL if c.nullable else _REQUIRED)
        name = _binary(c.name)
        if c.type == "string":
            elements.append(_string_element(repetition, name))
        elif c.type in ("int32", "float64"):
            physical = _INT32 if c.type == "int32" else _DOUBLE
            elements.append(_struct([(1, _I32, _int(physical)), (3, _I32, repetition), (4, _BINARY, name)]))
        else:  # <name> (LIST) { repeated group list { optional binary element (STRING) } }
            elements.append(
                _struct(
                    [
                        (3, _I32, repetition),
                        (4, _BINARY, name),
                        (5, _I32, _int(1)),
                        (6, _I32, _int(_LIST_CONVERTED)),
                        (10, _STRUCT, _LIST_LOGICAL),
                    ]
                )
            )
            elements.append(
                _struct([(3, _I32, _int(_REPEATED)), (4, _BINARY, _binary("list")), (5, _I32, _int(1))])
            )
            elements.append(_string_element(_int(_OPTIONAL), _binary("element")))
    return elements


def _string_element(repetition: bytes, name: bytes) -> bytes:
    """BYTE_ARRAY annotated both ways: ConvertedType UTF8 for old readers, LogicalType STRING."""
    return _struct(
        [
            (1, _I32, _int(_BYTE_ARRAY)),
            (3, _I32, repetition),
            (4, _BINARY, name),
            (6, _I32, _int(_UTF8)),
            (10, _STRUCT, _STRING_LOGICAL),
        ]
    )


def _physical(c: Column) -> int:
    return {"int32": _INT32, "float64": _DOUBLE}.get(c.type, _BYTE_ARRAY)


def _path(c: Column) -> list[str]:
    return [c.name, "list", "element"] if c.type == "list<string>" else [c.name]


# --- values and levels ---------------------------------------------------------------------------


def _levels(levels: bytes, max_level: int) -> bytes:
    """A v1 page's level stream: a 4-byte length, then the RLE/bit-packed hybrid. All-equal levels
    (the usual case: no nulls) are one RLE run; others one bit-packed run, packed by reading the
    levels, last first, as the digits of an integer in base 2**width and writing it little-endian,
    which puts level i at bits [i * width, (i + 1) * width) as the spec's packing wants, in C."""
    n = len(levels)
    if n == 0:
        return _U32.pack(0)
    if levels.count(levels[0]) == n:  # header: run length << 1, then the value in one byte
        body = _varint(n << 1) + levels[:1]
    else:
        width = max_level.bit_length()
        groups = (n + 7) // 8  # values come in groups of 8, the last one padded with zeros
        digits = levels[::-1].translate(_DIGITS)
        body = _varint(groups << 1 | 1) + int(digits, 1 << width).to_bytes(groups * width, "little")
    return _U32.pack(len(body)) + body


_DIGITS = bytes.maketrans(bytes(range(8)), b"01234567")


def _plain(c: Column, values: list[Any]) -> bytes:
    """PLAIN values: int32/double as little-endian, strings as a 4-byte length and UTF-8 bytes."""
    if c.type == "int32":
        if not all(map(isinstance, values, repeat(int))):
            bad = next(v for v in values if not isinstance(v, int))
            raise TypeError(f"column {c.name!r}: {bad!r} is not an int")
        if values and (min(values) < _INT32_MIN or max(values) > _INT32_MAX):
            bad = next(v for v in values if not _INT32_MIN <= v <= _INT32_MAX)
            raise ValueError(f"column {c.name!r}: {bad} is out of the int32 range")
        return struct.pack(f"<{len(values)}i", *values)
    if c.type == "float64":
        try:
            return struct.pack(f"<{len(values)}d", *values)
        except (struct.error, OverflowError) as e:
            raise TypeError(f"column {c.name!r}: {e}") from None
    try:
        encoded = list(map(str.encode, values))
    except TypeError:
        bad = next(v for v in values if not isinstance(v, str))
        raise TypeError(f"column {c.name!r}: {bad!r} is not a str") from None
    parts = [b""] * (2 * len(encoded))
    parts[0::2] = map(_U32.pack, map(len, encoded))
    parts[1::2] = encoded
    return b"".join(parts)


def _flat(c: Column, rows: Sequence[Mapping[str, Any]]) -> tuple[int, bytes]:
    """A string/int32/float64 column's level entries and page body (definition levels, values)."""
    values = list(map(itemgetter(c.name), rows))
    if not c.nullable:
        _check_required(c, values)
        return len(values), _plain(c, values)
    defs = bytes(map(is_not, values, repeat(None)))
    return len(values), _levels(defs, 1) + _plain(c, list(compress(values, defs)))


def _list_column(c: Column, rows: Sequence[Mapping[str, Any]]) -> tuple[int, bytes]:
    """A list<string> column's level entries and page body. Repetition level 0 starts a row, 1
    continues its list; the definition level says how deep a value is defined: a null list 0, an
    empty list 1, a null element 2, an element 3 (one less each when the list is REQUIRED)."""
    values = list(map(itemgetter(c.name), rows))
    if not c.nullable:
        _check_required(c, values)
    empty = 1 if c.nullable else 0
    element = empty + 2
    full = bytes([element])
    reps = bytearray()
    defs = bytearray()
    present: list[Any] = []
    for v in values:
        if v is None:
            reps.append(0)
            defs.append(0)
        elif isinstance(v, (str, bytes)):
            raise TypeError(f"column {c.name!r}: {v!r} is not a list of strings")
        elif not v:
            reps.append(0)
            defs.append(empty)
        else:
            reps.append(0)
            reps += b"\x01" * (len(v) - 1)
            defs += full * len(v) if None not in v else bytes(element - (item is None) for item in v)
            present += v
    if None in present:
        present = [item for item in present if item is not None]
    body = _levels(bytes(reps), 1) + _levels(bytes(defs), element) + _plain(c, present)
    return len(defs), body


def _check_required(c: Column, values: list[Any]) -> None:
    if None in values:
        raise ValueError(f"column {c.name!r} is not nullable, but row {values.index(None)} is None")


# --- the file ------------------------------------------------------------------------------------


def _column_chunk(c: Column, rows: Sequence[Mapping[str, Any]], offset: int) -> tuple[bytes, bytes]:
    """The chunk's bytes (page header + page) and its ColumnChunk struct for the footer."""
    num_values, body = _list_column(c, rows) if c.type == "list<string>" else _flat(c, rows)
    if len(body) > _INT32_MAX:
        raise ValueError(f"column {c.name!r}: {len(body)} bytes do not fit in one data page")
    page_header = _struct(
        [
            (1, _I32, _int(_DATA_PAGE)),
            (2, _I32, _int(len(body))),  # uncompressed size
            (3, _I32, _int(len(body))),  # compressed size: the same, no codec
            (
                5,
                _STRUCT,
                _struct(
                    [
                        (1, _I32, _int(num_values)),
                        (2, _I32, _int(_PLAIN)),
                        (3, _I32, _int(_RLE)),  # definition levels
                        (4, _I32, _int(_RLE)),  # repetition levels
                    ]
                ),
            ),
        ]
    )
    size = _int(len(page_header) + len(body))
    meta = _struct(
        [
            (1, _I32, _int(_physical(c))),
            (2, _LIST, _list(_I32, [_int(_PLAIN), _int(_RLE)])),
            (3, _LIST, _list(_BINARY, [_binary(p) for p in _path(c)])),
            (4, _I32, _int(_UNCOMPRESSED)),
            (5, _I64, _int(num_values)),
            (6, _I64, size),  # total uncompressed size, headers included
            (7, _I64, size),  # total compressed size
            (9, _I64, _int(offset)),  # data page offset
        ]
    )
    chunk = _struct([(2, _I64, _int(offset)), (3, _STRUCT, meta)])
    return page_header + body, chunk


def write_parquet(
    f: BinaryIO, columns: Sequence[Column], rows: Sequence[Mapping[str, Any]], metadata: Mapping[str, str]
) -> None:
    """One row group, one PLAIN-encoded data page (v1) per column chunk, uncompressed.

    Every row must have every column (a missing key raises KeyError). The file is built in memory
    and written in one call; its offsets count from the first byte written, so `f` must be new."""
    names = [c.name for c in columns]
    if len(set(names)) != len(names):
        raise ValueError(f"duplicate column names in {names}")
    parts = [MAGIC]
    offset = len(MAGIC)
    chunks = []
    for c in columns:
        data, chunk = _column_chunk(c, rows, offset)
        parts.append(data)
        chunks.append(chunk)
        offset += len(data)
    total = _int(offset - len(MAGIC))
    row_group = _struct(
        [
            (1, _LIST, _list(_STRUCT, chunks)),
            (2, _I64, total),  # total byte size
            (3, _I64, _int(len(rows))),
            (5, _I64, _int(len(MAGIC))),  # file offset of the first chunk
            (6, _I64, total),  # total compressed size
            (7, _I16, _int(0)),  # ordinal
        ]
    )
    key_values = [_struct([(1, _BINARY, _binary(k)), (2, _BINARY, _binary(v))]) for k, v in metadata.items()]
    footer = _struct(
        [
            (1, _I32, _int(1)),  # version
            (2, _LIST, _list(_STRUCT, _schema_elements(columns))),
            (3, _I64, _int(len(rows))),
            (4, _LIST, _list(_STRUCT, [row_group])),
            (5, _LIST, _list(_STRUCT, key_values)),
            (6, _BINARY, _binary(CREATED_BY)),
        ]
    )
    parts += [footer, _U32.pack(len(footer)), MAGIC]
    f.write(b"".join(parts))
