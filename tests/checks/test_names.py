"""Names, name variants within a document, acronyms; and the transliteration similarity."""

from __future__ import annotations

import pytest

from mtqa.api import Checker
from mtqa.config import Config
from mtqa.lang.translit import similarity

RULES = ("name-spelling", "acronym-missing")


def flags(target: list[str], source: list[str], bt: list[str] | None = None) -> list[tuple[str, str]]:
    report = Checker(Config(use_model=False)).check(target=target, source=source, backtranslation=bt)
    return [(f.rule, f.text) for d in report.documents for f in d.all_flags if f.rule in RULES]


@pytest.mark.parametrize(("target", "source", "bt", "expected"), [
    # the back-translation spells the name differently and the Arabic spelling is rare
    (["وقالت نائبة المحافظ سميرة خاليل للصحفيين."], ["Deputy Governor Samira Khalil told reporters."],
     ["Deputy Governor Samira Khaleel told reporters."], [("name-spelling", "خاليل")]),
    # no back-translation: a rare spelling one long vowel away from a common one
    (["وقالت نائبة المحافظ سميرة خاليل للصحفيين."], ["Deputy Governor Samira Khalil told reporters."], None,
     [("name-spelling", "خاليل")]),
    (["وقع الزلزال قرب بلدة بوتوره."], ["The quake struck near the town of Pütürge."],
     ["The quake struck near the town of Butureh."], [("name-spelling", "بوتوره")]),
    # one name, two spellings in a document: the minority one is flagged
    (["غرّمت المفوضية شركة لومورا.", "وقالت لومورا إنها ستطعن.", "وقالت لومرا إنها ستدرس القرار."],
     ["The Commission fined Lumora.", "Lumora said it would appeal.", "Lumora said it would study the ruling."],
     None, [("name-spelling", "لومرا")]),
    # a well-known name spelt one slip from its usual Arabic spelling, which renders it as well
    (["وصل الوفد إلى كنذا يوم الأحد."], ["The delegation arrived in Canada on Sunday."], None,
     [("name-spelling", "كنذا")]),
    (["وقال الوزير إن وإيطليا وفرنسا اتفقتا."], ["The minister said Italy and France agreed."], None,
     [("name-spelling", "وإيطليا")]),
    # a country's «ـيا» that lost its ي is a slip, not a nisba form («رومانا» for «رومانيا»)
    (["وصل الوفد إلى رومانا يوم الأحد."], ["The delegation arrived in Romania on Sunday."], None,
     [("name-spelling", "رومانا")]),
    # the «ب» of "Paris" is the name's, not a clitic: «ارسي» is no reading of «بارسي»
    (["وصل الوفد إلى بارسي يوم الأحد."], ["The delegation arrived in Paris on Sunday."], None,
     [("name-spelling", "بارسي")]),
    # a consonant slip takes a well-known name past recognition: a known word one letter away
    # renders it («كيبيا» for «كينيا»), as the Arabic plural renders an English plural -s
    (["وصل الوفد إلى كيبيا يوم الأحد."], ["The delegation arrived in Kenya on Sunday."], None,
     [("name-spelling", "كيبيا")]),
    (["وقال الوزير إن الأستراليبن وافقوا."], ["The minister said Australians agreed."], None,
     [("name-spelling", "الأستراليبن")]),
    # the name opens with the sound of a letter that also reads as a clitic: «وستوب» is "Weston"
    # slipped, not "and «ستوب»", and «كاتول» is "Kabul" slipped, not "like «اتول»"
    (["وصل الوفد إلى وستوب يوم الأحد."], ["The delegation arrived in Weston on Sunday."], None,
     [("name-spelling", "وستوب")]),
    (["وصل الوفد إلى كاتول يوم الأحد."], ["The delegation arrived in Kabul on Sunday."], None,
     [("name-spelling", "كاتول")]),
    # a final -s said as z: «هولمز» renders "Holmes", so the slipped «هولمج» is the odd one out
    (["وقال المدرب هولمج إن الفريق جاهز.", "وأضاف هولمز أن الملعب ممتلئ.", "ثم غادر هولمز الملعب."],
     ["Coach Holmes said the team was ready.", "Holmes added that the stadium was full.",
      "Then Holmes left the stadium."], None, [("name-spelling", "هولمج")]),
    # a short name spelt one slip from the spelling the rest of the document uses
    (["قالت دانا إنها ستعود.", "وأضافت دانا أن الرحلة طويلة.", "ثم غادرت دنا المدينة."],
     ["Dana said she would return.", "Dana added that the trip was long.", "Then Dana left the city."], None,
     [("name-spelling", "دنا")]),
    # a name slipped so far it no longer looks like the name, one letter from the document's spelling
    (["قال الحكم فان إن المباراة انتهت.", "وأضاف فان أن الملعب كان ممتلئا.", "ثم غادر فال الملعب."],
     ["The referee Vann said the match was over.", "Vann added that the stadium was full.",
      "Then Vann left the stadium."], None, [("name-spelling", "فال")]),
    # an acronym with no trace anywhere in the Arabic
    (["وقالت الوكالة إن الزلزال كان قوياً."], ["The quake was strong, AFAD said."],
     ["The agency said the earthquake was strong."], [("acronym-missing", "وقالت الوكالة إن الزلزال كان قوياً.")]),
])
def test_flags(target: list[str], source: list[str], bt: list[str] | None,
               expected: list[tuple[str, str]]) -> None:
    assert flags(target, source, bt) == expected


@pytest.mark.parametrize(("target", "source", "bt"), [
    (["وقالت نائبة المحافظ سميرة خليل للصحفيين."], ["Deputy Governor Samira Khalil told reporters."],
     ["Deputy Governor Samira Khalil told reporters."]),
    # a conventional Arabic form of a Turkish name is not a misspelling
    (["وقال رئيس آفاد محمد يلدريم للصحفيين."], ["AFAD president Mehmet Yıldırım told reporters."],
     ["AFAD head Mohammed Yildirim told reporters."]),
    (["وقع الزلزال قرب بلدة بوتورغه في ولاية ملاطية."], ["The quake struck near Pütürge in Malatya province."],
     ["The quake struck near Puturge in Malatya province."]),
    # an adjective of a name (the nisba) is no second spelling of it
    (["وقال المسؤولون الكنديون إن الخطة جاهزة.", "ورحبت الحكومة الكندية بالخطة."],
     ["Canadian officials said the plan was ready.", "The Canadian government welcomed the plan."], None),
    # «ووستر» alone (or "and «وستر»") and «بووستر» ("in Wooster") spell the name alike
    (["زار الوفد ووستر الأسبوع الماضي.", "وفي ووستر التقى المسؤولين.", "وغادر بووستر بعد يومين."],
     ["The delegation visited Wooster last week.", "In Wooster it met officials.", "It left Wooster after two days."],
     None),
    # the correct plural of a demonym, and a name with a final -s written «ز»
    (["وقال الوزير إن الأستراليين وافقوا."], ["The minister said Australians agreed."], None),
    (["وقال المدرب هولمز إن الفريق جاهز."], ["Coach Holmes said the team was ready."], None),
    # a spelling the document repeats is the translator's rendering, not a one-off slip
    (["وصل الوفد إلى كيبيا يوم الأحد.", "وغادر الوفد كيبيا يوم الاثنين."],
     ["The delegation arrived in Kenya on Sunday.", "The delegation left Kenya on Monday."], None),
    # a rare name has no usual spelling to be wrong about, whatever common word lies one slip away
    (["وقال باسر للصحفيين إنه متفائل."], ["Basar told reporters he was optimistic."], None),
    # acronyms kept in Latin, transliterated, or spelled out
    (["وصلت قوة كوسوفو (KFOR) إلى المنطقة."], ["KFOR troops arrived in the area."],
     ["Kosovo Force (KFOR) arrived in the area."]),
    (["وقالت آفاد إن الزلزال كان قوياً."], ["The quake was strong, AFAD said."],
     ["AFAD said the earthquake was strong."]),
    (["وقال مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية إنه مستعد."], ["OCHA said it stood ready."],
     ["The UN Office for the Coordination of Humanitarian Affairs said it is ready."]),
])
def test_does_not_flag_matching_names(target: list[str], source: list[str], bt: list[str] | None) -> None:
    assert flags(target, source, bt) == []


def test_slipped_name_suggests_the_known_spelling() -> None:
    report = Checker(Config(use_model=False)).check(target=["وصل الوفد إلى كيبيا يوم الأحد."],
                                                     source=["The delegation arrived in Kenya on Sunday."])
    flag = next(f for d in report.documents for f in d.all_flags if f.rule == "name-spelling")
    assert flag.suggestion == "كينيا"
    assert flag.evidence == {"source_name": "Kenya", "usual_spelling": "كينيا", "signal": "slipped-usual",
                             **{k: v for k, v in flag.evidence.items()
                                if k not in ("source_name", "usual_spelling", "signal")}}


def test_usual_spelling_is_suggested_with_the_clitics_kept() -> None:
    report = Checker(Config(use_model=False)).check(target=["وقال الوزير إن وإيطليا وفرنسا اتفقتا."],
                                                     source=["The minister said Italy and France agreed."])
    flag = next(f for d in report.documents for f in d.all_flags if f.rule == "name-spelling")
    assert flag.suggestion == "وإيطاليا"
    assert flag.evidence["source_name"] == "Italy"
    assert flag.evidence["signal"] == "usual-spelling"


@pytest.mark.parametrize(("latin", "arabic", "low", "high"), [
    ("Lumora", "لومورا", 0.99, 1.0), ("Luxembourg", "لوكسمبورغ", 0.99, 1.0), ("Alexander", "ألكسندر", 0.99, 1.0),
    ("NATO", "الناتو", 0.99, 1.0), ("Lumora", "ولومورا", 0.99, 1.0), ("Pütürge", "بوتوره", 0.6, 0.9),
    ("Samira", "المحافظ", 0.0, 0.2), ("Lumora", "الاتحاد", 0.0, 0.4),
    # «تش» writes ch; a final -s after a voiced sound may be «ز»; č and ć are ch; a final -sh is a sound
    ("Chelton", "تشيلتون", 0.99, 1.0), ("Holmes", "هولمز", 0.99, 1.0), ("Holmes", "هولمس", 0.99, 1.0),
    ("Belanović", "بيلانوفيتش", 0.99, 1.0), ("Kelbish", "كيلبيش", 0.99, 1.0),
])
def test_transliteration_similarity(latin: str, arabic: str, low: float, high: float) -> None:
    assert low <= similarity(latin, arabic) <= high


def qualifier_flags(target: list[str], source: list[str], bt: list[str]) -> list[str]:
    report = Checker(Config(use_model=False)).check(target=target, source=source, backtranslation=bt)
    return [f.text for d in report.documents for f in d.all_flags if f.rule == "name-qualifier-lost"]


@pytest.mark.parametrize(("target", "source", "bt", "expected"), [
    # the source only ever says "South Africa"; the Arabic puts "Africa" where it says "the country"
    (["قضت محكمة في جنوب أفريقيا بتغريم الشركة.", "وهذا أكبر تعويض في تاريخ أفريقيا."],
     ["A South African court fined the company.", "It is the largest award in the country's history."],
     ["A court in South Africa fined the company.", "This is the largest compensation in the history of Africa."],
     ["أفريقيا"]),
    # "North Korea" rendered as the other Korea
    (["وقالت كوريا الجنوبية إنها أطلقت صاروخاً."], ["North Korea said it had launched a missile."],
     ["South Korea said it launched a missile."], ["كوريا"]),
])
def test_flags_place_without_its_qualifier(target: list[str], source: list[str], bt: list[str],
                                           expected: list[str]) -> None:
    assert qualifier_flags(target, source, bt) == expected


@pytest.mark.parametrize(("target", "source", "bt"), [
    (["قضت محكمة في جنوب أفريقيا بتغريم الشركة."], ["A South African court fined the company."],
     ["A South African court fined the company."]),
    # the bare name is used in the source too
    (["قال إن جنوب أفريقيا تقود أفريقيا."], ["He said South Africa leads Africa."],
     ["He said South Africa leads Africa."]),
    # a person's surname on second mention is not a place that lost its qualifier
    (["وقالت المحامية ثانديوي موكوينا إن موكوينا ستطعن."], ["Lawyer Thandiwe Mokoena said she would appeal."],
     ["Lawyer Thandiwe Mokoena said Mokoena would appeal."]),
])
def test_does_not_flag_qualified_places(target: list[str], source: list[str], bt: list[str]) -> None:
    assert qualifier_flags(target, source, bt) == []


@pytest.mark.parametrize(("word", "other", "expected"), [
    ("كنذا", "كندا", True),  # letters that differ by a dot
    ("اسبانيا", "اصبانيا", True),  # one sound, two letters
    ("كندا", "كنيا", False),  # ي is no slip for د
    ("خاليل", "خليل", True),  # an inner long vowel dropped …
    ("خليل", "خاليل", True),  # … or added
    ("كندا", "كند", False),  # not the last letter: endings change with the grammar
    ("برلين", "بلرين", True),  # two neighbours swapped
    ("برلين", "برلين", False),
])
def test_one_slip(word: str, other: str, expected: bool) -> None:
    from mtqa.lang.arabic import one_slip

    assert one_slip(word, other) is expected


def test_a_common_word_is_never_the_minority_spelling_of_a_name() -> None:
    # «فريق» ("team") reads like "Africa" but is a word of its own: not a variant of «أفريقيا».
    source = ["Leaders from Africa met in Cairo.", "Africa needs more investment.", "The team said Africa was ready."]
    target = ["اجتمع قادة من أفريقيا في القاهرة.", "تحتاج أفريقيا إلى مزيد من الاستثمارات.", "قال فريق إنها مستعدة."]
    assert [f for f in flags(target, source) if f[1] == "فريق"] == []




def test_a_word_another_source_name_renders_better_is_not_a_variant() -> None:
    # «ماريلا» renders "Marla" letter for letter; it is no second spelling of "Marlish", which this
    # sentence renders with another word, though it reads loosely like it.
    source = ["The Marlish council met on Sunday.", "The Marlish envoy said the result was clear.",
              "Marla, a Marlish adviser, resigned on Monday."]
    target = ["اجتمع المجلس المارليشي يوم الأحد.", "قال المبعوث المارليشي إن النتيجة واضحة.",
              "استقالت ماريلا، مستشارة الإقليم، يوم الاثنين."]
    assert [f for f in flags(target, source) if f[1] == "ماريلا"] == []
