"""The library surface: :func:`check` for one document and :class:`Checker` for many."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from types import TracebackType
from typing import Any, Self

from mtqa import pipeline
from mtqa._store import CacheWarning
from mtqa._version import __version__
from mtqa.calibration import digest as calibration_digest
from mtqa.config import Config
from mtqa.document import Document, TextInput, as_document
from mtqa.errors import ModelUnavailable, MtqaError
from mtqa.io.base import InputDocument
from mtqa.result_cache import ResultCache, file_digests
from mtqa.score import get_scorer
from mtqa.translate.base import TokenScores, Translation, Translator, can_score
from mtqa.translate.cache import CachedTranslator
from mtqa.types import DocumentResult, Report

__all__ = ["Checker", "check"]

log = logging.getLogger("mtqa")


class _FunctionTranslator:
    """Adapts any object with ``translate(texts) -> list[str | Translation]`` to the protocol."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        out = list(self.inner.translate(list(texts)))
        if len(out) != len(texts):
            raise ValueError(f"translator returned {len(out)} results for {len(texts)} texts")
        return [t if isinstance(t, Translation) else Translation(text=str(t)) for t in out]

    def signature(self) -> str:
        sig = getattr(self.inner, "signature", None)
        return str(sig()) if callable(sig) else f"custom:{type(self.inner).__qualname__}"

    @property
    def can_score(self) -> bool:
        """A plug-in may also implement ``score(*, arabic, english)`` (optional; see docs/models.md)."""
        return can_score(self.inner)

    def score(self, *, arabic: Sequence[str], english: Sequence[str]) -> list[TokenScores]:
        from mtqa.translate.cache import call_score

        return call_score(self.inner, arabic, english, None)


class Checker:
    """Loads models and resources once and checks many documents.

    A Checker holds open caches (SQLite files of back-translations and of results): use it as a
    context manager, ``with mtqa.Checker(config) as checker: ...``, or call :meth:`close` when done.
    A closed Checker refuses to check (an :class:`~mtqa.MtqaError`); its reports stay usable.

    A document with more than ``window_units`` paragraphs is checked in windows of that many, so
    memory stays bounded however long the input; results are identical for shorter documents.

    ``translator`` plugs in any back-translation engine (ar→en): an object with
    ``translate(texts) -> list[str | Translation]``. Without it, the configured MarianMT model is
    loaded on first use; when it is unavailable the run goes on model-free and says so in the report
    (or raises :class:`~mtqa.errors.ModelUnavailable` when ``config.require_model``).
    """

    window_units: int = 2000

    def __init__(self, config: Config | None = None, *, translator: Any | None = None,
                 reverse_translator: Any | None = None) -> None:
        if config is not None and not isinstance(config, Config):
            raise TypeError(f"config must be an mtqa.Config (e.g. Config(use_model=False)) or None, "
                            f"not {type(config).__name__}")
        for name, obj in (("translator", translator), ("reverse_translator", reverse_translator)):
            # str has a translate method too; a model id belongs in Config(model=...)
            usable = not isinstance(obj, (str, bytes)) and callable(getattr(obj, "translate", None))
            if obj is not None and not usable:
                raise TypeError(f"{name} must have a translate(texts) method returning one str or Translation "
                                f"per text, not {type(obj).__name__} (a model id goes in Config(model=...))")
        self.config = config or Config()
        self._forward: Translator | None = _FunctionTranslator(translator) if translator is not None else None
        self._reverse: Translator | None = (
            _FunctionTranslator(reverse_translator) if reverse_translator is not None else None)
        self._loaded = translator is not None
        self._termbase_digests: list[str] | None = None
        self._results = ResultCache(self.config.cache_dir) if self.config.cache and translator is None else None
        # The en→ar model is only loaded when a document without a source needs the round trip.
        self._reverse_tried = reverse_translator is not None or translator is not None
        self._model_status: dict[str, Any] = (
            {"status": "custom", "translator": self._forward.signature()} if self._forward is not None
            # "disabled" from the start: the report must not depend on what was checked before
            else {"status": "not-loaded" if self.config.use_model else "disabled", "model": self.config.model})
        self._closed = False

    # -- lifetime ---------------------------------------------------------------------------
    def close(self) -> None:
        """Close the caches this Checker opened (a second call does nothing). The models stay loaded
        for the next Checker; a translator passed in by the caller is the caller's to close."""
        if self._closed:
            return
        self._closed = True
        if self._results is not None:
            self._results.close()
        for translator in (self._forward, self._reverse):
            # Only the cache wrappers built for this Checker: the models inside them are memoised per
            # process and shared with every other Checker (closing one would break them all).
            if isinstance(translator, CachedTranslator):
                translator.close()

    def __enter__(self) -> Self:
        self._ensure_open()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _ensure_open(self) -> None:
        if self._closed:
            raise MtqaError("this Checker is closed (its caches are released): make a new mtqa.Checker, "
                            "or check inside its `with` block")

    # -- models ---------------------------------------------------------------------------
    def _translators(self, *, need_reverse: bool = False) -> tuple[Translator | None, Translator | None]:
        if not self._loaded:
            self._loaded = True
            if not self.config.use_model:
                self._model_status = {"status": "disabled", "model": self.config.model}
                return None, None
            from mtqa.translate.factory import build_translators

            try:
                self._forward, _ = build_translators(self.config.replace(roundtrip=False))
            except ModelUnavailable as exc:
                # A model that is present but broken is never silently skipped: fixing it is the user's
                # call. A model that is simply not on this machine leaves the model-free checks.
                if self.config.require_model or exc.broken:
                    raise
                self._model_status = {"status": "unavailable", "model": self.config.model, "message": str(exc)}
                warnings.warn(f"back-translation is OFF: {exc}", stacklevel=3)
                return None, None
            self._model_status = {"status": "loaded", "model": self.config.model,
                                  "translator": self._forward.signature(), "reverse": None}
        if need_reverse and not self._reverse_tried and self._forward is not None:
            self._reverse_tried = True
            if self.config.roundtrip and self.config.reverse_model:
                from mtqa.translate.factory import build_translators

                # Models are memoised per process: this loads only the en→ar one.
                _, self._reverse = build_translators(self.config)
        if self._reverse is not None and self._model_status.get("status") == "loaded":
            self._model_status["reverse"] = self._reverse.signature()
        return self._forward, self._reverse

    @property
    def model_status(self) -> dict[str, Any]:
        return dict(self._model_status)

    # -- checking ---------------------------------------------------------------------------
    def check(self, *, target: TextInput | InputDocument, source: TextInput | InputDocument | None = None,
              backtranslation: TextInput | None = None, path: str | os.PathLike[str] | None = None,
              source_path: str | os.PathLike[str] | None = None) -> Report:
        """Check one document and return a one-document :class:`Report` (the arguments are those of
        :class:`~mtqa.Document`, keyword-only so that source and target cannot be swapped)."""
        self._ensure_open()
        doc = Document(target=target, source=source, backtranslation=backtranslation, path=path,
                       source_path=source_path)
        return self.report(self.check_many([doc]))

    def check_many(self, documents: Iterable[Document | Mapping[str, Any] | tuple[Any, Any]], *,
                   batch_documents: int = 16,
                   progress: Callable[[int, int | None], None] | None = None) -> Iterator[DocumentResult]:
        """Check documents in input order, back-translating several documents per model call.

        Each document is a :class:`~mtqa.Document`, a mapping with its keyword arguments
        (``{"target": ..., "source": ...}``) or a ``(target, source)`` tuple; anything else is a
        TypeError saying so (raised when that document is reached: results stream). Each result is a
        :class:`~mtqa.DocumentResult`; :meth:`report` gathers them into a :class:`~mtqa.Report`.
        """
        self._ensure_open()
        if isinstance(documents, (str, bytes, Document, Mapping)) or not isinstance(documents, Iterable):
            # One document instead of a collection of them: iterating it would check its letters or keys.
            raise TypeError("check_many takes an iterable of documents (mtqa.Document, mappings with 'target', "
                            f"or (target, source) tuples), not {type(documents).__name__}; "
                            "wrap one document in a list, or use check()")
        return self._stream(documents, batch_documents, progress)

    def _stream(self, documents: Iterable[object], batch_documents: int,
                progress: Callable[[int, int | None], None] | None) -> Iterator[DocumentResult]:
        docs = documents if isinstance(documents, Sequence) else None
        total = len(docs) if docs is not None else None
        done = 0
        batch: list[Document] = []
        for item in documents:
            doc = as_document(item)
            windows = pipeline.windows(doc, self.window_units)
            if windows is None:
                batch.append(doc)
                if len(batch) < batch_documents:
                    continue
                results = self._check_batch(batch)
            else:  # a huge document: check it window by window, after the documents before it
                results = self._check_batch(batch) if batch else []
                results.append(pipeline.merge_windows(
                    [self._check_batch([w])[0] for w in windows], self.config,
                    notes=[(f"checked in {len(windows)} windows of {self.window_units} paragraphs; "
                            "document-level checks saw one window at a time")]))
            batch = []
            yield from results
            done += len(results)
            if progress:
                progress(done, total)
        if batch:
            yield from self._check_batch(batch)
            done += len(batch)
            if progress:
                progress(done, total)

    def _check_batch(self, batch: list[Document]) -> list[DocumentResult]:
        """Results for a batch (input order), documents that were not read passed through as such."""
        # Checked between batches too: a stream still being read when its `with` block ended.
        self._ensure_open()
        todo = [d for d in batch if d.status == "checked"]
        checked = iter(self._check_readable(todo) if todo else [])
        return [next(checked) if d.status == "checked" else
                DocumentResult(target_path=d.target.path, status=d.status, reason=d.reason,
                               fail_on=self.config.fail_on) for d in batch]

    def _check_readable(self, batch: list[Document]) -> list[DocumentResult]:
        """Results for a batch, from the result cache where the inputs and the run are unchanged."""
        if self._results is None:
            return self._compute_batch(batch)
        need_model = [d.backtranslation is None for d in batch]
        if any(need_model):  # the translator's signature is part of every key
            self._translators(need_reverse=any(m and d.source is None for m, d in zip(need_model, batch)))
        run = self._run_key()
        keys = [ResultCache.key(d, run) for d in batch]
        found = self._results.get_many(keys)
        misfits = [key for d, key in zip(batch, keys, strict=True) if key in found and not _fits(found[key], d)]
        if misfits:  # a row that decodes but cannot be this document's result (a damaged cache)
            warnings.warn(f"mtqa: the result cache had {len(misfits)} row(s) that do not fit their document; "
                          "recomputed and rewritten", CacheWarning, stacklevel=3)
            found = {key: r for key, r in found.items() if key not in misfits}
        todo = [k for k, key in enumerate(keys) if key not in found]
        fresh = dict(zip(todo, self._compute_batch([batch[k] for k in todo]), strict=True)) if todo else {}
        self._results.put_many({keys[k]: r for k, r in fresh.items() if not r.errors})
        # The cached JSON has no verdict threshold (the report's fail_on is): this run's is put back.
        return [fresh[k] if k in fresh else replace(found[key], fail_on=self.config.fail_on)
                for k, key in enumerate(keys)]

    def _run_key(self) -> dict[str, Any]:
        if self._termbase_digests is None:
            self._termbase_digests = file_digests(self.config.termbases)
        return {"signature": self.signature(), "settings": self.config.report_settings(), "model": self.model_status,
                "termbases": self._termbase_digests}

    def _compute_batch(self, batch: list[Document]) -> list[DocumentResult]:
        return pipeline.run(batch, config=self.config, models=self._translators,
                            model_status=lambda: self._model_status)

    def _support_on(self) -> bool:
        return pipeline.support_on(self.config, self._forward)

    # -- report -----------------------------------------------------------------------------
    def signature(self) -> str:
        """One string that pins what produced a report."""
        cfg = self.config
        status = self._model_status
        bt = status.get("translator") or f"bt:{status.get('status')}"
        metric = get_scorer().signatures()
        th = cfg.thresholds
        from mtqa.checks.runner import enabled_rules
        rules = ",".join(r.id for r in enabled_rules(cfg))
        parts = [
            f"mtqa:{__version__}", bt,
            f"chrF:{metric['chrf']}", f"BLEU:{metric['bleu']}", f"TER:{metric['ter']}",
            f"fail-on:{cfg.fail_on}", f"min-confidence:{cfg.min_confidence:g}",
            # Every threshold, in declaration order: a new one can never be left out.
            "thresholds:" + "/".join(f"{getattr(th, f.name):g}" for f in dataclasses.fields(th)),
            f"support:{'on' if self._support_on() else 'off'}",
            f"rules:{hashlib.sha256(rules.encode()).hexdigest()[:8]}",
            f"severity:{hashlib.sha256(repr(sorted(cfg.severity.items())).encode()).hexdigest()[:8]}",
            f"calibration:{calibration_digest()}",
        ]
        # Rule parameters set away from their defaults, and plug-in packages: present only when there
        # are some, so a run with neither keeps the signature it always had.
        changed = _changed_params(cfg)
        if changed:
            parts.append("params:" + ",".join(changed))
        from mtqa.checks import plugins
        loaded = plugins()
        if loaded:
            parts.append("plugins:" + ",".join(f"{name}=={version}" for name, version in sorted(loaded.items())))
        return "|".join(parts)

    def report(self, documents: Iterable[DocumentResult]) -> Report:
        """The report of these results (``check_many``'s, a list of them or the stream itself).

        No results at all is a ValueError, not a report that passes: a gate that checked nothing has
        nothing to pass (the command line refuses an empty input set the same way), and a
        ``check_many`` stream already read once yields nothing the second time.
        """
        # Checked first: a stream loads the model as it goes, and the signature and model status must
        # say what produced the results, not what was loaded before.
        checked = tuple(documents)
        if not checked:
            raise ValueError("report() got no document results: nothing was checked (a check_many() stream "
                             "can be read only once; keep its results in a list to use them twice)")
        created = None
        if self.config.timestamps:
            import datetime

            created = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        return Report(signature=self.signature(), documents=checked, fail_on=self.config.fail_on,
                      model=self.model_status, settings=self.config.report_settings(), created=created)


def _changed_params(config: Config) -> list[str]:
    """``rule.param=value`` for every configured rule parameter that differs from its default."""
    from mtqa.checks import REGISTRY

    out = []
    for rule_id, values in sorted(config.rules.items()):
        rule = REGISTRY.get(rule_id)
        for name, value in sorted(values.items()):
            if rule is None or name not in rule.params or value != rule.params[name].default:
                out.append(f"{rule_id}.{name}={value!r}")
    return out


def _fits(result: DocumentResult, doc: Document) -> bool:
    """Could ``result`` be the result of checking ``doc``: its path, every unit with a segment,
    every flag's offsets inside its line?"""
    if result.target_path != doc.target.path or result.status != "checked":
        return False
    if len(result.segments) < len(doc.target.units):
        return False
    lines: dict[int, int] = {}
    for u in doc.target.units:  # units of a minified XLIFF share a line
        lines[u.line] = max(lines.get(u.line, 0), len(u.text))
    return all(0 <= f.start <= f.end <= lines.get(f.line, f.end) for f in result.all_flags)


def check(*, target: TextInput, source: TextInput | None = None, backtranslation: TextInput | None = None,
          config: Config | None = None) -> Report:
    """Check one document given as a string (paragraphs separated by newlines) or a list of paragraphs.

    Keyword-only, so that source and target cannot be swapped by position. Anything else (bytes, a
    number) is a TypeError that says what is accepted. For many documents, a :class:`Checker` loads
    the model and resources once.
    """
    with Checker(config) as checker:
        return checker.check(target=target, source=source, backtranslation=backtranslation)


