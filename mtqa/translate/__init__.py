"""Back-translation engines behind one small protocol.

Nothing here imports torch, transformers or ctranslate2 at import time; the model-backed
translators import them when constructed.
"""

from mtqa.translate.base import Translation, Translator
from mtqa.translate.cache import CachedTranslator, default_cache_dir
from mtqa.translate.ct2 import CTranslate2Translator
from mtqa.translate.ct2 import convert as convert_model
from mtqa.translate.factory import build_translators, load_translator
from mtqa.translate.hub import download as download_model
from mtqa.translate.marian import MarianTranslator
from mtqa.translate.precomputed import PrecomputedTranslator
from mtqa.translate.resolve import resolve_model
from mtqa.translate.roundtrip import RoundTrip, round_trip

__all__ = [
    "CTranslate2Translator",
    "CachedTranslator",
    "MarianTranslator",
    "PrecomputedTranslator",
    "RoundTrip",
    "Translation",
    "Translator",
    "build_translators",
    "convert_model",
    "default_cache_dir",
    "download_model",
    "load_translator",
    "resolve_model",
    "round_trip",
]
