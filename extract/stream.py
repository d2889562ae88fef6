"""Many inputs to articles, one input at a time: `extract_paths`, behind `okg extract` and `okg load`.

    extract_paths(paths, engine="hanlp", home=None, date=None, on_problem=None, progress=False, jobs=1) -> Iterator[Article]

Inputs are listed first (folders expanded, nothing read), then each is read, extracted and its
articles given before the next is read, so memory holds one input (one JSONL record, one file) at
a time, and the first articles come out while the rest wait. With `jobs` > 1 the inputs are
extracted by that many worker processes (extract/parallel.py), and come out in the same order.
"""

from __future__ import annotations

import signal
import threading
from typing import Callable, Iterator

from okg.extract.engines import EngineUnavailable, get_engine
from okg.extract.inputs import InputDoc, InputError, list_inputs, read_input
from okg.facts import Article
from okg.heap import settle_extraction


def extract_paths(
    paths: list[str],
    engine: str = "hanlp",
    home: str | None = None,
    date: str | None = None,
    on_problem: Callable[[InputError], None] | None = None,
    progress: bool = False,
    jobs: int = 1,
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
    raise_errors = on_problem is None
    docs = _read(items, bar, home_map)
    pool = _pool(jobs, engine, home, date, raise_errors, on_problem)

    def here(doc: InputDoc) -> list[Article] | InputError:
        return _extract(doc, engine, home, date, raise_errors)

    if pool is not None:
        from okg.extract.parallel import extract_in_order

        results = extract_in_order(docs, jobs, pool, here, lambda why: _warn(on_problem, why))
        items = (item for result in results for item in ([result] if isinstance(result, InputError) else result))
    else:  # in this process, the articles of a text come out one by one, as they are made
        items = (item for d in docs for item in (_articles_of(d, engine, home, date, raise_errors) if isinstance(d, InputDoc) else [d]))
    for item in items:
        if isinstance(item, InputError):
            if on_problem is not None:
                on_problem(item)
            continue
        yield item
    bar.close()


def _pool(jobs: int, engine: str, home, date, raise_errors: bool, on_problem):
    """Worker processes for `jobs` > 1, or None: one process (said as a warning when workers cannot start)."""
    if jobs <= 1:
        return None
    from okg.extract.parallel import NoWorkers, start_pool

    try:
        return start_pool(jobs, engine, home, date, raise_errors)
    except NoWorkers as e:
        _warn(on_problem, str(e))
        return None


def _warn(on_problem, why: str) -> None:
    if on_problem is not None:
        on_problem(InputError("--jobs", why, warning=True))


def _read(items: list, bar, home_map=None) -> Iterator[InputDoc | InputError]:
    """Each input's documents (or its error), one input after the other, each with the home its
    record gives or the home map finds for it; the bar counts inputs read."""
    for item in items:
        for doc in read_input(item):
            yield with_home(doc, home_map)
        bar.step()


def with_home(doc: InputDoc | InputError, home_map) -> InputDoc | InputError:
    """The document, given the home the home map finds for its file or URL when its record gave none."""
    if isinstance(doc, InputDoc) and not doc.home and home_map:
        doc.home = home_map.home_for(doc.source, doc.url)
    return doc


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
    """All the articles of one text, or its error alone: a worker's result, sent back whole."""
    found = list(_articles_of(doc, engine, home, date, raise_errors))
    return found[-1] if found and isinstance(found[-1], InputError) else found


def _articles_of(doc: InputDoc, engine: str, home: str | None, date: str | None, raise_errors: bool) -> Iterator[Article | InputError]:
    """The articles of one text as they are made (so a long page's are not all held at once), and
    its error if its extraction fails (the articles made before it are given)."""
    from okg.extract.pipeline import iter_articles  # the analysis modules, loaded when a text comes

    try:
        yield from iter_articles(doc.text, source=doc.source, engine=_started(engine), home=doc.home or home, date=doc.date or date,
                                 doc_id=doc.id, url=doc.url, title=doc.title)
        settle_extraction()  # the first text loaded the lexicons and gazetteers: out of the collector's sight
    except EngineUnavailable:
        raise
    except Exception as e:  # one bad input must not stop the rest; it is reported
        if raise_errors:
            raise
        yield InputError(doc.source, f"extraction failed: {type(e).__name__}: {e}")
