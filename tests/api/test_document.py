"""One way in, one result family, one lifetime: `mtqa.Document` validates on every path into the
checks, `check_many` takes documents, mappings and pairs alike (and a TypeError for anything else),
a document's result answers `passed` and `flags(...)` as a report does, and a `Checker` closes its
caches as a context manager."""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

import mtqa
from mtqa.io import read_document
from mtqa.translate.base import Translation
from mtqa.translate.cache import CachedTranslator

ROOT = Path(__file__).resolve().parents[2]
OFF = mtqa.Config(use_model=False, cache=False)
AR = "قال الوزير إن مجلس مجلس الأمن سيجتمع يوم الثلاثاء.\nوأضاف أن المحادثات ستستمر -Combat."
EN = "The minister said the Security Council would meet on Tuesday.\nHe added that the talks would continue."
BT = "The minister said the council council of security will meet on Tuesday.\nHe added talks will go on Combat."


# -- validation on every path ------------------------------------------------------------------------
SWAPPED = {"target": EN, "source": AR}


def _via_document() -> object:
    return mtqa.Document(**SWAPPED)


def _via_mapping() -> object:
    with mtqa.Checker(OFF) as checker:
        return list(checker.check_many([SWAPPED]))


def _via_pair() -> object:
    with mtqa.Checker(OFF) as checker:
        return list(checker.check_many([(EN, AR)]))


def _via_check() -> object:
    return mtqa.check(target=EN, source=AR, config=OFF)


@pytest.mark.parametrize("way", [_via_document, _via_mapping, _via_pair, _via_check],
                         ids=["Document", "mapping", "pair", "check"])
def test_swapped_languages_are_refused_on_every_path(way: Callable[[], object]) -> None:
    with pytest.raises(mtqa.InputError, match="source and target look swapped"):
        way()


def test_a_lone_surrogate_in_a_unit_id_is_refused(tmp_path: Path) -> None:
    # a unit id is written into every report: a JSONL "id" of "\ud800" is refused like its text
    path = tmp_path / "story.ar.jsonl"
    path.write_text('{"id": "\\ud800", "target": "قال الوزير"}\n', encoding="utf-8")
    with pytest.raises(mtqa.InputError, match="lone surrogate U\\+D800 in the unit id"):
        mtqa.Document(target=read_document(path))


def test_lone_surrogates_and_a_wrong_length_back_translation_are_refused() -> None:
    with pytest.raises(mtqa.InputError, match="lone surrogate U\\+D800"):
        mtqa.Document(target="قال الوزير \ud800")
    with pytest.raises(mtqa.InputError, match="lone surrogate"):
        mtqa.Document(target=AR, backtranslation="one\ntwo \udfff")
    with pytest.raises(mtqa.InputError, match="back-translation has 1 non-empty lines but the target has 2"):
        mtqa.Document(target=AR, backtranslation="only one line")
    with pytest.raises(mtqa.InputError, match="no non-blank paragraphs"):
        mtqa.Document(target=["", "  "])


def test_notes_and_errors_come_from_validation() -> None:
    english_only = mtqa.Document(target="Nothing Arabic here.")
    assert english_only.errors == ("target has no Arabic text — is this the source?",)
    assert english_only.errors[0] in english_only.notes
    arabic_source = mtqa.Document(target=AR, source=AR)
    assert any("the source looks Arabic" in n for n in arabic_source.notes) and not arabic_source.errors


def test_document_arguments_are_keyword_only_and_typed() -> None:
    with pytest.raises(TypeError):
        mtqa.Document(AR, EN)  # type: ignore[misc]
    with pytest.raises(TypeError, match="decode bytes first"):
        mtqa.Document(target=AR.encode())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="item 1 is int"):
        mtqa.Document(target=["قال", 3])  # type: ignore[list-item]


def test_a_document_is_frozen_and_compares_by_content() -> None:
    doc = mtqa.Document(target=AR, source=EN)
    assert doc == mtqa.Document(target=AR, source=EN) != mtqa.Document(target=AR)
    with pytest.raises(AttributeError):
        doc.reason = "changed"  # type: ignore[misc]


def test_the_path_given_names_a_document_read_elsewhere(tmp_path: Path) -> None:
    """`prepare` used to drop ``target_path`` for a document a reader made: the report named the
    file the reader opened, not the name the caller gave."""
    (tmp_path / "draft.ar.txt").write_text(AR, encoding="utf-8")
    read = read_document(tmp_path / "draft.ar.txt")
    doc = mtqa.Document(target=read, path="story.ar.txt")
    assert doc.path == "story.ar.txt"
    assert mtqa.Document(target=read).path == str(tmp_path / "draft.ar.txt")
    with mtqa.Checker(OFF) as checker:
        assert checker.check(target=read, path="story.ar.txt").documents[0].target_path == "story.ar.txt"
        assert next(checker.check_many([doc])).target_path == "story.ar.txt"


def test_from_files_reads_target_source_and_backtranslation(tmp_path: Path) -> None:
    for name, text in (("s.ar.txt", AR), ("s.en.txt", EN), ("s.bt.txt", BT)):
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    doc = mtqa.Document.from_files(tmp_path / "s.ar.txt", source=tmp_path / "s.en.txt",
                                   backtranslation=tmp_path / "s.bt.txt")
    assert (doc.path, doc.source_path, doc.backtranslation_path) == (
        str(tmp_path / "s.ar.txt"), str(tmp_path / "s.en.txt"), str(tmp_path / "s.bt.txt"))
    assert doc.backtranslation == tuple(BT.split("\n"))
    assert doc == mtqa.Document(target=AR, source=EN, backtranslation=BT, path=str(tmp_path / "s.ar.txt"),
                                source_path=str(tmp_path / "s.en.txt"),
                                backtranslation_path=str(tmp_path / "s.bt.txt"))
    with pytest.raises(mtqa.InputError, match="no such file"):
        mtqa.Document.from_files(tmp_path / "missing.ar.txt")
    (tmp_path / "short.bt.txt").write_text("one line\n", encoding="utf-8")
    with pytest.raises(mtqa.InputError, match="back-translation has 1 non-empty lines"):
        mtqa.Document.from_files(tmp_path / "s.ar.txt", backtranslation=tmp_path / "short.bt.txt")


# -- check_many's inputs -----------------------------------------------------------------------------
def test_check_many_takes_documents_mappings_and_pairs_alike() -> None:
    given: list[Any] = [
        mtqa.Document(target=AR, source=EN),
        {"target": AR, "source": EN},
        (AR, EN),
        {"target": AR, "source": EN, "backtranslation": BT, "path": "a.ar.txt", "source_path": "a.en.txt"},
        mtqa.Document(target=AR, source=EN, backtranslation=BT, path="a.ar.txt", source_path="a.en.txt"),
    ]
    with mtqa.Checker(OFF) as checker:
        results = [r.to_dict() for r in checker.check_many(given)]
    assert results[0] == results[1] == results[2]
    assert results[3] == results[4] != results[0]
    assert results[3]["target_path"] == "a.ar.txt" and results[3]["segments"][0]["backtranslation"]


@pytest.mark.parametrize(("item", "says"), [
    ("قال الوزير", "not str; for one text, give Document"),
    (["قال الوزير", "وأضاف"], "not list"),
    (42, "not int"),
    ((AR, EN, BT), "not tuple"),
    ({"source": EN}, "needs a 'target'"),
    ({"target": AR, "src": EN}, "unknown document key 'src'"),
], ids=["str", "list", "int", "triple", "no-target", "unknown-key"])
def test_check_many_names_what_it_accepts(item: object, says: str) -> None:
    with mtqa.Checker(OFF) as checker, pytest.raises(TypeError, match=says) as raised:
        list(checker.check_many([mtqa.Document(target=AR), item]))
    if not isinstance(item, dict):  # a mapping's own mistake is named instead
        assert "mtqa.Document" in str(raised.value) and "(target, source) tuple" in str(raised.value)


@pytest.mark.parametrize("documents", ["قال الوزير", mtqa.Document(target=AR), {"target": AR}, 7],
                         ids=["str", "Document", "mapping", "int"])
def test_check_many_refuses_one_document_where_a_collection_is_due(documents: Any) -> None:
    with mtqa.Checker(OFF) as checker, pytest.raises(TypeError, match="check_many takes an iterable of documents"):
        checker.check_many(documents)  # at the call, before any result is asked for


# -- one result family -------------------------------------------------------------------------------
FILTERS: list[dict[str, Any]] = [
    {}, {"min_severity": "major"}, {"min_severity": "critical"}, {"rules": "doubled-word"},
    {"rules": ["doubled-word", "untranslated-latin"]}, {"categories": "grammar"}, {"min_confidence": 0.5},
]


@pytest.mark.parametrize("fail_on", ["minor", "major", "critical"])
def test_a_document_result_answers_passed_and_flags_as_its_report_does(fail_on: str) -> None:
    config = OFF.replace(fail_on=fail_on)
    report = mtqa.check(target=AR, source=EN, backtranslation=BT, config=config)
    with mtqa.Checker(config) as checker:
        (result,) = checker.check_many([{"target": AR, "source": EN, "backtranslation": BT}])
    assert result.to_dict() == report.documents[0].to_dict()
    assert result.fail_on == fail_on and result.passed == report.passed
    for kwargs in FILTERS:
        assert result.flags(**kwargs) == report.flags(**kwargs), kwargs
    assert list(result.all_flags) == report.flags() and list(result.iter_flags()) == list(report.iter_flags())
    assert result.flags(min_severity="major") and not result.flags(rules="date-mismatch")
    # a misspelt filter selects nothing silently no more, on a document as on a report
    for bad in ({"rules": "no-such-rule"}, {"categories": "gramar"}, {"min_confidence": 2}):
        with pytest.raises(ValueError):
            result.flags(**bad)
        with pytest.raises(ValueError):
            report.flags(**bad)


def test_passed_follows_fail_on_for_a_document_too() -> None:
    # doubled-word (minor) and untranslated-latin (major): fails at major, passes at critical
    lenient = mtqa.check(target=AR, config=OFF.replace(fail_on="critical")).documents[0]
    strict = mtqa.check(target=AR, config=OFF.replace(fail_on="major")).documents[0]
    assert lenient.passed and not strict.passed
    again = mtqa.Report.from_json(mtqa.check(target=AR, config=OFF.replace(fail_on="critical")).to_json())
    assert again.documents[0].fail_on == "critical" and again.documents[0].passed


def test_a_document_that_could_not_be_read_does_not_pass(tmp_path: Path) -> None:
    from mtqa.io.files import Pairing, load_documents

    docs = list(load_documents([Pairing(str(tmp_path / "missing.ar.txt"))]))
    with mtqa.Checker(OFF) as checker:
        (result,) = checker.check_many(docs)
    assert result.status == "error" and "no such file" in (result.reason or "")
    assert not result.passed and result.flags() == []


def test_a_cached_result_takes_the_verdict_threshold_of_the_run(tmp_path: Path) -> None:
    config = mtqa.Config(use_model=False, cache_dir=str(tmp_path), fail_on="critical")
    with mtqa.Checker(config) as checker:
        cold = next(checker.check_many([(AR, EN)]))
    with mtqa.Checker(config) as checker:
        warm = next(checker.check_many([(AR, EN)]))
        assert checker._results is not None and checker._results.hits == 1
    assert warm == cold and warm.fail_on == "critical" and warm.passed


# -- a Checker's lifetime ----------------------------------------------------------------------------
class _Fake:
    """A back-translator that echoes, and says whether someone closed it."""

    closed = False

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        return [Translation(text=f"english {k}") for k, _ in enumerate(texts)]

    def signature(self) -> str:
        return "fake:v1"

    def close(self) -> None:
        self.closed = True


def test_a_checker_closes_the_caches_it_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[CachedTranslator] = []

    def build(config: mtqa.Config) -> tuple[CachedTranslator, None]:
        built.append(CachedTranslator(_Fake(), config.cache_dir))
        return built[-1], None

    monkeypatch.setattr("mtqa.translate.factory.build_translators", build)
    with mtqa.Checker(mtqa.Config(cache_dir=str(tmp_path), reverse_model=None)) as checker:
        report = checker.check(target=AR, source=EN)
        assert report.model["status"] == "loaded" and built
        stores = [built[0]._store, built[0]._scores, checker._results._store]  # type: ignore[union-attr]
        assert built[0]._store._conn is not None and checker._results._store._conn is not None  # type: ignore[union-attr]
    assert all(store._conn is None for store in stores)
    assert not built[0].inner.closed  # type: ignore[attr-defined]  # the model: shared, still loaded
    checker.close()  # a second close does nothing
    assert report.passed is False and report.to_json()  # the report outlives the checker


def test_a_report_of_a_stream_names_the_model_the_stream_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """``checker.report(checker.check_many(...))``: the model loads while the stream is read, so the
    signature and model status must be taken after it, not before (they said "not-loaded")."""
    monkeypatch.setattr("mtqa.translate.factory.build_translators", lambda config: (_Fake(), None))
    with mtqa.Checker(mtqa.Config(cache=False, reverse_model=None)) as checker:
        report = checker.report(checker.check_many([(AR, EN)]))
    assert report.model["status"] == "loaded" and "|fake:v1|" in report.signature
    with mtqa.Checker(mtqa.Config(cache=False, reverse_model=None)) as checker:
        assert checker.check(target=AR, source=EN).signature == report.signature


def test_closing_a_checker_leaves_the_shared_model_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the cache the Checker holds the process-wide model itself (a CTranslate2 translator has
    a close() that frees it): the next Checker must still find it usable."""
    model = _Fake()
    monkeypatch.setattr("mtqa.translate.factory.build_translators", lambda config: (model, None))
    config = mtqa.Config(cache=False, reverse_model=None)
    with mtqa.Checker(config) as checker:
        first = checker.check(target=AR, source=EN)
    assert not model.closed
    with mtqa.Checker(config) as checker:
        assert checker.check(target=AR, source=EN) == first


def test_a_closed_checker_refuses_to_check_and_leaves_a_plugged_in_translator_open() -> None:
    fake = _Fake()
    checker = mtqa.Checker(OFF, translator=fake)
    stream = checker.check_many([(AR, EN), (AR, EN)], batch_documents=1)
    assert next(stream).all_flags
    checker.close()
    assert not fake.closed  # the caller's object: theirs to close
    for use in (lambda: checker.check(target=AR), lambda: checker.check_many([(AR, EN)]), lambda: next(stream)):
        with pytest.raises(mtqa.MtqaError, match="this Checker is closed"):
            use()
    with pytest.raises(mtqa.MtqaError, match="closed"), checker:
        pass


# -- layering ----------------------------------------------------------------------------------------
def test_io_report_and_results_do_not_import_the_api() -> None:
    """Reading files and writing reports depend on documents and results, never on the front door
    (`mtqa`, `mtqa.api`) or the command line."""
    files = [*sorted((ROOT / "mtqa" / "io").glob("*.py")), *sorted((ROOT / "mtqa" / "report").glob("*.py")),
             ROOT / "mtqa" / "document.py", ROOT / "mtqa" / "types.py"]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                       [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for module in modules:
                assert module != "mtqa" and not module.startswith(("mtqa.api", "mtqa.cli")), \
                    f"{path.relative_to(ROOT)} imports {module}"


def test_a_path_label_is_a_str_or_a_pathlike(tmp_path: Path) -> None:
    # a Path used to fail inside the result cache or a report writer; a number, much later
    with mtqa.Checker(mtqa.Config(use_model=False, cache_dir=str(tmp_path / "cache"))) as checker:
        report = checker.check(target=AR, path=Path("desk") / "story.ar.txt")
    assert report.documents[0].target_path == str(Path("desk") / "story.ar.txt")
    for fmt in ("text", "json", "sarif", "junit", "html"):
        assert "story.ar.txt" in mtqa.render_report(report, fmt)
    for bad in (5, ["story.ar.txt"], b"story.ar.txt"):
        with pytest.raises(TypeError, match="path must be a str or an os.PathLike"):
            mtqa.Document(target=AR, path=bad)  # type: ignore[arg-type]


def test_a_report_of_nothing_is_an_error_not_a_pass() -> None:
    # a check_many stream read once yields nothing the second time: that used to be a passing report
    checker = mtqa.Checker(mtqa.Config(use_model=False, cache=False))
    stream = checker.check_many([mtqa.Document(target=AR)])
    assert [r.passed for r in stream] == [False]
    with pytest.raises(ValueError, match="no document results"):
        checker.report(stream)
    with pytest.raises(ValueError, match="no document results"):
        checker.report([])


@pytest.mark.parametrize(("data", "message"), [
    ("[]", "a JSON object was expected"),
    ('{"format_version": 2, "signature": "x"}', "format_version 2 is not one this mtqa reads"),
    ('{"documents": 5, "signature": "x"}', "not an mtqa report: TypeError"),
    ("{}", "not an mtqa report: KeyError"),
])
def test_a_report_read_back_is_validated(data: str, message: str) -> None:
    # garbage used to surface as a bare KeyError or AttributeError, a newer format was read as if it were this one
    with pytest.raises(ValueError, match=message):
        mtqa.Report.from_json(data)
