"""Lexical checks: non-words, invisible characters, web boilerplate (and the seed article)."""

from __future__ import annotations

from pathlib import Path

import pytest

import mtqa
from mtqa import Config
from mtqa.checks._boilerplate import boilerplate_spans
from mtqa.lang.dictionaries import arabic_nonword as is_nonword

CFG = Config(use_model=False)
SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_cf7ad39c2f50dbc3.txt"


def _flags(target: str | list[str], rule: str, source: str | list[str] | None = None) -> list[mtqa.Flag]:
    """The rule's flags on one line (or a document of several lines) and its source."""
    lines = [target] if isinstance(target, str) else target
    sources = [source] if isinstance(source, str) else source
    report = mtqa.check(target=lines, source=sources or None, config=CFG)
    return [f for f in report.iter_flags() if f.rule == rule]


@pytest.mark.parametrize(("word", "expected"), [
    ("الإنتربنكينغ", True),      # garbled transliteration of "interbanking"
    ("الإنفورسمنت", True),       # "enforcement"
    ("فيسينوس", True),
    ("الاقتصاد", False),
    ("والمستثمرين", False),      # clitics and plural suffix
    ("اسرائيل", False),          # hamza-less spelling of a common name
    ("بالتزاماتها", False),
])
def test_is_nonword(word: str, expected: bool) -> None:
    assert is_nonword(word) is expected


@pytest.mark.parametrize(("target", "source", "flagged", "severity"), [
    ("ارتفع الجنيه في تعاملات الإنتربنكينغ اليوم.", "The pound rose in interbank trading today.",
     "الإنتربنكينغ", "major"),
    ("وقال إن الإنفورسمنت يجب أن يكون أسرع.", "He said enforcement must be faster.", "الإنفورسمنت", "major"),
    # no source: an unknown word may be a rare name, so it is only minor unless it looks like a loanword
    ("تعاون مع الشركاء في فيسينوس الهندي.", None, "فيسينوس", "minor"),
    ("تعاملات الإنتربنكينغ اليوم.", None, "الإنتربنكينغ", "major"),
])
def test_non_word_flags(target: str, source: str | None, flagged: str, severity: str) -> None:
    flags = _flags(target, "non-word", source)
    assert [(f.text, f.severity) for f in flags] == [(flagged, severity)]


@pytest.mark.parametrize(("target", "source"), [
    ("قالت شركة لومورا إنها ستطعن في القرار.", "Lumora said it would appeal the decision."),  # a source name
    ("رفع البنك المركزي أسعار الفائدة ٢٠٠ نقطة أساس.", "The central bank raised rates by 200 basis points."),
    ("وأكد الوزير أن المحادثات ستستمر الأسبوع المقبل.", None),
])
def test_non_word_must_not_flag(target: str, source: str | None) -> None:
    assert _flags(target, "non-word", source) == []


@pytest.mark.parametrize(("target", "flagged", "severity"), [
    ("قال الوزير\u200b إن المحادثات مستمرة.", "الوزير\u200b", "minor"),
    ("بلغ السعر \u202e100 دولار.", "\u202e100", "major"),
    ("\ufeffقال الوزير إن المحادثات مستمرة.", "\ufeffقال", "minor"),
])
def test_invisible_characters(target: str, flagged: str, severity: str) -> None:
    flags = _flags(target, "invisible-character")
    assert [(f.text, f.severity) for f in flags] == [(flagged, severity)]


def test_invisible_must_not_flag_plain_text() -> None:
    assert _flags("قال الوزير إن المحادثات مستمرة، وإن الاتفاق قريب.", "invisible-character") == []


@pytest.mark.parametrize(("text", "found"), [
    ("اترك تعليقاً", ["اترك تعليقاً"]),
    ("تم إضافة تعليقك بنجاح!", ["تم إضافة تعليقك بنجاح!"]),
    ("اقرأ أيضا: الحكومة تعلن خطة جديدة", ["اقرأ أيضا:"]),
    ("لمزيد من التفاصيل اضغط هنا", ["اضغط هنا"]),
    ("شارك", ["شارك"]),                       # a widget word alone on its line
    ("طباعة", ["طباعة"]),
    ("شارك الوزير في اجتماع المجلس أمس.", []),  # an ordinary verb inside a sentence
    ("وقررت اللجنة طباعة التقرير وتوزيعه.", []),
    ("وتلقى الوزير تعليقات كثيرة على خطته.", []),
])
def test_boilerplate_spans(text: str, found: list[str]) -> None:
    assert [text[s:e] for s, e in boilerplate_spans(text)] == found


def test_boilerplate_is_a_major_addition_without_source() -> None:
    flags = _flags("اترك تعليقاً", "boilerplate")
    assert [(f.category, f.severity) for f in flags] == [("addition", "major")]


def test_seed_article_findings() -> None:
    report = mtqa.check(target=SEED.read_text(encoding="utf-8"), config=CFG)
    found = {(f.rule, f.text) for f in report.iter_flags()}
    assert ("non-word", "فيسينوس") in found
    assert ("untranslated-latin", "-Combat") in found
    assert ("doubled-word", "مجلس مجلس") in found
    assert ("boilerplate", "اترك تعليقاً") in found
    assert ("boilerplate", "تم إضافة تعليقك بنجاح!") in found
    # proper names of the article are not non-words
    assert not {t for r, t in found if r == "non-word"} - {"فيسينوس"}


@pytest.mark.parametrize(("target", "source", "flagged"), [
    # CMS strings the lexicon does not list, made of its vocabulary
    ("قالت الشرطة إن التحقيق مستمر. شارك المقال عبر البريد الإلكتروني", "Police said the investigation continues.",
     "شارك المقال عبر البريد الإلكتروني"),
    ("قالت الشرطة إن التحقيق مستمر. سجل دخولك لإضافة تعليق", "Police said the suspect was arrested.",
     "سجل دخولك لإضافة تعليق"),
])
def test_boilerplate_vocabulary_catches_unlisted_cms_strings(target: str, source: str, flagged: str) -> None:
    # minor: unlisted wording read by its vocabulary misfires on dialogue (WMT25 judged sample)
    flags = [f for f in _flags(target, "boilerplate", source)]
    assert [f.text for f in flags] == [flagged] and flags[0].evidence["signal"] == "vocabulary"


@pytest.mark.parametrize(("target", "source"), [
    # a story about comments or cookies may use the words: the source says so
    ("وقالت الشركة إن ملفات تعريف الارتباط تحفظ تعليقات المستخدمين.",
     "The company said cookies store users' comments."),
    ("وحذر الأطباء من أن ارتفاع الحمى لديك يستدعي زيارة الطبيب.", "Doctors warned that a rising fever needs a visit."),
])
def test_boilerplate_vocabulary_leaves_prose_alone(target: str, source: str) -> None:
    assert _flags(target, "boilerplate", source) == []


@pytest.mark.parametrize(("target", "source", "flagged"), [
    # a string tacked on after the translation as its own sentence, in no vocabulary the rule knows
    ("قالت الشرطة إن التحقيق مستمر. دعني أفكر في الأمر لاحقا", "Police said the investigation continues.",
     "دعني أفكر في الأمر لاحقا"),
])
def test_boilerplate_sentence_that_renders_no_source_word(target: str, source: str, flagged: str) -> None:
    flags = _flags(target, "boilerplate", source)
    assert [(f.text, f.severity, f.evidence["signal"]) for f in flags] == [(flagged, "minor", "unexplained")]


@pytest.mark.parametrize(("target", "source"), [
    # a translator splits one source sentence in two: each half renders part of it
    ("قالت الشرطة إن التحقيق مستمر. وقد اعتقلت المشتبه به.",
     "Police said the investigation continues and the suspect was arrested."),
    # one sentence, nothing to compare it with
    ("دعني أفكر في الأمر لاحقا.", "Police said the investigation continues."),
    # a paragraph translated sentence by sentence: a free rendering of its own source sentence is no
    # addition, however little of it the lexicon can follow
    ("قالت الشرطة إن التحقيق مستمر. يا لها من فوضى! وقد اعتقل الضباط المشتبه به في المدينة.",
     "Police said the investigation continues. What a mess! Officers arrested the suspect in the city."),
    # added text sits at an edge of the line, not between two sentences that render the source
    ("قالت الشرطة إن التحقيق مستمر. دعني أفكر في الأمر لاحقا. وقد اعتقل الضباط المشتبه به في المدينة.",
     "Police said the investigation continues and officers arrested the suspect in the city."),
])
def test_boilerplate_unexplained_leaves_split_translations_alone(target: str, source: str) -> None:
    assert _flags(target, "boilerplate", source) == []


@pytest.mark.parametrize(("target", "source"), [
    # a quotation of two sentences is one source sentence to the splitter; its translation closes
    # each, and the short one renders nothing the lexicon can follow
    ("فليكن. لننشر التقرير الآن.", "“So be it. Let’s publish the report now.”"),
    # an ellipsis closes a sentence the splitter reads on through
    ("نعم... كنت أنتظر القطار في المحطة طوال الصباح.", "“Yes…I was waiting for the train at the station all morning.”"),
])
def test_boilerplate_unexplained_leaves_the_sentences_of_a_quotation_alone(target: str, source: str) -> None:
    assert _flags(target, "boilerplate", source) == []


def test_boilerplate_unexplained_still_sees_a_string_added_to_a_quotation() -> None:
    # two sentences in the Arabic for a quotation of one: the extra one is still reported
    source = "“Police said the investigation continues.”"
    target = "قالت الشرطة إن التحقيق مستمر. دعني أفكر في الأمر لاحقا"
    flags = _flags(target, "boilerplate", source)
    assert [(f.text, f.evidence["signal"]) for f in flags] == [("دعني أفكر في الأمر لاحقا", "unexplained")]


def test_boilerplate_unexplained_despite_one_chance_lexicon_match() -> None:
    # «الأخيرة» matches "last" by the lexicon: one common word matched by chance does not make the
    # tacked-on string a translation when its sibling renders the source word for word.
    source = "Police said on Monday that the last suspect in the city was arrested by officers."
    target = "قالت الشرطة يوم الاثنين إن آخر مشتبه به في المدينة اعتقله الضباط. عرض الصور الأخيرة"
    flags = _flags(target, "boilerplate", source)
    assert [(f.text, f.evidence["signal"]) for f in flags] == [("عرض الصور الأخيرة", "unexplained")]


@pytest.mark.parametrize("tail", ["وقد اعتقله الضباط", "وقال ذلك الضباط في المدينة"])
def test_boilerplate_unexplained_leaves_a_split_half_with_anchors_alone(tail: str) -> None:
    source = "Police said on Monday that the last suspect in the city was arrested by officers."
    target = f"قالت الشرطة يوم الاثنين إن آخر مشتبه به اعتقل. {tail}"
    assert _flags(target, "boilerplate", source) == []


def test_untranslated_latin_name_the_story_has_elsewhere_is_copied_not_added() -> None:
    # the translator named the product a line later than the source: copied from it, not added
    source = ["The company unveiled its Zephyrix tablet on Monday.", "Reviewers praised its screen."]
    target = ["كشفت الشركة عن جهازها اللوحي الجديد يوم الاثنين.", "وأشاد المراجعون بشاشة Zephyrix."]
    assert _flags(target, "untranslated-latin", source) == []


def test_untranslated_latin_name_the_source_lacks_is_reported() -> None:
    source = ["The company unveiled its tablet on Monday.", "Reviewers praised its screen."]
    target = ["كشفت الشركة عن جهازها اللوحي يوم الاثنين.", "وأشاد المراجعون بشاشة Zephyrix."]
    flags = _flags(target, "untranslated-latin", source)
    assert [(f.text, f.evidence["signal"]) for f in flags] == [("Zephyrix", "name")]


@pytest.mark.parametrize(("target", "source"), [
    # the source repeats a word itself: the translation echoes it
    ("صاح الجمهور في القاعة: برافو برافو!", "The crowd in the hall shouted: bravo, bravo!"),
    ("قرع الطبل بوم بوم.", "The drum went boomboom."),
    # «من من»: "who of", grammar, not a stutter
    ("سأل من من الضيوف وصل أولا.", "He asked which of the guests arrived first."),
])
def test_doubled_word_the_source_or_grammar_explains(target: str, source: str) -> None:
    assert _flags(target, "doubled-word", source) == []


@pytest.mark.parametrize(("target", "source", "flagged"), [
    # "3-3" repeats a digit, not a word
    ("انتهت المباراة المباراة بالتعادل 3-3.", "The match ended in a 3-3 draw.", "المباراة المباراة"),
    # a function word the source wrote twice by mistake is nothing to echo
    ("الخطة الخطة جاهزة بحسب رئيس البلدية.", "The plan, according to to the mayor, is ready.", "الخطة الخطة"),
    # a name that repeats a syllable is no repetition
    ("افتتح المتجر المتجر بحضور بوبو.", "The shop opened with PawPaw present.", "المتجر المتجر"),
])
def test_doubled_word_is_still_a_stutter(target: str, source: str, flagged: str) -> None:
    assert [f.text for f in _flags(target, "doubled-word", source)] == [flagged]


@pytest.mark.parametrize(("source", "severity"), [
    # a source with capitals: a lower-case English word copied into the Arabic is untranslated copy
    ("Then I press the control key and the letter.", "major"),
    # a transcript without capitals ("i"): the word may be a key's or a product's name, nothing tells
    ("then i press the control key and the letter", "minor"),
])
def test_untranslated_word_from_a_source_without_capitals_is_minor(source: str, severity: str) -> None:
    flags = _flags("ثم أضغط على مفتاح control والحرف.", "untranslated-latin", source)
    assert [(f.text, f.severity) for f in flags] == [("control", severity)]


@pytest.mark.parametrize(("target", "source"), [
    # what web copy carries that is not prose, kept as the source has it
    ("ووصفه بأنه &quot;يوم تاريخي&quot;.", "He called it &quot;a historic day&quot;."),
    ("<strong>عاجل:</strong> استقال الرئيس.", "<strong>Breaking:</strong> The president resigned."),
    ('<div class="caption">يتصاعد الدخان فوق المدينة.</div>', '<div class="caption">Smoke rises over the city.</div>'),
    ("انتشر وسم #peace على نطاق واسع.", "The hashtag #peace was shared widely."),
    ("الإرشادات متاحة على gov.uk/guidance/travel-advice.", "Guidance is at gov.uk/guidance/travel-advice."),
    ("انظر example.ae/ar/news?page=2&sort=latest للتفاصيل.", "See example.ae/ar/news?page=2&sort=latest for details."),
    ("اسم الملف هو annual_report.pdf.", "The file is named annual_report.pdf."),
    ("كان الأمر `pip install requests`.", "`pip install requests` was the command."),
    # a name the source has with a possessive
    ("طُرح هاتف Galaxy S25 من Samsung للبيع.", "Samsung's Galaxy S25 went on sale."),
])
def test_untranslated_latin_leaves_markup_addresses_and_code_alone(target: str, source: str) -> None:
    assert _flags(target, "untranslated-latin", source) == []


def test_untranslated_latin_still_sees_english_prose_beside_markup() -> None:
    flags = _flags("<strong>عاجل:</strong> استقال the minister.", "untranslated-latin",
                   "<strong>Breaking:</strong> The minister resigned.")
    assert [(f.text, f.severity) for f in flags] == [("the minister", "major")]


def test_a_roman_numeral_opening_a_list_item_is_no_lowercase_pronoun() -> None:
    # "i." numbers a list item: the source still writes capitals, so copied prose stays major
    target = ["استقال الوزير the minister.", "أولاً: تنطبق المادة الأولى."]
    source = ["The minister resigned.", "i. The first article applies."]
    assert [f.severity for f in _flags(target, "untranslated-latin", source)] == ["major"]
    transcript = ["استقال الوزير the minister.", "ثم ضغطت على الزر."]
    assert [f.severity for f in _flags(transcript, "untranslated-latin", ["The minister resigned.",
                                                                              "then i press the button."])] == ["minor"]


@pytest.mark.parametrize("target", ["نشرت رمزاً تعبيرياً واحداً: 👩\u200d👩\u200d👧.", "رفع العلم 🏳️\u200d🌈 في المسيرة."])
def test_the_joiner_of_an_emoji_sequence_is_no_stray_control_character(target: str) -> None:
    assert _flags(target, "invisible-character") == []
    assert len(_flags(target.replace("رمزاً", "رمز\u200dاً").replace("العلم", "الع\u200dلم"), "invisible-character")) == 1


@pytest.mark.parametrize(("target", "source"), [
    ("اقرأ المزيد على www.example.net.", "Read more at www.example.net."),
    ("© 2024 رويترز. جميع الحقوق محفوظة.", "© 2024 Reuters. All rights reserved."),
    ("شارك هذا المقال", "Share this article"),
    ("اشترك في نشرتنا الإخبارية", "Subscribe to our newsletter"),
])
def test_boilerplate_the_source_has_too_is_translated_not_added(target: str, source: str) -> None:
    assert _flags(target, "boilerplate", source) == []


@pytest.mark.parametrize(("target", "source", "flagged"), [
    ("قالت الوزارة إن المحادثات ستستأنف الأسبوع المقبل. شارك هذا المقال",
     "The ministry said the talks would resume next week.", "شارك هذا المقال"),
    # a source that speaks of a website is no web string: the string after the sentence is added
    ("قالت الوزارة إن المحادثات بشأن الموقع ستستأنف الأسبوع المقبل. اقرأ المزيد",
     "The ministry said the talks on the website would resume next week.", "اقرأ المزيد"),
])
def test_boilerplate_added_to_a_translated_sentence_is_still_reported(target: str, source: str, flagged: str) -> None:
    assert [(f.text, f.severity) for f in _flags(target, "boilerplate", source)] == [(flagged, "major")]
