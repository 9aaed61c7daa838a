"""The public Python surface: curated __all__, keyword-only entry points, reuse of a Checker."""

from __future__ import annotations

import ast
import gc
import tracemalloc
from pathlib import Path

import pytest
from cache_poison import POISON, poison_result_cache

import mtqa

ROOT = Path(__file__).resolve().parent.parent


def test_all_is_sorted_complete_and_importable() -> None:
    names = mtqa.__all__
    assert list(names) == sorted(names)
    for name in names:
        assert hasattr(mtqa, name), name
    public = {n for n in vars(mtqa) if not n.startswith("_") and not isinstance(getattr(mtqa, n), type(mtqa))}
    assert public <= set(names) | {"annotations"}, public - set(names)


def test_check_is_keyword_only() -> None:
    with pytest.raises(TypeError):
        mtqa.check("هدف", "source")  # type: ignore[misc]


def test_cli_imports_only_public_names() -> None:
    """The CLI package uses the library through `mtqa`'s public names (plus its own private helpers,
    and the public names of `mtqa.ray`, the optional Ray extra, which imports Ray only when used)."""
    import mtqa.ray

    public = {"mtqa": set(mtqa.__all__), "mtqa.ray": set(mtqa.ray.__all__)}
    files = sorted((ROOT / "mtqa" / "cli").glob("*.py"))
    assert files
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("mtqa") for a in node.names), path
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("mtqa"):
                if node.module.startswith("mtqa.cli."):
                    continue
                assert node.module in public, f"{path.name} imports from private module {node.module}"
                for alias in node.names:
                    assert alias.name in public[node.module], alias.name


def test_config_errors_name_the_field() -> None:
    with pytest.raises(mtqa.ConfigError, match="beams"):
        mtqa.Config(beams=0)
    with pytest.raises(mtqa.ConfigError, match="fail_on"):
        mtqa.Config().replace(fail_on="fatal")


def test_results_round_trip_through_json() -> None:
    report = mtqa.check(target="مجلس مجلس الأمن ، اجتمع", config=mtqa.Config(use_model=False))
    again = mtqa.Report.from_json(report.to_json())
    assert again.to_dict() == report.to_dict()
    flag = report.flags()[0]
    assert mtqa.Flag.from_dict(flag.to_dict()) == flag


DOCS = [(f"الفقرة رقم {i} عن مجلس مجلس الأمن ، وأخبار أخرى.", f"Paragraph number {i} about the the council.")
        for i in range(1000)]


def test_checker_reuse_matches_separate_calls_and_keeps_memory_flat(tmp_path: Path) -> None:
    config = mtqa.Config(use_model=False, cache_dir=str(tmp_path))
    checker = mtqa.Checker(config)
    prepared = (checker.prepare(target=t, backtranslation=b) for t, b in DOCS)
    stream = checker.check_many(prepared)
    # warm up: first documents build caches (regexes, lexicons)
    first = [next(stream) for _ in range(50)]
    gc.collect()
    tracemalloc.start()
    base, _ = tracemalloc.get_traced_memory()
    rest = []
    for i, result in enumerate(stream):
        rest.append(result.flags)  # keep only what we compare, as a streaming consumer would
        if i == 400:
            mid, _ = tracemalloc.get_traced_memory()
    end, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # Growth between the 450th and the 1000th document stays bounded (generous: 8 MiB).
    assert end - mid < 8 * 1024 * 1024, (base, mid, end)
    # The separate calls are cold: no result cache. The reused Checker's rows are poisoned to prove it
    # (a call answered from them would carry the poison note and differ).
    assert poison_result_cache(tmp_path) == len(DOCS)
    cold = config.replace(cache=False)
    separate = [mtqa.check(target=t, backtranslation=b, config=cold).documents[0] for t, b in DOCS[:60]]
    assert not any(POISON in d.notes for d in separate)
    assert [d.flags for d in first] + rest[:10] == [d.flags for d in separate]


def test_quality_threshold_is_part_of_the_verdict() -> None:
    text = "مجلس مجلس الأمن اجتمع"  # one minor flag in four words: score 75
    lenient = mtqa.Config(use_model=False, fail_on="critical")
    assert mtqa.check(target=text, config=lenient).passed
    strict = lenient.replace(thresholds=mtqa.Thresholds(quality=80.0))
    report = mtqa.check(target=text, config=strict)
    assert report.documents[0].quality["score"] == 75.0
    assert not report.passed
