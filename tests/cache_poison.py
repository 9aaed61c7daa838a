"""Proof that a compared run is cold: edit the result cache the first run wrote, so that a second
run answered from it would differ (issue #18: a determinism test must not compare the cache with
itself)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from mtqa.result_cache import RESULTS_FILE

POISON = "poisoned by the test: this result came from the result cache"


def poison_result_cache(directory: Path) -> int:
    """Add :data:`POISON` to the notes of every document result cached in ``directory``; how many."""
    with sqlite3.connect(directory / RESULTS_FILE) as conn:
        rows = conn.execute("SELECT key, value FROM results").fetchall()
        for key, value in rows:
            data = json.loads(value)
            data["notes"] = [*data.get("notes", []), POISON]
            conn.execute("UPDATE results SET value = ? WHERE key = ?", (json.dumps(data, ensure_ascii=False), key))
    conn.close()
    return len(rows)
