"""The model-free negation check: source cues counted against Arabic particles (hand-made cases)."""

from __future__ import annotations

import pytest

import mtqa
from mtqa.lang.negation import arabic_negations, negation_allowance, negation_licences

CFG = mtqa.Config(use_model=False, cache=False)


def _flags(target: str, source: str) -> list[tuple[str, str]]:
    report = mtqa.check(target=[target], source=[source], config=CFG)
    return [(f.text, f.evidence["signal"]) for f in report.iter_flags() if f.rule == "negation-mismatch"]


@pytest.mark.parametrize(("text", "particles"), [
    ("لا يزال الوضع متوترا.", []),                         # «لا يزال»: still
    ("وتضررت المدن لا سيما العاصمة.", []),                 # «لا سيما»: especially
    ("غير أن الحكومة رفضت.", ["رفضت"]),                   # «غير أن»: however; «رفضت»: a negative verb
    ("وغيرها من المدن.", []),                              # «غيرها»: other than
    ("غيّر اسمه.", []),                                    # the verb «غيّر»
    ("قال إنه لن يستقيل بعدم رضاه.", ["لن", "عدم"]),
    ("وخرج دونها.", ["دون"]),                              # «دون» with a pronoun
])
def test_arabic_negation_cues(text: str, particles: list[str]) -> None:
    assert [n.particle for n in arabic_negations(text, strict=True)] == particles


@pytest.mark.parametrize(("text", "alternative", "bound"), [
    ("وسألوه هل سيأتي أم لا.", [True], [False]),                 # «أم لا»: "or not", ending the line
    ("ما إذا كان مريضًا أم لا، قيد الفحص.", [True], [False]),     # … before a comma
    ("سواء أم لا يعرف أحد.", [False], [False]),                   # «لا» negating the next verb
    ("وقد شارك ما لا يقل عن عشرة أشخاص.", [False], [True]),      # «لا يقل عن»: at least
    ("وهو لا يقبل العرض.", [False], [False]),
])
def test_arabic_cues_that_negate_no_clause(text: str, alternative: list[bool], bound: list[bool]) -> None:
    cues = arabic_negations(text)
    assert [c.alternative for c in cues] == alternative
    assert [c.bound for c in cues] == bound


@pytest.mark.parametrize(("text", "words"), [
    # the negative prefixes make adjectives, adverbs, their nouns and participles …
    ("an inaccurate, indirectly stated, inactivated and dishonest view", ["inaccurate", "indirectly", "inactivated",
                                                                         "dishonest"]),
    ("an atypical case of instability and illicit trade", ["atypical", "instability", "illicit"]),
    ("unwashed hands and non-Zorbian residents", ["unwashed", "non-zorbian"]),
    # … words that only begin like them do not license a particle
    ("injuries inland increased the disease; we discussed the income and were arising", []),
    # "anti-" words are rendered «مضاد», not with a particle
    ("an antiviral and anti-fraud drive", []),
    # "has yet to" is "not yet"
    ("The date has yet to be set.", ["yet"]),
])
def test_licences(text: str, words: list[str]) -> None:
    assert [lic.word for lic in negation_licences(text)] == words


def test_words_rendered_with_a_particle_are_allowed_for() -> None:
    assert negation_allowance("It made 16 non-structural proteins.") == 1
    assert negation_allowance("Only two were homeless.") == 2
    assert negation_allowance("The talks went well.") == 0


@pytest.mark.parametrize(("target", "source", "expected"), [
    # the negated predicate found by the lexicon: "not *known*" «معروفة»
    ("الأسباب الدقيقة لهذه الظاهرة معروفة حتى الآن.", "The exact reasons for this are not known yet.", "معروفة"),
    # the auxiliary that carried "n't" («يمكننا»); "can't just" is a negation, not "not just"
    ("يمكننا الاعتماد على اللغة الإنجليزية وحدها.", "We can't just rely on English alone.", "يمكننا"),
    # "No-one" is a negation like "no one"; the verb is found through a light-verb rendering
    ("وقالت: \"يعرف أحد ما حدث\".", "\"No-one knew what happened,\" she said.", "يعرف"),
    # "no one can": the modal carries it; «ينكر» renders "deny", not the lost "no"
    ("يمكن لأحد أن ينكر أن الفريق استحقه.", "No one can deny that the team deserved it.", "يمكن"),
    # "showed no spread": the verb before "no"
    ("تظهر المناشف الورقية أي انتشار للجراثيم.", "Paper towels showed no spread of germs.", "تظهر"),
    # "had no symptoms": the noun found, with the verb that governs it
    ("وقالت إن المريض تظهر عليه أي أعراض بعد الفحص.", "She said the patient had no symptoms after the test.", "تظهر"),
    # a passive: Arabic puts the verb first in its clause
    ("يتم الإبلاغ عن حالات تهيج في المنطقة خلال الأسبوع الماضي.",
     "Irritation was not reported in the area over the past week.", "يتم"),
    # the verb moved to the front of the line; «نفسها» (itself) is no bare jussive
    ("ويُعرف ما إذا كان الدواء يحقق الفائدة نفسها.", "Whether the drug brings the same benefit is not known.",
     "ويُعرف"),
    # "whether … or not": the «أم» the lost «لا» followed
    ("وتجري الاختبارات لجميع السكان، سواء ظهرت عليهم أعراض أم على اعتبار الظروف.",
     "Tests are done on the whole population, whether showing symptoms or not, all else being equal.", "أم"),
    # "has no time": «ليس هناك وقت»
    ("وفي الحقيقة، هناك أي وقت أمام المدير للعلامة التجارية.", "In fact, the director has no time for the brand.", "هناك"),
    # "not going to give": the verb after "going to"
    ("وهذا ما نمنحهم إياه.", "And that is what we are not going to give them.", "نمنحهم"),
    # "might not be": the copula «تكون»
    ("قد تكون الخفافيش المضيف المباشر للفيروس.", "Bats might not be the direct host of the virus.", "تكون"),
])
def test_a_lost_negation_is_flagged_on_the_word_that_lost_it(target: str, source: str, expected: str) -> None:
    flags = _flags(target, source)
    assert [signal for _, signal in flags] == ["dropped"]
    assert expected in [w.strip("\"،:") for w in flags[0][0].split()], flags
    assert len(flags[0][0].split()) <= 4


@pytest.mark.parametrize(("target", "source", "expected"), [
    # a negation lost: flagged on the verb that lost it, with the word before it
    ("وقال الوزير إن الحكومة توفر استشارات للقوات.", "The minister said the government does not provide advice to the forces.",
     [("الحكومة توفر", "dropped")]),
    # a negation added where the source has none
    ("وقال الوزير إن الحكومة لا تدعم الخطة.", "The minister said the government supports the plan.",
     [("لا تدعم", "added")]),
    # "or not" in the Arabic («أم لا») is no rendering of the source's "not"
    ("وسألوا ما إذا كان سيحضر أم لا، لكنه يرد على الرسائل.",
     "They asked whether he would attend, but he did not answer the messages.", [("لكنه يرد", "dropped")]),
    # a word that only looks prefixed ("injuries") licenses no «غير»
    ("وأصيب الرجل بجروح في الجزء غير العلوي من جسمه.", "The man suffered injuries to his upper body.",
     [("غير العلوي", "added")]),
    # «ما لم» renders "unless": it is not the rendering of the source's "not"
    ("قد تكون الخفافيش هي المصدر ما لم يعثر العلماء على دليل آخر.",
     "Bats may not be the source unless scientists find other evidence.", [("قد تكون", "dropped")]),
    # «لن … إلا إذا» renders "only … if"; the "not" of the first clause is lost
    ("إنها مهمة سهلة، لكنني لن أكون سعيدًا إلا إذا فاز الفريق.",
     "It is not an easy task, but I will only be happy if the team wins.", [("مهمة سهلة", "dropped")]),
    # "not only … but also" rendered «… فحسب، بل» with no negation: "only"
    ("وقال إن التطبيق يرسل تنبيهًا فحسب، بل يبلغ الطبيب أيضًا.",
     "He said the app not only sends an alert, it also informs the doctor.", [("التطبيق يرسل", "dropped")]),
    # "no soap" rendered «دون صابون», turned into «مع صابون»
    ("ويغسل الناس أيديهم بالماء مع صابون في الطقوس الدينية.",
     "People wash their hands with water and no soap in religious rites.", [("بالماء مع", "dropped")]),
    # «فلا» is a particle even when the source names a "Las …" («لاس فيغاس»)
    ("وقع الحادث في فندق في لاس فيغاس فلا يعرف أحد ما حدث.",
     "The incident happened at a hotel in Las Vegas and everyone knows what happened.", [("فلا يعرف", "added")]),
    # "especially" renders «لا سيما», not a negated verb
    ("وخصوصًا لا يمكن للبروتين مساعدة الخلية.", "Especially, the protein can help the cell.", [("لا يمكن", "added")]),
    # "non-" licenses a nominal «غير», not a negated verb
    ("وتقدم البعثة دعمًا لا يشمل القتال.", "The mission gives non-combat support.", [("لا يشمل", "added")]),
    # a jussive left bare («يكن» stands after «لم»): that is where the particle was lost
    ("وقالت الشرطة إنه يكن في منزله يوم الحادث.", "Police said he was not at home on the day of the attack.",
     [("إنه يكن", "dropped")]),
    # a prefix word next to «غير» takes it; the source's "not" is then left without a negation
    ("وأشار بشكل غير مباشر إلى أن الخطة تم تنفيذها.", "He said indirectly that the plan was not carried out.",
     [("تم تنفيذها", "dropped")]),
])
def test_flags_lost_and_added_negations(target: str, source: str, expected: list[tuple[str, str]]) -> None:
    assert _flags(target, source) == expected


@pytest.mark.parametrize(("target", "source"), [
    ("وقال الوزير إن الحكومة لا توفر استشارات.", "The minister said the government does not provide advice."),
    ("وقال إن الوضع لا يزال متوترا.", "He said the situation remained tense."),
    ("وهي منظمة غير ربحية.", "It is a non-profit organisation."),
    ("ولم يبق إلا يومان.", "Only two days are left."),
    ("وهي بعثة غير قتالية.", "It is a non-combat mission."),
    ("لم أستطع المشي.", "I could not walk."),                            # the negated verb first
    ("المريض لم تظهر عليه أعراض.", "The patient was asymptomatic."),      # a prefix word, a negated verb
    ("وأصيب المريض بقصور في الكلى.", "The patient developed kidney failure."),  # a negative noun, no particle
    ("أنا ممتن للغاية لكم جميعًا.", "I couldn’t be more grateful to you all."),  # a positive idiom
    ("ولم يصل إلا يوم الجمعة.", "He did not arrive until Friday."),
    ("الخروج بدون اتفاق يبدأ في مارس.", "The no-deal exit starts in March."),
    ("فلا بأس بذلك.", "That is fine."),                                   # «لا بأس»: fine
    ("لا أحد يستطيع أن ينكر النتيجة.", "No one can deny the result."),
    ("رفضت العرض ولم تعلق عليه.", "She refused the offer and did not comment on it."),
    ("ويستغرق الغسل ما لا يقل عن عشرين ثانية.", "Washing takes at least twenty seconds."),   # a bound
    ("ويستغرق الغسل عشرين ثانية على الأقل، ولا يقل عن ذلك.", "Washing takes a minimum of twenty seconds."),
    ("المسؤولون لم يقرروا بعد.", "Officials have yet to decide."),                           # "yet to"
    ("هذا المنظف ليس ذا أساس مائي.", "This cleaner is non-water-based."),                   # «ليس ذا»
    ("سألنا هل سيحضر أم لا.", "We asked whether he would attend."),                           # «أم لا»
    ("قد لا تكون الخفافيش المصدر ما لم يعثر العلماء على دليل.", "Bats may not be the source unless scientists find evidence."),
    ("وقال إن التطبيق لا يرسل تنبيهًا فحسب، بل يبلغ الطبيب أيضًا.",
     "He said the app not only sends an alert, it also informs the doctor."),
    ("وقال إن التطبيق ليس للتنبيه فقط.", "He said the app is not just for alerts."),
    ("لن أكون سعيدًا إلا إذا فاز الفريق.", "I will only be happy if the team wins."),
])
def test_faithful_renderings_are_not_flagged(target: str, source: str) -> None:
    assert _flags(target, source) == []


def test_alone_it_is_minor_and_a_back_translation_flip_confirms_it() -> None:
    target = ["وقال الوزير إن الحكومة توفر استشارات للقوات."]
    source = ["The minister said the government does not provide advice to the forces."]
    alone = mtqa.check(target=target, source=source, config=CFG)
    assert {f.severity for f in alone.iter_flags() if f.rule == "negation-mismatch"} == {"minor"}
    both = mtqa.check(target=target, source=source, config=CFG,
                      backtranslation=["The minister said the government provides advice to the forces."])
    flipped = [f for f in both.iter_flags() if f.category == "mistranslation" and f.severity == "critical"]
    assert flipped, [(f.rule, f.text, f.severity) for f in both.iter_flags()]
    assert {flipped[0].rule, *(a["rule"] for a in flipped[0].evidence.get("also", ()))} >= {
        "negation-mismatch", "polarity-flip"}


def test_pairing_distances_are_the_rules_parameters() -> None:
    # «بشكل غير مباشر» renders "indirectly": paired at the default distances, an added negation when
    # the configuration allows no distance at all (invented sentence)
    target, source = ["وجرت المحادثات بشكل غير مباشر في العاصمة."], ["The talks were held indirectly in the capital."]
    rule = mtqa.rules()
    assert {"pair_distance", "close"} <= set(next(r for r in rule if r.id == "negation-mismatch").params)
    default = mtqa.check(target=target, source=source, config=mtqa.Config(use_model=False))
    assert not [f for f in default.flags(min_severity="minor") if f.rule == "negation-mismatch"]
    strict = mtqa.Config(use_model=False, rules={"negation-mismatch": {"close": 0.0, "pair_distance": 0.0}})
    flagged = mtqa.check(target=target, source=source, config=strict)
    assert [f.evidence["signal"] for f in flagged.flags(min_severity="minor") if f.rule == "negation-mismatch"] == ["added"]
