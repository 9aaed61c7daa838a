"""Numbers, currencies, units and dates: cases that must be flagged and cases that must not."""

from __future__ import annotations

import pytest

from mtqa.api import Checker
from mtqa.config import Config
from mtqa.lang.numwords import arabic_number_words
from mtqa.lang.quantities import arabic_dates, arabic_quantities, english_quantities

RULES = ("number-mismatch", "currency-unit-mismatch", "date-mismatch")


def flags(target: str, source: str, bt: str | None = None) -> list[tuple[str, str, str]]:
    report = Checker(Config(use_model=False)).check(target=[target], source=[source],
                                                     backtranslation=[bt] if bt else None)
    return [(f.rule, f.text, f.severity) for d in report.documents for f in d.all_flags if f.rule in RULES]


@pytest.mark.parametrize(("source", "target", "expected"), [
    ("The rate rose to 21.25% on Thursday.", "ارتفع السعر إلى 25.21% يوم الخميس.",
     [("number-mismatch", "25.21%", "critical")]),
    ("The government secured a $3 billion loan.", "حصلت الحكومة على قرض بقيمة 3 ملايين دولار.",
     [("number-mismatch", "3 ملايين دولار", "critical")]),
    ("The government secured a $3 million loan.", "حصلت الحكومة على قرض بقيمة 3 بلايين دولار.",
     [("number-mismatch", "3 بلايين دولار", "critical")]),
    ("More than 600 people were injured.", "أصيب أكثر من 6000 شخص.",
     [("number-mismatch", "6000", "critical")]),
    ("The ceiling is 1% of turnover.", "يبلغ السقف ١٠٪ من حجم الأعمال.",
     [("number-mismatch", "١٠٪", "critical")]),
    ("The firm was fined 42 million euros.", "غُرّمت الشركة 42 مليون دولار.",
     [("currency-unit-mismatch", "42 مليون دولار", "critical")]),
    ("The pound fell to 48.6 per dollar.", "تراجع الجنيه إلى 48.6 يورو للدولار.",
     [("currency-unit-mismatch", "48.6 يورو", "critical")]),
    ("The quake struck at a depth of 10 km.", "وقع الزلزال على عمق 10 أميال.",
     [("currency-unit-mismatch", "10 أميال", "major")]),
    ("The bank raised rates on Thursday.", "رفع البنك أسعار الفائدة يوم الثلاثاء.",
     [("date-mismatch", "يوم الثلاثاء", "critical")]),
    ("The meeting is scheduled for May 23.", "ومن المقرر عقد الاجتماع في 23 يونيو.",
     [("date-mismatch", "يونيو", "critical")]),
    ("Talks resume in March.", "تُستأنف المحادثات في نيسان.", [("date-mismatch", "نيسان", "critical")]),
])
def test_flags_wrong_numbers_and_dates(source: str, target: str, expected: list[tuple[str, str, str]]) -> None:
    assert flags(target, source) == expected


@pytest.mark.parametrize(("source", "target"), [
    ("The rate rose to 21.25% on Thursday.", "ارتفع السعر إلى ٢١٫٢٥٪ يوم الخميس."),
    ("Some 2,300 rescuers and 9,000 blankets were sent.", "أُرسل نحو 2300 مسعف و9000 بطانية."),
    ("It killed more than 53,000 people and about 6,000 in Syria.",
     "أودى بحياة أكثر من 53 ألف شخص ونحو 6 آلاف في سوريا."),
    ("Inflation is running above 30%.", "يتجاوز التضخم 30 في المئة."),
    ("The city has 1.5 million residents.", "يبلغ عدد سكان المدينة 1.5 مليون نسمة."),
    ("The city has 1.5 million residents.", "يبلغ عدد سكان المدينة مليون ونصف نسمة."),
    ("CAIRO, March 14 - The bank acted on Thursday.", "القاهرة، 14 آذار - تحرك البنك يوم الخميس."),
    ("CAIRO, March 14 - The bank acted on Thursday.", "القاهرة، 14 مارس - تحرك البنك يوم الخميس."),
    ("The quake hit at 4:17 a.m. (0117 GMT) at a depth of 10 km.",
     "وقع الزلزال في الساعة 4:17 صباحاً (01:17 بتوقيت غرينتش) على عمق 10 كيلومترات."),
    ("Only three of 14 economists expected it.", "لم يتوقع ذلك سوى ثلاثة من أصل 14 خبيراً."),
    ("Three economists expected it.", "توقع ذلك 3 خبراء."),
    ("The fund lent $3 billion.", "أقرض الصندوق 3 مليارات دولار."),
    ("The pound weakened to 48.6 per dollar.", "تراجع الجنيه إلى 48.6 جنيه للدولار."),
    ("The company had trained its Lumo-3 model.", "درّبت الشركة نموذجها لومو-3."),
    ("He practised law for years.", "مارس المحاماة لسنوات."),
])
def test_does_not_flag_matching_numbers(source: str, target: str) -> None:
    assert flags(target, source) == []


@pytest.mark.parametrize(("text", "values"), [
    ("$3 billion and 2,300 people", [3e9, 2300.0]),
    ("42 million euros ($45 million)", [42e6, 45e6]),
    ("1,234.5 tonnes", [1234.5]),
])
def test_english_values(text: str, values: list[float]) -> None:
    assert [q.value for q in english_quantities(text) if q.hard] == values


@pytest.mark.parametrize(("text", "values"), [
    ("٣ مليارات دولار و٢٬٣٠٠ شخص", [3e9, 2300.0]),
    ("بنسبة ٢١٫٢٥٪", [21.25]),
    ("53 ألف شخص", [53000.0]),
])
def test_arabic_values(text: str, values: list[float]) -> None:
    assert [q.value for q in arabic_quantities(text) if q.hard] == values


def test_arabic_months_both_calendars() -> None:
    _, months = arabic_dates("بين كانون الثاني ويناير وفي أيلول")
    assert sorted(months) == [0, 8]


def test_ambiguous_month_word_needs_a_date_context() -> None:
    assert arabic_dates("مارس المحاماة لسنوات")[1] == {}
    assert list(arabic_dates("في مارس الماضي")[1]) == [2]


@pytest.mark.parametrize(("source", "target", "expected"), [
    ("The court ordered the clean-up of two rivers.", "أمرت المحكمة بتنظيف ثلاثة أنهار.", "ثلاثة أنهار"),
    ("Five soldiers were killed in the attack.", "قُتل سبعة جنود في الهجوم.", "سبعة جنود"),
    ("3 ministers resigned on Sunday.", "استقال أربعة وزراء يوم الأحد.", "أربعة وزراء"),
    ("Twenty-five people were hurt.", "أصيب ثلاثون شخصاً.", "ثلاثون شخصاً"),
    ("A dozen countries signed the deal.", "وقّعت عشرون دولة على الاتفاق.", "عشرون دولة"),
    ("The vote goes to a second round.", "يذهب التصويت إلى جولة ثالثة.", "ثالثة"),
    ("Eleven players were injured.", "أصيب اثنا عشر لاعباً.", "اثنا عشر لاعباً"),
])
def test_flags_wrong_number_words(source: str, target: str, expected: str) -> None:
    assert flags(target, source) == [("number-mismatch", expected, "critical")]


@pytest.mark.parametrize(("source", "target", "bt"), [
    # a dual noun renders "two"; its back-translation says so
    ("The court ordered the clean-up of two rivers.", "أمرت المحكمة بتنظيف نهرين.",
     "The court ordered the cleaning of two rivers."),
    ("One of the officials said the talks failed.", "قال أحد المسؤولين إن المحادثات فشلت.",
     "One of the officials said the talks failed."),
    ("Two officials met on Monday.", "اجتمع مسؤولان يوم الاثنين.", "Two officials met on Monday."),
    ("It was the first time in two years.", "كانت هذه المرة الأولى منذ عامين.",
     "It was the first time in two years."),
    ("A decade of war left three cities in ruins.", "خلّفت عشر سنوات من الحرب ثلاث مدن مدمرة.",
     "Ten years of war left three cities destroyed."),
    ("Three thousand soldiers and 3,500 police were deployed.",
     "نُشر ثلاثة آلاف جندي وثلاثة آلاف وخمسمئة شرطي.", "Three thousand soldiers and 3,500 police were deployed."),
    ("Twenty-five people died in the 19th century fire.", "توفي خمسة وعشرون شخصاً في حريق القرن التاسع عشر.",
     "Twenty-five people died in the nineteenth century fire."),
    ("I am not sure, two officials said.", "لست متأكداً، قال مسؤولان.", "I am not sure, said two officials."),
    ("Eleven players took part in January.", "شارك أحد عشر لاعباً في كانون الثاني.",
     "Eleven players participated in January."),
    ("He won a four-year term.", "فاز بولاية مدتها أربع سنوات.", "He won a term of four years."),
    ("Half of the 300 homes were lost.", "فُقد نصف المنازل الثلاثمئة.", "Half of the 300 homes were lost."),
])
def test_does_not_flag_matching_number_words(source: str, target: str, bt: str) -> None:
    assert flags(target, source, bt) == []


@pytest.mark.parametrize(("source", "target"), [
    ("It produced nearly 150,000 cars last year.", "وأنتجت نحو 150.000 سيارة العام الماضي."),   # dot thousands
    ("More than 30,000 people crossed.", "عبر أكثر من 30،000 شخص."),                            # Arabic comma
    ("Officials reported 1,051,635 cases.", "أبلغ المسؤولون عن 635 051 1 حالة."),             # reversed groups
    ("More than 42.000 participants joined.", "انضم أكثر من 42000 مشارك."),                    # source dot
    ("It was her 36th meeting.", "كان اجتماعها السادس والثلاثين."),                            # compound ordinal
    ("He was found at 7.55am.", "عثر عليه في الساعة 7.55 صباحا."),                              # time
    ("The rate fell to .08% in May.", "انخفض المعدل إلى .08% في مايو."),                        # leading dot
    ("The 1950-53 war ended.", "انتهت حرب 1950-1953."),                                          # year range
    ('<seg id="1">Arrest made in shooting.', '<seg id="1">اعتقال مشتبه به في إطلاق النار.'),  # markup
    # digits of a web or e-mail address or a handle are no amounts, on either side
    ("The report is online for all.", "التقرير متاح على https://example.org/news/2024/report.html للجميع."),
    ("Write to desk2024@example.org or see www.example.org/7.", "راسلوا المكتب أو تابعوا @desk_24 للمزيد."),
    # «بليون/بلايين» is a billion as much as «مليار/مليارات» (UN usage)
    ("The fund lent $4.6 billion to the port.", "وأقرض الصندوق الميناء 4.6 بلايين دولار."),
    ("The fund lent $2 billion to the port.", "وأقرض الصندوق الميناء بليوني دولار."),
    # reversed digit groups beside a percentage written «في المائة»: neither is a number word
    ("The city will cover 70% of the fees, up to £3,400 a year.",
     "وستغطي المدينة 70 في المائة من الرسوم بحد أقصى 400 3 جنيه استرليني سنوياً."),
])
def test_number_formats_are_not_mismatches(source: str, target: str) -> None:
    assert [r for r, *_ in flags(target, source) if r == "number-mismatch"] == []


@pytest.mark.parametrize(("target", "expected"), [
    # the source number rendered in the other sentence is rendered: the wrong one pairs with 40
    ('"باعت الشركة 300 سيارة". قال المدير يوم الاثنين إنه تم تعيين 45 موظفا.',
     [("number-mismatch", "45", "critical")]),
    ('"باعت الشركة 30 سيارة". قال المدير يوم الاثنين إنه تم تعيين 40 موظفا.',
     [("number-mismatch", "30", "critical")]),
    ('"باعت الشركة 300 سيارة". قال المدير يوم الاثنين إنه تم تعيين 40 موظفا.', []),
])
def test_a_source_sentence_rendered_as_two_arabic_sentences_is_one_set_of_numbers(
        target: str, expected: list[tuple[str, str, str]]) -> None:
    source = "“The company sold 300 cars,” the director said on Monday, adding that 40 staff were hired."
    assert flags(target, source) == expected


@pytest.mark.parametrize(("text", "values"), [
    ("ارتفعت الأسعار 12 في المائة", []),      # "per cent", not a hundred of something
    ("ارتفعت الأسعار عشرين بالمئة", [20.0]),
    ("وصلت المائة سفينة إلى الميناء", [100.0]),  # a hundred ships
])
def test_arabic_percent_word_is_no_hundred(text: str, values: list[float]) -> None:
    assert [w.value for w in arabic_number_words(text)] == values


@pytest.mark.parametrize(("source", "target"), [
    # a measure the translator converted, rounded
    ("The storm moved 200 miles inland.", "تقدمت العاصفة 320 كيلومترا في الداخل."),
    ("Winds reached 90 mph.", "بلغت سرعة الرياح 145 كيلومترا في الساعة."),
    ("Temperatures hit 95 degrees Fahrenheit.", "بلغت درجات الحرارة 35 درجة مئوية."),
    ("The tower is 1,000 feet tall.", "يبلغ ارتفاع البرج 305 أمتار."),
    ("Four inches of snow fell.", "تساقط 10 سنتيمترات من الثلج."),
    # an amount in two parts joined by «و»
    ("The bridge will cost $2.4 billion.", "سيكلف الجسر ملياري و400 مليون دولار."),
    ("The bridge will cost $1.3 billion.", "سيكلف الجسر مليار و300 مليون دولار."),
    ("The app has 4.2 million users.", "يستخدم التطبيق 4 ملايين و200 ألف شخص."),
    # the dual in construct, the feminine accusative before a tens word, a fraction of a scale
    ("Two thousand workers went on strike.", "أضرب ألفا عامل."),
    ("The agency counted 35 injuries.", "أحصت الوكالة خمسا وثلاثين إصابة."),
    ("The deal is worth $250 million.", "تبلغ قيمة الصفقة ربع مليار دولار."),
    ("Half a million people signed.", "وقّع 500 ألف شخص."),
    # dates and times written in digits, a season in full, a pound that Arabic calls a lira
    ("The vote was held on June 9, 2024.", "جرى التصويت في 9/6/2024."),
    ("The vote was held on June 9, 2024.", "جرى التصويت في 2024-06-09."),
    ("The market closes at 4 p.m.", "تغلق السوق الساعة 16:00."),
    ("The 2022/23 season ended.", "انتهى موسم 2022/2023."),
    ("The ticket costs 8,000 Lebanese pounds.", "يبلغ سعر التذكرة 8 آلاف ليرة لبنانية."),
    # a measure converted and written in words; a duration counted in other units
    ("The bridge is 10 feet high.", "يبلغ ارتفاع الجسر ثلاثة أمتار."),
    ("The road is 10 miles long.", "يبلغ طول الطريق ستة عشر كيلومترا."),
    ("Talks will last 72 hours.", "ستستمر المحادثات ثلاثة أيام."),
    ("The ceasefire held for 72 hours.", "صمدت الهدنة 3 أيام."),
    ("A 48-hour strike began at dawn.", "بدأ إضراب لمدة يومين عند الفجر."),
    ("The 72-hour truce began at dawn.", "بدأت الهدنة التي تستمر ثلاثة أيام عند الفجر."),
    ("He served two years in prison.", "قضى 24 شهرا في السجن."),
    ("The project took six weeks.", "استغرق المشروع 42 يوما."),
    # an eleventh in words, a date known by its digits, a Hijri date beside the Gregorian one
    ("The 11th round starts today.", "تبدأ الجولة الحادية عشرة اليوم."),
    ("The attacks of 9/11 changed the city.", "غيرت هجمات الحادي عشر من سبتمبر المدينة."),
    ("The festival opens on 15 March 2024.", "يفتتح المهرجان في 5 رمضان 1445 هـ الموافق 15 مارس 2024."),
    ("The decree was issued on Monday.", "صدر المرسوم يوم الاثنين 12 ربيع الأول 1446 هـ."),
    ("The museum opened in 2019.", "افتتح المتحف عام 2019 الموافق 1440 هجرية."),
    # millions glued to the number; a Roman numeral in a name, rendered in digits
    ("The video has 2.3M views.", "حصد الفيديو 2.3 مليون مشاهدة."),
    ("Her account has 14M followers.", "يتابع حسابها 14 مليون شخص."),
    ("Shares of 3M rose.", "ارتفعت أسهم شركة 3M."),
    ("The agency postponed the Artemis II mission.", "أرجأت الوكالة مهمة أرتميس 2."),
    ("The studio said Grand Theft Auto VI would be released next year.",
     "قال الاستوديو إن لعبة غراند ثفت أوتو 6 ستصدر العام المقبل."),
])
def test_equivalent_numbers_written_other_ways_are_not_mismatches(source: str, target: str) -> None:
    assert flags(target, source) == []


@pytest.mark.parametrize(("source", "target", "flagged"), [
    ("The storm moved 200 miles inland.", "تقدمت العاصفة 500 كيلومتر في الداخل.", "500 كيلومتر"),
    ("The storm moved 200 miles inland.", "تقدمت العاصفة 200 كيلومتر في الداخل.", "200 كيلومتر"),  # not converted
    ("The bridge will cost $2.4 million.", "سيكلف الجسر ملياري و400 مليون دولار.", "400 مليون دولار"),
    ("Three thousand workers went on strike.", "أضرب ألفا عامل.", "ألفا عامل"),
    ("Half a million people signed.", "وقّع نصف مليار شخص.", "نصف مليار شخص"),
    ("The market closes at 4 p.m.", "تغلق السوق الساعة 18:00.", "18"),
    ("The road is 10 miles long.", "يبلغ طول الطريق ثلاثين كيلومترا.", "ثلاثين كيلومترا"),
    ("The ceasefire held for 72 hours.", "صمدت الهدنة 4 أيام.", "4"),
    ("The ceasefire held for 72 hours.", "صمدت الهدنة ثلاثة أسابيع.", "ثلاثة أسابيع"),
    ("He served two years in prison.", "قضى 18 شهرا في السجن.", "18"),
    ("The 11th round starts today.", "تبدأ الجولة الثانية عشرة اليوم.", "الثانية عشرة"),
    ("The festival opens on 15 March 2024.", "يفتتح المهرجان في 5 مارس 2024.", "5"),
    ("Her account has 14M followers.", "يتابع حسابها 14 ألف شخص.", "14 ألف"),
    ("Her account has 14M followers.", "يتابع حسابها 41 مليون شخص.", "41 مليون"),
    ("The agency postponed the Artemis II mission.", "أرجأت الوكالة مهمة أرتميس 3.", "3"),
])
def test_conversions_and_compound_amounts_still_catch_wrong_numbers(source: str, target: str, flagged: str) -> None:
    assert flagged in [text for _, text, _ in flags(target, source)]


@pytest.mark.parametrize(("target", "expected"), [
    ("وقع الزلزال ليل الاثنين الثلاثاء.", []),          # "Monday night": the night runs into Tuesday
    ("وقع الزلزال ليلة الاثنين إلى الثلاثاء.", []),
    ("وقع الزلزال ليل الاثنين الأربعاء.", [("date-mismatch", "الأربعاء", "critical")]),  # not the next day
    ("وقع الزلزال صباح الثلاثاء.", [("date-mismatch", "الثلاثاء", "critical")]),
])
def test_a_night_names_the_day_it_runs_into(target: str, expected: list[tuple[str, str, str]]) -> None:
    assert flags(target, "The earthquake struck on Monday night.") == expected


def test_a_figure_in_the_source_s_own_unit_is_not_excused_as_a_conversion() -> None:
    # the source gives both units; the Arabic keeps the miles and transposes their digits
    assert ("number-mismatch", "479 ميلا", "critical") in flags(
        "بلغت سرعة الموجة 800 كيلومتر في الساعة (479 ميلا).", "The wave travelled at 800 kph (497 mph).")
