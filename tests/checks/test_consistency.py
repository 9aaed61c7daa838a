"""A source term rendered two ways in one document: the minority rendering is flagged."""

from __future__ import annotations

import pytest

from mtqa.api import Checker
from mtqa.config import Config


def flags(target: list[str], source: list[str]) -> list[tuple[str, str | None]]:
    report = Checker(Config(use_model=False)).check(target=target, source=source)
    return [(f.text, f.suggestion) for d in report.documents for f in d.all_flags if f.rule == "inconsistent-term"]


@pytest.mark.parametrize(("target", "source", "expected"), [
    (["رفع البنك المركزي أسعار الفائدة.", "وقال البنك المركزي إن التضخم مرتفع.", "ويضع المصرف المركزي التضخم أولاً."],
     ["The central bank raised rates.", "The central bank said inflation is high.", "The central bank puts inflation first."],
     [("المصرف المركزي", "البنك المركزي")]),
    # a tie: the first rendering sets the style
    (["وقع الزلزال في ولاية ملاطية.", "أُرسلت فرق من 27 محافظة."],
     ["The quake hit Malatya province.", "Teams came from 27 provinces."], [("محافظة", "ولاية")]),
])
def test_flags_minority_rendering(target: list[str], source: list[str],
                                  expected: list[tuple[str, str | None]]) -> None:
    assert flags(target, source) == expected


@pytest.mark.parametrize(("target", "source"), [
    # inflections of one rendering are not inconsistent
    (["وقع الزلزال في ولاية ملاطية.", "أُرسلت فرق من 27 ولاية."],
     ["The quake hit Malatya province.", "Teams came from 27 provinces."]),
    (["رفع البنك المركزي أسعار الفائدة.", "وقالت البنوك المركزية الأخرى إنها ستتبع."],
     ["The central bank raised rates.", "Other central banks said they would follow."]),
    # «للأغراض العامة» and «ذات الأغراض العامة» are the same rendering
    (["النماذج للأغراض العامة.", "النماذج ذات الأغراض العامة."],
     ["General-purpose models.", "General-purpose models."]),
])
def test_does_not_flag_consistent_renderings(target: list[str], source: list[str]) -> None:
    assert flags(target, source) == []
