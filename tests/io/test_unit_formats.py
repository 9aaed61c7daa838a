"""XLIFF 1.2/2.0, TMX and PO: written by translate-toolkit, read back through mtqa, Arabic intact."""

from __future__ import annotations

from pathlib import Path

import pytest
from translate.storage import po, tmx, xliff, xliff2

from mtqa import Checker, Config, InputError
from mtqa.io import READERS, read_document

PAIRS = [
    ("p1", "NATO foreign ministers met in Brussels.", "اجتمع وزراء خارجية الناتو في بروكسل."),
    ("p2", "The official said the council discussed defence.", "وقال المسؤول ، إن مجلس مجلس الدفاع ناقش."),
    ("p3", "Is the budget ready?", "هل الميزانية جاهزة؟"),
]


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(i for i, ln in enumerate(lines, start=1) if text in ln)


def _xliff(tmp_path: Path, cls: type, name: str) -> Path:
    store = cls(sourcelanguage="en", targetlanguage="ar")
    for unit_id, source, target in PAIRS:
        unit = store.addsourceunit(source)
        unit.target = target
        unit.setid(unit_id)
    untranslated = store.addsourceunit("Not translated yet.")
    untranslated.setid("p4")
    path = tmp_path / name
    path.write_bytes(bytes(store))
    return path


@pytest.mark.parametrize(("cls", "name", "version"), [
    (xliff.xlifffile, "story.xlf", "1."),
    (xliff2.Xliff2File, "story.xliff", "2.0"),
])
def test_xliff_round_trip(tmp_path: Path, cls: type, name: str, version: str) -> None:
    path = _xliff(tmp_path, cls, name)
    assert f'version="{version}' in path.read_text(encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "xliff"
    assert [(u.unit_id, u.source, u.text) for u in doc.units] == PAIRS  # the empty target is skipped
    for unit in doc.units:
        assert unit.line == _line_of(path, unit.text)  # the line of the <target>


def test_xliff_findings_point_at_unit_id_and_line(tmp_path: Path) -> None:
    path = _xliff(tmp_path, xliff.xlifffile, "story.xlf")
    checker = Checker(Config(use_model=False))
    report = checker.check(target=read_document(path), path=str(path))
    doubled = [f for f in report.iter_flags() if f.rule == "doubled-word"]
    assert len(doubled) == 1
    assert doubled[0].unit_id == "p2" and doubled[0].text == "مجلس مجلس"
    assert doubled[0].line == _line_of(path, "مجلس مجلس")
    # the source comes from the XLIFF itself
    assert report.documents[0].segments[0].source == PAIRS[0][1]


def test_xliff_with_several_files_prefixes_ids(tmp_path: Path) -> None:
    path = tmp_path / "multi.xlf"
    path.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a.html" source-language="en" target-language="ar" datatype="html"><body>
    <trans-unit id="1"><source>One.</source><target>واحد.</target></trans-unit>
  </body></file>
  <file original="b.html" source-language="en" target-language="ar" datatype="html"><body>
    <trans-unit id="1"><source>Two.</source><target>اثنان.</target></trans-unit>
  </body></file>
</xliff>""", encoding="utf-8")
    doc = read_document(path)
    assert [(u.unit_id, u.text, u.line) for u in doc.units] == [("a.html#1", "واحد.", 4), ("b.html#1", "اثنان.", 7)]


@pytest.mark.parametrize("lang", ["ar", "ar-SA", "ar_EG", "AR"])
def test_tmx_round_trip_picks_arabic_by_xml_lang(tmp_path: Path, lang: str) -> None:
    store = tmx.tmxfile(sourcelanguage="en", targetlanguage=lang)
    for _, source, target in PAIRS:
        store.addtranslation(source, "en", target, lang)
    store.addtranslation("French only.", "en", "Seulement en français.", "fr")
    path = tmp_path / "memory.tmx"
    path.write_bytes(bytes(store))
    doc = read_document(path)
    assert doc.format == "tmx"
    assert [(u.source, u.text) for u in doc.units] == [(s, t) for _, s, t in PAIRS]
    for unit in doc.units:
        assert unit.line == _line_of(path, unit.text)


def test_tmx_arabic_first_and_tuid(tmp_path: Path) -> None:
    path = tmp_path / "m.tmx"
    path.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ar" segtype="sentence" adminlang="en" datatype="plaintext"
 o-tmf="x" creationtool="x" creationtoolversion="1"/><body>
<tu tuid="n-7"><tuv xml:lang="ar-SA"><seg>قال الوزير ، إن</seg></tuv><tuv xml:lang="en-GB"><seg>The minister said</seg></tuv></tu>
</body></tmx>""", encoding="utf-8")
    (unit,) = read_document(path).units
    assert (unit.unit_id, unit.text, unit.source, unit.line) == ("n-7", "قال الوزير ، إن", "The minister said", 4)


def test_po_round_trip(tmp_path: Path) -> None:
    store = po.pofile()
    for unit_id, source, target in PAIRS:
        unit = store.addsourceunit(source)
        unit.target = target
        unit.setcontext(unit_id)
    store.addsourceunit("Untranslated.")
    path = tmp_path / "story.po"
    path.write_bytes(bytes(store))
    doc = read_document(path)
    assert doc.format == "po"
    assert [(u.unit_id, u.source, u.text) for u in doc.units] == PAIRS
    lines = path.read_text(encoding="utf-8").split("\n")
    for unit in doc.units:
        assert lines[unit.line - 1].startswith("msgstr") and unit.text in lines[unit.line - 1]


def test_po_plurals_obsolete_and_no_context(tmp_path: Path) -> None:
    path = tmp_path / "p.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    'msgid "One article"\nmsgid_plural "%d articles"\nmsgstr[0] "مقال واحد"\nmsgstr[1] "%d مقالات"\n\n'
                    'msgid "Minister"\nmsgstr "الوزير"\n\n#~ msgid "old"\n#~ msgstr "قديم"\n', encoding="utf-8")
    doc = read_document(path)
    assert [(u.unit_id, u.text, u.line) for u in doc.units] == [
        ("One article[0]", "مقال واحد", 7), ("One article[1]", "%d مقالات", 8), ("Minister", "الوزير", 11)]


@pytest.mark.parametrize(("name", "data", "message", "line"), [
    ("bad.po", b'msgid "x"\nmsgstr "y\n', "malformed PO", 2),
    ("bad.xlf", b'<?xml version="1.0"?>\n<xliff version="1.2">\n<file>\n</xliff>\n', "malformed XML", 4),
    ("bad.tmx", b"<tmx><body>\n<tu>\n</body></tmx>", "malformed XML", 3),
    ("wrong.xlf", b'<?xml version="1.0"?><tmx version="1.4"/>', "not an XLIFF document", 1),
    ("wrong.tmx", b'<?xml version="1.0"?><xliff version="1.2"/>', "not a TMX document", 1),
    ("empty.xlf", (b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" '
                  b'source-language="en" datatype="plaintext"><body><trans-unit id="1"><source>A</source>'
                  b'</trans-unit></body></file></xliff>'), "no translated units", None),
    ("noarabic.tmx", (b'<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>A</seg>'
                     b'</tuv></tu></body></tmx>'), "'ar' variant", None),
])
def test_malformed_unit_files_name_file_and_line(tmp_path: Path, name: str, data: bytes, message: str,
                                                 line: int | None) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=message) as info:
        read_document(path)
    assert info.value.path == str(path)
    assert info.value.line == line


def test_every_unit_format_is_registered() -> None:
    assert {"txt", "jsonl", "tsv", "xlf", "xliff", "tmx", "po"} <= set(READERS)


XLIFF_INLINE = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="f" source-language="en" target-language="ar" datatype="plaintext"><body>
<bin-unit id="logo" mime-type="image/png"><bin-source><external-file href="a.png"/></bin-source></bin-unit>
<trans-unit id="t1"><source>The <g id="1">minister</g> spoke.</source><target>تحدث <g id="1">الوزير</g> <bpt id="2">&lt;b&gt;</bpt>اليوم<ept id="2">&lt;/b&gt;</ept> <ph id="3">{0}</ph> <x id="4"/>في بروكسل.</target></trans-unit>
</body></file></xliff>
"""
TMX_INLINE = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en"
srclang="en" datatype="plaintext"/><body>
<tu tuid="1"><tuv xml:lang="en"><seg>The minister spoke.</seg></tuv><tuv xml:lang="ar"><seg>تحدث <bpt i="1">&lt;b&gt;</bpt>الوزير<ept i="1">&lt;/b&gt;</ept> <ph>&lt;br/&gt;{0}</ph>اليوم.</seg></tuv></tu>
</body></tmx>
"""


@pytest.mark.parametrize(("name", "data", "text"), [
    ("story.xlf", XLIFF_INLINE, "تحدث الوزير اليوم  في بروكسل."),
    ("story.tmx", TMX_INLINE, "تحدث الوزير اليوم."),
])
def test_inline_native_code_is_not_checked_as_copy(tmp_path: Path, name: str, data: str, text: str) -> None:
    # a placeholder's "{0}" or a "<b>" tag is the source format's code, not copy: no number or
    # untranslated-Latin finding about it; <g> keeps its text
    path = tmp_path / name
    path.write_text(data, encoding="utf-8")
    doc = read_document(path)
    assert [u.text for u in doc.units] == [text]
    report = Checker(Config(use_model=False, cache=False)).check(target=doc, path=str(path))
    assert [f.rule for f in report.iter_flags() if f.rule in ("number-mismatch", "untranslated-latin")] == []


def test_binary_units_are_named_in_a_note(tmp_path: Path) -> None:
    path = tmp_path / "story.xlf"
    path.write_text(XLIFF_INLINE, encoding="utf-8")
    assert "1 binary unit(s) (<bin-unit>) hold no text and were not checked: logo" in read_document(path).notes
