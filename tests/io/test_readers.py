"""Readers: line numbers kept, bad input named precisely."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from mtqa.errors import InputError
from mtqa.io import read_document


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_plain_text_keeps_line_numbers_and_skips_blanks(tmp_path: Path) -> None:
    p = write(tmp_path, "a.txt", "العنوان\n\nالفقرة الأولى.\r\n   \nالفقرة الثانية.".encode())
    doc = read_document(p)
    assert [(u.line, u.text) for u in doc.units] == [(1, "العنوان"), (3, "الفقرة الأولى."), (5, "الفقرة الثانية.")]


@pytest.mark.parametrize("bom", [codecs.BOM_UTF8, b""])
def test_utf8_with_and_without_bom(tmp_path: Path, bom: bytes) -> None:
    doc = read_document(write(tmp_path, "a.txt", bom + "مرحبا".encode()))
    assert doc.units[0].text == "مرحبا"


def test_utf16_with_bom_is_accepted(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "a.txt", "سطر\nآخر".encode("utf-16")))
    assert [u.text for u in doc.units] == ["سطر", "آخر"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("سطر جيد\n".encode() + b"\xff\xfe bad", "a.txt:2: not valid UTF-8 (byte 0xff at column 1)"),
        (b"line\n\nabc\x00def", "a.txt:3: contains NUL bytes"),
        (b"", "a.txt: empty file"),
        (b"\n  \n\t\n", "a.txt: empty file"),
    ],
)
def test_bad_input_names_file_and_line(tmp_path: Path, data: bytes, message: str) -> None:
    p = write(tmp_path, "a.txt", data)
    with pytest.raises(InputError) as exc:
        read_document(p)
    assert str(exc.value).startswith(str(tmp_path / message.split(":")[0]) + message[len(message.split(":")[0]):])


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_document(tmp_path)


def test_jsonl_reader(tmp_path: Path) -> None:
    p = write(tmp_path, "a.jsonl", (
        '{"id": "p1", "target": "العنوان", "source": "The headline"}\n'
        "\n"
        '{"id": 2, "target": "فقرة"}\n'
    ).encode())
    doc = read_document(p)
    assert [(u.line, u.unit_id, u.text, u.source) for u in doc.units] == [
        (1, "p1", "العنوان", "The headline"), (3, "2", "فقرة", None)]


@pytest.mark.parametrize(
    ("line", "message"),
    [('{"id": 1, "target": ', "malformed JSON"), ('["x"]', "expected a JSON object"),
     ('{"id": 1}', 'missing "target"'), ('{"target": "x", "source": 3}', '"source" must be a string')],
)
def test_jsonl_errors_name_the_line(tmp_path: Path, line: str, message: str) -> None:
    p = write(tmp_path, "a.jsonl", ('{"target": "سطر"}\n' + line + "\n").encode())
    with pytest.raises(InputError, match=message) as exc:
        read_document(p)
    assert exc.value.line == 2 and exc.value.path == str(p)
