"""Arabic-aware text layer: normalisation, sentence splitting and tokenisation, all offset-preserving."""

from mtqa.text.normalize import fold_en, has_arabic, normalize_ar, normalize_digits, strip_clitics
from mtqa.text.split import Sentence, split_sentences
from mtqa.text.tokenize import Token, tokenize, words

__all__ = [
    "Sentence",
    "Token",
    "fold_en",
    "has_arabic",
    "normalize_ar",
    "normalize_digits",
    "split_sentences",
    "strip_clitics",
    "tokenize",
    "words",
]
