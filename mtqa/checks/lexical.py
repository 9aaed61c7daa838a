"""Surface checks that need neither a model nor a source."""

from __future__ import annotations

import bisect
import itertools
import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from mtqa.checks._boilerplate import boilerplate_lexicon, boilerplate_spans
from mtqa.checks.base import Context, Finding, Param, SegmentView, check
from mtqa.lang import arabic as ar
from mtqa.lang.dictionaries import english_word, english_zipf
from mtqa.text.normalize import ARABIC_LETTER, INVISIBLE, normalize_ar, strip_clitics
from mtqa.text.split import count_utterances
from mtqa.text.tokenize import Token, tokenize

if TYPE_CHECKING:
    from mtqa.wordalign import Alignment


_LATIN_RUN = re.compile(r"-?[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f0-9'’.&\-]*(?:\s+[A-Za-z\u00c0-\u024f0-9][A-Za-z\u00c0-\u024f0-9'’.&\-]*)*")
#: Web addresses, e-mail addresses and @handles (with the letters a transcript spells out: "m -e -r").
# Bounded local part: an unbounded ``\S+@`` is retried from every position of a long run of
# non-space characters (quadratic: 37 s for one 100,000-letter "word").
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[^\s@]{1,64}@[^\s@]+\.\S+|@\w+|\b\w+\.(?:com|org|net|gov|edu|io|co)\b\S*"
                      r"|(?:\b[A-Za-z]\s*-\s*){2,}[A-Za-z]\b"
                      # … and what web copy carries that is not prose: a domain with a path or a country
                      # ending ("gov.uk/guidance"), a #hashtag, HTML tags and entities («&quot;»,
                      # <strong>), code in backticks, a file name or a snake_case identifier
                      r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:[a-z]{2}|[a-z]{2,6}(?=/))\b\S*|#\w+"
                      r"|</?[A-Za-z][^<>\n]{0,200}>|&#?\w{1,10};|`[^`\n]{1,200}`"
                      r"|\b[\w-]+\.(?:pdf|docx?|xlsx?|pptx?|csv|txt|zip|png|jpe?g|gif|mp[34])\b|\b\w+_\w+")
_SPACE_BEFORE_PUNCT = re.compile(r"[ \t\u00a0]+(?=[،؛؟:!.,;?])")


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` falls in one of ``spans`` (sorted, disjoint: finditer's matches); a bisection,
    because a line of thousands of handles would otherwise cost runs × spans."""
    k = bisect.bisect_right(spans, (pos, sys.maxsize)) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _in_source(run: str, source: str | None) -> bool:
    """Does the source have the run, as written or with a possessive dropped ("Samsung's Galaxy S25"
    kept as «Samsung Galaxy S25»)?"""
    if not source:
        return False
    pattern = re.compile(rf"(?<![A-Za-z]){re.escape(run)}(?![A-Za-z])", re.IGNORECASE)
    return pattern.search(source) is not None or (
        "'" in source or "’" in source) and pattern.search(_POSSESSIVE.sub("", source)) is not None


_POSSESSIVE = re.compile(r"(?<=[A-Za-z])['’]s\b")


def _document_source(ctx: Context) -> str:
    """Every source sentence of the document, and the source text no sentence was aligned to."""
    text: str = ctx.resource("untranslated-latin:document-source", lambda: "\n".join(
        [*ctx.source_sentences(), *(gap.text for gap in ctx.unaligned_source)]))
    return text


#: The pronoun "I" written in lower case: a source without capitals (speech transcripts, chat).
_LOWERCASE_I = re.compile(r"(?:^|\s)i(?:['’](?:m|ve|ll|d))?(?=[\s,!?]|\.(?!\w))")
#: … but not the roman numeral that opens a list item ("i. The first article applies").
_LIST_NUMERAL = re.compile(r"(?:^|\n)[ \t]*i[.)]?$")


def _caseless(ctx: Context) -> bool:
    """Does the document's source write "i" for "I", so that capitals say nothing of names?"""
    def pronoun() -> bool:
        text = _document_source(ctx)
        return any(not _LIST_NUMERAL.search(text, 0, m.end() + 1) for m in _LOWERCASE_I.finditer(text))

    found: bool = ctx.resource("untranslated-latin:caseless", pronoun)
    return found


def _latin_kind(run: str, common_english: float) -> str:
    """"fragment" (a hyphen-led piece of a word: «-Combat»), "english-word" (lower-case common
    English words: an untranslated phrase), or "name" (names, acronyms, codes: IgG, mRNA-1273)."""
    words = run.lstrip("-").split()
    if run.startswith("-") and len(words) == 1 and len(words[0]) >= 3 and words[0].isalpha() \
            and not words[0].isupper() and english_word(words[0]):
        return "fragment"  # a piece of a hyphenated English word («-Combat» of "non-combat")
    if all(len(w) >= 3 and w.isalpha() and w.islower() and english_word(w) and english_zipf(w) >= common_english
           for w in words):
        return "english-word"
    return "name"


def _named_in(run: str, source: str) -> bool:
    """The source writes these words capitalised mid-sentence or quotes them: a name, a label, a
    term under discussion, not prose to translate."""
    for m in re.finditer(rf"(?<![A-Za-z]){re.escape(run)}(?![A-Za-z])", source, re.IGNORECASE):
        before = source[:m.start()].rstrip()
        if (m.group()[:1].isupper() and before and before[-1] not in ".!?:\"“>") \
                or before.endswith(("\"", "“", "'", "‘")):
            return True
    return False


def _quoted(text: str, start: int, end: int) -> bool:
    return text[:start].rstrip().endswith(("\"", "“", "«", "'")) and text[end:].lstrip().startswith(("\"", "”", "»", "'"))


@check("untranslated-latin", category="untranslated", severity="minor",
       signals={"english-word": "major", "fragment": "major", "name": "minor", "caseless": "minor"}, params={
           # Rarer lower-case words (units, technical terms) are often kept in Latin script.
           "common_english": Param(3.0, minimum=0, maximum=8, doc=(
               "an English word this common (wordfreq Zipf) has an Arabic translation")),
       })
def untranslated_latin(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """English words or fragments left in the Arabic («-Combat», "the negotiations").

    Names, acronyms and codes in Latin script (IgG, KFOR, mRNA-1273) are wire style when the source
    has them too and are not reported; one the source lacks is. Lower-case common English words are
    untranslated copy wherever they come from, except a gloss in parentheses after its Arabic
    rendering («الحجر الصحي (quarantine)») that the source also has; copied from a source written
    without capitals ("then i press the control key"), where a name cannot be told from a word, they are
    minor (signal ``caseless``).
    """
    text = seg.text
    addresses = [m.span() for m in _ADDRESS.finditer(text)]
    for m in _LATIN_RUN.finditer(text):
        run = m.group().rstrip(".-")
        start, end = m.start(), m.start() + len(run)
        if not run.strip("-") or _inside(addresses, start):
            continue  # (a web address, e-mail or handle is copied, not translated)
        bare = run.lstrip("-")
        kind = _latin_kind(run, ctx.param("common_english"))
        in_source = _in_source(bare, seg.source)
        if kind == "english-word" and seg.source and (_named_in(bare, seg.source) or _quoted(text, start, end)):
            kind = "name"  # "Premiere Pro", a "Shift" key, a quoted expression under discussion
        elif kind == "english-word" and in_source and _caseless(ctx):
            # A source written without capitals (a transcript: "then i press the control key"): a word
            # copied from it may be such a name too, and nothing tells which. Still reported, minor.
            kind = "caseless"
        glossed = text[:start].rstrip().endswith("(") and text[end:].lstrip().startswith(")")
        if kind == "name" and (in_source or not ctx.has_source or _in_source(bare, _document_source(ctx))):
            continue  # (a name the story's source has elsewhere: copied from it, to a sentence aligned loosely)
        if glossed and (in_source or not ctx.has_source):
            continue
        if kind == "fragment":
            message = f"English fragment «{run}» left in the Arabic"
        elif kind in ("english-word", "caseless"):
            message = f"English «{run}» left untranslated"
        else:
            message = f"Latin-script text «{run}» is not in the source"
        yield Finding(start, end, message,
                      evidence={"in_source": in_source, "glossed": glossed, "signal": kind,
                                "backtranslation": seg.bt_text})


@check("doubled-word", category="grammar", severity="minor")
def doubled_word(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """The same word twice in a row («مجلس مجلس»), a typical MT stutter; unless the source repeats a
    word of its own at about that place ("bravo, bravo", "boomboom"), which the translation
    echoes, or grammar writes it twice («من من» "from whom")."""
    words = [t for t in tokenize(seg.text) if t.kind in ("ar", "lat")]
    for a, b in itertools.pairwise(words):
        between = seg.text[a.end:b.start]
        if between.strip() or len(a.text) < 2 or normalize_ar(a.text) in _DOUBLED_IN_GRAMMAR:
            continue
        if normalize_ar(a.text).lower() != normalize_ar(b.text).lower() or _spelled_letters(a.text, seg.source):
            continue
        if seg.source and _echoed(seg.source, a.start / len(seg.text)):
            continue
        yield Finding(a.start, b.end, f"«{a.text}» is repeated", suggestion=a.text, evidence={"word": a.text})


#: A word written twice in a row ("bravo, bravo"), or a reduplicated lower-case one ("boomboom",
#: "sosososo"; not a name such as "PawPaw"); letters only ("3-3", "12.12" are numbers).
_REPEATS = re.compile(r"(?i:\b([^\W\d_]+)[\s,.!?…]+\1\b)|\b([a-z]{2,})\2+[a-z]?\b")
#: How far apart (share of the line) a source repetition and the Arabic one echoing it may stand.
_ECHO_DISTANCE = 0.3


def _echoed(source: str, where: float) -> bool:
    """Does the source repeat a word of its own near ``where`` (a share of the Arabic line's length),
    which the translation echoes there? A function word written twice ("according to to") is the
    source's slip, not a repetition to render."""
    from mtqa.wordalign import STOPWORDS

    return any((m.group(2) or (len(m.group(1)) >= 3 and m.group(1).lower() not in STOPWORDS))
               and abs(m.start() / len(source) - where) <= _ECHO_DISTANCE for m in _REPEATS.finditer(source))


#: Words Arabic grammar writes twice in a row: «من من» "from whom".
_DOUBLED_IN_GRAMMAR = ar.normed_set({"من"})
_LETTER_NAMES = ar.normed_set(ar.LATIN_LETTER_NAMES)


def _spelled_letters(word: str, source: str | None) -> bool:
    """«بي بي» in «بي بي سي» (BBC) spells an acronym's doubled letter, as the source's acronym shows
    (without a source, any letter name but those that are also common words: «في», «إن»)."""
    if word.isascii():
        return source is not None and re.search(rf"\b{re.escape(word)} {re.escape(word)}\b", source) is not None
    norm = normalize_ar(word)
    if norm not in _LETTER_NAMES:
        return False
    if source is None:
        return norm not in _COMMON_LETTER_NAMES
    return any(re.search(r"(.)\1", acr) for acr in re.findall(r"\b[A-Z]{2,}\b", source))


_COMMON_LETTER_NAMES = ar.normed_set({"في", "إن", "أو"})


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


# -- invisible and bidi control characters ---------------------------------------------------
_INVISIBLE = re.compile("[" + "".join(sorted(INVISIBLE)) + "]+")
_INVISIBLE_NAMES = {
    "\u200b": "ZERO WIDTH SPACE", "\u200c": "ZERO WIDTH NON-JOINER", "\u200d": "ZERO WIDTH JOINER",
    "\u200e": "LEFT-TO-RIGHT MARK", "\u200f": "RIGHT-TO-LEFT MARK", "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING", "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE", "\u202e": "RIGHT-TO-LEFT OVERRIDE", "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE", "\u2068": "FIRST STRONG ISOLATE", "\u2069": "POP DIRECTIONAL ISOLATE",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE (BOM)", "\u061c": "ARABIC LETTER MARK", "\u00ad": "SOFT HYPHEN",
    "\u2060": "WORD JOINER", "\u180e": "MONGOLIAN VOWEL SEPARATOR",
}


def _word_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen an invisible run to the word it sits in or next to, so a reviewer can see where it is."""
    lo, hi = start, end
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    return lo, hi


def _pictograph(text: str, pos: int) -> bool:
    """Is the character at ``pos`` an emoji, or the variation selector that makes one (U+FE0F)?"""
    import unicodedata

    return 0 <= pos < len(text) and (text[pos] == "\ufe0f" or unicodedata.category(text[pos]) in ("So", "Sk"))


@check("invisible-character", category="punctuation", severity="minor")
def invisible_character(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """Invisible or bidirectional control characters (zero-width spaces/joiners, LRM/RLM, embeddings,
    overrides, isolates, BOM, Arabic letter mark) pasted into the copy.

    They break search, word counts and hyphenation and can reorder text on screen; an override or
    embedding is major because it changes what readers see.
    """
    text = seg.written_text  # (the check view the other rules read has them made plain)
    for m in _INVISIBLE.finditer(text):
        chars = m.group()
        if chars == "\u200d" and _pictograph(text, m.start() - 1) and _pictograph(text, m.end()):
            continue  # the joiner of an emoji sequence (👩‍👩‍👧, 🏳️‍🌈): part of the character
        reorders = any(c in "\u202a\u202b\u202d\u202e" for c in chars)
        lo, hi = _word_around(text, m.start(), m.end())
        names = sorted({f"U+{ord(c):04X} {_INVISIBLE_NAMES[c]}" for c in chars})
        yield Finding(lo, hi, "invisible control character " + ", ".join(names),
                      severity="major" if reorders else "minor",
                      suggestion=text[lo:m.start()] + text[m.end():hi],
                      evidence={"characters": names, "offset": m.start()})


# -- web/CMS boilerplate --------------------------------------------------------------------
#: English words that make CMS vocabulary legitimate in a translation (a story about a cookie
#: law or a newsletter): the source must not have them for a keyword match to count.
_WEB_SOURCE = re.compile(r"\b(?:cookies?|comments?|commenting|subscri\w+|newsletters?|e-?mails?|privacy|log ?in|"
                         r"sign(?:ed)? (?:in|up)|passwords?|share|sharing|click|download|apps?|copyright|"
                         r"rights reserved|website|site|browser|account|notifications?|follow us|read more)\b",
                         re.IGNORECASE)


@lru_cache(maxsize=4)
def _web_vocabulary(prose_zipf: float) -> frozenset[str]:
    """Content words of the boilerplate lexicon (clitics stripped): the vocabulary of CMS widgets,
    less the words that are common in any prose."""
    from mtqa.lang.dictionaries import frequent_zipf

    anywhere, whole = boilerplate_lexicon()
    words = {w for phrase, _ in anywhere for w in phrase} | {w for phrase in whole for w in phrase.split()}
    out = set()
    for w in words:
        for stem in strip_clitics(w, min_stem=3):
            if len(stem) >= 3 and frequent_zipf(stem) < prose_zipf and not stem.isascii():
                out.add(stem)
    return frozenset(out)


def _web_sentence(seg: SegmentView, ctx: Context) -> bool:
    """Most of the sentence's words are CMS vocabulary (two at least), and its source (if any)
    speaks of no such thing."""
    words = [normalize_ar(t.text) for t in tokenize(seg.text) if t.kind == "ar" and len(t.text) >= 2]
    if not words or len(words) > ctx.param("widget_words") or (seg.source and _WEB_SOURCE.search(seg.source)):
        return False
    vocab = _web_vocabulary(ctx.param("prose_zipf"))
    cms = [w for w in words if _in_vocabulary(w, vocab)]
    if cms and seg.source and _explained_by(cms, seg.source):
        return False  # the source says it too ("EDIT:" → «تعديل:»)
    hits = len(cms)
    if len(words) <= 3:  # a widget label («عرض التعليقات»): one CMS word, unless it is also dialogue
        return hits >= 1 and hits / len(words) >= 0.5 and not any(w in _DIALOGUE for w in words)
    return hits >= 2 and hits / len(words) >= 0.4


#: Greetings and thanks: CMS strings use them («مرحبا بعودتك»), and so does every dialogue.
_DIALOGUE = frozenset(normalize_ar(w) for w in ("مرحبا", "مرحباً", "أهلا", "أهلاً", "شكرا", "شكراً", "عفوا", "وداعا",
                                                 "نعم", "لا", "حسنا", "حسناً"))


#: A source sentence this short that speaks of web things is itself a web string ("Read more at
#: …", "All rights reserved."): the Arabic renders it, nothing was added.
_WEB_STRING_WORDS = 12


def _translated_web_string(seg: SegmentView, ctx: Context, spans: list[tuple[int, int]]) -> bool:
    """Is the sentence the translation of a web string its source has ("© 2024 Reuters. All rights
    reserved." «جميع الحقوق محفوظة»): a short source that speaks of web things, no more Arabic
    sentences rendering it than it has, and the phrases found make up most of the Arabic's words? Boilerplate tacked
    onto a translated sentence makes up a small part of it, or is a sentence of its own beside the
    one that renders the source."""
    if not seg.source or len(seg.source.split()) > _WEB_STRING_WORDS or not _WEB_SOURCE.search(seg.source):
        return False
    if len(ctx.sharing_sentence(seg)) > count_utterances(seg.source):
        return False
    words = [t for t in tokenize(seg.text) if t.kind == "ar"]
    inside = [t for t in words if any(a <= t.start < b for a, b in spans)]
    return len(inside) * 2 >= len(words)


def _explained_by(words: list[str], source: str) -> bool:
    """Does a word of the Arabic render a word of the source (the English→Arabic lexicon)?"""
    from mtqa.lang.lexicon import renderings
    from mtqa.wordalign import ar_stems_matched

    stems = {s for tok in tokenize(source) if tok.kind == "lat" for s in renderings(tok.text)}
    return any(not ar_stems_matched(w).isdisjoint(stems) for w in words)


def _in_vocabulary(word: str, vocab: frozenset[str]) -> bool:
    """The word (clitics off) is a vocabulary word, or one of four letters or more with a short
    suffix («تعليقاتكم»); three-letter stems match only whole («ديك» is not in «ديكلان»)."""
    for cand in strip_clitics(word, min_stem=3):
        if cand in vocab or any(cand[:k] in vocab for k in range(max(4, len(cand) - 3), len(cand))):
            return True
    return False


def _unexplained_sentence(seg: SegmentView, ctx: Context) -> bool:
    """The sentence shares its source with another sentence of the line that renders it, and not
    one of its own words renders a source word (lexicon, number, name): text the source does not
    have, tacked on at the start or the end of the translation (a CMS string, a caption, a stray
    label).

    A translator who splits one source sentence in two renders part of the source in each half;
    a sentence the English→Arabic lexicon cannot tie to any source word while its sibling can is
    not a translation of it. Added text sits at an edge of its line: a renderless sentence with a
    rendering sentence on both sides is a free translation the lexicon cannot follow, not an
    addition.
    """
    if not seg.source or not seg.source_lines:
        return False
    words = [t for t in tokenize(seg.text) if t.kind in ("ar", "num")]
    if not words or len(words) > ctx.param("widget_words"):
        return False
    own = _source_anchors(seg)
    if not _renders_nothing(own):
        return False
    group = ctx.sharing_sentence(seg)
    if len(group) <= count_utterances(seg.source):
        return False  # the source holds as many sentences (in a quotation, after an ellipsis): one of them
    siblings = [s for s in group if s.index != seg.index]
    # One chance match of the lexicon («الأخيرة» for "last") does not make a translation; the
    # sibling that renders the source must then anchor clearly more.
    need = 1 if not own else ctx.param("sibling_anchors")
    if not any(len(_source_anchors(s)) >= need for s in siblings):
        return False
    line = [s for s in ctx.segments if s.unit == seg.unit and s.index != seg.index]
    return any(all(_renders_nothing(_source_anchors(s)) for s in side)
               for side in ([s for s in line if s.start < seg.start], [s for s in line if s.start > seg.start]))


def _source_anchors(seg: SegmentView) -> list[Token]:
    from mtqa.wordalign import align_words

    return _anchors(align_words(seg.text, seg.source or ""))


def _renders_nothing(anchors: list[Token]) -> bool:
    """At most one common word matched, by chance: the lexicon ties nothing of the source to it."""
    return len(anchors) <= 1 and all(_weak_anchor(tok) for tok in anchors)


def _anchors(al: Alignment) -> list[Token]:
    """The English words the aligner anchored to an Arabic word (lexicon, number, name)."""
    return [al.en[i] for i, j in enumerate(al.target) if al.anchored[i] and j is not None]


def _weak_anchor(tok: Token) -> bool:
    """A lowercase word anchored by the lexicon alone: common words match by chance; a number or a
    name matched by its spelling does not."""
    return tok.kind == "lat" and not tok.text[:1].isupper()


@check("boilerplate", category="addition", severity="major",
       signals={"lexicon": "major", "vocabulary": "minor", "unexplained": "minor"}, params={
           "widget_words": Param(20, minimum=1, doc="a sentence this long is prose, whatever words it uses"),
           "sibling_anchors": Param(4, minimum=1, doc=(
               "source words a sibling sentence must anchor before a sentence that anchors one common "
               "word by chance counts as renderless")),
           "prose_zipf": Param(4.8, minimum=0, maximum=8, doc=(
               "words this common in prose (Zipf) are no CMS vocabulary, whatever the CMS strings contain")),
       })
def boilerplate(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """Web/CMS boilerplate left in the copy («اترك تعليقاً», «اقرأ أيضاً», share/print widgets).

    Phrases come from ``mtqa/data/boilerplate.txt`` (strings of real CMS, comment and cookie-consent
    locale files, each with its origin) and are matched on normalised text; single widget words
    such as «شارك» or «طباعة» only when they make up the whole sentence. A short sentence made
    mostly of their vocabulary (CMS strings the file does not list) is reported too, unless the
    source talks of such things; so is a sentence with no word that renders the source while
    the rest of its line does (any string tacked on after the translation). Found with or
    without a source.
    """
    spans = boilerplate_spans(seg.text)
    if spans and _translated_web_string(seg, ctx, spans):
        return
    for start, end in spans:
        yield Finding(start, end, f"web/CMS boilerplate «{seg.text[start:end]}» left in the copy",
                      suggestion="", evidence={"boilerplate": seg.text[start:end], "signal": "lexicon"})
    if spans:
        return
    if _web_sentence(seg, ctx):
        yield Finding(0, len(seg.text), f"«{seg.text}» reads like web/CMS boilerplate (comment, share, "
                      "newsletter or cookie wording) that the source does not have",
                      suggestion="", evidence={"signal": "vocabulary"})
    elif _unexplained_sentence(seg, ctx):
        yield Finding(0, len(seg.text), f"«{seg.text}» renders no word of the source sentence, which the "
                      "rest of the line translates: web/CMS boilerplate or other added text",
                      suggestion="", evidence={"signal": "unexplained", "source": seg.source})
