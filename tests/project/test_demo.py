"""`make demo`: the seed article against its English source, read top-down.

The demo target's own recipe runs (``make -o install``: with the interpreter running these tests,
never reinstalling), once without a model (what a new user sees first) and once with the committed
toy model standing in for MarianMT. What the model-free checks find in the seed, and what they do
not, is stated in docs/quality.md ("The seed article"); the tests below keep that page true.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import mtqa

ROOT = Path(__file__).resolve().parents[2]
SEED = "seeds/000_cf7ad39c2f50dbc3.txt"
SOURCE = "seeds/000_cf7ad39c2f50dbc3.en.txt"
TOY_MODEL = ROOT / "tests" / "models" / "toy-ar-en"
NEGATED = "لا توفر استشارات -Combat"  # "which provides non-combat advisory support"
FINDING = re.compile(rf"^{re.escape(SEED)}:(\d+):(\d+): (critical|major|minor) \S+ \[([\w-]+)\] ")
GROUP = re.compile(r"^ +(\d+) × (?:(critical|major|minor) )?([\w-]+): .*\(e\.g\. " + re.escape(SEED)
                   + r":(\d+):(\d+) \u2068…(.*)⟦(.*)⟧(.*)…\u2069\)$")


@dataclass(frozen=True)
class Demo:
    code: int
    out: list[str]
    err: str
    html: Path


def _make_demo(tmp: Path, model: Path | None) -> Demo:
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp / "hf"), "MTQA_CACHE_DIR": str(tmp / "cache")}
    env.pop("MTQA_MODEL", None)
    if model is not None:
        env["MTQA_MODEL"] = str(model)
    html = tmp / "demo.html"
    proc = subprocess.run([make, "-s", "--no-print-directory", "-o", "install", "demo",
                           f"BIN={Path(sys.executable).parent}", f"DEMO_HTML={html}"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False)
    return Demo(proc.returncode, proc.stdout.splitlines(), proc.stderr, html)


@pytest.fixture(scope="module")
def model_free(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    return _make_demo(tmp_path_factory.mktemp("demo"), None)


@pytest.fixture(scope="module")
def with_model(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    return _make_demo(tmp_path_factory.mktemp("demo-model"), TOY_MODEL)


def _findings(demo: Demo) -> list[tuple[int, re.Match[str]]]:
    return [(i, m) for i, line in enumerate(demo.out) if (m := FINDING.match(line))]


def _groups(demo: Demo) -> list[tuple[int, re.Match[str]]]:
    return [(i, m) for i, line in enumerate(demo.out) if (m := GROUP.match(line))]


def _counts(demo: Demo) -> dict[str, int]:
    match = re.match(r"^(\d+) finding\(s\) \((\d+) critical, (\d+) major, (\d+) minor\) in 1 document\(s\); FAILED",
                     demo.out[-2])
    assert match, demo.out[-2]
    return dict(zip(("all", "critical", "major", "minor"), map(int, match.groups()), strict=True))


@pytest.mark.parametrize("which", ["model_free", "with_model"])
def test_major_and_critical_findings_come_first_and_minor_ones_are_grouped_by_rule(
        which: str, request: pytest.FixtureRequest) -> None:
    demo: Demo = request.getfixturevalue(which)
    assert demo.code == 0, demo.err  # make ignores the findings' exit code 1 (`-` in the recipe)
    assert demo.out[0] == f"== mtqa check {SEED} --source {SOURCE}" and "Traceback" not in demo.err
    findings, groups = _findings(demo), _groups(demo)
    counts = _counts(demo)
    listed = [m.group(3) for _, m in findings]
    assert listed == ["critical"] * counts["critical"] + ["major"] * counts["major"]  # every one, worst first
    assert counts["major"] >= 3 and "minor" not in listed
    # the minor findings are counted per rule after the last listed one, and nothing is lost
    assert groups and min(i for i, _ in groups) > max(i for i, _ in findings)
    rules = [m.group(3) for _, m in groups]
    assert len(rules) == len(set(rules)) and sum(int(m.group(1)) for _, m in groups) == counts["minor"]
    assert demo.html.is_file() and "<title>mtqa review:" in demo.html.read_text("utf-8")


def test_without_a_model_one_line_says_what_back_translation_would_add(model_free: Demo) -> None:
    (line,) = model_free.err.strip().splitlines()
    assert line.startswith("mtqa: back-translation is OFF:")
    assert "with the model, mtqa also reads the Arabic back in English" in line
    assert "`mtqa models download`" in line and "--model DIR" in line
    assert model_free.out[-1].startswith("== the review page:")
    assert "not checked: back-translation (no model: `mtqa models download`, or --model DIR)" in model_free.out[-2]


def test_with_a_model_it_back_translates(with_model: Demo) -> None:
    assert "back-translation is OFF" not in with_model.err
    closing = with_model.out[-2]
    assert "not checked" not in closing and "scores bleu=" in closing


@pytest.fixture(scope="module")
def seed_flags() -> dict[str, set[tuple[int, str]]]:
    """Rule → (line, phrase) of every finding on the seed with its source, model-free (the demo's
    report, all of it: the text lists the major ones and one example per minor rule)."""
    report = mtqa.check(target=(ROOT / SEED).read_text("utf-8"), source=(ROOT / SOURCE).read_text("utf-8"),
                        config=mtqa.Config(use_model=False, cache=False))
    out: dict[str, set[tuple[int, str]]] = {}
    for flag in report.iter_flags():
        out.setdefault(flag.rule, set()).add((flag.line, flag.text))
    return out


Flags = dict[str, set[tuple[int, str]]]


def test_the_seed_errors_the_model_free_checks_find(model_free: Demo, seed_flags: Flags) -> None:
    assert (22, "-Combat") in seed_flags["untranslated-latin"]  # the English left in the negated phrase
    assert {(28, "اترك تعليقاً"), (30, "تم إضافة تعليقك بنجاح!")} <= seed_flags["boilerplate"]
    assert (13, "مجلس مجلس") in seed_flags["doubled-word"]
    assert (3, "وزراء ناتو") in seed_flags["terminology"]  # "NATO Foreign Ministers" as "NATO ministers abroad"
    # the demo says so: the majors listed, each minor rule counted
    text = "\n".join(model_free.out)
    assert "⟦-Combat⟧" in text and "⟦اترك تعليقاً⟧" in text
    assert re.search(r"^ +\d+ × terminology: ", text, re.MULTILINE)


def test_the_negated_phrase_is_among_the_findings(model_free: Demo) -> None:
    """«لا توفر استشارات -Combat» is pointed at by a listed finding: through its English fragment
    (major); the negation itself is flagged too, minor (next test)."""
    line = next(m for m in (FINDING.match(x) for x in model_free.out) if m and m.group(1) == "22")
    text = (ROOT / SEED).read_text("utf-8").splitlines()[21]
    start = int(line.group(2)) - 1
    assert text.index(NEGATED) <= start < text.index(NEGATED) + len(NEGATED)


def test_the_flipped_negation_is_flagged_without_a_model(seed_flags: Flags) -> None:
    """"non-combat" licenses a nominal «غير», not «لا» before a verb: «لا توفر» is a negation added."""
    assert any(n == 22 and "لا توفر" in p for rule in ("negation-mismatch", "polarity-flip")
               for n, p in seed_flags.get(rule, ()))


def test_the_non_word_is_flagged_with_the_source(seed_flags: Flags) -> None:
    """«فيسينوس» looks loosely like "officials", a common English word: no transliteration of it."""
    assert (5, "فيسينوس") in seed_flags.get("non-word", ())


@pytest.mark.xfail(strict=True, reason="the termbase has no entry for 'security' alone; «سلامة» for it is not "
                                       "flagged. docs/quality.md#the-seed-article")
def test_security_as_safety_is_flagged(seed_flags: Flags) -> None:
    assert any("سلامة" in p for rule in ("terminology", "inconsistent-term") for _, p in seed_flags.get(rule, ()))


def test_with_a_back_translation_the_flipped_negation_is_flagged() -> None:
    """What back-translation adds on the seed: a back-translation that says "does not provide" (written
    here in the way MarianMT renders the sentence, standing in for the model) makes polarity-flip flag
    the negated phrase, confirming the model-free negation-mismatch flag there."""
    target = (ROOT / SEED).read_text("utf-8")
    source = (ROOT / SOURCE).read_text("utf-8")
    paragraphs = [line for line in target.splitlines() if line.strip()]
    english = [line for line in source.splitlines() if line.strip()]
    bt = [*english, "Leave a comment", "Your comment has been added successfully!"]
    assert len(bt) == len(paragraphs)
    k = next(i for i, p in enumerate(paragraphs) if NEGATED in p)
    bt[k] = ("As far as the Middle East is concerned, the NATO official pointed out that the alliance continues "
             "and stability in Iraq with the support of the NATO mission (NMI), which does not provide -Combat "
             "consultations to build security capabilities.")
    report = mtqa.check(target=target, source=source, backtranslation=bt,
                        config=mtqa.Config(use_model=False, cache=False))
    # negation-mismatch flags «لا توفر» from the source alone; polarity-flip, on the same words,
    # merges into it and confirms it (critical).
    flips = [f for f in report.iter_flags() if "polarity-flip" in {f.rule, *(a["rule"] for a in f.evidence.get("also", ()))}]
    assert [(f.line, f.text[:len("لا توفر")], f.severity) for f in flips] == [(22, "لا توفر", "critical")]
    messages = [flips[0].message, *(a.get("message", "") for a in flips[0].evidence.get("also", ()))]
    assert any("the back-translation says “not provide”" in m for m in messages), messages
