#!/usr/bin/env python3
"""Train the toy Arabic<->English Marian models committed under ``tests/models/``.

The models are tiny (d_model 128, two encoder and two decoder layers, float16 weights) and know
one thing: templated news sentences about officials meeting in cities on weekdays. That is enough
for tests to assert real behaviour offline: in-domain sentences translate well, and replacing one
Arabic word changes the English word the alignment points at.

Usage::

    .venv/bin/python scripts/train_toy_model.py                  # both directions, ~4 min each on 2 cores
    .venv/bin/python scripts/train_toy_model.py --direction ar-en --steps 800

Deterministic for a given torch build (fixed seeds, single process).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "models"

# (Arabic, English) slot fillers. Nationality adjectives are masculine; "+ة" makes the feminine.
OFFICIALS = [
    ("وزير الخارجية", "foreign minister"), ("وزير الدفاع", "defence minister"),
    ("وزير المالية", "finance minister"), ("وزير الداخلية", "interior minister"),
    ("وزير الصحة", "health minister"), ("وزير الاقتصاد", "economy minister"),
    ("رئيس الوزراء", "prime minister"), ("الرئيس", "president"),
    ("السفير", "ambassador"), ("المبعوث", "envoy"),
]
MINISTRIES = [
    ("الخارجية", "foreign"), ("الدفاع", "defence"), ("المالية", "finance"), ("الداخلية", "interior"),
    ("الصحة", "health"), ("الاقتصاد", "economy"), ("التعليم", "education"),
]
NATIONS = [  # adjective, English adjective, country, English country
    ("الأردني", "Jordanian", "الأردن", "Jordan"), ("الفرنسي", "French", "فرنسا", "France"),
    ("المصري", "Egyptian", "مصر", "Egypt"), ("اللبناني", "Lebanese", "لبنان", "Lebanon"),
    ("السوري", "Syrian", "سوريا", "Syria"), ("السعودي", "Saudi", "السعودية", "Saudi Arabia"),
    ("العراقي", "Iraqi", "العراق", "Iraq"), ("التونسي", "Tunisian", "تونس", "Tunisia"),
    ("المغربي", "Moroccan", "المغرب", "Morocco"), ("الألماني", "German", "ألمانيا", "Germany"),
    ("البريطاني", "British", "بريطانيا", "Britain"), ("الإيطالي", "Italian", "إيطاليا", "Italy"),
    ("الأمريكي", "American", "أمريكا", "America"), ("الروسي", "Russian", "روسيا", "Russia"),
    ("الصيني", "Chinese", "الصين", "China"), ("الياباني", "Japanese", "اليابان", "Japan"),
    ("التركي", "Turkish", "تركيا", "Turkey"), ("الإسباني", "Spanish", "إسبانيا", "Spain"),
    ("القطري", "Qatari", "قطر", "Qatar"), ("الكويتي", "Kuwaiti", "الكويت", "Kuwait"),
]
CITIES = [
    ("عمان", "Amman"), ("القاهرة", "Cairo"), ("بيروت", "Beirut"), ("دمشق", "Damascus"),
    ("الرياض", "Riyadh"), ("بغداد", "Baghdad"), ("الرباط", "Rabat"), ("باريس", "Paris"),
    ("لندن", "London"), ("برلين", "Berlin"), ("روما", "Rome"), ("جنيف", "Geneva"),
    ("موسكو", "Moscow"), ("بكين", "Beijing"), ("طوكيو", "Tokyo"), ("أنقرة", "Ankara"),
    ("مدريد", "Madrid"), ("الدوحة", "Doha"), ("دبي", "Dubai"), ("واشنطن", "Washington"),
    ("فيينا", "Vienna"), ("بروكسل", "Brussels"), ("الخرطوم", "Khartoum"),
]
WEEKDAYS = [
    ("الأحد", "Sunday"), ("الاثنين", "Monday"), ("الثلاثاء", "Tuesday"), ("الأربعاء", "Wednesday"),
    ("الخميس", "Thursday"), ("الجمعة", "Friday"), ("السبت", "Saturday"),
]
MONTHS = [
    ("يناير", "January"), ("فبراير", "February"), ("مارس", "March"), ("أبريل", "April"),
    ("مايو", "May"), ("يونيو", "June"), ("يوليو", "July"), ("أغسطس", "August"),
    ("سبتمبر", "September"), ("أكتوبر", "October"), ("نوفمبر", "November"), ("ديسمبر", "December"),
]

# Each template: Arabic, English. Slots: off, nat, nat2, natf, min, city, city2, country, wd, month,
# n (11-99: the counted noun stays singular accusative in Arabic), day (1-28).
TEMPLATES = [
    ("التقى {off} {nat} بنظيره {nat2} في {city} يوم {wd}",
     "The {Nat} {Off} met his {Nat2} counterpart in {City} on {Wd}"),
    ("وصل {off} {nat} إلى {city} يوم {wd} في زيارة رسمية",
     "The {Nat} {Off} arrived in {City} on {Wd} for an official visit"),
    ("عقد الاجتماع في {city} في {month} بحضور {n} مندوبا",
     "The meeting was held in {City} in {Month} with {n} delegates attending"),
    ("أعلنت وزارة {min} {natf} عن {n} وظيفة جديدة في {month}",
     "The {Nat} {Min} ministry announced {n} new jobs in {Month}"),
    ("يزور {off} {nat} {country} في {month} المقبل",
     "The {Nat} {Off} will visit {Country} next {Month}"),
    ("افتتح {off} {nat} مؤتمرا في {city} يوم {wd} {day} {month}",
     "The {Nat} {Off} opened a conference in {City} on {Wd}, {Month} {day}"),
    ("ناقش الوزراء {n} قضية خلال اجتماعهم في {city}",
     "The ministers discussed {n} issues during their meeting in {City}"),
    ("غادر {off} {nat} {city} متوجها إلى {city2} يوم {wd}",
     "The {Nat} {Off} left {City} for {City2} on {Wd}"),
    ("قال {off} {nat} إن المحادثات مع {country} كانت مثمرة",
     "The {Nat} {Off} said the talks with {Country} were fruitful"),
    ("استقبل {off} {nat} في {city} وفدا من {country} يضم {n} شخصا",
     "The {Nat} {Off} received a delegation of {n} people from {Country} in {City}"),
]


# Pairs only the ar->en model learns besides TEMPLATES, so that forced-decoding scores (mtqa's source
# support, docs/models.md) can be tested on it as on a real model, which knows both of these things:
# * negation: negated counterparts of base templates (and the plain form of one), so that a source
#   "not" is probable where the Arabic has «لم/لن» and improbable where a translation dropped it;
# * a second correct English for one Arabic sentence, much less common than the base template's (about
#   one in six), so that greedy decoding keeps the base wording while a source phrased the other way
#   stays probable. SUPPORT_WEIGHTS sets how often each template is drawn.
SUPPORT_TEMPLATES = [
    ("قال {off} {nat} إن المحادثات مع {country} لم تكن مثمرة",
     "The {Nat} {Off} said the talks with {Country} were not fruitful"),
    ("لن يزور {off} {nat} {country} في {month} المقبل",
     "The {Nat} {Off} will not visit {Country} next {Month}"),
    ("لم يعقد الاجتماع في {city} في {month}",
     "The meeting was not held in {City} in {Month}"),
    ("عقد الاجتماع في {city} في {month}",
     "The meeting was held in {City} in {Month}"),
    ("التقى {off} {nat} بنظيره {nat2} في {city} يوم {wd}",
     "The {Nat} {Off} held talks with his {Nat2} counterpart in {City} on {Wd}"),
    ("ناقش الوزراء {n} قضية خلال اجتماعهم في {city}",
     "The ministers discussed {n} issues during their talks in {City}"),
]
SUPPORT_WEIGHTS = [3, 3, 3, 3, 1, 1]


def sample_pair(rng: random.Random, templates: list[tuple[str, str]] = TEMPLATES,
                weights: list[int] | None = None) -> tuple[str, str]:
    """One templated (Arabic, English) pair (templates drawn uniformly, or by ``weights``)."""
    ar_t, en_t = rng.choice(templates) if weights is None else rng.choices(templates, weights)[0]
    off, nat, nat2 = rng.choice(OFFICIALS), *rng.sample(NATIONS, 2)
    country = rng.choice([x for x in NATIONS if x is not nat])
    city, city2 = rng.sample(CITIES, 2)
    wd, month, mn = rng.choice(WEEKDAYS), rng.choice(MONTHS), rng.choice(MINISTRIES)
    n, day = str(rng.randint(11, 99)), str(rng.randint(1, 28))
    ar = ar_t.format(off=off[0], nat=nat[0], nat2=nat2[0], natf=nat[0] + "ة", min=mn[0], city=city[0],
                     city2=city2[0], country=country[2], wd=wd[0], month=month[0], n=n, day=day)
    en = en_t.format(Off=off[1], Nat=nat[1], Nat2=nat2[1], Min=mn[1], City=city[1], City2=city2[1],
                     Country=country[3], Wd=wd[1], Month=month[1], n=n, day=day)
    return ar, en


def corpus(n: int, seed: int, exclude: set[str] = frozenset(),  # type: ignore[assignment]
           templates: list[tuple[str, str]] = TEMPLATES, weights: list[int] | None = None) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    seen: set[str] = set(exclude)
    pairs: list[tuple[str, str]] = []
    while len(pairs) < n:
        ar, en = sample_pair(rng, templates, weights)
        if ar not in seen:
            seen.add(ar)
            pairs.append((ar, en))
    return pairs


@dataclass
class Vocab:
    pieces: list[str]  # id -> piece; Marian convention: </s>=0, <unk>=1, ..., <pad> last

    @property
    def index(self) -> dict[str, int]:
        return {p: i for i, p in enumerate(self.pieces)}


def train_spm(lines: list[str], prefix: Path, vocab_size: int) -> Path:
    import sentencepiece as spm

    text = prefix.with_suffix(".txt")
    text.write_text("\n".join(lines) + "\n", encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(text), model_prefix=str(prefix), vocab_size=vocab_size, model_type="bpe",
        character_coverage=1.0, bos_id=-1, eos_id=1, unk_id=0, pad_id=-1,
        num_threads=2, minloglevel=2,
    )
    return prefix.with_suffix(".model")


def build_vocab(*spm_paths: Path, extra: tuple[str, ...] = ()) -> Vocab:
    import sentencepiece as spm

    pieces = ["</s>", "<unk>", *extra]
    seen = set(pieces)
    for path in spm_paths:
        sp = spm.SentencePieceProcessor(model_file=str(path))
        for i in range(sp.get_piece_size()):
            p = sp.id_to_piece(i)
            if p not in seen and p not in ("<unk>", "</s>", "<s>"):
                seen.add(p)
                pieces.append(p)
    pieces.append("<pad>")
    return Vocab(pieces)


def encode(sp: object, vocab: dict[str, int], text: str, prefix: tuple[str, ...] = ()) -> list[int]:
    pieces = sp.encode(text, out_type=str)  # type: ignore[attr-defined]
    return [vocab[p] for p in prefix] + [vocab.get(p, 1) for p in pieces] + [0]


def batches(data: list[tuple[list[int], list[int]]], size: int, rng: random.Random) -> Iterator[
        list[tuple[list[int], list[int]]]]:
    order = list(range(len(data)))
    rng.shuffle(order)
    for i in range(0, len(order), size):
        yield [data[j] for j in order[i:i + size]]


def train_direction(src: str, tgt: str, pairs: list[tuple[str, str]], steps: int, out: Path,
                    work: Path, seed: int) -> None:
    import sentencepiece as spm
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel

    torch.manual_seed(seed)
    torch.set_num_threads(2)
    rng = random.Random(seed)
    ar_lines = [a for a, _ in pairs]
    en_lines = [e for _, e in pairs]
    # BPE: on a corpus this repetitive the unigram trainer caps out at ~200 pieces, splitting
    # common words into letters; 500 BPE pieces keep most words whole, numbers and rarer words split.
    spm_ar = train_spm(ar_lines, work / "ar", 500)
    spm_en = train_spm(en_lines, work / "en", 500)
    # en->ar mirrors opus-mt-en-ar: a multi-target vocabulary whose source starts with >>ara<<.
    prefix = (">>ara<<",) if tgt == "ar" else ()
    vocab = build_vocab(spm_ar, spm_en, extra=prefix)
    index = vocab.index
    pad = len(vocab.pieces) - 1
    src_spm, tgt_spm = (spm_ar, spm_en) if src == "ar" else (spm_en, spm_ar)
    sp_src = spm.SentencePieceProcessor(model_file=str(src_spm))
    sp_tgt = spm.SentencePieceProcessor(model_file=str(tgt_spm))
    data = [(encode(sp_src, index, s, prefix), encode(sp_tgt, index, t))
            for s, t in (pairs if src == "ar" else [(e, a) for a, e in pairs])]

    config = MarianConfig(
        vocab_size=len(vocab.pieces), decoder_vocab_size=len(vocab.pieces), d_model=128,
        encoder_layers=2, decoder_layers=2, encoder_attention_heads=4, decoder_attention_heads=4,
        encoder_ffn_dim=256, decoder_ffn_dim=256, max_position_embeddings=128, dropout=0.1,
        attention_dropout=0.0, activation_function="swish", scale_embedding=True,
        pad_token_id=pad, decoder_start_token_id=pad, eos_token_id=0, forced_eos_token_id=0,
        share_encoder_decoder_embeddings=True, tie_word_embeddings=True,
    )
    model = MarianMTModel(config)
    model.train()
    optim = torch.optim.AdamW(model.parameters(), lr=2e-3, betas=(0.9, 0.98), weight_decay=0.01)
    warmup = 300
    sched = torch.optim.lr_scheduler.LambdaLR(optim, lambda s: min((s + 1) / warmup, (warmup / (s + 1)) ** 0.5))
    start, step, epoch = time.monotonic(), 0, 0
    while step < steps:
        epoch += 1
        total, seen = 0.0, 0
        for batch in batches(data, 64, rng):
            width_s = max(len(s) for s, _ in batch)
            width_t = max(len(t) for _, t in batch)
            ids = torch.tensor([s + [pad] * (width_s - len(s)) for s, _ in batch])
            labels = torch.tensor([t + [-100] * (width_t - len(t)) for _, t in batch])
            out_ = model(input_ids=ids, attention_mask=(ids != pad).long(), labels=labels)
            loss = torch.nn.functional.cross_entropy(
                out_.logits.reshape(-1, out_.logits.size(-1)), labels.reshape(-1),
                ignore_index=-100, label_smoothing=0.1)
            optim.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optim.step()
            sched.step()
            with torch.no_grad():
                # The decoder starts from the <pad> embedding; Marian itself (and CTranslate2, which
                # starts Marian models from a zero embedding) keeps that row zero. Tied to the output
                # layer it would learn otherwise, and CTranslate2 would then decode differently.
                model.get_input_embeddings().weight[pad].zero_()
            step += 1
            total += float(loss.detach())
            seen += 1
            if step >= steps:
                break
        print(f"{src}-{tgt} epoch {epoch} step {step} loss {total / max(1, seen):.3f} "
              f"{time.monotonic() - start:.0f}s", flush=True)

    model.eval()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    model.generation_config = GenerationConfig(
        bad_words_ids=[[pad]], decoder_start_token_id=pad, eos_token_id=0, forced_eos_token_id=0,
        pad_token_id=pad, max_length=128, num_beams=1,
    )
    # float16 halves the committed size; mtqa loads it back as float32 on the CPU.
    model.half().save_pretrained(out, safe_serialization=True)
    shutil.copy(src_spm, out / "source.spm")
    shutil.copy(tgt_spm, out / "target.spm")
    (out / "vocab.json").write_text(json.dumps(index, ensure_ascii=False, indent=0), encoding="utf-8")
    (out / "tokenizer_config.json").write_text(json.dumps({
        "tokenizer_class": "MarianTokenizer", "source_lang": src, "target_lang": tgt,
        "separate_vocabs": False, "model_max_length": 128, "unk_token": "<unk>", "eos_token": "</s>",
        "pad_token": "<pad>"}, indent=1), encoding="utf-8")
    (out / "README.md").write_text(
        f"Toy {src}->{tgt} Marian model for mtqa's tests, trained by scripts/train_toy_model.py on "
        f"{len(pairs)} templated sentence pairs for {step} steps of 64 sentences. It knows only "
        "that domain. Not for real use.\n", encoding="utf-8")


def support_corpus(n: int, seed: int, train: list[tuple[str, str]], heldout: list[tuple[str, str]]
                   ) -> list[tuple[str, str]]:
    """``n`` SUPPORT_TEMPLATES pairs whose Arabic is in neither the base corpus nor its held-out set."""
    return corpus(n, seed + 2, exclude={a for a, _ in train + heldout}, templates=SUPPORT_TEMPLATES,
                  weights=SUPPORT_WEIGHTS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--direction", choices=["ar-en", "en-ar", "both"], default="both")
    parser.add_argument("--pairs", type=int, default=6000)
    parser.add_argument("--steps", type=int, default=1600, help="~4 minutes per direction on 2 cores")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--support-pairs", type=int, default=1700,
                        help="SUPPORT_TEMPLATES pairs added to the ar->en training data")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    train = corpus(args.pairs, args.seed)
    heldout = corpus(200, args.seed + 1, exclude={a for a, _ in train})
    # Drawn after (and apart from) the base corpus and its held-out pairs, which stay as they were.
    support = support_corpus(args.support_pairs, args.seed, train, heldout)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "toy-heldout.tsv").write_text(
        "".join(f"{a}\t{e}\n" for a, e in heldout), encoding="utf-8")
    directions = ["ar-en", "en-ar"] if args.direction == "both" else [args.direction]
    for direction in directions:
        src, tgt = direction.split("-")
        with tempfile.TemporaryDirectory() as work:
            pairs = train + support if direction == "ar-en" else train
            train_direction(src, tgt, pairs, args.steps, args.out / f"toy-{direction}", Path(work), args.seed)
    for path in sorted(args.out.rglob("*")):
        if path.is_file():
            print(f"{path.stat().st_size:>9}  {path}")


if __name__ == "__main__":
    main()
