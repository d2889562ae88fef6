"""Many inputs to articles, one input at a time: `extract_paths`, behind `okg extract` and `okg load`.

    extract_paths(paths, engine="hanlp", home=None, date=None, on_problem=None, progress=False) -> Iterator[Article]

Inputs are listed first (folders expanded, nothing read), then each is read, extracted and its
articles given before the next is read, so memory holds one input (one JSONL record, one file) at
a time, and the first articles come out while the rest wait.
"""

from __future__ import annotations

from typing import Callable, Iterator

from okg.extract.engines import EngineUnavailable
from okg.extract.inputs import InputDoc, InputError, list_inputs, read_input
from okg.facts import Article


def extract_paths(
    paths: list[str],
    engine: str = "hanlp",
    home: str | None = None,
    date: str | None = None,
    on_problem: Callable[[InputError], None] | None = None,
    progress: bool = False,
) -> Iterator[Article]:
    """Articles of every input (files, folders, `-`, JSONL). A bad input, or one whose extraction
    fails, goes to `on_problem` and the rest go on; without `on_problem`, a failed extraction raises
    and bad inputs are passed over. EngineUnavailable always raises: no input can be extracted."""
    from okg.progress import Progress

    items = list_inputs(paths)
    bar = Progress(len(items), "extract", enabled=progress)
    for item in items:
        for doc in read_input(item):
            if isinstance(doc, InputDoc):
                doc = _extract(doc, engine, home, date, raise_errors=on_problem is None)
            if isinstance(doc, InputError):
                if on_problem is not None:
                    on_problem(doc)
                continue
            yield from doc
        bar.step()
    bar.close()


def _extract(doc: InputDoc, engine: str, home: str | None, date: str | None, raise_errors: bool) -> list[Article] | InputError:
    from okg.extract.pipeline import extract_text  # the analysis modules, loaded when a text comes

    try:
        return extract_text(doc.text, source=doc.source, engine=engine, home=home, date=doc.date or date, doc_id=doc.id)
    except EngineUnavailable:
        raise
    except Exception as e:  # one bad input must not stop the rest; it is reported
        if raise_errors:
            raise
        return InputError(doc.source, f"extraction failed: {type(e).__name__}: {e}")
