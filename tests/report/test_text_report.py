"""The text report reads top-down: critical and major findings first with their evidence, minor ones
counted per rule with one example, a closing line with the verdict, the scores and what was not
checked; colours only for a terminal."""

from __future__ import annotations

import io
import re

import pytest
from reportkit import checked, document, flag, report

from mtqa.cli._outputs import color_wanted
from mtqa.report import WRITERS
from mtqa.report._escape import UNSAFE
from mtqa.report.text import render_text
from mtqa.types import DocumentResult

LINE = "قال مجلس مجلس الأمن ، إن قوة KFOR -Combat ستبقى ، في كوسوفو ، غدا"
FINDING = re.compile(r"^doc\.ar\.txt:\d+:\d+: (critical|major|minor) ")


def _doc(**kw: object) -> DocumentResult:
    flags = [
        flag(1, 4, 13, LINE, rule="doubled-word", message="«مجلس» is repeated", suggestion="مجلس", confidence=0.88),
        flag(1, 14, 21, LINE, rule="punctuation-spacing", category="punctuation", message="space before «،»",
             suggestion="الأمن،", confidence=0.5),
        flag(1, 34, 41, LINE, rule="untranslated-latin", category="untranslated", severity="major",
             message="English fragment «-Combat» left in the Arabic", confidence=0.93,
             evidence={"source_words": ["non-combat"], "backtranslation_words": ["-Combat"],
                       "corroborated_by": ["negation-mismatch"],
                       "also": [{"rule": "non-word", "message": "not a word", "text": "-Combat"}]}),
        flag(1, 42, 49, LINE, rule="punctuation-spacing", category="punctuation", message="space before «،»",
             suggestion="ستبقى،", confidence=0.6),
        flag(1, 50, 59, LINE, rule="number-mismatch", category="number", severity="critical",
             message="a number the source lacks", confidence=0.7, evidence={"source_numbers": ["3", "4"]}),
        flag(1, 53, 61, LINE, rule="punctuation-spacing", category="punctuation", message="space before «،»",
             suggestion="كوسوفو،", confidence=0.4),
    ]
    return document([LINE], sorted(flags, key=lambda f: (f.line, f.start)), **kw)  # type: ignore[arg-type]


def test_critical_and_major_come_first_and_minor_ones_are_counted_per_rule() -> None:
    lines = render_text(report(_doc())).splitlines()
    findings = [FINDING.match(line).group(1) for line in lines if FINDING.match(line)]  # type: ignore[union-attr]
    assert findings == ["critical", "major"]  # no minor finding is listed one by one
    head = lines.index("doc.ar.txt: 4 minor finding(s) by rule (--show minor or -v lists each one):")
    assert all(lines.index(line) < head for line in lines if FINDING.match(line))
    groups = [line for line in lines[head + 1:] if re.match(r"^ +\d+ × ", line)]
    # the most confident rule first; one example each, the surest of its rule, with its location
    assert [re.match(r"^ +(\d+) × ([\w-]+): ", g).groups() for g in groups] == [  # type: ignore[union-attr]
        ("1", "doubled-word"), ("3", "punctuation-spacing")]
    assert "space before «،»  (e.g. doc.ar.txt:1:43 " in groups[1] and "⟦ستبقى ،⟧" in groups[1]


def test_a_listed_finding_shows_its_evidence() -> None:
    out = render_text(report(_doc()))
    block = out[out.index("[untranslated-latin]"):out.index("doc.ar.txt: 4 minor")]
    for needle in ("source words: \u2068non-combat\u2069", "back-translation words: \u2068-Combat\u2069",
                   "confidence: 0.93", "corroborated by: \u2068negation-mismatch\u2069",
                   "also flagged here: \u2068non-word: not a word\u2069", "⟦-Combat⟧"):
        assert needle in block, needle
    assert "source numbers: \u20683, 4\u2069" in out


@pytest.mark.parametrize("show", ["minor"])
def test_show_minor_lists_every_finding_most_severe_first(show: str) -> None:
    lines = render_text(report(_doc()), show=show).splitlines()
    findings = [FINDING.match(line).group(1) for line in lines if FINDING.match(line)]  # type: ignore[union-attr]
    assert findings == ["critical", "major", "minor", "minor", "minor", "minor"]
    assert not any("by rule" in line for line in lines)
    assert "    suggestion: \u2068الأمن،\u2069" in lines


def test_show_critical_summarises_major_and_minor_with_their_severity() -> None:
    out = render_text(report(_doc()), show="critical")
    assert "doc.ar.txt: 5 major and minor finding(s) by rule" in out
    assert re.search(r"^ +1 × major untranslated-latin: ", out, flags=re.MULTILINE)


def test_closing_line_gives_verdict_scores_and_what_was_not_checked() -> None:
    doc = _doc()
    last = render_text(report(doc, model={"status": "unavailable", "message": "no model"})).splitlines()[-1]
    assert last.startswith("6 finding(s) (1 critical, 1 major, 4 minor) in 1 document(s); FAILED (fail-on: major)")
    assert "scores chrf=42.0" in last
    # the reportkit document has neither back-translations nor sources
    assert last.endswith("not checked: back-translation (no model: `mtqa models download`, or --model DIR), "
                         "source comparison (no source: --source FILE)")
    assert "not checked: back-translation (--no-model)" in render_text(report(doc, model={"status": "disabled"}))


def test_a_run_with_source_and_backtranslation_says_nothing_was_left_out() -> None:
    last = render_text(checked()).splitlines()[-1]
    assert "not checked" not in last and "FAILED (fail-on: major)" in last and "scores bleu=" in last


def test_several_documents_each_close_with_their_own_counts() -> None:
    other = document(["نص سليم"], path="other.ar.txt")
    out = render_text(report(_doc(), other, model={"status": "disabled"}))
    assert "doc.ar.txt: 6 finding(s) (1 critical, 1 major, 4 minor), scores chrf=42.0" in out
    assert "other.ar.txt: 0 finding(s) (0 critical, 0 major, 0 minor), scores chrf=42.0" in out
    assert out.splitlines()[-1].startswith("6 finding(s) (1 critical, 1 major, 4 minor) in 2 document(s)")


def test_suppressed_findings_are_noted_per_document() -> None:
    doc = _doc(path="doc.ar.txt")
    noted = DocumentResult(**{**doc.__dict__, "notes": ("2 finding(s) suppressed by the baseline",)})
    assert "doc.ar.txt: note: 2 finding(s) suppressed by the baseline" in render_text(report(noted))


def test_colours_only_outside_the_arabic_and_never_by_default() -> None:
    plain = render_text(report(_doc()))
    assert "\x1b" not in plain and WRITERS["text"](report(_doc())) == plain
    coloured = render_text(report(_doc()), color=True)
    assert "\x1b[1;31mcritical\x1b[0m" in coloured and "\x1b[1;31mFAILED\x1b[0m" in coloured
    for isolate in re.findall("\u2068[^\u2069]*\u2069", coloured):
        assert "\x1b" not in isolate  # an escape code inside would upset the bidi of the phrase
    assert re.sub(r"\x1b\[[\d;]*m", "", coloured) == plain
    assert not set(UNSAFE.findall(plain)) - {"\u2068", "\u2069", "\n"}


class _Tty(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(("tty", "environ", "wanted"), [
    (True, {}, True), (False, {}, False), (True, {"NO_COLOR": "1"}, False), (True, {"NO_COLOR": ""}, True),
    (True, {"TERM": "dumb"}, False),
])
def test_colour_is_for_a_terminal_without_no_color(tty: bool, environ: dict[str, str], wanted: bool) -> None:
    assert color_wanted(_Tty(tty), environ) is wanted


def test_the_public_render_takes_the_text_options() -> None:
    import mtqa

    doc = report(_doc())
    assert mtqa.render_report(doc, "text", show="minor", color=True) == render_text(doc, show="minor", color=True)
    assert mtqa.render_report(doc, "json", show="minor", color=True) == mtqa.render_report(doc, "json")
