"""A self-contained HTML review page: the Arabic paragraph by paragraph, suspect phrases highlighted.

Safety: every piece of input text is HTML-escaped (attributes included); bidi controls and other
control characters are shown as visible ``⟨U+202E⟩`` markers so they cannot reorder the page; the
data the script needs is embedded as JSON with ``<``, ``>``, ``&``, U+2028/9 escaped; and a
Content-Security-Policy allows only the page's own inline style and script (by hash), nothing else.

Overlapping flags are split into non-overlapping runs, each a ``<mark>`` naming all its flags in
``data-flag-ids`` and coloured by the most severe one that the filters leave visible.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections import defaultdict
from collections.abc import Iterable

from mtqa.report._common import doc_label, rules_for, segment_of
from mtqa.report._escape import UNSAFE, json_text
from mtqa.report._evidence import Field, evidence_fields
from mtqa.report._html_assets import CSS, JS
from mtqa.types import SEVERITIES, DocumentResult, Flag, Report, SegmentResult, severity_rank

__all__ = ["IGNORE_FILE_NAME", "embed_json", "render_html"]

IGNORE_FILE_NAME = "mtqa-ignore.json"


def _html(text: str) -> str:
    # "##[" is GitHub's old workflow-command syntax: no report holds it raw, even one shown in a log.
    return html.escape(text, quote=True).replace("##[", "#&#35;[")


def _esc(text: str) -> str:
    """Input text as HTML: escaped, with control and bidi characters shown as visible markers."""
    out, pos = [], 0
    for m in UNSAFE.finditer(text):
        out.append(_html(text[pos:m.start()]))
        code = f"U+{ord(m.group()):04X}"
        out.append(f'<span class="ctl" title="{code}">⟨{code}⟩</span>')
        pos = m.end()
    out.append(_html(text[pos:]))
    return "".join(out)


def _esc_lines(text: str) -> str:
    """Several lines of input text, each escaped, joined by ``<br>``: one line of page source, so no
    line of it can begin with a workflow command's ``::``."""
    return "<br>".join(_esc(line) for line in text.split("\n"))


def _attr(text: str) -> str:
    # Attribute values never hold raw controls either: the same escaping as text, markers as text.
    return _html(UNSAFE.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", text))


def embed_json(data: object) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``</script>``, no HTML parsing surprises.

    Bidi and other controls are escaped too, so that not even the page source holds them raw.
    """
    return json_text(data, extra="<>&")


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


def _flag_id(doc_index: int, flag_index: int) -> str:
    return f"f{doc_index}-{flag_index}"


# -- the text, with highlights --------------------------------------------------------------------
def _line_text(segments: list[SegmentResult], flags: list[Flag]) -> str:
    """A line rebuilt from its sentences at their offsets; gaps between them become spaces."""
    length = max([s.end for s in segments] + [f.end for f in flags] + [0])
    chars = [" "] * length
    filled = [False] * length
    for seg in segments:
        for i, ch in enumerate(seg.target[: seg.end - seg.start]):
            chars[seg.start + i], filled[seg.start + i] = ch, True
    for flag in flags:  # a flag outside every sentence still shows its own text
        for i, ch in enumerate(flag.text[: flag.end - flag.start]):
            if not filled[flag.start + i]:
                chars[flag.start + i] = ch
    return "".join(chars)


def _runs(text: str, flags: list[tuple[str, Flag]]) -> str:
    """``text`` with each stretch covered by flags wrapped in one ``<mark>``; empty flags (an
    omission at a point) become an empty ``<mark class="gap">``.

    One sweep over the cut points, keeping the flags that cover the current stretch: time grows
    with the text and the marks written, not with stretches × flags (a 1 MB line has thousands).
    """
    cuts = sorted({0, len(text), *(f.start for _, f in flags), *(f.end for _, f in flags)})
    gaps: dict[int, list[int]] = defaultdict(list)
    opening: dict[int, list[int]] = defaultdict(list)
    closing: dict[int, list[int]] = defaultdict(list)
    for k, (_, f) in enumerate(flags):
        if f.start == f.end:
            gaps[f.start].append(k)
        elif f.start < f.end:
            opening[f.start].append(k)
            closing[f.end].append(k)
    active: set[int] = set()
    out: list[str] = []
    for i, a in enumerate(cuts):
        out.extend(_mark([flags[k]], "", gap=True) for k in gaps.get(a, ()))
        active.difference_update(closing.get(a, ()))
        active.update(opening.get(a, ()))
        if i + 1 == len(cuts):
            break
        b = cuts[i + 1]
        # in input order, as before: the first most severe flag names the run
        covering = [flags[k] for k in sorted(active)]
        out.append(_mark(covering, text[a:b]) if covering else _esc(text[a:b]))
    return "".join(out)


def _mark(flags: list[tuple[str, Flag]], text: str, *, gap: bool = False) -> str:
    worst = max(flags, key=lambda x: severity_rank(x[1].severity))
    ids = " ".join(fid for fid, _ in flags)
    rules = " ".join(sorted({f.rule for _, f in flags}))
    cls = f"sev-{worst[1].severity}" + (" gap" if gap else "")
    return (f'<mark class="{cls}" data-flag-id="{worst[0]}" data-flag-ids="{ids}" data-rule="{_attr(rules)}" '
            f'data-severity="{worst[1].severity}" title="{_attr(worst[1].message)}">{_esc(text)}</mark>')


def _paragraphs(doc: DocumentResult, ids: dict[int, str]) -> str:
    segs: dict[tuple[int, str | None], list[SegmentResult]] = defaultdict(list)
    flags: dict[tuple[int, str | None], list[tuple[str, Flag]]] = defaultdict(list)
    for seg in doc.segments:
        segs[(seg.line, seg.unit_id)].append(seg)
    for i, flag in enumerate(doc.all_flags):
        flags[(flag.line, flag.unit_id)].append((ids[i], flag))
    out = []
    for key in sorted(set(segs) | set(flags), key=lambda k: (k[0], k[1] or "")):
        line_flags = flags.get(key, [])
        text = _line_text(sorted(segs.get(key, []), key=lambda s: s.start), [f for _, f in line_flags])
        label = f"{key[0]}" + (f" · {key[1]}" if key[1] else "")
        out.append(f'<p class="para" dir="rtl" lang="ar" data-line="{key[0]}"><span class="ln" dir="ltr">'
                   f'{_esc(label)}</span> <bdi>{_runs(text, line_flags)}</bdi></p>')
    return "\n".join(out)


# -- findings ---------------------------------------------------------------------------------------
def _scores(scores: dict[str, float | None]) -> str:
    shown = [f"{k} {v:.1f}" for k, v in scores.items() if isinstance(v, (int, float))]
    return " · ".join(shown)


def _field(field: Field) -> str:
    """One labelled piece of evidence: English reads left to right, Arabic right to left; a mixed or
    neutral value lets the browser decide from its first strong letter."""
    direction = {"en": "ltr", "ar": "rtl"}.get(field.lang, "auto")
    lang = f' lang="{field.lang}"' if field.lang else ""
    return (f'<dt data-key="{_attr(field.key)}">{_esc(field.label[:1].upper() + field.label[1:])}</dt>'
            f'<dd dir="{direction}"{lang}><bdi dir="{direction}">{_esc(field.value)}</bdi></dd>')


def _finding(doc: DocumentResult, fid: str, flag: Flag) -> str:
    where = f"line {flag.line}" + (f", unit {flag.unit_id}" if flag.unit_id else f", col {flag.start + 1}")
    # The words and entries first, then the phrase in its context, then the sentences and the rest.
    head = evidence_fields(doc, flag, sentences="none", facts=False)
    rows = [_field(f) for f in head]
    if flag.before or flag.after:
        rows.append(f'<dt data-key="context">Context</dt><dd dir="rtl" lang="ar"><bdi>{_esc(flag.before[-40:])}'
                    f'<b>{_esc(flag.text)}</b>{_esc(flag.after[:40])}</bdi></dd>')
    rows.extend(_field(f) for f in evidence_fields(doc, flag) if f not in head)
    seg = segment_of(doc, flag)
    if seg is not None and _scores(dict(seg.scores)):
        rows.append(f'<dt data-key="scores">Scores</dt><dd>{_esc(_scores(dict(seg.scores)))}</dd>')
    return (
        f'<article class="finding sev-{flag.severity}" id="{fid}" data-flag-id="{fid}" '
        f'data-rule="{_attr(flag.rule)}" data-severity="{flag.severity}" data-category="{_attr(flag.category)}" '
        f'data-fingerprint="{_attr(flag.fingerprint)}" tabindex="-1">'
        f'<div><span class="badge sev-{flag.severity}">{flag.severity}</span> {_esc(flag.category)} · '
        f'<code>{_esc(flag.rule)}</code> · <span class="meta">{_esc(where)}</span></div>'
        f'<p class="phrase" dir="rtl" lang="ar"><bdi>{_esc(flag.text) or "⁁"}</bdi></p>'
        f'<p class="msg" dir="ltr"><bdi dir="ltr">{_esc(flag.message)}</bdi></p>'
        f'<dl>{"".join(rows)}</dl>'
        f'<button type="button" class="dismiss" aria-pressed="false">Not an error</button></article>'
    )


def _document(doc_index: int, doc: DocumentResult) -> str:
    # Most severe first, and within a severity the most confident: the reviewer's reading order.
    flags = doc.all_flags
    order = sorted(range(len(flags)), key=lambda i: (-severity_rank(flags[i].severity),
                                                     -(flags[i].confidence or 0.0), flags[i].line, flags[i].start))
    ids = {i: _flag_id(doc_index, i) for i in range(len(flags))}
    meta = []
    if doc.source_path:
        meta.append(f"source: {_esc(doc.source_path)}")
    if _scores(dict(doc.scores)):
        meta.append(_esc(_scores(dict(doc.scores))))
    if doc.quality.get("score") is not None:
        meta.append(f"quality {_esc(str(doc.quality['score']))}")
    unchecked = [f"{doc.status}: {doc.reason or ''}"] if doc.status != "checked" else []
    # that back-translation was off is said once, at the top of the page
    notes = "".join(f"<li>{_esc(n)}</li>" for n in [*doc.notes, *(unchecked if doc.status == "skipped" else [])]
                    if not n.startswith("back-translation off:"))
    errors = "".join(f"<li>{_esc(e)}</li>" for e in [*doc.errors, *(unchecked if doc.status == "error" else [])])
    cards = "\n".join(_finding(doc, ids[i], doc.all_flags[i]) for i in order)
    return (
        f'<section class="doc" id="doc-{doc_index}"><h2><bdi>{_esc(doc_label(doc))}</bdi></h2>'
        f'<div class="meta">{" · ".join(meta)} · {len(doc.all_flags)} finding(s)</div>'
        + (f'<ul class="meta">{notes}</ul>' if notes else "")
        + (f'<ul class="errors">{errors}</ul>' if errors else "")
        + f'<div class="cols"><div class="text" dir="rtl" lang="ar">{_paragraphs(doc, ids)}</div>'
        f'<div class="findings" dir="ltr">{cards or "<p>No findings.</p>"}</div></div></section>'
    )


# -- the page -----------------------------------------------------------------------------------------
def _checkboxes(cls: str, values: Iterable[tuple[str, int]]) -> str:
    return "".join(f'<label><input type="checkbox" class="{cls}" value="{_attr(v)}" checked> {_esc(v)} ({n})</label>'
                   for v, n in values)


def _data(report: Report) -> dict[str, object]:
    flags = {
        _flag_id(d, i): {"fingerprint": f.fingerprint, "rule": f.rule, "path": doc.target_path, "text": f.text,
                         "severity": f.severity, "category": f.category, "line": f.line, "unit_id": f.unit_id}
        for d, doc in enumerate(report.documents) for i, f in enumerate(doc.all_flags)
    }
    return {"signature": report.signature, "paths": [doc_label(d) for d in report.documents], "flags": flags,
            "ignoreFileName": IGNORE_FILE_NAME}


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page (no external resources)."""
    summary = report.summary()
    present = summary["by_rule"]
    rules = [(r.id, present[r.id]) for r in rules_for(report) if r.id in present]
    verdict = ("pass", "passed") if report.passed else ("fail", "failed")
    counts = ", ".join(f"{summary['by_severity'][s]} {s}" for s in reversed(SEVERITIES))
    warn = ""
    if report.model.get("status") == "unavailable":
        # One line on the page; what was tried and how to fix it fold out on demand.
        first, _, rest = str(report.model.get("message", "")).strip().partition("\n")
        more = f"<details><summary>why, and how to get it</summary><div class='why'>{_esc_lines(rest)}</div></details>" \
            if rest.strip() else ""
        warn = ('<div class="warn">Back-translation is OFF (model unavailable); only model-free checks ran. '
                f'{_esc(first)} Get the model with <code>mtqa models download</code> or pass '
                f'<code>--model DIR</code>.{more}</div>')
    csp = (f"default-src 'none'; script-src {_csp_hash(JS)}; style-src {_csp_hash(CSS)}; img-src 'none'; "
           "base-uri 'none'; form-action 'none'")
    docs = "\n".join(_document(i, d) for i, d in enumerate(report.documents))
    return f"""<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="mtqa">
<title>mtqa review: {summary['flags']} finding(s)</title>
<style>{CSS}</style>
</head>
<body>
<header class="top">
<h1>mtqa review · <span class="verdict {verdict[0]}">{verdict[1]}</span> (fail-on: {_esc(report.fail_on)})
 · {summary['flags']} finding(s): {counts}</h1>
<div class="toolbar">
<fieldset><legend>Severity</legend>{_checkboxes("f-sev", ((s, summary['by_severity'][s]) for s in reversed(SEVERITIES)))}</fieldset>
<fieldset><legend>Rule</legend>{_checkboxes("f-rule", rules)}</fieldset>
<label><input type="checkbox" id="show-dismissed"> show dismissed</label>
<span id="shown"></span>
<button type="button" id="export-btn">Export ignore list</button>
<button type="button" id="help-btn" title="Keyboard shortcuts">?</button>
</div>
</header>
{warn}
<main>
{docs}
</main>
<pre id="export" hidden></pre>
<div id="help" role="dialog" aria-label="Keyboard shortcuts" hidden>
<p><b>Keyboard</b></p>
<p><kbd>j</kbd>/<kbd>n</kbd> next finding · <kbd>k</kbd>/<kbd>p</kbd> previous finding<br>
<kbd>x</kbd>/<kbd>i</kbd> mark the current finding “not an error” (again to undo)<br>
<kbd>?</kbd> show/hide this help · <kbd>Esc</kbd> close</p>
<p>“Export ignore list” downloads <code>{IGNORE_FILE_NAME}</code> with the findings marked “not an error”:
save it as <code>.mtqa-ignore.json</code> next to the config file, or pass it with <code>--ignore</code>.</p>
</div>
<footer class="meta"><p>&nbsp;signature: <code>{_esc(report.signature)}</code></p></footer>
<script type="application/json" id="mtqa-data">{embed_json(_data(report))}</script>
<script>{JS}</script>
</body>
</html>
"""
