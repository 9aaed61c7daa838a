"""Command line: parse arguments → Config → Checker → report → exit code. Nothing else lives here.

Exit codes: 0 checked, no finding at or above --fail-on; 1 checked, findings at or above it (or a
check failed on a segment); 2 usage, input or output error (an unreadable input among many is
reported in the report and exits 2 once every report is written); 3 a model problem (required but
unavailable, or present but broken); 4 an internal error (a bug: the message asks for --debug);
130 interrupted. Without ``--debug`` no traceback is ever printed.
"""

from __future__ import annotations

import argparse
import codecs
import io
import logging
import os
import sys
import traceback
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from mtqa import (
    CacheWarning,
    Checker,
    Config,
    ConfigError,
    InputError,
    ModelUnavailable,
    MtqaError,
    OutputError,
    Report,
    __version__,
    doctor,
    load_config,
    rules,
)
from mtqa.baseline import IgnoreList, apply_baseline, create_baseline, load_baseline, load_ignore
from mtqa.cli._outputs import (
    append_step_summary,
    check_destination,
    color_wanted,
    plan_outputs,
    write_atomic,
    write_output,
    write_outputs,
)
from mtqa.cli._progress import ProgressBar, progress_wanted
from mtqa.config import find_config_file
from mtqa.io.files import load_documents, resolve_inputs
from mtqa.ray import archive
from mtqa.report import escape_text
from mtqa.translate import convert_model, download_model

__all__ = ["main", "write_atomic"]

DEFAULT_IGNORE_FILE = ".mtqa-ignore.json"
#: What a run without the model misses, for the one line that says the model is off.
BACKTRANSLATION_ADDS = ("with the model, mtqa also reads the Arabic back in English and compares it with the "
                        "source: flipped or lost negations, omissions, mistranslated phrases, sentence scores")

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_MODEL, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise SystemExit(_fail(f"{self.prog}: error: {message}", EXIT_USAGE))


def _say(message: str) -> None:
    """One message on stderr, each of its lines escaped: a file name or unit id from the input can
    neither hide text behind control characters nor start a CI workflow command."""
    print("\n".join(escape_text(line) for line in message.split("\n")), file=sys.stderr)


def _fail(message: str, code: int, debug: bool = False) -> int:
    if debug:
        traceback.print_exc()
    _say(message)
    return code


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


def _config_from_args(args: argparse.Namespace) -> Config:
    overrides = {
        "fail_on": getattr(args, "fail_on", None), "model": args.model, "reverse_model": args.reverse_model,
        "backend": args.backend, "beams": args.beams, "device": args.device,
        "require_model": args.require_model, "cache_dir": args.cache_dir,
        "timestamps": getattr(args, "timestamps", None), "input_format": args.input_format,
        "progress": args.progress, "baseline": getattr(args, "baseline", None), "ignore_file": args.ignore,
        "output_dir": getattr(args, "output_dir", None), "min_confidence": getattr(args, "min_confidence", None),
    }
    config = load_config(args.config, **overrides)
    changes: dict[str, object] = {}
    if args.no_model:
        changes["use_model"] = False
    if args.no_cache:
        changes["cache"] = False
    for key in ("enable", "disable", "exclude"):
        if getattr(args, key):
            changes[key] = (*getattr(config, key), *getattr(args, key))
    if getattr(args, "format", None):
        changes["format"] = tuple(args.format)  # the command line replaces the config's formats
    return config.replace(**changes) if changes else config


def _ignore_list(args: argparse.Namespace, config: Config) -> IgnoreList | None:
    if args.no_ignore:
        return None
    if config.ignore_file:
        return load_ignore(config.ignore_file)  # named explicitly: a missing file is an error
    config_file = Path(args.config) if args.config else find_config_file()
    default = (config_file.resolve().parent if config_file else Path.cwd()) / DEFAULT_IGNORE_FILE
    return load_ignore(default) if default.is_file() else None


def _run(args: argparse.Namespace, config: Config) -> Report:
    """Check every input and return the report before any baseline or ignore file.

    Inputs that could not be read are "error" documents of the report (said on stderr too); when no
    input at all could be checked there is nothing to report: each problem is said, the last raised.
    """
    pairs = resolve_inputs(args.targets, config, manifest=args.manifest, source=args.source,
                           backtranslation=args.backtranslation, follow_symlinks=args.follow_symlinks)
    bar = ProgressBar(len(pairs)) if len(pairs) > 1 and progress_wanted(sys.stderr, enabled=config.progress) \
        else None
    with Checker(config) as checker:
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")  # the model status is reported below; cache repairs are said
                results = list(checker.check_many(load_documents(pairs, fmt=config.input_format), progress=bar))
        finally:
            if bar is not None:
                bar.close()
        report = checker.report(results)
    for warning in caught:
        if issubclass(warning.category, CacheWarning):
            _say(str(warning.message))
    if report.model.get("status") == "unavailable":
        message = str(report.model.get("message", "")).strip()
        # One line, said once: what did not run, what it would have added, and how to get it.
        _say(f"mtqa: back-translation is OFF: {message.split(chr(10), 1)[0]} Only model-free checks ran; "
             f"{BACKTRANSLATION_ADDS} (`mtqa models download`, or --model DIR; -v or `mtqa models doctor` "
             "explains).")
        if args.verbose:
            _say(message)
    for doc in report.documents:
        if doc.status == "skipped":
            _say(f"mtqa: note: {doc.target_path}: skipped: {doc.reason}")
    errors = [doc.reason or "" for doc in report.documents if doc.status == "error"]
    if errors and all(doc.status != "checked" for doc in report.documents):
        for reason in errors[:-1]:
            _say(f"mtqa: error: {reason}")
        raise InputError(errors[-1])
    return report


def _input_failures(report: Report) -> int:
    """Say each input that could not be read; the exit code when there was one (2), else 0."""
    failed = [doc for doc in report.documents if doc.status == "error"]
    for doc in failed:
        _say(f"mtqa: error: {doc.reason}")
    return EXIT_USAGE if failed else EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    config = _config_from_args(args)
    outputs = plan_outputs(config.format, output=args.output, output_dir=config.output_dir)
    if config.output_dir is not None and os.path.exists(config.output_dir) and not os.path.isdir(config.output_dir):
        raise OutputError("--output-dir is a file, not a folder", path=config.output_dir)
    for out in outputs:  # before a long run, not after it
        if out.path is not None:
            check_destination(out.path)
    baseline = None if args.no_baseline or not config.baseline else load_baseline(config.baseline)
    ignore = _ignore_list(args, config)
    report = apply_baseline(_run(args, config), baseline, ignore=ignore)
    show = args.show or ("minor" if args.verbose else "major")
    failed = write_outputs(report, outputs, sys.stdout, show=show,
                           color=color_wanted(sys.stdout, os.environ))
    try:
        append_step_summary(report, outputs, os.environ)
    except OutputError as exc:
        failed.append(exc)
    for kind, info in report.settings.get("suppressed", {}).items():
        if info.get("suppressed"):
            _say(f"mtqa: {info['suppressed']} finding(s) suppressed by the {kind} file {info['path']}")
    for problem in failed:
        _say(f"mtqa: error: {problem}")
    # Every report is written before the exit code says that an input or an output failed.
    if _input_failures(report) or failed:
        return EXIT_USAGE
    return EXIT_OK if report.passed else EXIT_FINDINGS


def _cmd_baseline(args: argparse.Namespace) -> int:
    config = _config_from_args(args)
    output = args.output or config.baseline
    if not output:
        raise ConfigError("give --output FILE (or set baseline = \"...\" in the config)", key="baseline")
    check_destination(output)
    report = apply_baseline(_run(args, config), None, ignore=_ignore_list(args, config))
    baseline = create_baseline(report, root=os.path.dirname(os.path.abspath(output)))
    write_output(output, baseline.to_json())
    _say(f"mtqa: recorded {len(baseline.entries)} finding(s) from {len(report.documents)} document(s) in {output}")
    return _input_failures(report)


def _cmd_rules(args: argparse.Namespace) -> int:
    import json

    listing: list[dict[str, Any]] = [
        {"id": r.id, "category": r.category, "severity": r.severity, "summary": r.summary,
         "explanation": r.explanation, "needs": sorted(r.needs), "default_enabled": r.default_enabled,
         "params": {name: {"default": p.default, "minimum": p.minimum, "maximum": p.maximum, "doc": p.doc}
                    for name, p in r.params.items()},
         "plugin": r.plugin}
        for r in rules()
    ]
    if args.format == "json":
        print(json.dumps(listing, ensure_ascii=False, indent=2))
    else:
        for r in listing:
            needs = f" (needs {', '.join(r['needs'])})" if r["needs"] else ""
            off = "" if r["default_enabled"] else " [off by default]"
            origin = f" [plug-in {r['plugin']}]" if r["plugin"] else ""
            print(f"{r['id']:<28} {r['category']:<15} {r['severity']:<9} {r['summary']}{needs}{off}{origin}")
            print(f"    {r['explanation']}")
            for name, p in r["params"].items():  # what [tool.mtqa.rules.<id>] may set
                doc = f": {p['doc']}" if p["doc"] else ""
                print(f"    param {name.replace('_', '-')} = {p['default']!r}{doc}")
    return EXIT_OK


def _cmd_archive(args: argparse.Namespace) -> int:
    if args.workers is not None and args.workers < 1 or args.part_rows < 1:
        raise InputError("--workers and --part-rows must be at least 1")
    config = _config_from_args(args)
    if args.backend is None:  # CTranslate2 unless asked otherwise: several times faster on a CPU
        config = config.replace(backend="ct2")
    if not args.verbose:  # Ray Data logs every pass at INFO: noise under our own progress and summary
        for name in ("ray", "ray.data"):
            logging.getLogger(name).setLevel(logging.WARNING)
    bar = ProgressBar(None) if progress_wanted(sys.stderr, enabled=config.progress) else None
    try:
        with warnings.catch_warnings():
            if not args.verbose:
                warnings.simplefilter("ignore")  # Ray's advice on tuning block counts, mtqa's model notes
            summary = archive(list(args.targets), args.output, config, workers=args.workers,
                              num_cpus=args.cpus_per_worker, num_gpus=args.gpus_per_worker,
                              ray_address=args.ray_address, output_format=args.output_format,
                              part_rows=args.part_rows, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    print(summary.render(), file=sys.stderr)
    return EXIT_FINDINGS if summary.failed else EXIT_OK


def _cmd_models(args: argparse.Namespace) -> int:
    if args.models_command == "doctor":
        config = load_config(args.config, model=args.model, reverse_model=args.reverse_model,
                             cache_dir=args.cache_dir)
        return EXIT_OK if doctor(config, sys.stdout) else EXIT_MODEL
    if args.models_command == "download":
        model = args.model or load_config().model
        path = download_model(model, args.output)
        print(f"downloaded {model} to {path}")
    else:
        path = convert_model(args.model_dir, args.output, quantization=args.quantization)
        print(f"converted {args.model_dir} to {path}")
    return EXIT_OK


class _SafeFormatter(logging.Formatter):
    """Log lines escaped like every other message: they quote paths from the input."""

    def format(self, record: logging.LogRecord) -> str:
        return "\n".join(escape_text(line) for line in super().format(record).split("\n"))


def _json_escapes(exc: UnicodeError) -> tuple[str, int]:
    """``\\uXXXX`` (a surrogate pair above U+FFFF) for what the stream cannot encode. Unlike Python's
    backslashreplace (``\\xab``, ``\\U0001f600``) these are valid JSON escapes of the same characters."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out: list[str] = []
    for ch in exc.object[exc.start:exc.end]:
        units = ch.encode("utf-16-be")
        out.extend(f"\\u{int.from_bytes(units[i:i + 2], 'big'):04x}" for i in range(0, len(units), 2))
    return "".join(out), exc.end


codecs.register_error("mtqa-json-escapes", _json_escapes)


def _tolerant(stream: TextIO) -> None:
    """Let a stream that cannot encode Arabic (PYTHONIOENCODING=ascii, a C locale) write ``\\uXXXX``
    escapes instead of failing: the JSON on stdout stays the same JSON, the text stays readable."""
    if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
        stream.reconfigure(errors="mtqa-json-escapes")


def _load_plugins() -> None:
    """Plug-in rules loaded before the command runs, a broken one said on one line of its own (later
    loads are no-ops: a warning raised inside a check would be caught with the model's notes)."""
    from mtqa.checks import PluginWarning, load_plugins

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_plugins()
    for warning in caught:
        if issubclass(warning.category, PluginWarning):
            _say(str(warning.message))
        else:  # not ours to silence
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        _tolerant(stream)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_USAGE
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_SafeFormatter("mtqa: %(message)s"))
    logging.basicConfig(level=logging.INFO if getattr(args, "verbose", False) else logging.WARNING,
                        handlers=[handler])
    commands = {"check": _cmd_check, "baseline": _cmd_baseline, "rules": _cmd_rules, "models": _cmd_models,
                "archive": _cmd_archive}
    debug = bool(getattr(args, "debug", False))
    if args.command != "models":
        _load_plugins()
    try:
        return commands[args.command](args)
    except ModelUnavailable as exc:
        return _fail(f"mtqa: error: model unavailable: {exc}", EXIT_MODEL, debug)
    except MtqaError as exc:  # input, configuration and output errors
        return _fail(f"mtqa: error: {exc}", EXIT_USAGE, debug)
    except KeyboardInterrupt:
        return _fail("mtqa: interrupted", EXIT_INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (`mtqa check … | head`): the report could not be written whole. Point
        # stdout at /dev/null so that the flush at exit does not fail a second time.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, io.UnsupportedOperation):
            pass
        return EXIT_USAGE
    except MemoryError:
        return _fail("mtqa: error: out of memory (an input too large to check at once?)", EXIT_USAGE, debug)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: a bug must not look like findings
        return _fail(f"mtqa: internal error: {type(exc).__name__}: {exc} (a bug in mtqa; run again with "
                     "--debug for the traceback and report it)", EXIT_INTERNAL, debug)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
