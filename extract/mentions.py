"""A name as the people reader finds it in a clause (NameMention), the posts read with it
(TitleMention), and what makes a token a name at all: the pieces people.py and name_lists.py share."""

from __future__ import annotations

from dataclasses import dataclass, field

from okg.extract.engines.base import Token
from okg.extract.lexicon import Lexicon

# the tags of proper nouns: a token so tagged is no common word
PROPER_TAGS = ("nr", "ns", "nz", "nx", "j", "ng")
# an adverb and a preposition, which the tagger may read together as a name (都|向他们, 也|对群众)
ADVERB_CHARS = frozenset("都也还就又才已均亦再仍正皆")
PREPOSITION_CHARS = frozenset("向对在把被从给为将跟")
# a mention's support (NameMention.support) and the rule it stands for, strongest first
PERSON_RULES = (
    ("back_reference", "person.back_reference"),
    ("list_head", "person.list_head"),
    ("title", "person.title_before"),
    ("title_after", "person.title_after"),
    ("list", "person.in_list"),
    ("descriptor", "person.descriptor_before"),
    ("listed_item", "person.listed_item"),
    ("village_before", "person.village_before"),
    ("known", "person.known_name"),
)
TAIL = 12  # longer than any title or group label with its modifiers


@dataclass(slots=True)
class NameMention:
    name: str
    start: int  # body offsets
    end: int
    chain_start: int  # start of the title chain before the name, or the name itself
    support: set[str] = field(default_factory=set)  # title, title_after, list, list_head, descriptor, village_before, listed_item, byline, known
    positions: list["TitleMention"] = field(default_factory=list)
    group_label: str | None = None

    @property
    def rule(self) -> str:
        """The reading that makes the mention a person, the strongest first (extract/data/rules.toml)."""
        for support, rule in PERSON_RULES:
            if support in self.support:
                return rule
        return "person.subject"

    @property
    def confidence(self) -> float:
        if "title" in self.support or "title_after" in self.support:
            return 0.95
        if self.support & {"list", "byline", "descriptor"}:
            return 0.9
        return 0.8


@dataclass(slots=True)
class TitleMention:
    title: str
    org: str | None
    start: int  # span of the chain element in the body
    end: int
    carried: str | None = None  # the org prefix carried from the element before (组织部 -> 市委组织部)
    rule: str = "position.title_before"  # how it was read (extract/data/rules.toml)


def is_name_token(token: Token, lex: Lexicon) -> bool:
    if not token.pos.startswith("nr") or token.pos == "nrf" or token.text[-1] in lex.not_name_final_chars:
        return False  # 龙泉村, 杨坡镇: a place the tagger took for a name
    if lex.title_suffix(token.text[1:]) == token.text[1:]:
        return False  # 原主席, 潘部长: a title, or a title-only reference, is no name
    if adverb_and_preposition(token.text):
        return False
    return 2 <= len(token.text) <= 4 and lex.has_surname(token.text)


def adverb_and_preposition(piece: str) -> bool:
    """领导都向他们: an adverb and a preposition, which the tagger may take for a name."""
    return len(piece) == 2 and piece[0] in ADVERB_CHARS and piece[1] in PREPOSITION_CHARS


def text_tail(text: str, lo: int, end: int) -> str:
    """The last characters of text[lo:end]: enough to read a title or label ending there."""
    return text[max(lo, end - TAIL):end]
