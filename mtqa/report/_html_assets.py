"""The inline stylesheet and script of the HTML review page (kept apart from the markup builder).

Both are constant strings so that the page's Content-Security-Policy can allow exactly them by hash.
The script reads its data from ``<script type="application/json" id="mtqa-data">`` and never builds
markup from input text: it only toggles classes and attributes, and sets ``textContent``.
"""

from __future__ import annotations

__all__ = ["CSS", "JS"]

CSS = """
:root{--crit:#c62828;--major:#ef6c00;--minor:#f9a825;--bg:#fafafa;--card:#fff;--fg:#212121;--mute:#616161}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,"DejaVu Sans",sans-serif;background:var(--bg);color:var(--fg)}
header.top{position:sticky;top:0;z-index:5;background:#263238;color:#fff;padding:.5rem 1rem}
header.top h1{font-size:1.1rem;margin:0 0 .25rem}
header.top .verdict.fail{color:#ff8a80}header.top .verdict.pass{color:#b9f6ca}
.toolbar{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center;font-size:.9rem}
.toolbar fieldset{border:0;margin:0;padding:0;display:flex;gap:.5rem;flex-wrap:wrap}
.toolbar legend{float:left;margin-right:.4rem;color:#b0bec5}
.toolbar button{font:inherit}
.warn{background:#fff3e0;border-left:4px solid var(--major);padding:.5rem 1rem;margin:.5rem 1rem}
.warn .why{font:.8rem/1.4 monospace;white-space:pre-wrap;margin-top:.3rem}
section.doc{margin:1rem;background:var(--card);border:1px solid #ddd;border-radius:6px;padding:.75rem 1rem}
section.doc h2{font-size:1rem;margin:.2rem 0}
.meta{color:var(--mute);font-size:.85rem}
.cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem;align-items:start}
.text{font-size:1.2rem;line-height:2.1;font-family:"DejaVu Sans","Noto Naskh Arabic",serif}
.para{margin:.3rem 0;padding:.2rem .4rem;border-right:3px solid #eee}
.ln{display:inline-block;min-width:2.2em;color:#9e9e9e;font-size:.75rem;font-family:monospace}
mark{background:none;border-bottom:3px solid transparent;padding:0 1px;cursor:pointer;color:inherit}
mark.sev-critical{background:#ffcdd2;border-color:var(--crit)}
mark.sev-major{background:#ffe0b2;border-color:var(--major)}
mark.sev-minor{background:#fff9c4;border-color:var(--minor)}
mark.off{background:none;border-color:transparent;cursor:auto}
mark.current{outline:2px solid #1565c0}
mark.gap::before{content:"\\2041";color:var(--crit)}
.ctl{font-size:.7em;color:#6a1b9a;background:#f3e5f5;border:1px dashed #6a1b9a;font-family:monospace}
.findings{display:flex;flex-direction:column;gap:.5rem;max-height:85vh;overflow-y:auto;padding:2px}
.finding{border:1px solid #ddd;border-left:5px solid var(--minor);border-radius:4px;padding:.4rem .6rem;
 font-size:.9rem;background:#fff}
.finding.sev-critical{border-left-color:var(--crit)}.finding.sev-major{border-left-color:var(--major)}
.finding.current{box-shadow:0 0 0 2px #1565c0}
.finding.dismissed{opacity:.55}.finding.dismissed .msg{text-decoration:line-through}
.finding dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .6rem;margin:.3rem 0}
.finding dt{color:var(--mute)}.finding dd{margin:0}
.badge{display:inline-block;padding:0 .4rem;border-radius:3px;color:#fff;font-size:.75rem;background:var(--minor)}
.badge.sev-critical{background:var(--crit)}.badge.sev-major{background:var(--major)}
.phrase{font-size:1.1rem;margin:.2rem 0}
.errors{color:var(--crit)}
#help{position:fixed;inset:20% 30% auto 30%;z-index:10;background:#fff;border:2px solid #263238;
 border-radius:6px;padding:1rem;box-shadow:0 4px 24px #0006}
#export{margin:1rem;white-space:pre-wrap;background:#eceff1;padding:.5rem;font-size:.8rem}
kbd{border:1px solid #999;border-radius:3px;padding:0 .3rem;font-family:monospace}
"""

JS = """
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("mtqa-data").textContent);
  const RANK = {minor: 0, major: 1, critical: 2};
  const cards = Array.from(document.querySelectorAll("article.finding"));
  const marks = Array.from(document.querySelectorAll("mark[data-flag-ids]"));
  const byId = new Map(cards.map(c => [c.dataset.flagId, c]));
  const storeKey = "mtqa-dismissed:" + data.signature + ":" + data.paths.join("|");
  const dismissed = new Set();
  try { JSON.parse(localStorage.getItem(storeKey) || "[]").forEach(id => { if (byId.has(id)) dismissed.add(id); }); }
  catch (e) { /* storage unavailable (private mode, file:// policy): decisions last for this view */ }
  let current = -1;

  const checked = cls => new Set(Array.from(document.querySelectorAll("input." + cls))
    .filter(i => i.checked).map(i => i.value));
  function visible(card, sev, rules, showDismissed) {
    return sev.has(card.dataset.severity) && rules.has(card.dataset.rule)
      && (showDismissed || !dismissed.has(card.dataset.flagId));
  }
  function apply() {
    const sev = checked("f-sev"), rules = checked("f-rule");
    const showDismissed = document.getElementById("show-dismissed").checked;
    let shown = 0;
    for (const card of cards) {
      const on = visible(card, sev, rules, showDismissed);
      card.hidden = !on;
      card.classList.toggle("dismissed", dismissed.has(card.dataset.flagId));
      const btn = card.querySelector("button.dismiss");
      btn.setAttribute("aria-pressed", String(dismissed.has(card.dataset.flagId)));
      btn.textContent = dismissed.has(card.dataset.flagId) ? "Undo: not an error" : "Not an error";
      if (on) shown++;
    }
    let lit = 0;
    for (const m of marks) {
      const live = m.dataset.flagIds.split(" ").map(id => byId.get(id)).filter(c => c && !c.hidden);
      m.classList.remove("sev-minor", "sev-major", "sev-critical");
      m.classList.toggle("off", live.length === 0);
      if (live.length) {
        const worst = live.reduce((a, b) => RANK[b.dataset.severity] > RANK[a.dataset.severity] ? b : a);
        m.classList.add("sev-" + worst.dataset.severity);
        lit++;
      }
    }
    document.body.dataset.visible = String(shown);
    document.body.dataset.lit = String(lit);
    document.body.dataset.dismissed = Array.from(dismissed).sort().join(" ");
    document.getElementById("shown").textContent = shown + " of " + cards.length + " shown";
  }
  function save() {
    try { localStorage.setItem(storeKey, JSON.stringify(Array.from(dismissed))); } catch (e) { /* see above */ }
  }
  function go(card) {
    cards.forEach(c => c.classList.remove("current"));
    marks.forEach(m => m.classList.remove("current"));
    if (!card) return;
    current = cards.indexOf(card);
    card.classList.add("current");
    for (const m of marks) if (m.dataset.flagIds.split(" ").includes(card.dataset.flagId)) m.classList.add("current");
    card.focus({preventScroll: true});
    card.scrollIntoView({block: "center"});
    document.body.dataset.current = card.dataset.flagId;
  }
  function step(delta) {
    const live = cards.filter(c => !c.hidden);
    if (!live.length) return;
    let i = live.indexOf(cards[current]);
    i = i < 0 ? (delta > 0 ? 0 : live.length - 1) : (i + delta + live.length) % live.length;
    go(live[i]);
  }
  function toggle(card) {
    const id = card.dataset.flagId;
    if (dismissed.has(id)) dismissed.delete(id); else dismissed.add(id);
    save();
    apply();
  }
  function ignoreFile() {
    const ignore = cards.filter(c => dismissed.has(c.dataset.flagId)).map(c => {
      const f = data.flags[c.dataset.flagId];
      const entry = {};
      // mtqa.baseline.load_ignore wants strings only: leave out what is unknown (e.g. stdin's path).
      for (const k of ["fingerprint", "rule", "path", "text"]) if (f[k]) entry[k] = f[k];
      entry.reason = "not an error";
      return entry;
    });
    return JSON.stringify({version: 1, ignore: ignore}, null, 2) + "\\n";
  }
  function exportIgnore() {
    const text = ignoreFile();
    const out = document.getElementById("export");
    out.textContent = text;
    out.hidden = false;
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], {type: "application/json"}));
    a.download = data.ignoreFileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  function help(show) {
    const h = document.getElementById("help");
    h.hidden = show === undefined ? !h.hidden : !show;
  }

  document.querySelectorAll("input.f-sev, input.f-rule, #show-dismissed")
    .forEach(i => i.addEventListener("change", apply));
  cards.forEach(c => c.querySelector("button.dismiss").addEventListener("click", () => toggle(c)));
  marks.forEach(m => m.addEventListener("click", () => {
    const live = m.dataset.flagIds.split(" ").map(id => byId.get(id)).filter(c => c && !c.hidden);
    if (live.length) go(live[0]);
  }));
  document.getElementById("export-btn").addEventListener("click", exportIgnore);
  document.getElementById("help-btn").addEventListener("click", () => help());
  document.addEventListener("keydown", ev => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const tag = (ev.target && ev.target.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    const k = ev.key;
    if (k === "j" || k === "n") step(1);
    else if (k === "k" || k === "p") step(-1);
    else if ((k === "x" || k === "i") && current >= 0) toggle(cards[current]);
    else if (k === "?") help();
    else if (k === "Escape") help(false);
    else return;
    ev.preventDefault();
  });
  window.mtqaReview = {ignoreFile: ignoreFile, next: () => step(1), previous: () => step(-1)};
  apply();
  document.body.dataset.marks = String(marks.length);
  document.body.dataset.findings = String(cards.length);
  document.body.dataset.ready = "1";
})();
"""
