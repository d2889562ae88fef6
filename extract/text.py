"""An article body cut into sentences and clauses, with the engine's tokens, all in body offsets."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter

from okg.extract.engines.base import Engine, Token

SENTENCE_END = "。！？!?\n"
CLAUSE_END = "，,；;：:"
CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(slots=True)
class Clause:
    start: int  # body offsets
    end: int
    text: str
    sentence: "Sentence"
    index: int  # position in the sentence


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str
    clauses: list[Clause] = field(default_factory=list)


@dataclass(slots=True)
class Body:
    """A body with its tokens; every span the extractor keeps is an offset pair into `text`."""

    text: str
    tokens: list[Token]
    sentences: list[Sentence]
    _starts: list[int] = field(default_factory=list, repr=False)
    _by_start: dict[int, Token] = field(default_factory=dict, repr=False)
    _sentence_starts: list[int] = field(default_factory=list, repr=False)
    # token_at(offset): the token that starts at `offset`, if one does. The readers ask it of every
    # token, so it is the dict's own lookup, with no Python function around it.
    token_at: Callable[[int], Token | None] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._starts = list(map(attrgetter("start"), self.tokens))
        self._by_start = dict(zip(self._starts, self.tokens))
        self._sentence_starts = list(map(attrgetter("start"), self.sentences))
        self.token_at = self._by_start.get

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """Tokens wholly inside [start, end)."""
        tokens = self.tokens
        first = stop = bisect_left(self._starts, start)
        while stop < len(tokens) and tokens[stop].end <= end:  # no copy of the tokens after them
            stop += 1
        return tokens[first:stop]

    def sentence_at(self, offset: int) -> Sentence:
        """The sentence holding `offset` (the last one when none does): sentences are in order and
        do not overlap, so the only candidate is the last one starting at or before `offset`."""
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return self.sentences[-1]


CLOSING_QUOTES = "”」』"
# where a sentence ends (the end of a match): after SENTENCE_END, or after the closing quote that
# follows 。！？ (a closing quote after 。 belongs to the sentence it closes). Both alternatives open
# with a character class, so the regex engine skips to the next candidate character at C speed (a
# lookbehind for the 。 before the quote made it try both at every character).
SENTENCE_BREAK = re.compile(f"[{re.escape(SENTENCE_END)}](?![{CLOSING_QUOTES}])|[。！？][{CLOSING_QUOTES}]")
CLAUSE_BREAK = re.compile(f"[{re.escape(CLAUSE_END)}]")


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    start = 0
    for m in SENTENCE_BREAK.finditer(text):
        _add_sentence(sentences, text, start, m.end())
        start = m.end()
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
    clauses = sentence.clauses
    clause_start = start
    for m in CLAUSE_BREAK.finditer(text, start, end):  # a clause ends before its punctuation
        cut = m.start()
        if cut > clause_start:
            clauses.append(Clause(clause_start, cut, text[clause_start:cut], sentence, len(clauses)))
        clause_start = cut + 1  # (the punctuation is one character)
    if end > clause_start:  # the last clause, when the sentence does not end with clause punctuation
        clauses.append(Clause(clause_start, end, text[clause_start:end], sentence, len(clauses)))
    sentences.append(sentence)


def analyse(text: str, engine: Engine) -> Body:
    """Tokenize the body in one engine call and cut it into sentences and clauses."""
    return Body(text=text, tokens=engine.tokenize(text), sentences=split_sentences(text))


def has_cjk(text: str) -> bool:
    return bool(CJK.search(text))
