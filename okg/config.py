"""Settings read from the environment: one set for every route (local script, Docker, CI)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The password scripts/neo4j-local and docker-compose.yml give the local Neo4j. Local use only:
# set NEO4J_PASSWORD for anything reachable from elsewhere.
DEFAULT_NEO4J_PASSWORD = "okg-local-password"


@dataclass(frozen=True)
class Settings:
    neo4j_uri: str
    neo4j_user: str
    neo4j_password: str
    neo4j_database: str
    data_dir: Path
    hanlp_jar: str | None
    api_key: str | None

    @classmethod
    def from_env(cls) -> "Settings":
        env = os.environ
        return cls(
            neo4j_uri=env.get("NEO4J_URI", "bolt://127.0.0.1:7687"),
            neo4j_user=env.get("NEO4J_USER", "neo4j"),
            neo4j_password=env.get("NEO4J_PASSWORD", DEFAULT_NEO4J_PASSWORD),
            neo4j_database=env.get("NEO4J_DATABASE", "neo4j"),
            data_dir=Path(env.get("OKG_DATA_DIR", "data")),
            hanlp_jar=env.get("OKG_HANLP_JAR") or None,
            api_key=env.get("OKG_API_KEY") or None,
        )
