"""Surface checks that need neither a model nor a source."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mtqa.checks.base import Context, Finding, SegmentView, check
from mtqa.text.normalize import ARABIC_LETTER, normalize_ar
from mtqa.text.tokenize import tokenize
from mtqa.types import Severity

_LATIN_RUN = re.compile(r"-?[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f0-9'’.&\-]*(?:\s+[A-Za-z\u00c0-\u024f0-9][A-Za-z\u00c0-\u024f0-9'’.&\-]*)*")
_SPACE_BEFORE_PUNCT = re.compile(r"[ \t\u00a0]+(?=[،؛؟:!.,;?])")


def _in_source(run: str, source: str | None) -> bool:
    if not source:
        return False
    return re.search(rf"(?<![A-Za-z]){re.escape(run)}(?![A-Za-z])", source, re.IGNORECASE) is not None


@check("untranslated-latin", category="untranslated", severity="minor")
def untranslated_latin(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """Latin-script text left in the Arabic.

    A Latin acronym or name in parentheses right after its Arabic rendering («قوة كوسوفو (KFOR)») is a
    gloss and is not flagged when the source has it too (or when there is no source). Any other Latin run
    is flagged: minor when the source has it (a name left untransliterated), major when it is an English
    word or fragment the source does not contain (e.g. «-Combat»).
    """
    text = seg.text
    for m in _LATIN_RUN.finditer(text):
        run = m.group().rstrip(".-")
        start, end = m.start(), m.start() + len(run)
        if not run.strip("-"):
            continue
        bare = run.lstrip("-")
        in_source = _in_source(bare, seg.source)
        glossed = text[:start].rstrip().endswith("(") and text[end:].lstrip().startswith(")")
        if glossed and (in_source or not ctx.has_source):
            continue
        is_fragment = run.startswith("-") or bare.islower()
        severity: Severity = "minor" if in_source or (not is_fragment and not ctx.has_source) else "major"
        if in_source:
            message = f"«{run}» is left in Latin script; transliterate it or add an Arabic rendering"
        elif is_fragment:
            message = f"English fragment «{run}» left in the Arabic"
        else:
            message = f"Latin-script text «{run}» is not in the source" if ctx.has_source else \
                f"Latin-script text «{run}» left in the Arabic"
        yield Finding(start, end, message, severity=severity,
                      evidence={"in_source": in_source, "glossed": glossed,
                                "backtranslation": seg.bt_text})


@check("doubled-word", category="grammar", severity="minor")
def doubled_word(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """The same word twice in a row («مجلس مجلس»), a typical MT stutter."""
    words = [t for t in tokenize(seg.text) if t.kind in ("ar", "lat")]
    for a, b in zip(words, words[1:]):
        between = seg.text[a.end:b.start]
        if between.strip() or len(a.text) < 2:
            continue
        if normalize_ar(a.text).lower() == normalize_ar(b.text).lower():
            yield Finding(a.start, b.end, f"«{a.text}» is repeated", suggestion=a.text,
                          evidence={"word": a.text})


@check("punctuation-spacing", category="punctuation", severity="minor")
def punctuation_spacing(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """A space before punctuation («الناتو ،»): Arabic punctuation attaches to the preceding word."""
    text = seg.text
    for m in _SPACE_BEFORE_PUNCT.finditer(text):
        punct = text[m.end()]
        # A dotted abbreviation or ellipsis after a space ("... ." / " .5") is left alone.
        if punct in ".," and m.end() + 1 < len(text) and text[m.end() + 1].isdigit():
            continue
        if not re.search(f"[{ARABIC_LETTER}A-Za-z0-9)»”\"]$", text[:m.start()]):
            continue
        word_start = max(text.rfind(" ", 0, m.start()) + 1, 0)
        yield Finding(word_start, m.end() + 1, f"space before «{punct}»",
                      suggestion=text[word_start:m.start()] + punct,
                      evidence={"punctuation": punct})
