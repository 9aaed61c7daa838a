"""Command line: parse arguments → Config → Checker → report → exit code. Nothing else lives here.

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it (or a check failed);
2 usage or input error; 3 a model was required but is unavailable; 130 interrupted.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import warnings
from collections.abc import Sequence
from typing import Any

from mtqa import Checker, Config, ConfigError, InputError, ModelUnavailable, MtqaError, __version__, load_config

__all__ = ["main"]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_MODEL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise SystemExit(_fail(f"{self.prog}: error: {message}", EXIT_USAGE))


def _fail(message: str, code: int) -> int:
    print(message, file=sys.stderr)
    return code


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="mtqa", description="Flag suspect phrases in machine-translated Arabic news copy.")
    parser.add_argument("--version", action="version", version=f"mtqa {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    c = sub.add_parser("check", help="check Arabic target files")
    c.add_argument("targets", nargs="+", metavar="TARGET", help="Arabic target file(s)")
    c.add_argument("--source", metavar="SRC", help="English source document")
    c.add_argument("--backtranslation", metavar="BT",
                   help="precomputed English back-translation, one line per non-empty target line")
    c.add_argument("--input-format", help="target file format (default: by extension)")
    c.add_argument("--format", default="text", help="output format: text, json, jsonl (default: text)")
    c.add_argument("--output", metavar="FILE", help="write the report here instead of stdout")
    c.add_argument("--fail-on", choices=["minor", "major", "critical"], help="severity that fails (default major)")
    c.add_argument("--config", metavar="FILE", help="config file (default: nearest mtqa.toml / pyproject.toml)")
    c.add_argument("--model", help="ar→en model: hub id or local directory (env MTQA_MODEL)")
    c.add_argument("--reverse-model", help="en→ar model for round-trip scoring without a source")
    c.add_argument("--backend", choices=["marian", "ct2"], help="translation backend")
    c.add_argument("--beams", type=int, help="beam size (default 1: greedy)")
    c.add_argument("--device", help="cpu, cuda or auto")
    c.add_argument("--require-model", action="store_true", default=None,
                   help="exit 3 when the model cannot be loaded instead of running model-free")
    c.add_argument("--no-model", action="store_true", help="run model-free checks only")
    c.add_argument("--cache-dir", help="back-translation cache directory")
    c.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    c.add_argument("--enable", action="append", default=[], metavar="RULE", help="enable a rule or category")
    c.add_argument("--disable", action="append", default=[], metavar="RULE", help="disable a rule or category")
    c.add_argument("--timestamps", action="store_true", default=None, help="record the run time in the report")
    c.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")

    r = sub.add_parser("rules", help="list every rule with its category, severity and explanation")
    r.add_argument("--format", choices=["text", "json"], default="text")

    m = sub.add_parser("models", help="download or convert translation models")
    msub = m.add_subparsers(dest="models_command", required=True, parser_class=_Parser)
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
        "fail_on": args.fail_on, "model": args.model, "reverse_model": args.reverse_model,
        "backend": args.backend, "beams": args.beams, "device": args.device,
        "require_model": args.require_model, "cache_dir": args.cache_dir, "timestamps": args.timestamps,
    }
    config = load_config(args.config, **overrides)
    changes: dict[str, object] = {}
    if args.no_model:
        changes["use_model"] = False
    if args.no_cache:
        changes["cache"] = False
    if args.enable:
        changes["enable"] = (*config.enable, *args.enable)
    if args.disable:
        changes["disable"] = (*config.disable, *args.disable)
    return config.replace(**changes) if changes else config


def write_atomic(path: str, text: str) -> None:
    """Write via a temporary file and rename, so an interrupted run leaves no partial report."""
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".mtqa-", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _cmd_check(args: argparse.Namespace) -> int:
    from mtqa.io.files import collect_inputs
    from mtqa.report import render

    config = _config_from_args(args)
    checker = Checker(config)
    docs = collect_inputs(checker, args.targets, source=args.source, backtranslation=args.backtranslation,
                          fmt=args.input_format)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # model status is reported below and in the report
        report = checker.report(list(checker.check_many(docs)))
    if report.model.get("status") == "unavailable":
        print("mtqa: WARNING: back-translation is OFF; only model-free checks ran.\n"
              + str(report.model.get("message", "")), file=sys.stderr)
    text = render(report, args.format)
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return EXIT_OK if report.passed else EXIT_FINDINGS


def _cmd_rules(args: argparse.Namespace) -> int:
    import json

    from mtqa.checks import REGISTRY

    rules: list[dict[str, Any]] = [{"id": r.id, "category": r.category, "severity": r.severity, "summary": r.summary,
              "explanation": r.explanation, "needs": sorted(r.needs), "default_enabled": r.default_enabled}
             for r in REGISTRY.values()]
    if args.format == "json":
        print(json.dumps(rules, ensure_ascii=False, indent=2))
    else:
        for r in rules:
            needs = f" (needs {', '.join(r['needs'])})" if r["needs"] else ""
            off = "" if r["default_enabled"] else " [off by default]"
            print(f"{r['id']:<28} {r['category']:<15} {r['severity']:<9} {r['summary']}{needs}{off}")
            print(f"    {r['explanation']}")
    return EXIT_OK


def _cmd_models(args: argparse.Namespace) -> int:
    if args.models_command == "download":
        from mtqa.translate.hub import download

        model = args.model or load_config().model
        path = download(model, args.output)
        print(f"downloaded {model} to {path}")
    else:
        from mtqa.translate.ct2 import convert

        path = convert(args.model_dir, args.output, quantization=args.quantization)
        print(f"converted {args.model_dir} to {path}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_USAGE
    logging.basicConfig(level=logging.INFO if getattr(args, "verbose", False) else logging.WARNING,
                        format="mtqa: %(message)s", stream=sys.stderr)
    commands = {"check": _cmd_check, "rules": _cmd_rules, "models": _cmd_models}
    try:
        return commands[args.command](args)
    except ModelUnavailable as exc:
        return _fail(f"mtqa: error: model unavailable: {exc}", EXIT_MODEL)
    except (InputError, ConfigError) as exc:
        return _fail(f"mtqa: error: {exc}", EXIT_USAGE)
    except MtqaError as exc:
        return _fail(f"mtqa: error: {exc}", EXIT_USAGE)
    except KeyboardInterrupt:
        return _fail("mtqa: interrupted", EXIT_INTERRUPTED)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
