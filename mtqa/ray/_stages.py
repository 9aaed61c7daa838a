"""The three Ray Data stages of :func:`mtqa.ray.check_dataset`, each a thin shell around the library.

1. **prepare** (tasks): each input row becomes a validated :class:`~mtqa.Document` (built from its
   text, or read by the file readers), gets its digest, and lists the sentences the model
   must back-translate (the segments :func:`~mtqa.pipeline.segment_document` yields, as
   ``Checker.check_many`` would send them).
2. **back-translate** (an actor pool): each actor loads the model once, through the same
   ``Checker`` code the library uses, and translates the listed sentences of a batch in one call.
3. **check** (a pool of long-lived workers, no CPU reserved): a ``Checker`` whose translator replays
   stage 2's translations runs the unchanged ``check_many`` — alignment, scoring, every check — so
   the result is the library's own.

A row that fails at any stage carries its error on to the end instead of vanishing. Rows travel as
Arrow tables with fixed schemas; the in-between objects (documents, translations) are pickled, as
they only pass between processes of one job running the same code.
"""

from __future__ import annotations

import json
import os
import pickle
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import pyarrow as pa

from mtqa.api import Checker
from mtqa.config import Config
from mtqa.document import Document
from mtqa.io.files import Pairing, load_documents
from mtqa.pipeline import segment_document
from mtqa.result_cache import ResultCache
from mtqa.translate.base import Translation
from mtqa.types import DocumentResult

if TYPE_CHECKING:
    from ray.data import Dataset

__all__ = ["CHECKED", "PREPARED", "RESULT_SCHEMA", "SEVERITY_COLUMNS", "BackTranslate", "CheckBatches", "Plan", "build",
           "check_batch", "prepare_batch"]

#: One row per document, the output of check_dataset. ``document`` is the JSON of the report's
#: document object (docs/report-format.md); ``error`` is set when the document could not be checked.
RESULT_SCHEMA = pa.schema([("id", pa.string()), ("digest", pa.string()), ("error", pa.string()),
                           ("minor", pa.int32()), ("major", pa.int32()), ("critical", pa.int32()),
                           ("document", pa.string())])
SEVERITY_COLUMNS = ("minor", "major", "critical")
PREPARED = pa.schema([("id", pa.string()), ("digest", pa.string()), ("error", pa.string()),
                      ("target_path", pa.string()), ("doc", pa.binary()), ("texts", pa.list_(pa.string())),
                      ("needs_reverse", pa.bool_()), ("translations", pa.binary())])
#: A sweep's answer for every input row: its digest, and whether it is missing from the output.
CHECKED = pa.schema([("id", pa.string()), ("digest", pa.string()), ("missing", pa.bool_())])

#: Input columns. Text rows carry ``target`` (and ``source``/``backtranslation``); file rows carry
#: ``target_path`` (and ``source_path``/``backtranslation_path``) and are read by the file readers.
TEXT_COLUMNS = ("target", "source", "backtranslation")
PATH_COLUMNS = ("target_path", "source_path", "backtranslation_path")

# Per worker process: what a task builds once and later tasks in the same process reuse.
_checkers: dict[str, Checker] = {}
_skip_sets: dict[str, frozenset[str]] = {}


@dataclass(frozen=True)
class Plan:
    """What every stage needs to know about the run (pickled into each task)."""

    config: Config
    run: Mapping[str, Any]
    skip: Any = None  # an ObjectRef of a frozenset of digests already written, or None
    give_up: bool = False  # a last sweep: rows still missing become error rows, unchecked
    sweep: bool = False  # only report which rows are missing (no checking at all)


def _error(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _skip(plan: Plan) -> frozenset[str]:
    if plan.skip is None:
        return frozenset()
    key = plan.skip.hex()
    if key not in _skip_sets:
        from mtqa.ray._archive import import_ray

        _skip_sets.clear()  # one run at a time per process: don't keep old sets alive
        _skip_sets[key] = frozenset(import_ray().get(plan.skip))
    return _skip_sets[key]


def _text(value: Any) -> Any:
    """Arrow gives list columns as lists and missing values as None; mtqa takes both as they are."""
    return list(value) if isinstance(value, (list, tuple)) else value


def document_input(row: Mapping[str, Any], config: Config) -> Document:
    """The row as ``Checker.check_many`` would get it from ``mtqa check`` or from Python."""
    if row.get("target") is not None:
        return Document(target=_text(row["target"]), source=_text(row.get("source")),
                        backtranslation=_text(row.get("backtranslation")), path=row.get("target_path"),
                        source_path=row.get("source_path"), backtranslation_path=row.get("backtranslation_path"))
    if not row.get("target_path"):
        raise ValueError("the row has neither target text nor target_path")
    pair = Pairing(row["target_path"], row.get("source_path"), row.get("backtranslation_path"), row.get("skipped"))
    return next(load_documents([pair], fmt=config.input_format))


def _raw_digest(row: Mapping[str, Any], run: Mapping[str, Any]) -> str:
    """For a row that could not even be read: its raw fields and the run."""
    fields = {k: row.get(k) for k in ("id", *TEXT_COLUMNS, *PATH_COLUMNS)}
    text = json.dumps({"run": run, "row": fields}, ensure_ascii=False, sort_keys=True, default=repr)
    import hashlib

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def prepare_batch(batch: pa.Table, plan: Plan) -> pa.Table:
    """Stage 1: read, validate and digest every row; drop those already written."""
    skip = _skip(plan)
    out: list[dict[str, Any]] = []
    for row in batch.to_pylist():
        ident = "" if row.get("id") is None else str(row["id"])
        item: dict[str, Any] = {"id": ident, "digest": None, "error": None, "target_path": row.get("target_path"),
                                "doc": None, "texts": [], "needs_reverse": False, "translations": None}
        try:
            if not ident:
                raise ValueError("the row has no id")
            doc = document_input(row, plan.config)
            # The result cache's key: the document's whole content and the run's signature.
            item["digest"] = ResultCache.key(doc, {**plan.run, "id": ident})
            item["doc"] = pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL)
            if doc.backtranslation is None and plan.config.use_model:
                item["texts"] = [s.text for s in segment_document(doc.target)]
                item["needs_reverse"] = doc.source is None
        except Exception as exc:  # noqa: BLE001 - any failure becomes this row's error, never a lost row
            item["digest"] = _raw_digest(row, plan.run)
            item["error"] = _error(exc)
            item["doc"] = None
        if plan.sweep:  # every row, so that the driver also learns which written rows no input has
            out.append({"id": ident, "digest": item["digest"], "missing": item["digest"] not in skip})
            continue
        if item["digest"] in skip:
            continue
        if plan.give_up and item["error"] is None:
            item["error"] = ("not checked: the back-translation of this document failed on every try "
                             "(its worker died); run again to retry")
            item["doc"] = None
        out.append(item)
    return pa.Table.from_pylist(out, schema=CHECKED if plan.sweep else PREPARED)


class BackTranslate:
    """Stage 2, one per actor: the model is loaded once, when the actor starts."""

    def __init__(self, config: Config, threads: int | None) -> None:
        if threads:
            # The actor's share of the machine: CTranslate2 and PyTorch both size their thread pools
            # from this, instead of each actor taking every core and fighting the others for them.
            os.environ["OMP_NUM_THREADS"] = str(threads)
        self.checker = Checker(config.replace(require_model=True))
        self.checker._translators()  # the library's own loading path, model status included

    def __call__(self, batch: pa.Table) -> pa.Table:
        rows = batch.to_pylist()
        todo = [r for r in rows if r["error"] is None and r["texts"]]
        try:
            self._translate(todo)
        except Exception:  # noqa: BLE001 - find the document that fails, keep the others
            for row in todo:
                try:
                    self._translate([row])
                except Exception as exc:  # noqa: BLE001
                    row["error"] = f"back-translation failed: {_error(exc)}"
                    row["doc"] = None
        return pa.Table.from_pylist(rows, schema=PREPARED)

    def _translate(self, rows: Sequence[dict[str, Any]]) -> None:
        """One model call for every sentence of ``rows`` (as check_many makes one per batch)."""
        if not rows:
            return
        forward, reverse = self.checker._translators(
            need_reverse=any(r["needs_reverse"] for r in rows))
        assert forward is not None  # require_model: loading failed loudly in __init__ otherwise
        texts = [t for r in rows for t in r["texts"]]
        done = dict(zip(texts, forward.translate(texts), strict=True))
        back_texts = [done[t].text for r in rows if r["needs_reverse"] for t in r["texts"]]
        back = dict(zip(back_texts, reverse.translate(back_texts), strict=True)) if reverse and back_texts else {}
        for row in rows:
            table = {t: done[t] for t in row["texts"]}
            rev = {done[t].text: back[done[t].text] for t in row["texts"]} if row["needs_reverse"] and back else None
            row["translations"] = pickle.dumps((table, rev, reverse is not None), protocol=pickle.HIGHEST_PROTOCOL)


class _Replay:
    """A translator that answers with the translations stage 2 made (nothing else: a miss is a bug)."""

    def __init__(self, table: Mapping[str, Translation]) -> None:
        self.table = table

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        return [self.table[t] for t in texts]

    def signature(self) -> str:
        return "replay"


def _failed_document(row: Mapping[str, Any]) -> str:
    return DocumentResult(target_path=row.get("target_path"), notes=(f"not checked: {row['error']}",)).to_json()


def _check(doc: Document, translations: bytes | None, config: Config) -> DocumentResult:
    if translations is None:
        if doc.backtranslation is None and config.use_model:
            raise RuntimeError("internal error: the document reached the checks without its back-translation")
        key = "check:" + repr(config)
        if key not in _checkers:  # precomputed back-translations, or the model off: no model is loaded
            _checkers[key] = Checker(config.replace(cache=False))
        return next(_checkers[key].check_many([doc]))
    forward, reverse, has_reverse = pickle.loads(translations)
    # With a reverse model, every document without a source had its round trip made in stage 2.
    checker = Checker(config.replace(cache=False), translator=_Replay(forward),
                      reverse_translator=_Replay(reverse or {}) if has_reverse else None)
    return next(checker.check_many([doc]))


def check_batch(batch: pa.Table, plan: Plan) -> pa.Table:
    """Stage 3: alignment, scores and every check, by ``Checker.check_many`` itself."""
    out = []
    for row in batch.to_pylist():
        result: dict[str, Any] = {"id": row["id"], "digest": row["digest"], "error": row["error"],
                                  "minor": 0, "major": 0, "critical": 0, "document": None}
        if row["error"] is None:
            try:
                checked = _check(pickle.loads(row["doc"]), row["translations"], plan.config)
                result["document"] = checked.to_json()
                for flag in checked.all_flags:  # so that counting findings needs no JSON parsing
                    result[flag.severity] += 1
            except Exception as exc:  # noqa: BLE001 - a document that makes the checker raise is an error row
                result["error"] = _error(exc)
        if result["error"] is not None:
            result["document"] = _failed_document(row)
        out.append(result)
    return pa.Table.from_pylist(out, schema=RESULT_SCHEMA)


class CheckBatches:
    """Stage 3 in a long-lived worker (one of an actor pool), so that the dictionaries the checks load
    (Hunspell, word frequencies, the lexicons: seconds per process) are loaded once per worker. As
    tasks, the check processes sat idle while the model ran, Ray retired them as idle workers beyond
    its pool, and each new one loaded everything again: profiling ``benchmarks/scale.py`` on 2 cores,
    the reloading cost more CPU than the checks themselves."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan

    def __call__(self, batch: pa.Table) -> pa.Table:
        return check_batch(batch, self.plan)


def build(ds: Dataset, plan: Plan, *, workers: int, num_cpus: float, num_gpus: float, batch_documents: int,
          retries: int, light_tasks: int | None = None) -> Dataset:
    """The three stages on ``ds``; a sweep (``plan.sweep``) or a last pass (``plan.give_up``) skips the model.

    The light stages ask for no CPU of their own: the actors hold the cores, and reading and the
    checks (a tenth of the model's time) would otherwise wait for a core that never frees up. Their
    number of workers is capped instead (``light_tasks``, default: the cluster's CPUs): tasks for
    reading, a pool of long-lived workers for the checks (:class:`CheckBatches`). No
    operator may need a CPU besides the actors (Ray's streaming repartition does, so it is not used):
    actors get work in proportion to the number of blocks, which :func:`mtqa.ray._archive.stories`
    keeps high.
    """
    from mtqa.ray._archive import import_ray

    ray = import_ray()
    ActorPoolStrategy, TaskPoolStrategy = ray.data.ActorPoolStrategy, ray.data.TaskPoolStrategy

    if light_tasks is None:
        light_tasks = max(1, int(ray.cluster_resources().get("CPU", 1)))
    light: dict[str, Any] = {"num_cpus": 0, "compute": TaskPoolStrategy(size=light_tasks),
                             "batch_format": "pyarrow", "batch_size": batch_documents}
    prepared = ds.map_batches(cast(Any, prepare_batch), fn_kwargs={"plan": plan}, **light)
    if plan.sweep:
        return prepared
    if plan.config.use_model and not plan.give_up:
        threads = max(1, int(num_cpus)) if num_cpus else None
        with warnings.catch_warnings():
            # Ray 2.60 has no named parameter for max_task_retries yet: without it, a batch whose
            # actor dies every time (a document that crashes the model) would be retried forever.
            warnings.simplefilter("ignore", DeprecationWarning)
            prepared = prepared.map_batches(
                BackTranslate, fn_constructor_kwargs={"config": plan.config, "threads": threads},
                compute=ActorPoolStrategy(size=workers), num_cpus=num_cpus, num_gpus=num_gpus or None,
                batch_format="pyarrow", batch_size=batch_documents, max_task_retries=retries)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # max_task_retries, as above
        return prepared.map_batches(
            CheckBatches, fn_constructor_kwargs={"plan": plan}, num_cpus=0, compute=ActorPoolStrategy(size=light_tasks),
            batch_format="pyarrow", batch_size=batch_documents, max_task_retries=retries)
