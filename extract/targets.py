"""What an event's inspectors inspected: the villages, towns, sites, projects and bodies an article
says they went to, looked at or visited (`find_targets`), each a Target with the rule that read it
(the `target.*` rules of extract/data/rules.toml). The event itself is extract/events.py's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from okg.extract.events import SubjectOf, event_type, quoted_clauses
from okg.extract.lexicon import Lexicon
from okg.extract.places import target_kind
from okg.extract.roles import ACCOMPANYING, LED_UNDER, Act
from okg.extract.text import Body, Clause

# 在A、B等4个卡口 / 到X调研 / 深入X / 先后来到X、Y
AT_PLACE = re.compile(r"^(?:先后)?(?:在|来到|走进|深入到|深入|前往|到|赴)(.+)$")
# what is done at a place, which ends its name; not when it names a site or a group (检查站, 督导组)
DONE_THERE = r"(?:实地|调研|督导|检查|察看|考察|视察|走访|慰问|看望|督查|查看|巡察|巡视|巡查|巡河|开展|进行|指导)(?![站组团室点])"
# 到 moves only as a verb of its own: not in 到来 or 到位, nor as the complement of 说到, 看到, 受到;
# nor in 每到一处 or 所到之处 (wherever he went) or 走到 (a step within the site);
# nor 深入 before a verb or 的 (深入学习贯彻, 深入的了解: thoroughly); 来 alone only after 先后, 一行 and the like
# (一行先后来X村: came to), not in 来自, 来访, 以来, 来说. (A look-behind stands after its character, 到(?<!说到),
# here and in OBJECT_INSPECTED: one opening a pattern's branch is tried at every character.)
GOING = re.compile(
    r"(?:先后|首先|随后|分别|又|还|再)?(?:来到|走进|深入到|深入(?!的|学习|贯彻|推进|推动|开展|实施|落实|研究|调查|了解|宣传|挖掘|人心|交换|交流|探讨|分析)"
    r"|前往|登上|到(?<![说讲谈提看听想见找得受达做遇感收每走所]到)(?![来位])|赴|来(?<=(?:先后|一行|随后|分别|首先)来)(?![到自访过回信看说讲]))了?"
    # (a quotation opening after the verb is what was said, not where: 段棚说到“大妈，…; a short term
    # quoted and closed is part of a name: 县中医院“治未病”院区); the place ends where a manner of
    # looking begins (宏德中学|详细了解…), or a meeting held or attended there (到X镇|召开座谈会, 赴X州|参加…)
    rf"((?:[^，。；“”]|“[^，。；“”]{{1,12}}”){{2,160}}?)(?={DONE_THERE}|详细|认真|仔细|就|对|召开|参加|出席|，|。|$)"
)
# the first characters of GOING's verbs: a clause with none of them goes nowhere (GOING, opening with
# its optional adverbs, is tried at every character of a clause searched)
GOING_VERB_INITIALS = re.compile("[来走深前登到赴]")
# 李明在城关镇督导检查时强调 / 王芳在青山村走访时: the place an inspector inspects, inside the clause
# whose subject he is (the place must end like a place or a site: 在百忙之中, 在督导检查中 are none)
WORKING_AT = re.compile(r"在(?<=.在)([^，。；“”在]{2,40}?)(?:实地|现场)?(?=调研|督导|检查|视察|考察|走访|慰问|看望|察看|督查|巡查)")
# 在走访慰问中 / 在…来临之际 / 在检查时: a time, not a place, before the clause (but 在王大山家中)
TIME_TAIL = re.compile(r"(?:(?<!家)中|之际|期间|之时|时|以来|之后|以后)$")
# 到代表驻地看望代表，…: the place before a clause ends where what is done there begins
PLACE_THEN_ACT = re.compile(rf"^(.{{2,}}?){DONE_THERE}")
# 在检查中石化城东加油站时，检查组嘱咐…: the site inspected, between the inspecting and the time
INSPECTING_AT = re.compile(r"^(?:检查|视察|调研|察看|查看|走访|督导|督查|考察)([^，。；]{3,40}?)(?:的)?(?:时|期间)$")
# 对荆竹瑶族乡凌江河开展巡河调研 / 对大墅镇…示范点进行了调研视察 / 就X项目进展情况进行调研: the
# object of an inspection carried out on it (roles.toml [object_first]), and 检查了沿江高速嘉泽道口:
# the object after the verb (not 成就, 造就: no 就 of a verb)
OBJECT_INSPECTED = re.compile(r"[对就](?<![针面相绝反核应成造迁将][对就])([^，。；]{2,120}?)(?:进行|开展)了?[^，。；]{0,6}?(?:调研|视察|检查|督导|督查|巡查|察看|查看|考察|走访)")
# (not 检查组, 考察团, 视察员: a group or a title, whose verb inspects nothing); 调研华丰科技有限公司,
# 督导城关镇疫情防控工作: the site, or the place before the matter (督导检查X: the object after the last verb)
# (the run of verbs as its first verb and the rest, (V)(V)*, not (V)+: a pattern opening with a verb is
# looked for where one of their first characters stands, one opening with a repeat at every character)
_LOOKING = "(?:察看|查看|检查|视察|考察|参观|观摩|调研|督导|督查|巡查)"
# (the run whole: 督查调研组 is a group, not 督查 of 调研组…)
VERB_OBJECT = re.compile(rf"((?>{_LOOKING}{_LOOKING}*))(?![组团员])(?:了解|了)?([^，。；]{{2,60}})[。！]?$")  # (察看了解X: X)
# a survey or a visit, which may take in a work under way (考察了城市建设: events.toml surveyed_endings)
SURVEYING = ("视察", "考察", "参观", "观摩")
# 慰问了细氽村三组老党员王明启、…: the people visited (not a group: 慰问组), each where he lives
# (走访调研X: the object after the run of visiting and surveying verbs)
_VISITING = "(?:慰问|看望|走访|探望|拜访)(?![组团])"  # (a verb, then more: as VERB_OBJECT's run)
# (走访联系区人大代表: 联系 is of the visiting too, and the deputies so visited live nowhere named)
VISITED = re.compile(rf"{_VISITING}(?:{_VISITING})*(?:调研|考察|察看|查看|联系)?了?([^，。；“”]{{4,120}})")
# 环卫工人和福利院老人: people named by their work, joined to the next item; what follows is the item
JOINED_PEOPLE = re.compile(r"^[\u4e00-\u9fff]{1,6}?(?:工人|职工|交警|民警|干警|老人|群众|党员|干部|战士|官兵)(?:和|及|与)")
DEPUTIES = ("人大代表", "政协委员", "代表", "委员")
# 细氽村三组, 瓦厂村沙厂组: a group (村民小组) of the village before it
VILLAGE_GROUP = re.compile(r"(?:[一二三四五六七八九十\d]{1,3}|[\u4e00-\u9fff]{2})组")
# what was looked at there, after the place: 沿江高速嘉泽道口疫情防控情况 -> 沿江高速嘉泽道口
MATTER_TAIL = re.compile(r"(?:的)?[^，。；]{0,10}?(?:情况|工作|进展|进度)$")
# 我县, 该镇 (the place named before): no place of its own; before a name (该镇李家村), the name is the place
SELF_REFERENCE = re.compile(r"^(?:我|本|全|该)[省市县区镇乡村]$")
SELF_PREFIX = re.compile(r"^(?:(?:我|本|全|该)[省市县区镇乡村]|辖区|[省市县区]属)")
ENUM_TAIL = re.compile(r"等(?:\d+|[一二三四五六七八九十几多两]+)?个?.*$")
# 检查组一行深入X / 调研组先后来到X / 代表们先后来到X: the group the inspectors lead, moving without them named
GROUP_SUBJECT = re.compile(r"^[\u4e00-\u9fff]{0,10}(?:组|团|们|领导)(?:一行人?)?(?:先后|随后|首先|还|又)?$|^一行人?(?:先后|随后|首先|还|又)?$")
# 县党政考察团在X的陪同下 / 代表们先后: a group opening a clause before what it does
GROUP_OPENING = re.compile(r"^[\u4e00-\u9fff]{0,10}?(?:组|团|们)(?:一行人?)?(?=在|先后|随后|首先|还|又|分别|$)")
# 先后, 随后: what may stand before the going or the looking in a clause with no subject of its own
# (实地, 现场: a manner of the looking, 随后又实地查看了…)
ADVERBS = re.compile(r"(?:先后|随后|首先|然后|分别|同时|还|又|再|并|也|实地|现场)*")
# 上午9时乘车分别到…: a time and a way of going may open a clause with no subject, before the going
# (冒着严寒深入到…, 顶着烈日来到…: the weather gone through is a way of going)
OPENING = re.compile(
    r"(?:上午|下午|中午|晚上|当天|当日|随后|之后|其后|接着|\d{1,2}月\d{1,2}日|(?:\d{1,2}|[一二三四五六七八九十]{1,3})[时点](?:\d{1,2}分|许|半)?"
    rf"|乘车|驱车|步行|[冒顶踏迎]着[\u4e00-\u9fff]{{2}})*{ADVERBS.pattern}"
)
# 先后考察了A / 实地察看 / 走进B: a clause of the visit itself, over which a subject carries on
# (详细了解…, 听取…汇报: what is learnt there, between the going and the sites looked at)
VISIT_CLAUSE = re.compile(rf"^{ADVERBS.pattern}(?:{DONE_THERE}|参观|观摩|来到|走进|深入|前往|到|(?:详细|认真|仔细)?(?:了解|听取|观看))")
# 戴士福一行首先来到X: the leader's party goes with him, so every inspector of the event
PARTY = re.compile(r"一行人?(?:先后|随后|首先|还|又)?")
# 坚守在一线的城关镇: a start that is a phrase ending in a place, not a place's name
NOT_IN_PLACE = re.compile(r"[的了]")
# 部分高速道口, 有关企业, 重点项目建设: a target opened by a determiner describes places and names none
# 该公司生产车间: a deictic refers back to a target named before (or to none), and names no new one
# (当前重点工作, 近期工作: a time before the matter names no place either)
DETERMINERS = ("部分", "有关", "相关", "一些", "多个", "各个", "各", "多家", "多处", "重点", "该", "此", "这", "当前", "目前", "近期")
DETERMINER_INSIDE = re.compile("|".join(DETERMINERS))
# 来到位于经济开发区的宏远纺织有限公司: where the site lies is said before it, no part of its name
LYING_IN = re.compile(r"^位于[^，。；的]{2,30}的")
# 2016年度项目, 今年民生实事项目: the projects of a year are a kind, named by no name
OF_A_YEAR = re.compile(r"(?:(?:\d{2,4}|[今本当明去上])年度?|年度)(?=[^\d月日])")


@dataclass(slots=True)
class Target:
    person: str
    name: str
    kind: str
    start: int
    end: int
    clause: Clause
    rule: str


@dataclass(slots=True)
class Team:
    """An event's inspectors: their names, each one's party, and who acts in each clause."""

    names: set[str]
    parties: dict[str, list[str]]
    subject_of: SubjectOf

    def in_clause(self, clause: Clause) -> list[str]:
        """The inspectors among the clause's subjects, as roles.read_acts read them."""
        return list(dict.fromkeys(p.name for p in self.subject_of(clause) if p.name in self.names))


def find_targets(body: Body, acts: list[Act], subject_of: SubjectOf, lex: Lexicon, sentences: range | None = None) -> list[Target]:
    """Places, sites and agencies the inspectors went to (in the given sentences: an event's)."""
    names = {p.name for a in acts if "INSPECTED" in a.roles for p in a.people}
    if not names:
        return []
    team = Team(names, _parties(acts, body), subject_of)
    targets: list[Target] = []
    for sentence in body.sentences if sentences is None else body.sentences[sentences.start:sentences.stop]:
        clauses = sentence.clauses
        quoted = quoted_clauses(sentence) if "“" in sentence.text else ()
        for i, clause in enumerate(clauses):
            if i in quoted:
                continue  # what someone says (“我们还要到X去”) is no place anyone went
            if i + 1 < len(clauses):
                targets += _place_before(clause, clauses[i + 1], team, lex, targets)
            # 深入X、Y调研 in the inspector's clause, or 刘强一行先后来到X、Y in a clause of its own;
            # 检查组一行深入X: the group goes for all the event's inspectors
            for g in GOING.finditer(clause.text) if GOING_VERB_INITIALS.search(clause.text) else ():
                to_site = _holds_site(_split_items(_unlisted(g.group(1), lex), lex), lex)
                for who in _going(clause, clauses[:i], g.start(), team, to_site):
                    targets += _items(g.group(1), clause.start + g.start(1), who, clause, lex, "target.gone_to")
            # 李明在城关镇督导检查时强调: where the subject inspects, said inside his clause
            for w in WORKING_AT.finditer(clause.text):
                if _holds_site(_split_items(_unlisted(w.group(1), lex), lex), lex):
                    for who in team.in_clause(clause):
                        targets += _items(w.group(1), clause.start + w.start(1), who, clause, lex, "target.worked_at")
            targets += _objects(clause, clauses[:i], team, lex)
            targets += _homes_visited(clause, clauses[:i], team, lex)
    unique: dict[tuple[str, str], Target] = {}
    for t in targets:
        unique.setdefault((t.person, t.name), t)
    # 到长田慰问 in the headline, 到长田镇慰问 in the body: one place, written short and in full
    levels = tuple(s for suffixes in lex.place_suffixes.values() for s in suffixes)
    kept = [t for (person, name), t in unique.items() if not any((person, name + s) in unique for s in levels)]
    return [t for t in kept if not _named_again_short(t, kept, lex)]


def _named_again_short(target: Target, targets: list[Target], lex: Lexicon) -> bool:
    """巡查了湘江观音滩段…。在观音滩段，…: a stop named again by the end of its name is the target named
    in full; not where what stands before is a place of its own (大成镇|南正水段: the town and the river's
    section, each a target)."""
    name = target.name
    return any(
        t.person == target.person and len(t.name) > len(name) >= 3 and t.name.endswith(name)
        and lex.place_kind(t.name[: -len(name)]) is None
        for t in targets
    )


def _place_before(clause: Clause, after: Clause, team: Team, lex: Lexicon, found: list[Target]) -> list[Target]:
    """在A、B等卡口，赵晔实地察看 / 在X，她详细了解: a place clause before a clause whose subject (a
    name, or a pronoun read as the last actor) is an inspector. Before a clause with no subject of its
    own (在X公司，详细了解…), a site is where the inspectors of the last target `found` went on to."""
    m = AT_PLACE.match(clause.text)
    if m is None or _is_meeting(m.group(1), lex) or ACCOMPANYING.search(clause.text) or LED_UNDER.search(clause.text):
        # 在随后召开的座谈会上，王建国听取汇报: where he spoke, not a site he inspected;
        # 在县委书记张伟的陪同下 (的带领下)，王建国深入…: who went with him (led him), not where
        return []
    acted = PLACE_THEN_ACT.match(m.group(1)) or INSPECTING_AT.match(m.group(1))
    place = (acted or m).group(1)
    if TIME_TAIL.search(m.group(1)) and not (acted and _is_site(place, lex)):
        return []  # 在走访慰问中, 在建军98周年来临之际: when, not where (but 在城关镇调研时: where)
    who, rule = team.in_clause(after), "target.place_before"
    # (深入X，详细了解…: a going, whose inspectors GOING reads)
    if not who and clause.text.startswith("在") and not team.subject_of(after) and _is_site(place, lex):
        who = sorted({t.person for t in found if t.clause is found[-1].clause}) if found else sorted(team.names)
        rule = "target.site_before"
    return [t for person in who for t in _items(place, clause.start + m.start(1), person, clause, lex, rule)]


def _parties(acts: list[Act], body: Body) -> dict[str, list[str]]:
    """Each inspector's party: the inspectors who inspected together with him (戴士福、叶明华、是峰一行).
    Where two of them lead a party of their own (赵斌一行…, 张军一行…), the group split up and each
    party is its leader alone."""
    parties: dict[str, set[str]] = {}
    for act in acts:
        if "INSPECTED" in act.roles:
            names = {p.name for p in act.people}
            for name in names:
                parties.setdefault(name, set()).update(names)
    leaders = [name for name in parties if _leads_party(name, body.text)]
    if len(leaders) > 1:
        return {name: [name] for name in parties}
    return {name: sorted(party) for name, party in parties.items()}


def _leads_party(name: str, text: str) -> bool:
    """NAME一行 not at the end of a list (戴士福、叶明华、是峰一行 is the list's party)."""
    at = text.find(name + "一行")
    while at >= 0:
        if at == 0 or text[at - 1] not in "、和及与":
            return True
        at = text.find(name + "一行", at + 1)
    return False


def _going(clause: Clause, before: list[Clause], at: int, team: "Team", to_site: bool = False) -> list[str]:
    """Who went where a clause says someone went: its inspectors; those of the clause before in the
    sentence when it opens with the going (王宏伟在林鸿的陪同下，先后深入到…); a group for all; all
    when the sentence names no one and the going is `to_site`, a place or a site."""
    who = team.in_clause(clause)
    if who:
        speaker_end = max((p.end for p in team.subject_of(clause) if clause.start <= p.end <= clause.start + at), default=None)
        if speaker_end is not None and PARTY.match(clause.text, speaker_end - clause.start):
            return list(dict.fromkeys(n for name in who for n in team.parties.get(name, [name])))
        return who
    head = clause.text[:at]
    if GROUP_SUBJECT.match(head):
        return sorted(team.names)
    if not OPENING.fullmatch(head.strip()):
        return []
    carried = _carried_over(before, team)
    if carried is None:
        # 上午9时乘车分别到A、B等8个点位进行了视察: a sentence with no subject at all, going to sites,
        # is the event's inspectors' (the site keeps out 深入推进…, said in a speech)
        return sorted(team.names) if to_site else []
    return carried


def _carried_over(before: list[Clause], team: "Team") -> list[str] | None:
    """A clause that opens with the going or the looking goes on with the subject before it in the
    sentence, over the clauses of the same visit (考察团在X的陪同下，先后考察了A，参观了B): the
    inspectors of the nearest clause with a subject; all of them when a group opens it; None when
    the sentence has no subject before it (only times, 随后, and clauses of the visit)."""
    for clause in reversed(before):
        who = team.in_clause(clause)
        if who:
            return who
        if GROUP_OPENING.match(clause.text):
            return sorted(team.names)
        if clause.text.startswith("在") and "陪同下" in clause.text and ACCOMPANYING.fullmatch(clause.text):
            continue  # 孙强带领…，在王刚等人的陪同下，深入到…: who went with them, between the subject and the going
        if team.subject_of(clause) or not (VISIT_CLAUSE.match(clause.text) or OPENING.fullmatch(clause.text)):
            return []
    return None


def _objects(clause: Clause, before: list[Clause], team: "Team", lex: Lexicon) -> list[Target]:
    """Targets named as the object of the inspection itself (对X进行调研, 检查了X)."""
    found = OBJECT_INSPECTED.search(clause.text)
    if found is None:
        return _sites_looked_at(clause, before, team, lex)
    start = clause.start + found.start(1)
    items = _split_items(_unlisted(found.group(1), lex), lex)
    objects = _inspected_objects(found.group(1), items, lex)
    # (随后对县中医院、德庆医院等医疗单位进行实地查看: sites looked at in a sentence naming no one are the event's)
    out = []
    for who in _going(clause, before, found.start(), team, _holds_site(items, lex)):
        for part, offset in objects:
            out += _items(part, start + offset, who, clause, lex, "target.object")
    return out


def _inspected_objects(text: str, items: list[tuple[str, int]], lex: Lexicon) -> list[tuple[str, int]]:
    """What 对X进行调研 inspects: X; but where X ends in the matter looked into (…情况, …工作), each
    item's site or project before its matter (城南污水处理厂项目建设情况 -> 城南污水处理厂; 龙泉镇人居环境
    整治情况 -> 龙泉镇), and no item that is a matter only (村容村貌整治、乡村建设情况; 乡村振兴工作).
    `items`: X's items (_split_items of X unlisted)."""
    if not MATTER_TAIL.search(text):
        return [(text, 0)]
    sites = ((_site_before_matter(part, lex, projects=True), offset) for part, offset in items)
    return [(site, offset) for site, offset in sites if site]


def _holds_site(items: list[tuple[str, int]], lex: Lexicon) -> bool:
    """Is one of the items (of a place gone to or looked at) a site?"""
    return any(_is_site(part, lex) for part, _ in items)


def _sites_looked_at(clause: Clause, before: list[Clause], team: "Team", lex: Lexicon) -> list[Target]:
    """察看了代表就餐餐厅、会议室布置情况: each item of the object that is a site, or begins with one
    before the matter looked into (the matter may close the list or stand with each item)."""
    found = VERB_OBJECT.search(clause.text)
    if found is None:
        return []
    start = clause.start + found.start(2)
    listed = _unlisted(found.group(2), lex)
    items = _split_items(listed, lex)
    # (随后又实地查看了A幼儿园、B小学等新建学校项目: in a sentence naming no one, the event's inspectors')
    who = _going(clause, before, found.start(), team, _holds_site(items, lex))
    surveyed = lex.surveyed_endings if found.group(1) in SURVEYING else ()
    # 察看了坪山村蔬菜基地建设、果园管理情况: the matter closing the list is said of every item
    closed = MATTER_TAIL.search(listed) is not None
    out = []
    for part, offset in items:
        site = part if len(part) >= 4 and part.endswith(surveyed) else _site_before_matter(part, lex, matter_closes=closed)
        for person in who if site else ():
            out += _items(site, start + offset, person, clause, lex, "target.object")
    return out


def _homes_visited(clause: Clause, before: list[Clause], team: "Team", lex: Lexicon) -> list[Target]:
    """慰问了细氽村三组老党员王明启、瓦厂村沙厂组残疾人刘厚刚: the place each one visited lives in;
    走访了华丰机械有限公司、前进村 / 看望慰问县福利院老人: the sites visited, or where the people visited are."""
    found = VISITED.search(clause.text)
    if found is None:
        return []
    who = _going(clause, before, found.start(), team)
    # 走访了远大科技、天成食品、宏发建材三家企业: the items a kind of sites closes are sites
    closed = lex.counted_closer.search(found.group(1)) is not None
    out = []
    for part, offset in _split_items(_unlisted(found.group(1), lex), lex):
        if lex.starts_with_role_word(part[:4]):
            continue  # 看望了出席区第八次党代会的代表: the people visited, by what they do
        deputies = next((d for d in DEPUTIES if part.endswith(d)), None)
        if deputies and lex.place_kind(part[: -len(deputies)]) is None:
            continue  # 区人大代表, 市政协委员: deputies, no place (but 石桥镇人大代表: where they are)
        place, rule = _place_prefix(part, lex), "target.home_visited"
        if not place or place == part or NOT_IN_PLACE.search(place):
            place, rule = (part if closed and len(part) >= 2 else _site_visited(part, lex)), "target.site_visited"
        if place:
            at = clause.start + found.start(1) + offset
            out += [Target(person, place, _place_kind(place, lex), at, at + len(place), clause, rule) for person in who]
    return out


def _site_visited(text: str, lex: Lexicon) -> str | None:
    """华丰机械有限公司, 前进村, 县福利院老人 -> 县福利院: the item, or its longest start, that is a place,
    an agency or a venue of a suffix of two characters or more (公司, 福利院: a name may end in 院 or 楼,
    a person's as well as a site's). None for a kind (企业) or a start cut inside a word."""
    own = SELF_PREFIX.match(text)  # 辖区部分重点企业: the determiner after the area's word
    text = text[own.end():] if own else text
    joined = JOINED_PEOPLE.match(text)  # 环卫工人和福利院老人: people of no site, then the site's
    text = text[joined.end():] if joined else text
    starts = (text[:n] for n in range(len(text), 2, -1) if text[n - 1:n + 1] not in lex.not_places)
    for start in starts:
        suffix = lex.venue_suffix(start)
        if lex.place_kind(start) or target_kind(start, lex) == "agency" or (suffix and len(suffix) >= 2):
            # (因公殉职的派出所民警: a phrase ending in a site describes the people visited)
            return None if start in lex.not_targets or start.startswith(DETERMINERS) or NOT_IN_PLACE.search(start) else start
    return None


def _site_before_matter(text: str, lex: Lexicon, projects: bool = False, matter_closes: bool = False) -> str | None:
    """沿江高速嘉泽道口疫情防控情况 -> 沿江高速嘉泽道口: the longest start of the object that is a place
    or a site, when what follows is the matter looked into (…情况, …工作); None when there is none.
    A project is such a start only when `projects` (the object of 对…进行调研: 就X项目进展情况进行调研);
    in a list looked at, 旅发大会项目建设进展情况 is the matter of the projects, not a site named.
    `matter_closes`: the matter closes the list the text is an item of, and is said of it too."""
    if _is_site(text, lex):
        return text
    if not (matter_closes or MATTER_TAIL.search(text)):
        return None
    # (a start cut inside a word is none: 推进乡|村振兴, where 乡村 is one word that names no place)
    starts = (text[:n] for n in range(len(text) - 2, 2, -1) if text[n - 1:n + 1] not in lex.not_places)
    return next((s for s in starts if _is_site(s, lex) and (projects or not s.endswith(lex.project_endings))), None)


def _is_site(text: str, lex: Lexicon) -> bool:
    """A place or a site by its ending (道口, 公司, 村, 项目), not a matter (疫情防控, 项目建设)."""
    return len(text) >= 3 and (lex.place_kind(text) is not None or text.endswith(lex.venue_suffixes + lex.project_endings))


def _is_meeting(text: str, lex: Lexicon) -> bool:
    """随后召开的座谈会上: a meeting (or training) as the setting, ending in 上."""
    if not text.endswith("上"):
        return False
    found = event_type(text[:-1], lex)
    return found is not None and found[0] in ("meeting", "training") and found[1] == len(text) - 1


def _split_items(text: str, lex: Lexicon) -> list[tuple[str, int]]:
    """A、B和C -> A, B, C with their offsets; 和/及 split only after a part that ends like a place, a site
    or a project (市一中新校区项目和滨河公园项目)."""
    items: list[tuple[str, int]] = []
    offset = 0
    for part in text.split("、"):
        start = 0
        for m in re.finditer(r"以及|及|和|与", part):
            left = part[start:m.start()]
            # (…安排情况以及学校: a matter ends an item too)
            if len(left) >= 2 and (lex.place_kind(left) or left.endswith(lex.venue_suffixes + lex.not_place_suffixes + lex.project_endings)
                                   or target_kind(left, lex) == "agency" or MATTER_TAIL.search(left)):
                items.append((left, offset + start))
                start = m.end()
        items.append((part[start:], offset + start))
        offset += len(part) + 1
    return items


def _unlisted(text: str, lex: Lexicon) -> str:
    """A list without what closes it: 等4个卡口, 三家企业."""
    return lex.counted_closer.sub("", ENUM_TAIL.sub("", text))


def _items(text: str, start: int, person: str, clause: Clause, lex: Lexicon, rule: str) -> list[Target]:
    text = _unlisted(text, lex)
    out = []
    # 走进应志寿、郑月华家中: the household ending is said of every item of the list
    households = text.endswith(lex.household_endings)
    for part, offset in _split_items(text, lex):
        # 检查时, 超市现场: the time or the spot of a visit to the place is no part of its name
        name = LYING_IN.sub("", re.sub(r"(?:的)?(?:时|期间|之际)$|(?<=..)现场$", "", part.strip()))
        in_place = _place_then_part(name, lex)
        at = start + offset + part.find(name[:1]) if name else start + offset
        if households or (name.endswith("家") and _place_prefix(name, lex) not in ("", name)):
            # 在石桥村困难党员王大山家中, 东街村困难群众刘大妈家: a household visited; the target is the
            # place it is in
            name = _place_prefix(name, lex)
        own = SELF_PREFIX.match(name)
        if own:  # 我县东城街道: the place is 东城街道
            at, name = at + own.end(), name[own.end():]
            if name.startswith("的"):
                break  # 对该县的高原特色农业、畜牧进行调研: matters of the place named before, no site
        name = _place_before_determiner(name, lex)
        if name.startswith(DETERMINERS) or OF_A_YEAR.match(name):
            break  # 部分高速道口和乡镇道路卡口: the determiner is said of the whole list
        if len(name) < 2 or SELF_REFERENCE.match(name) or (name.startswith("会") and not _is_site(name, lex)) or _names_no_site(name, lex):
            continue
        if in_place:
            name = in_place
        out.append(Target(person, name, _place_kind(name, lex), at, at + len(name), clause, rule))
        if in_place:
            break  # 先后深入A镇、B乡的片、村指挥棚: the items after 的 are the places' parts, no places
    return out


def _place_before_determiner(name: str, lex: Lexicon) -> str:
    """洪格尔苏木部分嘎查 -> 洪格尔苏木: a place, then a determiner of the places in it, which names none."""
    inner = DETERMINER_INSIDE.search(name, 2)  # (one search, not one a determiner)
    while inner is not None:
        if lex.place_kind(name[: inner.start()]):
            return name[: inner.start()]
        inner = DETERMINER_INSIDE.search(name, inner.start() + 1)
    return name


def _names_no_site(name: str, lex: Lexicon) -> bool:
    """企业, 田间地头 (places.toml [not_targets]), and a part of such a kind (企业生产车间, 幼儿园食堂):
    no site is named."""
    if name in lex.not_targets:
        return True
    kind = next((name[:n] for n in range(len(name) - 2, 1, -1) if name[:n] in lex.not_targets), None)
    return kind is not None and lex.venue_suffix(name[len(kind):]) is not None


def _place_then_part(name: str, lex: Lexicon) -> str | None:
    """长岭镇的田间地头 / 大连乡的片: a place, then a part of it that names no site: the place."""
    place, of, part = name.partition("的")
    return place if of and lex.place_kind(place) and not _is_site(part, lex) else None


def _place_prefix(text: str, lex: Lexicon) -> str:
    """The longest start of `text` that is a place name (石桥乡石桥村困难党员王大山家中 -> 石桥乡石桥村), or '';
    with the village's group when one follows (细氽村三组老党员 -> 细氽村三组)."""
    place = next((text[:n] for n in range(len(text) - 1, 1, -1) if lex.place_kind(text[:n])), "")
    group = VILLAGE_GROUP.match(text, len(place)) if place.endswith("村") else None
    return text[: group.end()] if group else place


def _place_kind(name: str, lex: Lexicon) -> str:
    """A village's group (细氽村三组) is of the village's kind; any other target, by target_kind."""
    village_end = name.rfind("村") + 1
    if village_end > 1 and VILLAGE_GROUP.fullmatch(name, village_end):
        return "village"
    return target_kind(name, lex)
