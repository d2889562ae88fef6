"""Conflicts between the role words of one predicate, settled by named filters.

A predicate may hold words of several roles (陪同调研: ACCOMPANIED and INSPECTED). Each filter
below looks at what was found and names the roles to drop, with its reason; roles.toml
[conflicts] lists them in the order they apply (a role dropped by one is gone for the next).

    settle(found, lex) -> the roles left
"""

from __future__ import annotations

from dataclasses import dataclass

from okg.extract.lexicon import Lexicon


@dataclass(slots=True)
class Found:
    """The role words of a predicate's window: each role, and where its first word stands."""

    window: str
    first: dict[str, int]

    @property
    def roles(self) -> set[str]:
        return set(self.first)


def leading_to_attend(found: Found, lex: Lexicon) -> set[str]:
    """率队参加晚会: a party led to attend an event is no visit (带队到村里指导 is)."""
    if "INSPECTED" not in found.first:
        return set()  # (the cheap test first: no visit to drop)
    window = found.window
    led = min((window.find(w) for w in lex.leading if w in window), default=-1)
    if led < 0 or found.first.get("INSPECTED") != led:
        return set()
    others = [w for w in lex.role_words["INSPECTED"] if w in window and w not in lex.leading]
    attends = any(window.find(w) > led for w in lex.leading_attending if w in window)
    return {"INSPECTED"} if attends and not others else set()


def joining_is_not_leading(found: Found, lex: Lexicon) -> set[str]:
    """参加督导: who joins an inspection does not lead it."""
    if "INSPECTED" not in found.first:
        return set()  # (the cheap test first: no inspection to drop)
    joined = min((found.window.find(w) for w in lex.joining if w in found.window), default=-1)
    return {"INSPECTED"} if 0 <= joined < found.first.get("INSPECTED", -1) else set()


def an_inspection_is_not_guidance(found: Found, lex: Lexicon) -> set[str]:
    """调研指导: an inspection that guides is an inspection."""
    return {"GUIDED"} if "INSPECTED" in found.first else set()


def accompanying_is_not_leading(found: Found, lex: Lexicon) -> set[str]:
    """陪同调研: who accompanies an inspection does not lead it."""
    return {"INSPECTED"} if "ACCOMPANIED" in found.first else set()


def heard_is_not_spoken(found: Found, lex: Lexicon) -> set[str]:
    """听取了我县工作汇报: a report heard is not spoken (but 听取汇报并讲话 is)."""
    if "SPOKE" not in found.first or not lex.heard.search(found.window):
        return set()
    rest = lex.heard.sub(" ", found.window)
    return set() if any(w in rest for w in lex.role_words["SPOKE"]) else {"SPOKE"}


def an_inspection_spoken_of(found: Found, lex: Lexicon) -> set[str]:
    """宣读了巡察工作安排 / 强调要加强督导检查: an inspection spoken of, not one made."""
    spoke, inspected = found.first.get("SPOKE"), found.first.get("INSPECTED")
    return {"INSPECTED"} if spoke is not None and inspected is not None and spoke < inspected else set()


FILTERS = {f.__name__: f for f in (
    leading_to_attend, joining_is_not_leading, an_inspection_is_not_guidance, accompanying_is_not_leading, heard_is_not_spoken,
    an_inspection_spoken_of,
)}


def settle(found: Found, lex: Lexicon) -> set[str]:
    for name in lex.role_conflicts:
        for role in FILTERS[name](found, lex):
            found.first.pop(role, None)
    return found.roles
