"""Plant controlled errors in clean Arabic lines, each with its gold span (error-injection harness).

Every kind is one function ``(source, target, rng, res) -> Planted | None`` that changes one line
of a correct translation the way machine translation goes wrong, and returns the new line with
the span of the error in it (code points of the new line). ``None`` means the line offers no
place for that kind (no number to change, no negation to drop …).

The harness is written against general Arabic and English knowledge (``mtqa.lang`` tables,
transliteration, the dictionaries) and two lists kept apart from mtqa's own data and written by
other hands: ``benchmarks/data/term_swaps.tsv`` (wrong-sense renderings) and
``benchmarks/data/boilerplate_heldout.txt`` (CMS strings from sources the boilerplate lexicon
does not use). Nothing here reads the calibration corpora beyond the line it is given.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from mtqa.lang import arabic as ar
from mtqa.lang import english as en
from mtqa.text.normalize import normalize_ar, normalize_digits
from mtqa.text.tokenize import Token, tokenize

DATA = Path(__file__).resolve().parents[1] / "data"
KINDS = ("number", "scale", "date", "negation-dropped", "negation-added", "name", "term", "omission",
         "untranslated", "doubled", "nonword", "boilerplate", "runon")


@dataclass(frozen=True)
class Planted:
    """The changed line and where the error now stands in it."""

    line: str
    start: int
    end: int
    note: str


@dataclass
class Resources:
    """Lists the kinds draw on (loaded once)."""

    term_swaps: list[tuple[str, tuple[str, ...], str]] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, data: Path = DATA) -> Resources:
        swaps = []
        path = data / "term_swaps.tsv"
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip() or line.startswith("#"):
                    continue
                parts = line.split("\t")
                if len(parts) >= 3 and parts[0].strip() and parts[2].strip():
                    forms = tuple(f.strip() for f in parts[1].split("|") if f.strip())
                    swaps.append((parts[0].strip().lower(), forms, parts[2].strip()))
        phrases = []
        path = data / "boilerplate_heldout.txt"
        if path.exists():
            phrases = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
                       if ln.strip() and not ln.startswith("#")]
        return cls(swaps, phrases)


Kind = Callable[[str, str, random.Random, Resources], "Planted | None"]


# -- helpers -------------------------------------------------------------------------------------
def _bare(text: str) -> str:
    return "".join(c for c in text if c not in ar.DIACRITICS)


def _ar_tokens(text: str) -> list[Token]:
    return [t for t in tokenize(text) if t.kind == "ar"]


def _split_prefix(word: str, stems: Callable[[str], bool],
                  prefixes: Sequence[str] = ar.NOUN_PROCLITICS) -> tuple[str, str] | None:
    """(prefix as written, rest) when the word minus a noun proclitic satisfies ``stems``."""
    bare = _bare(word)
    if stems(normalize_ar(bare)):
        return "", bare
    for p in prefixes:
        if normalize_ar(bare).startswith(normalize_ar(p)) and len(bare) > len(p) + 1:
            rest = bare[len(p):]
            if stems(normalize_ar(rest)):
                return bare[:len(p)], rest
    return None


def _replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _source_words(source: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]+", source)}


def _english_negated(source: str) -> bool:
    words = re.findall(r"[A-Za-z]+(?:['’][a-z]+)?", source)
    return any(w.lower() in en.NEGATION_CUES or w.lower().replace("’", "'").endswith("n't") for w in words)


def _to_script(digits: str, like: str) -> str:
    """ASCII digits written in the script of ``like`` (Arabic-Indic when it uses them)."""
    if any("\u0660" <= c <= "\u0669" for c in like):
        return digits.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    return digits


# -- the kinds -----------------------------------------------------------------------------------
def number(source: str, target: str, rng: random.Random, res: Resources) -> Planted | None:
    """A number the source also has, with two digits transposed or one digit changed."""
    src_numbers = {re.sub(r"[,.]", "", n) for n in re.findall(r"\d[\d,.]*", source)}
    cands = [t for t in tokenize(target) if t.kind == "num"
             and re.sub(r"[,.٬٫]", "", normalize_digits(t.text)) in src_numbers]
    if not cands:
        return None
    tok = rng.choice(cands)
    digits = normalize_digits(tok.text)
    pos = [i for i, c in enumerate(digits) if c.isdigit()]
    swaps = [(a, b) for a, b in zip(pos, pos[1:]) if digits[a] != digits[b] and not (a == pos[0] and digits[b] == "0")]
    chars = list(digits)
    if swaps and rng.random() < 0.5:
        a, b = rng.choice(swaps)
        chars[a], chars[b] = chars[b], chars[a]
        how = "digits transposed"
    else:
        i = rng.choice(pos[1:] if len(pos) > 1 else pos)
        old = int(chars[i])
        chars[i] = str((old + rng.choice((1, 2, 3, 5))) % 10)
        if i == pos[0] and chars[i] == "0":
            chars[i] = str(old % 9 + 1)
        how = "digit changed"
    new = "".join(chars)
    if new == digits:
        return None
    new = _to_script(new, tok.text)
    return Planted(_replace(target, tok.start, tok.end, new), tok.start, tok.start + len(new),
                   f"{how}: {tok.text} -> {new}")


_SCALE_SWAP = {"مليون": "مليار", "مليار": "مليون", "ملايين": "مليارات", "مليارات": "ملايين", "مليونا": "مليارا",
               "مليارا": "مليونا", "ألف": "مليون", "آلاف": "ملايين", "ألفا": "مليونا"}


def scale(source: str, target: str, rng: random.Random, res: Resources) -> Planted | None:
    """A scale word swapped: million ↔ billion, thousand → million."""
    if not re.search(r"\b(million|billion|thousand|bn|mn)\b", source, re.IGNORECASE):
        return None
    table = ar.normed(_SCALE_SWAP)
    cands = []
    for tok in _ar_tokens(target):
        split = _split_prefix(tok.text, lambda s: s in table, ("و", "ب", "ل", "ف"))
        if split is not None:
            cands.append((tok, split))
    if not cands:
        return None
    tok, (prefix, rest) = rng.choice(cands)
    new = prefix + _SCALE_SWAP.get(rest) if rest in _SCALE_SWAP else prefix + table[normalize_ar(rest)]
    return Planted(_replace(target, tok.start, tok.end, new), tok.start, tok.start + len(new),
                   f"scale swapped: {tok.text} -> {new}")


_EGYPTIAN = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
             "ديسمبر"]
_LEVANTINE = ["شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول"]
_WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]


def date(source: str, target: str, rng: random.Random, res: Resources) -> Planted | None:
    """A month or weekday replaced by another one of the same naming system."""
    words = _source_words(source)
    has_month = bool(words & {*en.MONTHS} - {"may", "march"}) or bool(
        re.search(r"\b(May|March)\s+\d|\d\s+(May|March)\b", source))
    has_day = bool(words & set(en.WEEKDAYS))
    toks = _ar_tokens(target)
    cands: list[tuple[int, int, str, list[str]]] = []
    for k, tok in enumerate(toks):
        bare = _bare(tok.text)
        for prefix in ("", "و", "ب", "ل"):
            if prefix and not bare.startswith(prefix):
                continue
            rest = bare[len(prefix):]
            norm = normalize_ar(rest)
            if has_month and norm in {normalize_ar(m) for m in _EGYPTIAN}:
                cands.append((tok.start, tok.end, prefix, [m for m in _EGYPTIAN if normalize_ar(m) != norm]))
            elif has_month and norm in {normalize_ar(m) for m in _LEVANTINE}:
                cands.append((tok.start, tok.end, prefix, [m for m in _LEVANTINE if normalize_ar(m) != norm]))
            elif has_month and norm in ("كانون", "تشرين") and k + 1 < len(toks):
                cands.append((tok.start, toks[k + 1].end, prefix, _LEVANTINE))
            elif has_day and norm in {normalize_ar(d) for d in _WEEKDAYS}:
                cands.append((tok.start, tok.end, prefix, [d for d in _WEEKDAYS if normalize_ar(d) != norm]))
            else:
                continue
            break
    if not cands:
        return None
    start, end, prefix, options = rng.choice(cands)
    new = prefix + rng.choice(options)
    return Planted(_replace(target, start, end, new), start, start + len(new),
                   f"date changed: {target[start:end]} -> {new}")


_NEG_DROP = ar.normed_set({"لا", "لم", "لن", "ليس", "ليست", "ليسوا", "غير", "عدم"})
_NEG_SWAP = {normalize_ar(w): "مع" for w in ("دون", "بدون", "بلا")}


def _negation_sites(toks: Sequence[Token]) -> Iterator[tuple[int, str, str]]:
    """(token index, clitic prefix as written, particle) of each real negation particle."""
    idioms = {(normalize_ar(a), normalize_ar(b)) for a, b in ar.NEGATION_IDIOMS}
    for k, tok in enumerate(toks):
        bare = _bare(tok.text)
        prefix = bare[0] if bare[:1] in ("و", "ف") and normalize_ar(bare[1:]) in (_NEG_DROP | set(_NEG_SWAP)) else ""
        particle = normalize_ar(bare[len(prefix):])
        if particle not in _NEG_DROP and particle not in _NEG_SWAP:
            continue
        nxt = normalize_ar(_bare(toks[k + 1].text)) if k + 1 < len(toks) else ""
        if not nxt or (particle, nxt) in idioms or ar.STILL.match(nxt):
            continue
        if any(normalize_ar(_bare(t.text)) in ar.normed_set(ar.EXCEPTIVE) for t in toks[k + 1:k + 8]):
            continue  # «لا … إلا» is "only"
        yield k, prefix, particle


def negation_dropped(source: str, target: str, rng: random.Random, res: Resources) -> Planted | None:
    """A negation particle removed (or «دون/بلا» turned into «مع») where the source negates."""
    if not _english_negated(source):
        return None
    toks = [t for t in tokenize(target) if t.kind in ("ar", "lat", "num")]
    sites = list(_negation_sites(toks))
    if not sites:
        return None
    k, prefix, particle = rng.choice(sites)
    tok, nxt = toks[k], toks[k + 1]
    if particle in _NEG_SWAP:
        new = prefix + "مع"
        line = _replace(target, tok.start, tok.end, new)
        return Planted(line, tok.start, tok.start + len(new) + (nxt.end - tok.end), f"«{tok.text}» -> «{new}»")
    # Delete the particle and the space after it; a conjunction it carried moves to the next word.
    line = target[:tok.start] + prefix + target[nxt.start:]
    start = tok.start
    end = start + len(prefix) + (nxt.end - nxt.start)
    return Planted(line, start, end, f"negation «{tok.text}» removed before «{nxt.text}»")


_Y_NOUNS = ar.normed_set({"يوم", "يوما", "يومي", "يومية", "يونيو", "يوليو", "يناير", "يونيه", "يوليه", "يد", "يمين",
                          "يسار", "يهود", "يهودي", "يابان", "يمن", "يورو", "يونان", "ين", "يوان", "يونيسف", "يونسكو",
                          "يافا", "يخت", "يقين", "ينبوع", "يتيم", "يوغا", "يورانيوم", "يمني", "ياباني", "يوناني"})


def negation_added(source: str, target: str, rng: random.Random, res: Resources) -> Planted | None:
    """«لا» put before an imperfect verb, or «غير» before an adjective, where the source has no negation."""
    if _english_negated(source):
        return None
    toks = _ar_tokens(target)
    particles = ar.normed_set(ar.NEGATION_PARTICLES) | {"ما", "قد", "سوف", "لن"}
    verbs = []
    for k, tok in enumerate(toks):
        bare = _bare(tok.text)
        prefix = bare[0] if bare[:1] in ("و", "ف") and bare[1:2] == "ي" else ""
        stem = bare[len(prefix):]
        prev = normalize_ar(_bare(toks[k - 1].text)) if k else ""
        if (stem.startswith("ي") and 4 <= len(stem) <= 7 and normalize_ar(stem) not in _Y_NOUNS
                and not any(normalize_ar(stem).startswith(n) for n in _Y_NOUNS if len(n) >= 4)
                and prev not in particles):
            verbs.append((tok, prefix, stem))
    if verbs:
        tok, prefix, stem = rng.choice(verbs)
        new = f"{prefix}لا {stem}"
        return Planted(_replace(target, tok.start, tok.end, new), tok.start, tok.start + len(new),
                       f"«لا» added before «{stem}»")
    adjectives = [tok for k, tok in enumerate(toks) if k and _bare(tok.text).startswith("ال")
                  and _bare(tok.text).endswith(("ية", "ي")) and len(_bare(tok.text)) >= 6
                  and _bare(toks[k - 1].text).startswith(("ال", "وال", "بال", "لل"))]
    if not adjectives:
        return None
    tok = rng.choice(adjectives)
    new = "غير " + tok.text
    return Planted(_replace(target, tok.start, tok.end, new), tok.start, tok.start + len(new),
                   f"«غير» added before «{tok.text}»")


_CONFUSABLE = [("ب", "ت"), ("ت", "ث"), ("س", "ش"), ("د", "ذ"), ("ر", "ز"), ("ك", "ق"), ("ف", "ق"), ("ج", "غ"),
               ("ح", "خ"), ("ط", "ت"), ("ل", "ن"), ("ص", "س"), ("ز", "ج"), ("م", "ن")]


def _mangle(stem: str, rng: random.Random) -> str:
    ops = ["sub", "sub", "vowel", "swap"]
    rng.shuffle(ops)
    for op in ops:
        inner = list(range(1, len(stem) - 1)) or list(range(len(stem)))
        if op == "sub":
            sites = [(i, b if a == stem[i] else a) for i in range(len(stem)) for a, b in _CONFUSABLE
                     if stem[i] in (a, b)]
            if sites:
                i, repl = rng.choice(sites)
                return stem[:i] + repl + stem[i + 1:]
        elif op == "vowel":
            vowels = [i for i in inner if stem[i] in "اوي"]
            if vowels:
                i = rng.choice(vowels)
                return stem[:i] + stem[i + 1:]
            i = rng.choice(inner)
            return stem[:i] + rng.choice("اوي") + stem[i:]
        elif len(stem) >= 4:
            i = rng.choice(inner[:-1] or inner)
            if stem[i] != stem[i + 1]:
                return stem[:i] + stem[i + 1] + stem[i] + stem[i + 2:]
    return stem


def name(source: str, target: str, rng: random.Random, res: Resources) -> Planted | None:
    """A transliterated source name with one letter substituted, a long vowel dropped or added, or
    two letters swapped."""
    from mtqa.checks.names import name_words
    from mtqa.lang.translit import best_match

    names = [w for w, _, _ in name_words(source)]
    toks = _ar_tokens(target)
    cands = []
    for nm in names:
        i, score = best_match(nm, [t.text for t in toks], floor=0.75)
        if i >= 0:
            cands.append(toks[i])
    if not cands:
        return None
    tok = rng.choice(cands)
    bare = _bare(tok.text)
    prefix = next((p for p in ("وال", "بال", "لل", "ال", "و", "ب", "ل") if bare.startswith(p) and len(bare) > len(p) + 3),
                  "")
    stem = bare[len(prefix):]
    for _ in range(5):
        new_stem = _mangle(stem, rng)
        if normalize_ar(new_stem) != normalize_ar(stem):
            new = prefix + new_stem
            return Planted(_replace(target, tok.start, tok.end, new), tok.start, tok.start + len(new),
                           f"name mangled: {tok.text} -> {new}")
    return None


def term(source: str, target: str, rng: random.Random, res: Resources) -> Planted | None:
    """A rendering of a source word replaced by a wrong-sense one (``term_swaps.tsv``)."""
    low = source.lower()
    cands = []
    toks = _ar_tokens(target)
    for english, forms, wrong in res.term_swaps:
        if not re.search(rf"\b{re.escape(english)}(?:s|es|ed|d|ing)?\b", low):
            continue
        normed = [normalize_ar(f) for f in forms]
        for tok in toks:
            split = _split_prefix(tok.text, lambda s: any(s == f or (s.startswith(f) and len(s) - len(f) <= 2)
                                                         for f in normed))
            if split is not None:
                cands.append((tok, split[0], wrong, english))
    if not cands:
        return None
    tok, prefix, wrong, english = rng.choice(cands)
    new = prefix + wrong
    return Planted(_replace(target, tok.start, tok.end, new), tok.start, tok.start + len(new),
                   f"“{english}”: {tok.text} -> {new}")


_QUALIFIERS_AR = [("فقط",), ("تقريبا",), ("تقريباً",), ("حوالي",), ("حوالى",), ("نحو",), ("على", "الأقل"),
                  ("أكثر", "من"), ("أقل", "من"), ("ما", "يقرب", "من"), ("قرابة",), ("أيضا",), ("أيضاً",)]
_QUALIFIERS_EN = re.compile(r"\b(only|about|approximately|around|nearly|almost|at least|more than|over|less than|"
                            r"fewer than|under|some|roughly|also|too)\b", re.IGNORECASE)


def _gap_span(line: str, pos: int) -> tuple[int, int]:
    """The word before a gap at ``pos`` and the word after it."""
    toks = [t for t in tokenize(line) if t.kind in ("ar", "lat", "num")]
    before = [t for t in toks if t.end <= pos]
    after = [t for t in toks if t.start >= pos]
    start = before[-1].start if before else (after[0].start if after else pos)
    end = after[0].end if after else (before[-1].end if before else pos)
    return start, end


def omission(source: str, target: str, rng: random.Random, res: Resources) -> Planted | None:
    """A qualifier («فقط», «على الأقل», «حوالي» …) or a comma-delimited clause deleted."""
    toks = _ar_tokens(target)
    quals = []
    if _QUALIFIERS_EN.search(source):
        for k in range(len(toks)):
            for q in _QUALIFIERS_AR:
                if k + len(q) <= len(toks) and all(normalize_ar(_bare(toks[k + j].text)) == normalize_ar(q[j])
                                                   for j in range(len(q))):
                    quals.append((toks[k].start, toks[k + len(q) - 1].end))
    clauses = []
    for m in re.finditer(r"[،,]([^،,.؛:!؟?]+)(?=[،,.؛:!؟?]|$)", target):
        n_words = len(m.group(1).split())
        if 3 <= n_words <= 14 and len(target.split()) - n_words >= max(5, len(target.split()) // 3):
            clauses.append((m.start(), m.end()))
    options = [("qualifier", s) for s in quals] + [("clause", s) for s in clauses]
    if not options:
        return None
    what, (start, end) = rng.choice(options)
    if what == "qualifier":
        # the space before the qualifier goes with it
        while start > 0 and target[start - 1] == " ":
            start -= 1
    line = target[:start] + target[end:]
    gs, ge = _gap_span(line, start)
    return Planted(line, gs, ge, f"{what} omitted: «{target[start:end].strip(' ،,')}»")


def untranslated(source: str, target: str, rng: random.Random, res: Resources) -> Planted | None:
    """An Arabic word replaced by a common English word of the source left untranslated."""
    from wordfreq import zipf_frequency

    from mtqa.wordalign import STOPWORDS

    words = [m for m in re.finditer(r"\b[a-z]{4,}\b", source)
             if m.group() not in STOPWORDS and zipf_frequency(m.group(), "en") >= 3.5]
    toks = [t for t in _ar_tokens(target) if len(_bare(t.text)) >= 3]
    if not words or not toks:
        return None
    m = rng.choice(words)
    rel = m.start() / max(len(source), 1)
    tok = min(toks, key=lambda t: abs(t.start / max(len(target), 1) - rel))
    return Planted(_replace(target, tok.start, tok.end, m.group()), tok.start, tok.start + len(m.group()),
                   f"«{tok.text}» -> English “{m.group()}”")


def doubled(source: str, target: str, rng: random.Random, res: Resources) -> Planted | None:
    """A word written twice."""
    toks = [t for t in _ar_tokens(target) if len(_bare(t.text)) >= 3]
    if not toks:
        return None
    tok = rng.choice(toks)
    new = f"{tok.text} {tok.text}"
    return Planted(_replace(target, tok.start, tok.end, new), tok.start, tok.start + len(new), f"«{tok.text}» doubled")


_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def nonword(source: str, target: str, rng: random.Random, res: Resources) -> Planted | None:
    """A known word garbled into a non-word (two inner letters swapped, or one replaced)."""
    from mtqa.lang.dictionaries import arabic_nonword as is_nonword

    toks = [t for t in _ar_tokens(target) if len(_bare(t.text)) >= 5 and not is_nonword(t.text)]
    if not toks:
        return None
    tok = rng.choice(toks)
    bare = _bare(tok.text)
    for _ in range(12):
        i = rng.randrange(1, len(bare) - 1)
        if rng.random() < 0.5 and bare[i] != bare[i + 1] and i + 1 < len(bare) - 1:
            new = bare[:i] + bare[i + 1] + bare[i] + bare[i + 2:]
        else:
            new = bare[:i] + rng.choice(_LETTERS.replace(bare[i], "")) + bare[i + 1:]
        if is_nonword(new):
            return Planted(_replace(target, tok.start, tok.end, new), tok.start, tok.start + len(new),
                           f"garbled: {tok.text} -> {new}")
    return None


def boilerplate(source: str, target: str, rng: random.Random, res: Resources) -> Planted | None:
    """A CMS string (held-out list) appended to the line."""
    if not res.boilerplate:
        return None
    phrase = rng.choice(res.boilerplate)
    base = target.rstrip()
    line = f"{base} {phrase}"
    return Planted(line, len(base) + 1, len(line), "boilerplate appended")


def runon(source: str, target: str, rng: random.Random, res: Resources) -> Planted | None:
    """Two words written without the space between them."""
    from mtqa.lang.dictionaries import arabic_nonword as is_nonword

    toks = _ar_tokens(target)
    pairs = [(a, b) for a, b in zip(toks, toks[1:]) if target[a.end:b.start] == " "
             and len(_bare(a.text)) >= 2 and len(_bare(b.text)) >= 3]
    rng.shuffle(pairs)
    for a, b in pairs[:8]:
        merged = a.text + b.text
        if is_nonword(merged):
            return Planted(target[:a.end] + target[b.start:], a.start, a.start + len(merged), f"run together: {merged}")
    return None


REGISTRY: dict[str, Kind] = {
    "number": number, "scale": scale, "date": date, "negation-dropped": negation_dropped,
    "negation-added": negation_added, "name": name, "term": term, "omission": omission,
    "untranslated": untranslated, "doubled": doubled, "nonword": nonword, "boilerplate": boilerplate,
    "runon": runon,
}


@lru_cache(maxsize=1)
def resources() -> Resources:
    return Resources.load()
