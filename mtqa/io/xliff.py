"""XLIFF 1.2 and 2.0 through translate-toolkit, after the safe-XML check.

Each translation unit (XLIFF 2.0: each segment) becomes a :class:`Unit` whose ``line`` is the line of
its ``<target>`` element (of the unit when it has none), ``unit_id`` its ``id`` (prefixed with the
file's ``original`` when the document has several ``<file>`` elements) and ``source`` its ``<source>``
text. A unit whose target is empty or missing is untranslated (a finding). A unit marked
``translate="no"``, itself or by its ``<group>`` or ``<file>`` (the attribute is inherited), is not
for translation: it is not checked (a kept brand name is no untranslated English) and is named in a
document note. Text in a ``<sub>`` (inside inline code: a link's title) is a unit of its own,
``<id>#sub<k>``. Two units of one ``<file>`` with the same ``id`` are refused: findings and
suggestions are keyed by it.
"""

from __future__ import annotations

import os
from typing import Any

from mtqa._xml import check_xml, inline_text, local_name, namespace
from mtqa.errors import InputError
from mtqa.io.base import InputDocument, Unit, read_bytes, sub_flow_units, toolkit_storage, unit_document

__all__ = ["parse_xliff", "read_xliff"]


def _toolkit() -> tuple[Any, Any]:
    return toolkit_storage("xliff", "XLIFF").xlifffile, toolkit_storage("xliff2", "XLIFF").Xliff2File


def _flat(text: object) -> str:
    # A unit is one "line" for the pipeline: newlines inside a target become spaces (offsets unchanged).
    return str(text or "").replace("\r", " ").replace("\n", " ")


def _text(unit: Any, side: str, is_v2: bool) -> str:
    """A unit's source or target text, without the native code of its inline elements (XLIFF 1.2's
    ``<ph>``, ``<bpt>``/``<ept>``, ``<it>``: :func:`mtqa._xml.inline_text`); XLIFF 2 keeps native code
    out of the segment (``<originalData>``), and writes a character XML cannot carry as ``<cp hex=…/>``."""
    if is_v2:
        # The segment's own element, read as written: the toolkit's text collapses whitespace
        # (offsets would not match the file) and drops <cp/> characters.
        element = next((child for child in unit.xmlelement if isinstance(child.tag, str)
                        and local_name(child.tag) == side), None)
        return inline_text(element) if element is not None else ""
    dom = unit.get_target_dom() if side == "target" else unit.get_source_dom()
    return inline_text(dom) if dom is not None else ""


def _some(names: list[str]) -> str:
    """The first ten names of a note, and an ellipsis for the rest."""
    return ", ".join(names[:10]) + (" …" if len(names) > 10 else "")


def _line(unit: Any) -> int:
    target = unit.get_target_dom() if hasattr(unit, "get_target_dom") else None
    element = target if target is not None else unit.xmlelement
    return int(getattr(element, "sourceline", 0) or 0)


def _file_original(element: Any) -> str | None:
    node = element.getparent()
    while node is not None and local_name(str(node.tag)) != "file":
        node = node.getparent()
    return None if node is None else (node.get("original") or node.get("id"))


def _translatable(element: Any) -> bool:
    """The nearest ``translate`` attribute on the unit (segment) or its ancestors decides; "yes"
    when none says."""
    node = element
    while node is not None:
        value = node.get("translate")
        if value is not None:
            return str(value).strip().lower() != "no"
        node = node.getparent()
    return True


def _id_element(element: Any, is_v2: bool) -> Any:
    """The element whose ``id`` must be unique in its file: the trans-unit (1.2), the <unit> holding
    the segment (2.0; its segments share it)."""
    parent = element.getparent()
    if is_v2 and parent is not None and local_name(str(parent.tag)) == "unit":
        return parent
    return element


def _check_unique(seen: dict[tuple[Any, str], Any], element: Any, is_v2: bool, path: str | None) -> None:
    owner = _id_element(element, is_v2)
    raw = owner.get("id")
    if not raw:
        return
    file_node = owner.getparent()
    while file_node is not None and local_name(str(file_node.tag)) != "file":
        file_node = file_node.getparent()
    key = (file_node, raw)
    first = seen.setdefault(key, owner)
    if first is not owner:
        raise InputError(f"two units with id {raw!r} in one <file> (the first at line "
                         f"{getattr(first, 'sourceline', '?')}): findings are reported by unit id",
                         path=path, line=int(getattr(owner, "sourceline", 0) or 0) or None)


def parse_xliff(data: bytes, path: str | None = None) -> InputDocument:
    """Units of an XLIFF 1.x or 2.x document given as bytes."""
    root = check_xml(data, path)
    if local_name(root.tag) != "xliff":
        raise InputError(f"not an XLIFF document (root element <{local_name(root.tag)}>)", path=path, line=1)
    version = root.get("version") or ""
    is_v2 = version.startswith("2") or namespace(root.tag).endswith(":2.0")
    if is_v2 and version not in ("", "2.0"):
        raise InputError(f"XLIFF version {version} is not supported (1.2 and 2.0 are)", path=path)
    xliff1, xliff2 = _toolkit()
    try:
        store = (xliff2 if is_v2 else xliff1).parsestring(data)
    except Exception as exc:  # noqa: BLE001 - translate-toolkit raises assorted lxml/assertion errors
        # (an XLIFF without <file> raises a StopIteration, whose message is empty)
        if not any(local_name(str(el.tag)) == "file" for el in root.iter()):
            raise InputError("cannot read XLIFF: no <file> element", path=path) from None
        raise InputError(f"cannot read XLIFF: {str(exc) or type(exc).__name__}", path=path) from None
    several_files = sum(1 for el in root.iter() if local_name(el.tag) == "file") > 1
    units: list[Unit] = []
    untranslated: list[Unit] = []
    not_translatable: list[str] = []
    ids: dict[tuple[Any, str], Any] = {}
    for order, unit in enumerate(store.units, start=1):
        element = unit.xmlelement
        _check_unique(ids, element, is_v2, path)
        targets = [c for c in element if isinstance(c.tag, str) and local_name(c.tag) == "target"]
        if len(targets) > 1:  # one per unit (segment): reading the first would drop the rest unsaid
            raise InputError(f"a {local_name(element.tag)} with more than one <target>", path=path,
                             line=int(getattr(targets[1], "sourceline", 0) or 0) or None)
        text = _flat(_text(unit, "target", is_v2))
        unit_id = unit.getid() if is_v2 else element.get("id")
        if unit_id and several_files and not is_v2:
            original = _file_original(element)
            unit_id = f"{original}#{unit_id}" if original else unit_id
        found = Unit(line=_line(unit) or order, text=text if text.strip() else "", unit_id=unit_id or None,
                     source=_flat(_text(unit, "source", is_v2)) or None)
        if not _translatable(element):  # not for translation: said, not checked nor flagged
            not_translatable.append(unit_id or f"line {found.line}")
        elif text.strip():
            units.append(found)
        else:  # an empty or missing <target>: an untranslated unit, reported as a finding
            untranslated.append(found)
        if not is_v2 and _translatable(element):  # text inside inline code: units of their own
            for sub in sub_flow_units(unit.get_target_dom(), unit.get_source_dom(), unit_id):
                (units if sub.text else untranslated).append(sub)
    notes = [f"{len(not_translatable)} unit(s) marked translate=\"no\" (on the unit, its group or its file) "
             "were not checked: " + _some(not_translatable)] if not_translatable else []
    # binary units (an image, a compiled resource) hold no text to check: said, so that none goes unmentioned
    binary = [el.get("id") or f"line {getattr(el, 'sourceline', '?')}" for el in root.iter()
              if local_name(str(el.tag)) == "bin-unit"]
    if binary:
        notes.append(f"{len(binary)} binary unit(s) (<bin-unit>) hold no text and were not checked: "
                     + _some(binary))
    return unit_document(path, "xliff", units=units, untranslated=untranslated,
                         empty="no translated units (no <target> with text)", notes=notes)


def read_xliff(path: str | os.PathLike[str]) -> InputDocument:
    name = os.fspath(path)
    return parse_xliff(read_bytes(name), name)
