"""WordNet data: senses, relations and how a word is mostly used."""

from __future__ import annotations

from mtqa.lang import wordnet


def test_related_senses() -> None:
    assert wordnet.related("intends", "planned")
    assert not wordnet.related("sanitiser", "fertilizer")


def test_pos_share_reads_the_inflection() -> None:
    # "-ly" and "-ed" forms are used as adverbs and verbs; a plural stays a noun
    assert wordnet.pos_share("quickly", "vr") == 1.0
    assert (wordnet.pos_share("approved", "vr") or 0) > 0.5
    assert (wordnet.pos_share("bridges", "n") or 0) > 0.5
    # an adjective is not a verb or adverb: its loss stays an omission
    assert (wordnet.pos_share("alive", "vr") or 0) < 0.5
    assert wordnet.pos_share("qwzxv", "n") is None


def test_senses_in_frequency_order() -> None:
    # the data keeps WordNet's sense order with SemCor tag counts: the first sense is the most used
    data = wordnet._data()
    tags = data["tags"]["bank"]
    assert tags[0] == max(tags)
    assert len(data["pos_starts"]) == 4
