"""The library's inputs (issue 12, class 7): a wrong type is a TypeError that says what is accepted;
one string where a collection of names is expected is one name, not its letters.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import mtqa
from mtqa import Checker, Config, ConfigError
from mtqa.io.files import resolve_inputs

from ._helpers import AR_LINES, EN_LINES

TARGET = "قال مجلس مجلس الأمن ، إن الاجتماع انتهى."
OFF = Config(use_model=False, cache=False)


@pytest.mark.parametrize(("kwargs", "names", "got"), [
    ({"target": TARGET.encode()}, "target", "bytes"),
    ({"target": bytearray(TARGET.encode())}, "target", "bytearray"),
    ({"target": 42}, "target", "int"),
    ({"target": None}, "target", "NoneType"),
    ({"target": {"text": TARGET}}, "target", "dict"),
    ({"target": [TARGET, b"x"]}, "target", "item 1 is bytes"),
    ({"target": TARGET, "source": b"The council met."}, "source", "bytes"),
    ({"target": TARGET, "backtranslation": b"The council met."}, "backtranslation", "bytes"),
    ({"target": TARGET, "backtranslation": [1]}, "backtranslation", "item 0 is int"),
])
def test_wrong_input_types_name_what_is_accepted(kwargs: dict[str, object], names: str, got: str) -> None:
    with pytest.raises(TypeError) as info:
        mtqa.check(config=OFF, **kwargs)  # type: ignore[arg-type]
    message = str(info.value)
    assert message.startswith(f"{names} must be a str (paragraphs separated by newlines)"), message
    assert "list of str (one per paragraph)" in message and got in message


def test_bytes_get_a_hint_to_decode() -> None:
    with pytest.raises(TypeError, match=r"decode bytes first \(e\.g\. data\.decode\('utf-8'\)\)"):
        mtqa.check(target=TARGET.encode(), config=OFF)  # type: ignore[arg-type]


def test_generators_and_tuples_of_paragraphs_are_accepted() -> None:
    as_list = mtqa.check(target=list(AR_LINES), config=OFF)
    assert mtqa.check(target=tuple(AR_LINES), config=OFF).to_dict() == as_list.to_dict()
    assert mtqa.check(target=(line for line in AR_LINES), config=OFF).to_dict() == as_list.to_dict()


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"config": {"use_model": False}}, "config must be an mtqa.Config"),
    ({"config": "mtqa.toml"}, "config must be an mtqa.Config"),
    ({"translator": "opus-mt"}, "translator must have a translate(texts) method"),
    ({"reverse_translator": object()}, "reverse_translator must have a translate(texts) method"),
])
def test_checker_arguments_of_the_wrong_type(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(TypeError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Checker(**kwargs)  # type: ignore[arg-type]


def test_one_rule_name_is_one_name_in_report_flags() -> None:
    report = mtqa.check(target=TARGET, config=OFF)
    wanted = report.flags(rules=["doubled-word"])
    assert wanted and report.flags(rules="doubled-word") == wanted
    assert report.flags(categories="grammar") == report.flags(categories=["grammar"]) != []
    with pytest.raises(ValueError, match="unknown rule doubled-wor "):  # a name, not a set of letters
        report.flags(rules="doubled-wor")
    with pytest.raises(TypeError, match="rules must be a string or a collection of strings"):
        report.flags(rules=5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="categories must be a string or a collection of strings; got int"):
        report.flags(categories=["grammar", 3])  # type: ignore[list-item]


@pytest.mark.parametrize("key", ["disable", "enable", "exclude", "termbases", "format"])
def test_one_string_is_one_item_in_config(key: str) -> None:
    value = {"disable": "punctuation-spacing", "enable": "punctuation-spacing", "exclude": "drafts/**",
             "termbases": "terms.csv", "format": "json"}[key]
    assert getattr(Config(**{key: value}), key) == (value,)  # type: ignore[arg-type]


def test_a_disabled_rule_given_as_one_string_is_off() -> None:
    on = mtqa.check(target=TARGET, config=OFF)
    assert "punctuation-spacing" in {f.rule for f in on.iter_flags()}
    off = mtqa.check(target=TARGET, config=OFF.replace(disable="punctuation-spacing"))
    assert "punctuation-spacing" not in {f.rule for f in off.iter_flags()}
    assert {f.rule for f in off.iter_flags()} == {f.rule for f in on.iter_flags()} - {"punctuation-spacing"}


@pytest.mark.parametrize("value", [5, [b"punctuation-spacing"], {"punctuation-spacing": True}])
def test_config_name_lists_of_the_wrong_type(value: object) -> None:
    with pytest.raises(ConfigError, match="disable: must be a string or a list of strings"):
        Config(disable=value)  # type: ignore[arg-type]


def test_arabic_source_and_backtranslation_notes_from_the_library() -> None:
    doc = mtqa.check(target=list(AR_LINES), source=list(AR_LINES), backtranslation=list(AR_LINES),
                     config=OFF).documents[0]
    assert any(n.startswith("the source looks Arabic, not English") for n in doc.notes)
    assert any(n.startswith("the back-translation looks Arabic, not English") for n in doc.notes)
    clean = mtqa.check(target=list(AR_LINES), source=list(EN_LINES), backtranslation=list(EN_LINES),
                       config=OFF).documents[0]
    assert not any("looks Arabic" in n for n in clean.notes)


def test_one_path_is_one_path_for_resolve_inputs(tmp_path: Path) -> None:
    folder = tmp_path
    (folder / "story.ar.txt").write_text(AR_LINES[0], encoding="utf-8")
    one = resolve_inputs(str(folder / "story.ar.txt"), OFF)
    assert [p.target for p in one] == [str(folder / "story.ar.txt")]
    assert resolve_inputs([str(folder / "story.ar.txt")], OFF) == one
