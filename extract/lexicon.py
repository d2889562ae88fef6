"""The language data of the extractor, read once from extract/data/. Code asks here; words live there."""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, wraps
from importlib import resources


# a title in 《》 or a note in （） (and its ASCII form), passed over inside predicates
BRACKETED = re.compile(r"《[^》]*》|（[^）]*）|\([^)]*\)")
BRACKET_OPENERS = ("《", "（", "(")


def without_opening(pattern: re.Pattern, text: str) -> str:
    """pattern.sub("", text) for a pattern anchored at the start (^): the text after its match there.
    (sub would try the pattern at every character after the first.)"""
    m = pattern.match(text)
    return text[m.end():] if m else text


def _groups_at_start(pattern: re.Pattern, text: str) -> str:
    """pattern.sub(r"\1\2…", text) for a pattern anchored at the start (^): its groups in place of its
    match there (as without_opening)."""
    m = pattern.match(text)
    return "".join(g or "" for g in m.groups()) + text[m.end():] if m else text


# 作 inside a word (工作, 合作, 制作, 振作) is no verb of its own
NOT_AFTER_VERB_CHARS = "(?<![工合协操创制动写运著耕当振称看叫])"


def data_lines(name: str) -> list[str]:
    """The entries of a word list in extract/data/: one a line, `#` lines are comments."""
    text = resources.files("okg.extract").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _toml(name: str) -> dict:
    return tomllib.loads(resources.files("okg.extract").joinpath("data", name).read_text(encoding="utf-8"))


def _any(words) -> str:
    """A regex group matching any of `words`, longest first."""
    return "(?:" + "|".join(re.escape(w) for w in _longest_first(words)) + ")"


def _longest_first(words) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=len, reverse=True))


def _by_first(words) -> dict[str, tuple[str, ...]]:
    grouped = defaultdict(list)
    for w in _longest_first(words):
        grouped[w[0]].append(w)
    return {ch: tuple(ws) for ch, ws in grouped.items()}


def _roles_by_first(role_words: dict[str, tuple[str, ...]]) -> dict[str, tuple[tuple[str, str, int], ...]]:
    """First character -> (word, role, the word's place in the vocabulary) of every role word."""
    grouped = defaultdict(list)
    for order, (role, word) in enumerate((r, w) for r, ws in role_words.items() for w in ws):
        grouped[word[0]].append((word, role, order))
    return {ch: tuple(entries) for ch, entries in grouped.items()}


class Suffixes:
    """Words looked up by how a text ends, indexed by their last character: the extractor asks
    "does this end in a title?" at every token, so a scan of every word each time would dominate.
    For each last character only the lengths of its words are kept (longest first): the text's
    tail of each length is looked up in the set of words, a few lookups where 41 titles end in 长."""

    def __init__(self, words):
        self.words = frozenset(words)
        lengths = defaultdict(set)
        for w in self.words:
            lengths[w[-1]].add(len(w))
        self.by_last: dict[str, tuple[int, ...]] = {ch: tuple(sorted(ls, reverse=True)) for ch, ls in lengths.items()}

    def longest(self, text: str, shorter_than_text: bool = False) -> str | None:
        """The longest word that ends `text` (and, if asked, leaves something before it)."""
        room = len(text) - 1 if shorter_than_text else len(text)
        for n in self.by_last.get(text[-1:], ()):
            if n <= room and text[-n:] in self.words:
                return text[-n:]
        return None


# texts whose answer a remembered question keeps, forgotten all at once beyond: at 114-148 bytes an entry
# (measured), at most about 3 MB a question; the first 300 bench pages ask at most 5,342 texts of one
MEMO_SIZE = 20_000


def _remembered(question):
    """A Lexicon's question about a text, its answers remembered by text (at most MEMO_SIZE of them):
    the readers ask the same few thousand texts over and over (the text before each name, a place
    name at each of its mentions), within a page and from page to page. The answers are str or None."""
    key = f"{question.__name__} answers"  # (the memo's place in Lexicon._index)

    @wraps(question)
    def ask(self, text: str):
        memo = self._index.get(key)
        if memo is None:
            memo = self._index[key] = {}
        if text in memo:
            return memo[text]
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        memo[text] = answer = question(self, text)
        return answer

    return ask


@dataclass(frozen=True)
class Lexicon:
    titles: tuple[str, ...]
    title_modifiers: tuple[str, ...]
    group_labels: tuple[str, ...]
    person_descriptors: tuple[str, ...]
    surnames: frozenset[str]
    address_terms: frozenset[str]
    role_words: dict[str, tuple[str, ...]]
    pronouns: frozenset[str]
    passive_markers: tuple[str, ...]
    passive_events: tuple[str, ...]
    noun_roles: frozenset[str]
    noun_endings: frozenset[str]
    noun_not_before: tuple[str, ...]
    led_groups: frozenset[str]
    group_leading: tuple[str, ...]
    led_reach: int
    citations: tuple[str, ...]
    listed_after: dict[str, tuple[str, ...]]
    listed_openers: tuple[str, ...]
    joining: tuple[str, ...]
    leading: tuple[str, ...]
    leading_attending: tuple[str, ...]
    role_conflicts: tuple[str, ...]
    event_types: dict[str, tuple[str, ...]]
    event_closers: tuple[str, ...]
    event_shifts: tuple[str, ...]
    not_events: tuple[str, ...]
    place_suffixes: dict[str, tuple[str, ...]]
    not_places: frozenset[str]
    not_place_suffixes: tuple[str, ...]
    venue_suffixes: tuple[str, ...]
    agency_suffixes: tuple[str, ...]
    agency_kinds: dict[str, tuple[str, ...]]
    agency_verb_openers: tuple[str, ...]
    agency_preposition_openers: tuple[str, ...]
    glued_verbs: tuple[str, ...]
    glued_verbs_after_names: tuple[str, ...]
    glued_verbs_after_bare_names: tuple[str, ...]
    moving_words: tuple[str, ...]
    not_targets: frozenset[str]
    place_list_closers: frozenset[str]
    site_suffixes: tuple[str, ...]
    place_joiners: frozenset[str]
    continuing_conjunctions: tuple[str, ...]
    continuing_manners: tuple[str, ...]
    continuing_place_ends: tuple[str, ...]
    object_first_prepositions: tuple[str, ...]
    object_first_verbs: tuple[str, ...]
    addressee_prepositions: tuple[str, ...]
    listening_words: tuple[str, ...]
    on_behalf_words: tuple[str, ...]
    on_behalf_before: tuple[str, ...]
    long_object_verbs: tuple[str, ...]
    appositive_openers: tuple[str, ...]
    retinue_verbs: tuple[str, ...]
    going_openers: tuple[str, ...]
    going_verbs: tuple[str, ...]
    appositive_heads: tuple[str, ...]
    long_object_heads: tuple[str, ...]
    subject_prepositions: frozenset[str]
    inspection_openers: tuple[str, ...]
    group_nouns: frozenset[str]
    household_endings: tuple[str, ...]
    project_endings: tuple[str, ...]
    surveyed_endings: tuple[str, ...]
    not_name_final_chars: frozenset[str]
    _index: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        kind_of_suffix = {s: k for k, ss in reversed(list(self.place_suffixes.items())) for s in ss}
        self._index.update(
            titles=Suffixes(self.titles),
            modifiers=Suffixes(self.title_modifiers),
            labels=Suffixes(self.group_labels),
            descriptors=Suffixes(self.person_descriptors),
            descriptor_words=frozenset(self.person_descriptors),
            places=Suffixes(kind_of_suffix),
            kind_of_suffix=kind_of_suffix,
            not_places=Suffixes(self.not_place_suffixes),
            venues=Suffixes(self.venue_suffixes),
            agencies=Suffixes(self.agency_suffixes),
            role_words=_by_first({w for ws in self.role_words.values() for w in ws}),
            roles_of_words=_roles_by_first(self.role_words),
            titles_by_first=_by_first(self.titles),
            title_finals=frozenset(w[-1] for w in self.titles),
            label_finals=frozenset(w[-1] for w in self.group_labels),
            descriptor_finals=frozenset(w[-1] for w in self.person_descriptors),
            # each kind's words as one pattern: a name is searched once a kind, not once a word
            agency_kinds=tuple((kind, re.compile("|".join(map(re.escape, words)) or "(?!)")) for kind, words in self.agency_kinds.items()),
            # every event keyword written backwards, in the order of events.toml (see last_event_keyword)
            event_keywords_reversed=re.compile("|".join(re.escape(w[::-1]) for ws in self.event_types.values() for w in ws) or "(?!)"),
            kind_of_event_keyword={w: kind for kind, ws in reversed(list(self.event_types.items())) for w in ws},
            # whether a text holds any of these words at all, in one search (most texts hold none)
            not_events=re.compile("|".join(map(re.escape, self.not_events)) or "(?!)"),
            event_closers=re.compile("|".join(map(re.escape, self.event_closers)) or "(?!)"),
            surname_initials=frozenset(name[0] for name in self.surnames),
            level_chars=frozenset(s for ss in self.place_suffixes.values() for s in ss if len(s) == 1),
            on_behalf=re.compile(f"^{_any(self.on_behalf_words)}[^，。；]{{2,16}}?(?={_any(self.on_behalf_before)})"),
            heard=re.compile(f"{_any(self.listening_words)}[^，。；]*?{_any(self.role_words.get('SPOKE', ('讲话',)))}"),
            appositive=re.compile(
                f"^{_any(self.appositive_openers)}[^，。；]{{0,40}}?{_any(self.group_labels + self.appositive_heads)}(?:等)?"
            ),
            # (率队督导…: a leading that is itself the act, 率队, leads nobody named after it; nor does 率先, first)
            retinue=re.compile(f"^({_any(self.retinue_verbs)})(?![队先])[^，。；]{{1,40}}?{_any(self.group_labels)}"),
            counted_closer=re.compile(
                r"(?<=[^、]{2})(?:\d+|[一二三四五六七八九十两几多]+)余?[家个所处座项]"
                f"[^、，。；]{{0,4}}?{_any(c for c in self.place_list_closers if len(c) >= 2)}$"
            ),
            places_gone_to=re.compile(
                f"^({_any(self.going_openers)}?{_any(self.going_verbs)})[^，。；]{{1,60}}?[、和及][^，。；]{{1,60}}?"
                f"(?={_any(self.role_words.get('INSPECTED', ('调研',)))}|实地|现场)"
            ),
            # 为A志愿服务队和B志愿服务队授队旗: the people addressed, passed over up to the act done for them
            addressed=re.compile(
                f"^({_any(self.addressee_prepositions)})[^，。；]{{1,60}}?(?={_any(w for ws in self.role_words.values() for w in ws)})"
            ),
            long_object_first=re.compile(
                f"^({_any(self.continuing_conjunctions)}?{_any(self.object_first_prepositions)})[^，。；]{{1,120}}?({_any(self.object_first_verbs)})"
            ),
            long_object=re.compile(
                f"{NOT_AFTER_VERB_CHARS}({_any(self.long_object_verbs)})了?[^，。；并]{{2,60}}?({_any(self.long_object_heads)})"
            ),
            continuing=re.compile(
                f"^{_any(self.continuing_conjunctions)}?{_any(self.continuing_manners)}?"
                f"(?:在[^，。；]{{1,10}}?{_any(self.continuing_place_ends)})?{_any(self.continuing_manners)}?"
            ),
            object_first=re.compile(
                f"^{_any(self.continuing_conjunctions)}?{_any(self.object_first_prepositions)}"
                f"[^，。；]{{1,40}}?({_any(self.object_first_verbs)})"
            ),
        )

    @property
    def counted_closer(self) -> re.Pattern:
        """三家企业, 5所学校, 十个重点项目: a count and a kind of places or sites (places.toml [place_lists]
        closers of two characters or more) closing a list (or a whole object) without 等."""
        return self._index["counted_closer"]

    @property
    def on_behalf(self) -> re.Pattern:
        """代表县人民政府 (before 向/作): whom the subject acts for (roles.toml [on_behalf])."""
        return self._index["on_behalf"]

    def compact_predicate(self, predicate: str) -> str:
        """The predicate with the groups after a list of people passed over (roles.toml [appositives]),
        the people led ([retinue]: 带领…负责人深入 -> 带领深入), the places gone to ([places_gone_to]: 先后深入
        A镇、B乡、C乡实地督导 -> 先后深入实地督导), the people addressed ([addressed]: 为…服务队授队旗 -> 为授队旗)
        and long objects too ([long_objects]):
        作…工作报告 -> 作报告, 就《…》作了发言 -> 就《》作发言."""
        group = self._index["appositive"].match(predicate)
        while group and group.end() > 0:  # 等县几个班子领导 | 及其他在职副县级领导干部 | 出席会议
            predicate = predicate[group.end():]
            group = self._index["appositive"].match(predicate)
        predicate = _groups_at_start(self._index["retinue"], predicate)  # 带领…相关部门负责人|深入…检查
        predicate = _groups_at_start(self._index["places_gone_to"], predicate)  # 先后深入A镇、B乡、C乡|实地督导
        predicate = _groups_at_start(self._index["long_object_first"], predicate)  # 对大墅镇…示范点进行了调研
        predicate = _groups_at_start(self._index["addressed"], predicate)  # 为…志愿服务队|授队旗
        if any(b in predicate for b in BRACKET_OPENERS):
            predicate = BRACKETED.sub(lambda m: m.group(0)[0] + m.group(0)[-1], predicate)
        if any(v in predicate for v in self.long_object_verbs):  # (most predicates have none: no scan)
            predicate = self._index["long_object"].sub(r"\1\2", predicate)
        return predicate

    @property
    def long_object(self) -> re.Pattern:
        """作…讲话: a verb, a long object of two characters or more, its noun (roles.toml [long_objects])."""
        return self._index["long_object"]

    @property
    def heard(self) -> re.Pattern:
        """听取…汇报: a listening word up to the first speaking word after it (roles.toml [listening])."""
        return self._index["heard"]

    @property
    def continuing(self) -> re.Pattern:
        """What may open a clause that goes on with the subject before it (roles.toml [continuing])."""
        return self._index["continuing"]

    @property
    def object_first(self) -> re.Pattern:
        """对X进行 / 就X开展 at the start of a predicate, the verb its group 1 (roles.toml [object_first])."""
        return self._index["object_first"]

    @property
    def level_chars(self) -> frozenset[str]:
        """省 市 县 区 镇 乡 村...: the one-character place suffixes (places.toml [suffixes])."""
        return self._index["level_chars"]

    @property
    def surname_initials(self) -> frozenset[str]:
        """First characters of the surnames: where a name can begin."""
        return self._index["surname_initials"]

    @property
    def bare_place_suffixes(self) -> dict[str, str]:
        """镇 -> town, 村 -> village: a suffix standing as a token of its own."""
        return self._index["kind_of_suffix"]

    @property
    def place_final_chars(self) -> set[str]:
        return self._index["places"].by_last.keys()

    @property
    def title_final_chars(self) -> frozenset[str]:
        """Last characters of the titles: where a title (and so `title_suffix`) can end."""
        return self._index["title_finals"]

    @property
    def group_label_final_chars(self) -> frozenset[str]:
        """Last characters of the group labels: where a label (and so `group_label`) can end."""
        return self._index["label_finals"]

    def last_event_keyword(self, text: str) -> tuple[str, int] | None:
        """The kind of the event keyword that ends last in `text`, and where it ends; of keywords ending
        there, the first in events.toml's order. One search of the text written backwards: its leftmost
        match is the keyword ending last, and the alternatives are tried in events.toml's order."""
        m = self._index["event_keywords_reversed"].search(text[::-1])
        return (self._index["kind_of_event_keyword"][m.group()[::-1]], len(text) - m.start()) if m else None

    def holds_not_event(self, text: str) -> bool:
        """Does `text` hold a word of events.toml [not_events] (社会, 检查站…)?"""
        return self._index["not_events"].search(text) is not None

    def holds_event_closer(self, text: str) -> bool:
        """Does `text` hold a word of events.toml [name] closers (召开, 开班…)?"""
        return self._index["event_closers"].search(text) is not None

    def titles_at(self, text: str, at: int) -> tuple[str, ...]:
        """The titles that may start at text[at], longest first (those of its first character)."""
        return self._index["titles_by_first"].get(text[at:at + 1], ())

    def role_words_in(self, text: str, reach: int | None = None) -> tuple[list[str], dict[str, int]]:
        """The role words within `text[:reach]` (in the order of roles.toml) and where each role's
        first word stands; none inside a noun (巡视员, 汇报会: roles.toml [in_nouns]), which may end past
        `reach`. Looked up at each character by its first character: a role predicate is short, the
        vocabulary is not."""
        hits = []
        window = text[:reach]
        for i, ch in enumerate(window):
            for word, role, order in self._index["roles_of_words"].get(ch, ()):
                if window.startswith(word, i) and not (role in self.noun_roles and self._in_noun(text, i, i + len(word), role)):
                    hits.append((order, i, word, role))
        words: dict[str, None] = {}
        first: dict[str, int] = {}
        for _, i, word, role in sorted(hits):
            words[word] = None
            first[role] = min(first.get(role, i), i)
        return list(words), first

    def _in_noun(self, text: str, start: int, end: int, role: str) -> bool:
        """Does a noun ending follow the role word at text[start:end] (调研|员), not a word of its own
        (要求|员工), nor the group of an inspection that is led (率执法检查组: the leader inspects)?"""
        if text[end:end + 1] not in self.noun_endings or text.startswith(self.noun_not_before, end):
            return False
        led = role == "INSPECTED" and text[end] in self.led_groups
        return not (led and any(w in text[max(0, start - self.led_reach):start] for w in self.group_leading))

    def starts_with_role_word(self, text: str) -> bool:
        return text.startswith(self._index["role_words"].get(text[:1], ()))  # (a tuple: one test in C)

    def memo(self, question: str) -> dict:
        """A reader's own memo of answers to a question, kept with the lexicon the answers come from
        (roles.py remembers the roles of each predicate)."""
        return self._index.setdefault(f"{question} answers", {})

    def has_surname(self, name: str) -> bool:
        """Does `name` begin with a surname (one character, or two: 欧阳)?"""
        return name[:1] in self.surnames or name[:2] in self.surnames

    @_remembered
    def title_suffix(self, text: str) -> str | None:
        """The longest title (with its modifiers) that ends `text`, e.g. 县委常务副书记 -> 常务副书记."""
        title = self._index["titles"].longest(text)
        if title is None:
            return None
        modifier = self._index["modifiers"].longest(text[: -len(title)])
        return (modifier or "") + title

    @_remembered
    def group_label(self, text: str) -> str | None:
        return self._index["labels"].longest(text)

    @property
    def person_descriptor_words(self) -> frozenset[str]:
        return self._index["descriptor_words"]

    @property
    def person_descriptor_final_chars(self) -> frozenset[str]:
        """Last characters of the words describing a person: where one (`person_descriptor`) can end."""
        return self._index["descriptor_finals"]

    def person_descriptor(self, text: str) -> str | None:
        """The word describing a person (残疾人, 老党员) that ends `text`."""
        return self._index["descriptors"].longest(text)

    @_remembered
    def place_kind(self, name: str) -> str | None:
        """Kind of an administrative place by its suffix (横水镇 -> town), None if it has none."""
        suffix = self._index["places"].longest(name, shorter_than_text=True)
        if suffix is None or name in self.not_places or self._index["not_places"].longest(name):
            return None
        venue = self._index["venues"].longest(name)
        if venue and len(venue) > len(suffix):
            return None  # 超市 ends in 市 but is a venue: a longer venue suffix wins
        return self._index["kind_of_suffix"][suffix]

    def venue_suffix(self, name: str) -> str | None:
        return self._index["venues"].longest(name)

    @_remembered
    def agency_kind(self, name: str) -> str:
        """party, congress, government, court, group, company, school or other (agencies.toml [kinds])."""
        return next((kind for kind, words in self._index["agency_kinds"] if words.search(name)), "other")

    def agency_suffix(self, name: str) -> str | None:
        return self._index["agencies"].longest(name, shorter_than_text=True)


@cache
def lexicon() -> Lexicon:
    roles = _toml("roles.toml")
    events = _toml("events.toml")
    places = _toml("places.toml")
    agencies = _toml("agencies.toml")
    modifiers = data_lines("title_modifiers.txt")
    return Lexicon(
        titles=_longest_first(data_lines("titles.txt")),
        title_modifiers=_longest_first(modifiers),
        group_labels=_longest_first(data_lines("group_labels.txt")),
        person_descriptors=_longest_first(data_lines("person_descriptors.txt")),
        surnames=frozenset(data_lines("surnames.txt")),
        address_terms=frozenset(data_lines("address_terms.txt")),
        role_words={role: _longest_first(words) for role, words in roles["roles"].items()},
        pronouns=frozenset(roles["pronouns"]["words"]),
        passive_markers=tuple(roles["passive"]["markers"]),
        passive_events=_longest_first(roles["passive"]["events"]),
        noun_roles=frozenset(roles["in_nouns"]["roles"]),
        noun_endings=frozenset(roles["in_nouns"]["endings"]),
        noun_not_before=tuple(roles["in_nouns"]["not_before"]),
        led_groups=frozenset(roles["in_nouns"]["led_groups"]),
        group_leading=tuple(roles["in_nouns"]["leading"]),
        led_reach=roles["in_nouns"]["led_reach"],
        citations=tuple(roles["citation"]["patterns"]),
        listed_after={role: tuple(words) for role, words in roles["listed_after"].items()},
        listed_openers=_longest_first(roles["listed_openers"]["words"]),
        joining=tuple(roles["joining"]["words"]),
        leading=tuple(roles["leading"]["words"]),
        leading_attending=tuple(roles["leading"]["attending"]),
        role_conflicts=tuple(roles["conflicts"]["order"]),
        event_types={kind: _longest_first(words) for kind, words in events["types"].items()},
        event_closers=_longest_first(events["name"]["closers"]),
        event_shifts=_longest_first(events["segments"]["shifts"]),
        not_events=_longest_first(events["not_events"]["words"]),
        # longest suffix first across kinds, so 自治县 is a county before 县... and 自治区 a province
        place_suffixes={k: _longest_first(v) for k, v in places["suffixes"].items()},
        not_places=frozenset(places["not_places"]["words"]),
        not_place_suffixes=_longest_first(places["not_places"]["suffixes"]),
        venue_suffixes=_longest_first(places["venues"]["suffixes"]),
        agency_suffixes=_longest_first(agencies["suffixes"]["words"]),
        agency_kinds={kind: tuple(words) for kind, words in agencies["kinds"].items()},
        agency_verb_openers=_longest_first(agencies["openers"]["verbs"]),
        agency_preposition_openers=_longest_first(agencies["openers"]["prepositions"]),
        glued_verbs=_longest_first(agencies["glued"]["verbs"]),
        glued_verbs_after_names=_longest_first(agencies["glued"]["verbs_after_names"]),
        glued_verbs_after_bare_names=_longest_first(agencies["glued"]["verbs_after_bare_names"]),
        moving_words=_longest_first(roles["moving"]["words"]),
        not_targets=frozenset(places["not_targets"]["words"]),
        place_list_closers=frozenset(places["place_lists"]["closers"]),
        site_suffixes=_longest_first(places["sites"]["suffixes"]),
        place_joiners=frozenset(places["joining"]["words"]),
        continuing_conjunctions=tuple(roles["continuing"]["conjunctions"]),
        continuing_manners=tuple(roles["continuing"]["manners"]),
        continuing_place_ends=tuple(roles["continuing"]["place_ends"]),
        object_first_prepositions=tuple(roles["object_first"]["prepositions"]),
        object_first_verbs=tuple(roles["object_first"]["verbs"]),
        addressee_prepositions=tuple(roles["addressed"]["prepositions"]),
        listening_words=_longest_first(roles["listening"]["words"]),
        on_behalf_words=_longest_first(roles["on_behalf"]["words"]),
        on_behalf_before=tuple(roles["on_behalf"]["before"]),
        long_object_verbs=tuple(roles["long_objects"]["verbs"]),
        appositive_openers=_longest_first(roles["appositives"]["openers"]),
        retinue_verbs=_longest_first(roles["retinue"]["verbs"]),
        going_openers=_longest_first(roles["places_gone_to"]["openers"]),
        going_verbs=_longest_first(roles["places_gone_to"]["verbs"]),
        appositive_heads=_longest_first(roles["appositives"]["heads"]),
        long_object_heads=_longest_first(roles["long_objects"]["heads"]),
        subject_prepositions=frozenset(roles["subject"]["prepositions"]),
        inspection_openers=tuple(events["inspection"]["openers"]),
        group_nouns=frozenset(events["inspection"]["group_nouns"]),
        household_endings=tuple(events["inspection"]["household_endings"]),
        project_endings=tuple(events["inspection"]["project_endings"]),
        surveyed_endings=tuple(events["inspection"]["surveyed_endings"]),
        not_name_final_chars=frozenset(places["name_endings"]["chars"]),
    )
