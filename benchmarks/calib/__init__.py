"""Calibration on real Arabic that mtqa was not written against (see ``benchmarks/calibrate.py``).

``corpora`` loads the shared calibration corpora, ``inject`` plants controlled errors with their
gold spans, ``measure`` runs mtqa and counts, ``fit`` turns the counts into the per-rule confidence
tables shipped in ``mtqa/data/calibration.json``.
"""
