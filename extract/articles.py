"""Split a page into articles: headline, body, dateline, date and reporters.

API
---
    split_articles(page: str | Repaired) -> list[ArticleText]

`page` is the input text as decoded (a `Repaired` is accepted too; its `.original` is used).
Coordinates: every span in an `ArticleText` (`title_span`, `body_span`, `dateline_span`,
`date_span`, `span`, the reporters' spans) is a (start, end) span of the ORIGINAL input text.
Positions inside `body` map to the original with `article.to_original(start, end)` (or
`article.offsets[i]`), so an engine's token span in the body becomes evidence offsets directly.

How a page is split:
- Lines get roles (see repair.py): datelines (`本报讯`, `新华社北京3月1日电`, … listed in
  data/datelines.txt), credit lines (`张倩倩 李京丽 李彦含`, `王 琪`, `记者 张三 通讯员 李四`,
  `（张三）`; credit words in data/credits.txt, family names in data/surnames.txt), page furniture,
  headline-like lines (no closing punctuation) and body lines.
- An article starts at a dateline line, or at a credit line with a role word (`本报记者 张三`) that
  follows a headline. The headline-like lines just above it (up to four, not past a credit line or
  a finished sentence) form a headline block; a byline between that block and a dateline is the
  article's (unless it is the headline's last word wrapped onto its own line, `…培训` / `班开班`,
  read on in the article's opening). The article runs to the next article's headline block; credit
  lines at its end (and a trailing `（张三）`) are its reporters. Lines are judged in context
  (repair.settle_roles): a line that goes on with an unfinished sentence is body, whatever its
  shape, and a headline-like line that is not in a headline block is body too.
- Headline blocks are then paired with bodies by content, not position: the score of a pair is how
  many of the headline's character bigrams occur in the body's lead (and, less, in the whole body),
  with a small bonus for the block printed just above the body; the best assignment wins (all
  permutations for up to 8 articles, greedy beyond). On the seed page the 2nd and 3rd headlines are
  printed beside each other's bodies and are swapped back this way.
- A text without datelines or such credits is one article (a web news item); its first line is
  its title if it looks like one (no closing punctuation, not a wrapped body line, at most 50 wide).
- The body is repaired (wrapped lines joined, spaces dropped; see repair.py), paragraphs separated
  by '\\n'. It starts with the dateline (`本报讯3月28日，…`) and holds no headline and no credit line.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from itertools import permutations

from okg.extract.bylines import parse_credit
from okg.extract.characters import Repaired, TextBuilder, display_width, normalize
from okg.extract.lexicon import lexicon
from okg.extract.repair import (
    BODY,
    CREDIT,
    DATELINE,
    PAGE,
    TITLE,
    Line,
    article_starts,
    build,
    column_width,
    dateline_re,
    emit_line,
    headline_block,
    joins,
    page_lines,
    paragraphs_of,
)

POSITION_BONUS = 0.05  # score bonus for the headline block printed just above a body
EXHAUSTIVE_PAIRING = 8  # up to this many articles, try every assignment of headlines to bodies
PAIRING_WINDOW = 4  # beyond that, a headline is paired greedily with a body at most this many articles away


@dataclass
class ArticleText:
    title: str | None  # repaired headline, lines joined without separator
    title_span: tuple[int, int] | None  # original span from the headline's first to last character
    body: str  # repaired body, paragraphs separated by '\n'; no headline, no credit line
    body_span: tuple[int, int]  # original span of the body
    dateline: str | None = None  # e.g. '本报讯'
    dateline_span: tuple[int, int] | None = None
    date_text: str | None = None  # the date as written in the opening sentence, repaired: '3月28日'
    date_span: tuple[int, int] | None = None
    reporters: list[tuple[str, int, int]] = field(default_factory=list)  # (name, start, end) in the original
    span: tuple[int, int] = (0, 0)  # original span of the article's own lines (body and credits; a headline printed elsewhere is not inside)
    traditional: bool = False  # the input was traditional script (body and title are simplified)
    offsets: list[int] = field(default_factory=list, repr=False)  # body char -> original index; len(body)+1
    ends: list[int] = field(default_factory=list, repr=False)  # body char -> end of its source in the original

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original input that `body[start:end]` was made from."""
        n = len(self.body)
        if not 0 <= start < end <= n:  # (every evidence's span is inside the body: nothing to clamp)
            start = max(0, min(start, n))
            end = max(start, min(end, n))
            if start == end:
                return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.ends[end - 1]


# ----------------------------------------------------------------------------- dates

_NUM_CN = "一二三四五六七八九十〇零"
_DATE = re.compile(
    r"(?:\d{4}年)?\d{1,2}月\d{1,2}日"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
    rf"|(?:[{_NUM_CN}]{{4}}年)?[一二三四五六七八九十]{{1,3}}月[一二三四五六七八九十]{{1,3}}日"
)
_DAY_ONLY = re.compile(r"\d{1,2}日|[一二三四五六七八九十]{1,3}日")
_CREDIT_PAREN = re.compile(r"\s*[（(]([^（）()]{1,60})[）)]\s*")
_TRAILING_PAREN = re.compile(r"[（(]([^（）()]{2,60})[）)]\s*$")
DATE_WINDOW = 40  # a date counts when it is within this many characters of the body's start (after the dateline)


def _find_date(body: str, after: int) -> re.Match | None:
    """The date of the opening sentence: a full date near the start, or a bare day right after the dateline."""
    head = body[after:]
    stop = min([len(head), DATE_WINDOW] + [i for i in (head.find("。"), head.find("\n")) if i >= 0])
    m = _DATE.search(head, 0, stop)
    if m is None and after:
        m = _DAY_ONLY.match(head)
    return m


# ----------------------------------------------------------------------------- pairing


_NOT_COMPARED = re.compile(r"[^\u4e00-\u9fff0-9A-Za-z]")


def _compared(s: str) -> str:
    """The characters headlines and bodies are compared by: Chinese characters, digits, Latin letters."""
    return _NOT_COMPARED.sub("", s)


def _bigrams(s: str) -> set[str]:
    cjk = _compared(s)
    return {cjk[i : i + 2] for i in range(len(cjk) - 1)}


def _lead(body: str, dateline_end: int) -> str:
    text = body[dateline_end:]
    cut = [i for i in (text.find("\n"),) if i > 0]
    parts = re.split(r"(?<=[。！？])", text[: cut[0] if cut else 200])
    return "".join(parts[:2])[:200]


def pair_score(title: str, lead: str, body: str) -> float:
    """How well a headline fits a body: share of its bigrams in the lead (0.7, the body's opening)
    and in the body (0.3)."""
    return _pair_score(_bigrams(title), _compared(lead), _compared(body))


def _pair_score(tb: set[str], lead: str, body: str) -> float:
    """`tb`: the headline's bigrams; `lead`, `body`: `_compared` text, the lead an opening of the body.
    A bigram is looked for in the text rather than in the text's own bigram set, which would cost a
    set of every body's bigrams; and only one found in the body is looked for in its lead (most of
    a headline's bigrams are in neither: the other articles' bodies are scored for it too)."""
    if not tb:
        return 0.0
    in_body = list(filter(body.__contains__, tb))
    in_lead = sum(map(lead.__contains__, in_body))
    return 0.7 * in_lead / len(tb) + 0.3 * len(in_body) / len(tb)


def assign_headlines(scores: list) -> list[int]:
    """scores[h][a] -> for each body a, the headline h given to it (a permutation), maximising the total.
    Beyond EXHAUSTIVE_PAIRING headlines, only the scores of bodies within PAIRING_WINDOW of a headline
    are read (scores[h] may then hold only those: a page of thousands of articles has no n×n table)."""
    n = len(scores)

    def bonus(h: int, a: int) -> float:
        return scores[h][a] + (POSITION_BONUS if h == a else 0.0)

    if n <= EXHAUSTIVE_PAIRING:
        best = max(permutations(range(n)), key=lambda p: (sum(bonus(p[a], a) for a in range(n)), p == tuple(range(n))))
        return list(best)
    out = [-1] * n
    used_h: set[int] = set()
    pairs = ((bonus(h, a), h, a) for h in range(n) for a in _near(h, n))
    for _, h, a in sorted(pairs, reverse=True):
        if out[a] < 0 and h not in used_h:
            out[a] = h
            used_h.add(h)
    left = iter(h for h in range(n) if h not in used_h)
    return [h if h >= 0 else next(left) for h in out]


def _near(h: int, n: int) -> range:
    """The bodies a headline may be paired with beyond EXHAUSTIVE_PAIRING: those within PAIRING_WINDOW."""
    return range(max(0, h - PAIRING_WINDOW), min(n, h + PAIRING_WINDOW + 1))


# ----------------------------------------------------------------------------- splitting


@dataclass
class _Slot:
    """An article found on the page, before headlines are paired."""

    title_lines: list[Line]
    credit_lines: list[Line]  # credit lines between headline and body
    body_lines: list[Line]
    first: int  # index (in the non-blank line list) of the slot's first line, headline included
    body_first: int


def _span(norm: Repaired, lines: list[Line]) -> tuple[int, int]:
    lines = [ln for ln in lines if ln.end > ln.start]
    if not lines:
        return (0, 0)
    return norm.offsets[lines[0].start], norm.ends[lines[-1].end - 1]


def _reporters(credits: list) -> list[tuple[str, int, int]]:
    lex = lexicon()
    seen, out = set(), []
    for cr in credits:
        if cr is None or cr.kind != "reporter":
            continue
        for name, a, e in cr.names:
            if lex.place_kind(name) or lex.agency_suffix(name):
                continue  # （卫庄镇供稿）: a place or a body sent it, no reporter
            if name not in seen:
                seen.add(name)
                out.append((name, a, e))
    return out


def _find_slots(nb: list[Line]) -> list[_Slot]:
    slots: list[_Slot] = []
    lo = 0
    for a in article_starts(nb):
        credits, titles, first = headline_block(nb, a, lo)
        if nb[a].role == CREDIT:
            credits, body_first = [nb[a]], a + 1
        else:
            body_first = a
        slots.append(_Slot(titles, credits, [], first, body_first))
        lo = body_first + 1
    for k, slot in enumerate(slots):
        end = slots[k + 1].first if k + 1 < len(slots) else len(nb)
        slot.body_lines = nb[slot.body_first : end]
    return slots


def _strip_end_credits(norm: Repaired, lines: list[Line]) -> tuple[list[Line], list]:
    """Remove credit lines and page furniture at the end of a body, and a trailing `（张三）`."""
    credits = []
    lines = list(lines)
    while lines and lines[-1].role in (CREDIT, PAGE):
        credits.insert(0, lines.pop().credit)
    if lines:
        last = lines[-1]
        m = _TRAILING_PAREN.search(last.text)
        if m and m.start() > 0:
            cr = parse_credit(m.group(1), last.start + m.start(1), bracketed=True)
            if cr is not None and cr.kind == "reporter" and cr.names:
                credits.insert(0, cr)
                cut = last.start + m.start()
                text = last.text[: m.start()]
                lines[-1] = replace(last, end=cut, text=text, width=display_width(text.strip()))
            elif cr is not None and cr.kind == "editor":
                cut = last.start + m.start()
                text = last.text[: m.start()]
                lines[-1] = replace(last, end=cut, text=text, width=display_width(text.strip()))
    return lines, credits


def _article(norm: Repaired, width: float | None, slot: _Slot) -> ArticleText:
    body_lines, end_credits = _strip_end_credits(norm, slot.body_lines)
    credits = [ln.credit for ln in slot.credit_lines]
    dateline = dateline_span = None
    date_text = date_span = None
    body_rep = build(norm, paragraphs_of(body_lines, width)) if body_lines else None
    body = body_rep.text if body_rep else ""
    offsets = body_rep.offsets if body_rep else [0]
    ends = body_rep.ends if body_rep else []
    after = 0
    if body_lines and body_lines[0].role == DATELINE:
        first = body_lines[0]
        m = dateline_re().match(first.text)
        ms, me = first.start + m.start("marker"), first.start + m.end("marker")
        dateline = re.sub(r"\s+", "", m.group("marker"))
        dateline_span = (norm.offsets[ms], norm.ends[me - 1])
        # where the dateline (and a credit in brackets after it) ends in the body
        stop = norm.ends[me - 1]
        pm = _CREDIT_PAREN.match(first.text, m.end())
        if pm:
            cr = parse_credit(pm.group(1), first.start + pm.start(1), bracketed=True)
            if cr is not None:
                # 本报讯（记者 张三）3月28日，…: the credit goes to reporters and out of the body
                credits.append(cr)
                cut_from = norm.offsets[first.start + m.end()]
                cut_to = norm.ends[first.start + pm.end() - 1]
                keep = [i for i in range(len(body)) if not cut_from <= offsets[i] < cut_to]
                body = "".join(body[i] for i in keep)
                ends = [ends[i] for i in keep]
                offsets = [offsets[i] for i in keep] + [offsets[-1]]
        after = bisect_left(offsets, stop, 0, len(body))
        while after < len(body) and body[after] in " ，,：:":
            after += 1
    dm = _find_date(body, after)
    if dm:
        date_text = dm.group()
        date_span = (offsets[after + dm.start()], ends[after + dm.end() - 1])
    credits.extend(end_credits)
    title = title_span = None
    own = slot.credit_lines + slot.body_lines
    return ArticleText(
        title=title,
        title_span=title_span,
        body=body,
        body_span=(offsets[0], ends[-1]) if ends else (0, 0),
        dateline=dateline,
        dateline_span=dateline_span,
        date_text=date_text,
        date_span=date_span,
        reporters=_reporters(credits),
        span=_span(norm, own),
        traditional=norm.traditional,
        offsets=offsets,
        ends=ends,
    )


def _title(norm: Repaired, lines: list[Line]) -> tuple[str, tuple[int, int]] | None:
    main = [ln for ln in lines if not ln.text.strip().startswith(("—", "－", "-"))] or lines
    out = TextBuilder()
    for ln in main:
        emit_line(norm, ln, out)
    if not out.pieces:
        return None
    return "".join(out.pieces), (out.starts[0], out.ends[-1])


def split_articles(page: str | Repaired) -> list[ArticleText]:
    """The articles of a page, in the order their bodies appear. See the module docstring."""
    original = page.original if isinstance(page, Repaired) else page
    norm = normalize(original)
    nb = page_lines(norm)  # the non-blank lines
    width = column_width(nb)
    if not nb:
        return []
    slots = _find_slots(nb)
    if not slots:
        return [_single(norm, width, nb)]

    # text before the first article that is body, not masthead: an article of its own (e.g. continued from another page)
    pre = nb[: slots[0].first]
    lead_in: list[ArticleText] = []
    if sum(ln.width for ln in pre if ln.role == BODY) >= 30:
        start = next(i for i, ln in enumerate(pre) if ln.role in (BODY, TITLE))
        lead_in = [_article(norm, width, _Slot([], [], pre[start:], start, start))]

    arts = [_article(norm, width, s) for s in slots]
    titles = [_title(norm, s.title_lines) if s.title_lines else None for s in slots]
    n = len(arts)
    near = n <= EXHAUSTIVE_PAIRING
    leads = [_compared(_lead(a.body, 0)) for a in arts]
    bodies = [_compared(a.body) for a in arts]
    heads = [_bigrams(t[0]) if t else set() for t in titles]
    scores = [{a: _pair_score(heads[h], leads[a], bodies[a]) for a in (range(n) if near else _near(h, n))} for h in range(n)]
    for a_idx, h_idx in enumerate(assign_headlines(scores)):
        if titles[h_idx] is not None:
            arts[a_idx].title, arts[a_idx].title_span = titles[h_idx]
    return lead_in + arts


def _single(norm: Repaired, width: float | None, nb: list[Line]) -> ArticleText:
    """A text with no dateline: one article (a web news item)."""
    i = 0
    while i < len(nb) and nb[i].role == PAGE:
        i += 1
    title_lines: list[Line] = []
    if (
        i + 1 < len(nb)
        and nb[i].role == TITLE
        and nb[i].width <= 50
        and not joins(nb[i], nb[i + 1], width)
    ):
        title_lines = [nb[i]]
        i += 1
    credit_lines = []
    while i < len(nb) and nb[i].role in (CREDIT, PAGE):
        if nb[i].role == CREDIT:
            credit_lines.append(nb[i])
        i += 1
    art = _article(norm, width, _Slot(title_lines, credit_lines, nb[i:], 0, i))
    if title_lines:
        art.title, art.title_span = _title(norm, title_lines)
    return art
