"""Reports to render in tests (checked by the real pipeline or built by hand), and a Chromium runner."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

import mtqa
from mtqa.types import DocumentResult, Flag, Report, SegmentResult, Severity

ROOT = Path(__file__).resolve().parents[2]

# Real news copy with a doubled word, a space before «،» and an English fragment, plus hostile input:
# markup that must stay text, and a right-to-left override that must not reorder anything.
TARGET_LINES = (
    "قال مجلس مجلس الأمن ، إن قوة KFOR -Combat ستبقى في كوسوفو.",
    "وأضاف المتحدث <script>document.title='pwned'</script> أن الاجتماع انتهى .",
    'ونقلت الوكالة "><img src=x onerror=alert(1)> عن مصدر \u202eمعكوس\u202c قوله إن -Update الأمر انتهى.',
)
SOURCE_LINES = (
    "The Security Council said KFOR will stay in Kosovo.",
    "The spokesman added that the meeting had ended.",
    "The agency quoted a source as saying the matter was over.",
)
BT_LINES = (
    "The council council said the KFOR -Combat force will remain in Kosovo.",
    "The spokesman added that the meeting ended.",
    "The agency quoted a reversed source as saying the -Update matter is over.",
)
HOSTILE_TARGET, HOSTILE_SOURCE, HOSTILE_BT = ("\n".join(lines) for lines in (TARGET_LINES, SOURCE_LINES, BT_LINES))


def checked(target: str = HOSTILE_TARGET, source: str | None = HOSTILE_SOURCE, bt: str | None = HOSTILE_BT,
            path: str | None = "news/story.ar.txt", fail_on: Severity = "major") -> Report:
    checker = mtqa.Checker(mtqa.Config(use_model=False, fail_on=fail_on))
    return checker.check(target=target, source=source, backtranslation=bt, path=path)


def flag(line: int, start: int, end: int, line_text: str, *, rule: str = "doubled-word",
         severity: Severity = "minor", category: str = "grammar", message: str = "suspect phrase",
         segment: int | None = 0, unit_id: str | None = None, **kw: object) -> Flag:
    return Flag(line=line, start=start, end=end, text=line_text[start:end], rule=rule, category=category,
                severity=severity, message=message, segment=segment, unit_id=unit_id,
                before=line_text[max(0, start - 60):start], after=line_text[end:end + 60],
                fingerprint=f"fp-{rule}-{line}-{start}", **kw)  # type: ignore[arg-type]


def document(lines: Sequence[str], flags: Sequence[Flag] = (), *, path: str | None = "doc.ar.txt",
             errors: dict[int, tuple[str, ...]] | None = None, unit_ids: Sequence[str | None] | None = None,
             source: Sequence[str] | None = None, bt: Sequence[str] | None = None) -> DocumentResult:
    """One segment per line; ``errors`` maps a segment index to its processing errors."""
    segs = tuple(
        SegmentResult(line=i + 1, start=0, end=len(text), target=text, index=i,
                      unit_id=unit_ids[i] if unit_ids else None,
                      source=source[i] if source else None, backtranslation=bt[i] if bt else None,
                      scores={"chrf": 42.0, "bleu": 12.5}, errors=(errors or {}).get(i, ()))
        for i, text in enumerate(lines))
    return DocumentResult(target_path=path, segments=segs, all_flags=tuple(flags), scores={"chrf": 42.0})


def report(*docs: DocumentResult, fail_on: Severity = "major", model: dict[str, object] | None = None) -> Report:
    return Report(signature="mtqa:test|sig", documents=docs, fail_on=fail_on, model=model or {"status": "disabled"})


def run_chromium(binary: str, page: Path, tmp: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    args = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={tmp / 'chromium-profile'}", *extra, page.resolve().as_uri()]
    return subprocess.run(args, capture_output=True, text=True, timeout=60, check=False)
