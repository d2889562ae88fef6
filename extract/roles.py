"""Who did what: the subjects of each clause and the role words of its predicate.

县委书记解芳出席并作动员讲话 -> 解芳 ATTENDED, SPOKE. 会议由县委副书记解伟龙主持 -> 解伟龙 CHAIRED.
A clause of names alone takes the role of the clause after it (县委书记解芳，县领导李翔等陪同);
她强调 refers back to the last person who acted; a clause that starts with its verb keeps the
subject of the clause before it in the same sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from okg.extract.lexicon import Lexicon
from okg.extract.people import COUNTED, NameMention
from okg.extract.role_conflicts import Found, settle
from okg.extract.text import Clause

# words that may open a clause before its subject: 会上，/ 随后 / 会议由 / 同时
LEAD_IN = re.compile(r"^(?:会议|会上|会中|随后|其后|之后|同时|其间|期间|当天|当日|上午|下午|晚上|此外|另外|首先|最后|并|还|也|又|据|本报讯|近日|日前|\d+月\d+日|[\s“”])*")
# 作了重要讲话 / 发表重要讲话: the speech is made at the event (see _cites)
DELIVERING = ("作", "做", "发表", "作了", "做了", "发表了")
# how far into the predicate a role word may stand and still be the subject's own act
ROLE_WINDOW = 16
# 在县委书记张明的陪同下: the people inside accompany; the clause's subject is outside
ACCOMPANYING = re.compile(r"在([^，。；]*?)的?陪同下")
# 在副市长冯建国，县委副书记、县长李翔的陪同下: the same across the commas of a list (from a clause start)
ACCOMPANYING_ACROSS = re.compile(r"(?:^|(?<=，))在((?:(?!，在)[^。；])*?，(?:(?!，在)[^。；])*?)的?陪同下")


@dataclass
class Act:
    """People who did something in one clause, with the roles read from it."""

    people: list[NameMention]
    roles: set[str]
    clause: Clause
    evidence_start: int
    evidence_end: int
    pronoun: bool = False
    words: list[str] = field(default_factory=list)
    rule: str = "role.subject"  # the reading that found its people (extract/data/rules.toml)


@dataclass
class Reading:
    """What read_acts found: the acts, and the subject of each clause (by the clause's start)."""

    acts: list[Act]
    subjects: dict[int, list[NameMention]]

    def subject_of(self, clause: Clause) -> list[NameMention]:
        return self.subjects.get(clause.start, [])


def _without_lead_in(text: str) -> str:
    """The text after its lead-in (LEAD_IN is anchored: one match at the start, no scan as by `sub`)."""
    return text[LEAD_IN.match(text).end():]


def role_words(predicate: str, lex: Lexicon, window_size: int | None = ROLE_WINDOW) -> tuple[set[str], list[str]]:
    """The roles of the role words within reach in the predicate (and the words), once their
    conflicts are settled (role_conflicts.py, in the order of roles.toml [conflicts])."""
    words = []
    window = predicate[:window_size]
    first: dict[str, int] = {}
    for role, vocabulary in lex.role_words.items():
        for word in vocabulary:
            if word in window:
                words.append(word)
                first[role] = min(first.get(role, len(window)), window.find(word))
    return settle(Found(window, first), lex), words


def _event_words(lex: Lexicon) -> tuple[str, ...]:
    return tuple(w for kind in ("meeting", "training") for w in lex.event_types[kind])


def subjects(clause: Clause, names: list[NameMention], lex: Lexicon, text: str | None = None) -> list[NameMention]:
    """Names that open the clause (after a lead-in, a title chain or 由/在), and the list they head."""
    if not names:
        return []
    text = clause.text if text is None else text
    first = names[0]
    head = text[: first.chain_start - clause.start]
    head = _without_lead_in(head)
    for marker in lex.passive_markers:
        if head.endswith(marker):
            head = head[: -len(marker)]
            head = _without_lead_in(head)
            if marker == "由" and head.endswith(_event_words(lex)):
                head = ""  # 仪式由副县长陈刚主持, 座谈会由…主持: the event, then who did what at it
            break
    if head:
        return []
    group = [first]
    for name in names[1:]:
        between = text[group[-1].end - clause.start: name.chain_start - clause.start]
        if between in ("、", "和", "及", "与", "以及", "，") or between.endswith("、"):
            group.append(name)
        else:
            break
    return group


def read_acts(clauses: list[tuple[Clause, list[NameMention]]], lex: Lexicon) -> Reading:
    """Walk the clauses of an article in order and say who did what."""
    acts: list[Act] = []
    acting: dict[int, list[NameMention]] = {}  # clause start -> its subject
    pending: list[NameMention] = []  # names of a clause with no verb, waiting for the next clause
    sentence_subject: list[NameMention] = []  # the last subject in this sentence
    last_actor: list[NameMention] = []
    listing: str | None = None  # the role of a list of people going on in this sentence (出席会议的还有…)
    across: tuple[int, int] | None = None  # body span of 在A，B的陪同下 over several clauses
    for clause, names in clauses:
        if clause.index == 0:
            pending, sentence_subject, listing = [], [], None
            found = ACCOMPANYING_ACROSS.search(clause.sentence.text)
            across = (clause.sentence.start + found.start(), clause.sentence.start + found.end()) if found else None
        text = clause.text
        if across and clause.start < across[1] and across[0] < clause.end:
            lo, hi = max(across[0], clause.start) - clause.start, min(across[1], clause.end) - clause.start
            names, text = _set_apart_companions(clause, names, text, lo, hi, acts)
            if not text.strip(" ，、"):
                continue
        accompanying = ACCOMPANYING.search(text)
        if accompanying:
            names, text = _set_apart_companions(clause, names, text, accompanying.start(), accompanying.end(), acts)
        stripped = _without_lead_in(text)
        listed = _listed_after(stripped, lex)
        if listed and not names and _opens_list(clause):
            listing, pending = listed, []  # 应邀出席大会的领导有：A，B…: the names follow the colon
            continue
        if listed and names or listing and _only_names(clause, names):
            # 出席会议的还有县委副书记刘芳，县人大常委会副主任张军、李红: everyone named after 的有
            # takes the role, in this clause and in the clauses of names that go on with the list
            listing = listed or listing
            acts.append(Act(list(names), {listing}, clause, clause.start, clause.end, rule="role.listed_after"))
            acting[clause.start] = list(names)
            pending = []
            continue
        listing = None
        subject = subjects(clause, names, lex, text)
        pronoun, rule = False, "role.subject"
        if subject:
            predicate_start = subject[-1].end - clause.start
        else:
            offset = len(text) - len(stripped)
            word = next((p for p in _longest_first(lex.pronouns) if stripped.startswith(p)), None)
            if word and last_actor:
                subject, pronoun, rule = last_actor, True, "role.pronoun"
                predicate_start = offset + len(word)
            elif pending and clause.index > 0:
                subject, predicate_start, rule = pending, 0, "role.gathered_names"
            elif sentence_subject and (lex.starts_with_role_word(lex.continuing.sub("", stripped))
                                       or lex.continuing.sub("", stripped).startswith(lex.moving_words)):
                # 县委书记李华深入古城镇，详细检查… / 李华带领…负责人，深入古城镇…: the clause goes on
                # with the subject before it
                subject, predicate_start, rule = sentence_subject, offset, "role.continuing_clause"
            elif (sentence_subject and stripped.startswith(lex.inspection_openers + lex.addressee_prepositions)
                  and role_words(stripped, lex)[0]):
                # 孙丽带领镇村干部深入田间地头，开展秸秆禁烧巡查 / 解芳深入西灌底村，…，为村党员干部讲授
                # 专题党课: what is carried out, and what is said to the people addressed, is the subject's
                subject, predicate_start, rule = sentence_subject, offset, "role.carried_out"
            elif sentence_subject and (verb_first := lex.object_first.match(stripped)):
                # 王刚带队，对城关镇部分企业安全生产工作进行检查: the verb after the object is the subject's
                subject, predicate_start, rule = sentence_subject, offset + verb_first.end(), "role.object_first"
            else:
                if not (pending and _only_posts(stripped, lex)):
                    pending = []  # (平阴经济开发区党工委副书记，在家的县委常委，…出席: the names gather on)
                continue
        acting[clause.start] = subject
        if not pronoun:
            sentence_subject = subject
        predicate = lex.on_behalf.sub("", text[predicate_start:].replace(" ", ""))
        if _cites(predicate, clause, names, subject, lex):
            pending = []
            continue
        # names gathered from clauses before and a clause naming no one: its verb is theirs wherever it
        # stands (副县长陈刚，县人民法院、县人民检察院负责同志列席会议)
        roles, words = role_words(lex.compact_predicate(predicate), lex, None if subject is pending else ROLE_WINDOW)
        if not roles:
            if predicate.strip("，。、；： 等一行") == "" or _only_names(clause, names, lex) or (
                subject is pending and _only_posts(predicate, lex)
            ):
                # 市人大常委会主任刘明，县委书记孙亮，县长钱伟陪同: names gather until a verb comes
                pending = pending + [s for s in subject if s not in pending] if not pronoun else []
            else:
                if pending and not pronoun and subject is not pending:
                    # 县委书记张伟，县长李红梅深入城关镇，走访慰问…: the names gathered before go
                    # with this subject, and the sentence goes on with all of them
                    subject = pending + [s for s in subject if s not in pending]
                    acting[clause.start] = sentence_subject = subject
                pending = []
            if subject and not pronoun:
                last_actor = subject
            continue
        people = (pending + subject) if pending and not pronoun and subject is not pending else subject
        if people is not subject:  # the names gathered before are subjects of this clause too
            acting[clause.start] = sentence_subject = people
        acts.append(Act(people, roles, clause, clause.start, clause.end, pronoun, words, rule))
        last_actor = subject
        pending = []
    return Reading(acts, acting)


def _set_apart_companions(clause: Clause, names: list[NameMention], text: str, lo: int, hi: int, acts: list[Act]):
    """在县委书记张明的陪同下 at text[lo:hi] (clause offsets): the people named in it accompany. The
    phrase is blanked out, offsets kept, so the clause reads 市长李强 到开发区检查. Returns the names
    left to the clause and its text."""
    inside = [n for n in names if lo <= n.start - clause.start < hi]
    if inside:
        acts.append(Act(inside, {"ACCOMPANIED"}, clause, clause.start, clause.end, words=["陪同"], rule="role.accompanying"))
        names = [n for n in names if n not in inside]
    return names, text[:lo] + " " * (hi - lo) + text[hi:]


@cache
def _longest_first(words: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


@cache
def _listed_pattern(words: tuple[str, ...], openers: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"^(?:{'|'.join(openers)})?(?:{'|'.join(words)})[^，。；]{{0,8}}?的(?:领导|人员|同志)?(?:还|另)?有")


def _listed_after(stripped: str, lex: Lexicon) -> str | None:
    """The role of a clause that names its people after the role word: 出席会议的还有…, 陪同调研的有….
    `stripped` is the clause without its lead-in (LEAD_IN)."""
    if "有" not in stripped:  # what every _listed_pattern ends with: most clauses stop here
        return None
    for role, words in lex.listed_after.items():
        if _listed_pattern(words, lex.listed_openers).match(stripped):
            return role
    return None


def _cites(predicate: str, clause: Clause, names: list[NameMention], subject: list[NameMention], lex: Lexicon) -> bool:
    """习近平总书记考察调研山西重要指示精神: the subject is cited, not acting (see roles.toml [citation])."""
    first = _citation_pattern(lex.citations).search(predicate) if lex.citations else None  # the leftmost of any
    if first is None or predicate[: first.start()].endswith(DELIVERING):
        return False  # 在会上做重要讲话: a speech made here, not one cited
    at = first.start()
    predicate_start = clause.end - len(predicate)
    return not any(predicate_start <= n.start < predicate_start + at for n in names if n not in subject)


@cache
def _citation_pattern(citations: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(map(re.escape, citations)))


def _opens_list(clause: Clause) -> bool:
    """The clause ends with a colon: what it announces follows."""
    sentence = clause.sentence
    return sentence.text[clause.end - sentence.start: clause.end - sentence.start + 1] in ("：", ":")


def _only_names(clause: Clause, names: list[NameMention], lex: Lexicon | None = None) -> bool:
    """Nothing but names in the clause after them, or (given `lex`) a count and a title or group
    (于现伟、郑婷婷6名县政协委员)."""
    if not names:
        return False
    rest = clause.text[names[-1].end - clause.start:].strip("，。、；： 等一行先后")
    if lex is not None and COUNTED.match(rest):
        rest = rest[COUNTED.match(rest).end():]
        return lex.title_suffix(rest) is not None or lex.group_label(rest) is not None
    return rest == ""


def _only_posts(text: str, lex: Lexicon) -> bool:
    """平阴经济开发区党工委副书记 / 在家的县委常委: a clause naming posts and no one."""
    rest = text.strip("，。、；： 等")
    return len(rest) <= 20 and lex.title_suffix(rest) is not None and not any(ch in rest for ch in "、")
