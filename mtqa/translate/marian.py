"""Back-translation with a Marian model through Hugging Face transformers (torch)."""

from __future__ import annotations

import importlib
import json
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mtqa.errors import ModelUnavailable
from mtqa.translate._engine import RawOutput, Seq2SeqTranslator, alignment_layer
from mtqa.translate._pieces import Encoded, MarianVocab
from mtqa.translate.resolve import model_identity, model_problems

__all__ = ["MarianTranslator", "pick_device", "quiet_loading"]


def pick_device(device: str) -> str:
    """'auto' means CUDA when torch sees a GPU, else the CPU."""
    if device != "auto":
        return device
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


@contextmanager
def quiet_loading() -> Iterator[None]:
    """No transformers progress bars or sacremoses nags while loading; mtqa reports its own progress."""
    hf_logging: Any = importlib.import_module("transformers.utils.logging")
    bars = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*sacremoses.*")
            yield
    finally:
        if bars:
            hf_logging.enable_progress_bar()


class MarianTranslator(Seq2SeqTranslator):
    """A Marian MT model loaded from a local directory (see :func:`mtqa.translate.resolve.resolve_model`).

    Greedy decoding by default (``beams=1``), deterministic, batched by length under a token
    budget. With ``alignments`` (the default) the model runs with eager attention so that the
    cross-attention of :func:`alignment_layer` can be read back and turned into word alignments.
    ``target_lang`` selects the output language of multi-target models (``"ara"`` for opus-mt-en-ar).
    """

    def __init__(self, model_dir: str | Path, *, device: str = "auto", beams: int = 1,
                 batch_tokens: int = 4096, alignments: bool = True, target_lang: str | None = None,
                 max_input_tokens: int | None = None) -> None:
        path = Path(model_dir)
        if problems := model_problems(path):
            raise ModelUnavailable(f"cannot load {path}: " + "; ".join(problems), model=str(path),
                                   tried=tuple(problems))
        try:
            import torch
            from transformers import MarianMTModel
        except ImportError as exc:
            raise ModelUnavailable(f"the Marian backend needs torch and transformers ({exc}): "
                                   "pip install mtqa", model=str(path)) from None
        config = json.loads((path / "config.json").read_text("utf-8"))
        vocab = MarianVocab(path, target_lang=target_lang)
        limit = min(int(config.get("max_position_embeddings", 512)), vocab.max_length)
        super().__init__(vocab, batch_tokens=batch_tokens, alignments=alignments,
                         max_input_tokens=max_input_tokens or limit, max_positions=limit)
        self.path = path
        self.device = pick_device(device)
        self.beams = beams
        self.layer = alignment_layer(int(config.get("decoder_layers", 6)))
        self.model_id, self.revision = model_identity(path)
        try:
            with quiet_loading():
                # A concrete class, so no code from the model directory ever runs (trust_remote_code
                # does not apply); safetensors only, and float32 whatever the checkpoint stores.
                model: Any = MarianMTModel.from_pretrained(
                    path, use_safetensors=True, local_files_only=True, dtype=torch.float32,
                    attn_implementation="eager" if alignments else "sdpa")
        except (OSError, ValueError, RuntimeError) as exc:
            raise ModelUnavailable(f"cannot load the Marian model in {path}: {exc}", model=str(path)) from None
        # The output length is set per batch (max_new_tokens); a max_length from the model's
        # generation config would only clash with it.
        model.generation_config.max_length = None
        self.model = model.to(self.device).eval()

    def signature(self) -> str:
        parts = [f"marian:{self.model_id}@{self.revision}", f"beams:{self.beams}",
                 "greedy" if self.beams == 1 else "beam"]
        if self.vocab.prefix:
            parts.append(f"tgt:{self.vocab.prefix[0]}")
        if self.alignments:
            parts.append(f"align:L{self.layer}")
        return "|".join(parts)

    def _run(self, batch: list[Encoded]) -> list[RawOutput]:
        import torch

        pad = self.vocab.pad_id
        width = max(len(e) for e in batch)
        ids = torch.tensor([list(e.ids) + [pad] * (width - len(e)) for e in batch], device=self.device)
        mask = (ids != pad).long()
        with torch.inference_mode():
            generated = self.model.generate(
                input_ids=ids, attention_mask=mask, num_beams=self.beams, do_sample=False,
                max_new_tokens=self.max_new_tokens(width), output_scores=True, return_dict_in_generate=True,
                bad_words_ids=[[pad]], num_return_sequences=1)
            sequences = generated.sequences
            scores = self.model.compute_transition_scores(
                sequences, generated.scores, getattr(generated, "beam_indices", None), normalize_logits=True)
            attention = None
            if self.alignments:
                # One teacher-forced pass over the chosen output gives cross-attention free of beam
                # bookkeeping; decoder row t-1 is the step that predicted sequences[:, t].
                forward = self.model(input_ids=ids, attention_mask=mask, decoder_input_ids=sequences[:, :-1],
                                     output_attentions=True)
                attention = forward.cross_attentions[self.layer].mean(dim=1).float().cpu()
        sequences = sequences.cpu()
        scores = scores.float().cpu()
        outputs: list[RawOutput] = []
        for b, encoded in enumerate(batch):
            pieces: list[str] = []
            logprobs: list[float] = []
            rows: list[list[float]] = []
            # sequences start with the decoder start token, which has no score of its own.
            offset = sequences.shape[1] - scores.shape[1]
            for t in range(offset, sequences.shape[1]):
                token = int(sequences[b, t])
                if token in (self.vocab.eos_id, pad):
                    break
                pieces.append(self.vocab.target_piece(token))
                logprobs.append(float(scores[b, t - offset]))
                if attention is not None:
                    rows.append(attention[b, t - 1, : len(encoded)].tolist())
            outputs.append(RawOutput(pieces, logprobs, rows if attention is not None else None))
        return outputs
