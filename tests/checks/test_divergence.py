"""Back-translation divergence checks and the word aligner that places their flags."""

from __future__ import annotations

import pytest

import mtqa
from mtqa import Config, Translation
from mtqa.checks.base import SegmentView
from mtqa.wordalign import align_words, locate, locate_words

CFG = Config(use_model=False)
RULES = ("bt-calque", "bt-added-name", "bt-missing", "bt-low-chrf")


def _flags(target: str, bt: str, source: str) -> list[mtqa.Flag]:
    report = mtqa.check(target=[target], source=[source], backtranslation=[bt], config=CFG)
    return [f for f in report.iter_flags() if f.rule in RULES]


@pytest.mark.parametrize(("target", "bt", "source", "rule", "category", "inside"), [
    # calque: only part of a compound survives ("stakeholders" -> "share holders")
    ("استشارت الحكومة أصحاب الحصص بشأن الإصلاح.", "The government consulted the share holders on the reform.",
     "The government consulted stakeholders on the reform.", "bt-calque", "mistranslation", "الحصص"),
    # a lender the source does not name; the IMF itself is its acronym's expansion
    ("جاء القرض من صندوق النقد الدولي وبنك التنمية الآسيوي.",
     "The loan came from the International Monetary Fund and the Asian Development Bank.",
     "The loan came from the IMF.", "bt-added-name", "addition", "وبنك"),
    # the head of a compound translated literally ("rota" is a wheel)
    ("انتشر تفشي فيروس العجلة في المدينة.", "The outbreak of the wheel virus spread in the city.",
     "The rotavirus outbreak spread in the city.", "bt-calque", "mistranslation", "العجلة"),
    # a dropped qualifier the Arabic does not render either
    ("عثر رجال الإنقاذ على ثلاثة أطفال تحت الأنقاض.", "Rescuers found three children under the rubble.",
     "Rescuers found three children alive under the rubble.", "bt-missing", "omission", "أطفال"),
    # a loanword garbled in the Arabic: flagged where the back-translation says something else
    ("وقال إن الإنفورسمنت يجب أن يكون أسرع.", "He said the inforsment must be faster.",
     "He said enforcement must be faster.", "bt-missing", "mistranslation", "الإنفورسمنت"),
    # a wrong sense at the start of the sentence: a capital there is no name
    ("الملاعق وُزعت على السكان يوم الاثنين.", "Spoons were handed out to residents on Monday.",
     "Shovels were handed out to residents on Monday.", "bt-missing", "mistranslation", "الملاعق"),
    # a sentence that says something else entirely
    ("استقال الوزير يوم الاثنين.", "Heavy rain flooded the streets of the capital.",
     "The minister resigned on Monday.", "bt-low-chrf", "mistranslation", "استقال الوزير يوم الاثنين."),
])
def test_flags(target: str, bt: str, source: str, rule: str, category: str, inside: str) -> None:
    flags = _flags(target, bt, source)
    # Alone, a back-translation divergence is minor: the ledger (docs/quality.md) measured these
    # rules above one false alarm per 1,000 clean lines; a second rule on the span raises them.
    assert [(f.rule, f.category, f.severity) for f in flags] == [(rule, category, "minor")]
    assert inside in flags[0].text
    assert flags[0].evidence["backtranslation"] == bt


@pytest.mark.parametrize(("target", "bt", "source"), [
    # the qualifier is in the Arabic; the back-translation just paraphrases it
    ("عثر رجال الإنقاذ على ثلاثة أطفال أحياء تحت الأنقاض.", "Rescuers found three living children under the rubble.",
     "Rescuers found three children alive under the rubble."),
    # synonyms and explicitation: lifted/raised, key/main, an added "interest"
    ("رفع البنك المركزي سعر الفائدة الرئيسي إلى 5%.", "The central bank raised the main interest rate to 5%.",
     "The central bank lifted its key rate to 5%."),
    # an adverb or a verb absorbed by the rewording is no omission (a lost noun or adjective is)
    ("قال المتحدث إن الشركة قلقة من الوضع.", "The spokesman said the company is very concerned about the situation.",
     "The spokesman said the company was deeply concerned about the situation."),
    ("وبنيت المدرسة في القرية.", "The school was built in the village.", "The school was built afterwards in the village."),
    # a rare, specific word generalised to an everyday one is no wrong sense
    ("عبرت الحيوانات الطريق قرب القرية.", "The animals crossed the road near the village.",
     "The gazelles crossed the road near the village."),
    # the head of a compound kept as a loanword, the back-translation only spells it apart
    ("انتشر تفشي فيروس روتا في المدينة.", "The outbreak of the Rota virus spread in the city.",
     "The rotavirus outbreak spread in the city."),
    # one word for a two-word term WordNet lists as one lemma
    ("وقال رئيس الوزراء الكندي إن الحكومة ستدعم المزارعين.",
     "The Canadian Prime Minister said the government would support farmers.",
     "The Canadian Premier said the government would support farmers."),
    # the same unit in another spelling
    ("قطع المتسابقون 12 كيلومترا عبر الجبال.", "The runners covered 12 kilometers across the mountains.",
     "The runners covered 12 kilometres across the mountains."),
    # Arabic-Indic digits that match
    ("رفع البنك المركزي سعر الفائدة إلى ٥٪.", "The central bank raised the interest rate to 5%.",
     "The central bank raised its rate to 5%."),
    # a name spelled differently by the back-translation (the name checks judge the Arabic spelling)
    ("وقالت نائبة المحافظ سميرة خليل إن البنك سيواصل التشديد.",
     "Deputy Governor Samira Khaleel said the bank would continue tightening.",
     "Deputy Governor Samira Khalil said the bank would keep tightening."),
    # U.S. / American, EU / European Union
    ("وقالت الشركة الأمريكية إنها ستستأنف.", "The American company said it would appeal.",
     "The U.S. company said it would appeal."),
    ("ورحب الاتحاد الأوروبي بالقرار.", "The European Union welcomed the decision.", "The EU welcomed the decision."),
    # a negative prefix rendered with a negation particle (polarity is the polarity check's business)
    ("وقالت الشركة إنها لا تتفق مع القرار.", "The company said it does not agree with the decision.",
     "The company said it disagreed with the decision."),
    # reporting verbs are interchangeable
    ("وأعلن المفاوضون عن اختراق في المحادثات.", "The negotiators announced a breakthrough in the talks.",
     "Negotiators reported a breakthrough in the talks."),
    # reordered literal back-translation of a correct sentence
    ("قتل 12 شخصا على الأقل في الفيضانات التي ضربت المنطقة.",
     "At least 12 people were killed in the floods that hit the region.",
     "Floods killed at least 12 people in the region."),
    # an expansion glossed by the source's acronym
    ("ضرب الزلزال المنطقة قبيل الفجر، وفق ما أعلنته إدارة الكوارث والطوارئ التركية (آفاد).",
     ("The earthquake struck the region shortly before dawn, according to what the Turkish Disaster and "
      "Emergency Management Authority (AFAD) announced."),
     "The quake struck the region before dawn, the country's disaster agency AFAD said."),
])
def test_must_not_flag(target: str, bt: str, source: str) -> None:
    assert _flags(target, bt, source) == []


def test_fallback_alignment_uses_lexicon_numbers_and_names() -> None:
    ar = "رفع البنك المركزي سعر الفائدة إلى 21.25% يوم الخميس في ملاطية"
    en = "In Malatya the central bank raised the interest rate to 21.25% on Thursday"
    al = align_words(ar, en)
    pairs = {al.en[i].text: al.ar[j].text for i, j in enumerate(al.target) if al.anchored[i] and j is not None}
    assert pairs["bank"] == "البنك" and pairs["interest"] == "الفائدة"
    assert pairs["21.25"] == "21.25" and pairs["Malatya"] == "ملاطية"
    start, end = locate_words(ar, en, en.index("interest rate"), en.index("interest rate") + len("interest rate"))
    assert "الفائدة" in ar[start:end] and "سعر" in ar[start:end]


def test_locate_uses_model_alignment() -> None:
    ar = "رفع البنك المركزي سعر الفائدة"
    bt = Translation(text="The central bank raised the rate",
                     tokens=("The", "central", "bank", "raised", "the", "rate"),
                     token_spans=((0, 3), (4, 11), (12, 16), (17, 23), (24, 27), (28, 32)),
                     alignment=((4, 9), (10, 17), (6, 9), (0, 3), None, (19, 21)))
    seg = SegmentView(index=0, line=1, line_text=ar, start=0, end=len(ar), backtranslation=bt, model_bt=True)
    assert locate(seg, 28, 32) == (18, 21)  # "rate" attended to part of «سعر»: widened to the word
    assert ar[slice(*locate(seg, 4, 16))] == "البنك المركزي"  # type: ignore[misc]
    # the same back-translation without a model falls back to the lexicon aligner
    fallback = SegmentView(index=0, line=1, line_text=ar, start=0, end=len(ar), backtranslation=bt)
    assert ar[slice(*locate(fallback, 12, 16))] == "البنك"  # type: ignore[misc]


# -- names read as common words (bt-literal-name) ------------------------------------------------
def _literal(target: str, bt: str, source: str) -> list[mtqa.Flag]:
    report = mtqa.check(target=[target], source=[source], backtranslation=[bt], config=CFG)
    return [f for f in report.iter_flags() if f.rule == "bt-literal-name"]


def test_literal_name_flags_a_person_read_as_a_word() -> None:
    # a surname that is also a common noun, translated instead of transliterated
    flags = _literal("دعم الناخبون الثعلب في الانتخابات.", "Voters backed the fox in the election.",
                     "Voters backed Fox in the election.")
    assert [f.text for f in flags] == ["الثعلب"]
    assert flags[0].category == "name" and flags[0].severity == "minor"


def test_literal_name_flags_a_publication_title() -> None:
    flags = _literal("ونشرت مجلة الحديقة السرية التقرير.", "The magazine the secret garden published the report.",
                     "The magazine Secret Garden published the report.")
    assert flags and "الحديقة" in flags[0].text


@pytest.mark.parametrize(("target", "bt", "source"), [
    # institutions, offices and places are translated word by word, correctly
    ("أعلنت وزارة الصحة خطة جديدة.", "The ministry of health announced a new plan.",
     "The Ministry of Health announced a new plan."),
    ("زار رئيس الوزراء البحر الأحمر.", "The prime minister visited the red sea.", "The Prime Minister visited the Red Sea."),
    # the name kept: capitalised in the back-translation too
    ("دعم الناخبون فوكس في الانتخابات.", "Voters backed Fox in the election.", "Voters backed Fox in the election."),
    # a headline in Title Case throughout says nothing
    ("الأسواق تتراجع بعد قرار البنك", "markets fall after bank decision", "Markets Fall After Bank Decision"),
])
def test_literal_name_leaves_translated_names_alone(target: str, bt: str, source: str) -> None:
    assert _literal(target, bt, source) == []


# -- placement: a back-translated word lands on an Arabic content word, never on a particle -------
def test_unanchored_word_skips_arabic_function_words() -> None:
    # "glue" has no lexicon anchor; position alone would put it on «يمكن» (can)
    ar = "وضع العامل الغراء يمكن أن يكون مفيدا"
    en = "The worker put the glue can be useful"
    span = locate_words(ar, en, en.index("glue"), en.index("glue") + 4)
    assert span is not None and ar[span[0]:span[1]] not in ("يمكن", "أن", "يكون")


def test_unit_swapped_for_the_same_figure() -> None:
    # the back-translation keeps the figure but names another unit of the same dimension (where
    # the Arabic unit is one the number check knows, that check flags it first)
    from mtqa.checks.divergence import analyse

    found = analyse("قطع المتسابقون 12 ميلا عبر الجبال.", "The runners covered 12 miles across the mountains.",
                    "The runners covered 12 kilometres across the mountains.")
    assert [(d.kind, d.source_words, d.bt_words) for d in found] == [
        ("mistranslation", ("12", "kilometres"), ("12", "miles"))]
