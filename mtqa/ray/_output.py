"""The archive's output directory: parts of result rows (JSONL or Parquet), the run they belong to,
and what a rerun must skip. One writer at a time (a lock file); a part appears whole or not at all."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from mtqa.errors import InputError
from mtqa.types import SEVERITIES, DocumentResult

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["FORMATS", "OutputDir", "read_results"]

RUN_FILE = "run.json"
FORMATS = ("jsonl", "parquet")
TABLE_SUFFIXES = (".jsonl", ".parquet")


def _signature(run: Mapping[str, Any]) -> str:
    return hashlib.sha256(json.dumps(run, sort_keys=True, default=str).encode()).hexdigest()[:16]


# -- the output directory ------------------------------------------------------------------------

@dataclass
class _Part:
    path: Path
    digests: list[str]
    errors: set[str]
    flags: Counter[str]


class OutputDir:
    """The parts written so far, and the writing of new ones (one writer at a time: a lock file)."""

    def __init__(self, path: str | Path, run: Mapping[str, Any], fmt: str) -> None:
        if fmt not in FORMATS:
            raise InputError(f"unknown output format {fmt!r} (known: {', '.join(FORMATS)})")
        self.path = Path(path)
        self.fmt = fmt
        self.path.mkdir(parents=True, exist_ok=True)
        self._lock: IO[str] | None = open(self.path / ".lock", "w")  # noqa: SIM115 - held until close()
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self.close()
            raise InputError("another mtqa archive is writing here", path=str(self.path)) from None
        self._check_run(run)
        for leftover in self.path.glob(".part-*"):  # a run killed while writing a part
            leftover.unlink()
        self.parts = {p.path.name: p for p in (self._read_index(f) for f in sorted(self._part_files()))}
        self._sequence = 0
        self._stamp = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}"

    def _check_run(self, run: Mapping[str, Any]) -> None:
        signature = _signature(run)
        file = self.path / RUN_FILE
        if file.exists():
            try:
                recorded = json.loads(file.read_text("utf-8")).get("signature")
            except (OSError, ValueError, AttributeError):
                recorded = None
            if recorded != signature:
                raise InputError(f"this directory holds the results of another run (signature {recorded}, this "
                                 f"run {signature}: another mtqa, model, termbase or setting); write the new run "
                                 "to a new directory", path=str(self.path))
            return
        _write_whole(file, json.dumps({"signature": signature, "run": run}, indent=2, default=str) + "\n")

    def _part_files(self) -> Iterator[Path]:
        return (p for p in self.path.glob("part-*") if p.suffix in TABLE_SUFFIXES)

    def _read_index(self, path: Path) -> _Part:
        part = _Part(path, [], set(), Counter())
        for row in _read_rows(path, columns=("digest", "error", *SEVERITIES)):
            part.digests.append(row["digest"])
            if row["error"] is not None:
                part.errors.add(row["digest"])
            part.flags.update({s: int(row[s] or 0) for s in SEVERITIES})
        return part

    def digests(self, *, with_errors: bool = True) -> set[str]:
        return {d for p in self.parts.values() for d in p.digests if with_errors or d not in p.errors}

    def write(self, table: pa.Table) -> None:
        """One new part, whole or not at all."""
        self._sequence += 1
        name = f"part-{self._stamp}-{self._sequence:06d}.{self.fmt}"
        _write_table(self.path / name, table, self.fmt)
        part = _Part(self.path / name, [], set(), Counter())
        for digest, error, *counts in zip(*(table.column(c).to_pylist() for c in ("digest", "error", *SEVERITIES)),
                                          strict=True):
            part.digests.append(digest)
            if error is not None:
                part.errors.add(digest)
            part.flags.update(dict(zip(SEVERITIES, counts, strict=True)))
        self.parts[name] = part

    def remove(self, digests: set[str]) -> int:
        """Rewrite the parts holding any of ``digests`` without those rows; how many rows went."""
        removed = 0
        for name, part in list(self.parts.items()):
            if not digests.intersection(part.digests):
                continue
            table = _read_table(part.path)
            keep = [d not in digests for d in table.column("digest").to_pylist()]
            removed += keep.count(False)
            import pyarrow as pa

            kept = table.filter(pa.array(keep))
            del self.parts[name]
            if kept.num_rows:
                _write_table(part.path, kept, part.path.suffix.lstrip("."))
                self.parts[name] = self._read_index(part.path)
            else:
                part.path.unlink()
        return removed

    def close(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None


def _write_whole(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _write_table(path: Path, table: pa.Table, fmt: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    if fmt == "parquet":
        import pyarrow.parquet as pq

        pq.write_table(table, tmp)
    else:
        with tmp.open("w", encoding="utf-8", newline="\n") as fh:
            for row in table.to_pylist():
                # In JSONL the document is an object, as in the JSON report; Parquet keeps it as text.
                row["document"] = json.loads(row["document"])
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())  # the rename below must not land before the data does
    os.replace(tmp, path)


def _read_table(path: Path) -> pa.Table:
    from mtqa.ray._stages import RESULT_SCHEMA

    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return pq.read_table(path, schema=RESULT_SCHEMA)
    import pyarrow as pa

    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            row["document"] = json.dumps(row["document"], ensure_ascii=False)
            rows.append(row)
    return pa.Table.from_pylist(rows, schema=RESULT_SCHEMA)


def _read_rows(path: Path, columns: Sequence[str]) -> Iterator[dict[str, Any]]:
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        yield from pq.read_table(path, columns=list(columns)).to_pylist()
        return
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            yield {c: row.get(c) for c in columns}


def read_results(output_dir: str | Path) -> Iterator[tuple[str, str | None, DocumentResult]]:
    """``(id, error, DocumentResult)`` for every row of an archive's output directory."""
    for path in sorted(Path(output_dir).glob("part-*")):
        if path.suffix not in TABLE_SUFFIXES:
            continue
        for row in _read_rows(path, ("id", "error", "document")):
            document = row["document"]
            data = json.loads(document) if isinstance(document, str) else document
            yield row["id"], row["error"], DocumentResult.from_dict(data)
