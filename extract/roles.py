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

from okg.extract.lexicon import Lexicon, without_opening
from okg.extract.mentions import NameMention
from okg.extract.people import COUNTED
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
# 调研组在组长周明的带领下，到我市调研: the people inside lead the group, and act on in the sentence
LED_UNDER = re.compile(r"在([^，。；]*?)的?带领下")
# 县四大班子领导 / 考察团一行 / 代表们: the group so led, with the adverbs before its act
LED_GROUP = re.compile(r"^[\u4e00-\u9fff]{0,12}?(?:领导|组|团|们)(?:一行人?)?(?:先后|随后|首先|一同|分别)?")
# 陪同市委书记王建设调研: the accompanying verb right before the people accompanied (see _accompanied)
ACCOMPANYING_VERB = re.compile(r"(?:全程)?陪同了?")
# 市委统战部, 中联办, 镇政府: where the name of a body written before a name may begin
BODY_INITIALS = frozenset("省市县区州盟旗镇乡村中")
CJK_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")
# 领导们认真倾听 / 代表们纷纷表示: a clause opened by people no name stands for (他们 is a pronoun, read first)
OTHERS = re.compile(r"^[\u4e00-\u9fff]{1,4}?[们們]")
# 在副市长冯建国，县委副书记、县长李翔的陪同下: the same across the commas of a list, also after the
# people accompanied (王建设一行在张明华，李国栋等陪同下); no other 在 inside (在城关镇，王建设在…陪同下)
ACCOMPANYING_ACROSS = re.compile(r"在((?:(?!在)[^。；])*?，(?:(?!在)[^。；])*?)的?陪同下")


@dataclass(slots=True)
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
    # where the walk stood as each sentence began, and as it ended (for reread_acts)
    checkpoints: list["_Checkpoint"] = field(default_factory=list, repr=False)

    def subject_of(self, clause: Clause) -> list[NameMention]:
        return self.subjects.get(clause.start, [])


def _without_lead_in(text: str) -> str:
    """The text after its lead-in (LEAD_IN)."""
    return without_opening(LEAD_IN, text)


def role_words(predicate: str, lex: Lexicon, window_size: int | None = ROLE_WINDOW) -> tuple[set[str], list[str]]:
    """The roles of the role words within reach in the predicate (and the words), once their
    conflicts are settled (role_conflicts.py, in the order of roles.toml [conflicts])."""
    words, first = lex.role_words_in(predicate, window_size)
    if not first:
        return set(), words  # no role word: no conflict to settle
    return settle(Found(predicate[:window_size], first), lex), words


# predicates whose roles are remembered, forgotten all at once beyond (~600 bytes an entry: at most 3 MB)
PREDICATE_MEMO_SIZE = 5_000


def predicate_roles(predicate: str, lex: Lexicon, window_size: int | None = ROLE_WINDOW) -> tuple[set[str], list[str]]:
    """role_words of the predicate compacted (lex.compact_predicate), remembered by its text: the same
    predicates (强调, 主持会议, 出席会议并讲话) come back clause after clause. A copy each time: the
    sets become the acts' own."""
    memo = lex.memo("predicate roles")
    key = (predicate, window_size)
    found = memo.get(key)
    if found is None:
        if len(memo) >= PREDICATE_MEMO_SIZE:
            memo.clear()
        roles, words = role_words(lex.compact_predicate(predicate), lex, window_size)
        found = memo[key] = (frozenset(roles), tuple(words))
    return set(found[0]), list(found[1])


def _event_words(lex: Lexicon) -> tuple[str, ...]:
    """The nouns of events after which 由 opens the doer (events.toml's meetings and trainings, roles.toml [passive])."""
    return tuple(w for kind in ("meeting", "training") for w in lex.event_types[kind]) + lex.passive_events


def subjects(clause: Clause, names: list[NameMention], lex: Lexicon, text: str | None = None) -> list[NameMention]:
    """Names that open the clause (after a lead-in, a title chain or 由/在), and the list they head."""
    if not names:
        return []
    text = clause.text if text is None else text
    first = names[0]
    if "了" in text[: first.start - clause.start]:
        return []  # 慰问了细氽村老党员王明启: a verb done (了) stands before the name, who is its object
    comrade = text.startswith("同志", first.end - clause.start)
    head = _without_body(text[: first.chain_start - clause.start], first, lex, comrade)
    head = _without_lead_in(head)
    for marker in lex.passive_markers:
        if head.endswith(marker):
            head = head[: -len(marker)]
            head = _without_lead_in(head)
            if marker == "由" and head.endswith(_event_words(lex)):
                head = ""  # 仪式由副县长陈刚主持, 座谈会由…主持: the event, then who did what at it
            break
    if head or _verb_in_label(text[first.chain_start - clause.start: first.start - clause.start], first, lex):
        return []
    return _joined(first, names[1:], clause, text, lex)


def _without_body(head: str, first: NameMention, lex: Lexicon, comrade: bool = False) -> str:
    """市委统战部李向荣副部长 / 县委办公室张明同志: a name with its title (or 同志, `comrade`) after it
    may have its body before it; the head without that body (a jurisdiction's first character up to
    an agency suffix, at most 12 characters)."""
    if not (comrade or any(t.rule == "position.title_after" for t in first.positions)):
        return head
    for i in range(max(0, len(head) - 12), len(head) - 1):
        body = head[i:]
        if body[0] in BODY_INITIALS and CJK_ONLY.match(body) and lex.agency_suffix(body) and not lex.role_words_in(body)[0]:
            return head[:i]
    return head


def _joined(first: NameMention, after: list[NameMention], clause: Clause, text: str, lex: Lexicon) -> list[NameMention]:
    """`first` and the names after it joined to it in a list (、, 和, 及…)."""
    group = [first]
    for name in after:
        lo, hi = _subject_end(group[-1]) - clause.start, name.chain_start - clause.start
        # (the chain of the next name may take in the title after the one before: 王芳副部长、会长李强)
        between = _without_body(text[lo:hi], name, lex) if hi >= lo else text[lo:lo + 1]  # 、区人民法院|王立人院长
        if between in ("、", "和", "及", "与", "以及", "，") or between.endswith("、") and not lex.role_words_in(between)[0]:
            group.append(name)
        else:
            break
    return group


@dataclass(slots=True)
class _Walk:
    """What read_acts carries from clause to clause."""

    acts: list[Act] = field(default_factory=list)
    acting: dict[int, list[NameMention]] = field(default_factory=dict)  # clause start -> its subject
    pending: list[NameMention] = field(default_factory=list)  # names of clauses with no verb, waiting for one
    sentence_subject: list[NameMention] = field(default_factory=list)  # the last subject in this sentence
    last_actor: list[NameMention] = field(default_factory=list)
    listing: str | None = None  # the role of a list of people going on in this sentence (出席会议的还有…)
    across: tuple[int, int] | None = None  # body span of 在A，B的陪同下 over several clauses
    leaders: list[NameMention] = field(default_factory=list)  # 在X的带领下 in this sentence (role.led_under)
    asked_last_actor: bool = False  # a clause of this sentence opened with a pronoun (see pronoun)


@dataclass(slots=True)
class _Clause:
    """One clause as the subject rules see it: its names, its text (companions blanked out) and that
    text without its lead-in (LEAD_IN)."""

    clause: Clause
    names: list[NameMention]
    text: str
    stripped: str
    continued: str | None = None  # `stripped` without a continuing clause's opening (see _continued)

    @property
    def offset(self) -> int:  # where `stripped` starts in `text`
        return len(self.text) - len(self.stripped)


def _continued(c: _Clause, lex: Lexicon) -> str:
    """The clause after what may open one that goes on with the subject before it (lex.continuing),
    read once a clause: continuing_clause and carried_out both ask."""
    if c.continued is None:
        c.continued = without_opening(lex.continuing, c.stripped)
    return c.continued


@dataclass(slots=True)
class _Checkpoint:
    """The walk as a sentence begins: all it carries over from the sentences before (the rest of
    _Walk is reset at a sentence's first clause); and whether the sentence asked who acted last."""

    clause: int  # the sentence's first clause, its place in the clauses read
    acts: int  # how many acts were read before it
    last_actor: list[NameMention]
    asked_last_actor: bool = False


def read_acts(clauses: list[tuple[Clause, list[NameMention]]], lex: Lexicon) -> Reading:
    """Walk the clauses of an article in order and say who did what."""
    walk, checkpoints = _Walk(), []
    firsts = [i for i, (clause, _) in enumerate(clauses) if i == 0 or clause.index == 0] + [len(clauses)]
    for lo, hi in zip(firsts, firsts[1:]):
        _walk_sentence(walk, checkpoints, clauses, lo, hi, lex)
    checkpoints.append(_Checkpoint(len(clauses), len(walk.acts), walk.last_actor))
    return Reading(walk.acts, walk.acting, checkpoints)


def reread_acts(before: Reading, clauses: list[tuple[Clause, list[NameMention]]], changed: set[int], lex: Lexicon) -> Reading:
    """read_acts(clauses, lex), when `before` read the same clauses with other names only at the places
    `changed`. A sentence is walked again only when one of its clauses changed, or when it asked who
    acted last and the walk enters it with another last actor than before; else its acts and
    subjects are those read before, which is exact: they depend on nothing else (see _Checkpoint),
    and its names are the same objects."""
    walk, checkpoints = _Walk(), []
    for start, end in zip(before.checkpoints, before.checkpoints[1:]):
        same_actor = not start.asked_last_actor or _same_people(walk.last_actor, start.last_actor)
        if not (same_actor and changed.isdisjoint(range(start.clause, end.clause))):
            _walk_sentence(walk, checkpoints, clauses, start.clause, end.clause, lex)
            continue
        checkpoints.append(_Checkpoint(start.clause, len(walk.acts), walk.last_actor, start.asked_last_actor))
        walk.acts += before.acts[start.acts:end.acts]
        for clause, _ in clauses[start.clause:end.clause]:
            if clause.start in before.subjects:
                walk.acting[clause.start] = before.subjects[clause.start]
        if end.last_actor is not start.last_actor:  # the sentence named its own last actor (a list it made)
            walk.last_actor = end.last_actor
    checkpoints.append(_Checkpoint(len(clauses), len(walk.acts), walk.last_actor))
    return Reading(walk.acts, walk.acting, checkpoints)


def _walk_sentence(walk: _Walk, checkpoints: list[_Checkpoint], clauses, lo: int, hi: int, lex: Lexicon) -> None:
    """Read the clauses lo:hi of one sentence, after noting where the walk stood as it began."""
    checkpoints.append(_Checkpoint(lo, len(walk.acts), walk.last_actor))
    for clause, names in clauses[lo:hi]:
        _read_clause(walk, clause, names, lex)
    checkpoints[-1].asked_last_actor = walk.asked_last_actor


def _same_people(these: list[NameMention], those: list[NameMention]) -> bool:
    return len(these) == len(those) and all(a is b for a, b in zip(these, those))


def _read_clause(walk: _Walk, clause: Clause, names: list[NameMention], lex: Lexicon) -> None:
    """Who did what in one clause, and what the walk carries on to the next."""
    if clause.index == 0:
        walk.pending, walk.sentence_subject, walk.listing, walk.leaders = [], [], None, []
        walk.asked_last_actor = False
        found = ACCOMPANYING_ACROSS.search(clause.sentence.text) if "陪同下" in clause.sentence.text else None
        walk.across = (clause.sentence.start + found.start(), clause.sentence.start + found.end()) if found else None
    c = _companions_apart(walk, clause, _leaders_apart(walk, clause, names))
    if c is None or _read_listing(walk, c, lex):
        return
    walk.listing = None
    found = _first_reading(walk, c, lex)
    if found is None:
        if not (walk.pending and _only_posts(c.stripped, lex)):
            walk.pending = []  # (平阴经济开发区党工委副书记，在家的县委常委，…出席: the names gather on)
        if OTHERS.match(c.stripped):
            walk.sentence_subject = []  # 领导们认真倾听…，并对他…表示敬意: no one named goes on acting
        return
    _read_predicate(walk, c, *found, lex)


def _companions_apart(walk: _Walk, clause: Clause, names: list[NameMention]) -> _Clause | None:
    """The clause with 在…的陪同下 set apart (its people accompany); None when nothing is left."""
    text = clause.text
    if walk.across and clause.start < walk.across[1] and walk.across[0] < clause.end:
        lo, hi = max(walk.across[0], clause.start) - clause.start, min(walk.across[1], clause.end) - clause.start
        names, text = _set_apart_companions(clause, names, text, lo, hi, walk.acts)
        if not text.strip(" ，、"):
            return None
    accompanying = ACCOMPANYING.search(text) if "陪同下" in text else None  # (what every match holds: most clauses stop here)
    if accompanying:
        names, text = _set_apart_companions(clause, names, text, accompanying.start(), accompanying.end(), walk.acts)
    return _Clause(clause, names, text, _without_lead_in(text))


def _leaders_apart(walk: _Walk, clause: Clause, names: list[NameMention]) -> list[NameMention]:
    """在组长周明的带领下: the people named in it lead the group the clause names, were there, and are
    the subject the sentence goes on with (调研组在…带领下，到我市调研); the names left to the clause."""
    led = LED_UNDER.search(clause.text) if "带领下" in clause.text else None
    if led is None:
        return names
    inside = [n for n in names if led.start() <= n.start - clause.start < led.end()]
    if not inside:
        return names
    walk.acts.append(Act(inside, {"ATTENDED"}, clause, clause.start, clause.end, words=["带领"], rule="role.led_under"))
    walk.acting[clause.start] = walk.sentence_subject = walk.last_actor = walk.leaders = inside
    return [n for n in names if n not in inside]


def led_group(walk: _Walk, c: _Clause, lex: Lexicon):
    """在县委书记周明的带领下，县四大班子领导先后来到…调研: the group led, opening a clause of this
    sentence, acts for its leaders."""
    if not walk.leaders or c.names:
        return None
    group = LED_GROUP.match(c.stripped)
    if group is None:
        return None
    rest = c.stripped[group.end():]
    if lex.starts_with_role_word(rest) or rest.startswith(lex.moving_words + lex.going_verbs):
        return walk.leaders, c.offset + group.end(), "role.led_under", False
    return None


def _read_listing(walk: _Walk, c: _Clause, lex: Lexicon) -> bool:
    """出席会议的还有县委副书记刘芳，县人大常委会副主任张军、李红 (also after a colon): everyone named
    after 的有 takes the role, in this clause and in the clauses of names that go on with the list."""
    listed = _listed_after(c.stripped, lex)
    if listed and not c.names and _opens_list(c.clause):
        walk.listing, walk.pending = listed, []  # 应邀出席大会的领导有：A，B…: the names follow the colon
        return True
    if listed and c.names or walk.listing and _only_names(c.clause, c.names, lex):
        walk.listing = listed or walk.listing
        walk.acts.append(Act(list(c.names), {walk.listing}, c.clause, c.clause.start, c.clause.end, rule="role.listed_after"))
        walk.acting[c.clause.start] = list(c.names)
        walk.pending = []
        return True
    return False


# --- who acts in a clause: the first of these rules that finds someone (extract/data/rules.toml) ---
# Each returns (subject, where its predicate starts in the clause text, rule id, by pronoun?) or None.

def opening_names(walk: _Walk, c: _Clause, lex: Lexicon):
    """县委书记解芳出席…: the names that open the clause."""
    subject = subjects(c.clause, c.names, lex, c.text)
    return (subject, _subject_end(subject[-1]) - c.clause.start, "role.subject", False) if subject else None


def pronoun(walk: _Walk, c: _Clause, lex: Lexicon):
    """他强调 / 一行人对…进行了调研: the last people who acted."""
    pronouns = _longest_first(lex.pronouns)
    if not c.stripped.startswith(pronouns):  # (one test of them all, in C, first)
        return None
    walk.asked_last_actor = True  # (what the sentence reads now depends on who acted before it)
    if not walk.last_actor:
        return None
    word = next(p for p in pronouns if c.stripped.startswith(p))
    return walk.last_actor, c.offset + len(word), "role.pronoun", True


def gathered_names(walk: _Walk, c: _Clause, lex: Lexicon):
    """副县长陈刚，县人民法院负责同志列席会议: names gathered in clauses before, for this clause's verb."""
    return (walk.pending, 0, "role.gathered_names", False) if walk.pending and c.clause.index > 0 else None


def continuing_clause(walk: _Walk, c: _Clause, lex: Lexicon):
    """县委书记李华深入古城镇，详细检查… / 李华带领…负责人，深入古城镇… / 李华出席会议，并在会上作重要
    讲话: the clause goes on with the subject before it."""
    if not walk.sentence_subject:
        return None
    rest = _continued(c, lex)
    if rest[2:3] in lex.group_nouns and lex.starts_with_role_word(rest[:2]):
        return None  # 慰问组到来之后, 检查组深入: the group so named is the clause's own subject
    if rest.startswith(DELIVERING):  # 作重要讲话 -> 作讲话 -> 讲话
        rest = lex.compact_predicate(rest)
        rest = rest[len(next((d for d in _longest_first(frozenset(DELIVERING)) if rest.startswith(d)), "")):]
    # (…负责人，到陈集镇小李庄村实地调研: 到 and 赴 go too, but not 到2025年, a time)
    going = rest.startswith(lex.going_verbs) and not rest[1:2].isdigit()
    if lex.starts_with_role_word(rest) or rest.startswith(lex.moving_words) or going:
        return walk.sentence_subject, c.offset, "role.continuing_clause", False
    return None


def carried_out(walk: _Walk, c: _Clause, lex: Lexicon):
    """孙丽带领镇村干部深入田间地头，开展秸秆禁烧巡查 / …，为村党员干部讲授专题党课: what is carried
    out, and what is said to the people addressed, is the subject's (also after a manner: 分组开展…)."""
    if not walk.sentence_subject:
        return None
    rest = _continued(c, lex)
    if (rest.startswith(lex.inspection_openers + lex.addressee_prepositions)
            and role_words(rest, lex)[0]):
        return walk.sentence_subject, c.offset, "role.carried_out", False
    return None


def object_first(walk: _Walk, c: _Clause, lex: Lexicon):
    """王刚带队，对城关镇部分企业安全生产工作进行检查 / …，并就下步工作提出要求: the verb after the
    object is the subject's (the predicate starts at it: 表示感谢)."""
    verb_first = lex.object_first.match(c.stripped) if walk.sentence_subject else None
    return (walk.sentence_subject, c.offset + verb_first.start(1), "role.object_first", False) if verb_first else None


SUBJECT_RULES = (opening_names, pronoun, gathered_names, led_group, continuing_clause, carried_out, object_first)


def _first_reading(walk: _Walk, c: _Clause, lex: Lexicon):
    """What the first of SUBJECT_RULES that finds someone found, or None."""
    for rule in SUBJECT_RULES:
        found = rule(walk, c, lex)
        if found:
            return found
    return None


def _read_predicate(walk: _Walk, c: _Clause, subject: list[NameMention], predicate_start: int, rule: str, by_pronoun: bool, lex: Lexicon) -> None:
    """The roles of the subject's predicate, and what the walk carries on."""
    clause = c.clause
    walk.acting[clause.start] = subject
    if not by_pronoun:
        walk.sentence_subject = subject
    predicate = without_opening(lex.on_behalf, c.text[predicate_start:].replace(" ", ""))
    if _cites(predicate, clause, c.names, subject, lex):
        walk.pending = []
        if not by_pronoun:
            walk.sentence_subject = []  # 习近平总书记的重要讲话…，也对…提出了要求: the cited do not go on acting
        return
    # names gathered from clauses before and a clause naming no one: its verb is theirs wherever it
    # stands (副县长陈刚，县人民法院、县人民检察院负责同志列席会议)
    gathered = subject is walk.pending
    roles, words = predicate_roles(predicate, lex, None if gathered else ROLE_WINDOW)
    if not roles:
        _no_roles(walk, c, subject, predicate, by_pronoun, lex)
        return
    people = (walk.pending + subject) if walk.pending and not by_pronoun and not gathered else subject
    if people is not subject:  # the names gathered before are subjects of this clause too
        walk.acting[clause.start] = walk.sentence_subject = people
    walk.acts.append(Act(people, roles, clause, clause.start, clause.end, by_pronoun, words, rule))
    if "ACCOMPANIED" in roles:
        _accompanied(walk, c, subject, predicate_start, lex)
    walk.last_actor = subject
    walk.pending = []


def _accompanied(walk: _Walk, c: _Clause, subject: list[NameMention], predicate_start: int, lex: Lexicon) -> None:
    """县委书记张明华陪同市委书记王建设深入城关镇调研: the people named right after 陪同 do the act
    after them (the subject accompanies them)."""
    verb = ACCOMPANYING_VERB.match(c.text, predicate_start)
    at = c.clause.start + verb.end() if verb else -1
    led = [n for n in c.names if n.start >= at and n not in subject]
    if not led or led[0].chain_start != at:
        return
    led = _joined(led[0], led[1:], c.clause, c.text, lex)
    rest = c.text[_subject_end(led[-1]) - c.clause.start:].replace(" ", "")
    roles, words = predicate_roles(rest, lex)
    roles.discard("ACCOMPANIED")
    if roles:
        walk.acts.append(Act(led, roles, c.clause, c.clause.start, c.clause.end, words=words, rule="role.accompanied_leader"))


def _no_roles(walk: _Walk, c: _Clause, subject: list[NameMention], predicate: str, by_pronoun: bool, lex: Lexicon) -> None:
    """A subject whose predicate holds no role word: names gather until a verb comes (市人大常委会主任
    刘明，县委书记孙亮，县长钱伟陪同), or the sentence goes on with them."""
    gathered = subject is walk.pending
    if predicate.strip("，。、；： 等一行") == "" or _only_names(c.clause, c.names, lex) or (gathered and _only_posts(predicate, lex)):
        walk.pending = walk.pending + [s for s in subject if s not in walk.pending] if not by_pronoun else []
    else:
        if walk.pending and not by_pronoun and not gathered:
            # 县委书记张伟，县长李红梅深入城关镇，走访慰问…: the names gathered before go with this
            # subject, and the sentence goes on with all of them
            subject = walk.pending + [s for s in subject if s not in walk.pending]
            walk.acting[c.clause.start] = walk.sentence_subject = subject
        walk.pending = []
    if subject and not by_pronoun:
        walk.last_actor = subject


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
    # 出席会议的领导有 / 陪同人员有 (的 may be left out before the noun of the people)
    return re.compile(rf"^(?:{'|'.join(openers)})?(?:{'|'.join(words)})[^，。；]{{0,8}}?(?:的(?:领导|人员|同志)?|领导|人员)(?:还|另)?有")


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
    """Nothing but names in the clause after them (and the title written after the last: 李小军、
    王芳常委), or (given `lex`) 等 and a group label (等县领导), or a count and a title or group
    (于现伟、郑婷婷6名县政协委员)."""
    if not names:
        return False
    after = clause.text[_subject_end(names[-1]) - clause.start:]
    rest = after.strip("，。、；： 等一行先后")
    if lex is not None and _labelled(after, lex):
        return True
    if lex is not None and COUNTED.match(rest):
        rest = rest[COUNTED.match(rest).end():]
        return lex.title_suffix(rest) is not None or lex.group_label(rest) is not None
    return rest == ""


def _verb_in_label(chain: str, name: NameMention, lex: Lexicon) -> bool:
    """慰问了细氽村老党员王明启: a group label before a name that holds a verb and its object (a role
    word not right before the label, as in 督导人员) names whom the act is done to, not who acts."""
    if not name.group_label or not chain.endswith(name.group_label):
        return False
    rest = chain[: -len(name.group_label)]
    words, _ = lex.role_words_in(rest)
    return any(role in lex.noun_roles and rest.find(w) + len(w) < len(rest)
               for role, ws in lex.role_words.items() for w in ws if w in words)


def _subject_end(name: NameMention) -> int:
    """Where a name ends with the title written after it (杨茂巡视员: the title is no predicate)."""
    return max([name.end] + [t.end for t in name.positions if t.rule == "position.title_after"])


def _labelled(predicate: str, lex: Lexicon) -> bool:
    """等区四套班子领导 / 等县领导: the names end in 等 and a group label, and wait for their verb."""
    rest = predicate.strip("，。、；： ")
    return rest.startswith("等") and len(rest) <= 16 and lex.group_label(rest) is not None


def _only_posts(text: str, lex: Lexicon) -> bool:
    """平阴经济开发区党工委副书记 / 在家的县委常委: a clause naming posts and no one."""
    rest = text.strip("，。、；： 等")
    return len(rest) <= 20 and lex.title_suffix(rest) is not None and not any(ch in rest for ch in "、")
