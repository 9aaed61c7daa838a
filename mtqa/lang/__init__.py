"""Language knowledge shared by every rule: one table per fact, in one place.

:mod:`mtqa.lang.arabic` and :mod:`mtqa.lang.english` hold the word lists (negation cues, months,
weekdays, number and scale words, currencies, units, clitics, diacritics) that the checks compare
across the two languages. A rule never keeps a private copy of a table that is here: a fix to a
table (a missing month spelling, a new negation idiom) then reaches every rule at once.

Arabic tables are written as Arabic is written (with ة, ى, hamza forms); the ``*_NORM`` helpers
give the matching forms produced by :func:`mtqa.text.normalize.normalize_ar`.
"""
