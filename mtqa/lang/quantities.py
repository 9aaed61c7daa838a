"""Quantities and dates as written in English and in Arabic: numbers with their scale word, currency,
unit and percent sign, and the weekdays and months a text names, each with its span in the original.

"$3 billion" and «3 مليارات دولار», "53,000" and «53 ألف», "30%" and «30 في المئة» read as the same
:class:`Quantity`; Arabic thousands separators (15.000, ٬), the decimal ٫, the percent sign ٪ and
Arabic-Indic digits are read as what they are. The tables come from :mod:`mtqa.lang.arabic` and
:mod:`mtqa.lang.english`; the rules that compare the two sides are in :mod:`mtqa.checks.numbers`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from mtqa.lang import arabic as ar
from mtqa.lang import english as en
from mtqa.text.normalize import normalize_ar, normalize_digits

__all__ = ["Quantity", "Unit", "arabic_dates", "arabic_quantities", "english_dates", "english_quantities",
           "next_words", "same_amount", "same_value", "unit_after"]


@dataclass(frozen=True)
class Quantity:
    """A number as written: ``value = mantissa * scale``; span in the original text."""

    start: int
    end: int
    mantissa: float
    scale: float = 1.0
    currency: str | None = None
    unit: str | None = None
    percent: bool = False
    digits: str = ""
    hard: bool = True  # written in digits (number words only support matches)
    #: Other readings of the mantissa: "150.000" is 150 or 150,000 (a dot thousands separator),
    #: "000 100" is 100,000 written in reversed groups.
    alternatives: tuple[float, ...] = ()

    @property
    def value(self) -> float:
        return self.mantissa * self.scale

    @property
    def values(self) -> tuple[float, ...]:
        """Every value the number may have been written for."""
        return (self.value, *(a * self.scale for a in self.alternatives))


# ---------------------------------------------------------------- lexicons (mtqa.lang)
_EN_SCALES = {**{w: v for w, v in en.SCALES.items() if w != "hundred"}, **en.SCALE_ABBREVIATIONS}
_EN_CURRENCY = en.CURRENCIES
_AR_CURRENCY = ar.normed(ar.CURRENCIES)
_EN_UNITS = en.MEASURES
_AR_UNITS = ar.normed(ar.MEASURES)
_UNIT_FAMILY = en.MEASURE_FAMILY
_AR_SCALES = ar.normed(ar.SCALES)
_AR_DUAL_SCALES = ar.normed(ar.DUAL_SCALES)


def _marked(*letters: str) -> str:
    """A pattern of these letters (each a letter or a class) with harakat or tatweel allowed after
    each: «في الـمئة», «بالمِئة»."""
    marks = f"[{ar.DIACRITICS_CLASS}]*"
    return "".join(f"{letter}{marks}" for letter in letters)


_HUNDREDTH = _marked("م") + f"(?:{_marked('[اي]')})?" + _marked("[ئي]", "ة")  # «مئة», «مائة», «ميه» …
_AR_PERCENT = re.compile(rf"\s*(?:[%٪]|(?:{_marked('ف', 'ي')}|{_marked('ب', 'ا', 'ل')})\s*{_marked('ا', 'ل')}"
                         rf"{_HUNDREDTH}\b|{_marked('ب', 'ا', 'ل')}{_HUNDREDTH}\b)")
#: Number words that may confirm a source number (never contradict one: ``hard=False``).
_EN_WORDS = {**en.CARDINALS, "dozen": 12.0, "hundred": 100.0,
             **{w: en.SUPPORT[w][0] for w in ("twice", "double", "triple", "half")}}
_EN_ORDINALS = en.ORDINALS
_AR_WORDS = ar.normed({**ar.UNITS, **dict.fromkeys(ar.TEN, 10.0), **ar.TENS, **ar.HUNDREDS,
                       **{"ال" + w: v for w, v in ar.ORDINALS.items()},
                       "نصف": 0.5, "ربع": 0.25, "مرتين": 2.0, "ضعف": 2.0})

_DIGITS = r"[0-9\u0660-\u0669\u06f0-\u06f9]"
# Not a continuation of a number ("1,5" / ".5"); a dot after a word ("Fig.3", "Acme.80%") is
# punctuation, not a decimal point.
_NUM = re.compile(rf"(?<![0-9\u0660-\u0669\u06f0-\u06f9,\u066b\u066c])(?<![0-9\u0660-\u0669\u06f0-\u06f9\s][.])"
                  rf"(?<!^[.]){_DIGITS}+(?:[.,\u066b\u066c]{_DIGITS}+|\u060c{_DIGITS}{{3}}(?![0-9\u0660-\u0669]))*")
#: A number whose separators a speech transcript spaced out: "$1 ,575 .76", "17 ,000", "$449 .99".
_SPACED = re.compile(r"(?<![\d.,])\d{1,3}(?:\s+,\d{3})+(?:\s+\.\d+)?(?![\d])|(?<![\d.,])\d+\s+\.\d{1,2}(?![\d.])")
#: The second half of a range whose scale word comes after it: «إلى 90 مليار», «و90 مليون», «- 90 ألف».
_RANGE_SCALE = re.compile(r"\s*(?:إلى|الى|حتى|و|-|–)\s*[0-9\u0660-\u0669]+(?:[.,][0-9\u0660-\u0669]+)?\s+"
                          r"(مليار|مليون|بليون|ألف|الف|آلاف|ملايين|مليارات|بلايين|تريليون|تريليونات)")
#: Markup left in the copy («<seg id="1">»): its numbers are no amounts.
_MARKUP = re.compile(r"<[^<>]{0,200}>")
#: Web and e-mail addresses and @handles: their digits («/news/2024/», "user2024@…") are no amounts.
#: (The local part is bounded: see ``_ADDRESS`` in :mod:`mtqa.checks.lexical`.)
_WEB = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.\-]*://|www\.)\S+|[^\s@]{1,64}@[^\s@]+\.[^\s@]+|@\w+")
#: Digit groups separated by spaces: "30 000" (thousands), or "000 100" / "635 051 1" (the groups of
#: 100,000 and 1,051,635 in reversed order, as UN-style Arabic typesetting writes them).
_GROUPED = re.compile(rf"(?<![0-9\u0660-\u0669\u06f0-\u06f9.,])(?:(?:{_DIGITS}{{3}}[ \u00a0])+{_DIGITS}{{1,3}}"
                      rf"|{_DIGITS}{{1,3}}(?:[ \u00a0]{_DIGITS}{{3}})+)(?![0-9\u0660-\u0669\u06f0-\u06f9.,])")
#: An English time of day ("5.30pm", "10:00 a.m.", "0600 GMT" is handled apart).
_EN_TIME = re.compile(r"\b(\d{1,2})(?::(\d{2})\s?(am|pm|a\.m\.?|p\.m\.?)?|[.](\d{2})\s?(am|pm|a\.m\.?|p\.m\.?))"
                      r"(?![\d,])", re.IGNORECASE)
_WORD = re.compile(r"[^\s\d.,;:!?()\[\]\"'«»“”،؛؟%٪-]+")


def converted(value: float, unit: str, to: str) -> float | None:
    """``value`` in ``unit`` expressed in ``to`` (miles in km, °F in °C …), or None when the two are
    not one imperial and one metric unit of a dimension (:data:`mtqa.lang.english.CONVERSIONS`)."""
    if (unit, to) == ("F", "C"):
        return (value - 32) * 5 / 9
    if (unit, to) == ("C", "F"):
        return value * 9 / 5 + 32
    if (unit, to) in en.CONVERSIONS:
        return value * en.CONVERSIONS[unit, to]
    if (to, unit) in en.CONVERSIONS:
        return value / en.CONVERSIONS[to, unit]
    return None


_EN_DURATIONS = en.DURATIONS
_AR_DURATIONS = ar.normed(ar.DURATIONS)
#: A converted measure is rounded: "100 miles" is «160 كيلومترا» (160.9), "500 feet" «150 مترا».
CONVERSION_SLACK = 0.05

Unit = str | tuple[str, int]  # a measure ("km") or a duration (what it counts in, how many)


def unit_after(text: str, end: int, *, arabic: bool) -> Unit | None:
    """The measure or the unit of time named by the word right after a number that ends at ``end``
    ("10 feet", "a 72-hour truce", «ثلاثة أمتار», «ثلاثة أيام»)."""
    if not arabic and text[end:end + 1] == "-":
        end += 1
    nxt = next_words(text, end, 1)
    if not nxt:
        return None
    if arabic:
        word = normalize_ar(nxt[0][0])
        return _AR_UNITS.get(word) or _AR_DURATIONS.get(word)
    word = nxt[0][0].lower()
    return _EN_UNITS.get(word) or _EN_DURATIONS.get(word)


def same_amount(value: float, unit: Unit, other: float, other_unit: Unit) -> bool:
    """Is ``value`` ``unit`` the amount ``other`` ``other_unit`` says, in another unit: a measure
    converted and rounded (10 feet, «ثلاثة أمتار»), a duration counted in other units (72 hours,
    «ثلاثة أيام»)? Two amounts in one unit are not (that is a different number)."""
    if unit == other_unit:
        return False
    if isinstance(unit, tuple) and isinstance(other_unit, tuple):
        return unit[0] == other_unit[0] and same_value(value * unit[1], other * other_unit[1])
    if isinstance(unit, str) and isinstance(other_unit, str):
        c = converted(other, other_unit, unit)
        return c is not None and abs(value - c) <= max(CONVERSION_SLACK * abs(c), 0.5)
    return False


_DIGIT_DATE = re.compile(rf"(?<![0-9\u0660-\u0669\u06f0-\u06f9])({_DIGITS}{{1,4}})([/.-])({_DIGITS}{{1,2}})(\2)"
                         rf"({_DIGITS}{{1,4}})(?![0-9\u0660-\u0669\u06f0-\u06f9])")
_FULL_HOUR = re.compile(rf"(?<={_DIGITS}):([0٠۰]{{2}})(?![0-9\u0660-\u0669\u06f0-\u06f9])")


def same_value(a: float, b: float) -> bool:
    """Two values equal but for floating-point noise (0.1 * 3 and 0.3)."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _parse_number(raw: str, *, arabic: bool) -> float | None:
    s = normalize_digits(raw).replace("\u060c", ",")  # «30،000»: the Arabic comma as thousands mark
    # "2,300" / "2.300.000": separators before groups of exactly three digits are thousands marks.
    groups = re.split(r"[.,]", s)
    seps = re.findall(r"[.,]", s)
    if len(groups) > 2 or (len(groups) == 2 and len(groups[1]) == 3 and seps[0] == ","):
        if all(len(g) == 3 for g in groups[1:]) and len(set(seps)) == 1:
            return float("".join(groups))
        # "1,234.5": comma thousands, point decimal
        s = s.replace(",", "")
    if arabic and "," in s and "." not in s and len(s.split(",")[1]) != 3:
        s = s.replace(",", ".")  # an Arabic decimal comma
    try:
        return float(s.replace(",", ""))
    except ValueError:
        return None


def _alternatives(raw: str, value: float) -> tuple[float, ...]:
    """Other readings of a written number: "150.000" / "42.000" is also 150,000 / 42,000 (a dot
    used as thousands separator, as much Arabic and European copy does)."""
    s = normalize_digits(raw)
    if re.fullmatch(r"\d{1,3}\.\d{3}", s):
        alt = float(s.replace(".", ""))
        return (alt,) if not same_value(alt, value) else ()
    return ()


def next_words(text: str, pos: int, n: int) -> list[tuple[str, int, int]]:
    out = []
    for m in _WORD.finditer(text, pos):
        if text[pos:m.start()].strip(" \u00a0"):
            break
        out.append((m.group(), m.start(), m.end()))
        pos = m.end()
        if len(out) == n:
            break
    return out


#: A Roman numeral of two letters or more after a capitalised word (a single "I" is the pronoun).
_ROMAN_AFTER_NAME = re.compile(r"\b[A-Z][A-Za-z]* ([IVX]{2,6})\b")
_ROMAN = re.compile(r"^(X{0,3})(IX|IV|V?I{0,3})$")


def _roman(numeral: str) -> int | None:
    """The value of a Roman numeral up to 39, or None when it is not one."""
    m = _ROMAN.match(numeral)
    if m is None:
        return None
    units = {"": 0, "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9}[m.group(2)]
    return 10 * len(m.group(1)) + units or None


def english_quantities(text: str) -> list[Quantity]:
    """Numbers in English text, digits and number words, with scale, currency, unit and percent."""
    # Memoised: the check compares each segment with every other source sentence of the document.
    return list(_english_quantities(text))


@lru_cache(maxsize=4096)
def _english_quantities(text: str) -> tuple[Quantity, ...]:
    out: list[Quantity] = []
    web = [m.span() for m in _WEB.finditer(text)]
    times = [t.span() for t in _EN_TIME.finditer(text)]
    for t in _EN_TIME.finditer(text):
        hour, minute = int(t.group(1)), int(t.group(2) or t.group(4))
        half = (t.group(3) or t.group(5) or "").lower()[:1]
        hours = {hour, hour + 12} if half == "p" and hour < 12 else {hour}
        out.extend(Quantity(t.start(), t.end(), float(v), hard=False) for v in (*hours, minute))
        # «7.55» for "7.55am": the time written as the source writes it
        out.extend(Quantity(t.start(), t.end(), h + minute / 100, hard=False) for h in hours)
    for m in re.finditer(r"\b(\d)-(?:foot|feet|ft)-(\d{1,2})\b", text):  # a height: "6-foot-6" is also «6.6»
        out.append(Quantity(m.start(), m.end(), float(f"{m.group(1)}.{m.group(2)}"), hard=False))
    for m in re.finditer(r"(?:(?<=\s)|^)\.(\d+)", text):  # ".08%": a decimal without its leading zero
        if re.search(r"\d\s+$", text[:m.start()]):
            continue  # the decimals of a spaced-out number ("$449 .99"), read below
        out.append(Quantity(m.start(), m.end(), float("0." + m.group(1)), digits="0." + m.group(1),
                            percent=text[m.end():m.end() + 1] == "%"))
    spaced = []
    for m in _SPACED.finditer(text):  # "$1 ,575 .76", "17 ,000": speech transcripts space the separators
        joined = re.sub(r"\s+", "", m.group())
        value = _parse_number(joined, arabic=False)
        if value is not None:
            currency = "dollar" if text[max(0, m.start() - 1):m.start()] == "$" else None
            out.append(Quantity(m.start(), m.end(), value, currency=currency, digits=joined.replace(",", "")))
            spaced.append(m.span())
    for m in _NUM.finditer(text):
        mantissa = _parse_number(m.group(), arabic=False)
        if mantissa is None:
            continue
        start, end = m.start(), m.end()
        if any(a <= start < b for a, b in (*times, *spaced, *web)):
            continue  # a time of day (its hour and minute were added above), a spaced-out number, an address
        alternatives = _alternatives(m.group(), mantissa)
        if re.match(r"'?s\b", text[end:]) and len(m.group()) in (2, 4):
            # a decade ("the 1930s", "the '90s"): Arabic names it in words («الثلاثينيات»)
            out.append(Quantity(start, end, mantissa, hard=False))
            continue
        if (yr := re.search(r"\b(\d{2})\d{2}[-–/]$", text[:start])) and len(m.group()) == 2:
            alternatives += (float(yr.group(1) + m.group()),)  # "1950-53", "2023/24": the second year in full
        if (half := re.match(r"\s?([ap])\.?m\b\.?", text[end:], re.IGNORECASE)) and mantissa <= 12:
            # "2 p.m." is «14:00» on a 24-hour clock, "12 a.m." «00:00»
            alternatives += ((mantissa + 12,) if half.group(1).lower() == "p" and mantissa < 12
                             else (0.0,) if mantissa == 12 else ())
        currency = None
        before = text[max(0, start - 4):start].lower()
        for sym in ("us$", "$", "€", "£", "¥"):
            if before.endswith(sym):
                currency = _EN_CURRENCY[sym]
                start -= len(sym)
                break
        pre = re.search(r"\b(usd|eur|gbp|egp|sar|aed|chf)\s?$", before)
        if pre:
            currency = _EN_CURRENCY[pre.group(1)]
        scale, unit, percent = 1.0, None, False
        rest = text[end:]
        sm = re.match(r"\s?\+?\s?(thousand|million|billion|trillion)\b|(bn|mn|mln|m|b|k)\b", rest, re.IGNORECASE)
        # "75k", "$5bn": an abbreviated scale written onto the number (or after a currency)
        if sm and (sm.group(1) or currency or (sm.start() == 0 and sm.group(2).lower() in ("k", "bn", "mn"))):
            scale = _EN_SCALES[(sm.group(1) or sm.group(2)).lower()]
            end += sm.end()
        rest = text[end:]
        pm = re.match(r"\s?(%|per ?cent\b|percent\b)", rest, re.IGNORECASE)
        if pm:
            percent, end = True, end + pm.end()
        else:
            um = re.match(r"\s?(?:degrees?\s(?=fahrenheit|celsius))?(°[cf]|[a-z]+\b)", rest, re.IGNORECASE)
            word = um.group(1).lower() if um else ""
            if word in _EN_CURRENCY and not word.startswith(("$", "€", "£", "¥")):
                currency, end = _EN_CURRENCY[word], end + (um.end() if um else 0)
            elif word in _EN_UNITS:
                unit, end = _EN_UNITS[word], end + (um.end() if um else 0)
        digits = normalize_digits(m.group())
        out.append(Quantity(start, end, mantissa, scale, currency, unit, percent, digits, alternatives=alternatives))
        if scale == 1.0 and (big := re.match(r"([MB])\b", text[m.end():])):
            # "2.3M views", "14M followers": millions, or a name ("3M"): that reading only supports
            out.append(Quantity(start, m.end() + 1, mantissa, 1e6 if big.group(1) == "M" else 1e9, hard=False))
        # "0117 GMT": a time written without a colon also supports «01:17».
        if re.fullmatch(r"\d{4}", digits) and (digits[0] == "0" or re.match(r"\s?(GMT|UTC)", text[m.end():])):
            for part in (digits[:2], digits[2:]):
                out.append(Quantity(start, m.end(), float(part), hard=False))
    for m in _ROMAN_AFTER_NAME.finditer(text):
        # "Artemis II", "Grand Theft Auto VI", "Charles III": «أرتميس 2», «الثالث»
        if (value := _roman(m.group(1))) is not None:
            out.append(Quantity(m.start(1), m.end(1), float(value), hard=False))
    for m in re.finditer(r"\b(?:half|quarter) an? (million|billion|trillion)\b", text, re.IGNORECASE):
        # "half a million" is «500 ألف» or «نصف مليون»
        share = 0.5 if m.group().lower().startswith("half") else 0.25
        out.append(Quantity(m.start(), m.end(), share, _EN_SCALES[m.group(1).lower()], hard=False))
    for m in re.finditer(r"[A-Za-z]+", text):
        word = m.group().lower()
        value = _EN_WORDS.get(word) or _EN_ORDINALS.get(word)
        if value is None:
            continue
        scale = 1.0
        nxt = next_words(text, m.end(), 1)
        if nxt and nxt[0][0].lower() in ("hundred", "thousand", "million", "billion", "trillion"):
            scale = 100.0 if nxt[0][0].lower() == "hundred" else _EN_SCALES[nxt[0][0].lower()]
        unit = _EN_UNITS.get(nxt[0][0].lower()) if nxt else None  # "six inches": a measure in words
        out.append(Quantity(m.start(), nxt[0][2] if unit else m.end(), value, unit=unit, hard=False))
        if scale != 1.0:
            out.append(Quantity(m.start(), nxt[0][2], value, scale, hard=False))
    return tuple(out)


#: A Hijri month (Arabic copy often gives the Hijri date beside the Gregorian one, which the source
#: does not carry): «رمضان», «ربيع الأول», «ذي الحجة».
_HIJRI_MONTH = (r"(?:محرم|صفر|ربيع\s+ال(?:[أا]ول|ثاني|[آا]خر)|جماد[ىي]\s+ال(?:[أا]ولى|[آا]خرة|ثانية)|رجب|شعبان"
                r"|رمضان|شوال|ذ[وي]\s+ال(?:قعدة|حجة))")
_HIJRI_DATE = re.compile(rf"(?<![0-9\u0660-\u0669\u06f0-\u06f9])({_DIGITS}{{1,2}})\s+(?:من\s+)?{_HIJRI_MONTH}"
                         rf"(?:\s+({_DIGITS}{{4}}))?|(?<![0-9\u0660-\u0669\u06f0-\u06f9])({_DIGITS}{{4}})\s*"
                         r"(?:هـ|ه\b|هجري|هجرية|هجريا|للهجرة)")


def _hijri_numbers(text: str) -> list[tuple[int, int]]:
    """The spans of the day and year of each Hijri date («5 رمضان 1445 هـ»)."""
    return [m.span(k) for m in _HIJRI_DATE.finditer(text) for k in (1, 2, 3) if m.group(k)]


def arabic_quantities(text: str) -> list[Quantity]:
    """Numbers in Arabic text: digits (Arabic-Indic too) with the scale, currency or unit word that
    follows; number words and dual scale words («ألفين») as supporting values only."""
    # Memoised: the check reads every sentence made of one source sentence for each of them.
    return list(_arabic_quantities(text))


@lru_cache(maxsize=4096)
def _arabic_quantities(text: str) -> tuple[Quantity, ...]:
    out: list[Quantity] = []
    grouped: list[tuple[int, int]] = []
    for g in _GROUPED.finditer(text):
        parts = normalize_digits(g.group()).split()
        readings = [float("".join(parts))]
        if len(parts[0]) == 3:
            readings.append(float("".join(reversed(parts))))
        out.append(Quantity(g.start(), g.end(), readings[0], digits="".join(parts),
                            alternatives=tuple(readings[1:])))
        grouped.append(g.span())
    skip = grouped + [m.span() for m in _MARKUP.finditer(text)] + [m.span() for m in _WEB.finditer(text)]
    for m in re.finditer(r"(?:(?<=[\sوب])|^)[.\u066b](\d+|[\u0660-\u0669]+)", text):  # ".08%", «و.08%»
        digits = normalize_digits(m.group(1))
        out.append(Quantity(m.start(), m.end(), float("0." + digits), digits="0." + digits))
        skip.append(m.span())
    # the month of a date written in digits («2024/03/15», «15-3-2024») renders a month name of the
    # source, and the minutes of a full hour («14:00») a time written without them ("2 p.m.")
    unnamed = [d.span(3) for d in _DIGIT_DATE.finditer(text) if 1 <= int(normalize_digits(d.group(3))) <= 12
               and (len(d.group(1)) == 4) != (len(d.group(5)) == 4)]
    unnamed += [t.span(1) for t in _FULL_HOUR.finditer(text)]
    unnamed += _hijri_numbers(text)
    for m in _NUM.finditer(text):
        if any(a <= m.start() < b for a, b in skip):
            continue
        mantissa = _parse_number(m.group(), arabic=True)
        if mantissa is None:
            continue
        if m.span() in unnamed:
            out.append(Quantity(m.start(), m.end(), mantissa, hard=False))
            continue
        if m.start() >= 2 and text[m.start() - 1] == "-" and text[m.start() - 2].isalpha():
            # the number of a name or code («سارس-كوف-2», "COVID-19"): compared, but no scale,
            # currency or unit word after it belongs to it
            out.append(Quantity(m.start(), m.end(), mantissa, digits=normalize_digits(m.group())))
            continue
        end = m.end()
        scale, currency, unit, percent = 1.0, None, None, False
        pm = _AR_PERCENT.match(text, end)
        if pm:
            percent, end = True, pm.end()
        for word, _ws, we in next_words(text, end, 3):
            norm = normalize_ar(word)
            if norm in _AR_SCALES and scale == 1.0 and currency is None and unit is None:
                scale, end = _AR_SCALES[norm], we
            elif norm in _AR_CURRENCY and currency is None and unit is None:
                currency, end = _AR_CURRENCY[norm], we
            elif norm in _AR_UNITS and unit is None and currency is None and scale == 1.0:
                unit, end = _AR_UNITS[norm], we
            elif norm in ("درجه", "درجات") and unit is None:
                continue  # «درجة مئوية»: look at the next word
            else:
                break
        if not pm and (pp := _AR_PERCENT.match(text, end)):
            percent, end = True, pp.end()
        digits = normalize_digits(m.group())
        alternatives = _alternatives(m.group(), mantissa)
        if scale == 1.0 and (rng := _RANGE_SCALE.match(text, end)):
            # «60 إلى 90 مليار دولار»: the scale after the range's second number is the first's too
            alternatives += tuple(a * _AR_SCALES[normalize_ar(rng.group(1))] for a in (mantissa, *alternatives))
        out.append(Quantity(m.start(), end, mantissa, scale, currency, unit, percent, digits,
                            alternatives=alternatives))
    for m in _WORD.finditer(text):
        norm = normalize_ar(m.group())
        for stem in (norm, norm[1:] if norm[:1] in "وفب" else norm):
            if stem in _AR_WORDS:
                out.append(Quantity(m.start(), m.end(), float(_AR_WORDS[stem]), hard=False))
            elif stem in _AR_DUAL_SCALES:
                out.append(Quantity(m.start(), m.end(), _AR_DUAL_SCALES[stem], hard=False))
            elif stem in _AR_SCALES:  # a bare «مليون» is one million; «مليون ونصف» 1.5 million
                value = _AR_SCALES[stem]
                out.append(Quantity(m.start(), m.end(), value, hard=False))
                if re.match(r"\s+ونصف", text[m.end():]):
                    out.append(Quantity(m.start(), m.end(), 1.5, value, hard=False))
            else:
                continue
            break
    return tuple(_compound_amounts(text, out))


#: «مليار و200 مليون»: the joint between the two parts of one amount.
_AND = re.compile(r"\s*و\s*")


def _compound_amounts(text: str, found: list[Quantity]) -> list[Quantity]:
    """An amount written in two parts joined by «و» («مليار و200 مليون دولار», «3 مليارات و500
    مليون», «مليونا و100 ألف»): each part also reads as the whole (1.2 billion, 3.5 billion)."""
    by_start = sorted(found, key=lambda q: q.start)
    extra: dict[int, tuple[float, ...]] = {}
    for k, second in enumerate(by_start):
        if second.scale == 1.0 or not second.hard:
            continue
        for first in by_start[:k]:
            if any(o is not first and o.hard and o.start <= first.start and first.end <= o.end for o in found):
                continue  # the scale word of an amount in digits («3 مليارات»): that amount is the part
            joint = _AND.fullmatch(text, first.end, second.start)
            big = first.value if first.scale > 1.0 or first.mantissa >= 1e3 else 0.0
            if joint is None or big <= second.value or big < second.scale:
                continue
            whole = big + second.value
            extra[id(second)] = (*extra.get(id(second), ()), whole / second.scale)
            if first.hard:
                extra[id(first)] = (*extra.get(id(first), ()), whole / first.scale)
    if not extra:
        return found
    return [replace(q, alternatives=(*q.alternatives, *extra[id(q)])) if id(q) in extra else q for q in found]


# -- weekdays and months --------------------------------------------------------------------------
_EN_DAYS = en.WEEKDAYS
_EN_MONTHS = {**en.MONTHS, **en.MONTH_ABBREVIATIONS}
_AR_DAYS = ar.normed(ar.WEEKDAYS)
_AR_MONTHS = ar.normed(ar.MONTHS)
_AR_MONTH_PAIRS = {(normalize_ar(a), normalize_ar(b)): i for (a, b), i in ar.MONTH_PAIRS.items()}
_AR_AMBIGUOUS = ar.normed_set(ar.AMBIGUOUS_MONTHS)
_AR_DATE_CUES = ar.normed_set(ar.DATE_CUES)


def english_dates(text: str) -> tuple[dict[int, tuple[int, int]], dict[int, tuple[int, int]]]:
    """Weekdays and months named in English text: {index: span}."""
    days: dict[int, tuple[int, int]] = {}
    months: dict[int, tuple[int, int]] = {}
    for m in re.finditer(r"\b[A-Z][a-z]+\b\.?", text):
        word = m.group().rstrip(".").lower()
        if word in _EN_DAYS:
            days.setdefault(_EN_DAYS[word], m.span())
        elif word in _EN_MONTHS:
            # "May"/"March" as words: only next to a number or a date preposition
            if word in en.AMBIGUOUS_MONTHS and not (
                    re.match(r"\.?\s?\d", text[m.end():]) or re.search(r"\d\s?$", text[:m.start()])
                    or re.search(r"(?:\b(in|since|until|by|from|of|early|late|mid|last|next)\s|\bmid-)$",
                                 text[:m.start()])):
                continue
            months.setdefault(_EN_MONTHS[word], m.span())
    return days, months


_AR_NIGHT = ar.normed_set(("ليل", "ليلة", "فجر"))
_AR_TO = ar.normed_set(("إلى", "حتى"))


def _night_between(words: list[tuple[str, int, int]], i: int, day: int) -> bool:
    """Is weekday ``i`` the second of «ليل/ليلة/فجر» + the day before it (+ «إلى»)?"""
    k = i - 1
    if k >= 0 and words[k][0] in _AR_TO:
        k -= 1
    if k < 1 or words[k][0] not in _AR_DAYS or (day - _AR_DAYS[words[k][0]]) % 7 != 1:
        return False
    return words[k - 1][0] in _AR_NIGHT


def arabic_dates(text: str) -> tuple[dict[int, tuple[int, int]], dict[int, tuple[int, int]]]:
    """Weekdays and months (Egyptian/Gulf and Levantine names) in Arabic text: {index: span}."""
    days: dict[int, tuple[int, int]] = {}
    months: dict[int, tuple[int, int]] = {}
    words = [(normalize_ar(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]
    for i, (norm, start, end) in enumerate(words):
        stem = norm[1:] if norm[:1] in "وب" and norm[1:] in {**_AR_DAYS, **_AR_MONTHS} else norm
        prev = words[i - 1][0] if i else ""
        if stem in _AR_DAYS:
            if _night_between(words, i, _AR_DAYS[stem]):
                continue  # «ليل الاثنين الثلاثاء» "Monday night": the night runs into the next day
            begin = words[i - 1][1] if prev in ("يوم", "ويوم") else start
            days.setdefault(_AR_DAYS[stem], (begin, end))
        elif i + 1 < len(words) and (stem, words[i + 1][0]) in _AR_MONTH_PAIRS:
            months.setdefault(_AR_MONTH_PAIRS[(stem, words[i + 1][0])], (start, words[i + 1][2]))
        elif stem in _AR_MONTHS and stem not in ("كانون", "تشرين"):
            if stem in _AR_AMBIGUOUS:
                near_digit = re.search(rf"{_DIGITS}\s*$", text[:start]) or re.match(rf"\s*{_DIGITS}", text[end:])
                if not (near_digit or prev in _AR_DATE_CUES):
                    continue
            months.setdefault(_AR_MONTHS[stem], (start, end))
    return days, months
