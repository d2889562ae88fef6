"""Settings read from the environment: one set for every route (local script, Docker, CI)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# scripts/neo4j-local generates the local Neo4j's password at its first start and keeps it here, in
# its instance folder (OKG_NEO4J_DIR, default .neo4j), readable by its owner only.
NEO4J_PASSWORD_FILE = "password"


def neo4j_dir(env=os.environ) -> Path:
    """The instance folder of scripts/neo4j-local (a relative OKG_NEO4J_DIR is taken from the repository root)."""
    folder = Path(env.get("OKG_NEO4J_DIR") or ".neo4j").expanduser()
    return folder if folder.is_absolute() else ROOT / folder


def local_neo4j_password(env=os.environ) -> str | None:
    """The password scripts/neo4j-local generated for its instance, or None before its first start."""
    try:
        return (neo4j_dir(env) / NEO4J_PASSWORD_FILE).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None

# The Host header values the API answers to: a web page on another name that resolves to this machine
# (DNS rebinding) is refused, so it cannot read /export. OKG_TRUSTED_HOSTS adds names, comma-separated
# (`okg.example.org,*.example.org`; `*` trusts every name).
DEFAULT_TRUSTED_HOSTS = ("127.0.0.1", "localhost")


def trusted_hosts(extra: str | None) -> tuple[str, ...]:
    """The default trusted hosts and the comma-separated names of `extra` (OKG_TRUSTED_HOSTS)."""
    names = [n.strip() for n in (extra or "").split(",") if n.strip()]
    return tuple(dict.fromkeys([*DEFAULT_TRUSTED_HOSTS, *names]))


@dataclass(frozen=True)
class Settings:
    neo4j_uri: str
    neo4j_user: str
    neo4j_password: str | None  # None: no NEO4J_PASSWORD and no local instance's password yet
    neo4j_database: str
    data_dir: Path
    hanlp_jar: str | None
    api_key: str | None
    trusted_hosts: tuple[str, ...] = DEFAULT_TRUSTED_HOSTS

    @classmethod
    def from_env(cls) -> "Settings":
        env = os.environ
        return cls(
            neo4j_uri=env.get("NEO4J_URI", "bolt://127.0.0.1:7687"),
            neo4j_user=env.get("NEO4J_USER", "neo4j"),
            neo4j_password=env.get("NEO4J_PASSWORD") or local_neo4j_password(env),
            neo4j_database=env.get("NEO4J_DATABASE", "neo4j"),
            data_dir=Path(env.get("OKG_DATA_DIR", "data")),
            hanlp_jar=env.get("OKG_HANLP_JAR") or None,
            api_key=env.get("OKG_API_KEY") or None,
            trusted_hosts=trusted_hosts(env.get("OKG_TRUSTED_HOSTS")),
        )
