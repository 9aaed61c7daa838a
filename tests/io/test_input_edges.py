"""Input that used to be read short or wrong, without a word: a field cut at a stray tab, a file
listed twice, a plural's lines, XLIFF 2.0 as written, a second target, UTF-32 (invented copy)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqa import Config, InputError
from mtqa.io import read_document
from mtqa.io.files import read_manifest, resolve_inputs
from mtqa.io.po import parse_po
from mtqa.io.tmx import parse_tmx
from mtqa.io.xliff import parse_xliff


@pytest.mark.parametrize(("text", "message", "line"), [
    # a tab inside the target: what follows it was dropped
    ("id\ttarget\n1\tقال الوزير\tإن الحكومة ستتدخل.\n", "3 fields but the header has 2", 2),
    ("target\tid\ttarget\nنص\t1\tنص آخر\n", "names the column 'target' twice", 1),
])
def test_a_tsv_row_is_read_whole_or_refused(tmp_path: Path, text: str, message: str, line: int) -> None:
    path = tmp_path / "units.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as info:
        read_document(str(path))
    assert info.value.line == line


def test_a_manifest_column_named_twice_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("نص\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("نص\n", encoding="utf-8")
    manifest = tmp_path / "m.csv"
    manifest.write_text("target,target\na.txt,b.txt\n", encoding="utf-8")
    with pytest.raises(InputError, match="names the column 'target' twice") as info:
        read_manifest(str(manifest))
    assert info.value.line == 1


def test_a_manifest_entry_that_is_a_directory_says_so(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    manifest = tmp_path / "m.jsonl"
    manifest.write_text('{"target": "sub"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="'sub' is a directory"):
        read_manifest(str(manifest))


def test_a_file_named_twice_is_checked_once(tmp_path: Path) -> None:
    for name, text in (("a.ar.txt", "نص\n"), ("a.en.txt", "Text\n"), ("b.en.txt", "Other\n")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    manifest = tmp_path / "m.jsonl"
    manifest.write_text('{"target": "a.ar.txt", "source": "a.en.txt"}\n{"target": "./a.ar.txt"}\n', encoding="utf-8")
    pairs = resolve_inputs([str(tmp_path / "a.ar.txt")], Config(), manifest=str(manifest))
    assert [(Path(p.target).name, p.source and Path(p.source).name) for p in pairs] == [("a.ar.txt", "a.en.txt")]
    manifest.write_text('{"target": "a.ar.txt", "source": "a.en.txt"}\n{"target": "a.ar.txt", "source": "b.en.txt"}\n',
                        encoding="utf-8")
    with pytest.raises(InputError, match="listed twice with different source"):
        resolve_inputs([], Config(), manifest=str(manifest))


def test_each_plural_form_is_placed_on_its_own_msgstr_line() -> None:
    data = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            'msgid "%d article"\nmsgid_plural "%d articles"\nmsgstr[0] ""\n"مقالات %d"\nmsgstr[1] "مقال واحد"\n'
            'msgstr[2] ""\n"%d مقالات "\n"قليلة"\nmsgstr[3] "%d مقالا"\n').encode()
    doc = parse_po(data, "p.po")
    lines = data.decode().split("\n")
    assert [u.line for u in doc.units] == [i for i, ln in enumerate(lines, start=1) if ln.startswith("msgstr[")]


_XLIFF2 = ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" '
           'version="2.0" srcLang="en" trgLang="ar">\n<file id="f1">\n<unit id="u1">\n<segment>\n'
           '<source>The minister  said.</source>\n<target>{target}</target>\n</segment>\n</unit>\n</file>\n</xliff>\n')


@pytest.mark.parametrize(("target", "text"), [
    ("  قال  الوزير   إن الحكومة الحكومة.", "  قال  الوزير   إن الحكومة الحكومة."),  # spaces as written
    ('رمز<cp hex="0627"/> هنا.', "رمزا هنا."),  # a code point element is its character
])
def test_xliff2_targets_are_read_as_written(target: str, text: str) -> None:
    doc = parse_xliff(_XLIFF2.format(target=target).encode(), "f.xlf")
    assert [u.text for u in doc.units] == [text]


def test_a_second_target_or_seg_is_refused_not_dropped() -> None:
    xliff = ('<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
             '<file source-language="en" target-language="ar" datatype="plaintext" original="a"><body>\n'
             '<trans-unit id="1"><source>Hi.</source><target>مرحبا.</target>\n<target>أهلا.</target></trans-unit>\n'
             '</body></file></xliff>\n').encode()
    with pytest.raises(InputError, match="more than one <target>") as info:
        parse_xliff(xliff, "a.xlf")
    assert info.value.line == 5  # the second one
    tmx = ('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" '
           'adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body>\n<tu>'
           '<tuv xml:lang="en"><seg>Hi.</seg></tuv>\n<tuv xml:lang="ar"><seg>مرحبا.</seg>\n<seg>أهلا.</seg></tuv></tu>\n'
           '</body></tmx>\n').encode()
    with pytest.raises(InputError, match="more than one <seg>") as info:
        parse_tmx(tmx, "a.tmx")
    assert info.value.line == 5  # the second one


def test_an_xliff_without_a_file_element_says_so() -> None:
    data = b'<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"></xliff>\n'
    with pytest.raises(InputError, match="no <file> element"):
        parse_xliff(data, "a.xlf")


def test_utf32_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "story.ar.txt"
    path.write_bytes("قال الوزير.\n".encode("utf-32"))
    with pytest.raises(InputError, match="UTF-32 text is not supported"):
        read_document(str(path))


_XLIFF12 = ('<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
            '<file source-language="en" target-language="ar" datatype="plaintext" original="a"{file}><body>\n'
            '{body}</body></file></xliff>\n')


def test_translate_no_is_inherited_and_such_units_are_not_checked() -> None:
    body = ('<group id="g" translate="no">\n<trans-unit id="brand"><source>Reuters</source></trans-unit>\n'
            '<trans-unit id="kept"><source>Read more</source><target>Read more</target></trans-unit>\n</group>\n'
            '<trans-unit id="1"><source>He left.</source><target>غادر.</target></trans-unit>\n')
    doc = parse_xliff(_XLIFF12.format(file="", body=body).encode(), "a.xlf")
    assert [u.unit_id for u in doc.units] == ["1"] and doc.untranslated == ()
    assert any("brand, kept" in n and 'translate="no"' in n for n in doc.notes)
    # a unit may say "yes" inside a file that says "no": the nearest attribute decides
    body = '<trans-unit id="1" translate="yes"><source>He left.</source><target>غادر.</target></trans-unit>\n'
    doc = parse_xliff(_XLIFF12.format(file=' translate="no"', body=body).encode(), "a.xlf")
    assert [u.unit_id for u in doc.units] == ["1"]
    v2 = _XLIFF2.replace('<unit id="u1">', '<group id="g" translate="no"><unit id="u0"><segment><source>Skip</source>'
                                           '</segment></unit></group>\n<unit id="u1">')
    doc = parse_xliff(v2.format(target="قال الوزير.").encode(), "f.xlf")
    assert [u.unit_id for u in doc.units] == ["u1"] and doc.untranslated == ()


def test_two_units_with_one_id_are_refused() -> None:
    body = ('<trans-unit id="7"><source>He left.</source><target>غادر.</target></trans-unit>\n'
            '<trans-unit id="7"><source>She came.</source><target>جاءت.</target></trans-unit>\n')
    with pytest.raises(InputError, match="two units with id '7'") as info:
        parse_xliff(_XLIFF12.format(file="", body=body).encode(), "a.xlf")
    assert info.value.line == 5
    # segments of one XLIFF 2.0 unit share its id; two files may each have a unit "1"
    v2 = _XLIFF2.replace("</segment>\n</unit>", "</segment>\n<segment><source>Hi.</source><target>مرحبا.</target>"
                                               "</segment>\n</unit>")
    assert len(parse_xliff(v2.format(target="قال الوزير.").encode(), "f.xlf").units) == 2
    one = '<trans-unit id="1"><source>He left.</source><target>غادر.</target></trans-unit>\n'
    two_files = _XLIFF12.format(file="", body=one).replace(
        "</file>", f'</file><file source-language="en" target-language="ar" datatype="plaintext" original="b"><body>'
                   f'{one}</body></file>', 1)
    assert [u.unit_id for u in parse_xliff(two_files.encode(), "a.xlf").units] == ["a#1", "b#1"]


@pytest.mark.parametrize("encoding", ["windows-1256", "ISO-8859-6", "latin-1"])
def test_a_one_byte_xml_encoding_over_utf8_is_refused(encoding: str) -> None:
    body = '<trans-unit id="1"><source>He left.</source><target>غادر.</target></trans-unit>\n'
    xliff = _XLIFF12.format(file="", body=body).replace('<?xml version="1.0"?>',
                                                        f'<?xml version="1.0" encoding="{encoding}"?>')
    with pytest.raises(InputError, match=f"encoding='{encoding}' but the file is UTF-8") as info:
        parse_xliff(xliff.encode("utf-8"), "a.xlf")
    assert info.value.line == 1
    # the same file really in that encoding reads as written
    if encoding != "latin-1":
        assert [u.text for u in parse_xliff(xliff.encode(encoding), "a.xlf").units] == ["غادر."]
    tmx = (f'<?xml version="1.0" encoding="{encoding}"?>\n<tmx version="1.4"><header srclang="en" '
           'datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" '
           'o-tmf="t"/><body>\n<tu><tuv xml:lang="en"><seg>Hi.</seg></tuv><tuv xml:lang="ar"><seg>مرحبا.</seg>'
           '</tuv></tu>\n</body></tmx>\n')
    with pytest.raises(InputError, match="but the file is UTF-8"):
        parse_tmx(tmx.encode("utf-8"), "a.tmx")


def test_text_inside_inline_code_is_a_unit_of_its_own() -> None:
    # a link's title in a <sub>: left out with the code around it, it used to go unchecked unsaid
    body = ('<trans-unit id="7"><source>Click <bpt id="1">&lt;a title="<sub>Front page</sub>"&gt;</bpt>here'
            '<ept id="1">&lt;/a&gt;</ept>.</source>\n<target>انقر <bpt id="1">&lt;a title="<sub>الصفحة الأولى</sub>"'
            '&gt;</bpt>هنا<ept id="1">&lt;/a&gt;</ept>.</target></trans-unit>\n')
    doc = parse_xliff(_XLIFF12.format(file="", body=body).encode(), "a.xlf")
    assert [(u.unit_id, u.text, u.source, u.line) for u in doc.units] == [
        ("7", "انقر هنا.", "Click here.", 5), ("7#sub1", "الصفحة الأولى", "Front page", 5)]
    tmx = ('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en" datatype="html" segtype="sentence" '
           'adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body>\n<tu tuid="1">'
           '<tuv xml:lang="en"><seg>See <ph>&lt;img alt="<sub>A map</sub>"&gt;</ph>.</seg></tuv>\n'
           '<tuv xml:lang="ar"><seg>انظر <ph>&lt;img alt="<sub></sub>"&gt;</ph>.</seg></tuv></tu>\n</body></tmx>\n')
    doc = parse_tmx(tmx.encode(), "a.tmx")
    assert [(u.unit_id, u.text) for u in doc.units] == [("1", "انظر .")]
    # an empty flow whose source has text is an untranslated unit, reported as a finding
    assert [(u.unit_id, u.source, u.line) for u in doc.untranslated] == [("1#sub1", "A map", 4)]


def test_fuzzy_po_entries_are_checked_and_named() -> None:
    data = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n#, fuzzy\nmsgid "Minister"\n'
            'msgstr "الوزير"\n\nmsgid "Talks"\nmsgstr "محادثات"\n').encode()
    doc = parse_po(data, "p.po")
    assert [u.unit_id for u in doc.units] == ["Minister", "Talks"]
    assert [n for n in doc.notes if "fuzzy" in n] == [
        ("1 entry is marked fuzzy (checked; msgfmt leaves them out, so the English is shown until they are "
         "reviewed): Minister")]
