"""The coverage invariant (issue 12, class 3): every unit of the input appears in the report, checked
or with a status saying why not. An empty or missing target is a major "untranslated-unit" finding
at the unit's line; a file with no translation at all, or one that cannot be read, is an input error.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtqa import Checker, Config, InputError, Report
from mtqa.io import read_document

from ._helpers import CliResult, load_fuzz

Cli = Callable[..., CliResult]
AR = ["قال", "الوزير", "إن", "المحادثات", "ستستمر", "يوم", "الاثنين", "في", "بروكسل", "الحكومة", "خصصت", "مليار"]
EN = ["The minister said talks would go on.", "Talks continue on Monday.", "The government set aside funds."]


# -- documents in every unit format, written by the fuzz script's writers (scripts/fuzz_check.py) -----------
# A test unit is (state, text, source): "translated", "empty" (<target></target>, msgstr "", an empty
# cell), "blank" (spaces only) or "missing" (no <target>, no Arabic <tuv>) where the format can say so.
fuzz = load_fuzz()
TARGETS = {"empty": "", "blank": "   ", "missing": None}


def _units(units: list[tuple[str, str, str]]) -> list[tuple[str, str | None, str]]:
    return [(f"u{k}", text if state == "translated" else TARGETS[state], source)
            for k, (state, text, source) in enumerate(units, start=1)]


def _writer(fmt: str, **options: str) -> Callable[[list[tuple[str, str, str]]], bytes]:
    write = fuzz.UNIT_FORMATS[fmt][1]
    return lambda units: write(_units(units), **options)


FORMATS: dict[str, tuple[str, Callable[[list[tuple[str, str, str]]], bytes], tuple[str, ...]]] = {
    # name: (file name, writer, the states the format can express)
    "xliff12": ("story.xlf", _writer("xliff12"), ("translated", "empty", "blank", "missing")),
    "xliff12-one-line": ("story.xlf", lambda units: _writer("xliff12")(units).replace(b"\n", b""),
                         ("translated", "empty", "missing")),
    "xliff20": ("story.xliff", _writer("xliff20"), ("translated", "empty", "missing")),
    "tmx": ("story.tmx", _writer("tmx"), ("translated", "empty", "blank", "missing")),
    "po": ("story.po", _writer("po"), ("translated", "empty", "blank")),
    "tsv": ("story.ar.tsv", _writer("tsv"), ("translated", "empty", "blank")),
    "jsonl": ("story.ar.jsonl", _writer("jsonl"), ("translated", "empty", "blank")),
}


def assert_every_unit_accounted_for(report: Report, units: list[tuple[str, str, str]]) -> None:
    """Translated units have segments and no untranslated flag; the others one major flag each, at a line."""
    (doc,) = report.documents
    assert doc.status == "checked"
    with_segments = {s.unit_id for s in doc.segments}
    untranslated = [f for f in doc.all_flags if f.rule == "untranslated-unit"]
    assert all(f.severity == "major" and f.category == "untranslated" and f.line >= 1 for f in untranslated)
    flagged = [f.unit_id for f in untranslated]
    for k, (state, _, source) in enumerate(units, start=1):
        if state == "translated":
            assert f"u{k}" in with_segments and f"u{k}" not in flagged, (k, state)
        else:
            assert flagged.count(f"u{k}") == 1 and f"u{k}" not in with_segments, (k, state)
            (flag,) = [f for f in untranslated if f.unit_id == f"u{k}"]
            assert flag.evidence.get("source") == source  # the reviewer sees what was left untranslated
    assert len(flagged) == sum(state != "translated" for state, _, _ in units)


def check_units(tmp_path: Path, fmt: str, units: list[tuple[str, str, str]]) -> Report | InputError:
    name, write, _ = FORMATS[fmt]
    path = tmp_path / name
    path.write_bytes(write(units))
    try:
        doc = read_document(path)
    except InputError as exc:
        return exc
    return Checker(Config(use_model=False, cache=False)).check(target=doc, path=str(path))


def assert_coverage(outcome: Report | InputError, units: list[tuple[str, str, str]]) -> None:
    if all(state != "translated" for state, _, _ in units):  # nothing translated: not a translation to check
        assert isinstance(outcome, InputError)
        assert f"({len(units)} unit(s), every target empty or missing)" in str(outcome)
        return
    assert isinstance(outcome, Report), outcome
    assert_every_unit_accounted_for(outcome, units)


# -- the matrix: each state in each format ----------------------------------------------------------------

@pytest.mark.parametrize(("fmt", "state"), [(fmt, state) for fmt, (_, _, states) in FORMATS.items()
                                             for state in ("empty", "blank", "missing") if state in states])
def test_an_untranslated_unit_is_a_major_finding(tmp_path: Path, fmt: str, state: str) -> None:
    units = [("translated", "قال الوزير إن المحادثات ستستمر.", EN[0]), (state, "", EN[1]),
             ("translated", "وخصصت الحكومة مليار دولار.", EN[2])]
    outcome = check_units(tmp_path, fmt, units)
    assert_coverage(outcome, units)
    assert isinstance(outcome, Report) and not outcome.passed  # major: the run fails at the default fail-on


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_file_without_any_translation_is_an_input_error(tmp_path: Path, fmt: str) -> None:
    units = [("empty", "", EN[0]), ("empty", "", EN[1])]
    assert_coverage(check_units(tmp_path, fmt, units), units)


def test_through_the_cli_exit_code_message_and_report(cli: Cli, tmp_path: Path) -> None:
    units = [("translated", "قال الوزير إن المحادثات ستستمر.", EN[0]), ("missing", "", EN[1]),
             ("empty", "", EN[2])]
    path = tmp_path / "story.xlf"
    path.write_bytes(FORMATS["xliff12"][1](units))
    result = cli("check", str(path), "--no-model", "--format", "json")
    assert result.code == 1 and "Traceback" not in result.err
    report = Report.from_json(result.out)
    assert_every_unit_accounted_for(report, units)
    text = cli("check", str(path), "--no-model")
    assert f"{path}:5: unit u2 col 1: major untranslated [untranslated-unit] untranslated unit: the target is " \
           "empty or missing" in text.out


def test_a_document_checked_in_windows_reports_each_untranslated_unit_once(tmp_path: Path) -> None:
    units = [("empty" if k in (0, 3, 4, 9) else "translated", f"قال الوزير إن المحادثات ستستمر يوم {k}.", EN[k % 3])
             for k in range(10)]
    path = tmp_path / "story.ar.jsonl"
    path.write_bytes(FORMATS["jsonl"][1](units))
    doc = read_document(path)
    whole = Checker(Config(use_model=False, cache=False)).check(target=doc)
    windowed_checker = Checker(Config(use_model=False, cache=False))
    windowed_checker.window_units = 2  # 6 translated units: three windows
    windowed = windowed_checker.check(target=doc)
    assert_every_unit_accounted_for(windowed, units)
    untranslated = [f.to_dict() for f in windowed.iter_flags() if f.rule == "untranslated-unit"]
    assert untranslated == [f.to_dict() for f in whole.iter_flags() if f.rule == "untranslated-unit"]


def test_disabling_the_rule_leaves_a_note_naming_the_units(tmp_path: Path) -> None:
    path = tmp_path / "story.ar.jsonl"
    path.write_bytes(FORMATS["jsonl"][1]([("translated", "قال الوزير.", EN[0]), ("empty", "", EN[1])]))
    report = Checker(Config(use_model=False, cache=False, disable=("untranslated-unit",))).check(
        target=read_document(path))
    assert not [f for f in report.iter_flags() if f.rule == "untranslated-unit"]
    assert any("1 unit(s) with an empty or missing target not flagged" in n and "u2" in n
               for n in report.documents[0].notes)


def test_translate_no_units_are_named_in_a_note(tmp_path: Path) -> None:
    path = tmp_path / "story.xlf"
    path.write_bytes(FORMATS["xliff12"][1]([("translated", "قال الوزير.", EN[0])]).replace(
        b"</body>", b'<trans-unit id="brand" translate="no"><source>Reuters</source></trans-unit></body>'))
    report = Checker(Config(use_model=False, cache=False)).check(target=read_document(path))
    assert report.passed is not None and not [f for f in report.iter_flags() if f.unit_id == "brand"]
    assert any('marked translate="no"' in n and "brand" in n for n in report.documents[0].notes)


# -- TMX: Arabic under any tag ------------------------------------------------------------------------------

@pytest.mark.parametrize("tag", ["ar", "ar-EG", "ar_SA", "AR", "Ar-sa", "ara", "arb", "arz", "apc", "ar-Arab-EG",
                                 " ar "])
def test_tmx_reads_every_arabic_language_tag(tmp_path: Path, tag: str) -> None:
    units = [("translated", "قال الوزير إن المحادثات ستستمر.", EN[0]), ("translated", "وخصصت الحكومة مليار.", EN[1])]
    path = tmp_path / "story.tmx"
    path.write_bytes(_writer("tmx", tag=tag)(units))
    doc = read_document(path)
    assert [(u.unit_id, u.text) for u in doc.units] == [("u1", units[0][1]), ("u2", units[1][1])]
    assert doc.untranslated == ()


def test_tmx_tmx11_lang_attribute_and_two_arabic_variants(tmp_path: Path) -> None:
    path = tmp_path / "story.tmx"
    path.write_bytes(
        b'<tmx version="1.1"><header srclang="EN"/><body>\n'
        b'<tu tuid="t1"><tuv lang="EN-US"><seg>Talks</seg></tuv>'
        + '<tuv lang="AR-EG"><seg>محادثات</seg></tuv>'.encode()
        + '<tuv xml:lang="ar-SA"><seg>مباحثات</seg></tuv></tu>\n'.encode()
        + b'<tu tuid="t2"><tuv lang="en"><seg>Minister</seg></tuv><tuv lang="fr"><seg>Ministre</seg></tuv></tu>\n'
          b"</body></tmx>")
    doc = read_document(path)
    assert [(u.unit_id, u.text, u.source) for u in doc.units] == [
        ("t1[AR-EG]", "محادثات", "Talks"), ("t1[ar-SA]", "مباحثات", "Talks")]
    assert [(u.unit_id, u.source) for u in doc.untranslated] == [("t2", "Minister")]  # French is not Arabic


# -- PO: the charset header --------------------------------------------------------------------------------

@pytest.mark.parametrize("charset", ["windows-1256", "cp1256", "ISO-8859-6", "UTF-8", "utf8", "CHARSET"])
def test_po_charset_header_is_honoured(tmp_path: Path, charset: str) -> None:
    text = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=' + charset + '\\n"\n\n'
            'msgid "Minister"\nmsgstr "الوزير"\n\nmsgid "Talks"\nmsgstr ""\n')
    encoding = "utf-8" if charset in ("UTF-8", "utf8", "CHARSET") else charset
    path = tmp_path / "story.po"
    path.write_bytes(text.encode(encoding))
    doc = read_document(path)
    assert [(u.unit_id, u.text, u.line) for u in doc.units] == [("Minister", "الوزير", 6)]
    assert [(u.unit_id, u.line) for u in doc.untranslated] == [("Talks", 9)]


def test_po_second_empty_msgid_is_an_input_error(cli: Cli, tmp_path: Path) -> None:
    # only the header has an empty msgid: a second one would be read as a header and its msgstr lost
    path = tmp_path / "story.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\n'
                    'msgstr "قال الوزير"\n\nmsgid ""\nmsgstr "اترك تعليقاً"\n', encoding="utf-8")
    result = cli("check", str(path), "--no-model")
    assert result.code == 2 and "Traceback" not in result.err, result.err
    assert f"{path}:9: an entry with an empty msgid after the header" in result.err, result.err


@pytest.mark.parametrize(("header", "data", "message"), [
    ("charset=klingon", "msgstr \"x\"", "unknown charset 'klingon' in the PO header"),
    ("charset=ISO-8859-6", "msgstr \"\xa7\"", "not valid iso8859-6"),
    # «ا» in UTF-8 under a one-byte charset's header: read as that charset it would be garbled
    ("charset=ISO-8859-6", "msgstr \"\xd8\xa7\"", "declares charset 'ISO-8859-6' but the file is UTF-8"),
    ("charset=windows-1256", "msgstr \"\xd8\xa7\"", "declares charset 'windows-1256' but the file is UTF-8"),
    ("charset=base64", "msgstr \"x\"", "charset 'base64' in the PO header is not a text encoding"),
    ("charset=rot13", "msgstr \"x\"", "charset 'rot13' in the PO header is not a text encoding"),
])
def test_po_bad_charset_is_an_input_error(cli: Cli, tmp_path: Path, header: str, data: str, message: str) -> None:
    path = tmp_path / "story.po"
    path.write_bytes(f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; {header}\\n"\n\nmsgid "a"\n{data}\n'
                     .encode("latin-1"))
    result = cli("check", str(path), "--no-model")
    assert result.code == 2 and "Traceback" not in result.err and message in result.err, result.err


# -- the property: random documents of every format ---------------------------------------------------------

unit = st.tuples(st.sampled_from(["translated", "translated", "empty", "blank", "missing"]),
                 st.lists(st.sampled_from(AR), min_size=1, max_size=8).map(" ".join), st.sampled_from(EN))


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(units=st.lists(unit, min_size=1, max_size=6))
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_unit_is_accounted_for_in_every_format(tmp_path_factory: pytest.TempPathFactory, fmt: str,
                                                     units: list[tuple[str, str, str]]) -> None:
    states = FORMATS[fmt][2]
    # a state the format cannot express is written as the nearest one it can: an empty target
    units = [(state if state in states else "empty", text, source) for state, text, source in units]
    assert_coverage(check_units(tmp_path_factory.mktemp(fmt), fmt, units), units)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(lines=st.lists(st.one_of(st.lists(st.sampled_from(AR), min_size=1, max_size=8).map(" ".join),
                                st.sampled_from(["", "  ", "\t"])), min_size=1, max_size=8))
def test_every_plain_text_line_is_accounted_for(tmp_path_factory: pytest.TempPathFactory, lines: list[str]) -> None:
    path = tmp_path_factory.mktemp("txt") / "story.ar.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    try:
        doc = read_document(path)
    except InputError as exc:
        assert not any(line.strip() for line in lines) and "empty file" in str(exc)
        return
    report = Checker(Config(use_model=False, cache=False)).check(target=doc)
    lines_with_segments = {s.line for s in report.documents[0].segments}
    assert lines_with_segments == {k for k, line in enumerate(lines, start=1) if line.strip()}


# -- units that share a line (a minified XLIFF or TMX file) --------------------------------------------------

@pytest.mark.parametrize("fmt", ["xliff12", "tmx"])
def test_units_on_one_line_keep_their_findings_and_sources_apart(tmp_path: Path, fmt: str) -> None:
    """Three units on one physical line are three units: each its own findings (none merged into
    another unit's) and its own source (no unit aligned to another's sentences)."""
    tail = " اترك تعليقاً"  # CMS boilerplate: one major finding per unit
    units = [("translated", "قال الوزير إن المحادثات ستستمر يوم الاثنين." + tail, "The minister said talks would go on."),
             ("translated", "قال الوزير إن المحادثات ستستمر يوم الاثنين." + tail, "The minister said talks would go on."),
             ("translated", "خصصت الحكومة مليار دولار للطرق.", "The government set aside a billion dollars for roads.")]
    name = "story.xlf" if fmt == "xliff12" else "story.tmx"
    results = {}
    for layout, data in (("lines", _writer(fmt)(units)), ("one line", _writer(fmt)(units).replace(b"\n", b""))):
        path = tmp_path / layout / name
        path.parent.mkdir()
        path.write_bytes(data)
        report = Checker(Config(use_model=False, cache=False)).check(target=read_document(path), path=str(path))
        (doc,) = report.documents
        results[layout] = sorted((f.unit_id, f.rule, f.text) for f in doc.all_flags)
        assert {(s.unit_id, s.source) for s in doc.segments if s.source} == {
            (f"u{k}", source) for k, (_, _, source) in enumerate(units, start=1)}
    assert [u for u, rule, _ in results["one line"] if rule == "boilerplate"] == ["u1", "u2"]
    assert results["one line"] == results["lines"]
