"""HanLP 1.x through JPype: the default engine. Its portable jar carries its dictionaries and models,
so it runs offline. `scripts/fetch-hanlp` puts the jar in .jars/; OKG_HANLP_JAR points elsewhere.

One JVM per process. A whole text is segmented in one call and the result comes back as one string,
because crossing into Java once per token would cost more than the segmentation itself.
"""

from __future__ import annotations

import glob
import importlib.util
import os
import threading
from functools import partial
from itertools import accumulate
from pathlib import Path

from okg.config import ROOT
from okg.extract.engines.base import EngineUnavailable, Token

JVM_OPTIONS = "-Xmx1g -XX:+UseSerialGC"
INSTALL_HINT = "run `scripts/fetch-hanlp` (needs Maven) or set OKG_HANLP_JAR to a com.hankcs:hanlp portable jar"


def find_jar() -> str:
    configured = os.environ.get("OKG_HANLP_JAR")
    if configured:
        if not Path(configured).is_file():
            raise EngineUnavailable(f"OKG_HANLP_JAR={configured} is not a file; {INSTALL_HINT}")
        return configured
    for folder in (Path.cwd() / ".jars", ROOT / ".jars"):
        jars = sorted(glob.glob(str(folder / "hanlp-portable-*.jar")))
        if jars:
            return jars[-1]
    raise EngineUnavailable(f"HanLP jar not found; {INSTALL_HINT}")


def missing() -> str | None:
    """Why this engine cannot run here (JPype or the jar missing), without starting anything; None when it can."""
    if importlib.util.find_spec("jpype") is None:
        return "the hanlp engine needs JPype1: pip install JPype1"
    try:
        find_jar()
    except EngineUnavailable as e:
        return str(e)
    return None


class HanLPEngine:
    name = "hanlp"
    _lock = threading.Lock()  # HanLP's segmenters are not documented as thread-safe

    def __init__(self) -> None:
        try:
            import jpype
        except ImportError as e:  # pragma: no cover - JPype1 is a core dependency
            raise EngineUnavailable("JPype1 is missing: pip install JPype1") from e
        jar = find_jar()
        if not jpype.isJVMStarted():
            try:
                # One GC thread: HanLP's garbage is short-lived and small, and a parallel collector's
                # threads would fight the extractor for the core. Both compilers (the JVM's default):
                # the optimizing one costs CPU over the first few hundred pages and then makes HanLP
                # faster for the rest of a long run (bench/extract.py on one core after 300 pages:
                # 138-142k chars/s against 117-123k with the quick compiler only, which is ahead only
                # in the first 50 pages or so)
                options = os.environ.get("OKG_HANLP_JVM_OPTIONS", JVM_OPTIONS).split()
                jpype.startJVM(*options, "-Dfile.encoding=UTF-8", classpath=[jar], convertStrings=True)
            except OSError as e:
                raise EngineUnavailable(f"cannot start a JVM for HanLP ({e}); install Java 17 and set JAVA_HOME") from e
        hanlp = jpype.JClass("com.hankcs.hanlp.HanLP")
        self._segment = (
            hanlp.newSegment()
            .enableNameRecognize(True)
            .enablePlaceRecognize(True)
            .enableOrganizationRecognize(True)
        )

    def tokenize(self, sentence: str) -> list[Token]:
        if not sentence:
            return []
        with self._lock:
            rendered = str(self._segment.seg(sentence).toString())
        tokens = _parse_terms(rendered, sentence)
        if tokens is None:  # a word held the separator: ask term by term
            with self._lock:
                terms = [(str(t.word), str(t.nature)) for t in self._segment.seg(sentence)]
            tokens = _tokens(terms)
        return tokens

    def tokenize_many(self, sentences: list[str]) -> list[list[Token]]:
        return [self.tokenize(s) for s in sentences]


def _parse_terms(rendered: str, text: str) -> list[Token] | None:
    """Parse Java's `[word/nature, word/nature]`; None when it does not spell `text` back."""
    inner = rendered[1:-1]
    if "/" in text or ", " in text:  # a word may hold a separator: each term cut at its last /
        terms = [item.rpartition("/") for item in inner.split(", ")]
        if not all(slash for _, slash, _ in terms):
            return None
        words, natures = [word for word, _, _ in terms], [nature for _, _, nature in terms]
    else:  # every / and ", " is a separator (natures are letters and digits): two splits in C, no step per term
        parts = inner.replace(", ", "/").split("/")
        words, natures = parts[0::2], parts[1::2]
        if len(words) != len(natures):
            return None
    if "".join(words) != text:  # a word held the separator
        return None
    ends = list(accumulate(map(len, words)))
    return list(map(_new_token, zip(words, natures, [0, *ends[:-1]], ends)))


# Token(*fields) without the NamedTuple's Python-level __new__: an article has hundreds of tokens
_new_token = partial(tuple.__new__, Token)


def _tokens(terms: list[tuple[str, str]]) -> list[Token]:
    tokens, offset = [], 0
    for word, nature in terms:
        tokens.append(Token(word, nature, offset, offset + len(word)))
        offset += len(word)
    return tokens
