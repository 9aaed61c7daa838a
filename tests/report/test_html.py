"""HTML review page, statically: self-contained, locked down by CSP, every input text escaped,
bidi controls shown, overlapping flags split into runs. (The browser tests are in test_html_browser.py.)"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

import pytest
from reportkit import checked, document, flag, report

from mtqa.report import WRITERS
from mtqa.report.html import embed_json, render_html


class Page(HTMLParser):
    """Tags with attributes, text per open ``<mark>``, and the raw content of each ``<script>``/``<style>``."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marks: list[dict[str, str | None]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self._raw: str | None = None
        self._in_mark = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "mark":
            self.marks.append({**dict(attrs), "text": ""})
            self._in_mark = True
        if tag in ("script", "style"):
            self._raw = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._in_mark = False
        if tag == "script" and self._raw is not None:
            self.scripts.append((dict(self.tags[-1][1]) if self.tags[-1][0] == "script" else {}, self._raw))
            self._raw = None
        if tag == "style" and self._raw is not None:
            self.styles.append(self._raw)
            self._raw = None

    def handle_data(self, data: str) -> None:
        if self._raw is not None:
            self._raw += data
        elif self._in_mark:
            self.marks[-1]["text"] = (self.marks[-1]["text"] or "") + data

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for t, attrs in self.tags if t == tag]


def _sha(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


HOSTILE = checked()
HOSTILE_HTML = render_html(HOSTILE)
PAGE = Page(HOSTILE_HTML)


def test_registered() -> None:
    assert WRITERS["html"] is render_html


def test_csp_allows_only_the_inline_script_and_style_by_hash() -> None:
    (meta,) = [m for m in PAGE.named("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    csp = dict(part.strip().split(" ", 1) for part in (meta["content"] or "").split(";"))
    assert csp["default-src"] == "'none'"
    (code,) = [src for attrs, src in PAGE.scripts if "type" not in attrs]
    assert csp["script-src"] == _sha(code)
    assert csp["style-src"] == _sha(PAGE.styles[0])
    assert "unsafe-inline" not in (meta["content"] or "")


def test_self_contained() -> None:
    assert not [(t, a) for t, a in PAGE.tags if "src" in a or t in ("link", "iframe", "object", "embed", "img")]
    assert not [a for a in PAGE.named("a") if a.get("href")]
    assert "url(" not in PAGE.styles[0] and "@import" not in PAGE.styles[0]
    assert len(PAGE.scripts) == 2  # the data block and the page script; the input's <script> is text


def test_input_markup_is_text() -> None:
    assert "<script>document.title" not in HOSTILE_HTML
    assert "&lt;script&gt;" in HOSTILE_HTML and "&#x27;pwned&#x27;&lt;/" in HOSTILE_HTML
    assert '"><img' not in HOSTILE_HTML and "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in HOSTILE_HTML
    assert not any(k.startswith("on") for _, attrs in PAGE.tags for k in attrs)


def test_bidi_overrides_are_shown_not_applied() -> None:
    assert "\u202e" not in HOSTILE_HTML and "\u202c" not in HOSTILE_HTML
    assert "⟨U+202E⟩" in HOSTILE_HTML and "⟨U+202C⟩" in HOSTILE_HTML


def test_arabic_paragraphs_are_rtl_and_every_flag_is_highlighted() -> None:
    paras = [p for p in PAGE.named("p") if "para" in (p.get("class") or "")]
    assert len(paras) == 3 and all(p.get("dir") == "rtl" and p.get("lang") == "ar" for p in paras)
    assert all(m.get("data-rule") and m.get("data-flag-id") for m in PAGE.marks)
    highlighted = {fid for m in PAGE.marks for fid in (m.get("data-flag-ids") or "").split()}
    assert highlighted == {f"f0-{i}" for i in range(len(HOSTILE.documents[0].all_flags))}
    cards = [a for a in PAGE.named("article")]
    assert len(cards) == len(HOSTILE.documents[0].all_flags)
    assert {c["data-fingerprint"] for c in cards} == {f.fingerprint for f in HOSTILE.documents[0].all_flags}


def test_finding_shows_evidence() -> None:
    i = next(i for i, f in enumerate(HOSTILE.documents[0].all_flags) if f.rule == "doubled-word")
    start = HOSTILE_HTML.index(f'<article class="finding sev-minor" id="f0-{i}"')
    card = HOSTILE_HTML[start:HOSTILE_HTML.index("</article>", start)]
    for needle in ("grammar", "doubled-word", "«مجلس» is repeated", "Back-translation", "The council council said",
                   "Source", "The Security Council said", "Suggestion", "chrf", "Not an error"):
        assert needle in card, needle


def _card(page: str, fid: str) -> str:
    start = re.search(f'<article class="finding [^"]*" id="{fid}"', page).start()  # type: ignore[union-attr]
    return page[start:page.index("</article>", start)]


def _fields(card: str) -> dict[str, str]:
    """Each labelled field of a card: its label and its value as text."""
    pairs = re.findall(r"<dt[^>]*>(.*?)</dt><dd[^>]*>(.*?)</dd>", card)
    return {label: re.sub(r"<[^>]+>", "", value) for label, value in pairs}


def test_evidence_is_labelled_fields_not_a_json_dump() -> None:
    line = "قال وزراء ناتو إن البعثة لا توفر استشارات"
    flags = [
        flag(1, 4, 14, line, rule="terminology", category="terminology", message="off the termbase",
             suggestion="وزراء الخارجية", confidence=0.15,
             evidence={"term": "foreign minister", "preferred": ["وزير الخارجية", "وزراء الخارجية", "وزير الخارجية"],
                       "origin": "mtqa:data/termbase.csv:96"}),
        flag(1, 4, 14, line, rule="inconsistent-term", category="inconsistency", message="two spellings",
             suggestion="وزراء الخارجية", evidence={"variants": {"زرء نت": 1, "زرء خرج": 3}}),
        flag(1, 26, 33, line, rule="polarity-flip", category="mistranslation", severity="major",
             message="negation added", confidence=0.62,
             evidence={"source_words": ["provides", "non-combat", "advice"], "backtranslation_words": ["does", "not"],
                       "source_cue": "non-", "bt_cue": "not", "signal": "added",
                       "corroborated_by": ["negation-mismatch"],
                       "also": [{"rule": "negation-mismatch", "message": "negation added", "text": "لا توفر"}]}),
    ]
    page = render_html(report(document([line], sorted(flags, key=lambda f: (f.line, f.start, f.rule)),
                                       source=["Foreign ministers said the mission provides non-combat advice"],
                                       bt=["NATO ministers said the mission does not provide advice"])))
    by_rule = {f.rule: f"f0-{i}" for i, f in enumerate(sorted(flags, key=lambda f: (f.line, f.start, f.rule)))}
    term = _fields(_card(page, by_rule["terminology"]))
    assert term["Termbase entry"] == "foreign minister (mtqa:data/termbase.csv:96)"
    assert term["Preferred rendering"] == "وزير الخارجية / وزراء الخارجية"
    assert term["Suggestion"] == "وزراء الخارجية" and term["Confidence"] == "0.15"
    assert term["Back-translation"].startswith("NATO ministers") and term["Source (aligned)"].startswith("Foreign ministers")
    spelling = _fields(_card(page, by_rule["inconsistent-term"]))
    assert spelling["Other spelling in this document"] == "وزراء الخارجية" and "Suggestion" not in spelling
    assert spelling["Spellings in this document (normalised)"] == "زرء نت ×1, زرء خرج ×3"
    flip = _card(page, by_rule["polarity-flip"])
    fields = _fields(flip)
    assert fields["Source words"] == "provides non-combat advice"
    assert fields["Back-translation words"] == "does not"
    assert fields["Negation in the source"] == "non-" and fields["Negation in the back-translation"] == "not"
    assert fields["Corroborated by"] == "negation-mismatch"
    assert fields["Also flagged here"] == "negation-mismatch: negation added"
    assert fields["Confidence"] == "0.62" and "Signal" not in fields  # the calibration's business
    assert "{" not in flip and "[" not in flip  # no JSON anywhere on the card
    # the words come before the context, the whole sentences after it
    labels = re.findall(r"<dt[^>]*>(.*?)</dt>", flip)
    assert labels.index("Back-translation words") < labels.index("Context") < labels.index("Back-translation")
    assert '<dd dir="rtl" lang="ar"><bdi dir="rtl">وزير الخارجية / وزراء الخارجية</bdi></dd>' in page
    assert '<dd dir="ltr" lang="en"><bdi dir="ltr">provides non-combat advice</bdi></dd>' in page


def test_findings_are_listed_by_severity_then_confidence() -> None:
    line = "قال مجلس مجلس الأمن الدولي اليوم"
    flags = [flag(1, 0, 3, line, rule="a", confidence=0.2), flag(1, 4, 8, line, rule="b", severity="major"),
             flag(1, 9, 13, line, rule="c", confidence=0.9), flag(1, 14, 19, line, rule="d", severity="critical")]
    page = render_html(report(document([line], flags)))
    order = re.findall(r'<article class="finding [^"]*" id="(f0-\d)"', page)
    assert order == ["f0-3", "f0-1", "f0-2", "f0-0"]


LINE = "قال مجلس مجلس الأمن الدولي اليوم"


def test_overlapping_flags_are_split_into_runs_coloured_by_the_worst() -> None:
    flags = [flag(1, 4, 13, LINE, severity="minor"),                            # مجلس مجلس
             flag(1, 9, 19, LINE, severity="critical", rule="number-mismatch"),  # مجلس الأمن
             flag(1, 4, 8, LINE, severity="major", rule="untranslated-latin"),   # مجلس
             flag(1, 27, 27, LINE, severity="major", rule="omission-rule", category="omission")]
    page = Page(render_html(report(document([LINE], flags))))
    runs = [(m["text"], m["data-flag-ids"], m["class"]) for m in page.marks]
    assert runs == [
        ("مجلس", "f0-0 f0-2", "sev-major"),
        (" ", "f0-0", "sev-minor"),
        ("مجلس", "f0-0 f0-1", "sev-critical"),
        (" الأمن", "f0-1", "sev-critical"),
        ("", "f0-3", "sev-major gap"),
    ]
    assert page.marks[0]["data-rule"] == "doubled-word untranslated-latin"


def test_attributes_cannot_be_broken_out_of() -> None:
    message = 'bad" onmouseover="alert(1)'
    page = Page(render_html(report(document([LINE], [flag(1, 4, 8, LINE, message=message, rule='r"x')]))))
    (mark,) = page.marks
    assert mark["title"] == message and mark["data-rule"] == 'r"x'
    assert not any(k.startswith("on") for _, attrs in page.tags for k in attrs)


@pytest.mark.parametrize("value", ["</script><script>alert(1)</script>", "a\u2028b\u2029c", "<!--", "&amp;", "]]>",
                                   "\u202eمعكوس\u202c", "\x1b[31m"])
def test_embedded_json_is_inert_and_round_trips(value: str) -> None:
    text = embed_json({"text": value})
    assert not re.search("[<>&\u2028\u2029\u202a-\u202e\x00-\x1f]", text)
    assert json.loads(text) == {"text": value}


def test_data_block_lists_flags_for_the_ignore_export() -> None:
    (data_src,) = [src for attrs, src in PAGE.scripts if attrs.get("type") == "application/json"]
    data = json.loads(data_src)
    assert data["signature"] == HOSTILE.signature and data["paths"] == ["news/story.ar.txt"]
    first = HOSTILE.documents[0].all_flags[0]
    assert data["flags"]["f0-0"] | {} == {"fingerprint": first.fingerprint, "rule": first.rule,
                                          "path": "news/story.ar.txt", "text": first.text,
                                          "severity": first.severity, "category": first.category,
                                          "line": first.line, "unit_id": None}


def test_filters_list_severities_and_present_rules() -> None:
    boxes = [i for i in PAGE.named("input") if i.get("type") == "checkbox"]
    sev = [b["value"] for b in boxes if b.get("class") == "f-sev"]
    rules = {b["value"] for b in boxes if b.get("class") == "f-rule"}
    assert sev == ["critical", "major", "minor"]
    assert rules == {f.rule for f in HOSTILE.iter_flags()}


def test_model_off_warning_and_empty_report() -> None:
    html = render_html(report(document([LINE]), model={"status": "unavailable", "message": "<no weights>"}))
    assert "Back-translation is OFF" in html and "&lt;no weights&gt;" in html and "No findings." in html
