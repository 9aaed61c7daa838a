"""The direction-flip check: a rise rendered as a fall, or a fall as a rise (hand-made cases)."""

from __future__ import annotations

import pytest

import mtqa
from mtqa import Config

CFG = Config(use_model=False)


def _flags(target: str, bt: str, source: str) -> list[mtqa.Flag]:
    report = mtqa.check(target=[target], source=[source], backtranslation=[bt], config=CFG)
    return [f for f in report.iter_flags() if f.rule == "direction-flip"]


@pytest.mark.parametrize(("target", "bt", "source", "flagged"), [
    ("وارتفعت أسعار الذهب 1.2% إلى 2310 دولارات للأوقية يوم الجمعة.",
     "Gold prices rose 1.2% to $2,310 an ounce on Friday.",
     "Gold prices fell 1.2% to $2,310 an ounce on Friday.", "وارتفعت"),
    ("وتراجعت صادرات البلاد 4% في الربع الثالث، بينما ارتفعت الواردات 2%.",
     "The country's exports declined 4% in the third quarter, while imports rose 2%.",
     "The country's exports increased 4% in the third quarter, while imports rose 2%.", "وتراجعت"),
])
def test_flags_reversed_direction(target: str, bt: str, source: str, flagged: str) -> None:
    flags = _flags(target, bt, source)
    assert [f.text for f in flags] == [flagged] and flags[0].severity == "critical"


@pytest.mark.parametrize(("target", "bt", "source"), [
    # the same direction in other words
    ("وتراجع المؤشر 0.8% في تعاملات الصباح.", "The index declined 0.8% in morning trading.",
     "The index slipped 0.8% in early trade."),
    # both directions kept, in another order
    ("وارتفع خام برنت بينما انخفض الخام الأمريكي.", "Brent crude rose while U.S. crude fell.",
     "U.S. crude fell while Brent rose."),
    # no verb of change on either side
    ("وقال الوزير إن المحادثات مستمرة.", "The minister said the talks are continuing.",
     "The minister said talks were continuing."),
])
def test_does_not_flag_same_direction(target: str, bt: str, source: str) -> None:
    assert _flags(target, bt, source) == []
