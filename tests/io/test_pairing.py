"""Which files a run checks, and which source and back-translation go with each target."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mtqa import Config, InputError
from mtqa.io.files import Pairing, discover, read_manifest, resolve_inputs

AR = "اجتمع وزراء خارجية الناتو في بروكسل.\n"
EN = "NATO foreign ministers met in Brussels.\n"


def make(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(EN if ".en." in name or ".bt." in name or name.endswith(".src.txt") else AR,
                        encoding="utf-8")


def rel(pairs: list[Pairing], root: Path) -> list[tuple[str, str | None, str | None]]:
    def r(p: str | None) -> str | None:
        return None if p is None else Path(os.path.relpath(p, root)).as_posix()
    return [(r(p.target) or "", r(p.source), r(p.backtranslation)) for p in pairs]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make(tmp_path, "news/a.ar.txt", "news/a.en.txt", "news/a.bt.txt", "news/b.ar.txt", "news/b.en.txt",
         "news/c.ar.jsonl", "news/c.en.txt", "news/README.txt", "news/units.xlf", "news/.hidden.ar.txt",
         "news/.git/x.ar.txt", "news/sub/d.ar.txt", "news/sub/d.bt.txt", "news/old/e.ar.txt")
    (tmp_path / "news/c.ar.jsonl").write_text('{"target": "نص"}\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_directory_yields_targets_with_partners(tree: Path) -> None:
    pairs = discover(["news"], Config())
    assert rel(pairs, tree) == [
        ("news/a.ar.txt", "news/a.en.txt", "news/a.bt.txt"),
        ("news/b.ar.txt", "news/b.en.txt", None),
        ("news/c.ar.jsonl", "news/c.en.txt", None),  # partner with the target's extension, else .txt
        ("news/units.xlf", None, None),              # bilingual formats are targets whatever their name
        ("news/old/e.ar.txt", None, None),
        ("news/sub/d.ar.txt", None, "news/sub/d.bt.txt"),
    ]


@pytest.mark.parametrize(("args", "expected"), [
    (["news/*.txt"], ["news/README.txt", "news/a.ar.txt", "news/b.ar.txt"]),   # sources never targets
    (["news/**/*.ar.txt"], ["news/a.ar.txt", "news/b.ar.txt", "news/old/e.ar.txt", "news/sub/d.ar.txt"]),
    # what a shell makes of `news/a*`: the source and back-translation go with their target
    (["news/a.ar.txt", "news/a.bt.txt", "news/a.en.txt"], ["news/a.ar.txt"]),
    # a source named on its own is checked as asked
    (["news/b.en.txt"], ["news/b.en.txt"]),
    # the same file twice is checked once
    (["news/a.ar.txt", "news", "news/a.ar.txt"], ["news/a.ar.txt", "news/b.ar.txt", "news/c.ar.jsonl",
                                                    "news/units.xlf", "news/old/e.ar.txt", "news/sub/d.ar.txt"]),
])
def test_globs_and_explicit_files(tree: Path, args: list[str], expected: list[str]) -> None:
    assert [t for t, _, _ in rel(discover(args, Config()), tree)] == expected


@pytest.mark.parametrize(("exclude", "left_out"), [
    (("news/old/**",), {"news/old/e.ar.txt"}),  # relative to the working folder (in a config: its folder)
    (("news/sub/*",), {"news/sub/d.ar.txt"}),
    (("*.xlf",), {"news/units.xlf"}),          # no folder part: matches the file name anywhere
])
def test_exclude(tree: Path, exclude: tuple[str, ...], left_out: set[str]) -> None:
    everything = {t for t, _, _ in rel(discover(["news"], Config()), tree)}
    kept = {t for t, _, _ in rel(discover(["news"], Config(exclude=exclude)), tree)}
    assert everything - kept == left_out


def test_custom_suffixes(tmp_path: Path) -> None:
    make(tmp_path, "s_ar.txt", "s_src.txt", "s_back.txt", "other.txt")
    config = Config(target_suffix="_ar", source_suffix="_src", backtranslation_suffix="_back")
    assert rel(discover([str(tmp_path)], config), tmp_path) == [("s_ar.txt", "s_src.txt", "s_back.txt")]
    # without a target suffix every readable file that is not a source or back-translation is a target
    config = config.replace(target_suffix="")
    assert [t for t, _, _ in rel(discover([str(tmp_path)], config), tmp_path)] == ["other.txt", "s_ar.txt"]


@pytest.mark.parametrize(("args", "message"), [
    (["nothing/*.ar.txt"], "no target files match"),
    (["empty"], "no target files found"),
])
def test_nothing_found_is_an_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str],
                                         message: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=message) as info:
        discover(args, Config())
    assert info.value.path == args[0]


def test_manifest_jsonl_and_csv(tmp_path: Path) -> None:
    make(tmp_path, "ar/one.txt", "en/one.src.txt", "ar/two.txt", "bt/two.bt.txt")
    jsonl = tmp_path / "list.jsonl"
    jsonl.write_text('{"target": "ar/one.txt", "source": "en/one.src.txt"}\n\n'
                     '{"target": "ar/two.txt", "backtranslation": "bt/two.bt.txt", "source": null}\n',
                     encoding="utf-8")
    csv = tmp_path / "list.csv"
    csv.write_text("target,source,backtranslation\nar/one.txt,en/one.src.txt,\n\"ar/two.txt\",,bt/two.bt.txt\n",
                   encoding="utf-8")
    expected = [("ar/one.txt", "en/one.src.txt", None), ("ar/two.txt", None, "bt/two.bt.txt")]
    assert rel(read_manifest(str(jsonl)), tmp_path) == expected
    assert rel(read_manifest(str(csv)), tmp_path) == expected


@pytest.mark.parametrize(("name", "text", "message", "line"), [
    ("m.jsonl", '{"target": "a.txt"}\n{"target": "missing.txt"}\n', "target file 'missing.txt' not found", 2),
    ("m.jsonl", '{"target": "a.txt", "bt": "x"}\n', "unknown column 'bt'", 1),
    ("m.jsonl", '{"source": "a.txt"}\n', 'missing "target"', 1),
    ("m.jsonl", '{"target": \n', "malformed JSON", 1),
    ("m.csv", "source,backtranslation\na.txt,\n", "first row must name the columns", 1),
    ("m.csv", "target\na.txt,extra\n", "2 fields but the header has 1", 2),
    ("m.tsv", "target\tsource\na.txt\tnope.txt\n", "source file 'nope.txt' not found", 2),
    ("m.csv", "target\n", "empty manifest", None),
])
def test_manifest_errors_name_file_and_line(tmp_path: Path, name: str, text: str, message: str,
                                            line: int | None) -> None:
    make(tmp_path, "a.txt")
    manifest = tmp_path / name
    manifest.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as info:
        read_manifest(str(manifest))
    assert info.value.path == str(manifest) and info.value.line == line


def test_resolve_inputs_rules(tree: Path) -> None:
    with pytest.raises(InputError, match="nothing to check"):
        resolve_inputs([], Config())
    with pytest.raises(InputError, match="exactly one TARGET"):
        resolve_inputs(["news"], Config(), source="news/a.en.txt")
    # explicit partners beat the naming convention
    (pair,) = resolve_inputs(["news/a.ar.txt"], Config(), source="news/b.en.txt")
    assert (pair.source, pair.backtranslation) == ("news/b.en.txt", "news/a.bt.txt")
