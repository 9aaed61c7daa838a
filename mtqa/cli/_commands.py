"""The sub-commands: each turns parsed arguments into a Config, runs the Checker (or the archive,
or the model tools) and returns the exit code."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import warnings
from pathlib import Path
from typing import Any

from mtqa import (
    CacheWarning,
    Checker,
    Config,
    ConfigError,
    InputError,
    OutputError,
    Report,
    doctor,
    load_config,
    rules,
)
from mtqa.baseline import IgnoreList, apply_baseline, create_baseline, load_baseline, load_ignore
from mtqa.cli._messages import EXIT_FINDINGS, EXIT_MODEL, EXIT_OK, EXIT_USAGE, say
from mtqa.cli._outputs import (
    append_step_summary,
    check_destination,
    check_not_inputs,
    color_wanted,
    plan_outputs,
    write_output,
    write_outputs,
)
from mtqa.cli._progress import ProgressBar, progress_wanted
from mtqa.config import find_config_file
from mtqa.io.files import load_documents, resolve_inputs
from mtqa.ray import archive
from mtqa.translate import convert_model, download_model

__all__ = ["COMMANDS"]

DEFAULT_IGNORE_FILE = ".mtqa-ignore.json"
#: What a run without the model misses, for the one line that says the model is off.
BACKTRANSLATION_ADDS = ("with the model, mtqa also reads the Arabic back in English and compares it with the "
                        "source: flipped or lost negations, omissions, mistranslated phrases, sentence scores")


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
            say(str(warning.message))
    if report.model.get("status") == "unavailable":
        message = str(report.model.get("message", "")).strip()
        # One line, said once: what did not run, what it would have added, and how to get it.
        say(f"mtqa: back-translation is OFF: {message.split(chr(10), 1)[0]} Only model-free checks ran; "
             f"{BACKTRANSLATION_ADDS} (`mtqa models download`, or --model DIR; -v or `mtqa models doctor` "
             "explains).")
        if args.verbose:
            say(message)
    for doc in report.documents:
        if doc.status == "skipped":
            say(f"mtqa: note: {doc.target_path}: skipped: {doc.reason}")
    errors = [doc.reason or "" for doc in report.documents if doc.status == "error"]
    if errors and all(doc.status != "checked" for doc in report.documents):
        for reason in errors[:-1]:
            say(f"mtqa: error: {reason}")
        raise InputError(errors[-1])
    return report


def _named_inputs(args: argparse.Namespace, config: Config) -> list[str | None]:
    """The files the command line and the config name as inputs (folders are expanded by the run)."""
    return [*getattr(args, "targets", ()), getattr(args, "source", None), getattr(args, "backtranslation", None),
            getattr(args, "manifest", None), getattr(args, "config", None), config.baseline, config.ignore_file,
            *config.termbases]


def _read_inputs(report: Report) -> list[str | None]:
    return [p for doc in report.documents for p in (doc.target_path, doc.source_path, doc.backtranslation_path)]


def _input_failures(report: Report) -> int:
    """Say each input that could not be read; the exit code when there was one (2), else 0."""
    failed = [doc for doc in report.documents if doc.status == "error"]
    for doc in failed:
        say(f"mtqa: error: {doc.reason}")
    return EXIT_USAGE if failed else EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    config = _config_from_args(args)
    outputs = plan_outputs(config.format, output=args.output, output_dir=config.output_dir)
    if config.output_dir is not None and os.path.exists(config.output_dir) and not os.path.isdir(config.output_dir):
        raise OutputError("--output-dir is a file, not a folder", path=config.output_dir)
    for out in outputs:  # before a long run, not after it
        if out.path is not None:
            check_destination(out.path)
    written = [out.path for out in outputs if out.path is not None]
    check_not_inputs(written, _named_inputs(args, config))
    baseline = None if args.no_baseline or not config.baseline else load_baseline(config.baseline)
    ignore = _ignore_list(args, config)
    report = apply_baseline(_run(args, config), baseline, ignore=ignore)
    check_not_inputs(written, _read_inputs(report))  # the files found in folders and paired by suffix
    show = args.show or ("minor" if args.verbose else "major")
    failed = write_outputs(report, outputs, sys.stdout, show=show,
                           color=color_wanted(sys.stdout, os.environ))
    try:
        append_step_summary(report, outputs, os.environ)
    except OutputError as exc:
        failed.append(exc)
    for kind, info in report.settings.get("suppressed", {}).items():
        if info.get("suppressed"):
            say(f"mtqa: {info['suppressed']} finding(s) suppressed by the {kind} file {info['path']}")
    for problem in failed:
        say(f"mtqa: error: {problem}")
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
    check_not_inputs([output], _named_inputs(args, config))
    report = apply_baseline(_run(args, config), None, ignore=_ignore_list(args, config))
    check_not_inputs([output], _read_inputs(report))
    baseline = create_baseline(report, root=os.path.dirname(os.path.abspath(output)))
    write_output(output, baseline.to_json())
    say(f"mtqa: recorded {len(baseline.entries)} finding(s) from {len(report.documents)} document(s) in {output}")
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


COMMANDS = {"check": _cmd_check, "baseline": _cmd_baseline, "rules": _cmd_rules, "models": _cmd_models,
            "archive": _cmd_archive}
