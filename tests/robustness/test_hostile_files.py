"""Hostile files: XML entities and external references, script injection in reports, unsafe models.

"Nothing is read" is proven with a Python audit hook that records every ``open`` and socket
connection while a hostile file is parsed; "nothing is expanded" by the refusal (and its speed).
"""

from __future__ import annotations

import json
import shutil
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mtqa import Checker, Config, InputError, ModelUnavailable
from mtqa.io import read_document
from mtqa.lang.terms import load_termbase

# -- audit: which files and sockets a piece of code touched -------------------------------------------

_EVENTS: list[tuple[str, str]] = []
_RECORDING = [False]


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if _RECORDING[0] and event in ("open", "socket.connect", "urllib.Request", "pickle.find_class"):
        _EVENTS.append((event, str(args[0]) if args else ""))


sys.addaudithook(_hook)  # hooks cannot be removed; this one only records while _RECORDING is set


@pytest.fixture
def audit() -> Iterator[list[tuple[str, str]]]:
    _EVENTS.clear()
    _RECORDING[0] = True
    try:
        yield _EVENTS
    finally:
        _RECORDING[0] = False


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    return path


LAUGHS = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))


def _xliff(doctype: str, target: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}\n'
            '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
            '<file original="a.txt" source-language="en" target-language="ar" datatype="plaintext"><body>\n'
            f'<trans-unit id="1"><source>Hello</source><target>{target}</target></trans-unit>\n'
            "</body></file></xliff>\n")


def _tmx(doctype: str, target: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}\n<tmx version="1.4"><header srclang="en" '
            'datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" '
            'o-tmf="t"/><body>\n<tu><tuv xml:lang="en"><seg>Hello</seg></tuv>'
            f'<tuv xml:lang="ar"><seg>{target}</seg></tuv></tu>\n</body></tmx>\n')


def _tbx(doctype: str, target: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}\n<martif type="TBX" xml:lang="en"><text><body>\n'
            '<termEntry id="t1"><langSet xml:lang="en"><tig><term>minister</term></tig></langSet>'
            f'<langSet xml:lang="ar"><tig><term>{target}</term></tig></langSet></termEntry>\n'
            "</body></text></martif>\n")


def _read_tbx(path: Path) -> object:
    return load_termbase(path)


FORMATS: dict[str, tuple[Callable[[str, str], str], str, Callable[[Path], object]]] = {
    "xliff": (_xliff, "doc.xlf", read_document),
    "tmx": (_tmx, "doc.tmx", read_document),
    "tbx": (_tbx, "terms.tbx", _read_tbx),
}


def _attacks(secret: Path) -> dict[str, tuple[str, str]]:
    return {
        "xxe-local-file": (f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]>', "&xxe;"),
        "xxe-relative": ('<!DOCTYPE x [<!ENTITY xxe SYSTEM "secret.txt">]>', "&xxe;"),
        "parameter-entity": (f'<!DOCTYPE x [<!ENTITY % p SYSTEM "file://{secret}"> %p;]>', "مرحبا"),
        "billion-laughs": (f'<!DOCTYPE x [<!ENTITY lol0 "lol">{LAUGHS}]>', "&lol9;"),
        "internal-entity": ('<!DOCTYPE x [<!ENTITY name "وزير">]>', "&name;"),
        "external-http-entity": ('<!DOCTYPE x [<!ENTITY e SYSTEM "http://127.0.0.1:9/x">]>', "&e;"),
    }


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("attack", ["xxe-local-file", "xxe-relative", "parameter-entity", "billion-laughs",
                                    "internal-entity", "external-http-entity"])
def test_entity_declarations_are_refused_and_nothing_is_read(fmt: str, attack: str, secret: Path,
                                                             audit: list[tuple[str, str]]) -> None:
    build, name, read = FORMATS[fmt]
    doctype, target = _attacks(secret)[attack]
    path = secret.parent / name
    path.write_text(build(doctype, target), encoding="utf-8")
    audit.clear()
    started = time.perf_counter()
    with pytest.raises(InputError) as exc:
        read(path)
    assert time.perf_counter() - started < 2.0  # refused up front, not after expanding
    message = str(exc.value)
    assert message.startswith(f"{path}:2: unsafe XML rejected: EntitiesForbidden")
    assert "TOP-SECRET" not in message
    opened = [arg for event, arg in audit if event == "open"]
    assert str(secret) not in opened and not any(arg.endswith("secret.txt") for arg in opened)
    assert not [e for e in audit if e[0] in ("socket.connect", "urllib.Request")]


@pytest.mark.parametrize("fmt", ["xliff", "tmx"])
def test_external_dtd_is_never_fetched(fmt: str, tmp_path: Path, audit: list[tuple[str, str]]) -> None:
    """A plain ``<!DOCTYPE … SYSTEM "…">`` (as tools write it) is allowed, but the DTD is not loaded."""
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY xxe SYSTEM "file:///etc/passwd">', encoding="utf-8")
    build, name, read = FORMATS[fmt]
    path = tmp_path / name
    path.write_text(build(f'<!DOCTYPE x SYSTEM "{dtd}">', "مرحبا بكم"), encoding="utf-8")
    audit.clear()
    doc = read(path)
    assert [u.text for u in doc.units] == ["مرحبا بكم"]  # type: ignore[attr-defined]
    assert not [arg for event, arg in audit if event == "open" and arg.endswith(("evil.dtd", "passwd"))]
    assert not [e for e in audit if e[0] in ("socket.connect", "urllib.Request")]


def test_po_file_content_is_data_not_markup(tmp_path: Path, secret: Path, audit: list[tuple[str, str]]) -> None:
    path = tmp_path / "doc.po"
    hostile = f'<!DOCTYPE x [<!ENTITY xxe SYSTEM \\"file://{secret}\\">]> &xxe; <script>alert(1)</script>'
    path.write_text(f'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    f'msgid "Hello"\nmsgstr "مرحبا {hostile}"\n', encoding="utf-8")
    audit.clear()
    doc = read_document(path)
    assert doc.units[0].text == f"مرحبا {hostile}".replace('\\"', '"')
    assert not [arg for event, arg in audit if event == "open" and arg.endswith("secret.txt")]


# -- reports escape everything ---------------------------------------------------------------------------

HOSTILE_LINES = [
    'قال الوزير <script>alert("x")</script> إن المحادثات ستستمر.',
    'وأضاف "><img src=x onerror=alert(1)> أن الحكومة مجلس مجلس خصصت الأموال.',
    "ولم يعلق \u202eالمتحدث\u202c باسم \u2066الوزارة\u2069 على التقرير ]]> &amp; </testcase>.",
    "وقال المصدر ::stop-commands::x%0A::add-mask::y\r::error::z إن الاجتماع انتهى.",
]


@pytest.fixture(scope="module")
def hostile_report() -> Any:
    return Checker(Config(use_model=False)).check(target=HOSTILE_LINES, source=[
        "The minister <b>said</b> the talks would go on.", 'He added "><svg onload=alert(2)>.',
        "No comment \u202e from the ministry.", "The source said the meeting ended."])


def test_html_report_escapes_markup_and_neutralises_bidi(hostile_report: Any) -> None:
    from mtqa.report import render

    page = render(hostile_report, "html")
    for raw in ('<script>alert("x")', "<img src=x onerror", "<svg onload", "<b>said</b>", "</testcase>"):
        assert raw not in page
    assert "&lt;script&gt;alert(" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    for control in ("\u202e", "\u202c", "\u2066", "\u2069"):
        assert control not in page  # shown as visible ⟨U+202E⟩ markers, never applied
    assert "U+202E" in page
    # Only the page's own scripts, each allowed by the CSP hash.
    assert page.count("<script") == page.count("</script>")
    assert "Content-Security-Policy" in page


def test_xml_and_json_reports_stay_well_formed(hostile_report: Any) -> None:
    from mtqa.report import render

    junit = ET.fromstring(render(hostile_report, "junit"))
    assert junit.iter()  # parsed: the input did not break out of its element
    assert not [e for e in junit.iter() if e.tag in ("script", "img")]
    sarif = json.loads(render(hostile_report, "sarif"))
    assert sarif["runs"]
    data = json.loads(render(hostile_report, "json"))
    assert data["documents"][0]["segments"][0]["target"].startswith("قال الوزير <script>")  # data kept exactly


def test_github_annotations_cannot_inject_commands(hostile_report: Any) -> None:
    from mtqa.report import render

    lines = render(hostile_report, "github").splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ", "::notice ", "mtqa: ")) for line in lines)
    assert not any(line.startswith(("::stop-commands", "::add-mask")) for line in lines)


# -- models: no pickle, no remote code -------------------------------------------------------------------

def _fake_model_dir(path: Path) -> Path:
    path.mkdir()
    (path / "config.json").write_text(json.dumps({"model_type": "marian"}), encoding="utf-8")
    for name in ("vocab.json", "source.spm", "target.spm"):
        (path / name).write_text("{}", encoding="utf-8")
    return path


def test_pickle_weights_are_refused_before_anything_is_loaded(tmp_path: Path,
                                                              audit: list[tuple[str, str]]) -> None:
    from mtqa.translate.resolve import resolve_model

    model = _fake_model_dir(tmp_path / "model")
    marker = tmp_path / "pwned"
    import pickle

    class Boom:
        def __reduce__(self) -> tuple[Any, ...]:
            return (Path.write_text, (marker, "pwned"))

    (model / "pytorch_model.bin").write_bytes(pickle.dumps(Boom()))
    audit.clear()
    with pytest.raises(ModelUnavailable) as exc:
        resolve_model(str(model))
    assert "pickled weights can run code when loaded" in str(exc.value)
    assert not marker.exists()
    assert not [e for e in audit if e[0] == "pickle.find_class"]
    assert not [arg for event, arg in audit if event == "open" and arg.endswith("pytorch_model.bin")]


def test_cli_with_a_pickle_only_model_exits_3_without_loading(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                              audit: list[tuple[str, str]]) -> None:
    from mtqa.cli import main

    model = _fake_model_dir(tmp_path / "model")
    (model / "pytorch_model.bin").write_bytes(b"\x80\x04not really a pickle")
    target = tmp_path / "t.txt"
    target.write_text("قال الوزير إن المحادثات ستستمر.", encoding="utf-8")
    audit.clear()
    code = main(["check", str(target), "--model", str(model), "--require-model"])
    err = capsys.readouterr().err
    assert code == 3 and "safetensors only" in err
    assert not [arg for event, arg in audit if event == "open" and arg.endswith("pytorch_model.bin")]


@pytest.mark.slow
def test_remote_code_in_a_model_directory_never_runs(tmp_path: Path, tiny_model_dir: Path) -> None:
    """A model whose config asks for custom code (``auto_map``) is loaded as plain Marian; the code
    in the directory is never imported."""
    from mtqa.translate.marian import MarianTranslator

    model = tmp_path / "model"
    shutil.copytree(tiny_model_dir, model)
    marker = tmp_path / "remote-code-ran"
    (model / "modeling_evil.py").write_text(f"open({str(marker)!r}, 'w').write('ran')\n", encoding="utf-8")
    (model / "configuration_evil.py").write_text(f"open({str(marker)!r}, 'w').write('ran')\n", encoding="utf-8")
    config = json.loads((model / "config.json").read_text(encoding="utf-8"))
    config["auto_map"] = {"AutoConfig": "configuration_evil.EvilConfig",
                          "AutoModelForSeq2SeqLM": "modeling_evil.EvilModel"}
    (model / "config.json").write_text(json.dumps(config), encoding="utf-8")
    translator = MarianTranslator(model, device="cpu")
    assert translator.translate(["مرحبا"])  # it works, as the built-in Marian class
    assert not marker.exists()
