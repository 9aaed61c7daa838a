"""Back-translation with CTranslate2 (``pip install 'mtqa[fast]'``): int8, several times faster on a CPU.

The same Hugging Face Marian directory is converted once and kept under the cache directory,
keyed by a hash of the model files, so editing or replacing the model converts it again.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import shutil
import tempfile
import weakref
from pathlib import Path
from typing import Any

from mtqa.errors import ModelUnavailable
from mtqa.translate._engine import RawOutput, Seq2SeqTranslator, alignment_layer
from mtqa.translate._pieces import Encoded
from mtqa.translate.marian import quiet_loading
from mtqa.translate.resolve import model_identity, model_json, model_problems

__all__ = ["CTranslate2Translator", "convert", "usable_cores"]

log = logging.getLogger(__name__)

INSTALL_HINT = "the CTranslate2 backend needs ctranslate2: pip install 'mtqa[fast]'"
_VOCAB_FILES = ("vocab.json", "target_vocab.json", "source.spm", "target.spm", "tokenizer_config.json")
_MARKER = "mtqa-model.json"
#: Target tokens per ``score_batch`` chunk: its log-softmax matrix is tokens × vocabulary floats
#: (64 MB with opus-mt's 62,802 pieces; 1024 tokens kept ct2's peak memory over 1 GB in speed.py).
_SCORE_TOKENS = 256


def _import_ct2() -> Any:
    try:
        import ctranslate2
    except ImportError:
        raise ModelUnavailable(INSTALL_HINT) from None
    return ctranslate2


def convert(model_dir: str | Path, output_dir: str | Path | None = None, quantization: str = "int8") -> Path:
    """Convert a Hugging Face Marian directory to CTranslate2; returns the converted directory.

    Without ``output_dir`` the result is cached under ``<cache dir>/ct2/`` and reused. The
    conversion keeps the cross-attention of :func:`alignment_layer` (all heads averaged) so that
    alignments match the Marian backend's.
    """
    source = Path(model_dir)
    if problems := model_problems(source):
        raise ModelUnavailable(f"cannot convert {source}: " + "; ".join(problems), model=str(source),
                               tried=tuple(problems), broken=True)
    model_id, revision = model_identity(source)
    if output_dir is None:
        from mtqa.translate.cache import default_cache_dir

        target = default_cache_dir() / "ct2" / f"{model_id.replace('/', '--')}-{revision}-{quantization}"
    else:
        target = Path(output_dir)
    config = model_json(source / "config.json")
    layer = alignment_layer(int(config.get("decoder_layers", 6)))
    heads = int(config.get("decoder_attention_heads", 8))
    # Anything that changes the converted files is in the marker, so a change converts again.
    marker: dict[str, str | int] = {"model": model_id, "revision": revision, "quantization": quantization,
                                    "alignment_layer": layer, "alignment_heads": heads}
    if _is_converted(target, marker):
        return target
    ct2 = _import_ct2()

    base: Any = ct2.converters.TransformersConverter

    class _Converter(base):  # type: ignore[misc]
        def _load(self) -> Any:
            spec = super()._load()
            # CTranslate2 returns the attention of one decoder layer, first head by default;
            # average all heads of the layer the Marian backend reads, so alignments agree.
            spec.decoder.alignment_layer = _int16(layer)
            spec.decoder.alignment_heads = _int16(heads)
            return spec

    target.parent.mkdir(parents=True, exist_ok=True)
    # Convert into a sibling temporary directory and rename: two processes converting at once
    # each produce a whole model, and readers never see a half-written one.
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        out = work / "model"
        try:
            with quiet_loading():
                _Converter(str(source)).convert(str(out), quantization=quantization)
        except (OSError, ValueError, RuntimeError, NotImplementedError) as exc:
            raise ModelUnavailable(f"cannot convert {source} to CTranslate2: {exc}", model=str(source)) from None
        for name in _VOCAB_FILES:
            if (source / name).is_file():
                shutil.copy2(source / name, out / name)
        shutil.copy2(source / "config.json", out / "hf_config.json")
        (out / _MARKER).write_text(json.dumps(marker), encoding="utf-8")
        if target.exists():
            if _is_converted(target, marker):
                return target  # another process won the race
            shutil.rmtree(target, ignore_errors=True)  # a stale or half-deleted conversion
        try:
            os.replace(out, target)
        except OSError as exc:
            if not _is_converted(target, marker):  # unless another process just put it there
                raise ModelUnavailable(f"cannot write the converted model to {target}: {exc}",
                                       model=str(source)) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


_open: weakref.WeakSet[CTranslate2Translator] = weakref.WeakSet()
_hooked: list[bool] = []


def _release_at_exit(translator: CTranslate2Translator) -> None:
    # A CTranslate2 model that has run a Python callback and is still alive when the interpreter
    # finalizes can abort the process ("terminate called without an active exception", exit 134);
    # freeing every model from an atexit hook, while Python is still whole, avoids that.
    if not _hooked:
        atexit.register(_release_all)
        _hooked.append(True)
    _open.add(translator)


def _release_all() -> None:
    for translator in list(_open):
        translator.close()


def usable_cores() -> int:
    """Cores this process may run on (a CI container's CPU affinity, not the host's core count), or
    fewer when ``OMP_NUM_THREADS`` says so, as PyTorch reads it (a Ray actor's share of a machine)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    try:
        threads = int(os.environ.get("OMP_NUM_THREADS", ""))
    except ValueError:
        return cores
    return max(1, min(cores, threads))


def _int16(value: int) -> Any:
    import numpy as np

    return np.dtype("int16").type(value)


def _is_converted(path: Path, marker: dict[str, str | int]) -> bool:
    try:
        return bool(json.loads((path / _MARKER).read_text("utf-8")) == marker and (path / "model.bin").is_file())
    except (OSError, ValueError):
        return False


class CTranslate2Translator(Seq2SeqTranslator):
    """A Marian model run by CTranslate2, converted from ``model_dir`` on first use (see :func:`convert`).

    Returns the same shape as :class:`~mtqa.translate.marian.MarianTranslator`: per-token
    log-probabilities (scored by the model on its own output) and attention-based word alignments.
    """

    def __init__(self, model_dir: str | Path, *, device: str = "auto", beams: int = 1,
                 batch_tokens: int = 4096, alignments: bool = True, target_lang: str | None = None,
                 max_input_tokens: int | None = None, quantization: str = "int8",
                 converted_dir: str | Path | None = None) -> None:
        ct2 = _import_ct2()
        source = Path(model_dir)
        converted = convert(source, converted_dir, quantization=quantization)
        self.quantization = quantization
        self.device = device if device != "auto" else ("cuda" if ct2.get_cuda_device_count() > 0 else "cpu")
        # int8 weights saved from a float16 checkpoint default to int8_float16, which CPUs lack.
        compute_type = "int8" if self.device == "cpu" and quantization.startswith("int8") else "default"
        for attempt in (1, 2):
            try:
                self._init_from_files(converted, "hf_config.json", identity=source, target_lang=target_lang,
                                      beams=beams, batch_tokens=batch_tokens, alignments=alignments,
                                      max_input_tokens=max_input_tokens)
                # One batch at a time (mtqa sends them in order), each using every core it may run on.
                self.translator = ct2.Translator(str(converted), device=self.device, compute_type=compute_type,
                                                 inter_threads=1, intra_threads=usable_cores())
                break
            except (ModelUnavailable, OSError, RuntimeError, ValueError) as exc:
                if attempt == 1:
                    # A conversion that does not load (a copy cut short, a full disk while writing, a
                    # file of it lost): converted again once, from the user's model, instead of
                    # leaving every later run without its model.
                    log.warning("the CTranslate2 conversion %s does not load (%s); converting again",
                                converted, str(exc).strip().split("\n", 1)[0])
                    shutil.rmtree(converted, ignore_errors=True)
                    if converted.is_file():
                        converted.unlink()
                    converted = convert(source, converted_dir, quantization=quantization)
                    continue
                raise ModelUnavailable(f"cannot load the CTranslate2 model in {converted}: {exc}",
                                       model=str(source), broken=True) from None
        self.converted = converted
        _release_at_exit(self)

    def close(self) -> None:
        """Free the model now (it is also freed at interpreter exit)."""
        self.translator = None

    def signature(self) -> str:
        return self._signature_for(f"ct2-{self.quantization}", self.model_id, self.revision, self.beams,
                                   self.layer)

    def _run(self, batch: list[Encoded]) -> list[RawOutput]:
        if self.translator is None:
            raise ModelUnavailable("this CTranslate2 translator was closed", model=str(self.path))
        # Converted Marian models do not add the EOS themselves (add_source_eos is false), so the
        # pieces go in as the HF tokenizer would give them, EOS included; unknown ones become <unk>.
        sources = [list(e.pieces) for e in batch]
        width = max(len(e) for e in batch)
        forced = [self.forced_length(len(e)) for e in batch]
        lengths = {"max_decoding_length": self.max_new_tokens(width)}
        if forced[0] is not None:
            # At most as many decoding steps as the Marian backend; greedy rows stop at their own
            # length plus one step (where a real model's EOS would be), as CTranslate2 drops
            # finished rows from the batch; each row is cut to its length.
            total = max(f or 0 for f in forced) + 1
            lengths = {"min_decoding_length": total, "max_decoding_length": total}
        greedy = self.beams == 1
        streamed: list[list[float]] = [[] for _ in batch]

        def record(step: Any) -> bool:
            row = streamed[step.batch_id]
            row.append(float(step.log_prob))
            limit = forced[step.batch_id]
            return limit is not None and len(row) > limit  # True stops this row only

        # Greedy decoding reports each token's log-probability as it goes (return_scores turns
        # that on); beam search only knows whole-hypothesis scores, so its output is scored again.
        results = self.translator.translate_batch(
            sources, beam_size=self.beams, return_attention=self.alignments, max_input_length=0, sampling_topk=1,
            return_scores=greedy, callback=record if greedy else None, **lengths)
        hypotheses = [list(r.hypotheses[0])[:f] for r, f in zip(results, forced, strict=True)]
        if greedy:
            scores = streamed
        else:
            scores = [list(s.log_probs) for s in self.translator.score_batch(sources, hypotheses, max_input_length=0)]
        outputs: list[RawOutput] = []
        for encoded, result, pieces, score in zip(batch, results, hypotheses, scores, strict=True):
            logprobs = [float(x) for x in score[: len(pieces)]]
            rows = None
            if self.alignments:
                rows = [list(row[: len(encoded)]) for row in result.attention[0][: len(pieces)]]
            outputs.append(RawOutput(pieces, logprobs, rows))
        return outputs

    def _score(self, batch: list[tuple[Encoded, Encoded]]) -> list[RawOutput]:
        """``score_batch``: log-probabilities only (it returns no attention; see :meth:`_attend`)."""
        if self.translator is None:
            raise ModelUnavailable("this CTranslate2 translator was closed", model=str(self.path))
        known = self.vocab.target_index
        sources = [list(source.pieces) for source, _ in batch]
        # score_batch appends the EOS itself and scores it last; unknown pieces score as <unk>.
        targets = [[p if p in known else "<unk>" for p in target.pieces[:-1]] for _, target in batch]
        # The scorer holds a (tokens × vocabulary) float matrix per batch: chunks of at most
        # _SCORE_TOKENS target tokens bound it.
        results = self.translator.score_batch(sources, targets, max_input_length=0,
                                              max_batch_size=_SCORE_TOKENS, batch_type="tokens")
        return [RawOutput(list(target.pieces), [float(x) for x in r.log_probs], None)
                for (_, target), r in zip(batch, results, strict=True)]

    def _attend(self, batch: list[tuple[Encoded, Encoded]]) -> list[list[list[float]]]:
        """Attention rows of given outputs: the outputs forced as a target prefix, each row stopped
        once its prefix is read (CTranslate2 returns the prefix's attention; ``score_batch`` does not)."""
        if self.translator is None:
            raise ModelUnavailable("this CTranslate2 translator was closed", model=str(self.path))
        known = self.vocab.target_index
        sources = [list(source.pieces) for source, _ in batch]
        prefixes = [[p if p in known else "<unk>" for p in target.pieces[:-1]] for _, target in batch]
        lengths = [len(p) for p in prefixes]

        def stop(step: Any) -> bool:
            return bool(step.step >= lengths[step.batch_id] - 1)

        results = self.translator.translate_batch(
            sources, target_prefix=prefixes, beam_size=1, return_attention=True, max_input_length=0,
            max_decoding_length=max(lengths) + 1, callback=stop)
        return [[list(row[:len(source)]) for row in r.attention[0][:n]]
                for (source, _), r, n in zip(batch, results, lengths, strict=True)]
