"""Back-translation with a Marian model through Hugging Face transformers (torch)."""

from __future__ import annotations

import importlib
import os
import sys
import warnings
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mtqa.errors import ModelUnavailable
from mtqa.translate._engine import RawOutput, Seq2SeqTranslator
from mtqa.translate._pieces import Encoded
from mtqa.translate.resolve import model_problems

__all__ = ["ENCODER_MEMORY_TOKENS", "MarianTranslator", "pick_device", "quiet_loading"]

#: Input tokens whose encoder states are kept for scoring (opus-mt: 2 KB each, so 128 MB at most).
ENCODER_MEMORY_TOKENS = 65536


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
    budget. With ``alignments`` (the default) the cross-attention of :func:`alignment_layer` is
    computed after generation, in one teacher-forced pass, and turned into word alignments.
    ``target_lang`` selects the output language of multi-target models (``"ara"`` for opus-mt-en-ar).
    """

    def __init__(self, model_dir: str | Path, *, device: str = "auto", beams: int = 1,
                 batch_tokens: int = 4096, alignments: bool = True, target_lang: str | None = None,
                 max_input_tokens: int | None = None) -> None:
        path = Path(model_dir)
        if problems := model_problems(path):
            raise ModelUnavailable(f"cannot load {path}: " + "; ".join(problems), model=str(path),
                                   tried=tuple(problems), broken=True)
        if "torch" not in sys.modules:
            # OpenMP threads that spin while waiting collapse on a shared machine (a CI runner, other
            # jobs): two spinning threads on two busy cores decode 3-7x slower than with passive
            # waiting. Only a default, and only before OpenMP starts; the user's setting wins.
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            import torch
            from transformers import MarianMTModel
        except ImportError as exc:
            raise ModelUnavailable(f"the Marian backend needs torch and transformers ({exc}): "
                                   "pip install mtqa", model=str(path)) from None
        self._init_from_files(path, "config.json", identity=path, target_lang=target_lang, beams=beams,
                              batch_tokens=batch_tokens, alignments=alignments, max_input_tokens=max_input_tokens)
        self.device = pick_device(device)
        try:
            with quiet_loading():
                # A concrete class, so no code from the model directory ever runs (trust_remote_code
                # does not apply); safetensors only, and float32 whatever the checkpoint stores.
                model: Any = MarianMTModel.from_pretrained(
                    path, use_safetensors=True, local_files_only=True, dtype=torch.float32,
                    attn_implementation="sdpa")
        except (OSError, ValueError, RuntimeError) as exc:
            raise ModelUnavailable(f"cannot load the Marian model in {path}: {exc}", model=str(path)) from None
        # The output length is set per batch (max_new_tokens); a max_length from the model's
        # generation config would only clash with it.
        model.generation_config.max_length = None
        self.model = model.to(self.device).eval()
        # Encoder states of recent inputs, by their ids: scoring a source right after
        # back-translating the same Arabic (source support) then skips the encoder, about a third
        # of a forced pass. Bounded by ENCODER_MEMORY_TOKENS input tokens, oldest dropped first.
        self._memory: OrderedDict[tuple[int, ...], Any] = OrderedDict()
        self._memory_tokens = 0

    def signature(self) -> str:
        return self._signature_for("marian", self.model_id, self.revision, self.beams, self.layer)

    def _run(self, batch: list[Encoded]) -> list[RawOutput]:
        import torch

        pad = self.vocab.pad_id
        width = max(len(e) for e in batch)
        ids = torch.tensor([list(e.ids) + [pad] * (width - len(e)) for e in batch], device=self.device)
        mask = (ids != pad).long()
        forced = [self.forced_length(len(e)) for e in batch]
        lengths: dict[str, int] = {"max_new_tokens": self.max_new_tokens(width)}
        if forced[0] is not None:
            # One more step than the longest forced output: the model's forced EOS lands there.
            steps = max(f or 0 for f in forced) + 1
            lengths = {"min_new_tokens": steps, "max_new_tokens": steps}
        with torch.inference_mode():
            # The encoder runs once; generation and the alignment pass both reuse its output.
            encoded = self.model.get_encoder()(input_ids=ids, attention_mask=mask)
            self._remember(batch, encoded.last_hidden_state)
            sequences, scores = self._generate(ids, mask, encoded, lengths)
            attention = None
            if self.alignments:
                # A teacher-forced pass over the chosen output gives cross-attention free of beam
                # bookkeeping; decoder row t-1 is the step that predicted sequences[:, t].
                attention = self._cross_attention(encoded.last_hidden_state, mask, sequences[:, :-1]).cpu()
        # sequences start with the decoder start token, which has no score of its own.
        offset = sequences.shape[1] - scores.shape[1]
        tokens: list[list[int]] = sequences.cpu().tolist()
        token_scores: list[list[float]] = scores.float().cpu().tolist()
        outputs: list[RawOutput] = []
        for b, source in enumerate(batch):
            pieces: list[str] = []
            logprobs: list[float] = []
            for t in range(offset, len(tokens[b])):
                token = tokens[b][t]
                if token in (self.vocab.eos_id, pad) or len(pieces) == forced[b]:
                    break
                pieces.append(self.vocab.target_piece(token))
                logprobs.append(token_scores[b][t - offset])
            rows = None
            if attention is not None:
                rows = attention[b, offset - 1: offset - 1 + len(pieces), : len(source)].tolist()
            outputs.append(RawOutput(pieces, logprobs, rows))
        return outputs

    def _generate(self, ids: Any, mask: Any, encoded: Any, lengths: dict[str, int]) -> tuple[Any, Any]:
        """Generated ids (decoder start first) and the log-probability of each generated token."""
        from transformers import LogitsProcessorList

        options: dict[str, Any] = dict(
            input_ids=ids, attention_mask=mask, num_beams=self.beams, do_sample=False,
            bad_words_ids=[[self.vocab.pad_id]], num_return_sequences=1, return_dict_in_generate=True, **lengths)
        if self.beams > 1:  # beam search expands the encoder output itself; let it run the encoder
            generated = self.model.generate(output_scores=True, **options)
            scores = self.model.compute_transition_scores(
                generated.sequences, generated.scores, generated.beam_indices, normalize_logits=True)
            return generated.sequences, scores
        # Greedy picks the best processed score, so its log-probability is that score minus the
        # log-sum-exp: two numbers per row and step instead of keeping every step's full logits.
        recorder = _GreedyLogprobs()
        generated = self.model.generate(logits_processor=LogitsProcessorList([recorder]), encoder_outputs=encoded,
                                        **options)
        return generated.sequences, recorder.stacked(generated.sequences.shape[0])

    def _cross_attention(self, memory: Any, mask: Any, decoder_ids: Any) -> Any:
        """Cross-attention of :attr:`layer`, heads averaged: (batch, output step, input token).

        The decoder runs only up to that layer (a hook captures the layer's query input and stops
        the pass), and the attention weights of that one layer are computed here, so generation
        can use the fast attention kernels that do not return weights.
        """
        captured: list[Any] = []
        handle = self._alignment_attention().register_forward_pre_hook(_grab(captured, stop=True), with_kwargs=True)
        try:
            self.model.get_decoder()(input_ids=decoder_ids, encoder_hidden_states=memory,
                                     encoder_attention_mask=mask, use_cache=False)
        except _Captured:
            pass
        finally:
            handle.remove()
        return self._attention_weights(captured[0], memory, mask)

    def _alignment_attention(self) -> Any:
        return self.model.get_decoder().layers[self.layer].encoder_attn

    def _attention_weights(self, hidden: Any, memory: Any, mask: Any) -> Any:
        """The alignment layer's cross-attention weights for its query input ``hidden``, heads averaged."""
        import torch

        attention = self._alignment_attention()
        batch, steps, _ = hidden.shape
        heads, size = attention.num_heads, attention.head_dim
        query = attention.q_proj(hidden).view(batch, steps, heads, size).transpose(1, 2)
        key = attention.k_proj(memory).view(batch, -1, heads, size).transpose(1, 2)
        weights = torch.matmul(query, key.transpose(2, 3)) * attention.scaling
        weights = weights.masked_fill(mask[:, None, None, :] == 0, float("-inf"))
        return weights.softmax(dim=-1, dtype=torch.float32).mean(dim=1)

    def _score(self, batch: list[tuple[Encoded, Encoded]]) -> list[RawOutput]:
        """One teacher-forced pass: the encoder, the decoder fed the given pieces, and the output
        layer in chunks of rows (a batch's full logits would take a gigabyte with opus-mt's 62,802
        pieces). The alignment layer's query input is captured on the way, so the attention rows
        cost one extra matrix product, not a second pass."""
        import torch

        pad = self.vocab.pad_id
        source_width = max(len(s) for s, _ in batch)
        target_width = max(len(t) for _, t in batch)
        ids = torch.tensor([list(s.ids) + [pad] * (source_width - len(s)) for s, _ in batch], device=self.device)
        mask = (ids != pad).long()
        labels = torch.tensor([list(t.ids) + [pad] * (target_width - len(t)) for _, t in batch], device=self.device)
        start = torch.full((len(batch), 1), int(self.model.config.decoder_start_token_id), device=self.device)
        captured: list[Any] = []
        handle = None
        if self.alignments:
            handle = self._alignment_attention().register_forward_pre_hook(_grab(captured, stop=False),
                                                                            with_kwargs=True)
        try:
            with torch.inference_mode():
                memory = self._recall([source for source, _ in batch], source_width)
                out = self.model.model(input_ids=None if memory is not None else ids, attention_mask=mask,
                                       encoder_outputs=(memory,) if memory is not None else None, use_cache=False,
                                       decoder_input_ids=torch.cat([start, labels[:, :-1]], dim=1))
                lengths = torch.tensor([len(t) for _, t in batch], device=self.device)
                valid = torch.arange(target_width, device=self.device)[None, :] < lengths[:, None]
                picked = self._logprobs(out.last_hidden_state[valid], labels[valid]).cpu().tolist()
                states = memory if memory is not None else out.encoder_last_hidden_state
                attention = self._attention_weights(captured[0], states, mask).cpu() if captured else None
        finally:
            if handle is not None:
                handle.remove()
        outputs: list[RawOutput] = []
        offset = 0
        for b, (source, target) in enumerate(batch):
            n = len(target)
            rows = attention[b, :n, :len(source)].tolist() if attention is not None else None
            outputs.append(RawOutput(list(target.pieces), picked[offset:offset + n], rows))
            offset += n
        return outputs

    def _remember(self, batch: list[Encoded], states: Any) -> None:
        for b, encoded in enumerate(batch):
            key = encoded.ids
            if key in self._memory:
                self._memory.move_to_end(key)
                continue
            self._memory[key] = states[b, :len(encoded)].clone()
            self._memory_tokens += len(encoded)
        while self._memory_tokens > ENCODER_MEMORY_TOKENS and self._memory:
            _, dropped = self._memory.popitem(last=False)
            self._memory_tokens -= dropped.shape[0]

    def _recall(self, sources: list[Encoded], width: int) -> Any:
        """The batch's encoder states, padded to ``width``, when every input was encoded recently; else None."""
        import torch

        found: list[Any] = []
        for source in sources:
            states = self._memory.get(source.ids)
            if states is None:
                return None
            found.append(torch.nn.functional.pad(states, (0, 0, 0, width - states.shape[0])))
        return torch.stack(found)

    def _logprobs(self, hidden: Any, labels: Any, chunk: int = 256) -> Any:
        """log p(label) for each row of decoder output ``hidden``, normalised as during greedy
        generation (which never lets the padding token win, so it has no probability mass)."""
        import torch

        bias = self.model.final_logits_bias.reshape(-1)
        parts = []
        for rows, wanted in zip(hidden.split(chunk), labels.split(chunk), strict=True):
            logits = self.model.lm_head(rows) + bias
            logits[:, self.vocab.pad_id] = float("-inf")
            parts.append(logits.gather(1, wanted[:, None]).squeeze(1) - torch.logsumexp(logits, dim=-1))
        return torch.cat(parts) if parts else hidden.new_zeros((0,))


def _grab(captured: list[Any], *, stop: bool) -> Any:
    """A forward pre-hook that keeps the attention module's query input (and stops the pass when
    only that is wanted)."""
    def hook(module: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        captured.append(args[0] if args else kwargs["hidden_states"])
        if stop:
            raise _Captured

    return hook


class _Captured(Exception):
    """Stops the alignment pass once the alignment layer's input is captured."""


class _GreedyLogprobs:
    """A logits processor (run last) that records, per step, the log-probability of the argmax."""

    def __init__(self) -> None:
        self.steps: list[Any] = []

    def __call__(self, input_ids: Any, scores: Any) -> Any:
        import torch

        self.steps.append(scores.max(dim=-1).values - torch.logsumexp(scores, dim=-1))
        return scores

    def stacked(self, batch: int) -> Any:
        import torch

        return torch.stack(self.steps, dim=1) if self.steps else torch.zeros((batch, 0))
