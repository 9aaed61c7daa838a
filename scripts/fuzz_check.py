"""Fuzz the model-free ``mtqa check`` path, the readers and the JSON/CSV parsers with Hypothesis.

Documents are built from Arabic words (with harakat, tatweel, hamza forms), Arabic and Latin
punctuation, ASCII / Arabic-Indic / Persian digits, Latin words and abbreviations, bidi controls,
combining marks, emoji (with ZWJ and flags), odd whitespace, lone surrogates, and very long or empty
lines. Each document is checked in-process (``Checker.check``, optionally with a source and a
precomputed back-translation) and, for every ``--cli-every``-th document, through ``mtqa.cli.main``
on real files (UTF-8, UTF-16, CRLF; lone surrogates written as invalid bytes). Invariants:

* nothing but :class:`mtqa.InputError` is raised, and only for input that is invalid
  (lone surrogates, control characters);
* every non-empty line has at least one segment; a line's segments are disjoint, in order, cover
  every non-whitespace character and slice back to their text (``line[start:end] == target``);
* every flag slices back to its text; segment indices are 0..n-1;
* the report is JSON-serialisable and byte-identical when the same input is checked again.

Each example also builds a document in a unit format (XLIFF 1.2 and 2.0, TMX, PO, TSV, JSONL) from
the same pieces, with empty, blank and missing targets, sometimes truncated or with random bytes
spliced in, and a baseline, ignore file or manifest (valid, wrong-typed, nested 10,000 deep, with
5,000-digit numbers, NaN, random bytes). Invariants:

* a reader returns a document or raises :class:`mtqa.InputError`, nothing else; a well-formed
  document whose text is valid for its format is never refused (unless no unit is translated);
* every unit is accounted for: the translated ones have segments, each empty or missing target is
  one "untranslated-unit" finding; every report writer renders the result;
* ``load_baseline``, ``load_ignore`` and ``read_manifest`` return or raise :class:`mtqa.InputError`.

Usage::

    python scripts/fuzz_check.py --examples 100000          # the documented long run
    python scripts/fuzz_check.py --examples 300 --seed 1     # what the test suite runs

Exit status 0 when no invariant failed; the summary line gives the count, rate and failures.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from mtqa import Checker, Config, InputError, Report
from mtqa.baseline import load_baseline, load_ignore
from mtqa.io import read_document
from mtqa.io.files import read_manifest
from mtqa.report import WRITERS

# -- document strategies -----------------------------------------------------------------------------

AR_WORDS = ["الحكومة", "قالت", "إن", "الاقتصاد", "نما", "بنسبة", "في", "العام", "الماضي", "وزير", "الخارجية",
            "أعلن", "مؤتمر", "صحفي", "الأمم", "المتحدة", "مليار", "دولار", "يوم", "الخميس", "بروكسل", "الناتو",
            "مجلس", "مجلس", "و", "ال", "لل", "بالـ", "ـ", "مُحَمَّد", "قُرْآن", "ٱلله", "ﷲ", "ﻻ", "ى", "ة", "ؤ", "ئ"]
LATIN_WORDS = ["NATO", "Mr.", "Dr.", "U.S.", "e.g.", "iPhone", "COVID-19", "the", "Brussels", "Combat", "x"]
PUNCT = [".", "!", "?", "؟", "…", "...", "،", "؛", ":", "«", "»", '"', "'", "(", ")", "-", "—", "٪", "%", "٫", "٬",
         "“", "”", ".»", "؟»", "!!", "؟!", "*", "/", "\\", "<script>", "\"><img src=x onerror=alert(1)>", "&amp;"]
DIGITS = ["2025", "3.5", "1,000", "٢٠٢٥", "٣٫٥", "۱۲۳", "0", "٪٥٠", "$2.5", "1/2", "١٠٠٠٠٠٠"]
BIDI = ["\u202e", "\u202d", "\u202a", "\u202b", "\u202c", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f",
        "\u061c", "\u200b", "\u200c", "\u200d", "\ufeff", "\u2028"]
COMBINING = ["\u064b", "\u064e", "\u0650", "\u0651", "\u0652", "\u0670", "\u0301", "\u0308", "\u20dd", "\u0653"]
EMOJI = ["😀", "🇸🇦", "👩‍👩‍👧", "👍🏽", "❤️", "🕌", "\U0001f1e6"]
SPACES = [" ", "  ", "\t", "\u00a0", "\u2003", "\u202f", "\u3000", "\u1680"]
SURROGATES = ["\ud800", "\udfff", "\udc80"]

piece = st.one_of(
    st.sampled_from(AR_WORDS), st.sampled_from(AR_WORDS), st.sampled_from(LATIN_WORDS), st.sampled_from(PUNCT),
    st.sampled_from(DIGITS), st.sampled_from(BIDI), st.sampled_from(COMBINING), st.sampled_from(EMOJI),
    st.sampled_from(SPACES), st.sampled_from(SPACES), st.text(max_size=4),
)
clean_piece = piece.filter(lambda p: not any(0xD800 <= ord(c) <= 0xDFFF for c in p))


def _join(parts: Sequence[str]) -> str:
    return " ".join(parts)


# Mostly news-sized lines; now and then a very long one (one in ~25 lines), to keep the rate high.
long_line = st.one_of(
    st.lists(st.sampled_from(AR_WORDS + PUNCT[:8]), min_size=200, max_size=600).map(_join),
    st.builds(lambda w, n: (w + " ") * n, st.sampled_from(AR_WORDS), st.integers(1, 400)),
)
line_strategy = st.sampled_from(["normal"] * 22 + ["empty", "blank", "long"]).flatmap(
    lambda kind: {"normal": st.lists(clean_piece, max_size=30).map(_join), "empty": st.just(""),
                  "blank": st.sampled_from(SPACES), "long": long_line}[kind])
document_strategy = st.lists(line_strategy, min_size=1, max_size=6)


@st.composite
def case_strategy(draw: st.DrawFn) -> dict[str, Any]:
    """A document and optionally a same-length English source and back-translation."""
    lines = draw(document_strategy)
    if draw(st.sampled_from([False] * 29 + [True])):  # a lone surrogate now and then: an InputError
        k = draw(st.integers(0, len(lines) - 1))
        lines[k] = lines[k] + draw(st.sampled_from(SURROGATES))
    case: dict[str, Any] = {"target": lines}
    nonblank = [ln for ln in lines if ln.strip()]
    mode = draw(st.sampled_from(["target", "target", "source", "source+bt"]))
    en = st.lists(st.sampled_from(["The minister said.", "NATO met in Brussels on Thursday.", "It grew 3.5%.",
                                   "Talks continue!", "Mr. Smith left?", "", "Prices rose by 1,000 dollars."]),
                  min_size=1, max_size=4).map(_join)
    if mode != "target" and nonblank:
        case["source"] = [draw(en).strip() or "Text." for _ in nonblank]
        if mode == "source+bt":
            case["backtranslation"] = [draw(en).strip() or "Text." for _ in nonblank]
    return case


# -- invariants ---------------------------------------------------------------------------------------

def _has_surrogate(text: str) -> bool:
    return any(0xD800 <= ord(c) <= 0xDFFF for c in text)


def check_report(report: Report, lines: Sequence[str]) -> None:
    """The coverage, offset and serialisation invariants of one single-document report."""
    (doc,) = report.documents
    by_line: dict[int, list[Any]] = {}
    for k, seg in enumerate(doc.segments):
        assert seg.index == k, f"segment indices not consecutive at {k}"
        by_line.setdefault(seg.line, []).append(seg)
    nonempty = {i for i, ln in enumerate(lines, start=1) if ln.strip()}
    assert set(by_line) == nonempty, f"lines with segments {sorted(by_line)} != non-empty lines {sorted(nonempty)}"
    for number, segs in by_line.items():
        line = lines[number - 1]
        covered = [False] * len(line)
        previous_end = 0
        for seg in segs:
            assert 0 <= previous_end <= seg.start < seg.end <= len(line), f"line {number}: overlap/order {seg}"
            assert line[seg.start:seg.end] == seg.target, f"line {number}: offsets do not slice to the text"
            for i in range(seg.start, seg.end):
                covered[i] = True
            previous_end = seg.end
        missed = [i for i, ch in enumerate(line) if not ch.isspace() and not covered[i]]
        assert not missed, f"line {number}: characters {missed[:5]} not in any segment"
    for flag in doc.all_flags:
        line = lines[flag.line - 1]
        assert line[flag.start:flag.end] == flag.text, f"flag {flag.rule} does not slice to its text"
    json.loads(report.to_json())


def run_in_process(checker: Checker, case: dict[str, Any]) -> str | None:
    """Check a case; the JSON report, or None when it was rightly refused as invalid input."""
    lines = case["target"]
    invalid = any(_has_surrogate(x) for key in ("target", "source", "backtranslation") for x in case.get(key, ()))
    try:
        report = checker.check(target=lines, source=case.get("source"), backtranslation=case.get("backtranslation"))
    except InputError as exc:
        if invalid or not any(ln.strip() for ln in lines) or "control character" in str(exc):
            return None
        raise
    assert not invalid, "a lone surrogate was accepted"
    # In-memory paragraphs are the list items, numbered from 1, blanks skipped (see mtqa.api).
    check_report(report, [ln.replace("\n", " ") for ln in lines])
    return report.to_json()


def run_cli(case: dict[str, Any], workdir: Path, variant: int) -> None:
    """The same case through ``mtqa check`` on files, in one of several encodings."""
    from mtqa.cli import main

    text = "\n".join(case["target"])
    if variant % 4 == 1:
        text = text.replace("\n", "\r\n")
    encoding = "utf-16" if variant % 4 == 2 else "utf-8"
    bom = b"\xef\xbb\xbf" if variant % 4 == 3 else b""
    target = workdir / "doc.ar.txt"
    target.write_bytes(bom + text.encode(encoding, "surrogatepass"))
    out = workdir / "report.json"
    args = ["check", str(target), "--no-model", "--format", "json", "--output", str(out)]
    if "source" in case:
        (workdir / "doc.en.txt").write_bytes("\n".join(case["source"]).encode("utf-8", "surrogatepass"))
        args += ["--source", str(workdir / "doc.en.txt")]
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(args)
    assert code in (0, 1, 2), f"exit code {code}: {err.getvalue()[-500:]}"
    assert "Traceback" not in err.getvalue(), err.getvalue()[-2000:]
    if code == 2:
        assert err.getvalue().startswith("mtqa: error: "), err.getvalue()[-500:]
        return
    assert not _has_surrogate(text), "a file with invalid UTF-8 was accepted"
    lines = [ln.removesuffix("\r") for ln in text.split("\n")]
    check_report(Report.from_json(out.read_text(encoding="utf-8")), lines)
    out.unlink()


# -- unit formats: the readers and the coverage invariant -----------------------------------------------
# A unit is (id, target, source); target None is a missing target (no <target>, no Arabic <tuv>),
# written as an empty one by the formats that cannot leave it out.

Unit = tuple[str, "str | None", str]
EN_SOURCES = ["The minister said talks would go on.", "NATO met in Brussels.", "It grew 3.5%.", "Talks continue!"]


def _xml_units(units: Sequence[Unit], row: Callable[[str, str | None, str], str], head: str, tail: str) -> bytes:
    """An XML document: ``head``, one ``row(id, target, source)`` per unit (escaped), ``tail``."""
    rows = [row(html.escape(uid), None if tgt is None else html.escape(tgt), html.escape(src))
            for uid, tgt, src in units]
    return (head + "\n".join(rows) + tail).encode()


def _xliff12(units: Sequence[Unit]) -> bytes:
    return _xml_units(
        units, lambda uid, tgt, src: f'<trans-unit id="{uid}"><source>{src}</source>'
        + ("" if tgt is None else f"<target>{tgt}</target>") + "</trans-unit>",
        '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file original="story.txt" source-language="en" target-language="ar" datatype="plaintext"><body>\n',
        "\n</body></file></xliff>\n")


def _xliff20(units: Sequence[Unit]) -> bytes:
    return _xml_units(
        units, lambda uid, tgt, src: f'<unit id="{uid}"><segment><source>{src}</source>'
        + ("" if tgt is None else f"<target>{tgt}</target>") + "</segment></unit>",
        '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" '
        'srcLang="en" trgLang="ar">\n<file id="f1">\n', "\n</file></xliff>\n")


def _tmx(units: Sequence[Unit], tag: str = "ar") -> bytes:
    return _xml_units(
        units, lambda uid, tgt, src: f'<tu tuid="{uid}"><tuv xml:lang="en"><seg>{src}</seg></tuv>'
        + ("" if tgt is None else f'<tuv xml:lang="{tag}"><seg>{tgt}</seg></tuv>') + "</tu>",
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" datatype="plaintext" '
        'segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body>\n',
        "\n</body></tmx>\n")


def _po_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") \
        .replace("\t", "\\t")


def _po(units: Sequence[Unit]) -> bytes:
    entries = ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n']
    entries += [f'msgctxt "{_po_string(uid)}"\nmsgid "{_po_string(src)}"\nmsgstr "{_po_string(tgt or "")}"\n'
                for uid, tgt, src in units]
    return "\n".join(entries).encode()


def _tsv(units: Sequence[Unit]) -> bytes:
    # A TSV field cannot hold a tab or a line break: the generator writes spaces there.
    rows = ["id\tsource\ttarget"] + [f"{uid}\t{src}\t{tgt or ''}" for uid, tgt, src in units]
    return ("\n".join(rows) + "\n").encode()


def _jsonl(units: Sequence[Unit]) -> bytes:
    return "".join(json.dumps({"id": uid, "source": src, "target": tgt or ""}, ensure_ascii=False) + "\n"
                   for uid, tgt, src in units).encode()


#: format: (file name, writer, can leave a target out)
UNIT_FORMATS: dict[str, tuple[str, Callable[[Sequence[Unit]], bytes], bool]] = {
    "xliff12": ("story.xlf", _xliff12, True),
    "xliff20": ("story.xliff", _xliff20, True),
    "tmx": ("story.tmx", _tmx, True),
    "po": ("story.po", _po, False),
    "tsv": ("story.ar.tsv", _tsv, False),
    "jsonl": ("story.ar.jsonl", _jsonl, False),
}
# What a reader rightly refuses: C0 controls other than tab and line breaks (mtqa's text check),
# and for XML what XML 1.0 cannot hold (VT, FF and friends, U+FFFE/U+FFFF).
_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1f]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_FORMATS = ("xliff12", "xliff20", "tmx")

# Mostly translated units (Arabic words first, so that most are), now and then an empty, blank or missing one.
unit_target = st.sampled_from(["text"] * 6 + ["empty", "missing"]).flatmap(
    lambda kind: {"text": st.builds(lambda w, rest: f"{w} {rest}", st.sampled_from(AR_WORDS),
                                    st.lists(clean_piece, max_size=8).map(_join)),
                  "empty": st.sampled_from(["", " ", "\t", "\u00a0", "\u2003"]), "missing": st.none()}[kind])


@st.composite
def reader_case_strategy(draw: st.DrawFn) -> dict[str, Any]:
    """A unit-format document: its format, units and, one time in five, bytes broken on purpose."""
    fmt = draw(st.sampled_from(sorted(UNIT_FORMATS)))
    units = []
    for k in range(draw(st.integers(1, 5))):
        target = draw(unit_target)
        if fmt == "tsv" and target is not None:
            target = re.sub("[\t\r\n]", " ", target)
        uid = f"u{k}" + draw(st.sampled_from(["", "-a", ".b", "_ب", ":x"]))
        units.append((uid, target, draw(st.sampled_from(EN_SOURCES))))
    mutation = draw(st.sampled_from([None] * 8 + ["truncate", "splice"]))
    return {"format": fmt, "units": units, "mutation": mutation, "cut": draw(st.floats(0, 1)),
            "bytes": draw(st.binary(min_size=1, max_size=8))}


def _refusable(case: dict[str, Any]) -> bool:
    pattern = _NOT_XML if case["format"] in _XML_FORMATS else _NOT_TEXT
    return any(pattern.search(tgt or "") for _, tgt, _ in case["units"])


def _translated(target: str | None) -> bool:
    return bool(target and target.replace("\r", " ").replace("\n", " ").strip())


def run_reader_case(checker: Checker, case: dict[str, Any], workdir: Path) -> str:
    """"ok", or "refused" for input rightly refused; an AssertionError names a broken invariant."""
    name, write, can_omit = UNIT_FORMATS[case["format"]]
    units = [(uid, tgt if tgt is not None or can_omit else "", src) for uid, tgt, src in case["units"]]
    data = write(units)
    if case["mutation"] == "truncate":
        data = data[: int(len(data) * case["cut"])]
    elif case["mutation"] == "splice":
        at = int(len(data) * case["cut"])
        data = data[:at] + case["bytes"] + data[at:]
    path = workdir / name
    path.write_bytes(data)
    try:
        doc = read_document(path)
    except InputError as exc:
        nothing = not any(_translated(tgt) for _, tgt, _ in units)
        assert case["mutation"] or _refusable(case) or nothing, f"{case['format']} refused: {exc}"
        return "refused"
    try:
        report = checker.check(target=doc, path=str(path))
    except InputError:
        assert case["mutation"] or _refusable(case), "a readable document was refused by the checker"
        return "refused"
    for writer in WRITERS.values():
        writer(report).encode("utf-8")
    if case["mutation"] is None:
        (result,) = report.documents
        segment_ids = {s.unit_id for s in result.segments}
        flagged = [f.unit_id for f in result.all_flags if f.rule == "untranslated-unit"]
        for uid, tgt, _ in units:
            if _translated(tgt):
                assert uid in segment_ids and uid not in flagged, f"{case['format']}: unit {uid!r} lost"
            else:
                assert flagged.count(uid) == 1, f"{case['format']}: untranslated unit {uid!r} not flagged once"
    return "ok"


# -- baseline, ignore file and manifest parsers -----------------------------------------------------------

_json_leaf = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
                       st.text(max_size=8), st.sampled_from(["t.txt", "doubled-word", "mtqa-baseline"]))
_json_value = st.recursive(_json_leaf, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                                st.dictionaries(st.sampled_from(
                                                                    ["format", "version", "findings", "ignore",
                                                                     "path", "rule", "fingerprint", "line", "text",
                                                                     "reason", "target", "source",
                                                                     "backtranslation", "x"]), inner, max_size=5)),
                           max_leaves=12)
_BAD_LINE = ('{"format": "mtqa-baseline", "version": 1, "findings": [{"path": "t.txt", "rule": "r", '
             '"fingerprint": "f", "line": "x"}]}')
_HOSTILE_JSON = ["[" * 10_000 + "]" * 10_000, '{"a":' * 3000 + "1" + "}" * 3000, "9" * 5001, "NaN", "-Infinity",
                 _BAD_LINE, '{"version": 1, "ignore": [{"rule": 5}]}', '{"target": ["t.txt"]}', '{"target": "t.txt"}']


_good_text = st.sampled_from(["t.txt", "doubled-word", "grammar", "مجلس مجلس", "*.txt"])
_text_or_odd = st.one_of(_good_text, _good_text, _good_text, _good_text, _json_leaf)
# Files of the right shape, with now and then a value of the wrong type or an unknown key.
_shaped = {
    "baseline": st.builds(lambda findings: {"format": "mtqa-baseline", "version": 1, "findings": findings},
                          st.lists(st.fixed_dictionaries(
                              {"path": _text_or_odd, "rule": _text_or_odd, "fingerprint": _text_or_odd},
                              optional={"line": st.one_of(st.integers(0, 10**6), _json_leaf), "text": _json_leaf,
                                        "severity": _json_leaf}), max_size=4)),
    "ignore": st.builds(lambda entries: {"version": 1, "ignore": entries},
                        st.lists(st.dictionaries(st.sampled_from(["fingerprint", "rule", "path", "text", "reason"] * 3
                                                                 + ["oops"]), _text_or_odd, max_size=4), max_size=4)),
    "manifest.jsonl": st.lists(st.fixed_dictionaries({"target": _text_or_odd}, optional={
        "source": _text_or_odd, "backtranslation": _text_or_odd, "x": _json_leaf}), min_size=1, max_size=4),
}


def _shaped_content(kind: str) -> st.SearchStrategy[bytes]:
    if kind == "manifest.csv":
        cells = st.sampled_from(["t.txt", "", "missing.txt", '"quoted, field"', "x" * 50])
        return st.lists(st.lists(cells, min_size=1, max_size=3).map(",".join), max_size=4).map(
            lambda rows: ("target,source,backtranslation\n" + "\n".join(rows)).encode())
    if kind == "manifest.jsonl":
        return _shaped[kind].map(lambda rows: "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode())
    return _shaped[kind].map(lambda value: json.dumps(value, ensure_ascii=False).encode())


@st.composite
def parser_case_strategy(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["baseline", "ignore", "manifest.jsonl", "manifest.csv"]))
    content = draw(st.one_of(
        _shaped_content(kind), _shaped_content(kind), _shaped_content(kind),
        _json_value.map(lambda v: json.dumps(v).encode()),
        st.sampled_from(_HOSTILE_JSON).map(str.encode),
        st.lists(_json_value.map(json.dumps), max_size=4).map(lambda rows: "\n".join(rows).encode()),
        st.text(max_size=40).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.binary(max_size=40),
        st.sampled_from([b"target,source\nt.txt,\n", b"target\n" + b'"' + b"x" * 200_000 + b'"\n',
                         b"target\x00\n", b"source\nt.txt\n"]),
    ))
    return {"kind": kind, "content": content}


def run_parser_case(case: dict[str, Any], workdir: Path) -> str:
    """A parser returns or raises InputError: "ok" or "refused"."""
    (workdir / "t.txt").write_text("نص\n", encoding="utf-8")
    path = workdir / f"input.{case['kind'].split('.')[-1] if case['kind'].startswith('manifest') else 'json'}"
    path.write_bytes(case["content"])
    load = {"baseline": load_baseline, "ignore": load_ignore}.get(case["kind"], read_manifest)
    try:
        load(str(path))
    except InputError:
        return "refused"
    return "ok"


# -- driver -------------------------------------------------------------------------------------------

def fuzz(examples: int, *, rng_seed: int = 0, cli_every: int = 50, determinism_every: int = 10,
         batch: int = 2000, log: Any = sys.stderr) -> dict[str, Any]:
    """Run ``examples`` generated cases in batches; every failure is recorded (shrunk), not fatal."""
    # No result cache: every case is checked, and the determinism check compares two computations,
    # not a cached result with itself.
    checker = Checker(Config(use_model=False, cache=False))
    fresh = Checker(Config(use_model=False, cache=False))
    stats: dict[str, Any] = {"examples": 0, "cli": 0, "refused": 0, "readers": 0, "readers_refused": 0,
                             "parsers": 0, "parsers_refused": 0, "failures": []}
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="mtqa-fuzz-") as tmp:
        workdir = Path(tmp)

        def one(case: dict[str, Any], reader_case: dict[str, Any], parser_case: dict[str, Any]) -> None:
            n = stats["examples"] = stats["examples"] + 1
            stats["readers"] += 1
            stats["readers_refused"] += run_reader_case(checker, reader_case, workdir) == "refused"
            stats["parsers"] += 1
            stats["parsers_refused"] += run_parser_case(parser_case, workdir) == "refused"
            first = run_in_process(checker, case)
            if first is None:
                stats["refused"] += 1
            elif n % determinism_every == 0:
                assert run_in_process(fresh, case) == first, "not deterministic across Checker instances"
            if n % cli_every == 0:
                stats["cli"] += 1
                run_cli(case, workdir, n // cli_every)

        done = 0
        while done < examples:
            size = min(batch, examples - done)
            test = settings(max_examples=size, deadline=None, database=None, derandomize=False,
                            phases=[Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck),
                            report_multiple_bugs=False)(
                given(case_strategy(), reader_case_strategy(), parser_case_strategy())(one))
            test = seed(rng_seed * 1_000_003 + done)(test)
            before = stats["examples"]
            try:
                test()
            except Exception as exc:  # noqa: BLE001 - record, then go on with the next batch
                stats["failures"].append("".join(traceback.format_exception_only(type(exc), exc)).strip()[:4000])
                print(f"FAILURE: {stats['failures'][-1]}", file=log, flush=True)
            done += size
            rate = stats["examples"] / max(time.monotonic() - started, 1e-9)
            print(f"fuzz: {done}/{examples} batches done, {stats['examples']} examples run "
                  f"(+{stats['examples'] - before}), {rate:.0f}/s, {len(stats['failures'])} failure(s)",
                  file=log, flush=True)
    stats["seconds"] = round(time.monotonic() - started, 1)
    return stats


def _job(examples: int, rng_seed: int, cli_every: int) -> dict[str, Any]:
    return fuzz(examples, rng_seed=rng_seed, cli_every=cli_every)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=100_000, help="generated documents (default 100000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cli-every", type=int, default=50, help="also run every Nth case through the CLI")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes, each with its own seed")
    parser.add_argument("--json", metavar="FILE", help="write the summary as JSON here")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if args.jobs > 1:
        from concurrent.futures import ProcessPoolExecutor

        shares = [args.examples // args.jobs + (j < args.examples % args.jobs) for j in range(args.jobs)]
        with ProcessPoolExecutor(args.jobs) as pool:
            parts = list(pool.map(_job, shares, [args.seed * 1000 + j for j in range(args.jobs)],
                                  [args.cli_every] * args.jobs))
        counts = ("examples", "cli", "refused", "readers", "readers_refused", "parsers", "parsers_refused")
        stats = {**{key: sum(p[key] for p in parts) for key in counts},
                 "failures": [f for p in parts for f in p["failures"]],
                 "seconds": max(p["seconds"] for p in parts), "jobs": args.jobs}
    else:
        stats = fuzz(args.examples, rng_seed=args.seed, cli_every=args.cli_every)
    print(f"fuzz: {stats['examples']} examples ({stats['cli']} through the CLI, {stats['refused']} rightly "
          f"refused as invalid input; {stats['readers']} unit-format documents read, {stats['readers_refused']} "
          f"rightly refused; {stats['parsers']} baseline/ignore/manifest files parsed, {stats['parsers_refused']} "
          f"rightly refused) in {stats['seconds']} s; {len(stats['failures'])} failure(s)")
    for failure in stats["failures"]:
        print("FAILURE:", failure)
    if args.json:
        Path(args.json).write_text(json.dumps(stats, ensure_ascii=False, indent=2), encoding="utf-8")
    return 1 if stats["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
