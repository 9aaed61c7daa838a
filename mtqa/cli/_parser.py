"""The command line's arguments: ``build_parser()`` for every sub-command."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from mtqa import __version__
from mtqa.cli._messages import EXIT_USAGE, fail

__all__ = ["build_parser"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise SystemExit(fail(f"{self.prog}: error: {message}", EXIT_USAGE))


def _add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("targets", nargs="*", metavar="PATH",
                   help="Arabic target files, directories or quoted glob patterns (see docs/ci.md)")
    p.add_argument("--manifest", metavar="FILE", help="JSONL or CSV listing target, source?, backtranslation?")
    p.add_argument("--source", metavar="SRC", help="English source document (single target)")
    p.add_argument("--backtranslation", metavar="BT",
                   help="precomputed English back-translation, one line per non-empty target line (single target)")
    _add_run_options(p)
    p.add_argument("--require-model", action="store_true", default=None,
                   help="exit 3 when the model cannot be loaded instead of running model-free")
    p.add_argument("--ignore", metavar="FILE", help="ignore file (default: .mtqa-ignore.json next to the config)")
    p.add_argument("--no-ignore", action="store_true", help="do not apply any ignore file")


def _add_run_options(p: argparse.ArgumentParser) -> None:
    """What `check` and `archive` share: reading, the model, the cache, the rules."""
    p.add_argument("--input-format", help="target format: txt, jsonl, tsv, xliff, tmx, po (default: by extension)")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB", help="leave matching paths out")
    p.add_argument("--config", metavar="FILE", help="config file (default: nearest mtqa.toml / pyproject.toml)")
    p.add_argument("--model", help="ar→en model: hub id or local directory (env MTQA_MODEL)")
    p.add_argument("--reverse-model", help="en→ar model for round-trip scoring without a source")
    p.add_argument("--backend", choices=["marian", "ct2"], help="translation backend")
    p.add_argument("--beams", type=int, help="beam size (default 1: greedy)")
    p.add_argument("--device", help="cpu, cuda or auto")
    p.add_argument("--no-model", action="store_true", help="run model-free checks only")
    p.add_argument("--cache-dir", help="back-translation cache directory")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    p.add_argument("--enable", action="append", default=[], metavar="RULE", help="enable a rule or category")
    p.add_argument("--disable", action="append", default=[], metavar="RULE", help="disable a rule or category")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar on stderr (default: when stderr is a terminal outside CI)")
    p.add_argument("--follow-symlinks", action="store_true",
                   help="follow symlinks that lead out of a scanned folder (loops are cut either way)")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="log progress to stderr; the text format lists every finding (--show minor)")


def _add_debug(p: argparse.ArgumentParser, default: Any = argparse.SUPPRESS) -> None:
    # SUPPRESS on sub-commands: their default must not overwrite `mtqa --debug check …`.
    p.add_argument("--debug", action="store_true", default=default,
                   help="print the traceback of an unexpected error (for a bug report)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="mtqa", description="Flag suspect phrases in machine-translated Arabic news copy.")
    parser.add_argument("--version", action="version", version=f"mtqa {__version__}")
    _add_debug(parser, default=False)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    c = sub.add_parser("check", help="check Arabic target files (- reads standard input)")
    _add_input_options(c)
    _add_debug(c)
    c.add_argument("--format", action="append", default=[], metavar="FORMAT[:PATH]",
                   help="output format(s), repeated or comma-separated: text, json, jsonl, sarif, junit, html, "
                        "github; NAME:PATH writes to a file (default: text)")
    c.add_argument("--output", metavar="FILE", help="write the (single) report format here instead of stdout")
    c.add_argument("--output-dir", metavar="DIR", help="write formats without a path here (mtqa.sarif, …)")
    c.add_argument("--fail-on", choices=["minor", "major", "critical"], help="severity that fails (default major)")
    c.add_argument("--show", choices=["minor", "major", "critical"], default=None,
                   help="text format: list findings of this severity and above one by one, summarise the "
                        "rest by rule (default major: minor findings are counted per rule; -v means minor)")
    c.add_argument("--min-confidence", type=float, metavar="P",
                   help="leave out flags whose measured confidence is below P (0–1; default 0: keep all)")
    c.add_argument("--baseline", metavar="FILE", help="report and fail on findings not in this baseline only")
    c.add_argument("--no-baseline", action="store_true", help="ignore a baseline set in the config")
    c.add_argument("--timestamps", action="store_true", default=None, help="record the run time in the report")

    b = sub.add_parser("baseline", help="record current findings so that later runs report new ones only")
    bsub = b.add_subparsers(dest="baseline_command", required=True, parser_class=_Parser)
    bc = bsub.add_parser("create", help="check PATHS and write every finding to a baseline file")
    _add_input_options(bc)
    _add_debug(bc)
    bc.add_argument("--output", metavar="FILE", help="baseline file to write (default: `baseline` in the config)")

    r = sub.add_parser("rules", help="list every rule with its category, severity and explanation")
    r.add_argument("--format", choices=["text", "json"], default="text")
    _add_debug(r)

    a = sub.add_parser("archive", help="check an archive of stories on Ray into a directory that a rerun resumes")
    a.add_argument("targets", nargs="+", metavar="INPUT",
                   help="story files, directories or quoted globs (paired as for check), or JSONL / Parquet "
                        "tables of stories: id, target, source?, backtranslation? (see docs/scale.md)")
    _add_run_options(a)
    _add_debug(a)
    # The model is required (a run without back-translation is not worth a cluster); no ignore file.
    a.set_defaults(require_model=True, ignore=None, no_ignore=True)
    a.add_argument("--output", metavar="DIR", required=True, help="output directory (a rerun resumes it)")
    a.add_argument("--ray-address", metavar="ADDR", help="Ray cluster to use (default: start a local Ray)")
    a.add_argument("--workers", type=int, metavar="N", help="back-translation actors (default: as many as fit)")
    a.add_argument("--cpus-per-worker", type=float, default=1.0, metavar="N", help="CPUs per actor (default 1)")
    a.add_argument("--gpus-per-worker", type=float, default=0.0, metavar="N", help="GPUs per actor (default 0)")
    a.add_argument("--output-format", choices=["jsonl", "parquet"], default="jsonl", help="part files (default jsonl)")
    a.add_argument("--part-rows", type=int, default=1000, metavar="N",
                   help="rows per part file: what a killed run may have to redo (default 1000)")

    m = sub.add_parser("models", help="download, convert or diagnose translation models")
    _add_debug(m)
    msub = m.add_subparsers(dest="models_command", required=True, parser_class=_Parser)
    dr = msub.add_parser("doctor", help="what models, backends, dictionaries and caches mtqa sees, and why a "
                                        "model is unusable")
    dr.add_argument("--model", help="ar→en model: hub id or local directory (default: the configured one)")
    dr.add_argument("--reverse-model", help="en→ar model (default: the configured one)")
    dr.add_argument("--config", metavar="FILE", help="config file (default: nearest mtqa.toml / pyproject.toml)")
    dr.add_argument("--cache-dir", help="cache directory to inspect")
    _add_debug(dr)
    d = msub.add_parser("download", help="download a model from the Hugging Face hub (needs network)")
    d.add_argument("model", nargs="?", default=None, help="hub id (default: the configured model)")
    d.add_argument("--output", metavar="DIR", help="directory to save into (default: the HF cache)")
    cv = msub.add_parser("convert", help="convert a local Marian model to CTranslate2 int8")
    cv.add_argument("model_dir", metavar="DIR")
    cv.add_argument("--output", metavar="DIR")
    cv.add_argument("--quantization", default="int8")
    return parser
