"""Page repair: turn an OCR'd (or copied) newspaper page into text the extractor can analyse.

API
---
    repair(original: str) -> Repaired
    characters.normalize(original: str) -> Repaired   # character-level only (step 1); keeps every line break

`Repaired.text` is the repaired, simplified-script text; `Repaired.original` the input as decoded.
`Repaired.offsets[i]` is the index in `original` of the character `text[i]` came from
(`len(text) + 1` entries, the last being the end of the last character's source), and
`Repaired.to_original(start, end)` maps a span of `text` to the span of `original` it came from,
so that `original[a:b]` is what the extractor read as `text[start:end]`.

What `repair` does, in order:
1. characters (`characters.normalize`): full-width digits and Latin letters become ASCII (`３月` -> `3月`), the
   full-width space and other odd spaces become ' ', zero-width characters and '\\r' go, ASCII
   `,;:?!()` next to Chinese become Chinese punctuation, Kangxi radicals and CJK compatibility
   ideographs become the ordinary characters. Chinese punctuation (`，。：；“”`) is kept as is.
   Traditional-script input (detected: OpenCC t2s changes a notable share of its Chinese
   characters) is converted to simplified character by character run, so offsets stay exact.
2. lines: each non-blank line gets a role by its shape (dateline, credit, page furniture, title-like,
   body), then by its context (`settle_roles`): a line that goes on with an unfinished sentence of
   the body line before it is body whatever its shape (a wrapped line that happens to end without
   punctuation is no headline, a wrapped `、` list of names no byline); a headline block stands
   only just above an article's start (a dateline, or a byline under the headline), so other
   title-like lines between articles are body. The page gets a column width (the usual length of
   its wrapped lines) and each line the width of the column around it (columns of different
   widths share a page). A line continues on the next one when it was wrapped: it leaves a
   sentence unfinished (no `。！？：` at its end; but a paragraph-initial line clearly shorter than
   its column is a subheading), or it ends with `，、；`, or it is about as long as the column. A
   line ending in `。！？` ends its paragraph unless both it and the next line are full column
   lines. Headlines, datelines and credit lines (bylines) are never glued to their neighbours.
   Text without a column layout (a web item, one paragraph a line) keeps its lines.
3. spaces: spaces next to a Chinese character or punctuation are dropped (`3 月 28 日` -> `3月28日`,
   `王 琪` -> `王琪`); a space between two Latin letters/digits is kept (`COVID 19`). In a credit
   line the names stay apart: `张倩倩 李京丽 李彦含` keeps its spaces, `王 琪` is one name. A
   byline's bare names are set apart by spaces (or follow a credit word such as 记者, or stand in
   brackets); names separated by `、` belong to a sentence.
Paragraphs are separated by a single '\\n' (which maps to the line break in the original).

Credit lines are read by `bylines.parse_credit`.

`articles.split_articles` uses the same line machinery (`page_lines`, `joins`, `emit_line`) to
split the page before repairing each article's body.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from okg.extract.bylines import Credit, author_credit, parse_credit
from okg.extract.characters import (
    ANY_CJK,
    ANY_PUNCT,
    CLAUSE,
    OPEN,
    SENTENCE,
    Repaired,
    TextBuilder,
    display_width,
    is_wide,
    line_ending,
    normalize,
)
from okg.extract.lexicon import data_lines


# ----------------------------------------------------------------------------- data files


_BULLETS = r"[\s■●◆▲★☆□◇○•·◎]*"


@lru_cache(maxsize=1)
def dateline_re() -> re.Pattern:
    pats = data_lines("datelines.txt")
    return re.compile("^" + _BULLETS + "(?P<marker>" + "|".join(f"(?:{p})" for p in pats) + ")")


@lru_cache(maxsize=1)
def web_metadata_re() -> re.Pattern:
    """A web page's metadata line: 发布时间：… 来源：… (labels in data/web_metadata.txt)."""
    labels = "|".join(re.escape(w) for w in data_lines("web_metadata.txt"))
    return re.compile(rf"^\s*[【\[]?(?:{labels})\s*[】\]]?\s*[：:]")


# ----------------------------------------------------------------------------- step 2: lines

DATELINE, CREDIT, PAGE, TITLE, BODY = "dateline", "credit", "page", "title", "body"

# page furniture: what stands at a line's start (matched there only: as alternatives of one
# searched pattern, these would be tried at every character), and what may stand anywhere in it.
# (`{1,8}+`: the paper's name before a date gives back no character, as what follows it, a space
# or a digit, is never a Chinese character; backtracking into it cost most lines eight tries)
_PAGE_FURNITURE_LINE = re.compile(
    r"[\s\d年月日期/.\-—]*$|\s*(?:今日|本期)\s*\d+\s*版|"
    r"\s*[\u4e00-\u9fff]{1,8}+\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$|"
    r"[（(]?\s*(?:下转|上接|转第|接第|转\d|接\d)[^）)。，]{0,12}[）)]?\s*$"
)
# 【关闭】【打印】: a page's buttons on a line of their own
PAGE_BUTTONS = re.compile(r"(?:[【\[](?:关闭|打印|返回|收藏|顶部|返回顶部|关闭窗口|打印本页)[】\]]\s*)+")
_PAGE_FURNITURE_WORDS = re.compile(r"星期[一二三四五六日天]|第\s*[\d一二三四五六七八九十]+\s*版|版面")


def is_page_furniture(t: str) -> bool:
    # each of the words holds 星期 or 版: a line with neither is not searched for them
    return bool(_PAGE_FURNITURE_LINE.match(t) or (("星期" in t or "版" in t) and _PAGE_FURNITURE_WORDS.search(t)))


@dataclass(slots=True)
class Line:
    index: int  # line number (0-based)
    start: int  # span in the normalized text, without the '\n'
    end: int
    text: str
    role: str
    width: float
    credit: Credit | None = None  # for CREDIT lines; spans in normalized-text coordinates
    shape: str = ""  # the role the line's own text suggests, before its neighbours are looked at
    cont: bool = False  # goes on with the unfinished sentence of the line before (so it is body)
    head: bool = False  # in a headline block: title-like lines just above an article's start
    # the column width around a text line is read from its page's widths when first asked for (`local`)
    page_widths: "_LocalWidths | None" = field(default=None, repr=False, compare=False)
    nonblank_index: int = -1  # the line's place among the page's non-blank lines
    # how the text ends, asked of every line by _role, settle_roles and joins: worked out once, when
    # the line is made (a line cut shorter with dataclasses.replace is made anew, so gets its own)
    final: bool = field(init=False)  # it ends a sentence: `。！？` (a closing quote may follow)
    open: bool = field(init=False)  # it stops inside a sentence: it ends with neither `。！？` nor a colon
    clause_end: bool = field(init=False)  # it ends with `，、；`

    def __post_init__(self) -> None:
        ending = line_ending(self.text)
        self.final = ending == SENTENCE
        self.open = ending == OPEN or ending == CLAUSE
        self.clause_end = ending == CLAUSE

    @property
    def local(self) -> float | None:
        """The column width around the line (None when its neighbours show none, or it is no text line)."""
        return self.page_widths.at(self.nonblank_index) if self.page_widths is not None else None


def _role(line: Line, t: str) -> tuple[str, Credit | None]:
    """The role a line's shape suggests; `t` is its text stripped (not empty)."""
    text, start, width = line.text, line.start, line.width
    if dateline_re().match(text):
        return DATELINE, None
    if t[0] in "【[" and PAGE_BUTTONS.fullmatch(t):
        return PAGE, None  # 【关闭】: not a bracketed name
    credit = parse_credit(text, start) if len(t) <= 64 else None
    if credit is not None:
        return CREDIT, credit
    if not ANY_CJK.search(t):
        return PAGE, None
    if width <= 30 and not line.final and is_page_furniture(t):
        return PAGE, None
    if width <= 80 and ("：" in t or ":" in t) and web_metadata_re().match(t):  # (each label ends with a colon)
        credit = author_credit(text, start)
        return (CREDIT, credit) if credit is not None else (PAGE, None)
    if t[-1] in ANY_PUNCT or line.final or width > 60:
        return BODY, None
    return TITLE, None


def page_lines(norm: Repaired) -> list[Line]:
    """The page's non-blank lines with their roles: by shape (`_role`), then by context
    (`settle_roles`). A blank line (white space only) has no role: nothing reads it, a paragraph
    goes on across it or ends before it as the lines around it say (OCR'd pages print one after
    almost every line, so no Line is made for it)."""
    lines = []
    pos = 0
    for i, text in enumerate(norm.text.split("\n")):
        t = text.strip()
        if t:
            line = Line(i, pos, pos + len(text), text, "", display_width(t))
            line.role, line.credit = _role(line, t)
            line.shape = line.role
            lines.append(line)
        pos += len(text) + 1
    settle_roles(lines)
    return lines


MAX_HEAD_LINES = 4  # a headline block is at most this many lines
MAX_HEAD_WIDTH = 90  # and this wide in all
LOCAL_WINDOW = 6  # lines on each side looked at for the local column width
INDENTED_SLACK = 5  # a paragraph's first line may be this much narrower than the column and still be wrapped
LEAD_CHARS = 200  # characters of an article's opening looked at for its headline's words


def is_start_credit(nb: list[Line], i: int) -> bool:
    """A byline with a role word (`本报记者 张三`) right under a headline: an article starts there."""
    ln = nb[i]
    return (
        ln.role == CREDIT
        and ln.credit is not None
        and ln.credit.kind == "reporter"
        and ln.credit.has_role_word
        and ln.credit.names != []
        and i > 0
        and nb[i - 1].role == TITLE
    )


def article_starts(nb: list[Line]) -> list[int]:
    """Indexes (in the non-blank lines `nb`) where an article's body starts: datelines, and
    bylines with a role word between a headline and a body."""
    out = []
    for i, ln in enumerate(nb):
        if ln.role == DATELINE:
            out.append(i)
        elif ln.role == CREDIT and is_start_credit(nb, i) and i + 1 < len(nb) and nb[i + 1].role in (BODY, TITLE):
            out.append(i)
    return out


def is_byline_under_headline(nb: list[Line], i: int) -> bool:
    """A byline (role word or not) between a headline and a dateline: `标题 / 张三 李四 / 本报讯…`."""
    ln = nb[i]
    return (
        0 < i < len(nb) - 1
        and ln.role == CREDIT
        and ln.credit is not None
        and ln.credit.kind == "reporter"
        and ln.credit.names != []
        and nb[i - 1].role == TITLE
        and nb[i + 1].role == DATELINE
    )


def _is_headline_tail(nb: list[Line], i: int) -> bool:
    """`nb[i]` looks like a bare name (`班开班`) but is the end of the headline line above it: one
    word, and the headline read across the line break is in the opening of the article below."""
    t = nb[i].text.strip()
    above = nb[i - 1].text.strip()
    if not t or not above or " " in t or nb[i].credit is None or nb[i].credit.has_role_word:
        return False
    lead = "".join("".join(ln.text.split()) for ln in nb[i + 1 : i + 6])[:LEAD_CHARS]
    return (above[-2:] + t[:2]) in lead


def headline_block(nb: list[Line], a: int, lo: int) -> tuple[list[Line], list[Line], int]:
    """For the article starting at `nb[a]`: its byline just above a dateline (if any), the
    headline lines above that (title-like, at most MAX_HEAD_LINES lines and MAX_HEAD_WIDTH wide,
    not above `lo`), and the index of the block's first line."""
    credits: list[Line] = []
    j = a - 1
    if nb[a].role == DATELINE and j >= lo and (is_start_credit(nb, j) or is_byline_under_headline(nb, j)):
        credits = [nb[j]]
        j -= 1
    titles: list[Line] = []
    while (
        j >= lo
        and nb[j].role == TITLE
        and len(titles) < MAX_HEAD_LINES
        and sum(t.width for t in titles) + nb[j].width <= MAX_HEAD_WIDTH
    ):
        titles.insert(0, nb[j])
        j -= 1
    return credits, titles, j + 1


def settle_roles(nb: list[Line]) -> None:
    """Correct the roles the lines' shapes suggest by their context (in place); `nb` are the page's
    non-blank lines.

    - Headline blocks stand just above an article's start (a dateline, or a byline with a role
      word), possibly with a byline between them and the dateline; their lines are marked `head`
      and stay headlines. A one-word "byline" there that is the headline's last word wrapped onto
      its own line (the headline read on across the break is in the article's opening) is headline.
    - A line that goes on with an unfinished sentence of a body line (or a dateline) before it is
      body, whatever its shape: a wrapped line that happens to end without punctuation is not a
      headline, and a wrapped list of names (`崔亨永、车茜、诸葛丹`) is not a byline. Such a line
      is marked `cont`.
    - On a page with articles, a title-like line that is not in a headline block (and not above
      the first article: masthead) is body too: a headline only stands before an article's start.
    Text lines get `local`, the column width around them (columns of different widths may share
    a page), so that `joins` can tell a full line from a paragraph's last one or a short subheading.
    """
    for i in range(1, len(nb) - 1):
        # (the role first: a call for each of a page's hundred lines, where a few are credits)
        if nb[i].role == CREDIT and is_byline_under_headline(nb, i) and _is_headline_tail(nb, i):
            nb[i].role, nb[i].credit = TITLE, None  # a headline wrapped before its last word
    starts = article_starts(nb)
    lo = 0
    for a in starts:
        _, titles, _ = headline_block(nb, a, lo)
        for t in titles:
            t.head = True
        lo = a + 2 if nb[a].role == CREDIT else a + 1  # past the body's first line, as `articles` does
    first = starts[0] if starts else len(nb)
    prev_open = False
    for i, ln in enumerate(nb):
        if prev_open and not ln.head:
            if ln.role == TITLE:
                ln.role = BODY
            elif ln.role == CREDIT and ln.credit is not None and not ln.credit.has_role_word:
                ln.role, ln.credit = BODY, None
        ln.cont = prev_open and ln.role == BODY
        if ln.role == TITLE and not ln.head and i > first:
            ln.role = BODY
        prev_open = ln.role in (BODY, DATELINE) and ln.open
    _set_local_widths(nb)


def _set_local_widths(nb: list[Line]) -> None:
    """Give each text line (of `nb`, the page's non-blank lines) the widths its `local` width is read
    from: column_width of the lines around it, LOCAL_WINDOW on each side."""
    widths = _LocalWidths(nb)
    for i, ln in enumerate(nb):
        if ln.role in (BODY, DATELINE, TITLE):
            ln.page_widths, ln.nonblank_index = widths, i


class _LocalWidths:
    """The local widths of a page's non-blank lines, each worked out when it is first asked for: `joins`
    needs a line's only where its end does not already say whether it goes on (most lines of a
    column end mid-sentence or after a comma)."""

    def __init__(self, nb: list[Line]) -> None:
        # a line's width in half cells and in whole cells, None where it counts for no column (at
        # least 6 wide, so never 0: `filter(None, ...)` leaves out exactly the Nones)
        self.halves = [round(ln.width * 2) if ln.role in (TITLE, BODY, DATELINE) and ln.width >= 6 else None for ln in nb]
        self.cells = [None if h is None else _cell(h) for h in self.halves]
        self.widths: dict[int, float | None] = {}

    def at(self, i: int) -> float | None:
        """The local width of nb[i]."""
        if i not in self.widths:
            lo, hi = max(0, i - LOCAL_WINDOW), i + LOCAL_WINDOW + 1
            # cells grow with halves, so the sorted cells are the cells of the sorted halves
            halves, cells = sorted(filter(None, self.halves[lo:hi])), sorted(filter(None, self.cells[lo:hi]))
            self.widths[i] = _best_width(halves, cells)
        return self.widths[i]


def column_width(lines: list[Line]) -> float | None:
    """The usual width of a wrapped line, or None when the text has no column layout."""
    widths = [ln.width for ln in lines if ln.role in (TITLE, BODY, DATELINE) and ln.width >= 6]
    halves = sorted(round(x * 2) for x in widths)  # widths come in half cells
    return _best_width(halves, [_cell(h) for h in halves])


def _cell(half: int) -> int:
    """A width in half cells, rounded to whole cells."""
    return round(half / 2)


def _best_width(halves: list[int], cells: list[int]) -> float | None:
    """The width (in whole cells) that most line widths lie near. `halves` are the widths in half
    cells, sorted, so the lines within 1.5 cells of a width are counted with two bisections; `cells`
    are the same rounded to whole cells (so sorted too): the widths tried."""
    n = len(halves)
    if n < 4:
        return None
    best, best_count = None, 0
    for w in dict.fromkeys(cells):  # each width once, narrowest first
        count = bisect_right(halves, 2 * w + 3) - bisect_left(halves, 2 * w - 3)
        if count >= best_count:  # on a tie the wider column wins
            best, best_count = w, count
    if best is None or best_count < max(3, 0.4 * n) or not 6 <= best <= 100:
        return None
    return float(best)


def joins(a: Line, b: Line, width: float | None) -> bool:
    """Does line `a` continue on line `b` (a wrapped line), rather than end a paragraph?"""
    if a.role in (CREDIT, PAGE) or b.role in (DATELINE, CREDIT, PAGE) or b.head:
        return False
    if a.clause_end:
        return True
    if a.role in (BODY, DATELINE) and b.role == BODY and a.open:
        # a sentence left unfinished goes on on the next line, unless `a` is a subheading: a
        # paragraph-initial line without punctuation, clearly shorter than the column around it
        # (a paragraph's first line is printed indented, so it may be two cells short)
        if a.shape != TITLE or a.cont:
            return True
        ref = a.local or width or (b.width if b.open else None)
        return ref is not None and a.width >= ref - INDENTED_SLACK
    if width is None:
        return False
    width = a.local or width  # columns of different widths may share a page
    full_a = width - 3.5 <= a.width <= width + 2.5
    if a.final:
        # a paragraph's last line is short, and the next paragraph starts indented
        return a.width >= width - 1 and b.width >= width - 1 and a.width <= width + 2.5
    if a.role == TITLE and b.role == TITLE and not full_a:
        return False
    return full_a


# ----------------------------------------------------------------------------- step 3: emitting


def emit_line(norm: Repaired, line: Line, out: TextBuilder, start: int | None = None, end: int | None = None) -> None:
    """Append the line (or its part [start, end) in normalized coordinates) with spaces repaired."""
    text = norm.text
    lo = line.start if start is None else start
    hi = line.end if end is None else end
    while lo < hi and text[lo] == " ":
        lo += 1
    while hi > lo and text[hi - 1] == " ":
        hi -= 1
    keep_in_credit = _credit_gaps(line) if line.credit is not None else None
    k = lo
    while k < hi:
        j = text.find(" ", k, hi)
        if j < 0:
            j = hi
        if j > k:  # a run without spaces is copied as it is
            out.copy(text[k:j], norm.offsets[k:j], norm.ends[k:j])
            k = j
            continue
        while j < hi and text[j] == " ":
            j += 1
        left, right = text[k - 1], text[j]
        if keep_in_credit is not None:
            keep = k not in keep_in_credit and out.last() != " "
        else:
            keep = not is_wide(left) and not is_wide(right)
        if keep:
            out.add(" ", norm.offsets[k], norm.ends[j - 1])
        k = j


def _credit_gaps(line: Line) -> set[int]:
    """Positions of spaces inside a name of a credit line (`王 琪`), which are dropped."""
    inside = set()
    for _, a, e in line.credit.names:
        inside.update(range(a, e))
    return inside


def build(norm: Repaired, paragraphs: list[list[Line]]) -> Repaired:
    """Repaired text of the paragraphs (lists of lines joined without a break), '\\n' between them."""
    out = TextBuilder()
    text = norm.text
    for p, para in enumerate(paragraphs):
        if p and out.pieces:
            prev = paragraphs[p - 1][-1]
            nl = prev.end if prev.end < len(text) else prev.end - 1
            out.add("\n", norm.offsets[nl], norm.ends[nl])
        for i, line in enumerate(para):
            if i:
                prev = para[i - 1]
                # a Latin word wrapped across lines keeps a space where the break was
                if out.pieces and out.last().isascii() and out.last().isalnum():
                    nxt = text[line.start : line.end].lstrip()[:1]
                    if nxt.isascii() and nxt.isalnum():
                        out.add(" ", norm.offsets[prev.end], norm.ends[prev.end])
            emit_line(norm, line, out)
    return out.build(norm.original, norm.traditional, len(norm.original))


def paragraphs_of(lines: list[Line], width: float | None) -> list[list[Line]]:
    paras: list[list[Line]] = []
    prev = None
    for line in lines:
        if prev is not None and joins(prev, line, width):
            paras[-1].append(line)
        else:
            paras.append([line])
        prev = line
    return paras


def repair(original: str) -> Repaired:
    """Repair a whole page: characters, wrapped lines, spaces. See the module docstring."""
    norm = normalize(original)
    lines = page_lines(norm)
    return build(norm, paragraphs_of(lines, column_width(lines)))
