"""Tokens the recognizer cut or glued wrongly around an organization.

* Glued across a verb: HanLP's organization recognizer sometimes reads a name, a verb and an
  organization as one organization (孙建华带领市政协 in 市政协主席孙建华带领市政协视察组来我县,
  县长李翔代表县人民政府). Such a token is cut at the verb and each side tagged again on its own, so
  the name before the verb is found and the organization after it keeps its name.
* Cut after a level word: the recognizer may leave out the level the organization belongs to
  (县|农业农村局), and in 县乡村振兴局 the segmenter takes 县乡 (county and township) for a word so
  that 村振兴局 is the organization; both pieces are one organization again.
* A place cut before its level character: 柳林|镇东坡|村 is 柳林镇|东坡|村.

The verbs are those of leading a group somewhere (agencies.toml [glued]); they never stand inside a
real agency name (率, which stands inside words, is cut only right after a name).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress, count, repeat
from operator import attrgetter

from okg.extract.engines.base import Engine, Token
from okg.extract.lexicon import Lexicon
from okg.extract.text import Body


def unglue(body: Body, engine: Engine, lex: Lexicon) -> Body:
    source = body.tokens
    tokens: list[Token] = []  # the tokens of source[:done], repaired
    done = 0
    changed = False
    for i in _organizations_and_places(source):  # every repair here ends at an organization or a place
        tokens += source[done:i]
        done = i + 1
        repaired = _repaired(tokens, source[i], engine, lex)
        if repaired is None:
            tokens.append(source[i])
        else:
            tokens += repaired
            changed = True
    return Body(text=body.text, tokens=tokens + source[done:], sentences=body.sentences) if changed else body


def _organizations_and_places(tokens: list[Token]) -> Iterator[int]:
    """The indexes of the tokens tagged nt* or ns*, found without a Python loop over every token
    (an article has hundreds, a few of them organizations or places)."""
    tagged = map(str.startswith, map(attrgetter("pos"), tokens), repeat(("nt", "ns")))
    return compress(count(), tagged)


def _repaired(tokens: list[Token], token: Token, engine: Engine, lex: Lexicon) -> list[Token] | None:
    """The tokens that replace `token` (and, where it joins them, the last of `tokens`, popped), or
    None when it stands as it is."""
    if tokens and _split_level_word(tokens[-2] if len(tokens) > 1 else None, tokens[-1], token, lex):
        before = tokens.pop()  # 县|农业农村局, 县乡|村振兴局
        return [Token(before.text + token.text, token.pos, before.start, token.end)]
    if tokens and _took_level_char(tokens[-1], token, lex):
        before = tokens.pop()  # 柳林|镇东坡|村 -> 柳林镇|东坡|村
        return [Token(before.text + token.text[0], before.pos, before.start, token.start + 1),
                Token(token.text[1:], token.pos, token.start + 1, token.end)]
    cut = _verb_inside(token, lex) if token.pos.startswith("nt") else None
    if cut is None:
        return None
    at, verb = cut
    head, tail = token.text[:at], token.text[at + len(verb):]
    return [*_retagged(head, token.start, engine), Token(verb, "v", token.start + at, token.start + at + len(verb)),
            *_retagged(tail, token.start + at + len(verb), engine)]


def _split_level_word(word_before: Token | None, before: Token, token: Token, lex: Lexicon) -> bool:
    """县|农业农村局, 县乡|村振兴局: a level word (县, or two level characters the segmenter took for its
    word 县乡, 市县, 乡镇) right before an organization is the organization's start, unless it ends
    a name before it (河水|乡|中心学校: 乡 is 河水乡's, and the school is the town's)."""
    levels = lex.level_chars
    return (
        token.pos.startswith("nt")
        and before.end == token.start
        and len(before.text) <= 2
        and all(ch in levels for ch in before.text)
        and not before.pos.startswith(("ns", "nr", "nt"))
        and (word_before is None or word_before.end < before.start or not word_before.pos.startswith("n"))
    )


def _took_level_char(before: Token, token: Token, lex: Lexicon) -> bool:
    """柳林|镇东坡|村: a place name cut before its level character, which went to the name after it."""
    return (
        before.pos.startswith("ns")
        and token.pos.startswith("ns")
        and before.end == token.start
        and len(token.text) >= 3
        and token.text[0] in lex.level_chars
        and lex.place_kind(before.text) is None
        and lex.place_kind(before.text + token.text[0]) is not None
    )


def _verb_inside(token: Token, lex: Lexicon) -> tuple[int, str] | None:
    """Where a leading verb stands inside the token (not at its start: that is cut by the agency reader)."""
    for verb in lex.glued_verbs:
        at = token.text.find(verb, 1)
        if at > 0:
            return at, verb
    for verb in lex.glued_verbs_after_names:
        at = token.text.find(verb, 1)
        if at > 0 and _ends_with_titled_name(token.text[:at], lex):
            return at, verb
    for verb in lex.glued_verbs_after_bare_names:
        at = token.text.find(verb, 2)
        if at > 0 and _is_name(token.text[:at], lex):
            return at, verb
    return None


def _is_name(text: str, lex: Lexicon) -> bool:
    """许健, 县长李翔, 龙小艾书记: a name of two or three characters, alone or with its title before or after it."""
    title = lex.title_suffix(text)
    if title is not None and title != text:
        text = text[: -len(title)]  # 龙小艾书记: the title after the name
    return (len(text) in (2, 3) and lex.has_surname(text)) or _ends_with_titled_name(text, lex)


def _ends_with_titled_name(text: str, lex: Lexicon) -> bool:
    """县长李翔: a title, then a name of two or three characters that begins with a surname."""
    return any(
        len(text) > n and lex.has_surname(text[-n:]) and lex.title_suffix(text[:-n]) is not None for n in (2, 3)
    )


def _retagged(text: str, offset: int, engine: Engine) -> list[Token]:
    if not text:
        return []
    return [Token(t.text, t.pos, t.start + offset, t.end + offset) for t in engine.tokenize(text)]
