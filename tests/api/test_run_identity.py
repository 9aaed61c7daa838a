"""What identifies a run: the model's files, every threshold and every severity.

A model replaced in place (same path, new files) must be translated, cached and converted anew,
in the same process too; any threshold or severity change must change the report signature and the
result-cache key, so that no stale result is ever served.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from fixtures_models import build_tiny_marian, read_heldout

import mtqa
from mtqa.checks import rules
from mtqa.config import Thresholds
from mtqa.result_cache import ResultCache
from mtqa.translate._engine import Seq2SeqTranslator
from mtqa.types import SEVERITIES

PAIRS = read_heldout()[:3]
AR = [a for a, _ in PAIRS]
EN = [e for _, e in PAIRS]


def _backtranslations(report: mtqa.Report) -> list[str | None]:
    return [s.backtranslation for d in report.documents for s in d.segments]


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["marian", "ct2"])
def test_a_model_replaced_in_place_is_translated_anew(backend: str, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    model = build_tiny_marian(tmp_path / "model", seed=0)
    config = mtqa.Config(model=str(model), backend=backend, cache_dir=str(tmp_path / "cache"), reverse_model=None,
                         require_model=True, progress=False)
    first = mtqa.Checker(config).check(target=AR, source=EN)
    # What the new model says, computed cold in a cache of its own.
    other = build_tiny_marian(tmp_path / "other", seed=1)
    expected = mtqa.Checker(config.replace(model=str(other), cache_dir=str(tmp_path / "cold"))).check(
        target=AR, source=EN)
    assert _backtranslations(expected) != _backtranslations(first)

    calls: list[int] = []
    real_run = Seq2SeqTranslator.translate

    def counting(self: Seq2SeqTranslator, texts: list[str]) -> object:
        calls.append(len(texts))
        return real_run(self, texts)

    monkeypatch.setattr(Seq2SeqTranslator, "translate", counting)
    shutil.copy2(other / "model.safetensors", model / "model.safetensors")  # same path, new weights
    second = mtqa.Checker(config).check(target=AR, source=EN)

    assert calls, "the replaced model was never asked: a cache answered for the old one"
    assert _backtranslations(second) == _backtranslations(expected)
    assert second.model["translator"] != first.model["translator"]
    assert second.signature != first.signature
    if backend == "ct2":  # converted again, into the new revision's own directory
        from mtqa.translate.factory import load_translator
        from mtqa.translate.resolve import model_identity

        translator = load_translator(model, backend="ct2", device="cpu")
        revision = model_identity(model)[1]
        assert revision in translator.converted.name  # type: ignore[attr-defined]
        assert revision in second.model["translator"]


def _variants() -> list[tuple[str, float]]:
    """For every threshold, a valid value other than its default."""
    out = []
    for field in dataclasses.fields(Thresholds):
        value = float(getattr(Thresholds(), field.name))
        out.append((field.name, value - 0.5 if field.name == "logprob" else value + 0.5))
    return out


def _run_identity(config: mtqa.Config) -> tuple[str, str]:
    checker = mtqa.Checker(config)
    doc = mtqa.Document(target=AR, source=EN, backtranslation=EN)
    return checker.signature(), ResultCache.key(doc, checker._run_key())


BASE = mtqa.Config(use_model=False, progress=False)


@pytest.mark.parametrize(("name", "value"), _variants(), ids=[n for n, _ in _variants()])
def test_every_threshold_is_in_the_signature_and_the_result_key(name: str, value: float) -> None:
    changed = BASE.replace(thresholds=dataclasses.replace(BASE.thresholds, **{name: value}))
    signature, key = _run_identity(BASE)
    signature2, key2 = _run_identity(changed)
    assert signature2 != signature
    assert key2 != key


@pytest.mark.parametrize("rule", [r.id for r in rules()])
def test_every_severity_override_is_in_the_signature_and_the_result_key(rule: str) -> None:
    default = next(r.severity for r in rules() if r.id == rule)
    other = next(s for s in SEVERITIES if s != default)
    signature, key = _run_identity(BASE)
    signature2, key2 = _run_identity(BASE.replace(severity={rule: other}))
    assert signature2 != signature
    assert key2 != key


def test_thresholds_of_the_signature_follow_their_declaration() -> None:
    # The signature spells out every threshold (not a hash), so a reader can see which one moved.
    signature = mtqa.Checker(BASE).signature()
    values = "/".join(f"{getattr(BASE.thresholds, f.name):g}" for f in dataclasses.fields(Thresholds))
    assert f"|thresholds:{values}|" in signature
