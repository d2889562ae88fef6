"""Lists of names, read after the names of a clause: the first item of a list whatever its
surname, items the tagger left between names, posts a list shares (副市长赵明、孙立军; 李小军、薛少游常委),
lists whose items are places (国华、高阳等乡镇) and lists of people with their villages
(大寨牛丰先、罗村王天太等群众)."""

from __future__ import annotations

import re
from dataclasses import replace

from okg.extract.lexicon import Lexicon
from okg.extract.mentions import PROPER_TAGS, NameMention, is_name_token, text_tail
from okg.extract.text import Body, Clause

LIST_ITEM = re.compile(r"、([\u4e00-\u9fff]{2,3})(?=、|等|一行|以及|及|和|与|$)")
CJK_ITEM = re.compile(r"[\u4e00-\u9fff]+")
COUNT = re.compile(r"(?:\d+|[一二三四五六七八九十两]+)[户名位个]")
ITEM_REACH = 12  # the longest item of a list of places with names: a village, a group, a descriptor, a name
PLACE_LIST_ITEMS = re.compile(r"(?:、[\u4e00-\u9fff]{1,8})*")


def list_head_before(body: Body, pos: int, clause: Clause, lex: Lexicon, found: list[NameMention]) -> tuple[int, int] | None:
    """区领导占仁义、周徐胤、…: at the second name of a list, the item before its 、 is the first name
    when a title or a group label stands before it, whatever its first character (a surname the
    lexicon lacks sinks no list); the item after the 、 must be a name too."""
    text = body.text
    if text[pos - 1:pos] != "、" or (found and found[-1].end >= pos - 3):
        return None
    after = body.token_at(pos)
    if not (after is not None and is_name_token(after, lex)) and LIST_ITEM.match(text, pos - 1, clause.end) is None:
        return None
    for length in (3, 2):
        start = pos - 1 - length
        if start < clause.start or body.token_at(start) is None or (found and found[-1].end > start):
            continue
        item = text[start:pos - 1]
        inside = body.tokens_in(start, pos - 1)
        # (a word the tagger made of a name, 白羽/b, is one when a surname opens it and a name the
        # tagger reads follows it: 县领导白羽、赵华锋)
        one_word = len(inside) == 1 and not inside[0].pos.startswith(PROPER_TAGS)
        if one_word and after is not None and is_name_token(after, lex) and lex.has_surname(item):
            one_word = False
        if one_word or not CJK_ITEM.fullmatch(item) or not may_be_name(item, lex):
            continue  # 干部、党员: a common word
        before = text_tail(text, clause.start, start)
        if lex.group_label(before) or (lex.title_suffix(before) and not before.endswith(tuple(lex.group_labels))):
            return start, pos - 1
    return None


def fill_list_gap(found: list[NameMention], until: int, body: Body, lex: Lexicon) -> None:
    """尚文林、他石红、吴炳峰: an item of two or three characters between names of a list (or ending
    it) is a name too, whatever its first character; it holds the posts the list shares."""
    before = found[-1]
    if not body.text.startswith("、", before.end, until) or not (before.support & {"list", "title"}):
        return  # (the cheap test first: LIST_ITEM begins with the 、 after the name)
    m = LIST_ITEM.match(body.text[before.end:until])
    if m is None or not may_be_name(m.group(1), lex):
        return
    start = before.end + 1
    mention = NameMention(m.group(1), start, start + len(m.group(1)), start, support={"list"})
    before.support.add("list")
    share_titles(before, mention)
    found.append(mention)


def may_be_name(item: str, lex: Lexicon) -> bool:
    """Not a title, a group, a place or a body (副县长, 领导, 城关镇, 县委)."""
    return not (
        lex.title_suffix(item) or lex.group_label(item) or lex.place_kind(item) or lex.agency_suffix(item)
        or item[-1] in lex.not_name_final_chars
    )


def share_titles(before: NameMention, mention: NameMention) -> None:
    """副市长赵明、孙立军: a bare name listed right after a name with a title chain holds the same
    posts (a group label before the list, 县领导A、B, is no post and gives none)."""
    chain = [t for t in before.positions if t.end <= before.start]  # not a title written after the name
    if chain:
        mention.positions = [replace(t, rule="position.shared_in_list") for t in chain]
        mention.support.add("title")


def title_after_list(found: list[NameMention], mention: NameMention, body: Body) -> None:
    """李小军、薛少游、李国庆常委: a title after the last name of a list is that of each bare name before it."""
    title = mention.positions[-1]
    later = mention
    for before in reversed(found):
        if body.text[before.end:later.start] != "、" or before.positions:
            break
        before.positions.append(replace(title, rule="position.list_title_after"))
        before.support.add("title_after")
        later = before


def named_items(found: list[NameMention], clause: Clause, body: Body, lex: Lexicon) -> None:
    """大寨牛丰先、会卦郝桂花、罗村王天太等群众: in a list closed by 等 and a word for people, each item
    ends in a name the tagger reads there; the words before it are its place."""
    text = body.text
    closer = text.find("等", clause.start, clause.end)
    if closer < 0 or not _closes_people(text, closer + 1, lex):
        return
    ends = [closer]
    while (cut := text.rfind("、", max(clause.start, ends[-1] - ITEM_REACH), ends[-1])) >= 0:
        ends.append(cut)
    for end in ends:
        span = _item_name(body, end, lex)
        if span is None:
            continue
        read = [m for m in found if m.start < span[1] and span[0] < m.end]
        if any(m.support for m in read):
            continue  # 老党员王明启: read already, and supported
        for m in read:
            found.remove(m)  # 丰先 read without support: the item's name is 牛丰先
        found.append(NameMention(text[span[0]:span[1]], *span, span[0], support={"listed_item"}))
    found.sort(key=lambda m: m.start)


def _closes_people(text: str, at: int, lex: Lexicon) -> bool:
    """等5户困难群众, 等群众: (a count and) a word for people follows 等."""
    count = COUNT.match(text, at)
    at = count.end() if count else at
    return any(text[at:at + n] in lex.person_descriptor_words for n in (2, 3, 4))


def _item_name(body: Body, end: int, lex: Lexicon) -> tuple[int, int] | None:
    """The name the tagger reads at the end of an item (郝桂花/nr), with the surname it cut off (牛|丰先)."""
    inside = body.tokens_in(end - 3, end)
    token = inside[-1] if inside and inside[-1].end == end else None
    if token is None or not is_name_token(token, lex) or len(token.text) > 3:
        return None
    before = body.token_at(token.start - 1) if len(token.text) == 2 else None
    if before is not None and len(before.text) == 1 and before.text in lex.surnames and not before.pos.startswith(("ns", "nt", "w")):
        return before.start, end  # 牛/n 丰先/nr
    return token.start, end


def in_place_list(mention: NameMention, clause: Clause, body: Body, lex: Lexicon) -> bool:
    """国华、高阳、盐河等乡镇: an untitled name-like item of a list that 等 and a word for places or bodies
    close is a place or a body."""
    text = body.text
    closer = text.find("等", mention.end, clause.end)  # (the cheap test first: most names close no list)
    if closer < 0 or mention.support & {"title", "title_after", "back_reference"}:
        return False
    if not PLACE_LIST_ITEMS.fullmatch(text, mention.end, closer):
        return False
    after = body.token_at(closer + 1)
    if after is None or after.text not in lex.place_list_closers:
        return False
    head = body.token_at(after.end)  # the closer heads its phrase (等县|四套班子领导: 县 does not)
    return head is None or not head.pos.startswith(("n", "m", "q", "a", "b"))


# 中茂广场、谭台综合市场: what follows an item's name up to the next delimiter
ITEM_REST = re.compile(r"[\u4e00-\u9fff]{1,6}(?=[、，。；和及等]|$)")


def opens_site_name(mention: NameMention, clause: Clause, body: Body, lex: Lexicon) -> bool:
    """中茂广场、谭台综合市场: an untitled name-like start of a list item that ends in a site (综合市场,
    超市, 广场: a venue suffix of two characters or more) is the site's name, no person's; so is the
    start of a place's (格日朝鲁苏木、阿日昆|都楞镇: a transliterated town's name the tagger cut)."""
    if body.text[mention.start - 1:mention.start] not in ("、", "和", "及", "到", "在"):
        return False  # (the cheap test first: most names open no item)
    if mention.support & {"title", "title_after", "back_reference", "known", "byline"}:
        return False
    rest = ITEM_REST.match(body.text, mention.end, clause.end)
    if rest is None:
        return False
    suffix = lex.venue_suffix(rest.group(0))
    if suffix is not None and len(suffix) >= 2:
        return True
    # (阿日昆|都楞镇调研: the place may end before what is done there, within the item: not 林玉棕等驻镇…)
    for end in range(rest.start() + 1, rest.end() + 1):
        if body.text[end - 1] in "和及与等的":
            return False
        if lex.place_kind(body.text[mention.start:end]):
            return True
    return False
