"""mtqa on a real local Ray (2 CPUs): every input once, the results check_many gives, failures as
rows, a killed actor and a killed run losing and duplicating nothing, and a resumed run redoing only
what was not written."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import ray  # the optional extra: the dev extra that `make install` and CI install has it
from fixtures_models import read_heldout
from ray_hooks import CONTROL_ENV, CRASH_MARKER, RAISE_MARKER

import mtqa
from mtqa.cli import main
from mtqa.io.text import parse_lines
from mtqa.pipeline import segment_document
from mtqa.ray import archive, check_dataset, read_results
from mtqa.types import SEVERITIES

pytestmark = pytest.mark.slow
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
N_DOCS = 240


def _stories() -> list[dict[str, Any]]:
    """Small stories; every sentence unique (so that model calls count documents exactly). Every
    third has its back-translation precomputed, every fifth has no source; one has a back-translation
    that does not fit its target (an input error) and one makes the checks raise."""
    pairs = read_heldout()
    rows = []
    for i in range(N_DOCS):
        (a1, e1), (a2, e2) = pairs[i % len(pairs)], pairs[(i * 7 + 3) % len(pairs)]
        row: dict[str, Any] = {"id": f"story-{i:03d}", "target": f"{a1} {2 * i}.\n{a2} {2 * i + 1}.",
                               "source": f"{e1} {2 * i}.\n{e2} {2 * i + 1}.", "backtranslation": None}
        if i % 3 == 0:
            row["backtranslation"] = row["source"]
        if i % 5 == 1:
            row["source"] = None
        rows.append(row)
    rows[10]["backtranslation"] = "one line for a two-line target"
    rows[20]["target"] += f" {RAISE_MARKER}."
    return rows


BROKEN = {"story-010": "InputError", "story-020": "RuntimeError"}


@pytest.fixture(scope="module")
def stories() -> list[dict[str, Any]]:
    return _stories()


@pytest.fixture(scope="module")
def config(tiny_model_dir: Path) -> mtqa.Config:
    # No cache on either side: both runs are cold, and the model calls counted are all of them.
    return mtqa.Config(model=str(tiny_model_dir), backend="ct2", device="cpu", reverse_model=None, cache=False)


@pytest.fixture(scope="module")
def expected(stories: list[dict[str, Any]], config: mtqa.Config) -> dict[str, dict[str, Any]]:
    """What `Checker.check_many` gives for every story that can be checked, in this process."""
    good = [r for r in stories if r["id"] not in BROKEN]
    docs = [mtqa.Document(target=r["target"], source=r["source"], backtranslation=r["backtranslation"])
            for r in good]
    with mtqa.Checker(config) as checker:
        return {r["id"]: d.to_dict() for r, d in zip(good, checker.check_many(docs), strict=True)}


@pytest.fixture(scope="module")
def control(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    return tmp_path_factory.mktemp("ray-control") / "control.json"


@pytest.fixture(scope="module")
def local_ray(control: Path, offline_models_env: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """A real local Ray: 2 CPUs, a small object store, the test hooks in every worker."""
    control.write_text("{}", encoding="utf-8")
    env = {CONTROL_ENV: str(control), "PYTHONPATH": f"{HERE}{os.pathsep}{ROOT / 'tests'}",
           "MTQA_CACHE_DIR": str(offline_models_env), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    runtime_env = {"env_vars": env, "worker_process_setup_hook": "ray_hooks.install"}
    ray.init(num_cpus=2, object_store_memory=150 * 1024 * 1024, include_dashboard=False,
             logging_level="ERROR", runtime_env=runtime_env)
    try:
        yield ray.get_runtime_context().gcs_address, runtime_env
    finally:
        ray.shutdown()


def _steer(control: Path, **settings: Any) -> Path:
    log = control.with_name(f"calls-{time.monotonic_ns()}.log")
    log.write_text("", encoding="utf-8")
    control.write_text(json.dumps({"log": str(log), **settings}), encoding="utf-8")
    return log


def _calls(log: Path) -> list[tuple[int, int]]:
    return [(int(p), int(n)) for p, n in (ln.split("\t") for ln in log.read_text("utf-8").splitlines())]


def _assert_complete(rows: list[tuple[str, str | None, dict[str, Any]]], expected: dict[str, dict[str, Any]]) -> None:
    ids = [r[0] for r in rows]
    assert len(ids) == len(set(ids)) == N_DOCS, "every input row exactly once"
    errors = {i: e for i, e, _ in rows if e is not None}
    assert {i: e.split(":")[0] for i, e in errors.items()} == BROKEN, errors
    differ = [i for i, _, doc in rows if i in expected and doc != expected[i]]
    assert not differ, f"{len(differ)} documents differ from check_many's, e.g. {differ[:3]}"


def _model_sentences(rows: list[dict[str, Any]]) -> int:
    """Sentences the model must translate for ``rows`` (all distinct): those of the stories without a
    back-translation, as mtqa segments them."""
    return sum(len(segment_document(parse_lines(r["target"]))) for r in rows if r["backtranslation"] is None)


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_check_dataset_equals_check_many_and_failures_become_rows(
        local_ray: tuple[str, dict[str, Any]], control: Path, stories: list[dict[str, Any]], config: mtqa.Config,
        expected: dict[str, dict[str, Any]]) -> None:
    log = _steer(control)
    ds = ray.data.from_items(stories)
    rows = check_dataset(ds, config, workers=2, batch_documents=8).take_all()
    _assert_complete([(r["id"], r["error"], json.loads(r["document"])) for r in rows], expected)
    for r in rows:  # the flag counts beside the document agree with it
        doc = json.loads(r["document"])
        assert [r[s] for s in SEVERITIES] == [sum(f["severity"] == s for f in doc["flags"])
                                                    for s in SEVERITIES]
    calls = _calls(log)
    # Precomputed back-translations need no model; every other sentence is translated once.
    assert sum(n for _, n in calls) == _model_sentences(stories)
    assert len({pid for pid, _ in calls}) == 2  # both actors translated


def test_a_killed_actor_loses_and_duplicates_nothing(
        local_ray: tuple[str, dict[str, Any]], control: Path, stories: list[dict[str, Any]], config: mtqa.Config,
        expected: dict[str, dict[str, Any]], tmp_path: Path) -> None:
    log = _steer(control, sleep=0.1)
    killed: list[int] = []
    quarter = _model_sentences(stories) // 4
    done = threading.Event()

    def kill_one_translating_actor() -> None:
        """Once a quarter of the sentences are translated, kill the actor that translated last (or
        the one before it if Ray has already retired that one). Watching the model calls, not the
        rows written: the checks may run well behind the model."""
        while not done.is_set() and not killed:
            try:
                calls = _calls(log)
            except ValueError:  # an actor is writing its line right now
                calls = []
            if sum(n for _, n in calls) >= quarter:
                for pid in dict.fromkeys(pid for pid, _ in reversed(calls)):
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        continue
                    killed.append(pid)
                    return
            time.sleep(0.02)

    watcher = threading.Thread(target=kill_one_translating_actor, daemon=True)
    watcher.start()
    try:
        summary = archive(ray.data.from_items(stories), tmp_path / "out", config, workers=2, part_rows=16,
                          batch_documents=8)
    finally:
        done.set()
        watcher.join()
    assert killed, "the run ended before an actor could be killed"
    with pytest.raises(ProcessLookupError):
        os.kill(killed[0], 0)  # it really died
    _assert_complete([(i, e, d.to_dict()) for i, e, d in read_results(tmp_path / "out")], expected)
    assert (summary.documents, summary.failed) == (N_DOCS, len(BROKEN))


def test_a_document_that_kills_its_worker_every_time_becomes_an_error_row(
        local_ray: tuple[str, dict[str, Any]], control: Path, stories: list[dict[str, Any]], config: mtqa.Config,
        expected: dict[str, dict[str, Any]], tmp_path: Path) -> None:
    _steer(control)
    rows = [r for r in stories[:30] if r["id"] not in BROKEN]
    crash = {**rows[5], "id": "crash", "target": rows[5]["target"] + f" {CRASH_MARKER}.", "backtranslation": None}
    # No retries: the first pass loses the crash document's batch, the sweep finds it missing, the
    # documents are tried one per batch, and the one that still kills its worker becomes an error row.
    summary = archive(ray.data.from_items([*rows, crash]), tmp_path / "out", config, workers=1,
                      batch_documents=4, retries=0)
    results = {i: (e, d.to_dict()) for i, e, d in read_results(tmp_path / "out")}
    assert sorted(results) == sorted([r["id"] for r in rows] + ["crash"])
    assert results.pop("crash")[0].startswith("not checked: the back-translation of this document failed")
    assert {i: d for i, (e, d) in results.items()} == {r["id"]: expected[r["id"]] for r in rows}
    assert (summary.documents, summary.failed) == (len(rows) + 1, 1)


def test_a_killed_run_resumes_and_writes_only_the_rest(
        local_ray: tuple[str, dict[str, Any]], control: Path, stories: list[dict[str, Any]], config: mtqa.Config,
        expected: dict[str, dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = _write_jsonl(tmp_path / "stories.jsonl", stories)
    out = tmp_path / "out"
    args = ["archive", str(table), "--output", str(out), "--model", config.model, "--reverse-model", "",
            "--no-cache", "--workers", "2", "--part-rows", "8", "--device", "cpu"]
    _steer(control, sleep=0.1)
    # The first run is `mtqa archive` in a process of its own, on this Ray, killed half way through.
    script = textwrap.dedent(f"""
        import sys, ray
        ray.init(address={local_ray[0]!r}, logging_level="ERROR", runtime_env={local_ray[1]!r})
        from mtqa.cli import main
        sys.exit(main({args!r}))
    """)
    stderr = tmp_path / "first.err"
    with stderr.open("wb") as err_file:
        first = subprocess.Popen([sys.executable, "-c", script], cwd=tmp_path, env={**os.environ},
                                 stdout=subprocess.DEVNULL, stderr=err_file)
    try:
        deadline = time.monotonic() + 120
        while _written(out) < N_DOCS // 2:
            assert first.poll() is None, stderr.read_text(errors="replace")[-3000:]
            assert time.monotonic() < deadline, "the first run wrote too little"
            time.sleep(0.05)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=60)
    first_rows = list(read_results(out))
    assert N_DOCS // 2 <= len(first_rows) < N_DOCS, len(first_rows)
    done = {i for i, error, _ in first_rows if error is None}  # error rows are retried by a rerun

    log = _steer(control)
    code = main(args)
    err = capsys.readouterr().err
    assert code == 1, err  # two documents could not be checked
    remaining = [r for r in stories if r["id"] not in done]
    # Only the documents not yet written reached the model.
    assert sum(n for _, n in _calls(log)) == _model_sentences(remaining)
    _assert_complete([(i, e, d.to_dict()) for i, e, d in read_results(out)], expected)
    assert (f"{N_DOCS} documents in {out} ({len(remaining)} written now, {len(done)} already there), "
            "2 failed") in err
    assert "flags:" in err and "documents/s" in err


def _written(out: Path) -> int:
    total = 0
    for part in out.glob("part-*.jsonl"):
        try:
            total += sum(1 for _ in part.open(encoding="utf-8"))
        except FileNotFoundError:  # rewritten under us
            continue
    return total
