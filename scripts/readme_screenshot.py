"""Regenerate docs/review-page.png, the README's picture of the HTML review page.

Runs what `make demo` runs (the seed against its English source) on a machine state every reader
shares: no model (an empty Hugging Face cache, hub offline), so the page is the one a new user
first sees. Headless Chromium (Debian package ``chromium``) takes the picture.

The PNG carries, in a ``tEXt`` chunk named ``mtqa-findings``, the findings the page lists, in its
order: (severity, rule, line, phrase) each. tests/report/test_readme_screenshot.py regenerates the
picture and compares its size and that list with the committed one, so the README cannot go on
showing a page mtqa no longer writes (pixels differ between Chromium and font versions; the size and
the findings do not).

    python scripts/readme_screenshot.py [--output docs/review-page.png] [--chromium PATH]
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_cf7ad39c2f50dbc3.txt"
SOURCE = ROOT / "seeds" / "000_cf7ad39c2f50dbc3.en.txt"
OUTPUT = ROOT / "docs" / "review-page.png"
WIDTH, HEIGHT = 1280, 960
KEY = "mtqa-findings"
_CARD = re.compile(r'<article class="finding [^"]*" id="[^"]*" data-flag-id="[^"]*" data-rule="([^"]*)" '
                   r'data-severity="([^"]*)".*?<span class="meta">line (\d+)[^<]*</span>.*?'
                   r'<p class="phrase"[^>]*><bdi>(.*?)</bdi></p>', re.DOTALL)


def review_page(workdir: Path) -> Path:
    """The demo's HTML report, written by mtqa's command line without a model."""
    page = workdir / "review.html"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HOME": str(workdir / "hf"),
           "MTQA_CACHE_DIR": str(workdir / "cache")}
    env.pop("MTQA_MODEL", None)
    # Relative paths, as `make demo` shows them.
    proc = subprocess.run([sys.executable, "-m", "mtqa", "check", str(SEED.relative_to(ROOT)), "--source",
                           str(SOURCE.relative_to(ROOT)), "--format", f"html:{page}"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"mtqa check failed ({proc.returncode}):\n{proc.stderr}")
    return page


def findings(page: str) -> list[list[object]]:
    """(severity, rule, line, phrase) of each finding card, in the order the page lists them."""
    return [[severity, html.unescape(rule), int(line), html.unescape(re.sub(r"<[^>]+>", "", phrase))]
            for rule, severity, line, phrase in _CARD.findall(page)]


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def with_text(png: bytes, key: str, value: str) -> bytes:
    """``png`` with a ``tEXt`` chunk ``key`` (Latin-1, so the value is JSON with ASCII escapes)."""
    end = png.rindex(b"IEND") - 4  # the IEND chunk starts with its 4-byte length
    return png[:end] + _chunk(b"tEXt", key.encode("latin-1") + b"\0" + value.encode("latin-1")) + png[end:]


def read_png(path: Path) -> tuple[tuple[int, int], dict[str, str]]:
    """(width, height) and the ``tEXt`` chunks of a PNG file."""
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG file")
    pos, size, texts = 8, (0, 0), {}
    while pos < len(data):
        (length,), kind = struct.unpack(">I", data[pos:pos + 4]), data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            size = struct.unpack(">II", body[:8])
        elif kind == b"tEXt":
            key, _, value = body.partition(b"\0")
            texts[key.decode("latin-1")] = value.decode("latin-1")
        pos += 12 + length
    return size, texts


def screenshot(chromium: str, page: Path, output: Path, workdir: Path) -> None:
    shot = workdir / "shot.png"
    proc = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                           "--no-first-run", "--disable-background-networking", "--disable-component-update",
                           "--force-device-scale-factor=1", f"--user-data-dir={workdir / 'profile'}",
                           f"--window-size={WIDTH},{HEIGHT}", f"--screenshot={shot}", page.resolve().as_uri()],
                          capture_output=True, text=True, timeout=120, check=False)
    if proc.returncode != 0 or not shot.is_file():
        raise SystemExit(f"chromium failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    listed = json.dumps(findings(page.read_text("utf-8")), ensure_ascii=True)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(with_text(shot.read_bytes(), KEY, listed))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"PNG to write (default {OUTPUT.relative_to(ROOT)})")
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"),
                        help="headless Chromium binary (default: chromium on PATH)")
    args = parser.parse_args(argv)
    if not args.chromium:
        parser.error("no chromium on PATH (apt-get install chromium), or give --chromium")
    with tempfile.TemporaryDirectory(prefix="mtqa-screenshot-") as tmp:
        workdir = Path(tmp)
        screenshot(args.chromium, review_page(workdir), args.output, workdir)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
