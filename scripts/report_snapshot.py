"""Write the JSON reports of the seed and the devset, model-free, to compare two versions of mtqa.

    PYTHONPATH=/path/to/old  python scripts/report_snapshot.py OUT_OLD
    PYTHONPATH=/path/to/new  python scripts/report_snapshot.py OUT_NEW
    diff -r OUT_OLD OUT_NEW        # byte-identical unless a change was meant

A refactoring that must not change behaviour is proved by an empty diff. Each input is checked twice:
through the command line (``mtqa check --no-model --format json:…``: file reading, pairing, the
checker, the JSON writer) and through the library's one-call entry point ``mtqa.check`` (its
``to_json``), which every mtqa version has. The devset is checked three ways per story (the flawed
MT with its source and back-translation; the flawed MT with its source only; the reference with its
source and back-translation), so that source alignment, back-translation checks and the model-free
fallback are all covered. Paths in the reports are relative to a scratch folder, the same for both
runs, and the cache is off, so nothing but the code can make two snapshots differ.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_cf7ad39c2f50dbc3.txt"
DEVSET = ROOT / "benchmarks" / "data" / "devset"


def _inputs(work: Path) -> list[tuple[str, str, str | None, str | None]]:
    """(name, target, source, back-translation) files written under ``work``, paths relative to it."""
    out: list[tuple[str, str, str | None, str | None]] = []
    shutil.copy(SEED, work / "seed.ar.txt")
    shutil.copy(SEED.with_name(SEED.stem + ".en.txt"), work / "seed.en.txt")
    out.append(("seed", "seed.ar.txt", "seed.en.txt", None))
    for path in sorted(DEVSET.glob("*.json")):
        story = json.loads(path.read_text("utf-8"))
        for key in ("mt_ar", "reference_ar", "source_en", "backtranslation_en", "backtranslation_ref_en"):
            (work / f"{path.stem}.{key}.txt").write_text("\n".join(story[key]) + "\n", "utf-8")
        files = {k: f"{path.stem}.{k}.txt" for k in ("mt_ar", "reference_ar", "source_en", "backtranslation_en",
                                                       "backtranslation_ref_en")}
        out.append((f"{path.stem}.mt", files["mt_ar"], files["source_en"], files["backtranslation_en"]))
        out.append((f"{path.stem}.mt-nobt", files["mt_ar"], files["source_en"], None))
        out.append((f"{path.stem}.ref", files["reference_ar"], files["source_en"], files["backtranslation_ref_en"]))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("out", type=Path, help="folder for the reports (created)")
    args = parser.parse_args(argv)
    import mtqa
    from mtqa.cli import main as cli

    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    here = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        inputs = _inputs(work)
        os.chdir(work)
        try:
            config = mtqa.Config(use_model=False, cache=False)
            for name, target, source, bt in inputs:
                # a relative report path: the settings in the report name it
                argv_ = ["check", target, "--no-model", "--no-cache", "--no-ignore", "--no-baseline",
                         "--format", "json:report.json"]
                argv_ += ["--source", source] if source else []
                argv_ += ["--backtranslation", bt] if bt else []
                code = cli(argv_)
                if code not in (0, 1):
                    print(f"{name}: mtqa check exited {code}", file=sys.stderr)
                    return 2
                shutil.move("report.json", out / f"{name}.cli.json")
                text = {k: Path(v).read_text("utf-8") if v else None
                        for k, v in (("target", target), ("source", source), ("backtranslation", bt))}
                report = mtqa.check(target=text["target"] or "", source=text["source"],
                                    backtranslation=text["backtranslation"], config=config)
                (out / f"{name}.api.json").write_text(report.to_json(indent=1) + "\n", "utf-8")
        finally:
            os.chdir(here)
    print(f"{len(inputs) * 2} reports in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
