"""Archive-scale checking on Ray (``pip install 'mtqa[ray]'``): a wire service's back catalogue on a
cluster, with nothing lost. See docs/scale.md.

* :func:`check_dataset` turns a Ray Dataset of documents into a Dataset of results, one row per
  document, the same results ``Checker.check_many`` gives;
* :func:`archive` (``mtqa archive``) runs it over files into an output directory that a rerun
  resumes: documents already written are skipped, and every input ends up there exactly once.

Importing this module does not import Ray; the functions do, and say how to install it when it is
missing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mtqa.config import Config
from mtqa.ray._archive import ArchiveSummary, archive, default_config, read_results, run_identity

if TYPE_CHECKING:
    from ray.data import Dataset

__all__ = ["ArchiveSummary", "archive", "check_dataset", "default_config", "read_results", "run_identity"]


def check_dataset(ds: Dataset, config: Config | None = None, *, workers: int = 1, num_cpus: float = 1.0,
                  num_gpus: float = 0.0, batch_documents: int = 16, retries: int = 3) -> Dataset:
    """Check every row of ``ds``; a lazy Dataset with one result row per input row.

    Input rows have an ``id`` and either texts (``target``, optional ``source`` and
    ``backtranslation``: strings with one paragraph per line, or lists of paragraphs) or files
    (``target_path``, optional ``source_path`` and ``backtranslation_path``, read as ``mtqa check``
    reads them). Result rows: ``id``, ``digest`` (the document's content and the run's signature),
    ``error`` (None, or why the document could not be checked), flag counts ``minor``, ``major``,
    ``critical``, and ``document``: the JSON of the report's document object
    (``mtqa.DocumentResult.from_dict(json.loads(row["document"]))``).

    Back-translation runs in ``workers`` actors of ``num_cpus`` CPUs and ``num_gpus`` GPUs each,
    each loading the model once (``config``'s backend; CTranslate2 unless it says otherwise:
    :func:`default_config`), ``batch_documents`` documents per model call; a batch whose actor dies
    is retried ``retries`` times on a new one before the Dataset fails.
    """
    from mtqa.ray._stages import Plan, build

    config = config or default_config()
    plan = Plan(config=config, run=run_identity(config))
    return build(ds, plan, workers=workers, num_cpus=num_cpus, num_gpus=num_gpus, batch_documents=batch_documents,
                 retries=retries)

