"""The bad-input matrix: every case gets the exact message a user sees, and no traceback.

Cases already pinned by ``tests/io/test_readers.py`` / ``tests/cli/test_cli_foundation.py`` (bad UTF-8 in
the reader, JSONL field errors) are extended here through the CLI, not repeated.
"""

from __future__ import annotations

import codecs
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from mtqa import Checker, Config, InputError
from mtqa.document import NO_ARABIC
from mtqa.lang.terms import load_termbase

from ._helpers import AR_LINES, EN_LINES, CliResult

Cli = Callable[..., CliResult]


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def assert_input_error(result: CliResult, message: str) -> None:
    """Exit 2, exactly ``mtqa: error: MESSAGE`` on stderr, nothing on stdout, no traceback."""
    assert result.code == 2, result.err
    assert result.err.strip().splitlines()[-1] == f"mtqa: error: {message}"
    assert result.out == ""
    assert "Traceback" not in result.err


# -- files that cannot be read ------------------------------------------------------------------

def test_missing_file(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "missing.ar.txt"
    assert_input_error(cli("check", str(path), "--no-model"), f"{path}: no such file")


def test_missing_source_file(cli: Cli, tmp_path: Path) -> None:
    target = write(tmp_path / "t.txt", AR_LINES[0])
    source = tmp_path / "nope.en.txt"
    assert_input_error(cli("check", str(target), "--source", str(source), "--no-model"), f"{source}: no such file")


def test_unreadable_path_through_a_file(cli: Cli, tmp_path: Path) -> None:
    # Works as root too (chmod 000 does not stop root): a file used as a directory cannot be opened.
    write(tmp_path / "plain", "x")
    path = tmp_path / "plain" / "t.txt"
    assert_input_error(cli("check", str(path), "--no-model"), f"{path}: cannot read: Not a directory")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path / "t.txt", AR_LINES[0])
    path.chmod(0)
    try:
        assert_input_error(cli("check", str(path), "--no-model"), f"{path}: permission denied")
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize("option", ["--source", "--backtranslation"])
def test_directory_where_a_file_was_expected(cli: Cli, tmp_path: Path, option: str) -> None:
    target = write(tmp_path / "t.txt", AR_LINES[0])
    folder = tmp_path / "folder"
    folder.mkdir()
    assert_input_error(cli("check", str(target), option, str(folder), "--no-model"),
                       f"{folder}: is a directory, expected a file")


# -- encodings and line ends ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("data", "where", "message"),
    [
        ("سطر جيد\nفي الوسط ".encode() + b"\xff", 2,
         "not valid UTF-8 (byte 0xff at column 17); save the file as UTF-8"),
        ("سطر\n".encode("cp1256"), 1, "not valid UTF-8 (byte 0xd3 at column 1); save the file as UTF-8"),
        ("سطر\n\nآخر\x00".encode(), 3,
         "contains NUL bytes: binary file, or UTF-16 without a BOM; expected UTF-8 text"),
        ("سطر".encode("utf-16-le"), 1,  # Arabic in UTF-16 has no NUL byte: 33 06 37 06 31 06
         ("contains control character U+0006 at column 2: binary file, or UTF-16 without a BOM; "
          "expected UTF-8 text")),
        ("abc".encode("utf-16-le"), 1,
         "contains NUL bytes: binary file, or UTF-16 without a BOM; expected UTF-8 text"),
        (codecs.BOM_UTF16_LE + "سطر\n\x01".encode("utf-16-le"), 2,
         ("contains control character U+0001 at column 1: binary file, or UTF-16 without a BOM; "
          "expected UTF-8 text")),
        ("سطر\nنص\x1b[31m".encode(), 2,
         ("contains control character U+001B at column 3: binary file, or UTF-16 without a BOM; "
          "expected UTF-8 text")),
    ],
    ids=["bad-utf8-mid-file", "windows-1256", "nul-byte", "arabic-utf16-without-bom", "latin-utf16-without-bom",
         "control-in-utf16", "terminal-escape"],
)
def test_undecodable_files_name_line_and_column(cli: Cli, tmp_path: Path, data: bytes, where: int,
                                                message: str) -> None:
    path = write(tmp_path / "t.txt", data)
    assert_input_error(cli("check", str(path), "--no-model"), f"{path}:{where}: {message}")


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-16"),                            # UTF-16 with BOM (native order)
        lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),       # CRLF
        lambda t: codecs.BOM_UTF16_LE + t.replace("\n", "\r\n").encode("utf-16-le"),
    ],
    ids=["utf16-bom", "utf16-be-bom", "utf8-bom", "crlf", "utf16-crlf"],
)
def test_accepted_encodings_give_the_same_segments(cli: Cli, tmp_path: Path,
                                                   encode: Callable[[str], bytes]) -> None:
    text = AR_LINES[0] + "\n\n" + AR_LINES[1] + "\n"
    plain = write(tmp_path / "plain.txt", text)
    other = write(tmp_path / "other.txt", encode(text))
    reports = []
    for path in (plain, other):
        result = cli("check", str(path), "--no-model", "--format", "json")
        assert result.code in (0, 1), result.err
        reports.append(json.loads(result.out)["documents"][0])
    expected, got = ([(s["line"], s["start"], s["end"], s["target"]) for s in r["segments"]] for r in reports)
    assert got == expected
    assert all("\r" not in t and "\ufeff" not in t for *_, t in got)
    assert [f["text"] for f in reports[1]["flags"]] == [f["text"] for f in reports[0]["flags"]]


def test_empty_and_blank_files(cli: Cli, tmp_path: Path) -> None:
    for name, data in (("empty.txt", b""), ("blank.txt", b" \r\n\t\n\n"), ("bom.txt", codecs.BOM_UTF8)):
        path = write(tmp_path / name, data)
        assert_input_error(cli("check", str(path), "--no-model"), f"{path}: empty file: no non-blank lines")


# -- wrong language, swapped files, mismatched companions -----------------------------------------

def test_target_without_arabic_fails_with_a_clear_error(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", "\n".join(EN_LINES))
    result = cli("check", str(path), "--no-model", "--format", "json")
    assert result.code == 1
    doc = json.loads(result.out)["documents"][0]
    assert NO_ARABIC == "target has no Arabic text — is this the source?"
    assert NO_ARABIC in doc["notes"]
    assert doc["segments"][0]["errors"][0] == NO_ARABIC
    text = cli("check", str(path), "--no-model")
    assert f"{path}:1:1: error {NO_ARABIC}" in text.out


def _shaped(text: str) -> str:
    """``text`` with every Arabic letter in its contextual presentation form, as a PDF holds it."""
    import unicodedata

    def form(ch: str, shape: str) -> str | None:
        try:
            return unicodedata.lookup(f"{unicodedata.name(ch)} {shape} FORM")
        except KeyError:
            return None

    out = []
    for i, ch in enumerate(text):
        prev, nxt = text[i - 1] if i else " ", text[i + 1] if i + 1 < len(text) else " "
        after = form(prev, "INITIAL") is not None  # the letter before joins onto this one
        before = form(ch, "INITIAL") is not None and form(nxt, "FINAL") is not None
        shape = "MEDIAL" if after and before else "FINAL" if after else "INITIAL" if before else "ISOLATED"
        out.append(form(ch, shape) or form(ch, "ISOLATED") or ch)
    return "".join(out)


def test_arabic_in_presentation_forms_is_checked_like_base_letters(cli: Cli, tmp_path: Path) -> None:
    lines = [*AR_LINES[:2], "ولم يعلق المتحدث باسم الوزارة على 5 تقارير."]
    shaped = [_shaped(line) for line in lines]
    assert all(a != b and len(a) == len(b) for a, b in zip(lines, shaped))
    source = write(tmp_path / "story.en.txt", "\n".join([*EN_LINES[:2], "The ministry spokesman commented on 6 reports."]))
    reports = []
    for name, text in (("base.txt", lines), ("shaped.txt", shaped)):
        path = write(tmp_path / name, "\n".join(text))
        result = cli("check", str(path), "--source", str(source), "--no-model", "--format", "json")
        reports.append(json.loads(result.out)["documents"][0])
    assert NO_ARABIC not in reports[1]["notes"]
    flags = [[(f["rule"], f["line"], f["start"], f["end"]) for f in r["flags"]] for r in reports]
    assert flags[1] == flags[0]
    assert {"number-mismatch", "negation-mismatch"} <= {rule for rule, *_ in flags[1]}


def test_arabic_in_visual_order_is_an_input_error(cli: Cli, tmp_path: Path) -> None:
    # the second line as some PDF extractors give it: shaped, then stored left to right as displayed
    path = write(tmp_path / "story.txt", "\n".join([AR_LINES[0], _shaped(AR_LINES[1])[::-1], AR_LINES[2]]))
    assert_input_error(cli("check", str(path), "--no-model"),
                       f"{path}:2: the Arabic is stored in visual order (presentation forms, each line reversed, "
                       "as text copied out of some PDFs is): put each line back in logical order (reverse its "
                       "right-to-left runs) before checking")


def test_swapped_source_and_target_is_an_input_error(cli: Cli, tmp_path: Path) -> None:
    english = write(tmp_path / "story.en.txt", "\n".join(EN_LINES))
    arabic = write(tmp_path / "story.ar.txt", "\n".join(AR_LINES))
    assert_input_error(
        cli("check", str(english), "--source", str(arabic), "--no-model"),
        f"{english}: source and target look swapped: the target is not Arabic but the source is; "
        "give the Arabic translation as TARGET and the English original as --source")
    # The library says the same, whatever the entry point.
    with pytest.raises(InputError, match="look swapped"):
        Checker(Config(use_model=False)).check(target=EN_LINES, source=AR_LINES)


def test_the_right_way_round_is_not_flagged_as_swapped(cli: Cli, tmp_path: Path) -> None:
    english = write(tmp_path / "story.en.txt", "\n".join(EN_LINES))
    arabic = write(tmp_path / "story.ar.txt", "\n".join(AR_LINES))
    result = cli("check", str(arabic), "--source", str(english), "--no-model", "--format", "json")
    assert result.code in (0, 1), result.err
    assert NO_ARABIC not in json.loads(result.out)["documents"][0]["notes"]


def test_backtranslation_line_count_mismatch(cli: Cli, tmp_path: Path) -> None:
    target = write(tmp_path / "t.txt", "\n".join(AR_LINES))
    bt = write(tmp_path / "bt.txt", "\n\n".join(EN_LINES[:2]))
    assert_input_error(
        cli("check", str(target), "--backtranslation", str(bt)),
        f"{bt}: back-translation has 2 non-empty lines but the target has 3 non-empty lines; "
        "give one back-translation line per target line, in order")


# -- structured inputs: JSONL, termbase, config ------------------------------------------------------

@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"target": "سطر", ', "malformed JSON: Expecting property name enclosed in double quotes (column 19)"),
        ('{"target": "سطر"} trailing', "malformed JSON: Extra data (column 19)"),
        ("[1, 2]", "expected a JSON object per line"),
        ('{"target": null}', 'missing "target" string'),
    ],
)
def test_malformed_jsonl_names_the_line(cli: Cli, tmp_path: Path, line: str, message: str) -> None:
    path = write(tmp_path / "t.jsonl", '{"target": "سطر أول."}\n\n{"target": "سطر ثان."}\n' + line + "\n")
    assert_input_error(cli("check", str(path), "--no-model"), f"{path}:4: {message}")


@pytest.mark.parametrize(
    ("rows", "line", "message"),
    [
        ("source,target\nminister,وزير\nsummit\n", 3,
         "expected source,target[,status] with non-empty source and target"),
        ("minister,وزير\nsummit,قمة,banned\n", 2, "status 'banned' is not one of "),
        ("minister,وزير\n,قمة\n", 2, "expected source,target[,status] with non-empty source and target"),
        ("minister,وزير\nsummit,|||\n", 2, "no Arabic term in '|||'"),
    ],
)
def test_termbase_bad_rows_name_the_row(tmp_path: Path, rows: str, line: int, message: str) -> None:
    path = write(tmp_path / "terms.csv", rows)
    with pytest.raises(InputError) as exc:
        load_termbase(path)
    assert exc.value.line == line
    assert str(exc.value).startswith(f"{path}:{line}: {message}")


@pytest.mark.parametrize(("name", "content", "message"), [
    ("terms.csv", "", "the termbase has no terms"),
    ("terms.csv", "source,target\n   ,   \n", "the termbase has no terms"),
    ("terms.tbx", "<html/>", "not a TBX file: the root element is <html>, expected <martif> or <tbx>"),
])
def test_a_termbase_that_gives_no_terms_is_an_error(tmp_path: Path, name: str, content: str, message: str) -> None:
    # a termbase given on purpose that yields nothing is a mistake, not a silent no-op
    path = write(tmp_path / name, content)
    with pytest.raises(InputError) as exc:
        load_termbase(path)
    assert str(exc.value).startswith(f"{path}: {message}")


def test_termbase_bad_row_through_the_cli(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path / "terms.csv", "minister,وزير\nsummit\n")
    config = write(tmp_path / "mtqa.toml", 'termbases = ["terms.csv"]\n')
    target = write(tmp_path / "t.txt", AR_LINES[0])
    source = write(tmp_path / "s.txt", EN_LINES[0])
    result = cli("check", str(target), "--source", str(source), "--config", str(config), "--no-model")
    assert_input_error(result, f"{tmp_path / 'terms.csv'}:2: expected source,target[,status] with non-empty "
                               "source and target")


def test_config_with_unknown_key(cli: Cli, tmp_path: Path) -> None:
    config = write(tmp_path / "mtqa.toml", 'fail-on = "minor"\nfail_onn = "major"\n')
    target = write(tmp_path / "t.txt", AR_LINES[0])
    result = cli("check", str(target), "--config", str(config), "--no-model")
    assert result.code == 2 and result.out == "" and "Traceback" not in result.err
    assert result.err.startswith(f"mtqa: error: {config}: fail_onn: unknown key (known: ")
    assert "fail-on" in result.err
