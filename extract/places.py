"""Places (province down to village, and venues) and agencies named in a body.

An administrative place is found by its suffix (镇, 村, 县 ...) and grown leftwards over the tokens of
its name, stopping at a higher place, which then contains it: 横水镇西灌底村 -> 西灌底村 in 横水镇.
Names without a suffix (山西) are looked up in the gazetteer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from okg.divisions import divisions
from okg.extract.lexicon import Lexicon
from okg.extract.text import Body

LEVEL = {"province": 0, "city": 1, "county": 2, "town": 3, "village": 4, "venue": 5}
# tags that may stand inside a place name (柳/ng 庄村/ns, 西/f 灌底村/ns, 南樊/nr 镇/n)
NOT_NAME_TAGS = ("ad",)  # 深入(ad)青山镇: an adverb, though its tag starts like an adjective's
NAME_TAGS = ("ns", "nr", "ng", "n", "j", "f", "nz", "a", "b", "vg", "ag", "nx", "s", "gi", "nis")
# 主会场设在X / 在X召开 / 于X举行
VENUE_AT = re.compile(r"(?:设在|位于)([^，。；：“”]{2,60})")
VENUE_LEADS = re.compile(r"(?:在|于)([^，。、；：“”在于]{2,30}?)(?=召开|举行|举办|设立|设|开班|进行)")
SUB_VENUES = re.compile(r"([^，。；：“”在于]{2,30}?)设(?:立)?(?:“)?分会场")
# each with a word that every match of it holds: a sentence without the word is not searched (a
# pattern that does not begin with a literal, as SUB_VENUES, is tried by the regex engine at every character)
VENUE_PATTERNS = ((VENUE_AT, ""), (VENUE_LEADS, ""), (SUB_VENUES, "分会场"))


@dataclass(slots=True)
class PlaceMention:
    name: str
    kind: str
    start: int
    end: int
    parent: str | None = None
    rule: str = "place.suffix"


def find_places(body: Body, lex: Lexicon) -> list[PlaceMention]:
    found: list[PlaceMention] = []
    tokens = body.tokens
    gazetteer = divisions().kinds
    final_chars = lex.place_final_chars
    # the tokens that end like a place or are tagged one: few, so they are picked out in one pass (over
    # every token: unpacked, not read by attribute, and the tag's head compared, not asked startswith,
    # a method call that costs twice as much)
    candidates = [i for i, (text, pos, _, _) in enumerate(tokens) if text[-1] in final_chars or pos[:2] == "ns"]
    for i in candidates:
        token = tokens[i]
        kind = _suffix_kind(token.text, lex)
        if kind is None:
            # 白河|镇 or 白河|大桥: the gazetteer's name begins a town's or a site's name, not the county's
            bare_suffix_next = i + 1 < len(tokens) and (
                tokens[i + 1].text in lex.bare_place_suffixes or tokens[i + 1].text.endswith(lex.site_suffixes)
            )
            if token.pos.startswith("ns") and token.text in gazetteer and not bare_suffix_next and not _joined(token.text, token.start, found, lex):
                found.append(PlaceMention(token.text, gazetteer[token.text], token.start, token.end, rule="place.gazetteer"))
            continue
        bare = token.text in lex.bare_place_suffixes
        start = token.start
        j = i - 1
        # grow over name tokens: up to 5 characters before the suffix, never over a place or a stop word
        while j >= 0 and tokens[j].pos.startswith(NAME_TAGS) and token.end - tokens[j].start <= 7:
            if _suffix_kind(tokens[j].text, lex) or (tokens[j].text in gazetteer and not bare):
                break
            if tokens[j].pos in NOT_NAME_TAGS:
                break
            if lex.place_kind(body.text[tokens[j].start:token.end]) is None:
                break
            if len(token.text) > 2 and tokens[j].pos.startswith(("n", "vg", "a", "b")) and not tokens[j].pos.startswith(("ng", "nr", "ns")):
                break  # a whole place token (灌底村) is not grown over a common word, only over name pieces
            start = tokens[j].start
            j -= 1
        name = body.text[start:token.end]
        kind = lex.place_kind(name)
        if kind is None or len(name) < 2 or name in lex.not_places or _joined(name, start, found, lex):
            continue
        if name.startswith(lex.glued_verbs):
            continue  # 带领部分市、县人大代表: a verb the recognizer read with what follows it
        found.append(PlaceMention(name, kind, start, token.end))
    _contain(found, body.text)
    return found


def _joined(name: str, start: int, found: list[PlaceMention], lex: Lexicon) -> bool:
    """新华村|和县|经济开发区: a two-character name opened by a joining word right after a place is
    that word and the next name's first character (places.toml [joining])."""
    return len(name) == 2 and name[0] in lex.place_joiners and bool(found) and found[-1].end == start


def _suffix_kind(text: str, lex: Lexicon) -> str | None:
    """Kind of a token that ends a place name: a whole name (大交镇) or a bare suffix (镇)."""
    return lex.bare_place_suffixes.get(text) or lex.place_kind(text)


def _contain(places: list[PlaceMention], text: str) -> None:
    """A place written right after a higher one is inside it (横水镇柳庄村); the next of a list of
    places of one kind is inside the same place (杭州市余杭区、临平区)."""
    for prev, cur in zip(places, places[1:]):
        if prev.end == cur.start and LEVEL[prev.kind] < LEVEL[cur.kind]:
            cur.parent = prev.name
        elif text[prev.end:cur.start] == "、" and prev.kind == cur.kind and prev.parent and cur.parent is None:
            cur.parent = prev.parent


def find_venues(body: Body, lex: Lexicon) -> list[PlaceMention]:
    """Venues of an event: 主会场设在X, 在X召开, X设分会场."""
    found = []
    for sentence in body.sentences:
        for pattern, needed in VENUE_PATTERNS:
            if needed not in sentence.text:
                continue
            for m in pattern.finditer(sentence.text):
                for part in re.split("[、和及]", m.group(1)):
                    part = part.strip("“”\"' ")
                    if _is_venue(part, lex):
                        start = sentence.start + sentence.text.find(part, m.start(1))
                        found.append(PlaceMention(part, "venue", start, start + len(part), rule="place.venue"))
    return found


def _is_venue(name: str, lex: Lexicon) -> bool:
    return len(name) >= 3 and name.endswith(lex.venue_suffixes) and "会场" not in name


def target_kind(name: str, lex: Lexicon) -> str:
    """What an inspected target is: an administrative place, an agency or a venue."""
    kind = lex.place_kind(name) or divisions().kinds.get(name)
    if kind:
        return kind
    if name.endswith(("指挥部", "党委", "政府", "委员会", "办公室", "局", "委", "办", "检察院", "法院", "公安局", "派出所", "党支部", "村委会")):
        return "agency"
    return "venue"
