"""Fuzz the model-free ``mtqa check`` path with Hypothesis and assert its invariants.

Documents are built from Arabic words (with harakat, tatweel, hamza forms), Arabic and Latin
punctuation, ASCII / Arabic-Indic / Persian digits, Latin words and abbreviations, bidi controls,
combining marks, emoji (with ZWJ and flags), odd whitespace, lone surrogates, and very long or empty
lines. Each document is checked in-process (``Checker.check``, optionally with a source and a
precomputed back-translation) and, for every ``--cli-every``-th document, through ``mtqa.cli.main``
on real files (UTF-8, UTF-16, CRLF; lone surrogates written as invalid bytes). Invariants:

* nothing but :class:`mtqa.InputError` is raised, and only for input that is invalid
  (lone surrogates, control characters);
* every non-empty line has at least one segment; a line's segments are disjoint, in order, cover
  every non-whitespace character and slice back to their text (``line[start:end] == target``);
* every flag slices back to its text; segment indices are 0..n-1;
* the report is JSON-serialisable and byte-identical when the same input is checked again.

Usage::

    python scripts/fuzz_check.py --examples 100000          # the documented long run
    python scripts/fuzz_check.py --examples 300 --seed 1     # what the test suite runs

Exit status 0 when no invariant failed; the summary line gives the count, rate and failures.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from mtqa import Checker, Config, InputError, Report

# -- document strategies -----------------------------------------------------------------------------

AR_WORDS = ["الحكومة", "قالت", "إن", "الاقتصاد", "نما", "بنسبة", "في", "العام", "الماضي", "وزير", "الخارجية",
            "أعلن", "مؤتمر", "صحفي", "الأمم", "المتحدة", "مليار", "دولار", "يوم", "الخميس", "بروكسل", "الناتو",
            "مجلس", "مجلس", "و", "ال", "لل", "بالـ", "ـ", "مُحَمَّد", "قُرْآن", "ٱلله", "ﷲ", "ﻻ", "ى", "ة", "ؤ", "ئ"]
LATIN_WORDS = ["NATO", "Mr.", "Dr.", "U.S.", "e.g.", "iPhone", "COVID-19", "the", "Brussels", "Combat", "x"]
PUNCT = [".", "!", "?", "؟", "…", "...", "،", "؛", ":", "«", "»", '"', "'", "(", ")", "-", "—", "٪", "%", "٫", "٬",
         "“", "”", ".»", "؟»", "!!", "؟!", "*", "/", "\\", "<script>", "\"><img src=x onerror=alert(1)>", "&amp;"]
DIGITS = ["2025", "3.5", "1,000", "٢٠٢٥", "٣٫٥", "۱۲۳", "0", "٪٥٠", "$2.5", "1/2", "١٠٠٠٠٠٠"]
BIDI = ["\u202e", "\u202d", "\u202a", "\u202b", "\u202c", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f",
        "\u061c", "\u200b", "\u200c", "\u200d", "\ufeff", "\u2028"]
COMBINING = ["\u064b", "\u064e", "\u0650", "\u0651", "\u0652", "\u0670", "\u0301", "\u0308", "\u20dd", "\u0653"]
EMOJI = ["😀", "🇸🇦", "👩‍👩‍👧", "👍🏽", "❤️", "🕌", "\U0001f1e6"]
SPACES = [" ", "  ", "\t", "\u00a0", "\u2003", "\u202f", "\u3000", "\u1680"]
SURROGATES = ["\ud800", "\udfff", "\udc80"]

piece = st.one_of(
    st.sampled_from(AR_WORDS), st.sampled_from(AR_WORDS), st.sampled_from(LATIN_WORDS), st.sampled_from(PUNCT),
    st.sampled_from(DIGITS), st.sampled_from(BIDI), st.sampled_from(COMBINING), st.sampled_from(EMOJI),
    st.sampled_from(SPACES), st.sampled_from(SPACES), st.text(max_size=4),
)
clean_piece = piece.filter(lambda p: not any(0xD800 <= ord(c) <= 0xDFFF for c in p))


def _join(parts: Sequence[str]) -> str:
    return " ".join(parts)


# Mostly news-sized lines; now and then a very long one (one in ~25 lines), to keep the rate high.
long_line = st.one_of(
    st.lists(st.sampled_from(AR_WORDS + PUNCT[:8]), min_size=200, max_size=600).map(_join),
    st.builds(lambda w, n: (w + " ") * n, st.sampled_from(AR_WORDS), st.integers(1, 400)),
)
line_strategy = st.sampled_from(["normal"] * 22 + ["empty", "blank", "long"]).flatmap(
    lambda kind: {"normal": st.lists(clean_piece, max_size=30).map(_join), "empty": st.just(""),
                  "blank": st.sampled_from(SPACES), "long": long_line}[kind])
document_strategy = st.lists(line_strategy, min_size=1, max_size=6)


@st.composite
def case_strategy(draw: st.DrawFn) -> dict[str, Any]:
    """A document and optionally a same-length English source and back-translation."""
    lines = draw(document_strategy)
    if draw(st.sampled_from([False] * 29 + [True])):  # a lone surrogate now and then: an InputError
        k = draw(st.integers(0, len(lines) - 1))
        lines[k] = lines[k] + draw(st.sampled_from(SURROGATES))
    case: dict[str, Any] = {"target": lines}
    nonblank = [ln for ln in lines if ln.strip()]
    mode = draw(st.sampled_from(["target", "target", "source", "source+bt"]))
    en = st.lists(st.sampled_from(["The minister said.", "NATO met in Brussels on Thursday.", "It grew 3.5%.",
                                   "Talks continue!", "Mr. Smith left?", "", "Prices rose by 1,000 dollars."]),
                  min_size=1, max_size=4).map(_join)
    if mode != "target" and nonblank:
        case["source"] = [draw(en).strip() or "Text." for _ in nonblank]
        if mode == "source+bt":
            case["backtranslation"] = [draw(en).strip() or "Text." for _ in nonblank]
    return case


# -- invariants ---------------------------------------------------------------------------------------

def _has_surrogate(text: str) -> bool:
    return any(0xD800 <= ord(c) <= 0xDFFF for c in text)


def check_report(report: Report, lines: Sequence[str]) -> None:
    """The coverage, offset and serialisation invariants of one single-document report."""
    (doc,) = report.documents
    by_line: dict[int, list[Any]] = {}
    for k, seg in enumerate(doc.segments):
        assert seg.index == k, f"segment indices not consecutive at {k}"
        by_line.setdefault(seg.line, []).append(seg)
    nonempty = {i for i, ln in enumerate(lines, start=1) if ln.strip()}
    assert set(by_line) == nonempty, f"lines with segments {sorted(by_line)} != non-empty lines {sorted(nonempty)}"
    for number, segs in by_line.items():
        line = lines[number - 1]
        covered = [False] * len(line)
        previous_end = 0
        for seg in segs:
            assert 0 <= previous_end <= seg.start < seg.end <= len(line), f"line {number}: overlap/order {seg}"
            assert line[seg.start:seg.end] == seg.target, f"line {number}: offsets do not slice to the text"
            for i in range(seg.start, seg.end):
                covered[i] = True
            previous_end = seg.end
        missed = [i for i, ch in enumerate(line) if not ch.isspace() and not covered[i]]
        assert not missed, f"line {number}: characters {missed[:5]} not in any segment"
    for flag in doc.flags:
        line = lines[flag.line - 1]
        assert line[flag.start:flag.end] == flag.text, f"flag {flag.rule} does not slice to its text"
    json.loads(report.to_json())


def run_in_process(checker: Checker, case: dict[str, Any]) -> str | None:
    """Check a case; the JSON report, or None when it was rightly refused as invalid input."""
    lines = case["target"]
    invalid = any(_has_surrogate(x) for key in ("target", "source", "backtranslation") for x in case.get(key, ()))
    try:
        report = checker.check(target=lines, source=case.get("source"), backtranslation=case.get("backtranslation"))
    except InputError as exc:
        if invalid or not any(ln.strip() for ln in lines) or "control character" in str(exc):
            return None
        raise
    assert not invalid, "a lone surrogate was accepted"
    # In-memory paragraphs are the list items, numbered from 1, blanks skipped (see mtqa.api).
    check_report(report, [ln.replace("\n", " ") for ln in lines])
    return report.to_json()


def run_cli(case: dict[str, Any], workdir: Path, variant: int) -> None:
    """The same case through ``mtqa check`` on files, in one of several encodings."""
    from mtqa.cli import main

    text = "\n".join(case["target"])
    if variant % 4 == 1:
        text = text.replace("\n", "\r\n")
    encoding = "utf-16" if variant % 4 == 2 else "utf-8"
    bom = b"\xef\xbb\xbf" if variant % 4 == 3 else b""
    target = workdir / "doc.ar.txt"
    target.write_bytes(bom + text.encode(encoding, "surrogatepass"))
    out = workdir / "report.json"
    args = ["check", str(target), "--no-model", "--format", "json", "--output", str(out)]
    if "source" in case:
        (workdir / "doc.en.txt").write_bytes("\n".join(case["source"]).encode("utf-8", "surrogatepass"))
        args += ["--source", str(workdir / "doc.en.txt")]
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(args)
    assert code in (0, 1, 2), f"exit code {code}: {err.getvalue()[-500:]}"
    assert "Traceback" not in err.getvalue(), err.getvalue()[-2000:]
    if code == 2:
        assert err.getvalue().startswith("mtqa: error: "), err.getvalue()[-500:]
        return
    assert not _has_surrogate(text), "a file with invalid UTF-8 was accepted"
    lines = [ln.removesuffix("\r") for ln in text.split("\n")]
    check_report(Report.from_json(out.read_text(encoding="utf-8")), lines)
    out.unlink()


# -- driver -------------------------------------------------------------------------------------------

def fuzz(examples: int, *, rng_seed: int = 0, cli_every: int = 50, determinism_every: int = 10,
         batch: int = 2000, log: Any = sys.stderr) -> dict[str, Any]:
    """Run ``examples`` generated cases in batches; every failure is recorded (shrunk), not fatal."""
    # No result cache: every case is checked, and the determinism check compares two computations,
    # not a cached result with itself.
    checker = Checker(Config(use_model=False, cache=False))
    fresh = Checker(Config(use_model=False, cache=False))
    stats: dict[str, Any] = {"examples": 0, "cli": 0, "refused": 0, "failures": []}
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="mtqa-fuzz-") as tmp:
        workdir = Path(tmp)

        def one(case: dict[str, Any]) -> None:
            n = stats["examples"] = stats["examples"] + 1
            first = run_in_process(checker, case)
            if first is None:
                stats["refused"] += 1
            elif n % determinism_every == 0:
                assert run_in_process(fresh, case) == first, "not deterministic across Checker instances"
            if n % cli_every == 0:
                stats["cli"] += 1
                run_cli(case, workdir, n // cli_every)

        done = 0
        while done < examples:
            size = min(batch, examples - done)
            test = settings(max_examples=size, deadline=None, database=None, derandomize=False,
                            phases=[Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck),
                            report_multiple_bugs=False)(given(case_strategy())(one))
            test = seed(rng_seed * 1_000_003 + done)(test)
            before = stats["examples"]
            try:
                test()
            except Exception as exc:  # noqa: BLE001 - record, then go on with the next batch
                stats["failures"].append("".join(traceback.format_exception_only(type(exc), exc)).strip()[:4000])
                print(f"FAILURE: {stats['failures'][-1]}", file=log, flush=True)
            done += size
            rate = stats["examples"] / max(time.monotonic() - started, 1e-9)
            print(f"fuzz: {done}/{examples} batches done, {stats['examples']} examples run "
                  f"(+{stats['examples'] - before}), {rate:.0f}/s, {len(stats['failures'])} failure(s)",
                  file=log, flush=True)
    stats["seconds"] = round(time.monotonic() - started, 1)
    return stats


def _job(examples: int, rng_seed: int, cli_every: int) -> dict[str, Any]:
    return fuzz(examples, rng_seed=rng_seed, cli_every=cli_every)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=100_000, help="generated documents (default 100000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cli-every", type=int, default=50, help="also run every Nth case through the CLI")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes, each with its own seed")
    parser.add_argument("--json", metavar="FILE", help="write the summary as JSON here")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if args.jobs > 1:
        from concurrent.futures import ProcessPoolExecutor

        shares = [args.examples // args.jobs + (j < args.examples % args.jobs) for j in range(args.jobs)]
        with ProcessPoolExecutor(args.jobs) as pool:
            parts = list(pool.map(_job, shares, [args.seed * 1000 + j for j in range(args.jobs)],
                                  [args.cli_every] * args.jobs))
        stats = {"examples": sum(p["examples"] for p in parts), "cli": sum(p["cli"] for p in parts),
                 "refused": sum(p["refused"] for p in parts), "failures": [f for p in parts for f in p["failures"]],
                 "seconds": max(p["seconds"] for p in parts), "jobs": args.jobs}
    else:
        stats = fuzz(args.examples, rng_seed=args.seed, cli_every=args.cli_every)
    print(f"fuzz: {stats['examples']} examples ({stats['cli']} through the CLI, {stats['refused']} rightly "
          f"refused as invalid input) in {stats['seconds']} s; {len(stats['failures'])} failure(s)")
    for failure in stats["failures"]:
        print("FAILURE:", failure)
    if args.json:
        Path(args.json).write_text(json.dumps(stats, ensure_ascii=False, indent=2), encoding="utf-8")
    return 1 if stats["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
