"""English word lists (general knowledge; nothing here comes from a test set)."""

from __future__ import annotations

import re

# -- negation ----------------------------------------------------------------------------------
#: Words that negate what follows; "n't" contractions are recognised by their ending.
NEGATION_CUES = frozenset({"not", "never", "no", "without", "neither", "nor", "none", "nobody", "nothing",
                           "nowhere", "cannot"})
#: "n't" contractions written without their apostrophe, as informal copy (posts, transcripts,
#: quotes typed fast) often has them: read as the contraction they stand for. ("cant" and "wont"
#: are also rare nouns; in copy they are almost always the contraction.)
APOSTROPHE_LESS = {w[:-3] + "nt": w for w in (
    "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "can't", "couldn't", "won't",
    "wouldn't", "shouldn't", "haven't", "hasn't", "hadn't", "mustn't", "needn't", "ain't")} | {
    "dunno": "don't"}  # spoken "I dunno" is "I don't know"
#: Verbs and nouns whose meaning is a negation: the translation may render them with a negation
#: particle («لم ينجح» for "failed") or with a verb of the same meaning («رفض» for "refused").
NEGATION_LEXICAL = frozenset({"fail", "fails", "failed", "failing", "failure", "refuse", "refuses", "refused",
                              "refusing", "deny", "denies", "denied", "denying", "lack", "lacks", "lacked",
                              "lacking"})
#: A negation cue followed by one of these negates nothing a translation must render with a
#: particle: "not until Friday" («إلا يوم الجمعة», «فقط عندما»), "not least" («لا سيما»,
#: «خصوصًا»), "not just/merely/simply" («ليس فقط», «بل»), "not to mention" («ناهيك عن»), "don't
#: forget" («تذكّر»), "no doubt" («بلا شك», «حتمًا»), "no sooner" («ما إن»), "none other than" («هو
#: نفسه»), "without fail" («حتمًا»), an answering "No," («كلا»). The cue still licenses a particle.
NEGATION_IDIOM_NEXT = {
    "not": ("until", "till", "least", "just", "merely", "simply", "solely", "to mention", "forget"),
    "no": ("doubt", "sooner", "matter", "wonder", ",", "!"),
    "without": ("fail", "doubt"),
    "none": ("other",),
    "never": ("mind",),
}
#: A negation that bounds a figure ("did not exceed 5%", "no more than 20 people", "not above $3
#: billion"): "at most", which a translation may render «5% فقط» ("only") as well as «لم يتجاوز».
NEGATED_BOUND = re.compile(r"\s+(?:(?:have|has|had|be|been|was|were|to|even|yet)\s+)?(?:exceed(?:s|ed|ing)?|"
                           r"surpass(?:es|ed|ing)?|top(?:s|ped)?|more\s+than|above|over)\s+"
                           r"(?:the\s+|a\s+|an\s+)?[$£€]?\d", re.IGNORECASE)
#: "couldn't be more grateful", "can't wait": a negated form that means the positive.
NEGATION_POSITIVE = re.compile(r"\b(?:could\s*n(?:o|['’])t|can\s*n(?:o|['’])t|cannot)\s+(?:be\s+(?:more|happier|prouder|better)|wait)\b",
                               re.IGNORECASE)
#: Words a translation renders with «لا/لم/ليس … إلا/سوى» ("there are only two" «لم يبق إلا اثنان»,
#: "not until Friday" «لم … إلا يوم الجمعة», "unless" «لا … إلا إذا»).
EXCEPTIVE_WORDS = frozenset({"only", "until", "till", "unless", "except", "excepting", "just", "merely", "solely",
                             "exclusively", "alone"})
#: Prefix antonyms: negative form → positive stem.
ANTONYMS = {
    "disagree": "agree", "disapprove": "approve", "dislike": "like", "distrust": "trust", "disallow": "allow",
    "unable": "able", "unlikely": "likely", "unclear": "clear", "unaware": "aware", "unwilling": "willing",
    "unsuccessful": "successful", "unsafe": "safe", "unacceptable": "acceptable", "unstable": "stable",
    "unconstitutional": "constitutional", "unlawful": "lawful", "illegal": "legal", "invalid": "valid",
    "inability": "ability", "insufficient": "sufficient", "inadequate": "adequate", "incomplete": "complete",
    "dissatisfied": "satisfied", "unfair": "fair", "unprecedented": "precedented", "nonexistent": "existent",
    "unavailable": "available", "ineligible": "eligible", "impossible": "possible", "irregular": "regular",
}
#: Negative prefixes: a word made of one of these and an English word ("non-combat", "unknown",
#: "insecure", "abnormal"; "subnational" «دون الوطنية») may be rendered with «غير» / «عدم» / «لا» /
#: «دون», so an Arabic particle there is no added negation.
NEGATIVE_PREFIXES = ("non", "un", "in", "im", "il", "ir", "dis", "anti", "mis", "sub", "ab", "a")
#: Words whose Arabic rendering usually carries a negation particle though they are not
#: negations themselves: "only" («لا … إلا»), "free of" («خالٍ من» / «بلا»), "lack", "absence"
#: («عدم وجود»), "until" («ما لم»), "unless" («ما لم» / «إلا إذا»), "still" («لا يزال»), "must"
#: («لا بد»), "especially" («لا سيما»), "however" («غير أن»), "other/besides" («غير»),
#: "instead" («بدلا من» / «دون»), "except", "below/under" («دون»), "shrug off" («لم يكترث»).
NEGATION_CARRIERS = frozenset({"only", "free", "lack", "lacks", "lacking", "absence", "absent", "until", "unless",
                               "still", "remain", "remains", "remained", "must", "especially", "particularly",
                               "however", "other", "others", "besides", "instead", "except", "below", "under",
                               "beneath", "regardless", "whether", "few", "little", "barely", "hardly", "least",
                               "rather", "avoid", "avoided", "prevent", "prevented", "stop", "stopped", "ban",
                               "banned", "exclude", "excluded", "lose", "lost", "miss", "missed", "doubt",
                               "shortage", "ignore", "ignored", "zero", "limited", "beyond", "scarcely", "seldom", "rarely",
                               "anonymous", "anonymously", "anonymity", "ill", "neither", "either", "nor", "silent",
                               "lest", "shrug", "shrugs", "shrugged", "shrugging"})

#: Carriers that account for a nominal particle at most: "other" «غير ذلك», "below" «دون سن 18»,
#: "however" «غير قابل», "regardless" «دون النظر»; "whether" and "either" are rendered with none
#: («سواء … أم», «أيّ من»). None of them is rendered with a negated verb («لا/لم/لن/ليس»), so none
#: accounts for one.
NOMINAL_CARRIERS = frozenset({"other", "others", "besides", "below", "under", "beneath", "regardless", "however",
                              "whether", "either"})

#: Carriers that are verbs rendered by a negated verb ("shrugged off" «لم يكترث», "ignored" «لم
#: يلتفت»): the Arabic puts that verb first, however late the English has it.
VERB_CARRIERS = frozenset({"shrug", "shrugs", "shrugged", "shrugging", "ignore", "ignored"})

#: Carriers rendered with «لا … إلا/سوى» alone ("only"): they account for no other particle.
EXCEPTIVE_CARRIERS = frozenset({"only"})

# -- calendar ----------------------------------------------------------------------------------
WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                         "sunday"))}
MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"))}
#: Abbreviations ("Jan.", "Sept.") with the months they name.
MONTH_ABBREVIATIONS = {**{m[:3]: i for m, i in MONTHS.items()}, "sept": 8}
#: Months that are also ordinary words: months only next to a number or a date preposition.
AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar"})

# -- numbers -----------------------------------------------------------------------------------
CARDINALS = {w: float(i) for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
     "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"])}
CARDINALS.update({w: 10.0 * (i + 2) for i, w in enumerate(
    ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])})
ORDINALS = {w: float(i + 1) for i, w in enumerate(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
     "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
     "twentieth"])}
ORDINALS.update({w: 10.0 * (i + 3) for i, w in enumerate(
    ["thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"])})
SCALES = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
#: Abbreviated scales after an amount ("$5bn", "3m", "10k").
SCALE_ABBREVIATIONS = {"bn": 1e9, "mn": 1e6, "mln": 1e6, "m": 1e6, "k": 1e3, "b": 1e9}
#: Words that imply a count ("a decade", "both" = the Arabic dual): support values only.
SUPPORT = {"half": (0.5,), "halves": (0.5,), "quarter": (0.25, 4.0), "quarters": (0.25,),
           "third": (1 / 3,), "thirds": (1 / 3,), "fifth": (0.2,), "fourth": (0.25,),
           "twice": (2.0,), "double": (2.0,), "doubled": (2.0,), "triple": (3.0,), "tripled": (3.0,),
           "both": (2.0,), "pair": (2.0,), "couple": (2.0,), "twin": (2.0,), "twins": (2.0,),
           "a": (1.0,), "an": (1.0,), "single": (1.0,), "once": (1.0,), "decade": (10.0,),
           "decades": (10.0,), "century": (100.0,), "centuries": (100.0,), "fortnight": (14.0, 2.0),
           "dozens": (12.0, 10.0), "hundreds": (100.0,), "thousands": (1e3,), "millions": (1e6,),
           "billions": (1e9,), "tens": (10.0,), "biennial": (2.0,), "trio": (3.0,)}

# -- money and measures ------------------------------------------------------------------------
CURRENCIES = {
    "$": "dollar", "us$": "dollar", "usd": "dollar", "dollar": "dollar", "dollars": "dollar",
    "€": "euro", "eur": "euro", "euro": "euro", "euros": "euro",
    "£": "pound", "gbp": "pound", "egp": "pound", "pound": "pound", "pounds": "pound", "sterling": "pound",
    "¥": "yen", "yen": "yen", "yuan": "yuan", "renminbi": "yuan", "cny": "yuan",
    "riyal": "riyal", "riyals": "riyal", "sar": "riyal", "qar": "riyal", "rial": "riyal", "rials": "riyal",
    "dirham": "dirham", "dirhams": "dirham", "aed": "dirham",
    "dinar": "dinar", "dinars": "dinar", "kwd": "dinar", "jod": "dinar",
    "lira": "lira", "liras": "lira", "lire": "lira", "try": "lira",
    "rupee": "rupee", "rupees": "rupee", "franc": "franc", "francs": "franc", "chf": "franc",
    "rouble": "rouble", "roubles": "rouble", "ruble": "rouble", "rubles": "rouble",
    "shekel": "shekel", "shekels": "shekel",
}
MEASURES = {
    "km": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
    "mile": "mile", "miles": "mile", "mi": "mile",
    "metre": "m", "metres": "m", "meter": "m", "meters": "m",
    "foot": "ft", "feet": "ft", "ft": "ft",
    "kg": "kg", "kilogram": "kg", "kilograms": "kg", "kilogrammes": "kg",
    "lb": "lb", "lbs": "lb",
    "litre": "litre", "litres": "litre", "liter": "litre", "liters": "litre",
    "gallon": "gallon", "gallons": "gallon",
    "hectare": "hectare", "hectares": "hectare", "acre": "acre", "acres": "acre",
    "celsius": "C", "°c": "C", "fahrenheit": "F", "°f": "F",
    "mph": "mile", "kph": "km", "km/h": "km",  # speeds: the distance unit carries the conversion
    "inch": "in", "inches": "in", "cm": "cm", "centimetre": "cm", "centimetres": "cm", "centimeter": "cm",
    "centimeters": "cm",
}
#: Units of one dimension: a switch inside a family is a mistranslation.
MEASURE_FAMILY = {"km": "length", "mile": "length", "m": "length", "ft": "length", "in": "length", "cm": "length",
                  "kg": "mass", "lb": "mass", "litre": "volume", "gallon": "volume", "hectare": "area",
                  "acre": "area", "C": "temp", "F": "temp"}
#: How many of the metric unit one imperial unit makes: a translator converts "100 miles" to
#: «160 كيلومترا» (Fahrenheit to Celsius is affine: :func:`mtqa.lang.quantities.converted`).
CONVERSIONS = {("mile", "km"): 1.609344, ("ft", "m"): 0.3048, ("in", "cm"): 2.54, ("lb", "kg"): 0.45359237,
               ("gallon", "litre"): 3.785411784, ("acre", "hectare"): 0.40468564224}
#: Units of time: (what they count in, how many of it). A translator may say "72 hours" as «ثلاثة
#: أيام» or "18 months" as «عام ونصف»; months and years are not a whole number of days, so they
#: count in months and compare only with each other.
DURATIONS = {
    **dict.fromkeys(("minute", "minutes", "min", "mins"), ("minutes", 1)),
    **dict.fromkeys(("hour", "hours", "hr", "hrs"), ("minutes", 60)),
    **dict.fromkeys(("day", "days"), ("minutes", 1440)),
    **dict.fromkeys(("week", "weeks"), ("minutes", 10080)),
    **dict.fromkeys(("fortnight", "fortnights"), ("minutes", 20160)),
    **dict.fromkeys(("month", "months"), ("months", 1)),
    **dict.fromkeys(("year", "years"), ("months", 12)),
    **dict.fromkeys(("decade", "decades"), ("months", 120)),
}

# -- names that a translation translates -------------------------------------------------------
#: Head words of the names an Arabic translation renders word by word, correctly: institutions,
#: offices and titles, places, events and holidays ("Ministry of Health" → «وزارة الصحة», "Prime
#: Minister", "Red Sea", "New Year"). A capitalised name without one of these (a person, a work,
#: a brand, a publication) is kept or transliterated, not translated.
TRANSLATED_NAME_HEADS = frozenset({
    # institutions and bodies
    "ministry", "ministries", "department", "council", "committee", "commission", "organization", "organisation",
    "association", "institute", "institution", "agency", "office", "bank", "university", "college", "school",
    "academy", "court", "party", "union", "team", "group", "authority", "board", "service", "services", "centre",
    "center", "centers", "centres", "force", "forces", "army", "navy", "police", "guard", "government",
    "parliament", "assembly", "congress", "senate", "house", "society", "foundation", "fund", "federation",
    "league", "club", "company", "corporation", "hospital", "museum", "mission", "programme", "program",
    "administration", "bureau", "nations", "states", "alliance", "coalition", "front", "movement", "church",
    "cabinet", "chamber", "network", "tribunal", "unit", "division", "corps", "system",
    "exchange", "market", "index", "prize", "award", "cup", "championship", "games", "olympics",
    # offices and titles
    "secretary", "minister", "president", "director", "chief", "general", "governor", "mayor", "king", "queen",
    "prince", "princess", "prime", "chairman", "chairwoman", "chair", "spokesman", "spokeswoman", "ambassador",
    "senator", "judge", "officer", "commissioner", "premier", "chancellor", "emperor", "pope", "sheikh", "emir",
    "sultan", "lord", "sir", "doctor", "professor", "captain", "colonel", "lieutenant", "sergeant", "advisor",
    "adviser", "deputy", "vice", "head", "leader", "speaker", "representative", "delegate",
    # places
    "street", "road", "avenue", "river", "sea", "ocean", "island", "islands", "city", "town", "village",
    "province", "state", "region", "republic", "kingdom", "empire", "mountain", "mountains", "lake", "bay",
    "gulf", "coast", "desert", "valley", "east", "west", "north", "south", "eastern", "western", "northern",
    "southern", "central", "airport", "port", "station", "square", "park", "bridge", "tower", "palace", "hall",
    "county", "district", "territory", "territories", "peninsula", "strait", "canal", "world", "continent",
    "hemisphere", "capital", "temple", "mosque", "cathedral", "wall", "gate", "zone", "area", "border",
    # events, periods, holidays
    "day", "year", "festival", "week", "eve", "war", "revolution", "conference", "summit", "forum", "agreement",
    "treaty", "accord", "convention", "act", "law", "plan", "declaration", "initiative", "strategy", "crisis",
    "pandemic", "epidemic", "outbreak", "age", "era", "period", "season", "month", "holiday", "christmas",
    "easter", "ramadan",
})
