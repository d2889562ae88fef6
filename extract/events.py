"""The event an article reports: its type and name from the headline and lead (what was inspected
at it: extract/targets.py).

A county news item reports one event; every role read in its body belongs to it, also a speaker
named paragraphs later. The type is that of the keyword ending the event's name (the head of a
Chinese noun phrase is its last word): 动员暨培训会议 is a meeting, 培训班开班 a training.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from okg.extract.lexicon import Lexicon
from okg.extract.roles import Act
from okg.facts import calendar_date
from okg.extract.text import Body, Clause, Sentence

DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
# (远大科技、天成食品、宏发建材三家企业: a count and a kind close the list without 等, lexicon.counted_closer)
# 在县委党校开班: where a training or meeting is held is not part of its name
VENUE_TAIL = re.compile(r"(?<=.)[在于][^在于，。]{2,30}$")


SubjectOf = Callable[[Clause], list]  # who acts in a clause (roles.Reading.subject_of)


@dataclass(slots=True)
class EventMention:
    type: str
    name: str | None
    name_span: tuple[int, int] | None
    rule: str  # what its evidence names: the headline's event, with no span, has none


def event_type(text: str, lex: Lexicon) -> tuple[str, int] | None:
    """Type of the keyword standing last in `text`, and where it ends (keywords inside words such as
    社会 or 检查站 do not count)."""
    masked = text
    for word in lex.not_events if lex.holds_not_event(text) else ():
        if word in masked:
            masked = masked.replace(word, "\0" * len(word))
    return lex.last_event_keyword(masked)


def event_starts(body: Body, acts: list[Act], lex: Lexicon) -> list[int]:
    """Indexes of the sentences that open an event: the first, and each that opens with a shift in
    time (会后, 下午: events.toml [segments]) into an event of another kind (a meeting, then an
    inspection made after it: 会后，小兰、衍志同志分别带队，现场调研督导…)."""
    starts = [0]
    kind = None
    for i, sentence in enumerate(body.sentences):
        shifts = i > 0 and sentence.text.lstrip("“ ").startswith(lex.event_shifts)
        if kind is not None and not shifts:
            continue  # (the kind is looked for only where it may change: most sentences are passed by)
        found = _sentence_kind(sentence, acts, lex)
        if kind is None:
            kind = found
        elif found and found != kind:
            starts.append(i)
            kind = found
    return starts


def _sentence_kind(sentence, acts: list[Act], lex: Lexicon) -> str | None:
    """The kind of event a sentence reports: a meeting or training it names, an inspection made."""
    named = _named_in_lead(sentence.clauses, lex)
    if named:
        return named[0]
    if any("INSPECTED" in a.roles and a.clause.sentence is sentence for a in acts):
        return "inspection"
    return None


def find_event(title: str | None, body: Body, acts: list[Act], subject_of: SubjectOf, lex: Lexicon, lead_index: int = 0) -> EventMention | None:
    """The event whose report begins at sentence `lead_index` (the headline counts for the first);
    `subject_of(clause)` gives who acts in a clause, as roles.read_acts read it."""
    lead = body.sentences[lead_index] if body.sentences else None
    title = title if lead_index == 0 else None
    named = _named_in_lead(lead.clauses if lead else [], lex)
    rule = "event.named_in_lead"
    if named:
        kind, name, span = named
    else:
        found = event_type(title or "", lex) or (event_type(lead.text, lex) if lead else None)
        if found is None and not acts:
            return None
        kind = found[0] if found else "other"
        name, span = _inspection_name(lead, subject_of, lex) if kind in ("inspection", "visit") and lead else (title, None)
        rule = "event.inspection_name"
    if any("INSPECTED" in a.roles for a in acts) and kind == "other":
        kind = "inspection"
    return EventMention(kind, name, span, rule)


AT_MEETING = re.compile(r"在([^，。；在]{2,40}?)上(?:讲话|强调|指出|要求|表示|作|发言)")


def _named_in_lead(clauses: list[Clause], lex: Lexicon) -> tuple[str, str, tuple[int, int]] | None:
    """全县...会议召开 / ...培训班开班 / 主持召开X会议 / 在X会议上强调: the event's name in the lead."""
    for clause in clauses:
        m = AT_MEETING.search(clause.text)
        found = event_type(m.group(1), lex) if m else None
        if found and found[0] in ("meeting", "training") and found[1] == len(m.group(1)):
            return found[0], m.group(1), (clause.start + m.start(1), clause.start + m.end(1))
        for closer in lex.event_closers if lex.holds_event_closer(clause.text) else ():
            at = clause.text.find(closer)
            if at < 0:
                continue
            after = clause.text[at + len(closer):].rstrip("。")
            found = event_type(after, lex)
            if found and found[0] in ("meeting", "training") and len(after) >= 3:
                # 主持召开县委常委会会议: the name follows the word
                name = after[: found[1]]
                start = clause.start + at + len(closer)
                return found[0], name, (start, start + len(name))
            if at == 0:
                continue
            head = DATE.sub("", clause.text[:at]).strip("在于 ")
            unplaced = VENUE_TAIL.sub("", head)
            if unplaced != head and event_type(unplaced, lex):
                head = unplaced
            found = event_type(head, lex)
            if found and found[0] in ("meeting", "training") and len(head) >= 4:
                name = head[: found[1]] if closer != "开班" else head
                start = clause.start + clause.text.find(name)
                return found[0], name, (start, start + len(name))
    return None


def _inspection_name(lead, subject_of: SubjectOf, lex: Lexicon) -> tuple[str | None, tuple[int, int] | None]:
    """督导检查疫情防控工作: from the first inspection word of the lead to the end of its clause."""
    words = lex.event_types["inspection"] + lex.event_types["visit"]
    for clause in lead.clauses:
        # after the subject: 巡察组组长孙斌到我县开展巡察工作 is named by its verb, not by the group
        # (a subject carried over from the clause before stands before this one: it counts from 0)
        after = max((p.end - clause.start for p in subject_of(clause) if p.end > clause.start), default=0)
        found = [at for at in (_verb_at(clause.text, w, after, lex) for w in words) if at >= 0]
        if found:
            at = min(found)
            # 开展执法检查 / 进行专项督导: the name takes in what qualifies the inspection word
            opener = max((clause.text.rfind(w, after, at) + len(w) for w in lex.inspection_openers if clause.text.rfind(w, after, at) >= 0), default=-1)
            if 0 <= opener and at - opener <= 8:
                at = opener
            name = clause.text[at:].rstrip("。")
            return name, (clause.start + at, clause.start + at + len(name))
    return None, None


def _verb_at(text: str, word: str, start: int, lex: Lexicon) -> int:
    """Where `word` first stands as a verb from `start` on: not as the head of a group's name
    (视察组, 检查组: 孙建华带领视察组来我县视察政协工作 is named 视察政协工作)."""
    at = text.find(word, start)
    while at >= 0 and text[at + len(word): at + len(word) + 1] in lex.group_nouns:
        at = text.find(word, at + 1)
    return at


def quoted_clauses(sentence: Sentence) -> set[int]:
    """Indexes of the clauses that begin inside a quotation (“…，…”) or open one they do not close
    (a term quoted, “八一”建军节前夕, is no speech)."""
    inside, depth = set(), 0
    for clause in sentence.clauses:
        opened = depth + clause.text.count("“") - clause.text.count("”")
        if depth > 0 or (clause.text.startswith("“") and opened > 0):
            inside.add(clause.index)
        depth = max(0, opened)
    return inside


def iso_date(text: str | None, year: int | None) -> str | None:
    """3月28日 -> 2022-03-28 when the year is known (written, or given); else as written."""
    if not text:
        return None
    m = DATE.search(text)
    if not m:
        return text
    y = int(m.group(1)) if m.group(1) else year
    if y is None:
        return m.group(0)
    day = f"{y:04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    try:
        return calendar_date(day)
    except ValueError:  # 2月30日, a misprint or a misread: kept as written, never made a day that is none
        return m.group(0)
