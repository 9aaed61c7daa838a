"""TMX through translate-toolkit, after the safe-XML check.

In each ``<tu>`` the ``<tuv>`` whose ``xml:lang`` (TMX 1.1: ``lang``) is Arabic (``ar``, ``ar-SA``,
``ar_EG``, ``AR``, ``ara``, ``arz`` …) is the target and the English one the source. ``unit_id`` is
the ``tuid`` attribute and ``line`` the line of the Arabic ``<seg>``. A ``<tu>`` without Arabic text is
an untranslated unit, reported as a finding, never skipped. Text in a ``<sub>`` (inside inline
code: a link's title) is a unit of its own, ``<tuid>#sub<k>``, at the sub's line.
"""

from __future__ import annotations

import os
from typing import Any

from mtqa._xml import check_xml, inline_text, local_name
from mtqa.errors import InputError
from mtqa.io.base import InputDocument, Unit, read_bytes, sub_flow_units, toolkit_storage, unit_document

__all__ = ["language_matches", "parse_tmx", "read_tmx"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Other codes for the same language: ISO 639-2/3 (``ara``, ``eng``) and, for Arabic, the ISO 639-3
#: individual languages of the ``ara`` macrolanguage (``arb`` Standard, ``arz`` Egyptian, ``apc``
#: Levantine, ``ary`` Moroccan …), which TMS exports use for regional copy.
_ALIASES = {
    "ar": frozenset({"ara", "aao", "abh", "abv", "acm", "acq", "acw", "acx", "acy", "adf", "aeb", "aec", "afb",
                     "ajp", "apc", "apd", "arb", "arq", "ars", "ary", "arz", "auz", "avl", "ayh", "ayl", "ayn",
                     "ayp", "bbz", "pga", "shu", "ssh"}),
    "en": frozenset({"eng"}),
}


def _tag(tuv: Any) -> str:
    return str(tuv.get(_XML_LANG) or tuv.get("lang") or "").strip()


def language_matches(tag: str, lang: str) -> bool:
    """True when the language tag ``tag`` (``ar``, ``ar-EG``, ``ar_SA``, ``AR``, ``ara``, ``arz-Arab``…)
    names ``lang`` or one of its variants."""
    primary = tag.strip().replace("_", "-").split("-")[0].lower()
    return primary == lang or primary in _ALIASES.get(lang, frozenset())


def _seg(tuv: Any, path: str | None = None) -> Any:
    segs = [c for c in tuv if local_name(str(c.tag)) == "seg"]
    if len(segs) > 1:  # TMX allows one: reading the first would drop the rest unsaid
        raise InputError("a <tuv> with more than one <seg>", path=path,
                         line=int(getattr(segs[1], "sourceline", 0) or 0) or None)
    return segs[0] if segs else None


def _flat(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ")


def _seg_text(tuv: Any, path: str | None = None) -> tuple[str, int]:
    seg = _seg(tuv, path)
    if seg is None:  # a variant without a <seg>: no text, placed at its <tuv>
        return "", int(getattr(tuv, "sourceline", 0) or 0)
    # the text without the native code of inline elements (<bpt>&lt;b&gt;</bpt>, <ph>{0}</ph>)
    return _flat(inline_text(seg)), int(getattr(seg, "sourceline", 0) or 0)


def parse_tmx(data: bytes, path: str | None = None, *, target_lang: str = "ar",
              source_lang: str = "en") -> InputDocument:
    """Units of a TMX document given as bytes: ``target_lang`` variants against ``source_lang``.

    Every ``target_lang`` variant of a ``<tu>`` is a unit (two Arabic variants, ``ar-EG`` and
    ``ar-SA``, are two units, their ids suffixed with the tag); a ``<tu>`` with no such variant, or
    an empty one, is an untranslated unit.
    """
    root = check_xml(data, path)
    if local_name(root.tag) != "tmx":
        raise InputError(f"not a TMX document (root element <{local_name(root.tag)}>)", path=path, line=1)
    try:
        tmx_file: Any = toolkit_storage("tmx", "TMX").tmxfile  # partly typed upstream
        store = tmx_file.parsestring(data)
    except Exception as exc:  # noqa: BLE001 - translate-toolkit raises assorted lxml/assertion errors
        raise InputError(f"cannot read TMX: {exc}", path=path) from None
    units: list[Unit] = []
    untranslated: list[Unit] = []
    for order, unit in enumerate(store.units, start=1):
        tuvs = list(unit.getlanguageNodes())
        targets = [tuv for tuv in tuvs if language_matches(_tag(tuv), target_lang)]
        source_tuv = next((tuv for tuv in tuvs if language_matches(_tag(tuv), source_lang)), None)
        source = _seg_text(source_tuv, path)[0] if source_tuv is not None else ""
        tuid = unit.xmlelement.get("tuid") or None
        line_of_tu = int(getattr(unit.xmlelement, "sourceline", 0) or 0) or order
        if not targets:
            untranslated.append(Unit(line=line_of_tu, text="", unit_id=tuid, source=source or None))
            continue
        for tuv in targets:
            text, line = _seg_text(tuv, path)
            unit_id = f"{tuid or ''}[{_tag(tuv)}]" if len(targets) > 1 else tuid
            found = Unit(line=line or line_of_tu, text=text if text.strip() else "", unit_id=unit_id,
                         source=source or None)
            if text.strip():
                units.append(found)
            else:  # an empty Arabic <seg>
                untranslated.append(found)
            # text inside inline code (a link's title): checked as units of their own, not dropped
            for sub in sub_flow_units(_seg(tuv, path), _seg(source_tuv, path) if source_tuv is not None else None,
                                      unit_id):
                (units if sub.text else untranslated).append(sub)
    return unit_document(path, "tmx", units=units, untranslated=untranslated,
                         empty=f"no translation units with a {target_lang!r} variant (xml:lang)")


def read_tmx(path: str | os.PathLike[str]) -> InputDocument:
    name = os.fspath(path)
    return parse_tmx(read_bytes(name), name)
