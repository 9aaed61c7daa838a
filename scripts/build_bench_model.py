"""Build an opus-mt-sized Marian ar->en model with random weights, for speed benchmarks only.

The real opus-mt-ar-en weights cannot be fetched here, and speed does not depend on their values:
what matters is the shape. This writes a Hugging Face Marian directory with opus-mt-ar-en's
architecture (d_model 512, 6+6 layers, 8 heads, FFN 2048, shared vocabulary of 62,802 pieces,
about 77M parameters, float32 safetensors), SentencePiece models trained on the benchmark
articles, and a generation config for greedy decoding. Its output is meaningless text.

The vocabulary is filled up to opus-mt's size with pseudo-words (user-defined SentencePiece
symbols) so that every output id decodes to visible text in both mtqa and ``MarianTokenizer``.

    python scripts/build_bench_model.py OUT_DIR
"""

from __future__ import annotations

import argparse
import json
import os
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
VOCAB_SIZE = 62802  # opus-mt-ar-en's shared vocabulary
SOURCE_PIECES = 2000  # BPE on the articles: ~1.5 pieces per Arabic word, ~35 per sentence, like opus-mt
# BPE on the articles' English: as many pieces per English sentence as the Arabic it translates
# (~1.4 per word), the premise of speed.py's forced output length, so that scoring an English source
# costs what decoding its back-translation does.
TARGET_PIECES = 2000
_MARKER = "mtqa-bench-model.json"
_VERSION = 4


def _texts() -> tuple[list[str], list[str]]:
    arabic: list[str] = []
    english: list[str] = []
    for path in sorted(DATA.glob("*/*.json")):
        article = json.loads(path.read_text("utf-8"))
        arabic += article["mt_ar"] + article["reference_ar"]
        english += article["source_en"] + article["backtranslation_en"] + article["backtranslation_ref_en"]
    return arabic, english


def _pseudo_words(count: int, seed: int) -> list[str]:
    """Distinct Latin-looking pieces ('▁bækor', 'tønu') to fill the vocabulary.

    They are user-defined SentencePiece symbols, which the tokenizer cuts out of any text that
    contains them; their vowels (æ ø å) never occur in English, so they never split a real English
    word (with plain vowels they did: 2.7 pieces per word instead of ~1.4).
    """
    rng = random.Random(seed)
    onsets = ["b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
              "br", "cr", "dr", "fr", "gr", "pr", "tr", "st", "sl", "sp", "ch", "sh", "th"]
    vowels = ["æ", "ø", "å", "æi", "øa", "åu"]
    codas = ["", "", "n", "r", "s", "t", "l", "nd", "st"]
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        word = "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(rng.randint(1, 3))) + rng.choice(codas)
        piece = ("\u2581" + word) if rng.random() < 0.7 else word
        if piece not in seen:
            seen.add(piece)
            out.append(piece)
    return out


def _train_spm(lines: list[str], prefix: Path, vocab_size: int, extra: list[str], model_type: str) -> Path:
    import sentencepiece as spm

    text = prefix.with_suffix(".txt")
    text.write_text("\n".join(lines) + "\n", encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(text), model_prefix=str(prefix), vocab_size=vocab_size + len(extra), model_type=model_type,
        character_coverage=1.0, bos_id=-1, eos_id=0, unk_id=1, pad_id=-1, hard_vocab_limit=model_type == "bpe",
        user_defined_symbols=extra, minloglevel=2, num_threads=2)
    text.unlink()
    prefix.with_suffix(".vocab").unlink()
    return prefix.with_suffix(".model")


def is_built(out: Path) -> bool:
    try:
        return bool(json.loads((out / _MARKER).read_text("utf-8")) == {"version": _VERSION}
                    and (out / "model.safetensors").is_file())
    except (OSError, ValueError):
        return False


def build(out: Path, *, seed: int = 0) -> Path:
    """Write the model to ``out`` (reused when already there)."""
    if is_built(out):
        return out
    import sentencepiece as spm
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel

    out.mkdir(parents=True, exist_ok=True)
    arabic, english = _texts()
    src = _train_spm(arabic, out / "source", SOURCE_PIECES, [], "bpe")
    n_src = spm.SentencePieceProcessor(model_file=str(src)).get_piece_size()
    # Target pieces: the learned English ones plus pseudo-words up to (beyond) the vocabulary size.
    filler = _pseudo_words(VOCAB_SIZE - n_src, seed)  # more than needed: vocab.json is cut to size
    tgt = _train_spm(english, out / "target", TARGET_PIECES, filler, "bpe")
    pieces = ["</s>", "<unk>"]
    seen = set(pieces)
    for path in (src, tgt):
        sp = spm.SentencePieceProcessor(model_file=str(path))
        for i in range(sp.get_piece_size()):
            piece = sp.id_to_piece(i)
            if piece not in seen:
                seen.add(piece)
                pieces.append(piece)
    pieces = pieces[:VOCAB_SIZE - 1] + ["<pad>"]
    pad = len(pieces) - 1
    (out / "vocab.json").write_text(json.dumps({p: i for i, p in enumerate(pieces)}, ensure_ascii=False),
                                    encoding="utf-8")
    os.replace(src, out / "source.spm")
    os.replace(tgt, out / "target.spm")
    (out / "tokenizer_config.json").write_text(json.dumps({
        "tokenizer_class": "MarianTokenizer", "source_lang": "ar", "target_lang": "en", "model_max_length": 512,
        "separate_vocabs": False, "unk_token": "<unk>", "eos_token": "</s>", "pad_token": "<pad>"}))
    torch.manual_seed(seed)
    config = MarianConfig(
        vocab_size=len(pieces), decoder_vocab_size=len(pieces), d_model=512, encoder_layers=6, decoder_layers=6,
        encoder_attention_heads=8, decoder_attention_heads=8, encoder_ffn_dim=2048, decoder_ffn_dim=2048,
        activation_function="swish", max_position_embeddings=512, pad_token_id=pad, decoder_start_token_id=pad,
        eos_token_id=0, forced_eos_token_id=0, scale_embedding=True, share_encoder_decoder_embeddings=True)
    model = MarianMTModel(config)
    # Greedy, like mtqa's default: the benchmark compares engines, not decoding strategies.
    model.generation_config = GenerationConfig(
        decoder_start_token_id=pad, eos_token_id=0, pad_token_id=pad, forced_eos_token_id=0,
        bad_words_ids=[[pad]], max_length=512, num_beams=1)
    model.save_pretrained(out, safe_serialization=True)
    (out / _MARKER).write_text(json.dumps({"version": _VERSION}))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    path = build(args.out, seed=args.seed)
    print(path)


if __name__ == "__main__":
    main()
