"""Negation in English and Arabic text: where it is, what it governs, what only looks like it.

English cues are words (not, never, no, without, none…, n't), negative verbs (fail, refuse, deny,
lack) and prefix antonyms (unable, illegal); each carries the content words it governs. Arabic
cues are the particles (لا لم لن ليس غير عدم دون بلا) and negative verbs (رفض، فشل), minus the
fixed phrases that contain a particle without negating anything: «لا يزال» still, «لا سيما»
especially, «لا بد» must, «غير أن» however, «ليس فقط» not only, «لا … إلا» only; and marked on
each cue, for the check to weigh against the source: «أم لا» or not, «لا يقل عن» at least, «ما لم»
unless.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mtqa.lang import arabic as ar
from mtqa.lang import english as en
from mtqa.lang.dictionaries import bare
from mtqa.text.normalize import normalize_ar
from mtqa.text.tokenize import Token, tokenize

__all__ = ["BOUND_WORDS", "CONDITION_WORDS", "LOWER_BOUND_WORDS", "NEGATED_HOSTS", "NEGATED_VERBS", "SCOPE_SKIP",
           "UPPER_BOUND_WORDS", "WORD", "ArabicNegation", "Licence", "Negation", "arabic_negations",
           "english_negations", "negation_allowance", "negation_carriers", "negation_licences"]

#: Words a negation's scope skips over ("did not *even* try").
SCOPE_SKIP = frozenset({"to", "be", "been", "being", "the", "a", "an", "have", "has", "had", "will", "would", "any", "longer",
             "so", "far", "yet", "even", "also", "only", "as", "of", "in", "for", "is", "are", "was", "were",
             "it", "they", "we", "he", "she", "do", "does", "did", "with", "its", "their", "that", "this", "more"})
WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")

#: Arabic renderings (matching form) of the English verbs a negation most often governs that the
#: lexicon leaves out as function words: the auxiliary that carries "n't"/"not" ("can't" «لا
#: يمكن», "there isn't" «ليس هناك/لا يوجد», "have no" «ليس لديه», "should not" «لا ينبغي») and
#: common light verbs ("do not see" «لا نرى», "not known" «غير معروف»). General grammar, used to
#: find the Arabic word a lost negation governed.
NEGATED_HOSTS: dict[str, tuple[str, ...]] = {
    "can": ("يمكن", "امكن", "بامكان", "امكان", "يستطيع", "يستطع", "استطاع", "استطع", "يتمكن", "تمكن", "قادر"),
    "could": ("يمكن", "امكن", "بامكان", "امكان", "يستطيع", "يستطع", "استطاع", "استطع", "يتمكن", "تمكن", "قادر"),
    # "has no time" is also «ليس هناك وقت», «لا يوجد لديه وقت».
    "have": ("لدي", "لديه", "لديها", "لديهم", "يملك", "يمتلك", "تمتلك", "عند", "هناك", "يوجد", "توجد"),
    "has": ("لدي", "لديه", "لديها", "لديهم", "يملك", "يمتلك", "تمتلك", "عند", "هناك", "يوجد", "توجد"),
    "had": ("لدي", "لديه", "لديها", "لديهم", "يملك", "يمتلك", "تمتلك", "عند", "هناك", "يوجد", "توجد"),
    "should": ("ينبغي", "يجب", "يتعين"),
    "must": ("ينبغي", "يجب", "يتعين"),
    "there": ("هناك", "يوجد", "توجد", "ثمه", "يكن", "تكن"),
}
NEGATED_VERBS: dict[str, tuple[str, ...]] = {
    "see": ("يري", "تري", "نري", "اري", "راي", "شاهد", "يشاهد", "لاحظ", "يلاحظ"),
    "seen": ("يري", "تري", "راي", "شوهد", "يشاهد", "لوحظ", "يلاحظ"),
    "know": ("يعرف", "نعرف", "اعرف", "تعرف", "يعلم", "نعلم", "اعلم", "تعلم", "يدر", "ادري", "يدري", "عرف", "علم"),
    "knew": ("يعرف", "نعرف", "اعرف", "تعرف", "يعلم", "نعلم", "اعلم", "تعلم", "يدر", "ادري", "يدري", "عرف", "علم"),
    "known": ("معروف", "معلوم", "يعرف", "يعلم", "تعرف", "تعلم", "عرف", "علم"),
    "say": ("يقول", "اقول", "نقول", "تقول", "قال", "يذكر"),
    "think": ("يعتقد", "اعتقد", "نعتقد", "يظن", "اظن", "يري", "اري", "يفكر", "افكر", "نفكر", "تفكر", "فكر"),
    "want": ("يريد", "اريد", "نريد", "تريد", "يرغب", "ارغب", "نرغب", "ترغب", "اراد"),
    "like": ("يحب", "احب", "نحب", "تحب", "يعجب", "يرغب"),
    "go": ("يذهب", "اذهب", "نذهب", "تذهب", "ذهب"),
    "come": ("ياتي", "اتي", "ناتي", "تاتي", "جاء", "يجي"),
    "get": ("يحصل", "احصل", "نحصل", "تحصل", "حصل"),
    "give": ("يعطي", "يمنح", "يقدم", "اعطي", "منح"),
    "take": ("ياخذ", "اخذ", "ناخذ", "تاخذ", "يتخذ", "اتخذ"),
    "make": ("يجعل", "جعل", "يصنع", "صنع"),
}

# The first antonym (in ANTONYMS order) that begins a word: alternation tries them in that order.
_ANTONYM_PREFIX = re.compile("|".join(re.escape(neg) for neg in en.ANTONYMS))


@dataclass(frozen=True)
class Negation:
    start: int
    end: int
    cue: str
    scope: frozenset[str]  # en_key of the governed content words (the positive stem for antonyms)
    lexical: bool = False  # a verb or antonym cue: the Arabic may carry no particle
    #: Part of a phrase that negates nothing a translation must render with a particle ("not
    #: until", "not least", "no doubt", "couldn't be more"): the Arabic may have one, or none.
    idiom: bool = False
    #: It bounds a figure ("did not exceed 5%", "no more than 20"): "at most", which a translation
    #: may write as "only 5%" as well (an idiom too).
    bound: bool = False

    @property
    def required(self) -> bool:
        """Must a faithful Arabic rendering carry a negation for this cue? Particles and "n't":
        yes; negative verbs ("failed" «أخفق», "lack" «نقص»), prefix antonyms ("unable" «عاجز») and
        idioms: no, Arabic renders them with a word of the same meaning as often as with one."""
        return not self.lexical and not self.idiom


def _idiom(text: str, low: str, end: int) -> bool:
    """Does the cue ending at ``end`` open a phrase of ``NEGATION_IDIOM_NEXT``?"""
    key = "not" if low.endswith("n't") or low == "cannot" else low
    after = text[end:end + 16].lower().lstrip(" -")
    # "not just Toyota" (not only) is an idiom; "we can't just rely", "don't simply wait" negate
    # the verb the auxiliary carries.
    skip = {"just", "merely", "simply", "solely"} if key != low else set()
    return any(after.startswith(w) and not (w.isalpha() and after[len(w):len(w) + 1].isalpha())
               for w in en.NEGATION_IDIOM_NEXT.get(key, ()) if w not in skip)


def english_negations(text: str) -> list[Negation]:
    """Negation cues in English text, each with the content words it governs."""
    return list(_english_negations(text))


# Several rules ask about the same source sentence (negation-mismatch, polarity-flip, the
# allowance): read it once. The entries are frozen; callers get a list of their own.
@lru_cache(maxsize=4096)
def _english_negations(text: str) -> tuple[Negation, ...]:
    from mtqa.wordalign import en_key  # lazy: wordalign imports the text layer, as this module does

    words = list(WORD.finditer(text))
    positive = [m.span() for m in en.NEGATION_POSITIVE.finditer(text)]
    out: list[Negation] = []
    for i, m in enumerate(words):
        low = m.group().lower().replace("’", "'")
        low = en.APOSTROPHE_LESS.get(low, low)
        nxt = words[i + 1].group().lower() if i + 1 < len(words) else ""
        after = text[m.end():m.end() + 5].lower()
        if low == "not" and nxt == "only" or low == "no" and after[:1] in (".", "-") and not after.startswith("-one"):
            continue  # "not only … but", "No. 10", a "no-confidence" motion (but "no-one")
        prefix = _ANTONYM_PREFIX.match(low)
        antonym = en.ANTONYMS[prefix.group()] if prefix else None
        if antonym is not None:
            out.append(Negation(m.start(), m.end(), low, frozenset({en_key(antonym)}), lexical=True))
            continue
        if low in en.NEGATION_CUES or low.endswith("n't") or low in en.NEGATION_LEXICAL:
            scope = [en_key(w.group()) for w in words[i + 1:i + 6] if w.group().lower() not in SCOPE_SKIP][:3]
            bound = low in ("not", "no", "never") or low.endswith("n't")
            bound = bound and en.NEGATED_BOUND.match(text, m.end()) is not None
            idiom = (_idiom(text, low, m.end()) or any(a <= m.start() < b for a, b in positive) or bound
                     or low.endswith("n't") and _TAG.match(text, m.end()) is not None)
            out.append(Negation(m.start(), m.end(), low, frozenset(scope), lexical=low in en.NEGATION_LEXICAL,
                                idiom=idiom, bound=bound))
    return tuple(out)


#: A tag question ("…, aren't you?", "isn't it?"): it asks, it negates nothing («أليس كذلك؟», "right?").
_TAG = re.compile(r"\s+(?:you|it|he|she|they|we|i|there|that|this)\s*[?,]", re.IGNORECASE)


def negation_allowance(text: str) -> int:
    """How many Arabic negation cues a faithful translation of ``text`` may carry: its negation
    cues, plus words usually rendered with a particle («غير/عدم/لا» for "non-"/"un-" words,
    «لا … إلا» for "only", «دون» for "below", «لا يزال» for "still" …)."""

    return len(english_negations(text)) + len(negation_carriers(text))


def negation_carriers(text: str) -> list[tuple[int, int]]:
    """Spans of words a translation often renders with a negation particle though they negate
    nothing in English (see :func:`negation_licences`)."""
    return [(lic.start, lic.end) for lic in negation_licences(text)]


@dataclass(frozen=True)
class Licence:
    """A source word that lets the Arabic carry a negation the source does not state."""

    start: int
    end: int
    word: str
    #: A "non-" or "no-" word ("non-combat", a "no-deal" exit): Arabic renders it with a nominal
    #: negation («غير قتالية», «عدم», «بدون اتفاق»), not by negating a verb — «لا توفر» (does not
    #: provide) for "non-combat" is a negation the source does not have. The other prefixes and
    #: "-less" license a negated verb too: clean translations write «لم تظهر عليهم أعراض» for
    #: "asymptomatic", «لا يُعرف» for "unknown", «لا يعانون من أعراض» for "symptomless".
    nominal: bool = False
    #: A word made with a negative prefix or "-less" (not a word of ``NEGATION_CARRIERS``).
    affixed: bool = False
    #: That word without its prefix or "-less" ("asymptomatic" → "symptomatic"), whose renderings
    #: the particle governs when it renders the word («دون ظهور أعراض»); empty for the others.
    stem: str = ""
    #: A carrier whose particles are «لا … إلا» alone ("only"): those are excused as exceptive
    #: wherever they stand, and the word accounts for no other particle.
    exceptive: bool = False
    #: Paired with a particle however far apart ("has yet to be decided" «لم يُحسم بعد»: Arabic puts
    #: the negated verb first, however long the sentence).
    anywhere: bool = False


def negation_licences(text: str) -> list[Licence]:
    """Words a translation often renders with a negation particle though they negate nothing in
    English: "non-"/"un-"/"in-" words («غير», «عدم»), "-less" words («بلا»), "no-" compounds, and
    the words of ``NEGATION_CARRIERS`` ("only" «لا … إلا», "still" «لا يزال», "below" «دون» …)."""
    return list(_negation_licences(text))


@lru_cache(maxsize=4096)
def _negation_licences(text: str) -> tuple[Licence, ...]:
    from mtqa.lang.dictionaries import english_word

    out = [Licence(*m.span(1), "yet", anywhere=True) for m in _YET_TO.finditer(text)]
    for m in _HYPHENATED.finditer(text):
        low = m.group().lower()
        if low.startswith("no-") and low != "no-one":
            out.append(Licence(*m.span(), low, nominal=True, affixed=True))  # a "no-deal" exit «بدون اتفاق»
            continue
        if (low == "non" and _SPLIT_PREFIX.match(text, m.end())) or low.startswith("off-"):
            # "non randomised", "non -fiction" written apart; "off-peak", "off-label" («غير»), but
            # not "switched on and off without"
            out.append(Licence(*m.span(), low, nominal=True, affixed=True))
            continue
        if low in en.NEGATION_CARRIERS:
            if low not in _IDIOM_ONLY:
                # "not only" does account for a particle of its own («لا يقتصر على»).
                exceptive = low in en.EXCEPTIVE_CARRIERS and _NOT_BEFORE.search(text, 0, m.start()) is None
                out.append(Licence(*m.span(), low, nominal=low in en.NOMINAL_CARRIERS, exceptive=exceptive,
                                   anywhere=low in en.VERB_CARRIERS))
            continue
        if low.endswith("less") and len(low) >= 7 and english_word(low[:-4]):
            out.append(Licence(*m.span(), low, affixed=True, stem=low[:-4]))  # "homeless" «بلا مأوى»
            continue
        for prefix in en.NEGATIVE_PREFIXES:
            rest = low[len(prefix):].lstrip("-")
            if (low.startswith(prefix) and len(rest) >= (6 if prefix == "a" else 4) and low not in en.ANTONYMS
                    and (low[len(prefix)] == "-" and prefix != "anti" or _adjectival(prefix, rest))
                    and (english_word(rest) or prefix == "non" and low[3] == "-")):
                # "non-combat", "unknown", "inaccurate", "asymptomatic"
                out.append(Licence(*m.span(), low, nominal=prefix in ("non", "sub"), affixed=True, stem=rest))
                break
    return tuple(out)


#: Carriers whose only Arabic negation is a fixed phrase :func:`arabic_negations` (strict) already
#: sets aside: "especially" «لا سيما». They license no other particle. ("still" and "however" do:
#: «لم … بعد» "still unresolved", «غير قابل للتغيير» for "however … set".)
_IDIOM_ONLY = frozenset({"especially", "particularly"})
_NOT_BEFORE = re.compile(r"\bnot\s+$", re.IGNORECASE)
#: "has yet to be decided", "is yet to come": not yet, «لم … بعد».
_YET_TO = re.compile(r"\b(yet)\s+to\b", re.IGNORECASE)
_ANY = re.compile("")
#: The negative "in-" (im-, il-, ir-), "dis-", "a-" and "anti-" make adjectives, their adverbs and
#: their abstract nouns ("inaccurate", "indirectly", "instability", "dishonest", "atypical"); a
#: word that only looks prefixed ends otherwise ("injuries", "inland", "increased", "disease",
#: "discussed", "arising"): its rest must end as an adjective, an adverb or such a noun does, unless
#: a hyphen marks the prefix. ("un-" and "non-" make participles and nouns too: "unwashed",
#: "non-members".)
_ADJ_ENDINGS = r"(?:ate|ant|ent|ble|al|ive|ect|ete|ic|ical|ar|ous|ful|ite|it|id|ure|est|ile|ine)"
_ADJECTIVAL = {
    **{p: re.compile(_ADJ_ENDINGS + r"(?:ly)?$|(?:ity|ities|ance|ence|ency|ncy)$") for p in ("in", "im", "il", "ir", "dis")},
    "a": re.compile(r"(?:ic|ical|al|ous)(?:ly)?$"),
    # "abnormal", "abnormality"; "subnational", "subatomic" («دون الوطنية»): adjectives only
    "ab": re.compile(r"(?:al|ality|ally)$"),
    "sub": re.compile(r"(?:al|ic|ical)(?:ly)?$"),
    # "anti-" words are rendered «مضاد/مكافحة» ("antiviral", "anti-corruption"), not with a
    # negation particle.
    "anti": re.compile(r"(?!)"),
}


def _adjectival(prefix: str, rest: str) -> bool:
    """Does ``rest`` end as the prefix's stems do (see ``_ADJECTIVAL``)? A participle counts by its
    verb: "inactivated", "disconnected"."""
    pattern = _ADJECTIVAL.get(prefix, _ANY)
    return pattern.search(rest) is not None or rest.endswith("ed") and any(
        pattern.search(rest[:-n]) is not None for n in (1, 2))


#: Words with their hyphenated parts ("non-structural"), for the prefix test above.
_HYPHENATED = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
#: What follows a prefix written as a word of its own ("non randomised", "non -fiction").
_SPLIT_PREFIX = re.compile(r"\s+-?[A-Za-z]{4,}")


@dataclass(frozen=True)
class ArabicNegation:
    start: int
    end: int
    particle: str  # matching form of the cue («لا», «لم», «رفض» …)
    lexical: bool = False  # a negative verb, not a particle
    #: It negates a verb or a clause («لم يصل», «لن», «ليس», «لا» + imperfect verb), not a noun or
    #: an adjective («غير قتالية», «عدم», «بلا», «دون», «لا» + noun).
    clausal: bool = False
    #: «لا/لم/لن/ليس … إلا/سوى»: "only", "not … until", not a plain negation.
    exceptive: bool = False
    #: «أم لا», «أو لا» closing a clause: "(whether …) or not", an alternative, which negates no
    #: clause of the sentence.
    alternative: bool = False
    #: «لا يقل عن», «لا يزيد على», «لا يتجاوز»: a bound on a quantity ("at least", "at most",
    #: "a minimum of", "up to"), not a negation of the clause.
    bound: bool = False
    #: The bound is a lower one («لا يقل عن» "at least").
    lower: bool = False
    #: «ما لم»: "unless", a condition, not a negation of the clause.
    conditional: bool = False


_AR_NEG = ar.normed_set(ar.NEGATION_PARTICLES)
_AR_LEXICAL = ar.normed_set(ar.NEGATION_LEXICAL)
_IDIOMS = frozenset((normalize_ar(a), normalize_ar(b)) for a, b in ar.NEGATION_IDIOMS)
_ENCLITICS = ar.normed_set(ar.ENCLITICS)
#: «غير» before these is "other than" (غيره، غير ذلك), not "non-".
_OTHER = ar.normed_set({"ذلك", "هذا", "هذه", "ها", "ه", "هم", "هما"})


def arabic_negations(text: str, *, strict: bool = False) -> list[ArabicNegation]:
    """Arabic negation cues, «لا يزال» excluded. ``strict`` also leaves out the fixed phrases that
    do not negate («لا سيما», «لا بد», «غير أن», «ليس فقط», «بلا شك») and «غير» meaning "other
    than" («غيرها», «غير ذلك»). («لا … إلا» stays: it renders "only", which the source side allows
    for, and also "not … until".)"""
    toks = [t for t in tokenize(text) if t.kind == "ar"]
    out = []
    for i, t in enumerate(toks):
        norm = normalize_ar(t.text)
        stem, suffix = _particle(norm)
        nxt = normalize_ar(toks[i + 1].text) if i + 1 < len(toks) else ""
        if stem in _AR_LEXICAL or norm in _AR_LEXICAL:
            out.append(ArabicNegation(t.start, t.end, stem if stem in _AR_LEXICAL else norm, lexical=True))
            continue
        if _ASK_NOT.match(bare(t.text)) and _IMPERFECT.match(nxt) and not ar.STILL.match(nxt):
            # «ألم يشاهد …؟» "hasn't he seen …?", «أفلم», «أولم»: the interrogative «أ» on «لم»
            # (hamza above, a verb after: «ألم» alone is "pain")
            out.append(ArabicNegation(t.start, t.end, "لم", clausal=True))
            continue
        if _THAT_NOT.match(bare(t.text)) and _IMPERFECT.match(nxt) and not ar.STILL.match(nxt):
            # «ألا يسافر» (أن + لا, "not to travel"), «لئلا» ("lest"): hamza above, a verb
            # after. Normalised it reads «الا», as the exceptive «إلا» does, so the letters decide.
            out.append(ArabicNegation(t.start, t.end, "لا", clausal=True,
                                      bound=_BOUND.match(nxt) is not None, lower=nxt[1:] == "قل"))
            continue
        if stem not in _AR_NEG or (stem == "لا" and ar.STILL.match(nxt)):
            continue
        if strict and stem == "لا" and nxt in _BEYOND and i and normalize_ar(toks[i - 1].text) in _IN_A_WAY:
            continue  # «بشكل لا يصدق» "incredibly", «بصورة لا توصف»: an intensifier, no negation
        if stem == "لم" and nxt and not (_IMPERFECT.match(nxt) or len(nxt) == 2 and nxt[0] in "يتنا"):
            # «لم» negates a jussive verb («لم يصل», «لم نر»); before anything else it is «لِمَ» or
            # a slip for «لما» («خلافا لم ذكره»), no negation.
            continue
        if stem == "غير" and "\u0651" in t.text:
            continue  # «غيّر»: the verb "changed"
        if strict:
            if (stem, nxt) in _IDIOMS or (norm, nxt) in _IDIOMS or (not nxt and not suffix):
                continue
            if stem == "غير" and (nxt in _OTHER or suffix or _other_than(toks, i)):
                continue  # «غيره», «غير ذلك», «أحد غير …»: "other than"
        clausal = stem in _CLAUSAL or stem == "لا" and _IMPERFECT.match(nxt) is not None
        # «غير/دون … إلا» is "other than … but"; «عدم … إلا» is "only", as «لا … إلا» is.
        exceptive = (stem not in _NOMINAL or stem == _NOT_DOING) and any(
            normalize_ar(toks[k].text) in _EXCEPTIVE or _other_than(toks, k)
            for k in range(i + 1, min(i + 1 + _EXCEPTIVE_REACH, len(toks))))
        alternative = (norm == "لا" and i > 0 and normalize_ar(toks[i - 1].text) in _OR
                       and (i + 1 == len(toks) or _CLAUSE_END.search(text[t.end:toks[i + 1].start]) is not None))
        if stem in _COPULA and nxt in _POSSESSOR:
            clausal = False  # «ليس ذا أساس زيتي»: "non-oil-based", a nominal negation
        # «لا يتجاوز», and before a figure «لم يتجاوز 5%», «لن تزيد عن 20» («لم يقل» with no «عن»
        # after it is "did not say")
        bound = _BOUND.match(nxt) is not None and (stem == "لا" or stem in _BOUND_PAST and (
            "جاوز" in nxt or "تعد" in nxt or any(normalize_ar(u.text) in _THAN for u in toks[i + 2:i + 5]))
            and _figure_after(text, toks[i + 1].end))
        out.append(ArabicNegation(t.start, t.end, stem, clausal=clausal, exceptive=exceptive, alternative=alternative,
                                  bound=bound, lower=bound and nxt[1:] == "قل",
                                  conditional=norm == "لم" and i > 0 and normalize_ar(toks[i - 1].text) in _WHAT))
    return out


#: «أحد/شيء غير …» "anyone/anything other than": after a negation, «لم يعلم أحد غير …» says
#: "only …", as «لم يعلم إلا …» does.
_ANYONE = ar.normed_set({"أحد", "أحدا", "أحدًا", "شيء", "شيئا", "شيئًا"})


def _other_than(toks: list[Token], k: int) -> bool:
    """Is token ``k`` a «غير» "other than" after «أحد» or «شيء»?"""
    return k > 0 and normalize_ar(toks[k].text) == "غير" and normalize_ar(toks[k - 1].text) in _ANYONE


#: «ألا» (أن + لا) and «لئلا» before a verb, with their conjunctions, as written (hamza above).
_THAT_NOT = re.compile("^(?:[وف]?[بل]?ألا|[وف]?لئلا)$")
#: «بشكل/بصورة/بدرجة/لدرجة لا يصدق/يوصف/يقاوم/ينسى/يطاق/يحتمل»: "incredibly", "indescribably",
#: "irresistibly" … — an adverb of degree, which negates nothing said.
_IN_A_WAY = ar.normed_set({"بشكل", "بصورة", "بدرجة", "لدرجة"})
_BEYOND = ar.normed_set({"يصدق", "تصدق", "يوصف", "توصف", "يقاوم", "تقاوم", "ينسى", "تنسى", "يطاق", "تطاق",
                         "يحتمل", "تحتمل", "يضاهى", "يعقل"})
#: «ألم», «أفلم», «أولم» as written: the interrogative «أ» on «لم».
_ASK_NOT = re.compile("^[وف]?أ[وف]?لم$")


#: «ليس» and «ذو/ذات» ("having, of"): «ليس ذا/ليست ذات» negates a noun phrase.
_COPULA = ar.normed_set({"ليس", "ليست", "ليسوا", "ليسا"})
_POSSESSOR = ar.normed_set({"ذا", "ذات", "ذو", "ذوي", "ذوو"})
#: The verb after «لا» in a bound on a quantity: «لا يقل عن» (at least), «لا يزيد على» (at most),
#: «لا يتجاوز/يتعدى» (up to).
_BOUND = re.compile(r"^[يت](?:قل|زيد|زد|تجاوز|تعدي|تعد)$")
_BOUND_PAST = ar.normed_set({"لم", "لن"})
#: The preposition of «يزيد/يقل عن/على» ("more/less than").
_THAN = ar.normed_set({"عن", "على"})
def _figure_after(text: str, pos: int, words: int = 6) -> bool:
    """Does a figure (digits or a cardinal number word: «عن خمسين», «عشرة آلاف») stand within
    ``words`` words after ``pos``? (A few words, not the rest of a long line.)"""
    from mtqa.lang.numwords import arabic_number_words  # the number-word reader every rule shares

    snippet = " ".join(text[pos:pos + 40 * words].split()[:words])
    return any(c.isdigit() for c in snippet) or any(
        not w.ordinal and not w.support for w in arabic_number_words(snippet))


_WHAT = ar.normed_set({"ما", "وما"})
#: English words a «ما لم» renders ("unless", "until").
CONDITION_WORDS = frozenset({"unless", "until", "till"})
#: English words that state such a bound ("at least", "a minimum of", "at most", "up to").
#: A lower bound («لا يقل عن» "not less than") renders the first two; an upper one («لا يتجاوز», «لم
#: يزد على») the others, and "only"/"just" ("only 5%" «لم يتجاوز 5%»).
LOWER_BOUND_WORDS = frozenset({"least", "minimum"})
UPPER_BOUND_WORDS = frozenset({"most", "maximum", "up", "exceed", "exceeding", "only", "just", "merely", "mere"})
BOUND_WORDS = LOWER_BOUND_WORDS | UPPER_BOUND_WORDS

#: "or" before a closing «لا»: «… أم لا» "(whether …) or not".
_OR = ar.normed_set({"أم", "أو"})
_CLAUSE_END = re.compile(r"[.,،:؛;!?؟()\[\]\"“”«»-]")


#: Particles that negate a verb or a clause; «لا» does when an imperfect verb follows it.
_CLAUSAL = ar.normed_set({"لم", "لن", "ليس", "ليست", "ليسوا", "ليسا", "لست", "لسنا"})
#: Particles that negate a noun or an adjective.
_NOMINAL = ar.normed_set({"غير", "عدم", "دون", "بدون", "بلا"})
_NOT_DOING = normalize_ar("عدم")
#: An imperfect verb (matching form): a prefix «ي/ت/ن/أ», three letters or more.
_IMPERFECT = re.compile(r"^(?:[يتن]\S{2,}|ا(?!ل)\S{2,})$")
_EXCEPTIVE = ar.normed_set(ar.EXCEPTIVE)
#: How many words after a particle «إلا» may stand and still make it "only" («لم يبق إلا يومان»).
_EXCEPTIVE_REACH = 10


def _particle(norm: str) -> tuple[str, str]:
    """(particle or the word, enclitic pronoun): «وبدون» → «بدون», «دونها» → («دون», «ها»),
    «بعدم» → «عدم»."""
    if norm in _AR_NEG:
        return norm, ""
    for prefix in ("و", "ف", "ب", "ل", "وب", "ول", "فب"):
        rest = norm[len(prefix):]
        if norm.startswith(prefix) and rest in _AR_NEG:
            return rest, ""
    if norm[:1] == "ا" and norm[1:] in _COPULA:
        return norm[1:], ""  # «أليس»: "isn't …?" (interrogative «أ»; «ألم» is also "pain")
    for base in ("دون", "بدون", "غير"):
        for suffix in _ENCLITICS:
            if norm.endswith(base + suffix) and norm[:len(norm) - len(base + suffix)] in ("", "و", "ب", "وب"):
                return base, suffix
    return norm, ""
