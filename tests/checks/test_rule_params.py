"""Rules declare their parameters; the configuration sets them, validated, and the signature says so."""

from __future__ import annotations

from pathlib import Path

import pytest

import mtqa
from mtqa.checks import REGISTRY, Param, check
from mtqa.config import Config, load_config
from mtqa.errors import ConfigError


def test_declared_parameters_have_their_defaults_and_ranges() -> None:
    rule = REGISTRY["name-spelling"]
    assert isinstance(rule.params["match"], Param)
    assert rule.param("match", Config()) == 0.6
    assert rule.param("match", Config(rules={"name-spelling": {"match": 0.65}})) == 0.65
    with pytest.raises(KeyError, match="declares no parameter 'nope'"):
        rule.param("nope", Config())


def test_config_file_sets_a_parameter_with_dashes_or_underscores(tmp_path: Path) -> None:
    file = tmp_path / "mtqa.toml"
    file.write_text("[rules.non-word]\ntranslit-match = 0.75\n[rules.clause-omitted]\nmin_source_chars = 80\n",
                    encoding="utf-8")
    config = load_config(file)
    assert config.rules == {"non-word": {"translit_match": 0.75}, "clause-omitted": {"min_source_chars": 80}}
    assert config.to_dict()["rules"] == {"non-word": {"translit_match": 0.75},
                                         "clause-omitted": {"min_source_chars": 80}}


@pytest.mark.parametrize(("rules", "key", "message"), [
    ({"no-such-rule": {"x": 1}}, "rules.no-such-rule", "unknown rule"),
    ({"non-word": {"translit_match_typo": 0.7}}, "rules.non-word.translit_match_typo", "unknown parameter"),
    ({"non-word": {"translit_match": "high"}}, "rules.non-word.translit_match", "must be a number"),
    ({"non-word": {"translit_match": 1.5}}, "rules.non-word.translit_match", "must be <= 1"),
    ({"clause-omitted": {"min_source_chars": 6.5}}, "rules.clause-omitted.min_source_chars", "must be an integer"),
    ({"clause-omitted": {"min_source_chars": True}}, "rules.clause-omitted.min_source_chars", "must be an integer"),
    ({"non-word": 0.7}, "rules.non-word", "must be a table"),
])
def test_bad_parameters_are_config_errors_naming_the_key(rules: dict, key: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as err:
        Config(rules=rules)
    assert err.value.key == key


def test_a_bad_parameter_in_a_file_names_the_file_and_the_key(tmp_path: Path) -> None:
    file = tmp_path / "pyproject.toml"
    file.write_text("[tool.mtqa.rules.name-spelling]\nmatch = 2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="must be <= 1") as err:
        load_config(file)
    assert err.value.path == str(file) and err.value.key == "rules.name-spelling.match"


def test_a_changed_parameter_changes_the_signature_and_a_default_one_does_not() -> None:
    def signature(config: Config) -> str:
        with mtqa.Checker(config) as checker:
            return checker.signature()

    plain = signature(Config(use_model=False))
    assert "params:" not in plain
    assert signature(Config(use_model=False, rules={"name-spelling": {"match": 0.6}})) == plain
    changed = signature(Config(use_model=False, rules={"name-spelling": {"match": 0.65}}))
    assert changed == plain + "|params:name-spelling.match=0.65"


def test_a_changed_parameter_changes_what_a_rule_finds() -> None:
    # clause-omitted stays quiet on sources shorter than min_source_chars: raising it silences the rule.
    target = "قال المسؤول إن الاجتماع انتهى."
    source = ("The official said that the meeting, which was attended by the foreign ministers of "
              "twelve countries and the secretary general, ended.")
    found = mtqa.check(target=target, source=source, config=Config(use_model=False))
    quiet = mtqa.check(target=target, source=source,
                       config=Config(use_model=False, rules={"clause-omitted": {"min_source_chars": 10_000}}))
    assert "clause-omitted" in {f.rule for f in found.flags()}
    assert "clause-omitted" not in {f.rule for f in quiet.flags()}


def test_a_default_outside_its_own_range_or_of_an_odd_type_is_refused_at_declaration() -> None:
    with pytest.raises(ConfigError, match="must be <= 1"):
        check("bad-default", category="other", severity="minor", params={"p": Param(2.0, maximum=1)})
    with pytest.raises(ValueError, match="must default to a bool, int, float or str"):
        check("bad-type", category="other", severity="minor", params={"p": [1, 2]})  # type: ignore[dict-item]
