"""People and the posts they hold, read from title chains: 市委常委、组织部部长赵晔 -> 赵晔 holds
常委 of 市委 and 部长 of 市委组织部.

A token the engine tags as a person name becomes a person only with support in the text: a title
chain before it, a title after it (习近平总书记), a list of names it stands in, or a role it takes as
the subject of a clause. The tagger's false names (闻垣段, 南樊镇) have none of these.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from okg.divisions import divisions
from okg.extract.engines.base import Token
from okg.extract.lexicon import Lexicon
from okg.extract.mentions import PROPER_TAGS, NameMention, TitleMention, adverb_and_preposition, is_name_token, text_tail
from okg.extract.name_lists import (
    CJK_ITEM, fill_list_gap, in_place_list, list_head_before, may_be_name, named_items, opens_site_name, share_titles, title_after_list,
)
from okg.extract.references import back_reference_at
from okg.extract.text import Body, Clause
from okg.extract.title_chains import FORMER, TOP_BODIES, org_name_start, parse_chain, title_after

# the rest of a list item after a name-like word: up to 、，等 (濮上|生态园项目、)
SITE_ITEM = re.compile(r"[^、，。；,;等\s]{1,12}(?=[、，。；,;等])")
# what may follow a name: punctuation, 等/一行/同志, or a verb, preposition or adverb
AFTER_NAME = re.compile(r"^(?:[，。、；：！？,.;:\s“”（）()]|等|一行|同志|$)")
AFTER_NAME_TAGS = ("v", "vi", "vn", "p", "d", "ad", "c", "cc", "u", "ude1", "udeng", "vshi", "vyou", "vf", "w", "f", "t", "r", "rr")
# prepositions, conjunctions, particles; and the tags of common words
FUNCTION_TAGS = ("p", "c", "cc", "u", "ude1", "uzhe", "ule", "uguo")
COMMON_WORD_TAGS = ("n", "vn", "v", "vi", "a", "an", "ad", "d", "r", "m", "q")
LIST_END = "、，。；等"
SELF_PLACE = re.compile("[我本该][省市县区镇乡村]")


def _name_at(body: Body, start: int, clause_end: int, lex: Lexicon, placed: bool = False) -> tuple[int, int] | None:
    """A name starting at `start` that the tagger may have missed (李/ng 翔/vg after 县长).
    `placed`: right after a title or a name of a list, where even a common word (白雪, 常青) is a
    name when a list delimiter or a role word follows it."""
    token = body.token_at(start)
    if token is not None and is_name_token(token, lex):
        return token.start, token.end
    if not lex.has_surname(body.text[start:start + 2]):
        return None
    # try 2, 3 (and 4 for double surnames) characters ending on a token boundary before a delimiter
    found = None
    for length in ((3, 4) if body.text[start:start + 2] in lex.surnames else (2, 3)):
        end = start + length
        if end > clause_end:
            break
        piece = body.text[start:end]
        if not all("\u4e00" <= ch <= "\u9fff" for ch in piece):
            break
        if (length == 4 and piece[:2] not in lex.surnames) or adverb_and_preposition(piece) or SELF_PLACE.search(piece):
            continue  # (人大代表来|我区: 我区, 本县 are the place itself, in no name)
        inside = body.tokens_in(start, end)
        if not inside or inside[-1].end != end:
            continue
        common_word = any(len(t.text) > 1 and not t.pos.startswith(PROPER_TAGS) for t in inside)
        if common_word and not ((len(inside) > 1 or placed) and _strong_end(body.text, end, clause_end, lex)):
            continue  # 安全, 关于, 干部: a common word is no name, unless a name-like piece follows (温顺|茂出席)
        after = body.token_at(end)
        if end == clause_end or body.text[end:end + 1] in LIST_END:
            return start, end  # 芦毅建、: a list item ends here, the surest boundary
        if after is not None and _follows_name(body.text[end:], after, lex):
            found = found or (start, end)
    return found


def _placed_as_name(body: Body, start: int, end: int, clause: Clause, lex: Lexicon) -> bool:
    """A title or a group label before the name, a title after it, or a list it stands in."""
    text = body.text
    before = text_tail(text, clause.start, start)
    return (
        lex.title_suffix(before) is not None or lex.group_label(before) is not None
        or title_after(body, end, lex) is not None or text[start - 1:start] == "、" or text[end:end + 1] == "、"
    )


def _title_follows(body: Body, end: int, clause_end: int, lex: Lexicon) -> bool:
    """区长, 县委书记 right after the name: what follows is its title, not a place's level."""
    after = body.token_at(end)
    if after is not None and after.pos.startswith("nnt") and lex.title_suffix(after.text) == after.text:
        return True
    rest = body.text[end:clause_end].rstrip("。")
    title = lex.title_suffix(rest)
    return title is not None and TOP_BODIES.match(rest[: -len(title)] or "-") is not None


def _place_follows(body: Body, start: int, end: int, lex: Lexicon) -> bool:
    """荆竹|瑶族乡: the name-like word begins a place whose name goes on in the next token."""
    after = body.token_at(end)
    return (
        after is not None and len(after.text) >= 3 and after.text[-1] in lex.level_chars
        and not after.pos.startswith(("v", "p", "d")) and lex.place_kind(body.text[start:after.end]) is not None
    )


def _begins_body_or_site(body: Body, end: int, clause: Clause, lex: Lexicon) -> bool:
    """The name-like word is followed by an institution's suffix (华建|集团, tagged nis), or by common
    nouns up to the end of a list item (、，等) that ends like a site or a project (濮上|生态园|项目、):
    it begins that body's or site's name. Not before a verb glued to a site (马骏|调研恒通…有限公司)."""
    after = body.token_at(end)
    if after is None or not after.pos.startswith("n") or after.pos.startswith(("nr", "nnt")) or lex.starts_with_role_word(after.text[:4]):
        return False
    if after.pos == "nis":
        return lex.title_suffix(after.text) is None
    item = SITE_ITEM.match(body.text, end, clause.end)
    return item is not None and item.group(0).endswith(lex.venue_suffixes + lex.project_endings) and lex.title_suffix(item.group(0)) is None


def _speech_glued(text: str, end: int, lex: Lexicon) -> bool:
    """振作了讲话 after a two-character name: 作…讲话 is the act, 振 the name's."""
    if text[end + 1:end + 2] not in lex.long_object_verbs:
        return False
    rest = text[end + 2:end + 40].removeprefix("了")
    return rest.startswith(lex.long_object_heads) or lex.long_object.match("作" + rest) is not None


def _opens_body(body: Body, end: int, clause: Clause, lex: Lexicon) -> bool:
    """The name-like token is followed by a common noun or a place, and the clause goes on to end in
    a title with no name after it: the token is the start of the body that title belongs to."""
    after = body.token_at(end)
    if after is None or not after.pos.startswith(("n", "ns", "nt", "nis")) or after.pos.startswith(("nr", "nnt")):
        return False
    rest = body.text[end:clause.end].rstrip("。，；")
    title = lex.title_suffix(rest)
    # a body's whole name before the title (经济开发区党工委), not a name's title after it (县委书记)
    return title is not None and len(rest) - len(title) >= 4 and not any(ch in rest for ch in "、，")


def _verb_from(text: str, at: int, lex: Lexicon) -> bool:
    """A moving or role word starts at `at` (来到, 出席)."""
    return text.startswith(lex.moving_words, at) or lex.starts_with_role_word(text[at:at + 4])


def _strong_end(text: str, end: int, clause_end: int, lex: Lexicon) -> bool:
    """A name surely ends here: at a list delimiter, or before a role word (出席, 主持, 陪同)."""
    return end == clause_end or text[end:end + 1] in LIST_END or lex.starts_with_role_word(text[end:end + 4])


def _follows_name(rest: str, after: Token, lex: Lexicon) -> bool:
    if rest[:1] in lex.not_name_final_chars:
        return False
    return bool(AFTER_NAME.match(rest)) or after.pos.startswith(AFTER_NAME_TAGS)


def names_in_clause(clause: Clause, body: Body, lex: Lexicon, known: frozenset[str]) -> list[NameMention]:
    """Every person named in a clause, with the title chain before each; `known`, the names accepted
    elsewhere in the article, is one frozenset for all its clauses (it keys their cache: _known_names)."""
    found: list[NameMention] = []
    known_by_first, next_initial = _known_names(known, lex.surname_initials)
    pos = clause.start
    text = body.text
    title_finals = lex.title_final_chars
    while pos < clause.end:
        # every name, tagged or not, begins with a surname (or is a known name): skip the rest fast;
        # it begins where a token does, or right after a title the tagger glued to it (组组|长孙|斌)
        m = next_initial(text, pos, clause.end)
        if m is None:
            break
        pos = m.start()
        head = list_head_before(body, pos, clause, lex, found) if text[pos - 1:pos] == "、" else None  # (where it looks first)
        if head is not None:
            pos = head[0]  # 区领导占仁义、周徐胤: the list's first name, whatever its surname
        elif body.token_at(pos) is None and (
            pos == clause.start  # (no title before it: the cheap tests first)
            or text[pos - 1] not in title_finals
            or lex.title_suffix(text_tail(text, clause.start, pos)) is None
        ):
            pos += 1
            continue
        span = head or _candidate(body, pos, clause, lex, known_by_first, found)
        if span is None:
            pos += 1
            continue
        start, end = span
        name = body.text[start:end]
        if name[1:] in lex.address_terms or name[2:] in lex.address_terms:
            pos = end  # 张大爷: a word of address, not a name
            continue
        if found:
            fill_list_gap(found, start, body, lex)
        mention = _mention(body, clause, lex, found, span, head is not None)
        if name in known:
            mention.support.add("known")
        _join_list(found, mention, body, lex)
        found.append(mention)
        pos = end
    if "同志" in clause.text:
        found = _comrades_after_titles(found, clause, body, lex)
    if found:
        fill_list_gap(found, clause.end, body, lex)
        _counted_title(found, clause, body, lex)
        found = [m for m in found if not (in_place_list(m, clause, body, lex) or opens_site_name(m, clause, body, lex))]
    if "等" in clause.text:  # (what closes every list of named items: most clauses have none)
        named_items(found, clause, body, lex)
    return found


def _mention(body: Body, clause: Clause, lex: Lexicon, found: list[NameMention], span: tuple[int, int], list_head: bool) -> NameMention:
    """The name at `span` with the title chain before it, the title after it and what supports it."""
    start, end = span
    text = body.text
    prefix_start = _after_mention(found[-1]) if found else clause.start
    prefix = text[prefix_start:start]
    titles, label, chain_start = (
        parse_chain(prefix, prefix_start, body, lex, at_clause_start=not found) if prefix else ([], None, start)
    )
    mention = NameMention(text[start:end], start, end, min(chain_start, start), positions=titles, group_label=label)
    if titles:
        mention.support.add("title")
    if label:
        mention.support.add("list")
    if list_head:
        mention.support.add("list_head")
    after = title_after(body, end, lex)
    if after:
        mention.support.add("title_after")
        mention.positions.append(TitleMention(after, None, end, end + len(after), rule="position.title_after"))
        if "title" not in mention.support and prefix:
            _body_before_name(mention, prefix_start, body, lex)
    described = text[start - 1:start] in lex.person_descriptor_final_chars  # (the cheap test first)
    if described and lex.person_descriptor(text_tail(text, clause.start, start)):
        mention.support.add("descriptor")  # 残疾人刘厚刚
    elif _villager(body, mention, clause, lex):
        mention.support.add("village_before")  # 石桥村王大海家中
    return mention


def _join_list(found: list[NameMention], mention: NameMention, body: Body, lex: Lexicon) -> None:
    """A name right after the name before it and 、 stands in a list with it, and shares its posts
    (or gives its own title after it to the bare names before it)."""
    if not found:
        return
    between = body.text[found[-1].end:mention.start]
    if between == "、":
        mention.support.add("list")
        found[-1].support.add("list")
        if not mention.positions and mention.group_label is None:
            share_titles(found[-1], mention)
        elif "title_after" in mention.support and "title" not in mention.support:
            title_after_list(found, mention, body)  # 李小军、薛少游、李国庆常委
    if between.startswith("、"):
        _share_org(found[-1], mention, lex)


def _body_before_name(mention: NameMention, prefix_start: int, body: Body, lex: Lexicon) -> None:
    """区委龙小艾书记, 市总工会刘向东副主席: a body right before a name with a title after it is that
    title's body, and the name's mention begins with it (it opens the clause's subject)."""
    org_start = org_name_start(body, prefix_start, mention.start)
    org = body.text[org_start:mention.start]
    if not org or org.startswith(FORMER):
        return
    before = body.token_at(mention.start - 1) or body.tokens_in(org_start, mention.start)[-1]
    if TOP_BODIES.match(org) or lex.agency_suffix(org) or before.pos.startswith(("nt", "nis")):
        title = mention.positions[-1]
        mention.positions[-1] = replace(title, org=org, start=org_start, rule="position.body_before_name")
        mention.chain_start = org_start


VILLAGE_GROUP = re.compile(r"村[\u4e00-\u9fff]{1,4}组$")  # 瓦厂村沙厂组: a group of a village
AFTER_VILLAGER = re.compile(r"[、，。；]|等|家|$")


def _villager(body: Body, mention: NameMention, clause: Clause, lex: Lexicon) -> bool:
    """石桥村王大山家中, 东坡村刘秀英、: a name the tagger reads right after a village (or a group of
    one), closed by a list delimiter, 等 or 家, is a villager's."""
    if AFTER_VILLAGER.match(body.text, mention.end, clause.end) is None:
        return False  # (the cheap tests first: most names are no villagers')
    before = text_tail(body.text, clause.start, mention.start)
    if lex.place_kind(before) != "village" and VILLAGE_GROUP.search(before) is None:
        return False
    token = body.token_at(mention.start)
    return token is not None and token.end == mention.end and is_name_token(token, lex)


def _after_mention(mention: NameMention) -> int:
    """Where the text after a name begins, past the title written after it (李向荣副部长、会长林一栓:
    副部长 is 李向荣's, not the first post of 林一栓's chain)."""
    return max([mention.end] + [t.end for t in mention.positions if t.end > mention.end])


COUNTED = re.compile(r"(?:\d+|[一二三四五六七八九十两]+)(?:名|位)")


def _counted_title(found: list[NameMention], clause: Clause, body: Body, lex: Lexicon) -> None:
    """于现伟、郑婷婷、徐坤6名县政协委员: the title after a counted list is held by each name of it."""
    last = found[-1]
    m = COUNTED.match(body.text, last.end, clause.end)
    if m is None:
        return
    rest = body.text[m.end():clause.end]
    title = lex.title_suffix(rest)
    if title is None or any(ch in rest for ch in "、，"):
        return
    org = rest[: -len(title)] or None
    members = [last]
    for before in reversed(found[:-1]):
        if body.text[before.end:members[-1].start] != "、":
            break
        members.append(before)
    for mention in members:
        mention.positions.append(TitleMention(title, org, m.end(), clause.end, rule="position.counted_list"))


@lru_cache(maxsize=16)
def _known_names(known: frozenset[str], initials: frozenset[str]):
    """Known names by their first character, longest first, and the finder of where a name may
    begin (a surname's first character, or a known name's): the same for every clause of an article."""
    grouped: dict[str, list[str]] = {}
    for name in sorted(known, key=len, reverse=True):
        grouped.setdefault(name[0], []).append(name)
    extra = grouped.keys() - initials
    return {ch: tuple(names) for ch, names in grouped.items()}, _initial_finder(initials | extra if extra else initials)


@lru_cache(maxsize=16)
def _initial_finder(chars: frozenset[str]):
    """`search(text, pos, end)` for the next character that may begin a name: a regex class finds it
    without a Python step per character."""
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]").search


def _share_org(before: NameMention, mention: NameMention, lex: Lexicon) -> None:
    """组长孙斌、副组长周洁: a title without an org after the same title of the name before is the same body's."""
    if not before.positions:
        return
    last = before.positions[-1]
    for t in mention.positions:
        if t.org is None and last.org and _base_title(t.title, lex) == _base_title(last.title, lex):
            t.org = last.org


def share_orgs_in_sentences(mentions: list[NameMention], body: Body, lex: Lexicon) -> None:
    """县人大常委会主任刘洪主持会议，副主任孙红出席: a title without an org, in the same sentence as the
    same title (but for its modifier) of a named body, is that body's (as _share_org within a list)."""
    seen: dict[tuple[int, str], str] = {}  # (sentence start, base title) -> org of its first holder
    for m in mentions:
        sentence = body.sentence_at(m.start).start
        for t in m.positions:
            key = (sentence, _base_title(t.title, lex))
            if t.org:
                seen.setdefault(key, t.org)
            elif key in seen and t.start < m.start:
                t.org = seen[key]


def _base_title(title: str, lex: Lexicon) -> str:
    """副组长 -> 组长: the title without its modifier."""
    if not title.startswith(lex.title_modifiers):
        return title  # (one test of them all, in C, first: most titles have none)
    modifier = next((m for m in lex.title_modifiers if title.startswith(m) and len(title) > len(m)), "")
    return title[len(modifier):]


def _candidate(body: Body, pos: int, clause: Clause, lex: Lexicon, known: dict[str, tuple[str, ...]], found: list[NameMention]) -> tuple[int, int] | None:
    token = body.token_at(pos)
    text = body.text
    # a name already accepted elsewhere in the article, whatever the tagger says now; longest first
    for name in known.get(text[pos], ()):
        if text.startswith(name, pos) and _bounded(body, pos + len(name), clause, lex):
            return pos, pos + len(name)
    if token is not None and is_name_token(token, lex):
        if _glued_to_title(text, pos, clause.start, lex):
            return None  # 组组|长孙|斌: the tagger glued the title's last character (长) to the name
        end = _extend_name(body, token, clause, lex)
        if text[end:end + 1] and text[end] in lex.not_name_final_chars and not _title_follows(body, end, clause.end, lex):
            return None  # 孙家|村 (but 孙潮|区长: a title follows)
        if _place_follows(body, token.start, end, lex):
            return None
        if text[token.start:end] in divisions().kinds and not _placed_as_name(body, token.start, end, clause, lex):
            return None  # 海曙过去一年发展很快: a county's name, with nothing that makes it a person's
        if end - token.start == 3 and text[token.start:token.start + 2] not in lex.surnames and _verb_from(text, end - 1, lex):
            end -= 1  # 杨利来|到: the name's last character begins the verb (来到)
        elif end - token.start == 2 and _speech_glued(text, end, lex):
            end += 1  # 李培|振作了讲话: the given name's last character was read into the verb
        if pos == clause.start and _opens_body(body, end, clause, lex):
            return None  # 平阴|经济|开发区|党工委|副书记: a place the tagger took for a name opens a body's post
        if _begins_body_or_site(body, end, clause, lex):
            return None  # 华建|集团|总监周立, 濮上|生态园|项目、: the name of a body or a site
        return token.start, end
    return _missed_name(body, pos, token, clause, lex, found)


def _glued_to_title(text: str, pos: int, clause_start: int, lex: Lexicon) -> bool:
    """A title ends with the name's first character, and none before it: the character is the title's."""
    if text[pos] not in lex.title_final_chars:
        return False  # (no title ends on it: most names)
    return lex.title_suffix(text_tail(text, clause_start, pos + 1)) is not None and not lex.title_suffix(text_tail(text, clause_start, pos))


def _missed_name(body: Body, pos: int, token: Token | None, clause: Clause, lex: Lexicon, found: list[NameMention]) -> tuple[int, int] | None:
    """A name at `pos` the tagger missed: accepted only right after a title or inside a list of names,
    and not where the tagger read the surname's character as a word of grammar before a common word
    (技术人员|向|群众讲解; but 县长|和|友庆, where 友庆 is read as a given name)."""
    text = body.text
    if not lex.has_surname(text[pos:pos + 2]):
        return None
    if token is not None and len(token.text) == 1 and token.pos in FUNCTION_TAGS:
        following = body.token_at(pos + 1)
        if following is not None and following.pos in COMMON_WORD_TAGS:
            return None
    reference = back_reference_at(body, pos, clause.end, lex)
    if reference:
        return reference  # 潘部长强调: resolved to the person it names once the article is read
    # (a title, a group label and a list's 、 each end on a character of their own: most names
    # missed stand after none of them, and then nothing before the name needs reading)
    if pos > clause.start and (text[pos - 1] in lex.title_final_chars or text[pos - 1] in lex.group_label_final_chars or text[pos - 1] == "、"):
        before = text_tail(text, clause.start, pos)
        after_title = lex.title_suffix(before) is not None and not before.endswith(lex.group_labels)
        after_label = lex.group_label(before) is not None
        in_list = before.endswith("、") and bool(found) and found[-1].end == pos - 1
        if after_title or after_label or in_list:
            return _name_at(body, pos, clause.end, lex, placed=after_title or in_list)
    titled = _name_before_title(body, pos, clause.end, lex)
    if titled is not None:
        return titled
    if pos == clause.start or LEAD_SPACE.fullmatch(text, clause.start, pos):
        return _speaker_at(body, pos, clause, lex)
    return None


# 副院长朝格吉勒同志, 副主任乌云其木格同志: a name (a transliterated one, of no surname the lexicon knows) between a
# title and 同志; not words of grammar or a group (书记带领全体同志)
COMRADE_NAME = re.compile(r"[\u4e00-\u9fff]{2,5}")
NOT_IN_COMRADE_NAME = ("v", "p", "d", "c", "u", "m", "q", "a", "t", "f")
GROUP_WORDS = ("全", "各", "广大", "其他", "有关", "相关", "机关", "党员", "干部")


def _comrades_after_titles(found: list[NameMention], clause: Clause, body: Body, lex: Lexicon) -> list[NameMention]:
    """The names between a title and 同志 that the surnames let pass (朝格吉勒: no surname of the lexicon)."""
    for m in re.finditer("同志", clause.text):
        end = clause.start + m.start()
        span = next(filter(None, (_comrade_after_title(body, start, end, clause, lex) for start in range(end - 5, end - 1))), None)
        if span is None or any(f.start < span[0] < f.end or (f.start, f.end) == span for f in found):
            continue
        kept = [f for f in found if not span[0] < f.end <= end]  # 朝格|吉勒, 敖登格|日勒: a part read as a name
        found = sorted(kept + [_mention(body, clause, lex, kept, span, False)], key=lambda f: f.start)
    return found


def _comrade_after_title(body: Body, pos: int, end: int, clause: Clause, lex: Lexicon) -> tuple[int, int] | None:
    m = COMRADE_NAME.fullmatch(body.text, pos, end) if pos > clause.start else None
    if m is None or m.group().startswith(GROUP_WORDS) or not lex.title_suffix(text_tail(body.text, clause.start, pos)):
        return None
    # (the tagger may glue 同志 to what follows: 日勒图同志带领调研组/nt; only the name's start must be a token's)
    inside = [t for t in body.tokens_in(pos, m.end()) if t.end <= m.end()]
    if not inside or inside[0].start != pos:
        return None
    # (a transliterated name the tagger cut into single characters may take any tag: 格/b 日/b 勒/v 图/n)
    if any((t.pos.startswith(NOT_IN_COMRADE_NAME) if len(t.text) > 1 else t.text in FUNCTION_CHARS) or lex.title_suffix(t.text) for t in inside):
        return None
    return pos, m.end()


def _name_before_title(body: Body, pos: int, clause_end: int, lex: Lexicon) -> tuple[int, int] | None:
    """市委统战部李|向荣|副部长, 中联办何|靖|副主任: a name the tagger cut, right before its title token
    (the body is written before the name, the title after it)."""
    for length in ((3, 4) if body.text[pos:pos + 2] in lex.surnames else (2, 3)):
        end = pos + length
        title = title_after(body, end, lex) if end <= clause_end else None  # (the cheap test first)
        inside = body.tokens_in(pos, end) if title else None
        if not inside or inside[-1].end != end:
            continue
        piece = body.text[pos:end]
        one_word = len(inside) == 1 and not inside[0].pos.startswith(PROPER_TAGS)
        counted = any(t.pos.startswith(("m", "q")) for t in inside)
        verbs = all(t.pos.startswith("v") for t in inside)  # 会议应|到|委员246人: verbs before a title
        if one_word or counted or verbs or not CJK_ITEM.fullmatch(piece) or not may_be_name(piece, lex):
            continue  # 单位|主任, 党委|书记, 任|第一|书记: a common word, a number or verbs before a title is no name
        if lex.title_suffix(piece + title) != title:
            continue  # the piece ends in the title's own first words
        return pos, end
    return None


LEAD_SPACE = re.compile(r"[\s“”]*")


def _speaker_at(body: Body, pos: int, clause: Clause, lex: Lexicon) -> tuple[int, int] | None:
    """温顺茂强调，…: a name the tagger missed, opening a clause that is only `NAME + speech word`."""
    rest = body.text[pos:clause.end]
    if len(rest) > 8:
        return None  # NAME + a speech word, nothing more
    for word in lex.role_words["SPOKE"]:
        for length in ((3, 4) if rest[:2] in lex.surnames else (2, 3)):
            if rest[length:] == word and rest[:1] in lex.surnames | {rest[:2]}:
                inside = body.tokens_in(pos, pos + length)
                one_word = len(inside) == 1 and not inside[0].pos.startswith("nr")
                if inside and inside[-1].end == pos + length and not one_word:
                    return pos, pos + length  # 文件指出 is one word, not a name
    return None


FUNCTION_CHARS = set("在和与以也就对向为将把被及并还又从于是的了等到来去说会上下中都才已曾正仍均亦即便再作致讲谈带率赴看听查")


def _extend_name(body: Body, token: Token, clause: Clause, lex: Lexicon) -> int:
    """The tagger cut a name short (余瑶|新 主持, 司马梁|世): take one more character when the name
    would otherwise be followed by a stray character and with it is followed like a name."""
    limit = 4 if token.text[:2] in lex.surnames else 3
    nxt = body.token_at(token.end)
    if len(token.text) >= limit or nxt is None or len(nxt.text) != 1:
        return token.end
    if body.text[nxt.end:nxt.end + 1] == "、" and nxt.text not in "等和及与" and "\u4e00" <= nxt.text <= "\u9fff":
        return nxt.end  # 华毅|才、: no function word stands before 、, so the character is the name's
    if nxt.text in FUNCTION_CHARS:
        return token.end
    if nxt.pos.startswith("p") and body.text[nxt.end:nxt.end + 1] in "，,":
        return nxt.end  # 迟本|用/p|，: no preposition closes a clause, so the character is the name's
    if not ("\u4e00" <= nxt.text <= "\u9fff") or nxt.pos.startswith(("w", "m", "q", "f", "u", "p", "c")):
        return token.end
    after = body.token_at(nxt.end)
    if nxt.end >= clause.end or body.text[nxt.end:nxt.end + 1] in LIST_END:
        return nxt.end
    if after is not None and _follows_name(body.text[nxt.end:], after, lex) and (len(after.text) > 1 or after.pos.startswith("v")):
        return nxt.end
    if after is not None and _own_title(nxt, after, lex):
        return nxt.end  # 龙小|艾|书记: the name's title stands right after its last character
    return token.end


def _own_title(nxt: Token, after: Token, lex: Lexicon) -> bool:
    """A title token follows the stray character, which does not begin that title (副|书记) nor names
    a level (县|长)."""
    return (
        after.pos.startswith("nnt") and lex.title_suffix(after.text) == after.text
        and nxt.text not in lex.level_chars and lex.title_suffix(nxt.text + after.text) != nxt.text + after.text
        and not any(m.startswith(nxt.text) for m in lex.title_modifiers)
    )


def _bounded(body: Body, end: int, clause: Clause, lex: Lexicon) -> bool:
    """A known name needs only to end where a token starts (李翔要求: 要求 is tagged a noun), or
    before a preposition that opens what the subject does, which the tagger may have glued to the
    name's last character (张|伟在|讲话中指出), or before the 等 closing a list, which it may have read
    into a word (曹兰|平等出席: 曹兰平 等)."""
    return end >= clause.end or body.token_at(end) is not None or body.text[end] in lex.subject_prepositions or body.text[end] == "等"
