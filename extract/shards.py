"""A folder of facts shards: what `okg extract --cluster -o OUTDIR` writes and `okg load OUTDIR` reads.

    OUTDIR/part-00000.jsonl, part-00001.jsonl, …   articles one a line (as `okg extract --format jsonl`),
                                                    SHARD_ARTICLES a shard, in input order
    OUTDIR/manifest.json   {"format": "okg-shards/1", "inputs": [...], "articles": N, "skipped": K,
                            "errors": ["source: message", ...], "shards": [{"file": ..., "articles": n}, ...]}

    out = ShardFolder.open("OUTDIR")        # OutputRefused (one line) when OUTDIR holds files or is a file
    out.write(article); out.commit(inputs=..., errors=...); or out.discard()
    shard_files(Path("OUTDIR")) -> [Path] | None     # None: not a shard folder (no manifest.json)

The shards are written into a hidden folder beside OUTDIR (`.OUTDIR.PID.tmp`), renamed to OUTDIR
with its manifest when the run is done: a run that stops leaves OUTDIR as it was.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from okg.extract.inputs import BadInput, InputError, parse_json
from okg.output import OutputRefused

MANIFEST = "manifest.json"
FORMAT = "okg-shards/1"
SHARD_ARTICLES = 10_000  # articles a shard: about 50 MB of facts, a file any tool opens whole


class ShardFolder:
    def __init__(self, target: Path, temp: Path, shard_articles: int = SHARD_ARTICLES):
        self.target, self.temp, self.shard_articles = target, temp, shard_articles
        self.name = str(target)
        self.count = 0
        self.shards: list[dict] = []
        self._file = None
        self.written = False  # standard output is never written (a cluster run's output is a folder)

    @classmethod
    def open(cls, path: str | None, shard_articles: int = SHARD_ARTICLES) -> "ShardFolder":
        if not path or path == "-":
            raise OutputRefused("--cluster writes a folder of shards: give -o OUTDIR")
        target = Path(path)
        if target.exists() and not target.is_dir():
            raise OutputRefused(f"cannot write {path}: it is a file; --cluster writes a folder of shards")
        if target.is_dir() and any(target.iterdir()):
            raise OutputRefused(f"cannot write {path}: the folder holds files; give a new or empty folder")
        temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            temp.mkdir(parents=False)
        except OSError as e:
            raise OutputRefused(f"cannot write {path}: {e.strerror or e}") from None
        return cls(target, temp, shard_articles)

    def write(self, article) -> None:
        if self._file is None or self.shards[-1]["articles"] >= self.shard_articles:
            self._next_shard()
        self._file.write(article.model_dump_json() + "\n")
        self.shards[-1]["articles"] += 1
        self.count += 1

    def _next_shard(self) -> None:
        self._close_shard()
        self.shards.append({"file": f"part-{len(self.shards):05d}.jsonl", "articles": 0})
        self._file = open(self.temp / self.shards[-1]["file"], "w", encoding="utf-8")

    def _close_shard(self) -> None:
        if self._file is not None:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
            self._file = None

    def close(self) -> None:
        """The articles are all written (ArticleWriter's step; the manifest comes with commit)."""

    def commit(self, inputs: list[str] = (), errors: list[str] = (), skipped: int = 0, **about) -> None:
        """Write the manifest and put the folder in place. OSError when that fails (the disk is full)."""
        try:
            self._close_shard()
            manifest = {"format": FORMAT, **about, "inputs": list(inputs), "articles": self.count, "skipped": skipped,
                        "errors": list(errors), "shards": self.shards}
            (self.temp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            if self.target.is_dir():
                self.target.rmdir()  # empty (checked at open): the shards take its place
            os.replace(self.temp, self.target)
        except OSError:
            self.discard()
            raise

    def discard(self) -> None:
        """Leave OUTDIR as it was."""
        if self._file is not None:
            self._file.close()
            self._file = None
        shutil.rmtree(self.temp, ignore_errors=True)


def shard_files(folder: Path) -> list[Path] | InputError | None:
    """The shards of a folder `okg extract --cluster` wrote, in order, from its manifest; None when the
    folder is not one (no manifest.json), an InputError when its manifest cannot be read."""
    manifest = folder / MANIFEST
    if not folder.is_dir() or not manifest.is_file():
        return None
    try:
        about = parse_json(manifest.read_bytes())
    except (OSError, BadInput) as e:
        return InputError(str(manifest), getattr(e, "strerror", None) or str(e))
    shards = about.get("shards") if isinstance(about, dict) else None
    if not isinstance(shards, list) or not all(isinstance(s, dict) and isinstance(s.get("file"), str) for s in shards):
        return InputError(str(manifest), 'not a manifest of shards (no "shards" list of {"file": ...})')
    return [folder / Path(s["file"]).name for s in shards]
