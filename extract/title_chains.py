"""Title chains: the titles written before a name (市委常委、组织部部长赵晔: 常委 of 市委 and 部长 of
市委组织部), where each one's body begins, and a title written right after a name (习近平总书记).
extract/people.py finds the names; this module reads the posts around them.
"""

from __future__ import annotations

import re

from okg.extract.lexicon import Lexicon
from okg.extract.mentions import TitleMention
from okg.extract.text import Body

# part-of-speech tags that end an organization name, walking back from its title: punctuation,
# prepositions, conjunctions, particles, adverbs, verbs (but not verbal nouns), pronouns, times
ORG_STOP_TAGS = ("w", "p", "c", "u", "d", "v", "r", "t", "y", "e", "o", "m", "q")
ORDINAL = re.compile(r"^第?[一二三四五六七八九十百零〇0-9]+$|^第$")
SESSION_COUNTERS = ("次", "届", "期")
PARTY = "中共"
FORMER = ("原", "前任", "时任")
TERM_QUALIFIERS = ("往届", "历届", "历任", "本届")  # which term of a body the posts are of
# the end of a working group's name: an ordinal, what it does, 组 (第八巡视组, 第三督导组)
GROUP_NAME = re.compile(r"(?:第[一二三四五六七八九十百0-9]+)?[\u4e00-\u9fff]{2}组$")


def parse_chain(prefix: str, prefix_start: int, body: Body, lex: Lexicon, at_clause_start: bool = False) -> tuple[list[TitleMention], str | None, int]:
    """Read the title chain that ends `prefix` (the clause text right before a name).

    Returns the titles (left to right), a group label if the chain ends in one (县领导), and where
    the chain starts. Elements are separated by 、 or 兼; each must end in a title or a group label.
    """
    elements: list[tuple[int, int, bool]] = []  # spans in body offsets, right to left; after a separator?
    end = prefix_start + len(prefix)
    pos = len(prefix)
    while pos > 0:
        cut = max(prefix.rfind("、", 0, pos), prefix.rfind("兼", 0, pos))
        elements.append((prefix_start + cut + 1, prefix_start + pos, cut >= 0))
        if cut < 0:
            break
        pos = cut
    titles: list[TitleMention] = []
    label = None
    chain_start = end
    for i, (s, e, separated) in enumerate(elements):
        text = body.text[s:e]
        title = lex.title_suffix(text)
        if title is None:
            if i == 0:
                label = lex.group_label(text)
                if label:
                    chain_start = s  # 县上及开发区领导: the whole element names the group
            break
        # after 、 or 兼 the whole element is the post (县退役军人事务局局长: 退役 is no verb here);
        # the chain's first element may begin with other words (会议由县委副书记): walk back over the org
        org_start = s if separated else org_name_start(body, s, e - len(title))
        if org_start - len(PARTY) >= s and body.text.startswith(PARTY, org_start - len(PARTY)):
            org_start -= len(PARTY)  # 中|共|黔东南州委: the tagger may split the party's name off its committee
        if at_clause_start and not separated and org_start > s and _only_words(body, s, org_start):
            org_start = s  # 县退役军人事务局局长 opening a clause: the verb-like word is part of the name
        if org_start == e - len(title) and TOP_BODIES.match(body.text[s:org_start]):
            org_start = s  # 县政协党组|成员: the tagger's token crossed the title; the element is a body's
        if org_start == e - len(title):
            org_start = _group_start(body, s, e - len(title), org_start)
        org = body.text[org_start:e - len(title)] or None
        if org and org.startswith(FORMER):
            chain_start = org_start  # 原县委书记: a post once held is no position now
            continue
        titles.append(TitleMention(title, org, org_start, e))
        chain_start = org_start
        if org_start > s:  # the element began with words that are not part of an org: the chain ends
            break
    titles.reverse()
    if len(titles) > 1:  # (an org is carried from one element to the next)
        _carry_orgs(titles, lex)
    qualified = titles and body.text.endswith(TERM_QUALIFIERS, prefix_start, chain_start)  # (all at once, in C, first)
    qualifier = next(q for q in TERM_QUALIFIERS if body.text.endswith(q, prefix_start, chain_start)) if qualified else ""
    return titles, label, chain_start - len(qualifier)  # 往届汶上县政协主席张在正: the chain takes in 往届


def _group_start(body: Body, start: int, end: int, default: int) -> int:
    """Where a working group's name begins before its title, when the tagger cut it so that no
    token ends the name (省委|第|八|巡视|组组|长: 组长 of 省委第八巡视组); else `default`."""
    m = GROUP_NAME.search(body.text, start, end)
    if m is None:
        return default
    return org_name_start(body, start, m.start())


def _only_words(body: Body, start: int, end: int) -> bool:
    """Nothing but nouns and verbs between start and end (no preposition, particle, punctuation...)."""
    tokens = body.tokens_in(start, end)
    return bool(tokens) and tokens[0].start == start and all(t.pos.startswith(("n", "v", "b", "j", "a")) for t in tokens)


def org_name_start(body: Body, start: int, end: int) -> int:
    """Walk back from a title over tokens that can be part of an org name (县委, 第六督导组)."""
    org_start = end
    tokens = body.tokens_in(start, end)
    for i in range(len(tokens) - 1, -1, -1):
        token = tokens[i]
        ordinal = token.pos.startswith("m") and ORDINAL.match(token.text) is not None  # 第六督导组, 第|三巡察组
        # 第十七届人民代表大会第五次会议常务主席: the session's counter (次, 届) belongs to the body's name
        counter = token.text in SESSION_COUNTERS and i > 0 and ORDINAL.match(tokens[i - 1].text) is not None
        if not token.pos.startswith(ORG_STOP_TAGS) or token.pos in ("vn", "vg") or ordinal or counter:
            org_start = token.start
        else:
            break
    return org_start


# a level word an org may start with, to be completed from the element before: 村委 -> 柳庄村村委
LEVEL_WORDS = {"村": "village", "镇": "town", "乡": "town", "县": "county", "市": "city", "省": "province"}
TOP_BODIES = re.compile(r"^(.{0,8}?(?:省委|市委|县委|区委|州委|旗委|党委|党工委|政府|人大常委会|人大|政协))$")


def _carry_orgs(titles: list[TitleMention], lex: Lexicon) -> None:
    """Give an element that names no jurisdiction the prefix of the element before it."""
    for prev, cur in zip(titles, titles[1:]):
        if not cur.org or not prev.org:
            continue
        org = cur.org
        first = org[0]
        if first in LEVEL_WORDS and not lex.place_kind(org[:3]) and not org.startswith(("县委", "市委", "省委")):
            # 村委 after 柳庄村党支部: take the place of that level from the element before
            match = re.search(r"([\u4e00-\u9fff]{1,5}" + first + ")", prev.org)
            if match and lex.place_kind(match.group(1)):
                place = re.split("[省市县区镇乡]", match.group(1)[:-1])[-1] + first  # 横水镇柳庄村 -> 柳庄村
                cur.carried = place
                cur.org = place + org
            continue
        if org[0] in "省市县区州镇乡村中国全" or lex.place_kind(org):
            continue
        top = TOP_BODIES.match(prev.org)
        if top:
            cur.carried = prev.org
            cur.org = prev.org + org


def title_after(body: Body, name_end: int, lex: Lexicon) -> str | None:
    """A title written right after a name (习近平总书记); never a name's own org."""
    token = body.token_at(name_end)
    if token is None or not token.pos.startswith(("nnt", "n")):
        return None
    title = lex.title_suffix(token.text)
    return title if title == token.text else None
