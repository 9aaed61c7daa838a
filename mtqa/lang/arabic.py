"""Arabic word lists (general Modern Standard Arabic knowledge; nothing here comes from a test set).

Tables are written as Arabic is spelled; :func:`normed` gives their matching forms (the forms
:func:`mtqa.text.normalize.normalize_ar` produces: hamza/alef, ya/alef maqsura, ta marbuta folded).
This module imports nothing from mtqa at import time, so the text layer can import it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TypeVar

_V = TypeVar("_V")

# -- script ------------------------------------------------------------------------------------
#: Presentation forms: each letter's initial, medial, final and isolated shape and the ligatures
#: (ﻻ lam-alef), as text copied out of a PDF or an old system carries them. Normalisation (NFKC)
#: makes them base letters; the ornate parentheses, the rial sign and the bismillah are not letters.
PRESENTATION_LETTERS = "\ufb50-\ufd3d\ufd50-\ufdfb\ufe80-\ufefc"
#: Arabic letters (the base block, the extended letters used for Persian/Urdu loan spellings, and
#: their presentation forms).
LETTERS = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff" + PRESENTATION_LETTERS
#: Harakat, tanween, shadda, sukun, superscript alef and tatweel: written on letters, ignored
#: when words are compared; with their presentation forms (U+FE70–FE7F).
DIACRITICS = frozenset(chr(c) for c in [*range(0x064B, 0x0660), 0x0670, 0x0640, *range(0xFE70, 0xFE80)])
#: Quranic annotation marks: dropped like diacritics by normalisation, but rare in news copy.
QURANIC_MARKS = frozenset(chr(c) for c in range(0x06D6, 0x06EE))
#: The same diacritics as a regex character-class body.
DIACRITICS_CLASS = "\u064b-\u065f\u0670\u0640\ufe70-\ufe7f"
#: Long vowels (alef, waw, ya): a transliteration may write a foreign vowel long or leave it out
#: («خليل»/«خاليل»), so one is easily dropped or added by mistake.
LONG_VOWELS = frozenset("اوي")
#: Letters taken for one another (matching form): letters that differ only by their dots, and
#: letters that render the same foreign sound in transliteration (s: س ص, t: ت ط, d: د ض,
#: z/dh: ز ذ ظ, k/q: ك ق, g: ج غ ك, h: ه ح).
CONFUSABLE_LETTERS = (frozenset("بتثني"), frozenset("جحخ"), frozenset("دذ"), frozenset("رز"), frozenset("سش"),
                      frozenset("صض"), frozenset("طظ"), frozenset("عغ"), frozenset("فق"), frozenset("سص"),
                      frozenset("تط"), frozenset("دض"), frozenset("زذظ"), frozenset("كق"), frozenset("جغك"),
                      frozenset("هح"))


def confusable(a: str, b: str) -> bool:
    """Are two (normalised) letters easily taken for one another (:data:`CONFUSABLE_LETTERS`)?"""
    return a != b and any(a in group and b in group for group in CONFUSABLE_LETTERS)


def one_slip(word: str, other: str) -> bool:
    """Is ``other`` one slip of the pen from ``word`` (both normalised): a confusable letter
    substituted, two neighbouring letters swapped, or an inner long vowel dropped or added?"""
    if len(word) == len(other):
        diff = [i for i, (a, b) in enumerate(zip(word, other)) if a != b]
        if len(diff) == 1:
            return confusable(word[diff[0]], other[diff[0]])
        return (len(diff) == 2 and diff[1] == diff[0] + 1
                and word[diff[0]] == other[diff[1]] and word[diff[1]] == other[diff[0]])
    if abs(len(word) - len(other)) != 1:
        return False
    longer, shorter = (word, other) if len(word) > len(other) else (other, word)
    for i in range(1, len(longer) - 1):  # the first and last letters begin and end the name: not slips
        if longer[i] in LONG_VOWELS and longer[:i] + longer[i + 1:] == shorter:
            return True
    return False


#: How Arabic spells the names of Latin letters when it writes an acronym out («بي بي سي» BBC,
#: «سي إن إن» CNN, «إف بي آي» FBI).
LATIN_LETTER_NAMES = frozenset({"إيه", "أيه", "بي", "سي", "دي", "إي", "إف", "جي", "إتش", "اتش", "آي", "جيه", "كيه",
                                "كي", "إل", "إم", "إن", "أو", "بيه", "كيو", "آر", "إس", "تي", "يو", "في", "دبليو",
                                "إكس", "واي", "زد", "زي"})

# -- clitics -----------------------------------------------------------------------------------
#: Proclitics (conjunction و ف, prepositions ب ل ك, future س, the article ال and their
#: combinations) in matching form, longest first so that «وبال» is tried before «و».
PROCLITICS = ("وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك", "س")
#: The proclitics a noun can carry (no future س), as spelled.
NOUN_PROCLITICS = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
#: Enclitic pronouns (matching form), longest first.
ENCLITICS = ("هما", "كما", "هم", "هن", "كم", "كن", "نا", "ها", "ه", "ك", "ي")

# -- negation ----------------------------------------------------------------------------------
#: Particles and words that negate what follows (matching form).
NEGATION_PARTICLES = frozenset({"لا", "لم", "لن", "ليس", "ليست", "ليسوا", "ليسا", "لست", "لسنا", "غير", "عدم",
                                "دون", "بدون", "بلا"})
#: Verbs and nouns whose meaning is a negation ("failed to", "refused", "denied").
NEGATION_LEXICAL = frozenset({
    "فشل", "فشلت", "يفشل", "تفشل", "أخفق", "أخفقت", "يخفق", "إخفاق", "لإخفاقها", "لإخفاقه", "رفض", "رفضت", "يرفض",
    "ترفض", "نفى", "نفت", "ينفي", "تنفي", "أنكر", "ينكر", "امتنع", "امتنعت", "يمتنع", "تمتنع", "امتناع", "تعذر",
    "يتعذر", "مستحيل", "المستحيل", "يستحيل", "استحالة", "عجز", "يعجز", "تعجز", "انعدام", "غياب", "افتقار", "يفتقر",
    "تفتقر", "افتقر", "خال", "خالي", "خالية", "خالٍ", "مجهول", "مجهولة", "المجهول", "مجهولا", "مجهولًا",
    # «ممنوع الدخول» "No entry", «يُمنع التدخين» "No smoking": a prohibition
    "ممنوع", "ممنوعة", "يمنع", "يُمنع", "محظور", "محظورة", "يحظر", "يُحظر"})
#: «لا يزال / ما زال / لم يزل»: "still" — a negation particle before these is no negation.
STILL = re.compile(r"^(?:[يتن]زال(?:ون|ان|ين|وا)?|زال(?:ت|وا|تا)?|[يتن]زل|برح|[يتن]برح|انفك|[يتن]نفك)$")
#: Fixed phrases that contain a negation particle but do not negate anything:
#: «لا سيما» especially, «لا بد» must, «غير أن» however, «لا شك» no doubt → certainly, «لا بأس»
#: fine, «ليس فقط»
#: / «لا فقط» not only, «لا يزال» still (see STILL), «ما لم» unless, «لا تزال» still.
NEGATION_IDIOMS = frozenset({("لا", "سيما"), ("ولا", "سيما"), ("لا", "بد"), ("لا", "بدّ"), ("غير", "أن"),
                             ("بيد", "أن"), ("لا", "شك"), ("ليس", "فقط"), ("لا", "فقط"), ("ما", "لم"),
                             ("غير", "مرة"), ("لا", "يخفى"), ("بلا", "شك"), ("دون", "شك"), ("بدون", "شك"),
                             ("لا", "ريب"), ("بلا", "ريب"), ("لا", "بأس"),
                             # «لمّ الشمل»: a reunion (the verb «لمّ», to gather), no «لم» particle
                             ("لم", "شمل"), ("لم", "الشمل"),
                             # «أليس كذلك؟»: a tag question ("right?", "isn't it?"), it negates nothing
                             ("أليس", "كذلك"), ("أليست", "كذلك"),
                             # fixed expressions of degree, necessity and wholeness: «عدد لا يستهان به»
                             # "a considerable number", «لا يعدو أن يكون» "is merely", «جزء لا يتجزأ»
                             # "an integral part", «لا مفر منه»/«لا محالة» "inevitable(ly)», «لا غنى
                             # عنه» "indispensable", «لا مناص» "unavoidable"
                             ("لا", "يستهان"), ("لا", "يعدو"), ("لا", "تعدو"), ("لا", "يتجزأ"), ("لا", "مفر"),
                             ("لا", "محالة"), ("لا", "غنى"), ("لا", "مناص"),
                             # «دون تغيير» "unchanged", "steady"
                             ("دون", "تغيير"), ("بدون", "تغيير"),
                             # «غير مسبوق» "unprecedented", "record": one adjective
                             ("غير", "مسبوق"), ("غير", "مسبوقة"), ("غير", "مسبوقين"), ("غير", "مسبوقا")})
#: «لا … إلا» / «لم … إلا» / «ليس … إلا» express "only", not a negation.
EXCEPTIVE = frozenset({"إلا", "سوى"})

# -- calendar ----------------------------------------------------------------------------------
#: Weekdays (0 = Monday) with the article, as spelled.
WEEKDAYS = {"الاثنين": 0, "الإثنين": 0, "الاتنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3, "الجمعة": 4,
            "السبت": 5, "الأحد": 6}
#: Month names (0 = January): the Egyptian/Gulf forms and the Levantine/Iraqi ones.
MONTHS = {
    "يناير": 0, "فبراير": 1, "مارس": 2, "أبريل": 3, "إبريل": 3, "ابريل": 3, "مايو": 4, "يونيو": 5, "يونيه": 5,
    "يوليو": 6, "يوليه": 6, "أغسطس": 7, "اغسطس": 7, "سبتمبر": 8, "أكتوبر": 9, "اكتوبر": 9, "نوفمبر": 10,
    "ديسمبر": 11,
    "شباط": 1, "آذار": 2, "اذار": 2, "نيسان": 3, "أيار": 4, "ايار": 4, "حزيران": 5, "تموز": 6, "آب": 7, "اب": 7,
    "أيلول": 8, "ايلول": 8,
}
#: Two-word Levantine months: «كانون الثاني» January, «تشرين الأول» October …
MONTH_PAIRS = {("كانون", "الثاني"): 0, ("تشرين", "الأول"): 9, ("تشرين", "الثاني"): 10, ("كانون", "الأول"): 11}
#: Month names that are also ordinary words (مارس "practised", آب/أب "father", نيسان the car
#: maker, أيار): they count as months only next to a number or after a date cue.
AMBIGUOUS_MONTHS = frozenset({"مارس", "اب", "آب", "نيسان", "ايار", "أيار"})
#: Words that announce a date: «في شهر …», «منذ …», «مطلع …».
DATE_CUES = frozenset({"في", "شهر", "منذ", "حتى", "بحلول", "مطلع", "أواخر", "اواخر", "أوائل", "اوائل", "منتصف",
                       "نهاية", "بداية"})

# -- numbers -----------------------------------------------------------------------------------
#: Cardinal units, masculine and feminine forms, with the construct forms of two.
UNITS: dict[str, float] = {
    "واحد": 1, "واحدة": 1, "أحد": 1, "إحدى": 1,
    "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2,
    "ثلاث": 3, "ثلاثة": 3, "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6, "سبع": 7,
    "سبعة": 7, "ثمان": 8, "ثماني": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9,
    # the feminine-counted forms in the accusative, before a tens word: «خمسًا وعشرين»
    "ثلاثا": 3, "أربعا": 4, "خمسا": 5, "ستا": 6, "سبعا": 7, "تسعا": 9,
}
TEN = ("عشر", "عشرة")
#: Tens in both cases (-ون nominative, -ين oblique).
TENS = {f"{stem}{end}": 10.0 * i for i, stem in enumerate(["", "", "عشر", "ثلاث", "أربع", "خمس", "ست", "سبع",
                                                              "ثمان", "تسع"]) if i >= 2 for end in ("ون", "ين")}
HUNDREDS: dict[str, float] = {"مئة": 100.0, "مائة": 100.0, "مئتان": 200.0, "مئتين": 200.0, "مائتان": 200.0,
                              "مائتين": 200.0, "مئتا": 200.0, "مئتي": 200.0, "مائتا": 200.0, "مائتي": 200.0}
HUNDREDS.update({f"{u}{h}": 100.0 * v for u, v in (("ثلاث", 3), ("أربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7),
                                                   ("ثمان", 8), ("ثماني", 8), ("تسع", 9)) for h in ("مئة", "مائة")})
#: Scale words: singular, plural and the accusative -ًا forms.
#: «بليون/بلايين» is the billion of UN and Levantine usage (and of MT trained on UN documents).
SCALES = {"ألف": 1e3, "آلاف": 1e3, "ألفا": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليونا": 1e6, "مليار": 1e9,
          "مليارات": 1e9, "مليارا": 1e9, "بليون": 1e9, "بلايين": 1e9, "بليونا": 1e9, "تريليون": 1e12,
          "تريليونات": 1e12, "تريليونا": 1e12}
#: Dual scale words: «ألفان» two thousand, «مليونا» in construct …
DUAL_SCALES = {"ألفين": 2e3, "ألفان": 2e3, "ألفي": 2e3, "مليونين": 2e6, "مليونان": 2e6, "مليوني": 2e6,
               "مليارين": 2e9, "ملياران": 2e9, "ملياري": 2e9, "بليونين": 2e9, "بليونان": 2e9, "بليوني": 2e9}
#: Ordinals (masculine and feminine), without the article; «الحادي عشر» 11th is «حادي» + TEN.
ORDINALS = {"أول": 1, "أولى": 1, "حادي": 11, "حادية": 11, "ثاني": 2, "ثانية": 2, "ثالث": 3, "ثالثة": 3,
            "رابع": 4, "رابعة": 4, "خامس": 5, "خامسة": 5, "سادس": 6, "سادسة": 6, "سابع": 7, "سابعة": 7,
            "ثامن": 8, "ثامنة": 8, "تاسع": 9, "تاسعة": 9, "عاشر": 10, "عاشرة": 10}
#: Fractions, multiples and vague plurals: values that may confirm a number, never contradict one.
SUPPORT = {"نصف": (0.5,), "ثلث": (1 / 3,), "ربع": (0.25,), "خمس": (0.2,), "ضعف": (2.0,), "ضعفي": (2.0,),
           "مرتين": (2.0,), "عشرات": (10.0, 12.0), "مئات": (100.0,), "آلاف": (1e3,), "ملايين": (1e6,),
           "عقد": (10.0,), "عقود": (10.0,), "قرن": (100.0,)}
#: Bare number forms that are also common words: «ست» "lady", «سبع» "lion", «تسع» "holds», «خمس»
#: "a fifth", «عشر» "a tenth", «ثمان».
AMBIGUOUS_NUMBERS = frozenset({"ست", "سبع", "تسع", "خمس", "ثمان", "عشر", "ستا", "سبعا", "تسعا", "خمسا"})
#: Weekdays named after numbers («الاثنين» Monday, «الأحد» Sunday): not numbers with the article.
NUMBER_WEEKDAYS = frozenset({"اثنين", "أحد"})

# -- money and measures ------------------------------------------------------------------------
CURRENCIES = {
    "دولار": "dollar", "دولارات": "dollar", "دولارا": "dollar", "يورو": "euro", "جنيه": "pound",
    "جنيهات": "pound", "جنيها": "pound", "استرليني": "pound", "ين": "yen", "يوان": "yuan",
    "ريال": "riyal", "ريالات": "riyal", "ريالا": "riyal", "درهم": "dirham", "دراهم": "dirham",
    "درهما": "dirham", "دينار": "dinar", "دنانير": "dinar", "دينارا": "dinar", "ليرة": "lira",
    "ليرات": "lira", "روبية": "rupee", "فرنك": "franc", "روبل": "rouble", "شيكل": "shekel",
}
MEASURES = {
    "كم": "km", "كلم": "km", "كيلومتر": "km", "كيلومترات": "km", "كيلومترا": "km",
    "ميل": "mile", "أميال": "mile", "ميلا": "mile",
    "متر": "m", "أمتار": "m", "مترا": "m", "قدم": "ft", "أقدام": "ft",
    "كغ": "kg", "كلغ": "kg", "كيلوغرام": "kg", "كيلوجرام": "kg", "كيلوغرامات": "kg",
    "رطل": "lb", "أرطال": "lb", "لتر": "litre", "ليتر": "litre", "لترات": "litre",
    "غالون": "gallon", "جالون": "gallon", "هكتار": "hectare", "هكتارات": "hectare",
    "فهرنهايت": "F", "مئوية": "C",
    "بوصة": "in", "بوصات": "in", "إنش": "in", "إنشات": "in", "سم": "cm", "سنتيمتر": "cm", "سنتيمترات": "cm",
    "سنتيمترا": "cm", "سنتيمتراً": "cm",
}
#: Units of time after a number, as :data:`mtqa.lang.english.DURATIONS` counts them («ثانية» is
#: left out: it is also the ordinal "second").
DURATIONS = {
    **dict.fromkeys(("دقيقة", "دقائق"), ("minutes", 1)),
    **dict.fromkeys(("ساعة", "ساعات"), ("minutes", 60)),
    **dict.fromkeys(("يوم", "يوما", "أيام"), ("minutes", 1440)),
    **dict.fromkeys(("أسبوع", "أسبوعا", "أسابيع"), ("minutes", 10080)),
    **dict.fromkeys(("شهر", "شهرا", "أشهر", "شهور"), ("months", 1)),
    **dict.fromkeys(("سنة", "سنوات", "سنين", "عام", "عاما", "أعوام"), ("months", 12)),
    **dict.fromkeys(("عقد", "عقود"), ("months", 120)),
}


def normed(table: Mapping[str, _V]) -> dict[str, _V]:
    """A table keyed by the matching forms of its words (written tables use ة, ى and hamza)."""
    from mtqa.text.normalize import normalize_ar  # lazy: the text layer imports this module

    return {normalize_ar(k): v for k, v in table.items()}


def normed_set(words: Iterable[str]) -> frozenset[str]:
    """The matching forms of a set of words."""
    from mtqa.text.normalize import normalize_ar

    return frozenset(normalize_ar(w) for w in words)


#: English qualifiers and hedges → the Arabic words that render them (any one will do). A
#: translation that drops the qualifier states more than the source ("only 3" → "3", "nearly
#: all" → "all"). Multi-word Arabic renderings are written as they stand; matching is on
#: normalised text, clitics allowed («وأيضا», «بنحو»).
QUALIFIERS: dict[str, tuple[str, ...]] = {
    "only": ("فقط", "إلا", "سوى", "وحده", "وحدها", "وحدهم", "وحدهما", "مجرد", "فحسب", "بمفرده", "بمفردها",
             "لا غير", "اقتصر", "يقتصر", "تقتصر", "مقتصرا", "الوحيد", "الوحيدة", "الوحيدين", "الوحيدون",
             "الوحيدان", "الوحيدتان",
             # «لم يعلم أحد غير …» "nobody other than …": "only …"
             "أحد غير", "أحدا غير", "شيء غير", "شيئا غير"),
    "also": ("أيضا", "كذلك", "كما", "أيضاً", "بدوره", "بدورها", "بدورهم", "إضافة", "بالإضافة", "علاوة"),
    "at least": ("الأقل", "الأدنى", "لا يقل", "لا تقل", "أقل ما"),
    # «كاد»/«أوشك» and «على وشك» ("was almost done": «كدنا ننتهي») in every person: the word must
    # stand whole; «يقارب» "comes close to", «أشبه» "more like" ("almost like")
    "nearly": ("تقريبا", "نحو", "حوالي", "حوالى", "قرابة", "ما يقرب", "ما يقارب", "يكاد", "تكاد", "كاد", "كادت",
               "كادوا", "كدت", "كدنا", "أكاد", "نكاد", "يكادون", "زهاء", "يناهز", "شبه", "أوشك", "يوشك", "توشك",
               "أوشكت", "أوشكنا", "أوشكوا", "نوشك", "وشك", "يقارب", "تقارب", "قارب", "قاربت", "أشبه"),
    "about": ("تقريبا", "نحو", "حوالي", "حوالى", "قرابة", "ما يقرب", "ما يقارب", "زهاء", "يناهز", "تناهز", "قراب",
              "يقارب", "تقارب", "قارب", "قاربت"),
    "more than": ("أكثر", "يزيد", "تزيد", "يتجاوز", "تتجاوز", "يفوق", "تفوق", "أزيد", "فوق", "يربو", "تربو",
                  "ما يزيد", "أعلى"),
    "less than": ("أقل", "دون", "يقل", "تقل", "أدنى", "لا يتجاوز", "لا تتجاوز", "لا يزيد", "لا تزيد",
                  "على الأكثر", "كحد أقصى", "بحد أقصى"),
}
#: Bounds on a quantity, by direction: a lower bound of the source ("at least 12", "more than 40")
#: rendered as an upper one («على الأكثر», «أقل من»), or the reverse, states the opposite claim.
#: The qualifiers of :data:`QUALIFIERS` that bound (their direction, a rendering to suggest), and the
#: Arabic phrases of each direction.
BOUND_QUALIFIERS = {"at least": ("lower", "على الأقل"), "more than": ("lower", "أكثر من"),
                    "less than": ("upper", "أقل من")}
BOUND_PHRASES = {
    "lower": ("على الأقل", "كحد أدنى", "بحد أدنى", "حدا أدنى", "لا يقل", "لا تقل", "أكثر من", "ما يزيد", "يزيد على",
              "يزيد عن", "تزيد على", "تزيد عن", "يفوق", "تفوق", "يربو", "تربو"),
    "upper": ("على الأكثر", "كحد أقصى", "بحد أقصى", "حدا أقصى", "لا يزيد", "لا تزيد", "لا يتجاوز", "لا تتجاوز",
              "أقل من", "ما دون"),
}
#: English spellings of each qualifier; those marked ``+num`` qualify only a number that follows
#: ("about 30", "over 2,000"; "about the plan" and "over the border" are not qualifiers); ``!``
#: leaves out idioms where the word restricts nothing ("if only", "only to find", "only just",
#: "not only … but", "only as strong as"); ``~`` counts only right after a word ("ten days or so"),
#: never opening a clause ("Or so it seemed").
QUALIFIERS_EN: dict[str, tuple[str, ...]] = {
    "only": ("only!", "merely", "solely"),
    "also": ("also",),
    "at least": ("at least", "no fewer than", "no less than"),
    "nearly": ("nearly", "almost", "virtually"),
    "about": ("about+num", "around+num", "approximately", "roughly", "some+num", "an estimated", "or so~"),
    "more than": ("more than+num", "over+num", "upwards of", "in excess of", "above+num"),
    "less than": ("less than+num", "fewer than+num", "under+num", "below+num", "at most", "no more than"),
}
