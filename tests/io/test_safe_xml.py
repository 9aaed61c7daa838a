"""XML inputs cannot read local files (XXE) or blow up memory (billion laughs)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from mtqa import InputError
from mtqa.io import read_document

SECRET = "TOP-SECRET-CREDENTIAL-42"

XLIFF_XXE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file://{secret}">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="x" source-language="en" target-language="ar" datatype="plaintext"><body>
<trans-unit id="1"><source>Hello</source><target>مرحبا &xxe;</target></trans-unit>
</body></file></xliff>"""

TMX_XXE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file://{secret}">]>
<tmx version="1.4"><header srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>Hello</seg></tuv><tuv xml:lang="ar"><seg>مرحبا &xxe;</seg></tuv></tu>
</body></tmx>"""

PARAMETER_XXE = """<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY % p SYSTEM "file://{secret}"> %p;]>
<xliff version="1.2"/>"""

LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE xliff [\n <!ENTITY lol "lol">\n'
          + "".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
                    for i in range(1, 10))
          + ']>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" '
            'source-language="en" datatype="plaintext"><body><trans-unit id="1"><source>a</source>'
            '<target>&lol9;</target></trans-unit></body></file></xliff>')


@pytest.mark.parametrize(("name", "template"), [
    ("xxe.xlf", XLIFF_XXE), ("xxe.tmx", TMX_XXE), ("param.xlf", PARAMETER_XXE),
])
def test_external_entities_read_nothing(tmp_path: Path, name: str, template: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    path = tmp_path / name
    path.write_text(template.format(secret=secret), encoding="utf-8")
    with pytest.raises(InputError, match="unsafe XML rejected") as info:
        read_document(path)
    assert SECRET not in str(info.value)
    assert info.value.path == str(path) and info.value.line == 2


def test_billion_laughs_is_rejected_quickly(tmp_path: Path) -> None:
    path = tmp_path / "laughs.xlf"
    path.write_text(LAUGHS, encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(InputError, match="unsafe XML rejected"):
        read_document(path)
    assert time.monotonic() - started < 2.0


def test_plain_doctype_without_entities_is_accepted(tmp_path: Path) -> None:
    # TMX tools (translate-toolkit included) write this DOCTYPE; it is never fetched.
    path = tmp_path / "tm.tmx"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "http://example.invalid/tmx14.dtd">\n'
                    '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>Hi</seg></tuv>'
                    '<tuv xml:lang="ar"><seg>مرحبا</seg></tuv></tu></body></tmx>', encoding="utf-8")
    assert [u.text for u in read_document(path).units] == ["مرحبا"]
