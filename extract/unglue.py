"""Tokens the recognizer glued across a verb: HanLP's organization recognizer sometimes reads a
name, a verb and an organization as one organization (孙建华带领市政协 in 市政协主席孙建华带领市政协
视察组来我县). Such a token is cut at the verb and each side tagged again on its own, so the name
before the verb is found and the organization after it keeps its name.

The verbs are those of leading a group somewhere (agencies.toml [glued]); they never stand inside a
real agency name.
"""

from __future__ import annotations

from okg.extract.engines.base import Engine, Token
from okg.extract.lexicon import Lexicon
from okg.extract.text import Body


def unglue(body: Body, engine: Engine, lex: Lexicon) -> Body:
    tokens: list[Token] = []
    for token in body.tokens:
        cut = _verb_inside(token, lex) if token.pos.startswith("nt") else None
        if cut is None:
            tokens.append(token)
            continue
        at, verb = cut
        head, tail = token.text[:at], token.text[at + len(verb):]
        tokens += _retagged(head, token.start, engine)
        tokens.append(Token(verb, "v", token.start + at, token.start + at + len(verb)))
        tokens += _retagged(tail, token.start + at + len(verb), engine)
    if len(tokens) == len(body.tokens):
        return body
    return Body(text=body.text, tokens=tokens, sentences=body.sentences)


def _verb_inside(token: Token, lex: Lexicon) -> tuple[int, str] | None:
    """Where a leading verb stands inside the token (not at its start: that is cut by the agency reader)."""
    for verb in lex.glued_verbs:
        at = token.text.find(verb, 1)
        if at > 0:
            return at, verb
    return None


def _retagged(text: str, offset: int, engine: Engine) -> list[Token]:
    if not text:
        return []
    return [Token(t.text, t.pos, t.start + offset, t.end + offset) for t in engine.tokenize(text)]
