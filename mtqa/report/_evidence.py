"""A flag's evidence as labelled fields a reviewer reads, for the text report and the HTML page.

Rules put rule-specific facts in ``flag.evidence`` (docs/report-format.md): the source words a flag
concerns, the back-translation words, the termbase entry, the spellings seen in the document, the
rules that corroborate it. The JSON keeps them as data; a person wants them named, in an order that
goes from what the flag is about (the words on each side) to the supporting facts. Values stay raw
here: each writer escapes them its own way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from mtqa.report._common import segment_of
from mtqa.types import DocumentResult, Flag

__all__ = ["Field", "evidence_fields"]

#: The script a value is written in, so that a writer can set its direction: English runs left to
#: right, Arabic right to left, and "" is neutral (numbers, rule ids) or mixed.
Lang = Literal["en", "ar", ""]
#: Which whole sentences to add: none, those in the evidence, or also the flag's segment's.
Sentences = Literal["none", "evidence", "segment"]


@dataclass(frozen=True)
class Field:
    """One labelled piece of evidence; ``key`` names what it came from (an evidence key, or
    ``confidence``, ``suggestion``, ``source``, ``backtranslation`` for the flag's own fields)."""

    key: str
    label: str
    value: str
    lang: Lang = ""


# What the flag concerns, each side in turn: (evidence key, label, script). The order is the order shown.
_WORDS: tuple[tuple[str, str, Lang], ...] = (
    ("source_words", "source words", "en"),
    ("source_word", "source word", "en"),
    ("source_name", "source name", "en"),
    ("acronym", "source acronym", "en"),
    ("source_cue", "negation in the source", "en"),
    ("source_numbers", "source numbers", "en"),
    ("source_currency", "source currency", "en"),
    ("source_currencies", "source currencies", "en"),
    ("source_unit", "source unit", "en"),
    ("backtranslation_words", "back-translation words", "en"),
    ("backtranslation_phrase", "back-translation phrase", "en"),
    ("bt_name", "back-translation name", "en"),
    ("bt_cue", "negation in the back-translation", "en"),
    ("bt_verb", "back-translation verb", "en"),
    ("unsure_words", "words the model was unsure of", "en"),
    ("arabic_cue", "Arabic negation", "ar"),
    ("target_currency", "Arabic currency", "ar"),
    ("target_unit", "Arabic unit", "ar"),
    ("word", "repeated word", "ar"),
    ("boilerplate", "boilerplate entry", "ar"),
    ("closest_frequent", "closest common word", "ar"),
    ("split", "words run together", "ar"),
)

# Read by the fields above or below, or bookkeeping that says nothing to a reviewer (which signal of
# a rule fired is the calibration's business): never listed again among the remaining facts.
_SHOWN_ELSEWHERE = frozenset({
    *(key for key, _, _ in _WORDS), "term", "preferred", "origin", "variants", "also", "corroborated_by",
    "source", "backtranslation", "aligned_by", "signal",
})

# Labels for the remaining facts; a key without one is shown with its underscores as spaces.
_LABELS = {
    "chrf": "chrF of the back-translation", "bt_logprob": "model log-probability",
    "min_logprob": "lowest word log-probability", "roundtrip_chrf": "round-trip chrF",
    "roundtrip": "round trip", "similarity": "similarity", "in_source": "also in the source",
    "glossed": "glossed in the Arabic", "relation": "relation", "omitted_source": "omitted source",
    "source_line": "source line", "loanword_ending": "loanword ending",
}


def _text(value: Any, sep: str = ", ") -> str:
    """A value from the evidence as plain words: lists joined, counts as ``x ×n``, no JSON syntax."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, Mapping):
        return sep.join(f"{k} ×{v}" if isinstance(v, int) and not isinstance(v, bool) else f"{k}: {_text(v)}"
                        for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return sep.join(_text(v) for v in value)
    return str(value)


def _present(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != {}


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _termbase(ev: Mapping[str, Any]) -> list[Field]:
    if not _present(ev.get("term")):
        return []
    origin = f" ({ev['origin']})" if _present(ev.get("origin")) else ""
    out = [Field("term", "termbase entry", f"{ev['term']}{origin}", "en")]
    preferred = ev.get("preferred")
    if _present(preferred):
        listed = _unique(str(p) for p in preferred) if isinstance(preferred, (list, tuple)) else [str(preferred)]
        out.append(Field("preferred", "preferred rendering", " / ".join(listed), "ar"))
    return out


def _also(ev: Mapping[str, Any]) -> list[Field]:
    also = ev.get("also")
    if not _present(also) or not isinstance(also, (list, tuple)):
        return []
    said = [f"{a.get('rule')}: {a.get('message')}" if isinstance(a, Mapping) else str(a) for a in also]
    return [Field("also", "also flagged here", "; ".join(said))]


def evidence_fields(doc: DocumentResult, flag: Flag, *, sentences: Sentences = "segment",
                    facts: bool = True) -> list[Field]:
    """The evidence of ``flag`` as labelled fields, most telling first.

    The words on each side, the termbase entry and its preferred rendering, the other spelling the
    document uses, the suggestion, the confidence and the corroborating rules; then the whole
    back-translation and source sentences: those the rule recorded (``sentences="evidence"``), also
    the flag's segment's (``"segment"``), or none; then (``facts``) every other evidence key, labelled.
    """
    ev = flag.evidence
    out = [Field(key, label, value, lang) for key, label, lang in _WORDS if _present(ev.get(key))
           # an Arabic entry that is the phrase itself (a boilerplate line matched whole) is shown already
           and ((value := _text(ev[key], " " if key.endswith("words") else ", ")) != flag.text or lang != "ar")]
    out.extend(_termbase(ev))
    # name-spelling and inconsistent-term suggest the spelling the rest of the document uses.
    other = _present(ev.get("variants")) and bool(flag.suggestion)
    if other:
        out.append(Field("variants", "other spelling in this document", str(flag.suggestion), "ar"))
    elif flag.suggestion:
        out.append(Field("suggestion", "suggestion", flag.suggestion, "ar"))
    if flag.confidence is not None:
        out.append(Field("confidence", "confidence", f"{flag.confidence:.2f}"))
    if _present(ev.get("corroborated_by")):
        out.append(Field("corroborated_by", "corroborated by", _text(ev["corroborated_by"])))
    out.extend(_also(ev))
    if sentences != "none":
        # A segment's aligned source can belong to a neighbour (boilerplate shares the last
        # paragraph's): a terse writer shows only what the rule itself compared.
        seg = segment_of(doc, flag) if sentences == "segment" else None
        bt = ev.get("backtranslation") or (seg.backtranslation if seg else None)
        if bt:
            out.append(Field("backtranslation", "back-translation", str(bt), "en"))
        if ev.get("source"):
            out.append(Field("source", "source", str(ev["source"]), "en"))
        elif seg is not None and seg.source:
            # what the sentence aligner paired with the sentence: context the rule did not compare
            out.append(Field("source", "source (aligned)", seg.source, "en"))
    if facts:
        if _present(ev.get("variants")):
            out.append(Field("variants", "spellings in this document (normalised)", _text(ev["variants"]), "ar"))
        out.extend(Field(key, _LABELS.get(key, key.replace("_", " ")), _text(value))
                   for key, value in ev.items() if key not in _SHOWN_ELSEWHERE and _present(value))
    return out
