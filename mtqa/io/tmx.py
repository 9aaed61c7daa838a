"""TMX through translate-toolkit, after the safe-XML check.

In each ``<tu>`` the ``<tuv>`` whose ``xml:lang`` (TMX 1.1: ``lang``) is Arabic (``ar``, ``ar-SA``,
``ar_EG`` …) is the target and the English one the source. ``unit_id`` is the ``tuid`` attribute and
``line`` the line of the Arabic ``<seg>``. Units without Arabic text are skipped.
"""

from __future__ import annotations

import os
from typing import Any

from mtqa.errors import InputError
from mtqa.io._xml import check_xml, local_name
from mtqa.io.base import InputDocument, Unit, read_bytes, toolkit_storage

__all__ = ["parse_tmx", "read_tmx"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _language(tuv: Any) -> str:
    lang = tuv.get(_XML_LANG) or tuv.get("lang") or ""
    return str(lang).replace("_", "-").split("-")[0].lower()


def parse_tmx(data: bytes, path: str | None = None, *, target_lang: str = "ar",
              source_lang: str = "en") -> InputDocument:
    """Units of a TMX document given as bytes: ``target_lang`` variants against ``source_lang``."""
    root = check_xml(data, path)
    if local_name(root.tag) != "tmx":
        raise InputError(f"not a TMX document (root element <{local_name(root.tag)}>)", path=path, line=1)
    try:
        tmx_file: Any = toolkit_storage("tmx", "TMX").tmxfile  # partly typed upstream
        store = tmx_file.parsestring(data)
    except Exception as exc:  # noqa: BLE001 - translate-toolkit raises assorted lxml/assertion errors
        raise InputError(f"cannot read TMX: {exc}", path=path) from None
    units: list[Unit] = []
    for order, unit in enumerate(store.units, start=1):
        texts: dict[str, tuple[str, int]] = {}
        for tuv in unit.getlanguageNodes():
            lang = _language(tuv)
            if lang in (target_lang, source_lang) and lang not in texts:
                seg = next((c for c in tuv if local_name(str(c.tag)) == "seg"), tuv)
                text = str(unit.getNodeText(tuv) or "").replace("\r", " ").replace("\n", " ")
                texts[lang] = (text, int(getattr(seg, "sourceline", 0) or 0))
        if target_lang not in texts or not texts[target_lang][0].strip():
            continue
        target, line = texts[target_lang]
        source = texts.get(source_lang, ("", 0))[0]
        units.append(Unit(line=line or order, text=target, unit_id=unit.xmlelement.get("tuid") or None,
                          source=source or None))
    if not units:
        raise InputError(f"no translation units with a {target_lang!r} variant (xml:lang)", path=path)
    return InputDocument(path=path, units=tuple(units), format="tmx")


def read_tmx(path: str | os.PathLike[str]) -> InputDocument:
    name = os.fspath(path)
    return parse_tmx(read_bytes(name), name)
