"""An article body cut into sentences and clauses, with the engine's tokens, all in body offsets."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from okg.extract.engines.base import Engine, Token

SENTENCE_END = "。！？!?\n"
CLAUSE_END = "，,；;：:"
CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass
class Clause:
    start: int  # body offsets
    end: int
    text: str
    sentence: "Sentence"
    index: int  # position in the sentence
    subject: list = field(default_factory=list)  # who acts in it, as read by roles.read_acts


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    clauses: list[Clause] = field(default_factory=list)


@dataclass
class Body:
    """A body with its tokens; every span the extractor keeps is an offset pair into `text`."""

    text: str
    tokens: list[Token]
    sentences: list[Sentence]
    _starts: list[int] = field(default_factory=list, repr=False)
    _by_start: dict[int, Token] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._starts = [t.start for t in self.tokens]
        self._by_start = {t.start: t for t in self.tokens}

    def token_at(self, offset: int) -> Token | None:
        """The token that starts at `offset`, if one does."""
        return self._by_start.get(offset)

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """Tokens wholly inside [start, end)."""
        out = []
        for t in self.tokens[bisect_left(self._starts, start):]:
            if t.end > end:
                break
            out.append(t)
        return out

    def sentence_at(self, offset: int) -> Sentence:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return self.sentences[-1]


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    start = 0
    for i, ch in enumerate(text):
        # a closing quote after 。 belongs to the sentence it closes
        if ch in SENTENCE_END and not (i + 1 < len(text) and text[i + 1] in "”」』"):
            _add_sentence(sentences, text, start, i + 1)
            start = i + 1
        elif ch in "”」』" and i > 0 and text[i - 1] in "。！？":
            _add_sentence(sentences, text, start, i + 1)
            start = i + 1
    _add_sentence(sentences, text, start, len(text))
    return sentences


def _add_sentence(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return
    sentence = Sentence(start, end, text[start:end])
    clause_start = start
    for i in range(start, end):
        if text[i] in CLAUSE_END or i == end - 1:
            clause_end = i if text[i] in CLAUSE_END else i + 1
            if clause_end > clause_start:
                sentence.clauses.append(
                    Clause(clause_start, clause_end, text[clause_start:clause_end], sentence, len(sentence.clauses))
                )
            clause_start = i + 1
    sentences.append(sentence)


def analyse(text: str, engine: Engine) -> Body:
    """Tokenize the body in one engine call and cut it into sentences and clauses."""
    return Body(text=text, tokens=engine.tokenize(text), sentences=split_sentences(text))


def has_cjk(text: str) -> bool:
    return bool(CJK.search(text))
