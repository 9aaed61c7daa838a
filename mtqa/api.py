"""The library surface: :func:`check` for one document and :class:`Checker` for many."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from mtqa._version import __version__
from mtqa.calibration import digest as calibration_digest
from mtqa.checks.base import SegmentView
from mtqa.config import Config
from mtqa.errors import InputError, ModelUnavailable
from mtqa.io.base import InputDocument, Unit
from mtqa.io.text import parse_lines
from mtqa.pipeline import (
    align_source,
    assemble,
    attach_backtranslations,
    distribute_line_backtranslations,
    merge_windows,
    segment_document,
)
from mtqa.result_cache import ResultCache, file_digests
from mtqa.score import get_scorer
from mtqa.support import attach_support
from mtqa.text.normalize import ARABIC_LETTER, has_arabic
from mtqa.translate.base import TokenScores, Translation, Translator, can_score
from mtqa.types import DocumentResult, DocumentStatus, Report

__all__ = ["Checker", "DocumentInput", "check"]

log = logging.getLogger("mtqa")

TextInput = str | Sequence[str]


@dataclass(frozen=True)
class DocumentInput:
    """One document to check: the target, and optionally its source and back-translation lines.

    ``status`` is "checked" for a document to check; "error" (it could not be read) and "skipped"
    (left out on purpose) documents are not checked but still reported, with ``reason``.
    """

    target: InputDocument
    source: InputDocument | None = None
    backtranslation: Sequence[str] | None = None
    backtranslation_path: str | None = None
    #: Document-level problems found while preparing: shown as notes; ``errors`` also fail the run.
    notes: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    status: DocumentStatus = "checked"
    reason: str | None = None

    @classmethod
    def unchecked(cls, path: str | None, reason: str, *, status: DocumentStatus = "error") -> DocumentInput:
        """A document that could not be read (``status="error"``) or was left out (``"skipped"``)."""
        return cls(InputDocument(path=path, units=()), status=status, reason=reason)


NO_ARABIC = "target has no Arabic text — is this the source?"
_ARABIC_RUN = re.compile(f"[{ARABIC_LETTER}]")


def _arabic_share(doc: InputDocument, sample_units: int = 200) -> float:
    """Share of letters that are Arabic in the first ``sample_units`` units (0.0 with no letters)."""
    text = " ".join(u.text for u in doc.units[:sample_units])
    letters = sum(1 for ch in text if ch.isalpha())
    return len(_ARABIC_RUN.findall(text)) / letters if letters else 0.0


_SURROGATE = re.compile("[\ud800-\udfff]")


def _reject_surrogates(doc: InputDocument | None) -> None:
    """Lone surrogates (from bad decoding upstream) cannot be written out as UTF-8: refuse them here."""
    if doc is None:
        return
    for unit in doc.units:
        for text in (unit.text, unit.source or ""):
            if m := _SURROGATE.search(text):
                raise InputError(f"not valid Unicode text: lone surrogate U+{ord(m.group()):04X} at column "
                                 f"{m.start() + 1}", path=doc.path, line=unit.line)


def _language_problems(tgt: InputDocument, src: InputDocument | None) -> tuple[str, ...]:
    """InputError when source and target are swapped; the no-Arabic error when the target has none."""
    if src is not None and _arabic_share(tgt) < 0.2 and _arabic_share(src) > 0.5:
        raise InputError("source and target look swapped: the target is not Arabic but the source is; "
                         "give the Arabic translation as TARGET and the English original as --source",
                         path=tgt.path)
    if tgt.units and not any(has_arabic(u.text) for u in tgt.units):
        return (NO_ARABIC,)
    return ()


ARABIC_SOURCE = ("the source looks Arabic, not English: scores and source checks compare Arabic with "
                 "Arabic; give the English original as the source")
ARABIC_BACKTRANSLATION = ("the back-translation looks Arabic, not English: give the English "
                          "back-translation, one line per target line")


def _language_warnings(src: InputDocument | None, bt: Sequence[str] | None) -> tuple[str, ...]:
    """Notes for English inputs that are in fact Arabic (a wrong file, or the target given twice)."""
    warnings_: list[str] = []
    if src is not None and _arabic_share(src) > 0.5:
        warnings_.append(ARABIC_SOURCE)
    sample = InputDocument(path=None, units=tuple(Unit(line=0, text=t) for t in (bt or ())[:200]))
    if bt and _arabic_share(sample) > 0.5:
        warnings_.append(ARABIC_BACKTRANSLATION)
    return tuple(warnings_)


_ACCEPTED = "a str (paragraphs separated by newlines) or a list of str (one per paragraph)"


def _text_input(value: object, what: str, accepted: str = _ACCEPTED) -> str | list[str]:
    """``value`` checked against what the API accepts, or a TypeError saying what that is."""
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        raise TypeError(f"{what} must be {accepted}, not {type(value).__name__}; decode bytes first "
                        "(e.g. data.decode('utf-8')) or use mtqa.read_document for a file")
    if isinstance(value, (Sequence, Iterator)) and not isinstance(value, Mapping):
        items = list(value)
        for k, item in enumerate(items):
            if not isinstance(item, str):
                raise TypeError(f"{what} must be {accepted}; item {k} is {type(item).__name__}")
        return items
    raise TypeError(f"{what} must be {accepted}, not {type(value).__name__}")


def _as_document(text: TextInput | InputDocument, path: str | None, what: str = "target") -> InputDocument:
    if isinstance(text, InputDocument):
        return text
    value = _text_input(text, what, _ACCEPTED.replace(" or a list", ", a list") + " or an InputDocument")
    if isinstance(value, str):
        return parse_lines(value, path)
    units = tuple(Unit(line=i, text=t.replace("\n", " ")) for i, t in enumerate(value, start=1) if t.strip())
    if not units:
        raise InputError("empty document: no non-blank paragraphs", path=path)
    return InputDocument(path=path, units=units, format="list")


def _bt_lines(bt: TextInput | None, target: InputDocument, path: str | None) -> list[str] | None:
    if bt is None:
        return None
    value = _text_input(bt, "backtranslation")
    lines = [ln.rstrip("\r") for ln in value.split("\n")] if isinstance(value, str) else list(value)
    lines = [ln for ln in lines if ln.strip()]
    for number, line in enumerate(lines, start=1):
        if m := _SURROGATE.search(line):
            raise InputError(f"not valid Unicode text: lone surrogate U+{ord(m.group()):04X} at column "
                             f"{m.start() + 1}", path=path, line=number)
    if len(lines) != len(target.units):
        raise InputError(
            f"back-translation has {len(lines)} non-empty lines but the target has {len(target.units)} "
            "non-empty lines; give one back-translation line per target line, in order", path=path)
    return lines


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
              backtranslation: TextInput | None = None, target_path: str | None = None,
              source_path: str | None = None) -> Report:
        """Check one document and return a one-document :class:`Report`."""
        doc = self.prepare(target=target, source=source, backtranslation=backtranslation,
                           target_path=target_path, source_path=source_path)
        return self.report([self.check_document(doc)])

    def prepare(self, *, target: TextInput | InputDocument, source: TextInput | InputDocument | None = None,
                backtranslation: TextInput | None = None, target_path: str | None = None,
                source_path: str | None = None, backtranslation_path: str | None = None) -> DocumentInput:
        tgt = _as_document(target, target_path)
        src = _as_document(source, source_path, "source") if source is not None else None
        if src is None and tgt.bilingual:
            src = InputDocument(path=tgt.path, units=tuple(
                Unit(line=u.line, text=u.source or "", unit_id=u.unit_id) for u in tgt.units),
                format=tgt.format)
        for doc in (tgt, src):
            _reject_surrogates(doc)
        problems = _language_problems(tgt, src)
        bt = _bt_lines(backtranslation, tgt, backtranslation_path)
        notes = (*tgt.notes, *problems, *_language_warnings(src, bt))
        return DocumentInput(tgt, src, bt, backtranslation_path, notes=notes, errors=problems)

    def check_document(self, doc: DocumentInput) -> DocumentResult:
        return next(self.check_many([doc]))

    def check_many(self, documents: Iterable[DocumentInput], *, batch_documents: int = 16,
                   progress: Callable[[int, int | None], None] | None = None) -> Iterator[DocumentResult]:
        """Check documents in input order, back-translating several documents per model call."""
        docs = documents if isinstance(documents, Sequence) else None
        total = len(docs) if docs is not None else None
        done = 0
        batch: list[DocumentInput] = []
        for doc in documents:
            windows = _windows(doc, self.window_units)
            if windows is None:
                batch.append(doc)
                if len(batch) < batch_documents:
                    continue
                results = self._check_batch(batch)
            else:  # a huge document: check it window by window, after the documents before it
                results = self._check_batch(batch) if batch else []
                results.append(merge_windows(
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

    def _check_batch(self, batch: list[DocumentInput]) -> list[DocumentResult]:
        """Results for a batch (input order), documents that were not read passed through as such."""
        todo = [d for d in batch if d.status == "checked"]
        checked = iter(self._check_readable(todo) if todo else [])
        return [next(checked) if d.status == "checked" else
                DocumentResult(target_path=d.target.path, status=d.status, reason=d.reason) for d in batch]

    def _check_readable(self, batch: list[DocumentInput]) -> list[DocumentResult]:
        """Results for a batch, from the result cache where the inputs and the run are unchanged."""
        if self._results is None:
            return self._compute_batch(batch)
        need_model = [d.backtranslation is None for d in batch]
        if any(need_model):  # the translator's signature is part of every key
            self._translators(need_reverse=any(m and d.source is None for m, d in zip(need_model, batch)))
        run = self._run_key()
        keys = [ResultCache.key(d, run) for d in batch]
        found = self._results.get_many(keys)
        todo = [k for k, key in enumerate(keys) if key not in found]
        fresh = dict(zip(todo, self._compute_batch([batch[k] for k in todo]), strict=True)) if todo else {}
        self._results.put_many({keys[k]: r for k, r in fresh.items() if not r.errors})
        return [fresh[k] if k in fresh else found[key] for k, key in enumerate(keys)]

    def _run_key(self) -> dict[str, Any]:
        if self._termbase_digests is None:
            self._termbase_digests = file_digests(self.config.termbases)
        return {"signature": self.signature(), "settings": _settings(self.config), "model": self.model_status,
                "termbases": self._termbase_digests}

    def _compute_batch(self, batch: list[DocumentInput]) -> list[DocumentResult]:
        segmented = [segment_document(d.target) for d in batch]
        need_model = [d.backtranslation is None for d in batch]
        need_reverse = any(need_model[k] and d.source is None for k, d in enumerate(batch))
        forward, reverse = self._translators(need_reverse=need_reverse) if any(need_model) else (None, None)
        # One model call for every document in the batch that needs one.
        pending = [(k, s) for k, segs in enumerate(segmented) if need_model[k] for s in segs]
        model_bt: dict[tuple[int, int], Translation] = {}
        if forward is not None and pending:
            outs = forward.translate([s.text for _, s in pending])
            model_bt = {(k, s.index): t for (k, s), t in zip(pending, outs, strict=True)}
        prepared: list[tuple[list[SegmentView], list[str], list[tuple[int, str, int]]]] = []
        for k, doc in enumerate(batch):
            segs = segmented[k]
            notes: list[str] = list(doc.notes)
            if doc.backtranslation is not None:
                segs = attach_backtranslations(
                    segs, distribute_line_backtranslations(segs, doc.target, doc.backtranslation), from_model=False)
            elif forward is not None:
                segs = attach_backtranslations(segs, [model_bt[(k, s.index)] for s in segs], from_model=True)
                if doc.source is None and reverse is not None:
                    segs = _roundtrip(segs, reverse)
            else:  # one line here; the full explanation is the report's model.message
                message = str(self._model_status.get("message") or "no model").strip()
                notes.append("back-translation off: " + message.split("\n", 1)[0])
            unaligned: list[tuple[int, str, int]] = []
            if doc.source is not None:
                aligned = align_source(segs, doc.source, self.config, doc.target)
                segs = [replace(s, source=aligned.source[s.index], source_lines=aligned.source_lines[s.index])
                        for s in segs]
                unaligned = aligned.unaligned
            prepared.append((segs, notes, unaligned))
        if forward is not None and self._support_on():
            # One scoring call for every document in the batch, as for the back-translations.
            scored = iter(attach_support([s for segs, _, _ in prepared for s in segs], forward,
                                         self.config.thresholds))
            prepared = [([next(scored) for _ in segs], notes, unaligned) for segs, notes, unaligned in prepared]
        results = []
        for doc, (segs, notes, unaligned) in zip(batch, prepared, strict=True):
            has_bt = any(s.backtranslation is not None and s.bt_text for s in segs)
            result = assemble(target=doc.target, source=doc.source, segments=segs, unaligned=unaligned,
                              config=self.config, backtranslation_path=doc.backtranslation_path,
                              notes=notes, has_bt=has_bt)
            if doc.errors and result.segments:  # document-level errors fail the run via the first segment
                first = result.segments[0]
                result = replace(result, segments=(replace(first, errors=(*doc.errors, *first.errors)),
                                                   *result.segments[1:]))
            results.append(result)
        return results

    def _support_on(self) -> bool:
        """Source support is computed when configured and the back-translator can score."""
        return self.config.support and self._forward is not None and can_score(self._forward)

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
        return "|".join(parts)

    def report(self, documents: Iterable[DocumentResult]) -> Report:
        created = None
        if self.config.timestamps:
            import datetime

            created = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        return Report(signature=self.signature(), documents=tuple(documents), fail_on=self.config.fail_on,
                      model=self.model_status, settings=_settings(self.config), created=created)


def _windows(doc: DocumentInput, size: int) -> list[DocumentInput] | None:
    """Consecutive slices of a document longer than ``size`` units; None for a shorter one, or when
    its source has a different number of paragraphs (alignment then needs the whole document)."""
    units = doc.target.units
    if len(units) <= size or (doc.source is not None and len(doc.source.units) != len(units)):
        return None
    out = []
    starts = [units[i].line for i in range(0, len(units), size)]
    for k, i in enumerate(range(0, len(units), size)):
        # each untranslated unit goes with the window whose lines it falls among, so it is reported once
        low = starts[k] if k else -1
        high = starts[k + 1] if k + 1 < len(starts) else None
        untranslated = tuple(u for u in doc.target.untranslated
                             if u.line >= low and (high is None or u.line < high))
        tgt = replace(doc.target, units=units[i:i + size], untranslated=untranslated)
        src = replace(doc.source, units=doc.source.units[i:i + size]) if doc.source is not None else None
        bt = doc.backtranslation[i:i + size] if doc.backtranslation is not None else None
        out.append(replace(doc, target=tgt, source=src, backtranslation=bt,
                           notes=doc.notes if i == 0 else (), errors=doc.errors if i == 0 else ()))
    return out


def _roundtrip(segs: list[SegmentView], reverse: Translator) -> list[SegmentView]:
    texts = [s.bt_text or "" for s in segs]
    outs = reverse.translate(texts)
    scorer = get_scorer()
    out = []
    for s, rt in zip(segs, outs, strict=True):
        scores = dict(s.scores)
        scores["roundtrip_chrf"] = round(scorer.chrf_only(rt.text, s.text), 4)
        out.append(replace(s, roundtrip=rt.text, scores=scores))
    return out


def _settings(config: Config) -> dict[str, Any]:
    data = config.to_dict()
    data.pop("progress", None)
    data.pop("cache_dir", None)
    return data


def check(*, target: TextInput, source: TextInput | None = None, backtranslation: TextInput | None = None,
          config: Config | None = None) -> Report:
    """Check one document given as a string (paragraphs separated by newlines) or a list of paragraphs.

    Keyword-only, so that source and target cannot be swapped by position. Anything else (bytes, a
    number) is a TypeError that says what is accepted.
    """
    return Checker(config).check(target=target, source=source, backtranslation=backtranslation)


