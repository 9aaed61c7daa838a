"""Numbers written as words, in English and Arabic, parsed into values.

"two rivers", "twenty-five", "a dozen", "three hundred thousand"; «ثلاثة أنهار», «خمسة وعشرون»,
«أحد عشر», «ثلاثمئة», «ثلاثة آلاف», ordinals («الثالث», «التاسع عشر»). Each phrase is a
:class:`WordNumber` with its span and whether it is an ordinal; Arabic phrases also say whether a
counted noun stands next to them (``counted``) and whether they are precise enough to compare
(``firm``: not «أحد»/«واحد», which also mean "one of"/"same", nor a vague plural like «مئات»).
Fractions and multiplicatives ("half", «ربع», "twice") are returned as ``support`` values only:
they may confirm a number but are never compared on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mtqa.lang import arabic as ar
from mtqa.lang import english as en
from mtqa.text.normalize import normalize_ar

__all__ = ["WordNumber", "arabic_number_words", "english_number_words"]

@dataclass(frozen=True)
class WordNumber:
    """A number phrase: span (code points), value, kind and how far it can be trusted."""

    start: int
    end: int
    value: float
    ordinal: bool = False
    firm: bool = True  # precise enough to be compared (not a vague plural or "one"-like word)
    counted: bool = True  # (Arabic) a noun is counted next to it
    support: bool = False  # a fraction or alternative reading: only ever confirms a match


# ---------------------------------------------------------------- English (tables: mtqa.lang.english)
_EN_CARD = en.CARDINALS
_EN_SCALE = en.SCALES
_EN_ORD = en.ORDINALS
_EN_SUPPORT = en.SUPPORT
_EN_TOKEN = re.compile(r"[A-Za-z]+")


def _joins(value: float, cur: float, gap: str, nxt: float) -> bool:
    """Does the next number word continue the phrase ("twenty-five", "hundred and five")?"""
    tens = cur % 100
    if gap in ("-", "") and 20 <= tens and tens % 10 == 0 and 1 <= nxt <= 9:
        return True
    return gap in ("and", "") and value >= 100 and tens == 0 and nxt < 100


def english_number_words(text: str) -> list[WordNumber]:
    """Number-word phrases in English text ("twenty-five", "a dozen", "three hundred thousand")."""
    toks = [(m.group().lower(), m.start(), m.end()) for m in _EN_TOKEN.finditer(text)]
    out: list[WordNumber] = []
    i = 0
    while i < len(toks):
        word, start, end = toks[i]
        if word in _EN_SUPPORT:
            out.extend(WordNumber(start, end, v, support=True) for v in _EN_SUPPORT[word])
        if word in _EN_ORD:
            out.append(WordNumber(start, end, _EN_ORD[word], ordinal=True))
            i += 1
            continue
        if word == "dozen":
            begin = toks[i - 1][1] if i and toks[i - 1][0] in ("a", "one") else start
            out.append(WordNumber(begin, end, 12.0))
            i += 1
            continue
        if word not in _EN_CARD and not (word == "a" and i + 1 < len(toks) and toks[i + 1][0] in _EN_SCALE):
            i += 1
            continue
        total, cur, j, last = 0.0, _EN_CARD.get(word, 1.0), i + 1, end
        while j < len(toks):
            nxt, n_start, n_end = toks[j]
            gap = text[last:n_start].strip(" ")
            if nxt == "and" and j + 1 < len(toks) and toks[j + 1][0] in _EN_CARD and _joins(
                    total + cur, cur, "and", _EN_CARD[toks[j + 1][0]]):
                cur += _EN_CARD[toks[j + 1][0]]
                j += 1
                n_end = toks[j][2]
            elif nxt in _EN_SCALE and gap == "":
                if nxt == "hundred":
                    cur *= 100
                else:
                    total, cur = total + cur * _EN_SCALE[nxt], 0.0
            elif nxt in _EN_CARD and _joins(total + cur, cur, gap, _EN_CARD[nxt]):
                cur += _EN_CARD[nxt]
            else:
                break
            last, j = n_end, j + 1
        out.append(WordNumber(start, last, total + cur))
        # each word alone also supports a match ("four-year" = «أربع سنوات» whatever follows)
        if j > i + 1:
            out.extend(WordNumber(s, e, _EN_CARD[w], support=True) for w, s, e in toks[i:j] if w in _EN_CARD)
        i = j
    return out


# ---------------------------------------------------------------- Arabic
# Normalised forms (ة→ه, أ/إ/آ→ا, ى→ي) of the cardinals with their gender, case and construct forms.
# ---------------------------------------------------------------- Arabic (tables: mtqa.lang.arabic)
_AR_UNITS = ar.normed(ar.UNITS)
_AR_TEN = ar.normed_set(ar.TEN)
_AR_TENS = ar.normed(ar.TENS)
_AR_HUNDREDS = ar.normed(ar.HUNDREDS)
_AR_SCALES = ar.normed(ar.SCALES)
_AR_DUAL_SCALES = ar.normed(ar.DUAL_SCALES)
_AR_ORD = ar.normed(ar.ORDINALS)
_AR_SUPPORT = ar.normed(ar.SUPPORT)
_AR_AMBIGUOUS = ar.normed_set(ar.AMBIGUOUS_NUMBERS)
_AR_HUNDRED = normalize_ar("مئة"), normalize_ar("مائة")
#: Plural scale words: on their own «ملايين» is "millions", a vague quantity, not one million.
_AR_VAGUE_SCALES = ar.normed_set(("آلاف", "ملايين", "مليارات", "بلايين", "تريليونات"))
_AR_DAYS = ar.normed_set(ar.NUMBER_WEEKDAYS)
_AR_WORD = re.compile(r"[\u0621-\u065f\u0670-\u06d3\u06fa-\u06ff]+")
_AR_NUMWORDS = set(_AR_UNITS) | _AR_TEN | set(_AR_TENS) | set(_AR_HUNDREDS) | set(_AR_SCALES) | set(
    _AR_DUAL_SCALES)


#: «ألفًا من الجنود» "a thousand of the soldiers": the accusative before «من», not a dual.
_PARTITIVE = frozenset({"من"})


def _strip(norm: str, first: bool) -> tuple[str, str]:
    """(prefix, stem): a number word with its conjunction/preposition/article prefix removed."""
    if norm in _AR_NUMWORDS or norm in _AR_ORD:
        return "", norm
    if norm[:1] not in "وبلفكا":  # the first letter of every prefix below
        return "", norm
    for pre in (("وال", "بال", "لل", "فال", "كال", "ال", "و", "ب", "ل", "ف", "ك") if first else ("و",)):
        if norm.startswith(pre) and (norm[len(pre):] in _AR_NUMWORDS or norm[len(pre):] in _AR_ORD):
            return pre, norm[len(pre):]
    return "", norm


def _counted(words: list[tuple[str, int, int]], first: int, last: int) -> bool:
    """A noun follows the phrase (3–10 and 11+ precede the counted noun), or one precedes it
    (1 and 2 follow theirs: «نهر واحد»)."""
    nxt = words[last + 1][0] if last + 1 < len(words) else ""
    prv = words[first - 1][0] if first else ""
    return bool(nxt and nxt not in _AR_NUMWORDS and len(nxt) > 1) or bool(prv and len(prv) > 2)


def arabic_number_words(text: str) -> list[WordNumber]:
    """Number-word phrases in Arabic text, with their construct, gender and case forms."""
    words = [(normalize_ar(m.group()), m.start(), m.end()) for m in _AR_WORD.finditer(text)]
    out: list[WordNumber] = []
    i = 0
    while i < len(words):
        norm, start, end = words[i]
        pre, stem = _strip(norm, first=True)
        if stem in _AR_SUPPORT:
            out.extend(WordNumber(start, end, v, support=True) for v in _AR_SUPPORT[stem])
            after = _strip(words[i + 1][0], first=True)[1] if i + 1 < len(words) else ""
            if after in _AR_SCALES and after not in _AR_VAGUE_SCALES and len(_AR_SUPPORT[stem]) == 1 \
                    and _AR_SUPPORT[stem][0] < 1:
                # «ربع مليار» a quarter of a billion, «نصف مليون»: the fraction of the scale, not the scale
                out.append(WordNumber(start, words[i + 1][2], _AR_SUPPORT[stem][0] * _AR_SCALES[after],
                                      counted=_counted(words, i, i + 1)))
                i += 2
                continue
        if stem in _AR_ORD and not (i and words[i - 1][0] in ("كانون", "تشرين")):  # month names
            j, value = i + 1, float(_AR_ORD[stem])
            if j < len(words) and words[j][0] in _AR_TEN and (value < 10 or value == 11):
                # «التاسع عشر» 19th; «الحادي عشر» 11th, whose «حادي» says 11 already
                value, j = (value + 10 if value < 10 else value), j + 1
            elif j < len(words) and (value < 10 or stem.startswith("حادي")) and words[j][0].startswith("وال") \
                    and words[j][0][3:] in _AR_TENS:
                # «السادس والثلاثين» 36th, «الحادي والعشرين» 21st
                value, j = value % 10 + _AR_TENS[words[j][0][3:]], j + 1
            out.append(WordNumber(start, words[j - 1][2], value, ordinal=True, firm=value != 1))
            i = j
            continue
        if stem not in _AR_NUMWORDS or (stem in _AR_DAYS and pre.endswith("ال")):
            i += 1
            continue
        if stem in _AR_HUNDRED and (pre == "بال" or (pre == "ال" and i and words[i - 1][0] == "في")):
            i += 1  # «في المائة», «بالمئة»: "per cent", not a hundred of something
            continue
        total, cur, j, last_kind = 0.0, 0.0, i, ""
        while j < len(words):
            w = words[j][0] if j > i else stem
            if j > i:
                w = _strip(w, first=False)[1]
            if w in _AR_UNITS and last_kind in ("", "scale", "hundred"):
                cur, last_kind = cur + _AR_UNITS[w], "unit"
            elif w in _AR_TEN and last_kind == "unit" and j > i:
                cur, last_kind = cur + 10, "teen"
            elif w in _AR_TEN and last_kind in ("", "scale", "hundred"):
                cur, last_kind = cur + 10, "ten"
            elif w in _AR_TENS and last_kind in ("", "unit", "scale", "hundred"):
                cur, last_kind = cur + _AR_TENS[w], "tens"
            elif w in _AR_HUNDRED and last_kind == "unit" and 3 <= cur <= 9:
                cur, last_kind = cur * 100, "hundred"  # «ثلاث مئة»
            elif w in _AR_HUNDREDS and last_kind in ("", "scale"):
                cur, last_kind = cur + _AR_HUNDREDS[w], "hundred"
            elif w in _AR_SCALES and last_kind not in ("", "scale"):
                total, cur, last_kind = total + cur * _AR_SCALES[w], 0.0, "scale"
            elif w in _AR_DUAL_SCALES and last_kind in ("", "scale"):
                total, last_kind = total + _AR_DUAL_SCALES[w], "scale"
            elif w in _AR_SCALES and last_kind == "" and w not in _AR_VAGUE_SCALES:
                if re.search(r"[0-9\u0660-\u0669\u06f0-\u06f9]\s*$", text[:start]):
                    break  # «11 مليار»: the scale of the amount in digits before it
                total, last_kind = total + _AR_SCALES[w], "scale"  # a bare «مليون»
            else:
                break
            j += 1
        if j == i:  # a vague plural scale («آلاف») on its own
            i += 1
            continue
        value, last = total + cur, j - 1
        if j == i + 1 and stem in _AR_SCALES and stem.endswith("ا") and _counted(words, i, last) and not (
                i and words[i - 1][0] in _AR_NUMWORDS) and j < len(words) and words[j][0] not in _PARTITIVE:
            # «ألفا شخص», «مليونا دولار»: before its noun, the dual in construct (two thousand); the
            # accusative «ألفًا» (a thousand) reads alike undiacritised, and may confirm a match
            out.append(WordNumber(start, end, 2 * value, counted=True))
            out.append(WordNumber(start, end, value, support=True))
            i = j
            continue
        vague = stem in ("احد", "احدي", "واحد", "واحده") and value < 10
        # «وست إدموند» is "and St Edmund": a bare ambiguous form counts only unprefixed, before its noun
        ambiguous = stem in _AR_AMBIGUOUS and j == i + 1 and (pre != "" or not _counted(words, i, last))
        out.append(WordNumber(start, words[last][2], value, firm=not (vague or ambiguous),
                              counted=_counted(words, i, last)))
        i = j
    return out
