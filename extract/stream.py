"""Many inputs to articles, one input at a time: `extract_paths`, behind `okg extract` and `okg load`.

    extract_paths(paths, engine="hanlp", home=None, date=None, on_problem=None, progress=False) -> Iterator[Article]

Inputs are listed first (folders expanded, nothing read), then each is read, extracted and its
articles given before the next is read, so memory holds one input (one JSONL record, one file) at
a time, and the first articles come out while the rest wait.
"""

from __future__ import annotations

import signal
import threading
from typing import Callable, Iterator

from okg.extract.engines import EngineUnavailable, get_engine
from okg.extract.inputs import InputDoc, InputError, list_inputs, read_input
from okg.facts import Article


def extract_paths(
    paths: list[str],
    engine: str = "hanlp",
    home: str | None = None,
    date: str | None = None,
    on_problem: Callable[[InputError], None] | None = None,
    progress: bool = False,
    home_map=None,
) -> Iterator[Article]:
    """Articles of every input (files, folders, `-`, JSONL). A bad input, or one whose extraction
    fails, goes to `on_problem` and the rest go on; without `on_problem`, a failed extraction raises
    and bad inputs are passed over. EngineUnavailable always raises: no input can be extracted.
    An item's home: its record's `home`, else the county `home_map` (okg.graph.homes.HomeMap) gives its
    file or URL, else `home`, else inferred."""
    from okg.progress import Progress

    items = list_inputs(paths)
    bar = Progress(len(items), "extract", enabled=progress)
    for item in items:
        for doc in read_input(item):
            if isinstance(doc, InputDoc):
                item_home = doc.home or (home_map.home_for(doc.source, doc.url) if home_map else None) or home
                doc = _extract(doc, engine, item_home, date, raise_errors=on_problem is None)
            if isinstance(doc, InputError):
                if on_problem is not None:
                    on_problem(doc)
                continue
            yield from doc
        bar.step()
    bar.close()


def _started(name: str):
    """The engine, started. A JVM (HanLP) takes SIGINT and SIGTERM for itself when it starts and
    exits on them at once, so Python's handlers are put back: Ctrl-C and SIGTERM then stop the run
    where it is, and a load saves what it loaded (okg/cli.py)."""
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    engine = get_engine(name)
    if threading.current_thread() is threading.main_thread():
        for signum, handler in handlers.items():
            if handler is not None:
                signal.signal(signum, handler)
    return engine


def _extract(doc: InputDoc, engine: str, home: str | None, date: str | None, raise_errors: bool) -> list[Article] | InputError:
    from okg.extract.pipeline import extract_text  # the analysis modules, loaded when a text comes

    try:
        return extract_text(doc.text, source=doc.source, engine=_started(engine), home=home, date=doc.date or date, doc_id=doc.id,
                            url=doc.url, title=doc.title)
    except EngineUnavailable:
        raise
    except Exception as e:  # one bad input must not stop the rest; it is reported
        if raise_errors:
            raise
        return InputError(doc.source, f"extraction failed: {type(e).__name__}: {e}")
