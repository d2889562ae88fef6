"""`okg extract INPUTS --cluster tcp://HOST:8786 -o OUTDIR` (or `--cluster local:N`): extraction on
a Dask distributed cluster (`pip install 'okg[dask]'`).

    cluster_address(text) -> str        # argparse type of --cluster: tcp://HOST:PORT (tls://…) or local:N
    extract_on_cluster(paths, address, settings, on_problem, progress) -> Iterator[Article]

The client lists the inputs (folders expanded, fsspec URLs listed, nothing read) and cuts them into
tasks of about TASK_BYTES: a few files, or blocks of a large JSONL file (whose lines the workers
count first, so each block knows the number of its first line). The workers read and extract them
(extract/cluster_tasks.py), each with one engine started by a worker plugin, and the client takes
the results back in input order, a bounded number in flight (extract/parallel.py's in_order), so
they pass the same home and id checks and make the same facts as `okg extract` in one process.

A task whose worker dies is run again on another worker: the scheduler does this by itself, until
the task has been on `distributed.scheduler.allowed-failures` workers that died (3 by default);
then its inputs are reported as skipped. A task that raises is retried TASK_RETRIES times.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import time
from contextlib import contextmanager
from typing import Callable, Iterator

from okg.extract.engines import EngineUnavailable
from okg.extract.inputs import FOLDER_SUFFIXES, InputError, list_inputs

TASK_BYTES = 1 << 20  # input a task (--task-bytes): a few seconds of one engine, what is done again when its worker dies
TASK_FILES = 64  # files a task at most, so a folder of small pages still spreads over the workers
COUNT_BLOCKS = 64  # blocks of a JSONL file one counting task reads
TASK_RETRIES = 2
WORKER_WAIT_S = 600  # how long to wait for the first worker of a cluster (a batch queue may be slow)
_ADDRESS = re.compile(r"(tcp|tls|ws|wss|ucx)://[^\s/]+")


class ClusterUnavailable(RuntimeError):
    """The cluster cannot be used (Dask not installed, the scheduler unreachable, no worker); one line."""


def cluster_address(text: str) -> str:
    """argparse type of --cluster."""
    if m := re.fullmatch(r"local:(\d+)", text):
        if int(m[1]) >= 1:
            return text
    elif _ADDRESS.fullmatch(text):
        return text
    raise argparse.ArgumentTypeError(f"{text!r} is not a cluster: give a scheduler's address, tcp://HOST:8786, or local:N for N local workers")


def extract_on_cluster(paths: list[str], address: str, settings, on_problem: Callable[[InputError], None],
                       progress: bool = False, task_bytes: int = TASK_BYTES) -> Iterator:
    """The articles of the inputs, extracted on the cluster, in input order, in tasks of about
    `task_bytes` of input; each input or record that gives nothing goes to `on_problem`. Raises
    ClusterUnavailable or EngineUnavailable."""
    from okg.progress import Progress

    with _client(address) as client:
        from okg.extract.cluster_tasks import EnginePlugin

        client.register_plugin(EnginePlugin(settings.engine))
        try:
            tasks = _tasks(client, _pieces(paths), task_bytes)
            bar = Progress(sum(len(t) for t in tasks if isinstance(t, list)), "extract", enabled=progress)
            for result in _results(client, tasks, settings):
                if isinstance(result, _TaskDone):
                    bar.step(result.pieces)
                elif isinstance(result, InputError):
                    on_problem(result)
                else:
                    yield result
            bar.close()
        except (OSError, TimeoutError) as e:  # the scheduler went away; the results not in are lost
            raise ClusterUnavailable(f"lost the Dask cluster at {address}: {type(e).__name__}: {e}") from None


@contextmanager
def _client(address: str):
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterUnavailable("--cluster needs Dask distributed: pip install 'okg[dask]'") from None
    # Dask's own warnings in this process (an event loop slow on a busy machine, a worker lost and
    # its tasks run again) are handled here; what the run cannot get past is one line of okg's
    logging.getLogger("distributed").setLevel(logging.ERROR)
    if address.startswith("local:"):
        # its workers' logs too: what fails there (the engine, a task) comes back to the client and is said once;
        # the scheduler's HTTP server on a free port of this machine (8787 may be another cluster's)
        cluster = LocalCluster(n_workers=int(address[6:]), threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0",
                               silence_logs=logging.CRITICAL)
        with cluster, Client(cluster) as client:
            yield client
        return
    import dask

    try:  # Dask's own setting, so DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT=5s shortens it
        client = Client(address, timeout=dask.config.get("distributed.comm.timeouts.connect"))
    except (OSError, TimeoutError) as e:
        raise ClusterUnavailable(f"cannot reach the Dask scheduler at {address}: {e}") from None
    with client:
        try:
            client.wait_for_workers(1, timeout=WORKER_WAIT_S)
        except TimeoutError:
            raise ClusterUnavailable(f"no worker joined the Dask cluster at {address} in {WORKER_WAIT_S} s") from None
        yield client


# --- inputs to tasks -------------------------------------------------------------------------------


def _pieces(paths: list[str]) -> list:
    """Every input as a Piece (a whole file), or the InputError of what cannot be listed."""
    from okg.extract.cluster_tasks import Piece

    found: list = []
    for p in paths:
        if "://" in p:
            found += _url_pieces(p)
            continue
        for item in list_inputs([p]):
            if isinstance(item, InputError):
                found.append(item)
                continue
            try:
                size = os.stat(item).st_size
            except OSError:
                size = 0  # the worker that reads it says why it cannot
            found.append(Piece(item, os.path.abspath(item), size))
    return found


def _url_pieces(url: str) -> list:
    """The files of an fsspec URL: one file, or a folder's .txt/.jsonl/.json files in sorted order
    (hidden ones passed over), as list_inputs lists a local folder."""
    import fsspec

    from okg.extract.cluster_tasks import Piece

    try:
        fs, root = fsspec.core.url_to_fs(url)
        if not fs.isdir(root):
            return [Piece(url, url, int(fs.info(root).get("size") or 0))]
        files = fs.find(root, detail=True)
    except FileNotFoundError:
        return [InputError(url, "no such file or folder")]
    except (ImportError, OSError, ValueError) as e:  # no package for the protocol, no access, a bad URL
        return [InputError(url, f"cannot list ({type(e).__name__}: {e})")]
    base = url.rstrip("/")
    found = []
    for path in sorted(files):
        rel = path[len(root.rstrip("/")):].lstrip("/")
        if rel.lower().endswith(FOLDER_SUFFIXES) and not any(part.startswith(".") for part in rel.split("/")):
            found.append(Piece(f"{base}/{rel}", fs.unstrip_protocol(path), int(files[path].get("size") or 0)))
    return found or [InputError(url, "folder holds no .txt, .jsonl or .json files", warning=True)]


def _tasks(client, pieces: list, task_bytes: int) -> list:
    """The pieces cut and grouped into tasks (lists of pieces) in input order, errors between them."""
    tasks, current, size = [], [], 0
    for piece in _split_jsonl(client, pieces, task_bytes):
        if isinstance(piece, InputError):
            tasks += [current, piece] if current else [piece]
            current, size = [], 0
            continue
        bytes_ = (piece.end - piece.start) if piece.end is not None else piece.size
        if current and (size + bytes_ > task_bytes or len(current) >= TASK_FILES):
            tasks.append(current)
            current, size = [], 0
        current.append(piece)
        size += bytes_
    return tasks + ([current] if current else [])


def _split_jsonl(client, pieces: list, task_bytes: int) -> list:
    """JSONL files larger than a task cut into blocks of `task_bytes`, each with its first line's
    number, counted on the workers; a file of blank lines is an empty input, as it is read whole."""
    from dataclasses import replace

    from okg.extract.cluster_tasks import count_lines

    large = [p for p in pieces if not isinstance(p, InputError) and p.name.lower().endswith(".jsonl") and p.size > task_bytes]
    counted = {}
    for piece in large:
        blocks = [(s, min(s + task_bytes, piece.size)) for s in range(0, piece.size, task_bytes)]
        groups = [blocks[i:i + COUNT_BLOCKS] for i in range(0, len(blocks), COUNT_BLOCKS)]
        counted[piece] = (blocks, client.map(count_lines, [piece.url] * len(groups), groups, pure=False, retries=TASK_RETRIES))
    out = []
    for piece in pieces:
        if isinstance(piece, InputError) or piece not in counted:
            out.append(piece)
            continue
        blocks, futures = counted[piece]
        counts = [c for group in client.gather(futures) for c in group]
        if all(blank for _, blank in counts):
            out.append(InputError(piece.name, "empty input"))
            continue
        first = 1
        for (start, end), (lines, _) in zip(blocks, counts):
            out.append(replace(piece, start=start, end=end, first_line=first))
            first += lines
    return out


# --- tasks to results, in order --------------------------------------------------------------------


class _TaskDone:
    """Said after a task's results: how many pieces it held (for the progress bar)."""

    def __init__(self, pieces: int):
        self.pieces = pieces


def _results(client, tasks: list, settings) -> Iterator:
    from okg.extract.cluster_tasks import extract_pieces
    from okg.extract.parallel import in_order

    def submit(task: list) -> Callable[[], list]:
        future = client.submit(extract_pieces, task, settings, pure=False, retries=TASK_RETRIES)
        return lambda: _outcome(future, task)

    for result in in_order(tasks, submit, _Window(client)):
        if isinstance(result, InputError):
            yield result
        else:
            yield from result


def _outcome(future, task: list) -> list:
    """A task's articles and errors, then its size; a task given up by the cluster (its workers
    died, or it raised) is each of its inputs reported once."""
    from distributed import KilledWorker

    try:
        found = future.result()
    except EngineUnavailable:
        raise
    except KilledWorker as e:
        found = _given_up(task, f"skipped: the workers extracting it died ({e})")
    except Exception as e:  # the task raised TASK_RETRIES + 1 times; the other tasks go on
        found = _given_up(task, f"extraction failed on the cluster: {type(e).__name__}: {e}")
    finally:
        future.release()
    return [*found, _TaskDone(len(task))]


def _given_up(task: list, message: str) -> list[InputError]:
    names = dict.fromkeys(p.name if p.end is None else f"{p.name}:{p.first_line}" for p in task)
    return [InputError(name, message) for name in names]


class _Window:
    """Tasks in flight: two for each worker thread, so none waits, counted again every few seconds
    as workers join or leave."""

    EVERY_S = 5.0

    def __init__(self, client):
        self.client, self.size, self.at = client, 2, float("-inf")

    def __call__(self) -> int:
        if time.monotonic() - self.at >= self.EVERY_S:
            self.size = max(2, 2 * sum(self.client.nthreads().values()))
            self.at = time.monotonic()
        return self.size
