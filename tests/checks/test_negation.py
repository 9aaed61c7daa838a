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
    ("قرر الوزير ألا يسافر إلى الخارج.", ["لا"]),           # «ألا» (أن + لا) before a verb: "not to"
    ("وعد بألا يتكرر ذلك لئلا يضيع الوقت.", ["لا", "لا"]),   # … with «ب», and «لئلا» "lest"
    ("لم يحضر إلا الأعضاء.", ["لم"]),                      # «إلا» (hamza below): "except", no particle
    ("والسفينتان لا تزالان في الميناء.", []),               # «لا تزالان»: still (dual)
    ("حضر لقاء لم الشمل.", []),                            # «لمّ الشمل»: a reunion
    ("أليس هذا غريبا؟", ["ليس"]),                          # «أليس»: interrogative «أ» + «ليس»
    ("وذلك خلافا لم ذكره التقرير.", []),                    # «لم» before no jussive verb: a slip for «لما»
    ("لم نر شيئا.", ["لم"]),                                # … a short jussive is one
    ("الطقس بارد اليوم، أليس كذلك؟", []),                   # «أليس كذلك؟»: a tag question
    ("ألم يقرأ الوزير التقرير؟", ["لم"]),                   # «ألم» + verb: interrogative «أ» + «لم»
    ("أولم تسمع الخبر؟", ["لم"]),
    ("يعاني المريض من ألم شديد.", []),                      # «ألم» before no verb: "pain"
    ("كان الطعام لذيذا بشكل لا يصدق.", []),                 # «بشكل لا يصدق»: "incredibly"
    ("إنه لا يصدق ما قيل له.", ["لا"]),                     # … but «لا يصدق» alone: "does not believe"
])
def test_arabic_negation_cues(text: str, particles: list[str]) -> None:
    assert [n.particle for n in arabic_negations(text, strict=True)] == particles


@pytest.mark.parametrize(("text", "alternative", "bound"), [
    ("وسألوه هل سيأتي أم لا.", [True], [False]),                 # «أم لا»: "or not", ending the line
    ("ما إذا كان الجسر مفتوحًا أم لا، قيد النقاش.", [True], [False]),  # … before a comma
    ("سواء أم لا يعرف أحد.", [False], [False]),                   # «لا» negating the next verb
    ("وقد شارك ما لا يقل عن عشرة مزارعين.", [False], [True]),     # «لا يقل عن»: at least
    ("وهو لا يقبل العرض.", [False], [False]),
    ("لم تتجاوز نسبة المشاركة في العاصمة 31 في المئة.", [False], [True]),   # «لم يتجاوز» + a figure
    ("لم تزد المبيعات على أربعة ملايين دولار.", [False], [True]),          # «لم يزد على» + a figure
    ("لم يتجاوز الحاجز بعد.", [False], [False]),                          # no figure: "did not cross"
    ("لم يقل ما إذا كان 20 شخصا قد أصيبوا.", [False], [False]),           # «لم يقل» "did not say"
])
def test_arabic_cues_that_negate_no_clause(text: str, alternative: list[bool], bound: list[bool]) -> None:
    cues = arabic_negations(text)
    assert [c.alternative for c in cues] == alternative
    assert [c.bound for c in cues] == bound


@pytest.mark.parametrize(("text", "words"), [
    # the negative prefixes make adjectives, adverbs, their nouns and participles …
    ("an inaccurate, indirectly stated, invalidated and dishonest view", ["inaccurate", "indirectly", "invalidated",
                                                                         "dishonest"]),
    ("an atypical winter of instability and illicit trade", ["atypical", "instability", "illicit"]),
    ("unpaved roads and non-Zorbian residents", ["unpaved", "non-zorbian"]),
    # … words that only begin like them do not license a particle
    ("inland insects increased; we discussed the income and the display and were arising early", []),
    # "anti-" words are rendered «مضاد», not with a particle
    ("an anticorrosive paint and an anti-fraud drive", []),
    # "has yet to" is "not yet"
    ("The harvest date has yet to be set.", ["yet"]),
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
    ("ويُعرف ما إذا كانت الحافلة الجديدة تقطع المسافة نفسها.", "Whether the new bus covers the same distance is not known.",
     "ويُعرف"),
    # "whether … or not": the «أم» the lost «لا» followed
    ("وتقام المباريات في كل البلدات، سواء هطل المطر أم في ظل ثبات العوامل الأخرى.",
     "The matches go ahead in every town, whether rain falls or not, all else being equal.", "أم"),
    # "has no time": «ليس هناك وقت»
    ("وفي الحقيقة، هناك أي ساعة فراغ أمام الخباز أيام الأحد.", "In truth, the baker has no free hour on Sundays.", "هناك"),
    # "not going to sell": the verb after "going to" («نبيعهم»), not "going" («نذهب»)
    ("وهذا ما نبيعهم إياه في المساء حين نذهب إلى المزرعة.",
     "And that is what we are not going to sell them in the evening when we go to the farm.", "نبيعهم"),
    # "might not be": the copula «تكون»
    ("قد تكون الخفافيش المضيف المباشر للفيروس.", "Bats might not be the direct host of the virus.", "تكون"),
    # … but not a verbal noun of the «تفعيل» shape standing between them («توفير»)
    ("وقال إن السفن القديمة سُحبت ولكن يتم توفير سفن بديلة للخفر.",
     "He said old ships were withdrawn but no replacement ships were provided to the guard.", "يتم"),
    # "whether or not": «أم» closes the «سواء …» clause however far from the cue it stands
    ("سواء استقال العمدة بسبب فضيحة الميزانية أم فإن المجلس سيجتمع يوم الاثنين.",
     "Whether or not the mayor resigns over the budget scandal, the council meets on Monday.", "أم"),
    # "there is no reason": «لا يوجد سبب», not a «مع» that happens to stand near
    ("وقال إنه مع ذلك يوجد سبب للقلق.", "He said there is no reason to worry.", "يوجد"),
    # «يُعد» (is considered) is no bare jussive: the lost "can't" is on «يمكننا»
    ("يُعد من الحقائق أنه يمكننا الفوز بكل مباراة.", "It is a fact that we can't win every match.", "يمكننا"),
    # "are not effective": the copula verb «تُعتبر» that carried the negation
    ("تُعتبر هذه الأقنعة القماشية وسيلة فعالة ضد الفيروس.", "Such cloth masks are not effective against the virus.",
     "تُعتبر"),
    # «فيروس» (virus) is no «ف» + verb: the verb that lost the particle is «يمكث»
    ("وقال الأطباء إن فيروس الإنفلونزا يمكث على اليدين.", "Doctors said the flu virus does not linger on the hands.",
     "يمكث"),
    # a word the lexicon cannot render, found by transliteration ("but not kumquats")
    ("يبيع المتجر التفاح والبرتقال لكن الكمكوات.", "The shop sells apples and oranges but not kumquats.", "الكمكوات"),
])
def test_a_lost_negation_is_flagged_on_the_word_that_lost_it(target: str, source: str, expected: str) -> None:
    flags = _flags(target, source)
    assert [signal for _, signal in flags] == ["dropped"]
    assert expected in [w.strip("\"،:") for w in flags[0][0].split()], flags
    assert len(flags[0][0].split()) <= 4


def test_a_lost_negation_on_a_noun_spans_the_verb_that_governs_it() -> None:
    # "no fire was reported": the noun found by the lexicon, the verb governing it four words before;
    # the particle stood before one of them («لم يتم الإبلاغ عن أي حريق», «… عن أي حريق») (invented)
    assert _flags("ويتم الإبلاغ عن أي حريق في المنطقة الشمالية.", "No fire was reported in the northern district.") == \
        [("ويتم الإبلاغ عن أي حريق", "dropped")]


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
    # a word that only looks prefixed ("income") licenses no «غير»
    ("وأنفق المجلس دخله على البلدة غير العليا.", "The council spent its income on the upper town.",
     [("غير العليا", "added")]),
    # «ما لم» renders "unless": it is not the rendering of the source's "not"
    ("قد تكون الأمطار هي السبب ما لم يجد المهندسون تفسيرًا آخر.",
     "The rain may not be the cause unless engineers find another explanation.", [("قد تكون", "dropped")]),
    # «لن … إلا إذا» renders "only … if"; the "not" of the first clause is lost
    ("كان الملعب جافًا، ولن تبدأ المباراة إلا إذا توقف المطر.",
     "The pitch was not dry, and the match will only start if the rain stops.", [("الملعب جافًا", "dropped")]),
    # "not only … but also" rendered «… فحسب، بل» with no negation: "only"
    ("وقال إن المخبز يبيع الخبز فحسب، بل يوصل الكعك أيضًا.",
     "He said the bakery not only sells bread, it also delivers cakes.", [("المخبز يبيع", "dropped")]),
    # "no fertiliser" rendered «دون سماد», turned into «مع سماد»
    ("ويزرع المزارعون قمحهم بالماء مع سماد في الوادي.",
     "Farmers grow their wheat with water and no fertiliser in the valley.", [("بالماء مع", "dropped")]),
    # «فلا» is a particle even when the source names a "Las …" («لاس فيغاس»)
    ("أقيم النهائي في ملعب في لاس بالماس فلا يعرف أحد النتيجة.",
     "The final was played at a stadium in Las Palmas and everyone knows the score.", [("فلا يعرف", "added")]),
    # "especially" renders «لا سيما», not a negated verb
    ("وخصوصًا لا يمكن للمطر مساعدة المحصول.", "Especially, the rain can help the crop.", [("لا يمكن", "added")]),
    # "non-" licenses a nominal «غير», not a negated verb
    ("وتقدم البعثة دعمًا لا يشمل القتال.", "The mission gives non-combat support.", [("لا يشمل", "added")]),
    # a jussive left bare («يكن» stands after «لم»): that is where the particle was lost
    ("وقالت الشرطة إنه يكن في منزله يوم الحادث.", "Police said he was not at home on the day of the attack.",
     [("إنه يكن", "dropped")]),
    # a prefix word next to «غير» takes it; the source's "not" is then left without a negation
    ("وأشار بشكل غير مباشر إلى أن الخطة تم تنفيذها.", "He said indirectly that the plan was not carried out.",
     [("تم تنفيذها", "dropped")]),
    # … and a prefix word whose stem the particle governs takes it at any distance
    ("دُرس هؤلاء الحاملون دون ظهور أعراض عليهم، لكن النتائج معروفة حتى الآن.",
     "These asymptomatic carriers were studied, but the results are not yet known.", [("النتائج معروفة", "dropped")]),
    # two cues, one Arabic negation: it goes with the cue whose verb it negates, not the nearest
    ("لا يغادر المشجعون الملعب مبكرًا ويهتفون طويلًا، رغم أنهم يثقون في المدرب الجديد.",
     "Although they don't trust the new coach, the fans don't leave the stadium early and cheer for long.",
     [("أنهم يثقون", "dropped")]),
    # "other" is rendered «غير/آخر», never with a negated verb
    ("لا تلعب فرق أخرى في الملعب أيضًا.", "Other teams also play on the field.", [("لا تلعب", "added")]),
    # "only" is rendered «لا … إلا»; a «لا» with no «إلا» is a negation it does not account for,
    # however close to it
    ("لا يفتح المتحف أيام الجمعة.", "Only on Fridays does the museum open.", [("لا يفتح", "added")]),
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
    ("وتستغرق الرحلة بالقطار ما لا يقل عن أربعين دقيقة.", "The train journey takes at least forty minutes."),  # a bound
    ("وتستغرق الرحلة بالقطار أربعين دقيقة على الأقل، ولا تقل عن ذلك.", "The train journey takes a minimum of forty minutes."),
    ("المسؤولون لم يقرروا بعد.", "Officials have yet to decide."),                           # "yet to"
    ("هذا الطلاء ليس ذا أساس زيتي.", "This paint is non-oil-based."),                       # «ليس ذا»
    ("سألنا هل سيحضر أم لا.", "We asked whether he would attend."),                           # «أم لا»
    ("قد لا تكون الأمطار السبب ما لم يجد المهندسون تفسيرًا.", "The rain may not be the cause unless engineers find an explanation."),
    ("وقال إن المخبز لا يبيع الخبز فحسب، بل يوصل الكعك أيضًا.",
     "He said the bakery not only sells bread, it also delivers cakes."),
    ("وقال إن الملعب ليس لكرة القدم فقط.", "He said the stadium is not just for football."),
    ("ولن تبدأ المباراة إلا إذا توقف المطر.", "The match will only start if the rain stops."),
    ("لا يفتح المتحف إلا أيام الجمعة.", "The museum opens only on Fridays."),
    ("يوصون بعدم فحص الأشخاص إلا من تظهر عليهم أعراض.", "They recommend testing only people with symptoms."),  # «عدم … إلا»
    # "yet to": «لم … بعد», the verb first in the Arabic however long the sentence
    ("لم تثبت فعالية الأدوية الجديدة لدى المرضى الأكبر سنًا وسلامتها لدى الأطفال بعد.",
     "The efficacy of the new drugs in older patients and their safety in children have yet to be established."),
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


@pytest.mark.parametrize(("target", "source", "expected"), [
    # informal copy drops the apostrophe: "dont", "cant" are "don't", "can't" (invented sentences)
    ("لا أعرف الطريق إلى المزرعة.", "I dont know the way to the farm.", []),
    ("لا يمكنه القدوم غدا.", "He cant come tomorrow.", []),
    ("أعرف الطريق إلى المزرعة.", "I dont know the way to the farm.", [("dropped", "أعرف")]),
    ("لا أعرف كيف أفعل ذلك.", "I dunno how to do that.", []),  # "dunno": "don't know"
])
def test_contractions_without_an_apostrophe_are_negations(target: str, source: str,
                                                           expected: list[tuple[str, str]]) -> None:
    report = mtqa.check(target=[target], source=[source], config=mtqa.Config(use_model=False))
    assert [(f.evidence["signal"], f.text) for f in report.flags(min_severity="minor")
            if f.rule == "negation-mismatch"] == expected


def test_a_source_sentence_rendered_as_two_arabic_sentences_is_paired_with_both() -> None:
    # The quoted question and its speech tag are one source sentence and two Arabic ones: the
    # negation of the question is not lost in the tag.
    source = "“You are not ready, are you?” she said with a smile. “The coaches want to meet you.”"
    target = '"أنت لست مستعدا، صحيح؟" قالت بابتسامة. "المدربون يريدون لقاءك."'
    report = mtqa.check(target=[target], source=[source], config=CFG)
    segments = [s for d in report.documents for s in d.segments]
    assert len(segments) == 3 and segments[0].source == segments[1].source
    assert [f for f in report.iter_flags() if f.rule == "negation-mismatch"] == []
    # … and a negation lost from the pair is still found, on the sentence that lost it.
    lost = mtqa.check(target=['"أنت مستعد، صحيح؟" قالت بابتسامة. "المدربون يريدون لقاءك."'], source=[source], config=CFG)
    # (the Arabic of the lost case says "you are ready, right?")
    assert [(f.evidence["signal"], f.line, f.start < len('"أنت مستعد، صحيح؟"')) for f in lost.iter_flags()
            if f.rule == "negation-mismatch"] == [("dropped", 1, True)]


@pytest.mark.parametrize(("target", "source"), [
    ('"الطقس بارد اليوم، أليس كذلك؟"', "“It's cold today, right?”"),      # a tag question added: no negation
    ('"الطقس بارد اليوم، صحيح؟"', "“It's cold today, isn't it?”"),        # a tag question dropped: none lost
])
def test_tag_questions_negate_nothing(target: str, source: str) -> None:
    assert _flags(target, source) == []


@pytest.mark.parametrize(("target", "source", "expected"), [
    # «غير» before its object, where the source says "changed": the verb «غيّر» without its shadda
    ("وقد غير المجلس موعد الاجتماع.", "The council changed the date of the meeting.", []),
    # … but «غير» before an adjective stays a negation to account for (its ة is no pronoun)
    ("وقد غير الطلاب خطة غير قانونية.", "The students changed the plan.", [("غير قانونية", "added")]),
    # … and so does «غير» after a definite noun it describes («المنظمات غير الحكومية»)
    ("وقد غير الطلاب المنظمات غير الحكومية.", "The students changed the organisations.",
     [("غير الحكومية", "added")]),
])
def test_the_verb_ghayyara_is_no_negation(target: str, source: str, expected: list[tuple[str, str]]) -> None:
    assert _flags(target, source) == expected


@pytest.mark.parametrize(("target", "source"), [
    # a line of two sentences whose negation the translation moved into the other sentence: the
    # sentences pair loosely, the line's totals balance, nothing was lost or added
    ("لم يوقع الاتفاق واستمرت المحادثات طوال اليوم. وكان ذلك يوم الاثنين.",
     "Talks went on all day. He did not sign the deal on Monday."),
    ("استمرت المحادثات طوال اليوم في الوزارة ولم يوقع الوزير. هذا ما قاله مساعدوه عن الاتفاق.",
     "Talks went on all day at the ministry. The minister did not sign the deal, his aides said."),
])
def test_a_negation_moved_between_the_sentences_of_a_line(target: str, source: str) -> None:
    assert _flags(target, source) == []


@pytest.mark.parametrize(("target", "source", "expected"), [
    ("استمرت المحادثات طوال اليوم. ووقع الاتفاق يوم الاثنين.",
     "Talks went on all day. He did not sign the deal on Monday.", [("ووقع", "dropped")]),
    ("لم تستمر المحادثات طوال اليوم. ووقع الاتفاق يوم الاثنين.",
     "Talks went on all day. He signed the deal on Monday.", [("لم تستمر", "added")]),
    # "not only" needs its «ليس/لا … فقط» on a line of several sentences too
    ("الخطة تخفض الضرائب فحسب، بل ترفع المعاشات أيضا. وتنشر البيانات كل شهر.",
     "The plan not only cuts taxes, it also raises pensions. Data are published every month.",
     [("الخطة تخفض", "dropped")]),
])
def test_a_line_of_several_sentences_still_loses_or_adds(target: str, source: str,
                                                         expected: list[tuple[str, str]]) -> None:
    assert _flags(target, source) == expected


@pytest.mark.parametrize(("text", "licensed"), [
    ("The scan showed abnormal growth.", [("abnormal", False)]),
    ("It was a non binding vote.", [("non", True)]),  # the prefix written apart
    ("Trains are cheaper at off-peak times.", [("off-peak", True)]),
    ("The plan covers national and subnational bodies.", [("subnational", True)]),
    # only look prefixed
    ("They went abroad.", []),
    ("An absolute majority voted.", []),
    ("The submarine sank.", []),
])
def test_prefix_licences(text: str, licensed: list[tuple[str, bool]]) -> None:
    assert [(lic.word, lic.nominal) for lic in negation_licences(text)] == licensed


@pytest.mark.parametrize(("target", "source"), [
    ("أظهر الفحص نموا غير طبيعي.", "The scan showed abnormal growth."),
    ("تشمل الخطة الهيئات الوطنية ودون الوطنية.", "The plan covers national and subnational bodies."),
    ("القطارات أرخص في غير أوقات الذروة.", "Trains are cheaper at off-peak times."),
])
def test_prefix_words_license_a_nominal_negation(target: str, source: str) -> None:
    assert _flags(target, source) == []


def test_off_apart_is_no_prefix() -> None:
    # "off" standing alone before "without" is no "off-" word: the «دون» renders "without"
    target = "يمكن إضاءة المصباح وإطفاؤه دون سلك، ويوضع تحت المكتب."
    source = "The lamp can be switched on and off without a cable, and it sits under the desk."
    assert _flags(target, source) == []


@pytest.mark.parametrize(("target", "source", "expected"), [
    # "only 31 percent" said as "did not exceed 31 percent": an upper bound, no added negation
    ("لم تتجاوز نسبة المشاركة في العاصمة 31 في المئة.", "Turnout was only 31 percent in the capital.", []),
    ("لم تزد المبيعات على 4 ملايين دولار.", "Sales were just $4 million.", []),
    # a lower bound («لم تقل عن» "not less than") does not say "only"
    ("لم تقل نسبة المشاركة في العاصمة عن 31 في المئة.", "Turnout was only 31 percent in the capital.",
     [("لم تقل", "added")]),
    ("لا يقل عدد المشاركين عن 40 شخصا.", "At most 40 people took part.", [("لا يقل", "added")]),
    ("لا يقل عدد المشاركين عن 40 شخصا.", "At least 40 people took part.", []),
    # the bound is no negation of the sentence: the source's "did not" still needs one of its own
    ("لم تزد المبيعات على 4 ملايين دولار، وقالت الشركة إن التكاليف انخفضت.",
     "Sales were just $4 million, and the firm said costs did not fall.", [("التكاليف انخفضت", "dropped")]),
])
def test_a_negated_verb_of_exceeding_bounds_a_figure(target: str, source: str,
                                                     expected: list[tuple[str, str]]) -> None:
    assert _flags(target, source) == expected


@pytest.mark.parametrize(("target", "source"), [
    # fixed expressions that negate nothing said: degree, necessity, wholeness
    ("يسيطر المتمردون على عدد لا يستهان به من القرى.", "Rebels hold a considerable number of villages."),
    ("يقول محللون إن التغيير لا يعدو أن يكون رمزيا.", "Analysts say the change is merely symbolic."),
    ("الميناء جزء لا يتجزأ من الاقتصاد.", "The port is an integral part of the economy."),
    ("يبدو الإضراب الآن أمرا لا مفر منه.", "A strike now looks inevitable."),
    ("المساعدات الدولية لا غنى عنها للمخيم.", "International aid is indispensable for the camp."),
])
def test_fixed_expressions_with_a_negation_word_are_no_added_negation(target: str, source: str) -> None:
    assert _flags(target, source) == []


def test_a_negative_word_and_the_particle_rendering_its_stem_pair_however_far_apart() -> None:
    # Arabic puts the speech tag first; «غير قانوني» renders "illegal" at the other end of the line
    source = "The detention was illegal, the court ruled on Tuesday in a landmark decision."
    assert _flags("قضت المحكمة يوم الثلاثاء في قرار تاريخي بأن الاحتجاز غير قانوني.", source) == []
    # a particle before another word, far from it, is still an added negation
    assert _flags("الاحتجاز مخالف للقانون، كما قضت المحكمة يوم الثلاثاء في قرار غير تاريخي.", source) == [
        ("غير تاريخي", "added")]


@pytest.mark.parametrize(("target", "source"), [
    # «غير مسبوق» is one adjective ("unprecedented", "record"), wherever it stands
    ("تسببت العاصفة في أضرار في البلدة غير مسبوقة.", "The storm caused unprecedented damage in the town."),
    ("سجلت الصادرات مستوى غير مسبوق.", "Exports hit a record level."),
    # «أحد غير …» after a negation says "only", as «إلا» does
    ("لم يعلم أحد غير رئيس البلدية.", "Only the mayor knew."),
    # "shrug off" is rendered «لم يكترث»; an "un-" word by a verb negated before its stem's rendering
    ("لم يكترث الوزير بالانتقادات.", "The minister shrugged off the criticism."),
    ("قالت الجمعية الخيرية التي تدير المخيم قرب الحدود يوم الثلاثاء إن المتطوعين لا يتقاضون أجرا.",
     "Volunteers are unpaid, the charity that runs the camp near the border said on Tuesday."),
])
def test_words_rendered_with_a_negation_idiom_are_no_added_negation(target: str, source: str) -> None:
    assert _flags(target, source) == []


@pytest.mark.parametrize(("target", "source", "expected"), [
    # «غير» before anything but «أحد/شيء» still negates
    ("لم يعلم رئيس البلدية بالخطة غير المعلنة.", "The mayor knew of the announced plan.",
     [("لم يعلم", "added"), ("غير المعلنة", "added")]),
    # the "un-" word's licence goes to the particle governing its stem, not to another one
    ("المتطوعون لا يتقاضون أجرا ولم يغادروا المخيم.", "The volunteers are unpaid and left the camp.",
     [("ولم يغادروا", "added")]),
])
def test_those_idioms_excuse_nothing_else(target: str, source: str, expected: list[tuple[str, str]]) -> None:
    assert _flags(target, source) == expected


_UNLESS = "The strike will go ahead unless the company raises wages."


@pytest.mark.parametrize("target", [
    "سيمضي الإضراب قدما ما لم ترفع الشركة الأجور.",
    "سيمضي الإضراب قدما إلا إذا رفعت الشركة الأجور.",
    "سيمضي الإضراب قدما إذا لم ترفع الشركة الأجور.",
    "سيمضي الإضراب قدما في حال لم ترفع الشركة الأجور.",
])
def test_unless_rendered_as_a_negated_or_excepted_condition(target: str) -> None:
    assert _flags(target, _UNLESS) == []


@pytest.mark.parametrize(("target", "source", "expected_at"), [
    ("سيمضي الإضراب قدما إذا رفعت الشركة الأجور.", _UNLESS, "إذا رفعت"),
    ("سيمضي الإضراب قدما في حال رفعت الشركة الأجور.", _UNLESS, "في حال رفعت"),
    # the source's own "if" keeps its plain condition; the one nearest the "unless" lost it
    ("إذا فشلت المحادثات، سيمضي الإضراب قدما إذا رفعت الشركة الأجور.",
     "If the talks fail, the strike will go ahead unless the company raises wages.", "إذا رفعت"),
])
def test_unless_rendered_as_a_plain_if_is_a_lost_negation(target: str, source: str, expected_at: str) -> None:
    report = mtqa.check(target=[target], source=[source], config=mtqa.Config(use_model=False))
    found = [f for f in report.iter_flags() if f.rule == "negation-mismatch"]
    assert [(f.evidence["signal"], f.suggestion) for f in found] == [("dropped", "ما لم")]
    assert target[found[0].start:].startswith(expected_at)
    assert _flags("سيمضي الإضراب قدما إذا خفضت الشركة الأجور.", "The strike will go ahead if the company cuts wages.") == []


@pytest.mark.parametrize(("target", "source"), [
    # a particle that is a name transliterated, next to the rest of the name
    ("ضربت الفيضانات بلدة أليس سبرينغز الأسترالية.", "Floods hit the Australian town of Alice Springs."),
    ("حضر ريتشارد غير العرض الأول.", "Richard Gere attended the premiere."),
    ("أعلن مدرب إسبانيا لويس دي لا فوينتي تشكيلته.", "Spain coach Luis de la Fuente named his squad."),
    ("قالت رابطة لا ليغا إن المباراة ستقام في ميامي.", "LaLiga said the match would be played in Miami."),
    # a prohibition, a fixed phrase, a negation the Arabic keeps in English
    ('كانت اللافتة تقول "ممنوع الدخول".', 'The sign read "No Entry".'),
    ("أبقى البنك أسعار الفائدة دون تغيير.", "The bank held rates steady."),
    ('كانت رسالة الخطأ "file not found".', 'The error message read "file not found".'),
])
def test_names_prohibitions_and_copied_english_are_no_negation_mismatch(target: str, source: str) -> None:
    assert _flags(target, source) == []


def test_a_particle_that_only_sounds_like_a_lone_name_still_negates() -> None:
    # «ليست» reads as the name "Last" of the source, but no other word of a name stands next to it
    assert _flags("قالت الشركة إن هذه النكهة ليست جديدة.", "The company said Last Call is a new flavor.") == [
        ("ليست جديدة", "added")]
    # a word kept in English elsewhere does not stand in for the negation the Arabic lost
    assert _flags('قالت الشركة إن "Last Call" نكهة جديدة.', 'The company said "Last Call" is not a new flavor.') != []


def test_of_two_words_with_one_stem_the_nearer_takes_the_particle_governing_it() -> None:
    # «لا تحظى بشعبية» renders the second "unpopular"; the first has «ليست» beside it
    assert _flags("الخطة ليست موضع ترحيب لدى الناخبين، ولن تدعمها المعارضة، وهي لا تحظى بشعبية كافية لدى حزبنا "
                  "وناشطينا الذين يعملون في الشوارع كل يوم.",
                  "The plan is unpopular with voters, the opposition is not going to back it, it is unpopular with "
                  "our party and our activists who work the streets every day.") == []
