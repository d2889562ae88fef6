"""Lay news items out as an OCR'd county newspaper page, to see what page repair has to undo.

    make_pages(items, seed=1, per_page=3) -> list[Page]
    anchor_of(item, others) -> str

An `Item` is one news item: its id, its headline (or None) and its body (paragraphs one a line).
A `Page` is the text of a printed page holding `per_page` items, and for each item the `anchor`
by which a scorer finds it among the articles read back from the page (a distinctive early piece
of its body: see bench/scoring.py, where a gold article with an anchor is matched to the predicted
article whose body contains it).

A page is laid as the seed page (fixtures/000_04f34b3896c38351.txt) is, from what repair undoes:
- each item in a narrow column of its own width, 15 to 19 cells, lines broken wherever the column
  ends (mid-word); a paragraph's first line two cells shorter (its indent lost in OCR); closing
  punctuation never opens a line (it hangs at the end of the line before, as typesetters do);
- mostly a blank line after each printed line;
- spaces around numbers (`3 月 28 日`), a `本报讯` dateline opening each item's body (unless the
  body opens with a dateline of its own);
- headlines wrapped onto two lines when long, and on every page a headline printed beside another
  item's body: two headlines swapped (as the seed's 2nd and 3rd are), or the only one moved.
Items are laid in an order shuffled by `seed`, each page holding items of one script (a county
paper prints in one script); everything random comes from `random.Random(seed)`, so the same
seed gives the same pages.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from okg.extract.characters import display_width, is_traditional
from okg.extract.repair import dateline_re

COLUMN_WIDTHS = (15, 19)  # narrowest and widest column, in character cells
INDENT = 2  # cells a paragraph's first line is short of the column
BLANK_AFTER_LINE = 0.85  # chance of a blank line after a printed line
HEADLINE_WRAP = 16  # headlines longer than this many characters are printed on two lines
ANCHOR_CHARS = 12  # length of an anchor
ANCHOR_CJK = 9  # Chinese characters in it, at least
HANGING = "，。、；：！？”’）》」』,.;:!?)"  # what never opens a printed line
_NUMBER = re.compile(r"[0-9A-Za-z]+")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_BEFORE_NUMBER = re.compile(rf"(?<=[{_CJK}])(?=[0-9])")
_AFTER_NUMBER = re.compile(rf"(?<=[0-9])(?=[{_CJK}])")
_CJK_CHAR = re.compile(f"[{_CJK}]")
_ANCHOR_RUN = re.compile(rf"[{_CJK}，、。；：“”,;:]{{{ANCHOR_CHARS},}}")


@dataclass
class Item:
    id: str
    headline: str | None
    body: str  # paragraphs, one a line


@dataclass
class Page:
    name: str
    text: str
    items: list[str] = field(default_factory=list)  # ids of the items on the page, in print order
    anchors: dict[str, str] = field(default_factory=dict)  # item id -> its anchor


def make_pages(items: list[Item], seed: int = 1, per_page: int = 3) -> list[Page]:
    """The items laid `per_page` to a page (the last page may hold fewer)."""
    rng = random.Random(seed)
    order = list(items)
    rng.shuffle(order)
    # items of one script share a page; sorted() is stable, so the shuffled order stays within each
    order = sorted(order, key=lambda it: is_traditional(it.body))
    anchors = {it.id: anchor_of(it, [o for o in items if o is not it]) for it in items}
    pages = []
    for n, start in enumerate(range(0, len(order), per_page), 1):
        group = order[start:start + per_page]
        pages.append(Page(f"page{n:02d}", _lay_page(group, rng), [it.id for it in group], {it.id: anchors[it.id] for it in group}))
    return pages


def anchor_of(item: Item, others: list[Item]) -> str:
    """The body's first ANCHOR_CHARS characters in a row (Chinese, and the punctuation that page
    repair keeps, at least ANCHOR_CJK of them Chinese) found in no other item's text, nor in the
    item's own headline (printed elsewhere on the page)."""
    elsewhere = [item.headline or ""] + [f"{o.headline or ''}\n{o.body}" for o in others]
    for run in _ANCHOR_RUN.finditer(item.body):
        for at in range(run.start(), run.end() - ANCHOR_CHARS + 1):
            piece = item.body[at:at + ANCHOR_CHARS]
            if len(_CJK_CHAR.findall(piece)) >= ANCHOR_CJK and not any(piece in text for text in elsewhere):
                return piece
    raise ValueError(f"item {item.id}: no {ANCHOR_CHARS} characters of its own to anchor it")


def _lay_page(group: list[Item], rng: random.Random) -> str:
    headlines = displaced([it.headline for it in group], rng)
    printed: list[str] = []
    for item, headline in zip(group, headlines):
        width = rng.randint(*COLUMN_WIDTHS)
        if headline:
            printed += _headline_lines(headline, rng)
        printed += [line for paragraph in _paragraphs(item) for line in wrap(paragraph, width)]
    out = []
    for line in printed:
        out.append(line)
        if rng.random() < BLANK_AFTER_LINE:
            out.append("")
    return "\n".join(out) + "\n"


def displaced(headlines: list[str | None], rng: random.Random) -> list[str | None]:
    """Two headlines swapped (two of the items that have one, if two have), so that a headline
    stands beside another item's body, as on the seed page."""
    have = [i for i, h in enumerate(headlines) if h]
    if not have or len(headlines) < 2:
        return headlines
    i = rng.choice(have)
    others = [j for j in (have if len(have) >= 2 else range(len(headlines))) if j != i]
    j = rng.choice(others)
    out = list(headlines)
    out[i], out[j] = out[j], out[i]
    return out


def _headline_lines(headline: str, rng: random.Random) -> list[str]:
    headline = re.sub(r"\s+", "", headline)
    if len(headline) <= HEADLINE_WRAP:
        return [headline]
    cut = len(headline) // 2 + rng.randint(-2, 2)
    return [headline[:cut], headline[cut:]]


def _paragraphs(item: Item) -> list[str]:
    """The body's paragraphs as printed: numbers spaced, and a dateline opening the first one."""
    paragraphs = [spaced_numbers(p.strip()) for p in item.body.splitlines() if p.strip()]
    if paragraphs and not any(dateline_re().match(p) for p in paragraphs):
        marker = "本報訊" if is_traditional(item.body) else "本报讯"
        paragraphs[0] = f"{marker} {paragraphs[0]}"
    return paragraphs


def spaced_numbers(text: str) -> str:
    """`3月28日` as OCR reads it off a page: `3 月 28 日`."""
    return _AFTER_NUMBER.sub(" ", _BEFORE_NUMBER.sub(" ", text))


def wrap(paragraph: str, width: int) -> list[str]:
    """The paragraph broken into lines of `width` cells (the first INDENT cells shorter); a run of
    Latin letters or digits is never broken, closing punctuation hangs at the end of a line."""
    units = _units(paragraph)
    lines, line, room = [], "", width - INDENT
    for unit in units:
        if line and display_width(line + unit) > room and unit not in HANGING:
            lines.append(line.rstrip())
            line, room = unit.lstrip(), width
        else:
            line += unit
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _units(text: str) -> list[str]:
    """Characters, but a run of Latin letters or digits as one."""
    units, at = [], 0
    for m in _NUMBER.finditer(text):
        units += list(text[at:m.start()]) + [m.group(0)]
        at = m.end()
    return units + list(text[at:])
