"""The archive's output directory without Ray: whole parts in both formats, the run's signature, the
lock, and removing rows (earlier errors, stale inputs) without touching the others."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

import mtqa
from mtqa.ray import read_results, run_identity
from mtqa.ray._output import OutputDir
from mtqa.ray._stages import RESULT_SCHEMA

RUN = {"signature": "test", "settings": {"x": 1}}


def _rows(ids: list[str], *, error: str | None = None) -> pa.Table:
    rows: list[dict[str, Any]] = []
    for i in ids:
        doc = mtqa.DocumentResult(target_path=f"{i}.ar.txt", notes=(f"note {i}",))
        rows.append({"id": i, "digest": f"d-{i}", "error": error, "minor": 1, "major": 0, "critical": 2,
                     "document": doc.to_json()})
    return pa.Table.from_pylist(rows, schema=RESULT_SCHEMA)


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_parts_round_trip_and_rows_can_be_removed(tmp_path: Path, fmt: str) -> None:
    out = OutputDir(tmp_path, RUN, fmt)
    out.write(_rows(["a", "b"]))
    out.write(_rows(["c"], error="InputError: bad"))
    assert out.digests() == {"d-a", "d-b", "d-c"} and out.digests(with_errors=False) == {"d-a", "d-b"}
    out.close()
    again = OutputDir(tmp_path, RUN, fmt)  # a rerun reads what is there
    assert again.digests() == {"d-a", "d-b", "d-c"}
    assert sum(p.flags["critical"] for p in again.parts.values()) == 6
    assert again.remove({"d-b", "d-c"}) == 2
    results = list(read_results(tmp_path))
    assert [(i, e) for i, e, _ in results] == [("a", None)]
    assert results[0][2].notes == ("note a",)
    again.close()
    if fmt == "jsonl":  # the document is an object in JSONL, as in the JSON report
        line = next(tmp_path.glob("part-*.jsonl")).read_text("utf-8").splitlines()[0]
        assert json.loads(line)["document"]["target_path"] == "a.ar.txt"


def test_another_run_and_a_second_writer_are_refused(tmp_path: Path) -> None:
    first = OutputDir(tmp_path, RUN, "jsonl")
    with pytest.raises(mtqa.InputError, match="another mtqa archive is writing here"):
        OutputDir(tmp_path, RUN, "jsonl")
    first.close()
    with pytest.raises(mtqa.InputError, match="results of another run"):
        OutputDir(tmp_path, {**RUN, "settings": {"x": 2}}, "jsonl")


def test_leftovers_of_a_killed_write_are_dropped(tmp_path: Path) -> None:
    OutputDir(tmp_path, RUN, "jsonl").close()
    (tmp_path / ".part-x.jsonl.tmp").write_text('{"id": "half', encoding="utf-8")
    out = OutputDir(tmp_path, RUN, "jsonl")
    assert not out.parts and not list(tmp_path.glob(".part-*"))
    out.close()


def test_run_identity_changes_with_what_changes_results(tmp_path: Path) -> None:
    base = mtqa.Config(use_model=False)
    assert run_identity(base) == run_identity(base.replace(cache=False, cache_dir=str(tmp_path)))
    assert run_identity(base) != run_identity(base.replace(disable=("doubled-word",)))
    terms = tmp_path / "terms.csv"
    terms.write_text("source,target,status\nminister,وزير,preferred\n", encoding="utf-8")
    before = run_identity(base.replace(termbases=(str(terms),)))
    terms.write_text("source,target,status\nminister,الوزير,preferred\n", encoding="utf-8")
    assert run_identity(base.replace(termbases=(str(terms),))) != before


@pytest.mark.parametrize(("lines", "message"), [
    (['{"id": "a", "target": "قال الوزير"}', "not json"], "t.jsonl:2: malformed JSON"),
    (['{"target": "قال الوزير"}'], "t.jsonl:1: the story has no 'id'"),
    (['{"id": "a", "target": 5}'], "t.jsonl:1: 'target' must be a string or a list of strings, not int"),
    (['{"id": "a", "target": "قال"}', '{"id": "a", "target": "قال الوزير"}'], "t.jsonl:2: id 'a' was given already"),
    (['{"id": 3, "target": "قال"}', '{"id": "x", "target": "قال"}'], "t.jsonl:2: ids must be all strings or all"),
    (["[1]"], "t.jsonl:1: expected a JSON object (a story), not list"),
])
def test_a_story_table_is_checked_line_by_line_before_ray_reads_it(tmp_path: Path, lines: list[str],
                                                                   message: str) -> None:
    # Ray's reader stopped the whole run on one such line, with an internal error and no line number
    from mtqa.ray._archive import validate_jsonl_table

    path = tmp_path / "t.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(mtqa.InputError) as exc:
        validate_jsonl_table(str(path))
    assert str(exc.value).startswith(f"{tmp_path / message.split(':')[0]}:{message.split(':', 1)[1]}")


def test_a_well_formed_story_table_passes(tmp_path: Path) -> None:
    from mtqa.ray._archive import validate_jsonl_table

    path = tmp_path / "t.jsonl"
    path.write_text('{"id": 1, "target": ["قال", "الوزير"], "source": "He said.\\nThe minister."}\n\n'
                    '{"id": 2, "target": "قال", "backtranslation": null}\n', encoding="utf-8")
    validate_jsonl_table(str(path))
