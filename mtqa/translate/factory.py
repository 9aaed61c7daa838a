"""Build the translators a :class:`~mtqa.config.Config` asks for, loading each model once per process."""

from __future__ import annotations

import logging
from pathlib import Path

from mtqa.config import Config
from mtqa.errors import ModelUnavailable
from mtqa.translate.base import Translator
from mtqa.translate.cache import CachedTranslator
from mtqa.translate.resolve import model_identity, resolve_model

__all__ = ["build_translators", "load_translator"]

log = logging.getLogger(__name__)

#: The target-language token opus-mt-en-ar (a multi-target model) needs before its input.
REVERSE_TARGET_LANG = "ara"
_loaded: dict[tuple[str, str, str, str, int, int, bool, str | None], Translator] = {}


def load_translator(path: Path, *, backend: str = "marian", device: str = "auto", beams: int = 1,
                    batch_tokens: int = 4096, alignments: bool = True,
                    target_lang: str | None = None) -> Translator:
    """A model-backed translator for a resolved model directory; the same one on later calls, as long
    as the directory holds the same files (a model replaced in place is loaded again)."""
    key = (str(path.resolve()), model_identity(path)[1], backend, device, beams, batch_tokens, alignments,
           target_lang)
    if key not in _loaded:
        try:
            if backend == "ct2":
                from mtqa.translate.ct2 import CTranslate2Translator

                _loaded[key] = CTranslate2Translator(path, device=device, beams=beams, batch_tokens=batch_tokens,
                                                     alignments=alignments, target_lang=target_lang)
            else:
                from mtqa.translate.marian import MarianTranslator

                _loaded[key] = MarianTranslator(path, device=device, beams=beams, batch_tokens=batch_tokens,
                                                alignments=alignments, target_lang=target_lang)
        except ModelUnavailable:
            raise
        # The loaders below (transformers, safetensors, CTranslate2, sentencepiece) raise whatever
        # their authors chose for a damaged file: a truncated safetensors is a SafetensorError, a
        # config value of the wrong type a TypeError. Any of them means the model the user pointed
        # at is there but broken: a model problem (exit 3) that names the directory, not a bug.
        except Exception as exc:  # noqa: BLE001
            # (the first line: torch appends its C++ stack to some messages)
            first = (str(exc).strip().splitlines() or [""])[0]
            raise ModelUnavailable(f"cannot load the model in {path}: {type(exc).__name__}: {first}",
                                   model=str(path), broken=True) from None
    return _loaded[key]


# ("mul": a multilingual model, opus-mt-mul-en, takes Arabic among others)
_LANGUAGES = {"ar": {"ar", "ara", "arb", "mul"}, "en": {"en", "eng", "mul"}}


def _check_direction(path: Path, source: str, target: str) -> None:
    """A model whose tokenizer_config.json names the other direction (en->ar given as the ar->en
    model) would "back-translate" into Arabic: every sentence would look omitted. Refused here."""
    from mtqa.translate.resolve import model_json

    file = path / "tokenizer_config.json"
    if not file.is_file():
        return
    data = model_json(file)
    for key, want in (("source_lang", source), ("target_lang", target)):
        value = data.get(key)
        if isinstance(value, str) and value.strip() and \
                value.strip().lower().replace("_", "-").split("-")[0] not in _LANGUAGES[want]:
            raise ModelUnavailable(f"{file}: {key} is {value!r}, but this model must translate {source}->{target} "
                                   f"({'--model' if source == 'ar' else 'reverse-model'} names the wrong model?)",
                                   model=str(path), broken=True)


def build_translators(config: Config) -> tuple[Translator, Translator | None]:
    """The ar->en back-translator and, for the no-source round trip, the en->ar one (or None).

    Both are wrapped in the persistent cache unless ``config.cache`` is off. An unavailable
    forward model raises :class:`ModelUnavailable`; an unavailable reverse model only logs a
    warning and gives None, since the round trip is an extra signal.
    """
    forward_path = resolve_model(config.model, purpose="back-translation (ar->en)")
    _check_direction(forward_path, "ar", "en")
    forward = load_translator(forward_path, backend=config.backend, device=config.device, beams=config.beams,
                              batch_tokens=config.batch_tokens, alignments=True)
    reverse: Translator | None = None
    if config.roundtrip and config.reverse_model:
        try:
            reverse_path = resolve_model(config.reverse_model, purpose="round-trip (en->ar)")
            _check_direction(reverse_path, "en", "ar")
            # Alignments are not needed on the way back, so the faster attention path is kept.
            reverse = load_translator(reverse_path, backend=config.backend, device=config.device,
                                      beams=config.beams, batch_tokens=config.batch_tokens, alignments=False,
                                      target_lang=REVERSE_TARGET_LANG)
        except ModelUnavailable as exc:
            # One line, like the forward model's notice; the whole explanation with -v and in
            # `mtqa models doctor`.
            log.warning("round trip off: %s", str(exc).strip().split("\n", 1)[0])
            log.info("%s", exc)
            reverse = None
    if config.cache:
        forward = CachedTranslator(forward, config.cache_dir)
        if reverse is not None:
            reverse = CachedTranslator(reverse, config.cache_dir)
    return forward, reverse


def clear_loaded() -> None:
    """Forget the loaded models (tests; a long-running process that swaps models)."""
    _loaded.clear()
