"""The extraction rules as data (extract/data/rules.toml): each fact's evidence names the rule that
made it, and each rule carries an example that is its unit test (tests/test_rules.py).

    RULES: tuple[Rule, ...]      in the file's order
    rule(rule_id) -> Rule        KeyError for an id the file does not declare
    HandTokens(rule.tokens)      an engine that answers with the example's tokens, so the example
                                 runs without HanLP
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from okg.extract.engines.base import Token


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    example: str
    tokens: tuple[str, ...]  # what the engine gives for the example's body, one call a line: 县委/nt 书记/nnt …
    expect: dict


@cache
def _rules() -> tuple[Rule, ...]:
    data = tomllib.loads(resources.files("okg.extract").joinpath("data/rules.toml").read_text(encoding="utf-8"))
    return tuple(
        Rule(r["id"], r["description"], r["example"], tuple(r.get("tokens", "").splitlines()), r["expect"]) for r in data["rule"]
    )


RULES = _rules()


def rule(rule_id: str) -> Rule:
    for r in RULES:
        if r.id == rule_id:
            return r
    raise KeyError(f"no rule {rule_id!r} in extract/data/rules.toml")


class HandTokens:
    """An engine whose answers are written by hand: each call takes the next line of tokens, which
    must spell the text it is asked for."""

    name = "hand"

    def __init__(self, lines: tuple[str, ...]):
        self.lines = list(lines)

    def tokenize(self, sentence: str) -> list[Token]:
        if not self.lines:
            raise ValueError(f"no hand-written tokens left for {sentence!r}")
        tokens, at = [], 0
        for item in self.lines.pop(0).split():
            text, _, pos = item.rpartition("/")
            tokens.append(Token(text, pos, at, at + len(text)))
            at += len(text)
        spelled = "".join(t.text for t in tokens)
        if spelled != sentence.replace(" ", "").replace("\n", "") and spelled != sentence:
            raise ValueError(f"hand-written tokens spell {spelled!r}, not {sentence!r}")
        return tokens

    def tokenize_many(self, sentences: list[str]) -> list[list[Token]]:
        return [self.tokenize(s) for s in sentences]
