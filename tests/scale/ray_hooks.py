"""Installed in every Ray worker of the scale tests (``worker_process_setup_hook``): counts model
calls and injects faults, steered by a JSON control file that the tests rewrite.

Control file (``MTQA_TEST_CONTROL``): ``{"log": PATH, "sleep": SECONDS}``. Every model call appends
``pid<TAB>texts`` to ``log`` after sleeping ``sleep`` seconds; a model call given a sentence that
contains :data:`CRASH_MARKER` kills its process (a model that crashes on one input); a document
whose target contains :data:`RAISE_MARKER` makes the checks raise (an error the checker itself
does not catch).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

RAISE_MARKER = "RAISE-IN-CHECK"
CRASH_MARKER = "CRASH-IN-MODEL"
CONTROL_ENV = "MTQA_TEST_CONTROL"


def control() -> dict[str, Any]:
    try:
        return dict(json.loads(Path(os.environ[CONTROL_ENV]).read_text("utf-8")))
    except (KeyError, OSError, ValueError):
        return {}


def install() -> None:
    import mtqa.pipeline
    from mtqa.translate._engine import Seq2SeqTranslator

    translate = Seq2SeqTranslator.translate

    def counted(self: Seq2SeqTranslator, texts: Any) -> Any:
        if any(CRASH_MARKER in t for t in texts):
            os._exit(1)  # as a segfault in the model would: no exception, no cleanup
        before = self.texts_translated
        settings = control()
        time.sleep(float(settings.get("sleep", 0)))
        out = translate(self, texts)
        if settings.get("log"):
            with open(settings["log"], "a", encoding="utf-8") as fh:
                fh.write(f"{os.getpid()}\t{self.texts_translated - before}\n")
        return out

    Seq2SeqTranslator.translate = counted  # type: ignore[method-assign]
    assemble = mtqa.pipeline.assemble

    def raising(**kwargs: Any) -> Any:
        if any(RAISE_MARKER in u.text for u in kwargs["target"].units):
            raise RuntimeError("injected failure in the checks")
        return assemble(**kwargs)

    mtqa.pipeline.assemble = raising  # type: ignore[assignment]
