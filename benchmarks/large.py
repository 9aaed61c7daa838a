"""Size limits: a 100,000-character paragraph with its source, and a whole 50 MB document.

Both model-free (no back-translation model), from the benchmark articles' reference Arabic and
English source repeated; each case runs in its own subprocess so that its peak RSS is its own.

    python benchmarks/large.py        # ~2 minutes; table + benchmarks/results/large.json
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "large.json"

_CASE = textwrap.dedent("""
    import json, resource, sys, time
    from pathlib import Path
    from mtqa import Checker, Config
    from mtqa.cli import main

    case, target, source = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    started = time.perf_counter()
    if case == "paragraph":
        report = Checker(Config(use_model=False, cache=False)).check(
            target=[target.read_text("utf-8")], source=[Path(source).read_text("utf-8")])
        segments = len(report.documents[0].segments)
    else:
        main(["check", str(target), "--no-model", "--no-cache", "--output", str(target) + ".report"])
        segments = None
    print(json.dumps({"seconds": round(time.perf_counter() - started, 1), "segments": segments,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))
""")


def _run(case: str, target: Path, source: Path | None = None) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, "-c", _CASE, case, str(target), str(source or "")],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def measure(workdir: Path) -> dict[str, Any]:
    articles = [json.loads(p.read_text("utf-8")) for p in sorted((ROOT / "benchmarks" / "data").glob("*/*.json"))]
    arabic = [p for a in articles for p in a["reference_ar"]]
    english = [p for a in articles for p in a["source_en"]]
    out: dict[str, Any] = {}

    target, source = workdir / "paragraph.ar.txt", workdir / "paragraph.en.txt"
    target.write_text(" ".join(arabic * 20)[:100_000], encoding="utf-8")
    source.write_text(" ".join(english * 20)[:100_000], encoding="utf-8")
    out["paragraph_100k_with_source"] = _run("paragraph", target, source)

    big = workdir / "huge.ar.txt"
    with big.open("w", encoding="utf-8") as fh:
        i = 0
        while fh.tell() < 50 * 1024 * 1024:
            fh.write("".join(f"{p} ({i})\n\n" for p in arabic))
            i += 1
    out["document_50mb"] = {"megabytes": round(big.stat().st_size / 2**20, 1), **_run("document", big)}
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        result = measure(Path(tmp))
    p, d = result["paragraph_100k_with_source"], result["document_50mb"]
    print(f"100,000-character paragraph with its 100,000-character source: {p['seconds']} s, "
          f"{p['segments']} segments, peak RSS {p['peak_rss_mb']} MB")
    print(f"{d['megabytes']} MB document, whole model-free check: {d['seconds']} s, peak RSS {d['peak_rss_mb']} MB")
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
