"""Back-references: 潘部长强调…, 石书记, 刘县长 (a title-only reference), and 小兰同志强调 (a given name
with 同志) name a person the article has already named in full (区委常委、组织部部长潘国强, 邓小兰);
they are that person, never a new one.

    back_reference_at(body, pos, clause_end, lex) -> span of 潘部长 at pos, or None
    resolve_back_references(mentions, acts, lex)   renames each to its person, or drops it
    addressed_given_names(known, text, lex)         the given names of known names that stand as
                                                    小兰同志 or 小兰、衍志同志 in the text
"""

from __future__ import annotations

import re

from okg.extract.lexicon import Lexicon
from okg.extract.text import Body

HONORIFIC = "同志"
CJK = re.compile(r"[\u4e00-\u9fff]")


def back_reference_at(body: Body, pos: int, clause_end: int, lex: Lexicon) -> tuple[int, int] | None:
    """A surname and a title (潘部长, 王副县长) starting at `pos`, followed as a name is."""
    text = body.text
    if text[pos] not in lex.surnames:
        return None
    rest = pos + 1 + (text.startswith("副", pos + 1))
    for title in lex.titles_at(text, rest):  # longest first
        if text.startswith(title, rest) and rest + len(title) <= clause_end:
            end = rest + len(title)
            after = text[end:end + 1]
            if end == clause_end or after in "，。、；：等在" or lex.starts_with_role_word(text[end:end + 4]):
                return pos, end
            return None
    return None


def is_back_reference(name: str, lex: Lexicon) -> bool:
    rest = name[1:].removeprefix("副")
    return name[0] in lex.surnames and lex.title_suffix(rest) == rest


def _given_name(name: str, lex: Lexicon) -> str | None:
    """邓小兰 -> 小兰 (a single surname and two characters); None for other names."""
    return name[1:] if len(name) == 3 and name[:2] not in lex.surnames else None


def addressed_given_names(known: set[str], text: str, lex: Lexicon) -> set[str]:
    """Given names of known names that the text uses with 同志 (小兰同志, 小兰、衍志同志)."""
    given = {g for g in (_given_name(n, lex) for n in known) if g}
    used: set[str] = set()
    at = text.find(HONORIFIC) if given else -1
    while at >= 0:
        used |= _given_names_before(text, at, given)
        at = text.find(HONORIFIC, at + 1)
    return used


def _given_names_before(text: str, end: int, given: set[str]) -> set[str]:
    """小兰、衍志 right before `end`, standing as words (no Chinese character before the first)."""
    names = set()
    while end >= 2 and text[end - 2:end] in given:
        names.add(text[end - 2:end])
        end -= 2
        if end >= 1 and text[end - 1] == "、":
            end -= 1
        else:
            return names if end == 0 or not CJK.match(text, end - 1) else set()
    return set()


def resolve_back_references(mentions: list, acts: list, lex: Lexicon) -> list:
    """Each back-reference becomes the one person of the article with that surname (the one holding
    that title when several share it); with none or several it is dropped, from the acts too.
    Returns the mentions kept."""
    given = {_given_name(m.name, lex): m.name for m in mentions}
    full = [m for m in mentions if not is_back_reference(m.name, lex) and m.name not in given]
    full_ids = {id(m) for m in full}  # not `m in full`: a comparison with every mention, per mention
    dropped = set()
    for m in mentions:
        if id(m) in full_ids:
            continue
        person = given.get(m.name) or _referent(m.name, full, lex)
        if person is None:
            dropped.add(id(m))
        else:
            m.name, m.positions = person, []
            m.support.add("back_reference")
    if dropped:
        for act in acts:
            act.people = [p for p in act.people if id(p) not in dropped]
        acts[:] = [a for a in acts if a.people]
    return [m for m in mentions if id(m) not in dropped]


def _referent(reference: str, full: list, lex: Lexicon) -> str | None:
    surname, title = reference[0], reference[1:]
    same = {m.name for m in full if m.name.startswith(surname) and m.name[:2] not in lex.surnames}
    if len(same) > 1:  # several of that surname: the one whose title ends like the reference's
        same = {m.name for m in full if m.name in same and any(t.title.endswith(title) for t in m.positions)}
    return same.pop() if len(same) == 1 else None
