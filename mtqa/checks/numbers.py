"""Numbers, amounts, units and dates compared between the aligned source and the Arabic.

Both sides are parsed into :class:`~mtqa.lang.quantities.Quantity` items (value with its scale word, currency, unit,
percent sign) so that "$3 billion" and «3 مليارات دولار», "53,000" and «53 ألف», "30%" and
«30 في المئة» compare equal. Digit-written Arabic numbers are checked against everything in the
source; number words (:mod:`mtqa.lang.numwords`: «ثلاثة أنهار», "two rivers") are compared only one to
one, with a source number that neither the Arabic nor its back-translation renders.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from mtqa.checks.base import Context, Finding, SegmentView, check
from mtqa.lang import english as en
from mtqa.lang import translit
from mtqa.lang.numwords import WordNumber, arabic_number_words, english_number_words
from mtqa.lang.quantities import (
    Quantity,
    Unit,
    arabic_dates,
    arabic_quantities,
    english_dates,
    english_quantities,
    next_words,
    same_amount,
    same_value,
    unit_after,
)
from mtqa.lang.translit import similarity as translit_similarity
from mtqa.text.normalize import normalize_digits

__all__ = ["currency_unit_mismatch", "date_mismatch", "number_mismatch"]


def _matches(q: Quantity, others: Iterable[Quantity]) -> bool:
    others = list(others)
    if q.digits and any(o.digits == q.digits and o.scale == q.scale for o in others):
        return True  # written the same way («1,1» and "1,1"), whatever each side's convention
    mine = (*q.values, *((q.mantissa, *q.alternatives) if q.scale == 1.0 else ()))
    return any(same_value(v, w) for o in others for w in o.values for v in mine) or _converted(
        q.value, q.unit, [(v, o.unit) for o in others if o.unit is not None for v in o.values])


#: An amount and the unit written with it (a measure, or a unit of time: "72 hours").
_Amount = tuple[float, Unit]


def _converted(value: float, unit: Unit | None, others: list[_Amount]) -> bool:
    """Does ``value unit`` render one of ``others`` in another unit (miles as km, °F as °C, rounded;
    hours as days)? Not when the other side has this unit itself: then nothing was converted
    («479 ميلا» for "497 mph")."""
    if unit is None or any(u == unit for _, u in others):
        return False
    return any(same_amount(value, unit, v, u) for v, u in others)


def _amounts(items: Iterable[Quantity | WordNumber], text: str, *, arabic: bool) -> list[tuple[Quantity | WordNumber, _Amount]]:
    """Each number with the unit written with it or right after it, where it has one."""
    out: list[tuple[Quantity | WordNumber, _Amount]] = []
    for item in items:
        unit = getattr(item, "unit", None) or unit_after(text, item.end, arabic=arabic)
        if unit is not None:
            out.append((item, (item.value, unit)))
    return out


def _converted_ids(items: Iterable[Quantity | WordNumber], text: str, others: list[_Amount], *,
                 arabic: bool) -> set[int]:
    """The ``id`` of each item that renders one of ``others`` in another unit."""
    return {id(item) for item, (value, unit) in _amounts(items, text, arabic=arabic)
            if _converted(value, unit, others)}


def _relation(t: Quantity, s: Quantity) -> str | None:
    """How a wrong target number relates to a source number it likely renders."""
    if t.digits and s.digits and sorted(t.digits) == sorted(s.digits) and t.digits != s.digits:
        return "digits transposed"
    if t.scale != s.scale and same_value(t.mantissa, s.mantissa):
        return "scale word changed"
    if t.value and s.value:
        ratio = math.log10(t.value / s.value)
        if abs(ratio) >= 0.99 and same_value(ratio, round(ratio)):
            return f"{10 ** abs(round(ratio)):g}-fold {'increase' if ratio > 0 else 'decrease'}"
    return None


def _fmt(q: Quantity, text: str) -> str:
    return text[q.start:q.end]


@check("number-mismatch", category="number", severity="critical", needs=("source",))
def number_mismatch(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """A number in the Arabic that the aligned source does not have (digits, scale, tenfold).

    Values are compared after parsing both sides ("$3 billion" = «3 مليارات دولار», "53,000" =
    «53 ألف», Arabic-Indic digits and «٫»). A wrong number that pairs with an unrendered source
    number (transposed digits, million↔billion, tenfold) is critical; one with no counterpart that
    appears nowhere in the document's source is major.
    """
    if not seg.source:
        return
    src = english_quantities(seg.source)
    tgt = arabic_quantities(seg.text)
    # A source sentence rendered as several Arabic sentences: a source number rendered in another of
    # them is rendered, and pairs with no wrong number of this one.
    group = [tgt if s.index == seg.index else arabic_quantities(s.text) for s in ctx.sharing_sentence(seg)]
    group_tgt = [q for qs in group for q in qs]
    # Amounts said in other units ("10 feet" «ثلاثة أمتار», "72 hours" «ثلاثة أيام»), either side.
    words = english_number_words(seg.source), arabic_number_words(seg.text)
    src_amounts = [a for _, a in _amounts([*src, *words[0]], seg.source, arabic=False)]
    tgt_amounts = [a for _, a in _amounts([*tgt, *words[1]], seg.text, arabic=True)]
    converted = (_converted_ids([*tgt, *words[1]], seg.text, src_amounts, arabic=True)
                 | _converted_ids([*src, *words[0]], seg.source, tgt_amounts, arabic=False))
    unmatched_src = [s for s in src if s.hard and not _matches(s, group_tgt) and id(s) not in converted]
    src_groups = {normalize_digits(g) for g in re.findall(r"\d+", seg.source)}
    for t in tgt:
        if not t.hard or _matches(t, src) or id(t) in converted:
            continue
        written = normalize_digits(seg.text[t.start:t.end])
        if re.fullmatch(r"\d+(?: \d+)+", written) and all(g in src_groups for g in written.split()):
            continue  # digit groups the source also writes apart (a telephone number, "0800 555 111")
        pairs = [(rel, s) for s in unmatched_src if (rel := _relation(t, s))]
        if pairs:
            rel, s = pairs[0]
            yield Finding(t.start, t.end, f"«{_fmt(t, seg.text)}» does not match the source "
                          f"“{_fmt(s, seg.source)}” ({rel})", suggestion=None,
                          evidence={"source": _fmt(s, seg.source), "relation": rel,
                                    "backtranslation": seg.bt_text})
            continue
        unmatched_tgt = [o for o in group_tgt if o.hard and not _matches(o, src)]
        if len(unmatched_src) == 1 and len(unmatched_tgt) == 1:
            s = unmatched_src[0]
            yield Finding(t.start, t.end, f"«{_fmt(t, seg.text)}» does not match the source "
                          f"“{_fmt(s, seg.source)}”", evidence={"source": _fmt(s, seg.source)})
            continue
        elsewhere = [english_quantities(o.source) for o in ctx.segments if o.source and o.source != seg.source]
        elsewhere.extend(english_quantities(gap.text) for gap in ctx.unaligned_source)
        if any(_matches(t, qs) for qs in elsewhere):
            continue  # most likely a sentence-alignment slip, not a wrong number
        yield Finding(t.start, t.end, f"«{_fmt(t, seg.text)}» is not in the source", severity="major",
                      evidence={"source_numbers": [_fmt(s, seg.source) for s in src if s.hard]})
    yield from _number_words(seg, ctx, src, tgt, words, converted)


def _values(quantities: Iterable[Quantity], words: Iterable[WordNumber]) -> list[float]:
    # every reading of a number: «500 2» (2,500 in reversed digit groups) renders 2,500
    return [v for q in quantities for v in (*q.values, q.mantissa)] + [w.value for w in words]


def _has(values: Iterable[float], value: float) -> bool:
    return any(same_value(value, v) for v in values)


def _number_words(seg: SegmentView, ctx: Context, src: list[Quantity], tgt: list[Quantity],
                  words: tuple[list[WordNumber], list[WordNumber]], converted: set[int]) -> Iterator[Finding]:
    """Number words: an Arabic number phrase («ثلاثة أنهار») whose value the source lacks, paired
    one-to-one with a source number (digits or words, "two rivers") that neither the Arabic nor its
    back-translation renders (a dual noun «نهرين» back-translates as "two rivers"). Cardinals pair
    only with cardinals and ordinals with ordinals; «أحد»/«واحد» and vague plurals are never
    compared, and a cardinal must stand next to the noun it counts."""
    assert seg.source is not None
    src_words, tgt_words = words
    bt = seg.bt_text or ""
    bt_values = _values(english_quantities(bt), english_number_words(bt))
    src_values, tgt_values = _values(src, src_words), _values(tgt, tgt_words)
    digit_slips = any(t.hard and not _matches(t, src) for t in tgt)  # left to the digit comparison
    missing: list[tuple[bool, int, int]] = [
        (bool(re.match(r"(?:st|nd|rd|th)\b", seg.source[s.end:])), s.start, s.end) for s in src
        if s.hard and not digit_slips and not s.percent and not _has(tgt_values, s.value)
        and not _has(tgt_values, s.mantissa) and not _has(bt_values, s.value) and id(s) not in converted]
    missing += [(w.ordinal, w.start, w.end) for w in src_words
                if not w.support and (w.ordinal or w.value >= 2)
                and not _has(tgt_values, w.value) and not _has(bt_values, w.value) and id(w) not in converted]
    wrong = [w for w in tgt_words if w.firm and not w.support and (w.ordinal or w.counted)
             and not _has(src_values, w.value) and id(w) not in converted]
    for ordinal in (False, True):
        lost = [m for m in missing if m[0] == ordinal]
        added = [w for w in wrong if w.ordinal == ordinal]
        if len(lost) != 1 or len(added) != 1:
            continue
        t, (_, s_start, s_end) = added[0], lost[0]
        # a neighbouring sentence with that number: most likely a sentence-alignment slip
        near = [o.source for o in ctx.segments if o.source and o.source != seg.source
                and abs(o.index - seg.index) == 1]
        if any(_has(_values(english_quantities(o), english_number_words(o)), t.value) for o in near):
            continue
        end = t.end
        if not ordinal and t.value >= 3 and (nxt := next_words(seg.text, t.end, 1)):
            end = nxt[0][2]  # «ثلاثة أنهار»: the count with its noun
        said = seg.source[s_start:s_end]
        yield Finding(t.start, end, f"«{seg.text[t.start:t.end]}» does not match the source “{said}”",
                      evidence={"source": said, "relation": "number word", "backtranslation": seg.bt_text})


@lru_cache(maxsize=1)
def _en_currency_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(rf"(?<![A-Za-z]){re.escape(w)}(?![A-Za-z])", re.IGNORECASE), c)
                 for w, c in en.CURRENCIES.items())


@lru_cache(maxsize=1024)
def _named_currencies(source: str) -> frozenset[str]:
    """The currencies a source sentence names (looked up only for an amount whose currency the
    source number lacks)."""
    named = frozenset(c for pattern, c in _en_currency_patterns() if pattern.search(source))
    # The Lebanese and Syrian pounds are «ليرة» in Arabic (the Egyptian and Sudanese «جنيه»).
    return named | {"lira"} if _LIRA_POUND.search(source) else named


_LIRA_POUND = re.compile(r"\b(?:Lebanese|Syrian)\s+pounds?\b", re.IGNORECASE)


@check("currency-unit-mismatch", category="mistranslation", severity="critical", needs=("source",))
def currency_unit_mismatch(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """The right number with the wrong currency (euros → «دولار») or unit (km → «أميال»).

    A currency switch is critical; a unit switch within one dimension (km/miles, °C/°F) is major.
    An Arabic amount whose source number carries no currency is flagged only when its currency is
    not mentioned anywhere in the source sentence ("48.6 per dollar" → «48.6 يورو للدولار»).
    """
    if not seg.source:
        return
    src = [s for s in english_quantities(seg.source) if s.hard]
    if not src:
        return
    for t in arabic_quantities(seg.text):
        same = [s for s in src if same_value(s.value, t.value) or same_value(s.mantissa, t.mantissa) and s.scale == t.scale]
        if not t.hard or not same:
            continue
        if t.currency:
            with_cur = [s for s in same if s.currency]
            if with_cur and all(s.currency != t.currency for s in with_cur):
                s = with_cur[0]
                yield Finding(t.start, t.end, f"currency changed: source “{_fmt(s, seg.source)}” is in "
                              f"{s.currency}s, the Arabic says {t.currency}s",
                              evidence={"source": _fmt(s, seg.source), "source_currency": s.currency,
                                        "target_currency": t.currency})
            elif not with_cur and t.currency not in _named_currencies(seg.source):
                yield Finding(t.start, t.end, f"«{_fmt(t, seg.text)}» names a currency ({t.currency}) "
                              "the source sentence does not mention",
                              evidence={"source_currencies": sorted(_named_currencies(seg.source))})
        if t.unit:
            for s in same:
                if s.unit and s.unit != t.unit and en.MEASURE_FAMILY[s.unit] == en.MEASURE_FAMILY[t.unit]:
                    yield Finding(t.start, t.end, f"unit changed: source “{_fmt(s, seg.source)}”, Arabic "
                                  f"«{_fmt(t, seg.text)}» ({t.unit})", severity="major",
                                  evidence={"source_unit": s.unit, "target_unit": t.unit})
                    break


# ---------------------------------------------------------------- weekdays and months
_EN_DAYS = en.WEEKDAYS
_EN_MONTHS = {**en.MONTHS, **en.MONTH_ABBREVIATIONS}


@check("date-mismatch", category="mistranslation", severity="critical", needs=("source",))
def date_mismatch(seg: SegmentView, ctx: Context) -> Iterator[Finding]:
    """A weekday or month in the Arabic that differs from the one in the aligned source."""
    if not seg.source:
        return
    src_days, src_months = english_dates(seg.source)
    tgt_days, tgt_months = arabic_dates(seg.text)
    names = [w for w in re.findall(r"\b[A-Z][a-z]+\b", seg.source) if w.lower() not in _EN_MONTHS
             and w.lower() not in _EN_DAYS]
    for kind, src, tgt in (("weekday", src_days, tgt_days), ("month", src_months, tgt_months)):
        if not src:
            continue
        for index, (start, end) in tgt.items():
            if index in src:
                continue
            if any(translit_similarity(n, seg.text[start:end]) >= translit.SURE for n in names):
                continue  # the transliteration of a name («مايو» for the Mayo Clinic)
            s_start, s_end = next(iter(src.values()))
            yield Finding(start, end, f"{kind} «{seg.text[start:end]}» differs from the source "
                          f"“{seg.source[s_start:s_end]}”", evidence={"source": seg.source[s_start:s_end]})
