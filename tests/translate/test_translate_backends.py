"""Both model backends on a tiny random Marian model: the loading path, shapes, batching, cache."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures_models import TOY_EN_AR

from mtqa.config import Config
from mtqa.errors import ModelUnavailable
from mtqa.translate import CachedTranslator, Translation, Translator, build_translators, resolve_model
from mtqa.translate.ct2 import CTranslate2Translator, convert
from mtqa.translate.factory import load_translator
from mtqa.translate.marian import MarianTranslator

TEXTS = [
    "التقى وزير الخارجية الأردني بنظيره الفرنسي في عمان يوم الخميس",
    "عقد الاجتماع في بيروت في مارس بحضور 25 مندوبا",
    "",
    "التقى وزير الخارجية الأردني بنظيره الفرنسي في عمان يوم الخميس",
]
BACKENDS = ["marian", "ct2"]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def tiny(tiny_model_dir: Path, backend: str) -> Translator:
    return load_translator(resolve_model(str(tiny_model_dir)), backend=backend, device="cpu")


def check_shape(tr: Translation, source: str) -> None:
    n = len(tr.tokens)
    assert len(tr.token_spans) == len(tr.token_logprobs) == len(tr.alignment) == n
    for token, span in zip(tr.tokens, tr.token_spans, strict=True):
        if span is not None:
            assert tr.text[span[0]:span[1]] == token.lstrip("▁").replace("<unk>", "⁇")
    assert all(lp <= 1e-4 for lp in tr.token_logprobs)
    words = {(m.start(), m.end()) for m in re.finditer(r"\S+", source)}
    assert all(a in words for a in tr.alignment if a is not None)
    if n:
        assert any(a is not None for a in tr.alignment)


def test_translates_every_segment_with_tokens_logprobs_alignment(tiny: Translator) -> None:
    out = tiny.translate(TEXTS)
    assert len(out) == len(TEXTS)
    assert out[0] == out[3]
    assert out[2] == Translation(text="")
    for tr, source in zip(out, TEXTS, strict=True):
        check_shape(tr, source)
    assert out[0].text and out[1].text
    assert out[0].mean_logprob is not None


def test_deterministic_and_batch_independent(tiny: Translator) -> None:
    together = tiny.translate(TEXTS[:2])
    alone = [tiny.translate([t])[0] for t in TEXTS[:2]]
    assert [t.text for t in together] == [t.text for t in alone]
    assert together == tiny.translate(TEXTS[:2])


def test_signature(tiny: Translator, backend: str, tiny_model_dir: Path) -> None:
    prefix = "marian" if backend == "marian" else "ct2-int8"
    assert re.fullmatch(rf"{prefix}:{tiny_model_dir.name}@[0-9a-f]{{12}}\|beams:1\|greedy\|align:L1",
                        tiny.signature())


def test_beams_change_the_signature(tiny_model_dir: Path, backend: str) -> None:
    tr = load_translator(tiny_model_dir, backend=backend, device="cpu", beams=3)
    assert "|beams:3|beam" in tr.signature()
    check_shape(tr.translate(TEXTS[:1])[0], TEXTS[0])


def test_over_long_input_is_split_not_truncated(tiny_model_dir: Path, backend: str) -> None:
    cls = MarianTranslator if backend == "marian" else CTranslate2Translator
    tr = cls(tiny_model_dir, device="cpu", max_input_tokens=12)
    long = "، ".join(TEXTS[:2] * 3)
    [out] = tr.translate([long])
    assert out.notes and re.search(r"split into \d+ parts", out.notes[0])
    check_shape(out, long)
    # Alignments reach the end of the input: later parts map back with their offsets.
    assert max(a[1] for a in out.alignment if a) > len(long) // 2


def test_model_limit_comes_from_the_config(tiny_model_dir: Path) -> None:
    tr = MarianTranslator(tiny_model_dir, device="cpu")
    assert tr.max_input_tokens == 64  # max_position_embeddings and model_max_length of the tiny model


def test_build_translators_with_cache(tiny_model_dir: Path, backend: str, tmp_path: Path) -> None:
    config = Config(model=str(tiny_model_dir), reverse_model=None, backend=backend, device="cpu",
                    cache_dir=str(tmp_path))
    forward, reverse = build_translators(config)
    assert reverse is None
    assert isinstance(forward, CachedTranslator)
    engine = forward.inner
    before = engine.texts_translated  # type: ignore[attr-defined]
    first = forward.translate(TEXTS)
    assert forward.misses == 3  # the blank line goes through too (it costs no model batch)
    # A second run, as a new process would build it: served from the cache, no model call.
    again, _ = build_translators(config)
    assert again is not forward and isinstance(again, CachedTranslator)
    calls = engine.calls  # type: ignore[attr-defined]
    assert again.translate(TEXTS) == first
    assert (again.hits, again.misses) == (3, 0)
    assert engine.calls == calls  # type: ignore[attr-defined]
    assert engine.texts_translated == before + 2  # type: ignore[attr-defined]


def test_build_translators_without_cache_and_with_reverse(tiny_model_dir: Path, tmp_path: Path) -> None:
    # the tiny model again, declared en->ar (a model of the wrong direction is refused: below)
    reverse_dir = shutil.copytree(tiny_model_dir, tmp_path / "reverse")
    settings = json.loads((reverse_dir / "tokenizer_config.json").read_text(encoding="utf-8"))
    (reverse_dir / "tokenizer_config.json").write_text(json.dumps({**settings, "source_lang": "en",
                                                                   "target_lang": "ar"}), encoding="utf-8")
    config = Config(model=str(tiny_model_dir), reverse_model=str(reverse_dir), device="cpu", cache=False)
    forward, reverse = build_translators(config)
    assert isinstance(forward, MarianTranslator) and isinstance(reverse, MarianTranslator)
    assert forward is not reverse  # the reverse one runs without alignments


def test_a_model_of_the_wrong_direction_is_refused(tiny_model_dir: Path) -> None:
    # an en->ar model given as the back-translation model "back-translated" into Arabic, and every
    # sentence read as omitted
    with pytest.raises(ModelUnavailable, match="must translate ar->en") as exc:
        build_translators(Config(model=str(TOY_EN_AR), device="cpu", cache=False))
    assert exc.value.broken
    _, reverse = build_translators(Config(model=str(tiny_model_dir), reverse_model=str(tiny_model_dir),
                                          device="cpu", cache=False))
    assert reverse is None  # an ar->en model is no round-trip model: the round trip is off


def test_unavailable_reverse_model_only_turns_the_round_trip_off(
        tiny_model_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = Config(model=str(tiny_model_dir), reverse_model=str(tmp_path / "missing"), device="cpu", cache=False)
    forward, reverse = build_translators(config)
    assert reverse is None and forward is not None
    assert "round trip off" in caplog.text


def test_unavailable_forward_model_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    with pytest.raises(ModelUnavailable, match="mtqa models download"):
        build_translators(Config(device="cpu"))


def test_ct2_conversion_is_cached_by_model_hash(tiny_model_dir: Path, tmp_path: Path) -> None:
    first = convert(tiny_model_dir)
    stamp = (first / "model.bin").stat().st_mtime_ns
    assert convert(tiny_model_dir) == first
    assert (first / "model.bin").stat().st_mtime_ns == stamp
    explicit = convert(tiny_model_dir, tmp_path / "out", quantization="int8")
    assert (explicit / "model.bin").is_file() and (explicit / "source.spm").is_file()


def test_ct2_missing_gives_an_install_hint(tiny_model_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ctranslate2", None)
    with pytest.raises(ModelUnavailable, match=r"pip install 'mtqa\[fast\]'"):
        CTranslate2Translator(tiny_model_dir, converted_dir=tiny_model_dir / "nope")


def test_import_mtqa_translate_imports_no_heavy_library() -> None:
    code = ("import sys, mtqa.translate, mtqa.translate.marian, mtqa.translate.ct2; "
            "print([m for m in ('torch', 'transformers', 'ctranslate2') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_an_unavailable_reverse_model_is_one_warning_line(tiny_model_dir: Path, tmp_path: Path,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    import logging

    config = Config(model=str(tiny_model_dir), reverse_model=str(tmp_path / "missing"), device="cpu", cache=False)
    with caplog.at_level(logging.WARNING):
        build_translators(config)
    (warning,) = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert "round trip off" in warning.getMessage() and "\n" not in warning.getMessage()
    with caplog.at_level(logging.INFO):
        build_translators(config)
    assert "To fix it, one of:" in caplog.text  # the explanation, for -v
