"""The HTML review page in headless Chromium: the script runs, the input's markup does not, the Arabic
is laid out right to left, filters/keyboard/"not an error" work, and the export is a valid ignore file.

``--dump-dom`` runs the page's scripts, so what they do shows up in the dumped DOM (the page script
records counts in ``body`` data attributes). Interaction is driven by a test script appended to the
page, allowed by adding its hash to the page's own CSP (which otherwise allows nothing else).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from pathlib import Path

import pytest
from reportkit import ROOT, checked, run_chromium

from mtqa.baseline import apply_baseline, load_ignore
from mtqa.report.html import render_html
from mtqa.types import severity_rank

pytestmark = pytest.mark.browser

HOSTILE = checked()
SCREENSHOT = ROOT / "test-output" / "html-report.png"

DRIVER = """
(function () {
  const b = document.body.dataset;
  const key = k => document.dispatchEvent(new KeyboardEvent("keydown", {key: k, bubbles: true}));
  const para = document.querySelector("p.para");
  b.direction = getComputedStyle(para).direction;
  const m = para.querySelectorAll("mark");
  b.rtl = String(m[0].getBoundingClientRect().left > m[1].getBoundingClientRect().left);
  b.rawbidi = String(document.body.innerText.includes("\\u202e"));
  key("j"); b.afterj = b.current; key("n"); b.afterjn = b.current; key("k"); b.afterk = b.current;
  key("?"); b.help = String(!document.getElementById("help").hidden);
  key("Escape"); b.helpafteresc = String(!document.getElementById("help").hidden);
  key("x");
  document.querySelectorAll("article.finding")[3].querySelector("button.dismiss").click();
  b.afterdismiss = b.visible;
  const minor = document.querySelector('input.f-sev[value="minor"]');
  minor.checked = false; minor.dispatchEvent(new Event("change"));
  b.nominor = b.visible; b.litnominor = b.lit;
  minor.checked = true; minor.dispatchEvent(new Event("change"));
  const rule = document.querySelector('input.f-rule[value="untranslated-latin"]');
  rule.checked = false; rule.dispatchEvent(new Event("change"));
  b.nolatin = b.visible;
  // Record the download instead of starting one (a real download can stall headless Chromium).
  HTMLAnchorElement.prototype.click = function () { b.download = this.download; b.downloadurl = this.href; };
  document.getElementById("export-btn").click();
})();
"""


def _sha(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


def _body(dom: str) -> dict[str, str]:
    match = re.search(r"<body([^>]*)>", dom)
    assert match, dom[:500]
    return {k: html.unescape(v) for k, v in re.findall(r'data-([\w-]+)="([^"]*)"', match.group(1))}


def _dump(chromium: str, page: Path, tmp_path: Path) -> str:
    proc = run_chromium(chromium, page, tmp_path, "--dump-dom", "--virtual-time-budget=3000")
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def test_page_script_runs_and_input_script_does_not(chromium: str, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_html(HOSTILE), "utf-8")
    dom = _dump(chromium, page, tmp_path)
    body = _body(dom)
    n = len(HOSTILE.documents[0].all_flags)
    assert body["ready"] == "1"
    assert body["findings"] == body["visible"] == str(n)
    assert int(body["marks"]) >= n - 1 and body["lit"] == body["marks"]  # adjacent flags may share a run
    assert re.search(r"<title>mtqa review: \d+ finding\(s\)</title>", dom)  # not 'pwned'
    assert "<img" not in dom and len(re.findall(r"<script[ >]", dom)) == 2
    assert "onerror=alert(1)&gt;" in dom  # still there, as text


def test_interaction_layout_and_export(chromium: str, tmp_path: Path) -> None:
    source = render_html(HOSTILE)
    source = source.replace("script-src ", f"script-src {_sha(DRIVER)} ", 1)
    head, sep, tail = source.rpartition("</body>")
    page = tmp_path / "driven.html"
    page.write_text(f"{head}<script>{DRIVER}</script>{sep}{tail}", "utf-8")
    dom = _dump(chromium, page, tmp_path)
    body = _body(dom)
    flags = HOSTILE.documents[0].all_flags
    # the page lists findings most severe first, then by confidence, then in reading order
    order = sorted(range(len(flags)), key=lambda i: (-severity_rank(flags[i].severity), -(flags[i].confidence or 0.0),
                                                     flags[i].line, flags[i].start))
    cards = [f"f0-{i}" for i in order]
    assert (body["direction"], body["rtl"], body["rawbidi"]) == ("rtl", "true", "false")
    assert (body["afterj"], body["afterjn"], body["afterk"]) == (cards[0], cards[1], cards[0])
    assert (body["help"], body["helpafteresc"]) == ("true", "false")
    assert body["dismissed"].split() == sorted([cards[0], cards[3]])
    assert body["afterdismiss"] == str(len(flags) - 2)
    minor = {f"f0-{i}" for i, f in enumerate(flags) if f.severity == "minor"}
    assert body["nominor"] == str(len(flags) - len(minor - {cards[0], cards[3]}) - 2)
    latin = {f"f0-{i}" for i, f in enumerate(flags) if f.rule == "untranslated-latin"}
    assert body["nolatin"] == str(len(flags) - len(latin | {cards[0], cards[3]}))

    assert body["download"] == "mtqa-ignore.json" and body["downloadurl"].startswith("blob:")
    exported = re.search(r'<pre id="export">(.*?)</pre>', dom, re.DOTALL)
    assert exported, "export panel not filled"
    data = json.loads(html.unescape(exported.group(1)))
    by_id = {cards[0]: flags[order[0]], cards[3]: flags[order[3]]}
    assert data == {"version": 1, "ignore": [
        {"fingerprint": f.fingerprint, "rule": f.rule, "path": "news/story.ar.txt", "text": f.text,
         "reason": "not an error"} for f in (by_id[c] for c in cards if c in by_id)]}
    # The CI side reads it back and suppresses exactly those two findings.
    ignore_file = tmp_path / ".mtqa-ignore.json"
    ignore_file.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    kept = apply_baseline(HOSTILE, ignore=load_ignore(ignore_file))
    assert len(kept.documents[0].all_flags) == len(flags) - 2


def test_screenshot(chromium: str, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_html(HOSTILE), "utf-8")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    SCREENSHOT.unlink(missing_ok=True)
    proc = run_chromium(chromium, page, tmp_path, f"--screenshot={SCREENSHOT}", "--window-size=1280,1600",
                        "--hide-scrollbars")
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = SCREENSHOT.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000
