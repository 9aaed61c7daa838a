"""``mtqa archive``: check stories on Ray into an output directory that a rerun resumes.

The directory holds ``run.json`` (the run's signature) and part files written whole (a temporary
file renamed into place), so a killed run leaves only complete parts. A rerun skips every document
whose digest (its content and the run's signature) a part already holds. After the main pass a
sweep over the input finds documents that are still missing (their batch was lost with a worker
that died on every retry); they are tried again one per batch, and any still missing then becomes
an error row. Rows of inputs that no longer exist, and earlier error rows (they are retried), are
removed, so that a finished run holds each input exactly once.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from mtqa._version import __version__
from mtqa.config import Config
from mtqa.errors import InputError, MtqaError
from mtqa.ray._output import OutputDir, read_results
from mtqa.result_cache import code_fingerprint, file_digests
from mtqa.translate._engine import FORCE_LENGTH_ENV
from mtqa.types import SEVERITIES

if TYPE_CHECKING:
    import pyarrow as pa
    from ray.data import Dataset

__all__ = ["ArchiveSummary", "archive", "default_config", "read_results", "run_identity"]

INSTALL_HINT = "checking on Ray needs Ray: pip install 'mtqa[ray]'"
BLOCKS = 200  # input blocks at least: the unit of work an actor takes
#: Settings that change where results go or how they are shown, not what they are.
_NOT_IN_SIGNATURE = ("cache", "format", "output_dir", "timestamps", "baseline", "ignore_file")


def default_config() -> Config:
    """mtqa's defaults, with CTranslate2 (several times faster on a CPU than PyTorch)."""
    return Config(backend="ct2")


def import_ray() -> Any:
    """The ray module (untyped: Any), or an error that says how to install it."""
    try:
        import ray
        import ray.data  # Ray without its Data library is not enough
    except ImportError:
        raise MtqaError(INSTALL_HINT) from None
    return ray


def run_identity(config: Config) -> dict[str, Any]:
    """Everything a result depends on besides the document: mtqa's code and data, the settings, the
    termbases' contents and the models' identities (a hash of their files). Resolving the model
    here also makes a missing model fail at once, before a cluster is busy."""
    from mtqa.translate.resolve import model_identity, resolve_model

    settings = {k: v for k, v in config.report_settings().items() if k not in _NOT_IN_SIGNATURE}
    models: dict[str, Any] = {}
    if config.use_model:
        models["forward"] = model_identity(resolve_model(config.model, purpose="back-translation (ar->en)"))
        if config.roundtrip and config.reverse_model:
            try:
                models["reverse"] = model_identity(resolve_model(config.reverse_model, purpose="round-trip"))
            except MtqaError:
                models["reverse"] = None  # the library goes on without the round trip; so does the run
    return {"mtqa": __version__, "code": code_fingerprint(), "settings": settings, "models": models,
            "termbases": file_digests(config.termbases), "forced_length": os.environ.get(FORCE_LENGTH_ENV)}


# -- inputs ------------------------------------------------------------------------------------

#: The columns of a story table and what each may hold.
_TABLE_COLUMNS = {"id": "a string or a whole number", "target": "a string or a list of strings", "source": "a string or a list of "
                  "strings", "backtranslation": "a string or a list of strings"}


def _text_cell(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))


def validate_jsonl_table(path: str, seen: dict[str, tuple[str, Any]] | None = None) -> None:
    """Every line of a JSONL story table is an object with a string ``id`` (given once) and a text
    ``target``, or an :class:`~mtqa.errors.InputError` naming the file and line. Ray's reader stops
    the whole run on one malformed line, with a traceback and no line number, and infers column
    types from the rows it sees first, so a number among strings fails the same way."""
    from mtqa._json import JsonError, parse_json
    from mtqa.io.base import iter_file_lines

    seen = {} if seen is None else seen  # id -> where it was first given, across the run's tables
    for number, line in iter_file_lines(path):
        if not line.strip():
            continue
        try:
            row = parse_json(line)
        except JsonError as exc:
            raise InputError(str(exc), path=path, line=number) from None
        if not isinstance(row, dict):
            raise InputError(f"expected a JSON object (a story), not {type(row).__name__}", path=path, line=number)
        for column, kind in _TABLE_COLUMNS.items():
            value = row.get(column)
            if column in ("id", "target") and value is None:
                raise InputError(f"the story has no {column!r}", path=path, line=number)
            ok = (isinstance(value, (str, int)) and not isinstance(value, bool)) if column == "id" else _text_cell(value)
            if value is not None and not ok:
                raise InputError(f"{column!r} must be {kind}, not {type(value).__name__}", path=path, line=number)
        ident = row["id"]
        if seen and isinstance(ident, str) != isinstance(next(iter(seen.values()))[1], str):
            # Ray types a column by the rows it reads first: numbers and strings mixed break it
            raise InputError("ids must be all strings or all whole numbers", path=path, line=number)
        key = str(ident)
        if key in seen:  # two stories under one id: one result would overwrite the other
            raise InputError(f"id {ident!r} was given already, at {seen[key][0]}", path=path, line=number)
        seen[key] = (f"{path}:{number}", ident)


def stories(inputs: Sequence[str], config: Config) -> tuple[Dataset, int | None]:
    """A Dataset of stories and, when it is known without reading them, how many there are.

    JSONL and Parquet files are tables of stories (``id``, ``target``, ``source``?,
    ``backtranslation``?); directories and globs are story files paired by name as ``mtqa check``
    pairs them, each read inside the pipeline, its id its path.
    """
    ray = import_ray()
    tables = [p for p in inputs if p.lower().endswith((".jsonl", ".json", ".parquet"))]
    if tables and len(tables) != len(inputs):
        raise InputError("give either tables of stories (JSONL, Parquet) or story files, not both")
    if tables:
        for path in tables:
            if not os.path.isfile(path):
                raise InputError("no such file", path=path)
        # Many blocks, so that every back-translation actor gets work (a file read whole would be one);
        # reading asks for no CPU of its own, as the light stages (see mtqa.ray._stages.build).
        cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
        options: dict[str, Any] = {"override_num_blocks": max(BLOCKS, 4 * cpus), "num_cpus": 0, "concurrency": cpus}
        if all(p.lower().endswith(".parquet") for p in tables):
            return ray.data.read_parquet(tables, **options), None
        if any(p.lower().endswith(".parquet") for p in tables):
            raise InputError("give JSONL or Parquet tables, not both in one run")
        seen: dict[str, tuple[str, Any]] = {}
        for path in tables:
            validate_jsonl_table(path, seen)
        return ray.data.read_json(tables, lines=True, **options), None
    from mtqa.io.files import discover

    pairs = discover(inputs, config)
    # A file left out while scanning (a FIFO, a symlink out of the tree) travels with its reason, so
    # that it becomes a row saying why instead of being opened.
    items = [{"id": p.target, "target_path": p.target, "source_path": p.source,
              "backtranslation_path": p.backtranslation, "skipped": p.skipped} for p in pairs]
    return ray.data.from_items(items, override_num_blocks=max(1, min(len(items), BLOCKS))), len(items)


# -- the run -----------------------------------------------------------------------------------------

@dataclass
class ArchiveSummary:
    """What a run did: documents in the output, written now, skipped as already there, failed, flags."""

    output_dir: str
    documents: int = 0
    written: int = 0
    skipped: int = 0
    failed: int = 0
    removed: int = 0
    flags: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITIES, 0))
    segments: int = 0
    seconds: float = 0.0

    @property
    def documents_per_second(self) -> float:
        return self.written / self.seconds if self.seconds else 0.0

    @property
    def sentences_per_second(self) -> float:
        return self.segments / self.seconds if self.seconds else 0.0

    def render(self) -> str:
        flags = ", ".join(f"{self.flags[s]} {s}" for s in reversed(SEVERITIES))
        lines = [(f"mtqa archive: {self.documents} documents in {self.output_dir} ({self.written} written now, "
                  f"{self.skipped} already there), {self.failed} failed"),
                 f"flags: {flags}",
                 (f"throughput: {self.documents_per_second:.1f} documents/s, {self.sentences_per_second:.1f} "
                  f"sentences/s ({self.written} documents, {self.segments} sentences in {self.seconds:.1f} s)")]
        if self.removed:
            lines.append(f"removed {self.removed} stale or failed rows of earlier runs")
        return "\n".join(lines)


class _Writer:
    """Collects result rows into parts of ``part_rows`` rows (or ``part_seconds``' worth)."""

    def __init__(self, out: OutputDir, summary: ArchiveSummary, part_rows: int, part_seconds: float,
                 progress: Callable[[int, int | None], None] | None, total: int | None) -> None:
        self.out, self.summary, self.part_rows, self.part_seconds = out, summary, part_rows, part_seconds
        self.progress, self.total = progress, total
        self.pending: list[pa.Table] = []
        self.rows = 0
        self.since = time.monotonic()

    def add(self, table: pa.Table) -> None:
        if not table.num_rows:
            return
        self.pending.append(table)
        self.rows += table.num_rows
        errors = table.column("error").to_pylist()
        self.summary.written += table.num_rows
        self.summary.failed += sum(1 for e in errors if e is not None)
        for severity in SEVERITIES:
            self.summary.flags[severity] += sum(table.column(severity).to_pylist())
        if self.rows >= self.part_rows or time.monotonic() - self.since >= self.part_seconds:
            self.flush()
        if self.progress is not None:
            self.progress(self.summary.skipped + self.summary.written, self.total)

    def flush(self) -> None:
        import pyarrow as pa

        if self.pending:
            self.out.write(pa.concat_tables(self.pending))
        self.pending, self.rows, self.since = [], 0, time.monotonic()


def _segments(table: pa.Table) -> int:
    return sum(len(json.loads(d)["segments"]) for d in table.column("document").to_pylist())


def _execute(pipeline: Dataset, *, lose_blocks: bool) -> Iterator[pa.Table]:
    """The pipeline's blocks as they come. With ``lose_blocks``, a block that failed on every retry
    is left out (the caller finds what is missing) instead of failing the whole run.

    The settings go on the Dataset's own context (which the input Dataset shares: it is the one the
    execution reads), and are put back afterwards.
    """
    context = pipeline.context
    saved = context.max_errored_blocks, context.enable_progress_bars
    context.max_errored_blocks = -1 if lose_blocks else 0
    context.enable_progress_bars = False  # mtqa's own progress and summary; Ray's bars would draw over them
    try:
        for block in pipeline.iter_batches(batch_size=None, batch_format="pyarrow"):
            yield cast("pa.Table", block)
    finally:
        context.max_errored_blocks, context.enable_progress_bars = saved


def archive(inputs: Sequence[str] | Dataset, output_dir: str | Path, config: Config | None = None, *,
            workers: int | None = None, num_cpus: float = 1.0, num_gpus: float = 0.0,
            ray_address: str | None = None, output_format: str = "jsonl", part_rows: int = 1000,
            part_seconds: float = 60.0, batch_documents: int = 16, retries: int = 3,
            progress: Callable[[int, int | None], None] | None = None) -> ArchiveSummary:
    """Check ``inputs`` (paths, as :func:`stories` reads them, or a Dataset of rows as
    :func:`mtqa.ray.check_dataset` takes them) into ``output_dir``, resuming what is there.

    Connects to the Ray cluster at ``ray_address``, or uses the Ray this process already started,
    or starts a local one for the run. ``workers`` defaults to as many back-translation actors as
    the cluster's CPUs (or GPUs, with ``num_gpus``) allow.
    """
    ray = import_ray()
    from mtqa.ray._stages import Plan, build

    config = config or default_config()
    run = run_identity(config)
    started_ray = not ray.is_initialized()
    if started_ray:
        ray.init(address=ray_address, logging_level=logging.WARNING)
    out = OutputDir(output_dir, run, output_format)
    try:
        if workers is None:
            resources = ray.cluster_resources()
            workers = max(1, int(resources.get("GPU", 0) // num_gpus) if num_gpus else
                          int(resources.get("CPU", 1) // max(num_cpus, 1e-9)))
        if isinstance(inputs, (list, tuple)):
            ds, total = stories(inputs, config)
        else:
            ds, total = cast("Dataset", inputs), None
        summary = ArchiveSummary(output_dir=str(output_dir))
        summary.removed = out.remove({d for p in out.parts.values() for d in p.errors})  # failed rows: retried
        began = time.monotonic()

        def run_pass(plan: Plan, batch: int, *, lose_blocks: bool) -> Iterator[pa.Table]:
            pipeline = build(ds, plan, workers=workers, num_cpus=num_cpus, num_gpus=num_gpus,
                             batch_documents=batch, retries=retries)
            yield from _execute(pipeline, lose_blocks=lose_blocks)

        def one_pass(plan: Plan, batch: int) -> None:
            writer = _Writer(out, summary, part_rows, part_seconds, progress, total)
            # A batch whose actor died on every retry is dropped here and found by the sweep below.
            for table in run_pass(plan, batch, lose_blocks=True):
                summary.segments += _segments(table)
                writer.add(table)
            writer.flush()

        def sweep() -> tuple[int, set[str]]:
            """Missing inputs, and the digests of every input."""
            plan = Plan(config=config, run=run, skip=ray.put(frozenset(out.digests())), sweep=True)
            missing, seen = 0, set()
            # Stale rows are removed by what the sweep did not see: it must see every input or fail.
            for table in run_pass(plan, batch_documents, lose_blocks=False):
                seen.update(table.column("digest").to_pylist())
                missing += sum(table.column("missing").to_pylist())
            return missing, seen

        done = out.digests()
        summary.skipped = len(done)
        one_pass(Plan(config=config, run=run, skip=ray.put(frozenset(done))), batch_documents)
        missing, seen = sweep()
        if missing:  # lost with workers that died: one document per batch, then an error row for the rest
            one_pass(Plan(config=config, run=run, skip=ray.put(frozenset(out.digests()))), 1)
            one_pass(Plan(config=config, run=run, skip=ray.put(frozenset(out.digests())), give_up=True), 1)
        summary.removed += out.remove(out.digests() - seen)  # rows whose input changed or went away
        summary.skipped = len(done & seen)
        summary.seconds = time.monotonic() - began
        summary.documents = sum(len(p.digests) for p in out.parts.values())
        summary.failed = sum(len(p.errors) for p in out.parts.values())
        for severity in SEVERITIES:
            summary.flags[severity] = sum(p.flags[severity] for p in out.parts.values())
        return summary
    finally:
        out.close()
        if started_ray:
            ray.shutdown()
