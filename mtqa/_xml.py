"""Safe XML pre-validation: every XML input passes through here before any other parser sees it.

defusedxml rejects entity declarations (external entities / XXE, and the exponential expansion of
"billion laughs") and external references. A plain ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">`` without an
internal subset is allowed, because TMX and XLIFF tools write one; the DTD is never loaded (expat
does not fetch it, and translate-toolkit's own parser has ``resolve_entities=False, no_network=True``).
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, ParseError

from mtqa.errors import InputError

__all__ = ["check_xml", "local_name", "namespace"]

_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


def _line_of(data: bytes, pattern: re.Pattern[bytes]) -> int | None:
    m = pattern.search(data)
    return data.count(b"\n", 0, m.start()) + 1 if m else None


def check_xml(data: bytes, path: str | None) -> Element:
    """The parsed root (ElementTree) of ``data``, or an :class:`InputError` naming file and line."""
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
