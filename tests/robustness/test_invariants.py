"""Property tests: nothing dropped, offsets always slice, the text layer never loses a character.

The documents come from the fuzz script's strategies (Arabic with harakat and tatweel, Latin,
digits of three scripts, bidi controls, combining marks, emoji, odd whitespace, long lines); the
long run of the same script is documented in docs/reliability.md.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtqa import Checker, Config
from mtqa.io.base import InputDocument, Unit
from mtqa.io.text import parse_lines
from mtqa.pipeline import segment_document
from mtqa.text import fold_en, normalize_ar, split_sentences, strip_clitics, tokenize
from mtqa.text.normalize import normalize_with_offsets

from ._helpers import load_fuzz

fuzz = load_fuzz()
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
unicode_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=80)
mixed_text = st.one_of(unicode_text, fuzz.document_strategy.map(" ".join))


# -- nothing dropped ------------------------------------------------------------------------------

def _assert_line_covered(line: str, spans: list[tuple[int, int, str]]) -> None:
    assert spans, "a non-empty line has no segment"
    end = 0
    covered = set()
    for start, stop, text in spans:
        assert end <= start < stop <= len(line)
        assert line[start:stop] == text
        covered.update(range(start, stop))
        end = stop
    assert all(i in covered for i, ch in enumerate(line) if not ch.isspace())


@FAST
@given(fuzz.document_strategy)
def test_every_nonempty_line_is_segmented_exactly_once(lines: list[str]) -> None:
    lines = [ln.replace("\n", " ").replace("\r", " ") for ln in lines]
    if not any(ln.strip() for ln in lines):
        return
    doc = parse_lines("\n".join(lines))
    segments = segment_document(doc)
    assert [s.index for s in segments] == list(range(len(segments)))
    by_line: dict[int, list[tuple[int, int, str]]] = {}
    for s in segments:
        # the checks read a view of the same length: every offset into it is one into the line
        assert len(s.line_text) == len(lines[s.line - 1])
        by_line.setdefault(s.line, []).append((s.start, s.end, s.written_text))
    assert set(by_line) == {i for i, ln in enumerate(lines, start=1) if ln.strip()}
    for number, spans in by_line.items():
        _assert_line_covered(lines[number - 1], spans)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fuzz.case_strategy())
def test_checker_reports_every_line_with_results_or_errors(case: dict[str, object]) -> None:
    """The whole model-free check keeps the invariant (and is JSON-serialisable and deterministic:
    two Checkers without a result cache, so that the second is not answered by the first)."""
    cold = Config(use_model=False, cache=False)
    first = fuzz.run_in_process(Checker(cold), case)
    if first is not None:
        assert fuzz.run_in_process(Checker(cold), case) == first


def test_windowed_document_equals_unwindowed_when_no_document_check_fires() -> None:
    """A huge document is checked in windows; segments and per-segment results stay identical."""
    lines = [f"قال الوزير إن المحادثات ستستمر يوم {d}. وأضاف أن الحكومة خصصت {d} مليار دولار."
             for d in range(1, 31)]
    cold = Config(use_model=False, cache=False)  # each side computed, neither read from a cache
    whole = Checker(cold).check(target=lines).documents[0]
    windowed_checker = Checker(cold)
    windowed_checker.window_units = 7
    windowed = windowed_checker.check(target=lines).documents[0]
    assert [s.to_dict() for s in windowed.segments] == [s.to_dict() for s in whole.segments]
    assert [f.to_dict() for f in windowed.all_flags] == [f.to_dict() for f in whole.all_flags]
    assert windowed.quality == whole.quality
    assert any("checked in 5 windows of 7 paragraphs" in n for n in windowed.notes)


# -- the text layer ---------------------------------------------------------------------------------

@FAST
@given(mixed_text, st.sampled_from(["ar", "en"]))
def test_split_sentences_offsets_always_slice(line: str, lang: str) -> None:
    sentences = split_sentences(line, lang)
    if not line.strip():
        assert sentences == ()
        return
    _assert_line_covered(line, [(s.start, s.end, s.text) for s in sentences])
    assert all(s.text == s.text.strip() or not s.text.strip() for s in sentences)


@FAST
@given(mixed_text)
def test_tokenize_offsets_slice_in_order(text: str) -> None:
    end = 0
    for token in tokenize(text):
        assert text[token.start:token.end] == token.text
        assert end <= token.start < token.end
        assert not token.text.isspace()
        end = token.end


@FAST
@given(mixed_text)
def test_normalisation_offsets_map_back_into_the_original(text: str) -> None:
    normalised, index = normalize_with_offsets(text)
    assert normalised == normalize_ar(text)
    assert len(index) == len(normalised) + 1 and index[-1] == len(text)
    assert index == sorted(index) and all(0 <= i <= len(text) for i in index)
    assert normalize_ar(normalised) == normalised  # idempotent: matching is stable


@FAST
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=20))
def test_clitics_and_english_folding_never_fail(word: str) -> None:
    stems = strip_clitics(word)
    assert stems[0] == word and all(word.endswith(s) for s in stems)
    assert isinstance(fold_en(word), str)


# -- readers ------------------------------------------------------------------------------------------

@FAST
@given(st.lists(fuzz.line_strategy, min_size=1, max_size=5), st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
       st.booleans())
def test_streamed_reader_matches_in_memory_parse(tmp_path_factory: pytest.TempPathFactory, lines: list[str],
                                                 encoding: str, crlf: bool) -> None:
    from mtqa import InputError
    from mtqa.io.base import decode_bytes
    from mtqa.io.text import read_lines

    text = ("\r\n" if crlf else "\n").join(lines)
    path = tmp_path_factory.mktemp("read") / "doc.txt"
    data = text.encode(encoding)
    path.write_bytes(data)
    try:
        expected: InputDocument | str = parse_lines(decode_bytes(data, str(path)), str(path))
    except InputError as exc:
        expected = str(exc)
    try:
        got: InputDocument | str = read_lines(path)
    except InputError as exc:
        got = str(exc)
    assert got == expected


# -- report writers ---------------------------------------------------------------------------------

@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mixed_text.filter(str.strip), min_size=1, max_size=4))
def test_every_writer_renders_arbitrary_text(lines: list[str]) -> None:
    from mtqa.report import WRITERS

    lines = [ln.replace("\n", " ") for ln in lines]
    report = Checker(Config(use_model=False)).check(target=lines)
    for name, writer in WRITERS.items():
        out = writer(report)
        out.encode("utf-8")  # no lone surrogates, nothing unwritable
        if name == "json":
            assert json.loads(out)["summary"]["segments"] == len(report.documents[0].segments)


def test_unit_with_only_whitespace_variants_is_blank() -> None:
    doc = InputDocument(path=None, units=(Unit(line=1, text="\u00a0\u2003 x"),))
    assert [s.text for s in segment_document(doc)] == ["x"]


def test_short_fuzz_run_finds_nothing() -> None:
    """The documented long run (scripts/fuzz_check.py, 100,000 examples), a few hundred here."""
    import io

    stats = fuzz.fuzz(200, rng_seed=7, cli_every=20, batch=200, log=io.StringIO())
    assert stats["examples"] == 200 and stats["cli"] == 10
    # every example also read a unit-format document and parsed a baseline/ignore/manifest file, and
    # most of those documents were well-formed enough to be checked
    assert stats["readers"] == stats["parsers"] == 200 and stats["readers_refused"] < 100
    assert stats["failures"] == []
