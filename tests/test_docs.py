"""Every command and request of README.md and api/README.md runs as printed, against what `make demo`
builds, and prints what the docs show (datasette's documentation tests are the model: the docs are
read from their files, so docs and code cannot drift). tests/docs_examples.py says how blocks are read.

- ```console blocks: `okg demo` builds the demo graph in a temporary data folder and serves it on a
  free port (one server per file, since the files' examples ingest); each `$ command` runs in bash
  with 127.0.0.1:8000 pointed at that server, and its output must be the one shown.
- ```sh/```bash blocks: each command runs in bash, in order, in a work folder where `.venv`,
  `fixtures`, `scripts`, `bench` and `cypher` are the repository's, with OKG_DATA_DIR holding the demo
  graph; each must exit 0. `okg serve` is started on a free port, must answer /health, and is stopped.
  Commands on Neo4j (`--store neo4j`, `scripts/neo4j-local`) run against the tests' Neo4j (NEO4J_URI,
  cleared first); without one they are skipped, naming them, and fail under CI.
- Blocks of other languages (```python: the Python API's own test) are not run here, and say so.
- The saved queries' headers name only endpoints the API has; their `:params` examples are run by
  tests/test_browser_queries.py, on the seed page with and without a year.
- `make demo` itself: its lines (one per step, no warnings, no colour), and every hint it ends with answers.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from docs_examples import Block, blocks, commands, console_steps, shows
from okg.config import ROOT
from neo4j_instances import free_port

DOCS = ["README.md", "api/README.md"]
ALL_BLOCKS = [b for doc in DOCS for b in blocks(ROOT, doc)]
RUNNABLE = {"console", "sh", "bash"}
SHOWN_PORT = "127.0.0.1:8000"
API_KEY = "docs-test-key"
LINKED = [".venv", "fixtures", "scripts", "bench", "cypher"]
COMMAND_TIMEOUT = 600
NEO4J_COMMAND = re.compile(r"--store neo4j|neo4j-local|neo4j-admin")
SERVE = re.compile(r"\bokg serve\b")
SHELL_COMMENT = re.compile(r"\s+#\s.*$")  # the docs' comments follow a command after spaces


def _env(**extra) -> dict:
    return {**os.environ, "PATH": f"{ROOT / '.venv' / 'bin'}:{os.environ['PATH']}", "NO_COLOR": "1", **extra}


class Demo:
    """`okg demo` (or `make demo`) running on a free port, with what it printed up to its last hint."""

    def __init__(self, argv: list[str], data_dir: Path, port: int, extra_env: dict | None = None):
        self.port, self.base, self.data_dir = port, f"http://127.0.0.1:{port}", data_dir
        env = _env(OKG_DATA_DIR=str(data_dir), **(extra_env or {}))
        for inherited in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS"):  # run as a user runs it, not as `make test`'s sub-make
            env.pop(inherited, None)
        self.proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True, start_new_session=True)
        self.lines: list[str] = []
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                raise AssertionError(f"{' '.join(argv)} exited {self.proc.wait()}:\n" + "".join(self.lines))
            self.lines.append(line.rstrip("\n"))
            if "--data-urlencode" in line:  # the last hint
                break
        self._wait_for_health()

    def _wait_for_health(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base}/health", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.2)
        raise AssertionError(f"the demo did not answer on {self.base}")

    def stop(self) -> None:
        os.killpg(self.proc.pid, signal.SIGTERM)  # make, and the okg demo it started
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def _bash(command: str, cwd: Path, env: dict, timeout: float = COMMAND_TIMEOUT) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)


def _workdir(tmp: Path) -> Path:
    for name in LINKED:
        (tmp / name).symlink_to(ROOT / name)
    return tmp


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """One demo per documentation file, started when its first console block runs."""
    started: dict[str, Demo] = {}

    def server(doc: str) -> Demo:
        if doc not in started:
            started[doc] = Demo([sys.executable, "-m", "okg.cli", "demo", "--port", str(port := free_port())],
                                tmp_path_factory.mktemp("demo-data"), port, {"OKG_API_KEY": API_KEY})
        return started[doc]

    yield server
    for demo in started.values():
        demo.stop()


@pytest.fixture(scope="module")
def shell(tmp_path_factory):
    """The work folder and environment of the sh blocks, its OKG_DATA_DIR holding the demo graph."""
    work = _workdir(tmp_path_factory.mktemp("docs-work"))
    env = _env(OKG_DATA_DIR=str(work / "data"), OKG_API_KEY=API_KEY)
    built = _bash(".venv/bin/okg demo --no-serve", work, env)
    assert built.returncode == 0, built.stdout + built.stderr
    return work, env


def _neo4j_cleared() -> bool:
    """Whether the tests' Neo4j answers (then it is cleared); unreachable is a failure under CI."""
    from okg.config import Settings
    from okg.graph.neo4j_store import Neo4jStore
    from okg.graph.store import StoreUnavailable

    try:
        store = Neo4jStore(Settings.from_env())
    except StoreUnavailable as e:
        if os.environ.get("CI"):
            pytest.fail(f"CI always starts Neo4j, but it is unreachable: {e}", pytrace=False)
        return False
    store.clear()
    store.close()
    return True


def _serve(command: str, cwd: Path, env: dict) -> None:
    """Start an `okg serve` of the docs on a free port, check it answers, stop it."""
    port = free_port()
    command = SHELL_COMMENT.sub("", command)
    command = re.sub(r"--port \d+", f"--port {port}", command) if "--port" in command else f"{command} --port {port}"
    proc = subprocess.Popen(["bash", "-c", command], cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert proc.poll() is None, f"{command} exited {proc.returncode}: {proc.stdout.read()}"
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
                assert r.status_code == 200 and "nodes" in r.json()["counts"], (command, r.text)
                return
            except httpx.TransportError:
                time.sleep(0.3)
        raise AssertionError(f"{command} did not answer in 60 s")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)


def _run_sh(block: Block, work: Path, env: dict) -> None:
    todo = commands(block)
    assert todo, f"{block.name}: a sh block without commands"
    neo4j = _neo4j_cleared() if any(NEO4J_COMMAND.search(c) for c in todo) else False
    left_out = []
    for command in todo:
        if NEO4J_COMMAND.search(command) and not neo4j:
            left_out.append(command)
        elif SERVE.search(command):
            _serve(command, work, env)
        else:
            done = _bash(command, work, env)
            assert done.returncode == 0, f"{block.name}: `{command}` exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    if left_out:
        pytest.skip(f"no Neo4j at {os.environ.get('NEO4J_URI')}; not run: " + "; ".join(left_out))


def _run_console(block: Block, demo: Demo, work: Path) -> None:
    env = _env(OKG_API_KEY=API_KEY)
    for command, shown in console_steps(block):
        done = _bash(command.replace(SHOWN_PORT, f"127.0.0.1:{demo.port}"), work, env)
        assert done.returncode == 0, f"{block.name}: `{command}` exited {done.returncode}: {done.stderr}"
        assert shows(shown, done.stdout), f"{block.name}: `{command}`\nshown:   {shown}\nprinted: {done.stdout}"
        saved = re.search(r"# saves (\S+)", command)
        if saved:
            assert (work / saved.group(1)).stat().st_size > 0, f"{block.name}: `{command}` saved nothing"


@pytest.mark.parametrize("block", ALL_BLOCKS, ids=[b.name for b in ALL_BLOCKS])
def test_every_example_runs_as_printed(block, servers, shell, tmp_path):
    if block.marker == "skip":
        pytest.skip(f"{block.name}: {block.reason}")
    if block.marker == "demo-output":
        demo = servers(block.doc)
        shown = [line.replace(SHOWN_PORT, f"127.0.0.1:{demo.port}").replace("/path/to/okg", str(ROOT))
                 .replace(" data/:", f" {demo.data_dir}/:") for line in block.text.splitlines()]
        assert demo.lines == shown, "\n".join(demo.lines)
        return
    assert block.marker is None, f"{block.name}: unknown marker {block.marker}"
    if block.lang not in RUNNABLE:
        pytest.skip(f"{block.name}: ```{block.lang or 'text'} is not a block of commands"
                    + (" (the Python API's test runs the python blocks)" if block.lang == "python" else ""))
    if block.lang == "console":
        _run_console(block, servers(block.doc), _workdir(tmp_path))
    else:
        _run_sh(block, *shell)


def test_the_docs_have_examples_of_each_kind():
    """The test above has something to run: it cannot pass on docs it fails to read."""
    kinds = {(b.doc, b.lang) for b in ALL_BLOCKS}
    assert {("README.md", "console"), ("README.md", "sh"), ("api/README.md", "console"), ("api/README.md", "sh")} <= kinds
    assert sum(len(console_steps(b)) for b in ALL_BLOCKS if b.lang == "console") >= 20
    assert [b for b in ALL_BLOCKS if b.marker == "demo-output"]


def test_shown_output_matches_only_what_it_shows():
    assert shows('{"items": [{"id": "person-1",\n  "name": "李翔"}], "total": 1}', '{"items":[{"id":"person-1","name":"李翔"}],"total":1}\n')
    assert shows('{"id": "p", …, "total": 3}', '{"id":"p","a":[1,2],"total":3}')
    assert shows('{"detail": "no person"}     # 404', '{"detail":"no person"}')
    assert not shows('{"total": 1}', '{"total":2}')
    assert not shows('{"name": "李 翔"}', '{"name":"李翔"}')  # spaces inside strings count
    assert not shows('{"id": "p", …}', '{"id":"q","a":1}')


# --- the saved queries' headers --------------------------------------------------------------------

CYPHER_FILES = sorted(p for folder in ("queries", "browser") for p in (ROOT / "cypher" / folder).glob("*.cypher"))
ENDPOINT = re.compile(r"(?:GET |, )(/[a-z][\w/{}.-]*)")


def _route_shape(path: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", path.split("?")[0]).rstrip(".")


def test_saved_query_headers_name_endpoints_the_api_has(embedded_store):
    from okg.api.app import create_app
    from okg.config import Settings

    app = create_app(embedded_store, Settings.from_env(), store_kind="embedded")
    routes = {_route_shape(path) for path in app.openapi()["paths"]}
    named = {}
    for path in CYPHER_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("//") and "GET " in line:
                named.update({_route_shape(e): path.name for e in ENDPOINT.findall(line)})
    assert len(named) >= 15
    missing = {e: f for e, f in named.items() if e not in routes}
    assert not missing, f"saved query headers name endpoints the API does not have: {missing}"


# --- make demo ---------------------------------------------------------------------------------------

STEP_PREFIXES = ("make: ", "fetch-hanlp: ", "okg demo: ", "  open ", "  try  ")


def _hint_answers(line: str, demo: Demo) -> None:
    if line.startswith("  open "):
        url = line.split()[1]
        r = httpx.get(url, timeout=30)
        assert r.status_code == 200 and len(r.text) > 200, line
        return
    done = _bash(line.strip().removeprefix("try").strip(), ROOT, _env())
    assert done.returncode == 0, (line, done.stderr)
    answer = json.loads(done.stdout)
    assert answer["total"] > 0 and answer["items"], line


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_demo_is_quiet_fetches_what_it_uses_and_its_hints_answer(tmp_path):
    planned = subprocess.run(["make", "-n", "demo"], cwd=ROOT, capture_output=True, text=True).stdout
    assert "neo4j-local fetch" not in planned and "fetch-hanlp" in planned  # Neo4j's jars are not the demo's
    port = free_port()
    demo = Demo(["make", "demo", f"PORT={port}"], tmp_path / "data", port)
    try:
        for line in demo.lines:
            assert line.startswith(STEP_PREFIXES), f"make demo printed more than its steps: {line!r}"
            assert "\x1b[" not in line and "warning" not in line.lower(), line
        hints = [line for line in demo.lines if line.startswith(("  open ", "  try  "))]
        for wanted in ("/ui/person/", "/events    #", "role=CHAIRED", "/inspections", "since=--", "--data-urlencode"):
            assert any(wanted in h for h in hints), f"no hint with {wanted}: {hints}"
        for line in hints:
            _hint_answers(line, demo)
    finally:
        demo.stop()
