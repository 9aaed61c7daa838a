"""The indexed term lookups find exactly what a plain scan finds; loaded termbases stay independent."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mtqa.lang.terms import Term, Termbase, default_termbase, find_rendering, load_termbase, rendering_key
from mtqa.text.normalize import fold_en, normalize_ar, strip_clitics
from mtqa.text.tokenize import tokenize

SETTINGS = settings(max_examples=300, deadline=None)
DEFAULT = default_termbase()


def _scan_rendering(rendering: str, text: str) -> list[tuple[int, int]]:
    """find_rendering as a plain scan: every position, every word's clitic-stripped stems."""
    key = rendering_key(rendering)
    toks = [t for t in tokenize(text) if t.kind in ("ar", "num", "lat")]

    def matches(base: str, word: str) -> bool:
        return any(s.startswith(base) and len(s) - len(base) <= 3 for s in strip_clitics(normalize_ar(word)))

    return [(toks[i].start, toks[i + len(key) - 1].end) for i in range(len(toks) - len(key) + 1)
            if key and all(matches(k, toks[i + j].text) for j, k in enumerate(key))]


def _scan_source(tb: Termbase, text: str) -> list[tuple[Term, int, int]]:
    """in_source as a scan of every term (longest first) at every position."""
    words = [(fold_en(m.group()), m.start(), m.end()) for m in re.finditer(r"[A-Za-z0-9]+", text)]
    keys = [w for w, _, _ in words]
    taken = [False] * len(keys)
    out = []
    for term in sorted((t for t in tb.terms if t.source_key), key=lambda t: -len(t.source_key)):
        n = len(term.source_key)
        for i in range(len(keys) - n + 1):
            if tuple(keys[i:i + n]) == term.source_key and not any(taken[i:i + n]):
                taken[i:i + n] = [True] * n
                out.append((term, words[i][1], words[i + n - 1][2]))
    return sorted(out, key=lambda x: x[1])


_RENDERINGS = sorted({r for t in DEFAULT.terms for r in (*t.preferred, *t.forbidden)})
_AR_WORDS = sorted({w for r in _RENDERINGS for w in r.split()}) + ["في", "قال", "ال", "و", "ـ", "هزة", "١٢"]
_AR_WORD = st.builds(
    lambda pre, word, suf, mark: pre + word + suf + mark,
    st.sampled_from(["", "و", "ف", "ب", "ل", "ك", "ال", "لل", "وال", "بال", "وبال", "س"]),
    st.one_of(st.sampled_from(_AR_WORDS), st.text("ابتثجحخدذرسشعفقكلمنهويةىأإآؤئ", min_size=1, max_size=6)),
    st.sampled_from(["", "ة", "ات", "ين", "ون", "ي", "ها", "ه", "ان", "تين", "يه"]),
    st.sampled_from(["", "", "\u064e", "\u0651"]),
)
_AR_TEXT = st.lists(st.tuples(_AR_WORD, st.sampled_from([" ", " ", "، ", ". ", " 100 ", " GDP "])),
                    max_size=25).map(lambda ws: "".join(w + sep for w, sep in ws))


@SETTINGS
@given(st.one_of(st.sampled_from(_RENDERINGS), _AR_TEXT), _AR_TEXT)
def test_find_rendering_finds_what_a_scan_finds(rendering: str, text: str) -> None:
    assert find_rendering(rendering, text) == _scan_rendering(rendering, text)


@SETTINGS
@given(st.data())
def test_find_rendering_finds_each_rendering_in_context(data: st.DataObject) -> None:
    rendering = data.draw(st.sampled_from(_RENDERINGS))
    text = data.draw(_AR_TEXT) + " و" + rendering + "ات " + data.draw(_AR_TEXT)
    assert find_rendering(rendering, text) == _scan_rendering(rendering, text)


_EN_WORDS = sorted({w for t in DEFAULT.terms for w in re.findall(r"[A-Za-z0-9]+", t.source)})
_EN_TEXT = st.lists(st.one_of(st.sampled_from(_EN_WORDS), st.sampled_from(["the", "of", "a", "Banks", "banking"])),
                    max_size=40).map(" ".join)


@SETTINGS
@given(_EN_TEXT)
def test_in_source_finds_what_a_scan_finds(text: str) -> None:
    assert DEFAULT.in_source(text) == _scan_source(DEFAULT, text)


_SMALL = ["central", "bank", "banks", "governor", "state", "of", "emergency", "rate", "deposit"]


@SETTINGS
@given(st.lists(st.lists(st.sampled_from(_SMALL), min_size=1, max_size=4).map(" ".join), max_size=12),
       st.lists(st.sampled_from(_SMALL), max_size=30).map(" ".join))
def test_in_source_resolves_overlaps_as_a_scan_does(sources: list[str], text: str) -> None:
    # Same-length overlapping terms: the first in termbase order wins, as in a scan.
    tb = Termbase([Term(s, ("x",), origin=str(i)) for i, s in enumerate(sources)])
    assert tb.in_source(text) == _scan_source(tb, text)


def test_loaded_termbases_are_independent_copies(tmp_path: Path) -> None:
    extended = default_termbase()
    extended.extend(Termbase([Term("zzyzx widget", ("أداة",))]))
    assert [t.source for t, _, _ in extended.in_source("a zzyzx widget")] == ["zzyzx widget"]
    fresh = default_termbase()
    assert len(fresh.terms) == len(extended.terms) - 1
    assert fresh.in_source("a zzyzx widget") == []
    path = tmp_path / "house.csv"
    path.write_text("hostage deal,صفقة الرهائن\n", encoding="utf-8")
    assert load_termbase(path).terms[0].preferred == ("صفقة الرهائن",)
    path.write_text("hostage deal,اتفاق الرهائن\n", encoding="utf-8")  # an edited file is read afresh
    assert load_termbase(path).terms[0].preferred == ("اتفاق الرهائن",)
