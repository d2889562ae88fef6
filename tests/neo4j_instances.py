"""The tests' own Neo4j servers: one per pytest-xdist worker, since tests empty the database they use.

Worker gw0 (or a run without -n) uses .neo4j-test on Bolt 7697 / HTTP 7477; worker gwK uses
.neo4j-test-K on 7697+K / 7477+K (TEST_BOLT_PORT and TEST_HTTP_PORT move the first ports). None of them is the user's (.neo4j, 7687/7474). `make test` starts
one per worker, and one more for the `serial` tests it runs beside them, before pytest and stops
them after:

    python tests/neo4j_instances.py start 3    # .neo4j-test, .neo4j-test-1 and -2, started side by side
    python tests/neo4j_instances.py stop 3

Tests that stop, start or import into a Neo4j use a throw-away one of their own (`scratch`).

Test instances run the JVM's quick compiler only (TEST_JAVA_OPTS): a test's server and each neo4j-admin
run live seconds to minutes on small graphs, where the optimizing compiler's work costs more CPU
than it gives back (a start took 11-16 s with it off against 24-30 s with it on, both compilers
being the JVM's default, which scripts/neo4j-local keeps for users).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST_BOLT_PORT = int(os.environ.get("TEST_BOLT_PORT") or 7697)
FIRST_HTTP_PORT = int(os.environ.get("TEST_HTTP_PORT") or 7477)
TEST_JAVA_OPTS = "-XX:TieredStopAtLevel=1"


def instance(worker: int) -> dict[str, str]:
    """The variables that name worker `worker`'s instance, for scripts/neo4j-local and okg alike."""
    bolt = FIRST_BOLT_PORT + worker
    return {
        "OKG_NEO4J_DIR": ".neo4j-test" if worker == 0 else f".neo4j-test-{worker}",
        "NEO4J_BOLT_PORT": str(bolt),
        "NEO4J_HTTP_PORT": str(FIRST_HTTP_PORT + worker),
        "NEO4J_URI": f"bolt://127.0.0.1:{bolt}",
        "OKG_NEO4J_JAVA_OPTS": TEST_JAVA_OPTS,
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def scratch(folder: Path) -> dict[str, str]:
    """The environment of a throw-away instance in `folder` on free ports: this one's variables
    instead of those of the tests' own instance (the fetched jars are shared), a small heap, and
    time to start on a busy machine."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "OKG_NEO4J_"))}
    if os.environ.get("OKG_NEO4J_JARS"):
        env["OKG_NEO4J_JARS"] = os.environ["OKG_NEO4J_JARS"]
    bolt = free_port()
    env.update(OKG_NEO4J_DIR=str(folder), NEO4J_BOLT_PORT=str(bolt), NEO4J_HTTP_PORT=str(free_port()),
               NEO4J_URI=f"bolt://127.0.0.1:{bolt}", OKG_NEO4J_HEAP="512m", OKG_NEO4J_PAGECACHE="64m",
               OKG_NEO4J_START_TIMEOUT="300", OKG_NEO4J_JAVA_OPTS=TEST_JAVA_OPTS)
    return env


def chosen(environ: dict[str, str]) -> int | None:
    """The instance of this pytest: an xdist worker's by its number (PYTEST_XDIST_WORKER 'gw1': 1);
    else OKG_TEST_NEO4J_INSTANCE's (make test runs the serial tests beside the workers on the next
    one); else None when NEO4J_URI names one, which is used as it is; else the first."""
    worker = environ.get("PYTEST_XDIST_WORKER", "")
    if worker.startswith("gw"):
        return int(worker[2:])
    if environ.get("OKG_TEST_NEO4J_INSTANCE"):
        return int(environ["OKG_TEST_NEO4J_INSTANCE"])
    return None if environ.get("NEO4J_URI") else 0


def run_all(verb: str, workers: int) -> int:
    """`scripts/neo4j-local VERB` for every worker's instance at once; the worst exit status."""
    script = ROOT / "scripts" / "neo4j-local"
    runs = [subprocess.Popen([sys.executable, str(script), verb], cwd=ROOT, env={**os.environ, **instance(k)})
            for k in range(workers)]
    return max(run.wait() for run in runs)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("start", "stop") or not sys.argv[2].isdigit():
        sys.exit("usage: python tests/neo4j_instances.py start|stop WORKERS")
    sys.exit(run_all(sys.argv[1], max(1, int(sys.argv[2]))))
