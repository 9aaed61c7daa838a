"""Safe XML pre-validation: every XML input passes through here before any other parser sees it.

defusedxml rejects entity declarations (external entities / XXE, and the exponential expansion of
"billion laughs") and external references. A plain ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">`` without an
internal subset is allowed, because TMX and XLIFF tools write one; the DTD is never loaded (expat
does not fetch it, and translate-toolkit's own parser has ``resolve_entities=False, no_network=True``).
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from mtqa.errors import InputError

__all__ = ["check_xml", "inline_text", "local_name", "namespace", "sub_flows"]

_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


def _line_of(data: bytes, pattern: re.Pattern[bytes]) -> int | None:
    m = pattern.search(data)
    return data.count(b"\n", 0, m.start()) + 1 if m else None


#: The XML declaration's encoding (the declaration is ASCII in every encoding a file may declare
#: but UTF-16/32, which carry a BOM or zero bytes and are left to the parser).
_DECLARED = re.compile(rb"""\A(?:\xef\xbb\xbf)?<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")


def _check_declared_encoding(data: bytes, path: str | None) -> None:
    """Refuse a one-byte encoding declared over a UTF-8 file (see :func:`utf8_under_one_byte_charset`)."""
    import codecs

    from mtqa.io.base import utf8_under_one_byte_charset

    m = _DECLARED.match(data)
    if m is None:
        return
    declared = m.group(1).decode("ascii")
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        return  # the parser names an unknown encoding itself
    if not utf8_under_one_byte_charset(data, codec):
        return
    raise InputError(f"the XML declaration says encoding={declared!r} but the file is UTF-8 (read as "
                     f"{declared}, its Arabic would be garbled): declare encoding=\"UTF-8\"", path=path, line=1)


def check_xml(data: bytes, path: str | None) -> Element:
    """The parsed root (ElementTree) of ``data``, or an :class:`InputError` naming file and line."""
    _check_declared_encoding(data, path)
    try:
        import defusedxml.ElementTree as safe_et
        from defusedxml import DefusedXmlException
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise InputError("reading XML needs defusedxml: pip install defusedxml", path=path) from exc
    try:
        root: Element = safe_et.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(f"unsafe XML rejected: {type(exc).__name__} ({exc}); entity declarations and "
                         "external references are not allowed", path=path,
                         line=_line_of(data, _ENTITY)) from None
    except ParseError as exc:
        line, col = getattr(exc, "position", (None, None))
        reason = str(exc).split(":", 1)[0]
        raise InputError(f"malformed XML: {reason} (column {col + 1 if col is not None else '?'})",
                         path=path, line=line) from None
    return root


def local_name(tag: str) -> str:
    """``{namespace}name`` → ``name``."""
    return tag.rsplit("}", 1)[-1]


def namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


#: Inline elements of XLIFF 1.2 and TMX whose content is native code of the source format (``<bpt>&lt;b&gt;</bpt>``,
#: ``<ph>{0}</ph>``), not text to translate; the empty placeholders (``<x/>``, ``<bx/>``, ``<ex/>``,
#: XLIFF 2's ``<ph/>``, ``<sc/>``, ``<ec/>``) have none. ``<g>``, ``<mrk>``, ``<pc>``, ``<hi>`` wrap text.
_NATIVE_CODE = frozenset({"bpt", "ept", "ph", "it", "ut"})


def _code_point(hex_digits: str) -> str:
    try:
        return chr(int(hex_digits, 16))
    except (ValueError, OverflowError):
        return "\ufffd"  # a malformed <cp/>: a replacement character keeps the place visible


def inline_text(element: Any) -> str:
    """The translatable text of a segment element: its text with the content of inline native-code
    elements left out, so that a placeholder's "{0}" or a "<b>" tag is not checked as copy."""
    parts = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):  # a comment or a processing instruction
            parts.append(child.tail or "")
            continue
        name = local_name(child.tag)
        if name == "cp":  # XLIFF 2.0's code point: <cp hex="0627"/> is «ا»
            parts.append(_code_point(child.get("hex") or ""))
        elif name not in _NATIVE_CODE:
            parts.append(inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def sub_flows(element: Any) -> list[Any]:
    """The ``<sub>`` elements inside ``element`` (TMX, XLIFF 1.2): translatable text held in the native
    code of an inline element (a link's title, an image's alt text), which :func:`inline_text` leaves
    out with the code around it. Each is a flow of its own; its own inline text excludes the flows
    nested in it, so none is read twice."""
    return [el for el in element.iter() if el is not element and isinstance(el.tag, str) and local_name(el.tag) == "sub"]
