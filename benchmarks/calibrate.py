"""Calibration benchmark: mtqa on real Arabic it was not written against.

Measures, model-free (the corpora have no model back-translations), with the English source:

* **clean copy** (NTREX-128 news, TICO-19 COVID-19; ``../shared/calibration``): share of lines
  with a flag >= major, share of documents passing ``--fail-on major``, false alarms per 1,000
  lines per rule; the same on the human references of the real-MT set with literal
  back-translations (``benchmarks/data/realmt``);
* **planted errors** (``calib/inject.py``: 13 kinds planted in clean lines with their gold
  spans): recall per kind and the rules that find them;
* **real MT**: the annotated opus-mt lines (``benchmarks/data/realmt``, a development set), and
  the unlabelled WMT25 output, whose major+ flags are listed for reading and scored against the
  verdicts in ``benchmarks/calibration_judged.tsv``.

It prints the tables and writes ``benchmarks/results/calibration.json``; ``--fit`` also refits the
per-rule confidence tables (``mtqa/data/calibration.json``), ``--write-docs`` refreshes the
ledger and figures in ``docs/quality.md``.

    python benchmarks/calibrate.py [--per-kind 100] [--fit] [--write-docs] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from calib import corpora, fit, measure
from calib.inject import KINDS

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "calibration.json"
JUDGED = ROOT / "benchmarks" / "calibration_judged.tsv"
CALIBRATION = ROOT / "mtqa" / "data" / "calibration.json"


def judged_verdicts(path: Path = JUDGED) -> dict[str, tuple[str, str]]:
    """Reader verdicts on WMT25 flags: key -> (agree|disagree, note)."""
    out: dict[str, tuple[str, str]] = {}
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0] != "key":
            out[parts[0]] = (parts[1].strip(), parts[2].strip() if len(parts) > 2 else "")
    return out


def flag_key(row: dict[str, Any]) -> str:
    return f"{row['doc']}:{row['line']}:{row['rule']}:{row['text']}"


def run(per_kind: int, seed: int, verbose: bool) -> dict[str, Any]:
    t0 = time.perf_counter()
    ck = measure.checker()
    clean = corpora.clean_corpora()
    out: dict[str, Any] = {"per_kind": per_kind, "seed": seed, "clean": {}, "injected": {}}
    clean_rows: list[dict[str, Any]] = []
    for name, docs in clean.items():
        c = measure.clean_run(ck, docs)
        out["clean"][name] = c.figures()
        clean_rows.extend(c.flags)
    mt_docs, ref_docs = corpora.realmt()
    for name, docs in (("realmt-ref+bt", ref_docs), ("team-ref+bt", corpora.team_references())):
        if docs:
            c = measure.clean_run(ck, docs, with_bt=True)
            out["clean"][name] = c.figures()
            clean_rows.extend({**r, "with_bt": True} for r in c.flags)
    injections = measure.plant(clean, per_kind=per_kind, seed=seed)
    counts, inj_rows = measure.injection_run(ck, injections)
    out["injected"] = {k: counts[k].figures() for k in KINDS if k in counts}
    total = sum(c.planted for c in counts.values())
    out["injected_overall"] = {
        "planted": total,
        "recall": round(sum(c.hit for c in counts.values()) / max(total, 1), 4),
        "recall_major": round(sum(c.hit_major for c in counts.values()) / max(total, 1), 4),
    }
    real_rows: list[dict[str, Any]] = []
    if mt_docs:
        real_rows = measure.labelled_flags(ck, mt_docs, with_bt=True) + measure.labelled_flags(ck, mt_docs,
                                                                                               with_bt=False)
    wmt = [r for d in corpora.wmt25() for r in _wmt_rows(ck, d)]
    verdicts = judged_verdicts()
    major_wmt = [r for r in wmt if r["severity"] in ("major", "critical")]
    judged = [(r, verdicts[flag_key(r)]) for r in major_wmt if flag_key(r) in verdicts]
    agree = sum(1 for _, (v, _) in judged if v == "agree")
    sample: dict[str, dict[str, int]] = {}
    for verdict, severity in verdicts.values():
        cell = sample.setdefault("major+" if severity in ("major", "critical") else "minor", {"agree": 0, "disagree": 0})
        cell[verdict] = cell.get(verdict, 0) + 1
    by_rule = Counter(r["rule"] + (f"[{r['signal']}]" if r["signal"] else "") for r in wmt)
    out["wmt25"] = {"documents": len(corpora.wmt25()), "flags": len(wmt), "major_flags": len(major_wmt),
                    "by_rule": dict(by_rule.most_common()),
                    "sample": {"rows": len(verdicts), "by_severity": dict(sorted(sample.items()))},
                    "judged": len(judged), "agreed": agree,
                    "precision_major": round(agree / len(judged), 4) if judged else None,
                    "unjudged_major": [dict(r, key=flag_key(r)) for r in major_wmt if flag_key(r) not in verdicts]}
    out["ledger"] = ledger(out, clean_rows, inj_rows, real_rows)
    labelled = labelled_rows(clean_rows, inj_rows, real_rows)
    out["reliability"] = fit.reliability(labelled)
    out["_labelled"] = labelled
    out["seconds"] = round(time.perf_counter() - t0, 1)
    if verbose:
        out["missed"] = {k: counts[k].missed for k in counts}
        out["clean_flags"] = [r for r in clean_rows if r["severity"] != "minor"]
    return out


def _wmt_rows(ck: Any, doc: corpora.Doc) -> list[dict[str, Any]]:
    return [{**measure.flag_row(doc, f), "system": doc.meta.get("system"), "domain": doc.meta.get("domain")}
            for f in measure.check_doc(ck, doc).iter_flags()]


def labelled_rows(clean_rows: list[dict[str, Any]], inj_rows: list[dict[str, Any]],
                  real_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The flags the confidence tables are fit on, each counted once: every flag on clean copy (a
    miss), the flags a planted error added to its line (a hit when on the planted span), and the
    flags on annotated real MT with back-translations (a hit when on an annotated error)."""
    clean_seen = {(r["doc"], r["line"], r["rule"], r["text"]) for r in clean_rows}
    rows = [{**r, "hit": False} for r in clean_rows]
    rows += [r for r in inj_rows if r["hit"] or (r["doc"], r["line"], r["rule"], r["text"]) not in clean_seen]
    rows += [r for r in real_rows if r.get("with_bt")]
    return rows


def _key(row: dict[str, Any]) -> str:
    return row["rule"] + (f"[{row['signal']}]" if row.get("signal") else "")


def ledger(out: dict[str, Any], clean_rows: list[dict[str, Any]], inj_rows: list[dict[str, Any]],
           real_rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per rule and signal: false alarms per 1,000 clean lines (alone, i.e. not corroborated, and in
    all), hits on planted and on real errors, and the severity the rule declares for it."""
    clean_lines = sum(v["lines"] for k, v in out["clean"].items() if not k.endswith("+bt"))
    bt_lines = sum(v["lines"] for k, v in out["clean"].items() if k.endswith("+bt"))
    fa = Counter(_key(r) for r in clean_rows if not r.get("with_bt"))
    fa_alone = Counter(_key(r) for r in clean_rows if not r.get("with_bt") and not r.get("corroborated"))
    fa_bt = Counter(_key(r) for r in clean_rows if r.get("with_bt"))
    inj_hit = Counter(_key(r) for r in inj_rows if r["hit"])
    inj_all = Counter(_key(r) for r in inj_rows)
    real_hit = Counter(_key(r) for r in real_rows if r["hit"] and r.get("with_bt"))
    real_all = Counter(_key(r) for r in real_rows if r.get("with_bt"))
    rules = sorted(set(fa) | set(fa_bt) | set(inj_all) | set(real_all))
    from mtqa.checks import REGISTRY

    table = {}
    for key in rules:
        rule, _, signal = key.partition("[")
        reg = REGISTRY.get(rule)
        table[key] = {
            "severity": reg.severity_of(signal.rstrip("]") or None) if reg else None,
            "corroborated_severity": reg.corroborated if reg else None,
            "clean_alone_per_1000": round(1000 * fa_alone[key] / max(clean_lines, 1), 2),
            "clean_per_1000": round(1000 * fa[key] / max(clean_lines, 1), 2),
            "clean_bt_per_1000": round(1000 * fa_bt[key] / max(bt_lines, 1), 2) if bt_lines else None,
            "planted_hits": inj_hit[key], "planted_flags": inj_all[key],
            "real_hits": real_hit[key], "real_flags": real_all[key],
        }
    return table


def print_tables(res: dict[str, Any]) -> None:
    print("\n### Clean copy (model-free with source; realmt-ref with literal back-translations)\n")
    print("| corpus | lines | docs | lines with major+ | docs passing |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, c in res["clean"].items():
        print(f"| {name} | {c['lines']} | {c['documents']} | {c['major_line_rate']:.1%} | {c['documents_passing']:.1%} |")
    print("\n### Planted errors (model-free with source)\n")
    print("| kind | planted | recall | recall (major+) | rules |")
    print("| --- | ---: | ---: | ---: | --- |")
    for kind, c in res["injected"].items():
        rules = ", ".join(f"{r} {n}" for r, n in list(c["rules"].items())[:3])
        print(f"| {kind} | {c['planted']} | {c['recall']:.2f} | {c['recall_major']:.2f} | {rules} |")
    o = res["injected_overall"]
    print(f"| **overall** | {o['planted']} | {o['recall']:.2f} | {o['recall_major']:.2f} | |")
    w = res["wmt25"]
    print(f"\n### WMT25 MT output\n\nThis run: {w['flags']} flags, {w['major_flags']} major or critical, of which "
          f"{w['judged']} judged, {w['agreed']} agreed (precision {w['precision_major']}). The whole judged sample "
          f"(`benchmarks/calibration_judged.tsv`, {w['sample']['rows']} flags read against the source): "
          + ", ".join(f"{sev} {n['agree']}/{n['agree'] + n['disagree']} agreed" for sev, n in w['sample']['by_severity'].items())
          + ". Flags by rule [signal]: " + ", ".join(f"{r} {n}" for r, n in w["by_rule"].items()) + ".")
    print("\n### Ledger (per rule)\n")
    print("| rule [signal] | severity | clean FA/1k alone (all) | clean+BT FA/1k | planted hits/flags "
          "| real hits/flags |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for rule, r in res["ledger"].items():
        bt = "" if r["clean_bt_per_1000"] is None else f"{r['clean_bt_per_1000']:.1f}"
        sev = r["severity"] + (f" ({r['corroborated_severity']} corroborated)" if r["corroborated_severity"] else "")
        print(f"| {rule} | {sev} | {r['clean_alone_per_1000']:.1f} ({r['clean_per_1000']:.1f}) | {bt} "
              f"| {r['planted_hits']}/{r['planted_flags']} | {r['real_hits']}/{r['real_flags']} |")
    rel = res["reliability"]
    print(f"\n### Confidence reliability (two-fold, {rel['flags']} flags; ECE {rel['expected_calibration_error']}, "
          f"Brier {rel['brier']})\n")
    print("| confidence | flags | mean confidence | hit rate |")
    print("| --- | ---: | ---: | ---: |")
    for b in rel["bins"]:
        print(f"| {b['range'][0]:.1f}–{b['range'][1]:.1f} | {b['flags']} | {b['mean_confidence']:.2f} "
              f"| {b['hit_rate']:.2f} |")
    print(f"\n(`benchmarks/calibrate.py --per-kind {res['per_kind']} --seed {res['seed']}`, {res['seconds']} s)")


DOCS = ROOT / "docs" / "quality.md"
_BEGIN = "<!-- calibration:begin (generated by benchmarks/calibrate.py --write-docs) -->"
_END = "<!-- calibration:end -->"


def write_docs(res: dict[str, Any], path: Path = DOCS) -> None:
    """Replace the generated calibration section of docs/quality.md with this run's tables."""
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        print_tables(res)
    block = f"{_BEGIN}\n{buf.getvalue().strip()}\n{_END}"
    text = path.read_text(encoding="utf-8")
    if _BEGIN not in text:
        raise SystemExit(f"{path}: no {_BEGIN!r} marker")
    head, rest = text.split(_BEGIN, 1)
    path.write_text(head + block + rest.split(_END, 1)[1], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-kind", type=int, default=100, help="planted errors per kind (default 100)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--verbose", "-v", action="store_true", help="also keep missed errors and clean flags")
    parser.add_argument("--fit", action="store_true", help="refit mtqa/data/calibration.json from this run")
    parser.add_argument("--write-docs", action="store_true", help="refresh the tables in docs/quality.md")
    args = parser.parse_args(argv)
    res = run(args.per_kind, args.seed, args.verbose)
    labelled = res.pop("_labelled")
    if args.fit:
        table = {"format": "mtqa-calibration", "version": 1,
                 "fitted_on": {"clean": {k: v["lines"] for k, v in res["clean"].items()},
                               "planted": res["injected_overall"]["planted"], "flags": len(labelled),
                               "per_kind": args.per_kind, "seed": args.seed},
                 "rules": fit.fit(labelled)}
        CALIBRATION.write_text(json.dumps(table, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {CALIBRATION.relative_to(ROOT)}")
    print_tables(res)
    if args.write_docs:
        write_docs(res)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
