"""Back-translation engines behind one small protocol."""

from mtqa.translate.base import Translation, Translator

__all__ = ["Translation", "Translator"]
