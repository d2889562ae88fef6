"""Page repair: turn an OCR'd (or copied) newspaper page into text the extractor can analyse.

API
---
    repair(original: str) -> Repaired
    normalize(original: str) -> Repaired          # character-level only; keeps every line break

`Repaired.text` is the repaired, simplified-script text; `Repaired.original` the input as decoded.
`Repaired.offsets[i]` is the index in `original` of the character `text[i]` came from
(`len(text) + 1` entries, the last being the end of the last character's source), and
`Repaired.to_original(start, end)` maps a span of `text` to the span of `original` it came from,
so that `original[a:b]` is what the extractor read as `text[start:end]`.

What `repair` does, in order:
1. characters (`normalize`): full-width digits and Latin letters become ASCII (`３月` -> `3月`), the
   full-width space and other odd spaces become ' ', zero-width characters and '\\r' go, ASCII
   `,;:?!()` next to Chinese become Chinese punctuation, Kangxi radicals and CJK compatibility
   ideographs become the ordinary characters. Chinese punctuation (`，。：；“”`) is kept as is.
   Traditional-script input (detected: OpenCC t2s changes a notable share of its Chinese
   characters) is converted to simplified character by character run, so offsets stay exact.
2. lines: each line gets a role by its shape (blank, dateline, credit, page furniture, title-like,
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

`articles.split_articles` uses the same line machinery (`page_lines`, `joins`, `emit_line`) to
split the page before repairing each article's body.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from okg.extract.lexicon import data_lines, lexicon

# ----------------------------------------------------------------------------- the result


@dataclass
class Repaired:
    original: str  # the input text as decoded
    text: str  # repaired, simplified-script text that the extractor analyses
    offsets: list[int]  # len(text)+1 entries; offsets[i] = index in `original` of text[i]; last = end
    traditional: bool = False  # input was traditional script (converted with OpenCC t2s)
    ends: list[int] = field(default_factory=list, repr=False)  # ends[i] = end in `original` of text[i]'s source

    def __post_init__(self) -> None:
        if not self.ends:
            self.ends = [o + 1 for o in self.offsets[: len(self.text)]]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The span of `original` that `text[start:end]` was made from."""
        n = len(self.text)
        start = max(0, min(start, n))
        end = max(start, min(end, n))
        if start == end:
            pos = self.offsets[start] if start < n else self.offsets[n]
            return pos, pos
        return self.offsets[start], self.ends[end - 1]


class _Builder:
    """Collects output characters with the original span each came from."""

    __slots__ = ("chars", "starts", "ends")

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, ch: str, start: int, end: int) -> None:
        self.chars.append(ch)
        self.starts.append(start)
        self.ends.append(end)

    def last(self) -> str:
        return self.chars[-1] if self.chars else ""

    def build(self, original: str, traditional: bool, empty_at: int = 0) -> Repaired:
        end = self.ends[-1] if self.ends else empty_at
        return Repaired(original, "".join(self.chars), self.starts + [end], traditional, list(self.ends))


# ----------------------------------------------------------------------------- character classes


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3134F
        or o == 0x3007  # 〇
    )


# the characters of is_cjk, as a regex class: to search a whole line at once
_CJK_CHARS = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0003134f\u3007"
_ANY_CJK = re.compile(f"[{_CJK_CHARS}]")


def is_cjk_punct(ch: str) -> bool:
    o = ord(ch)
    return 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or ch in "“”‘’…—·•" or 0x2E80 <= o <= 0x2FDF


def is_wide(ch: str) -> bool:
    """Chinese character or Chinese/full-width punctuation: no space is needed around it."""
    return is_cjk(ch) or is_cjk_punct(ch)


FINAL = "。！？!?…"
CLOSERS = "”’」』）)》〉】\"'"
NONFINAL = "，、；,;"
ANY_PUNCT = FINAL + NONFINAL + "：:"
_ASCII_TO_CJK_PUNCT = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_DROP = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
_SPACES = {"\u3000", "\u00a0", "\t", "\u2002", "\u2003", "\u2004", "\u2005", "\u2006", "\u2007",
           "\u2008", "\u2009", "\u200a", "\u202f", "\u205f", "\x0b", "\x0c"}


_HALF = re.compile("[\x00-\u1fff]")


def display_width(s: str) -> float:
    """Width of a printed line in Chinese character cells: ASCII, Latin and spaces count half."""
    return len(s) - 0.5 * len(_HALF.findall(s))


def ends_sentence(s: str) -> bool:
    s = s.rstrip().rstrip(CLOSERS)
    return bool(s) and s[-1] in FINAL


def ends_clause(s: str) -> bool:
    s = s.rstrip()
    return bool(s) and s[-1] in NONFINAL


# ----------------------------------------------------------------------------- step 1: characters

_t2s = None


def _opencc():
    global _t2s
    if _t2s is None:
        from opencc import OpenCC

        _t2s = OpenCC("t2s")
    return _t2s


_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
TRADITIONAL_SHARE = 0.04  # share of Chinese characters t2s must change to call the input traditional
_DETECT_SAMPLE = 4000  # Chinese characters looked at to decide
_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")


@lru_cache(maxsize=1)
def _traditional_chars() -> frozenset[str]:
    """Characters that OpenCC's t2s table turns into another character (traditional-only forms)."""
    import opencc

    out = set()
    table = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    for line in table.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and len(parts[0]) == 1 and parts[1] != parts[0]:
            out.add(parts[0])
    return frozenset(out)


def is_traditional(text: str) -> bool:
    """True when a notable share of the Chinese characters of `text` are traditional forms (OpenCC t2s would change them)."""
    try:
        trad = _traditional_chars()
    except OSError:  # the table moved: ask the converter itself
        cc = _opencc()
        sample = "".join(_CJK_RUN.findall(text[: _DETECT_SAMPLE * 3]))[:_DETECT_SAMPLE]
        return bool(sample) and sum(cc.convert(c) != c for c in sample) / len(sample) >= TRADITIONAL_SHARE
    sample = text[: _DETECT_SAMPLE * 3]
    if not _BEYOND_BMP.search(sample):
        # every page is looked at: count with the regex engine rather than character by character
        # (a class of the table's characters below U+FFFF is a fast bitmap; with the few beyond, a slow list)
        trad_bmp, trad_or_cjk_bmp = _traditional_bmp_res()
        seen = sum(map(len, trad_or_cjk_bmp.findall(sample)))
        changed = len(trad_bmp.findall(sample))
        return seen > 0 and changed / seen >= TRADITIONAL_SHARE
    seen = changed = 0
    for ch in sample:
        if ch in trad:
            changed += 1
            seen += 1
        elif is_cjk(ch):
            seen += 1
    return seen > 0 and changed / seen >= TRADITIONAL_SHARE


def has_traditional(text: str) -> bool:
    """Any traditional-only form in `text` (a character OpenCC t2s would change)."""
    if _BEYOND_BMP.search(text):
        return any(ch in _traditional_chars() for ch in text)
    return _traditional_bmp_res()[0].search(text) is not None


@lru_cache(maxsize=1)
def _traditional_bmp_res() -> tuple[re.Pattern, re.Pattern]:
    """Character classes of the traditional-only forms below U+FFFF, and of those and the Chinese
    characters below U+FFFF (`is_cjk`), in runs: for text without characters beyond U+FFFF."""
    chars = re.escape("".join(sorted(c for c in _traditional_chars() if c <= "\uffff")))
    return re.compile(f"[{chars}]"), re.compile(f"[{chars}\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\u3007]+")


def simplified_text(text: str) -> str:
    """Simplified text of the same length as `text` (phrase conversions that change length fall back to single characters)."""
    cc = _opencc()
    out: list[str] = []
    pos = 0
    for m in _CJK_RUN.finditer(text):
        out.append(text[pos : m.start()])
        run = m.group()
        conv = cc.convert(run)
        if len(conv) != len(run):
            conv = "".join(c2 if len(c2 := cc.convert(c)) == 1 else c for c in run)
        out.append(conv)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def _char_fix(ch: str) -> str:
    """One character's normal form ('' to drop it); context-free rules only."""
    o = ord(ch)
    if 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A:
        return chr(o - 0xFEE0)
    if ch in _SPACES:
        return " "
    if ch in _DROP:
        return ""
    if ch in "\uff05\uff0b\uff1d\uff06\uff03\uff20":  # ％＋＝＆＃＠
        return chr(o - 0xFEE0)
    if 0x2F00 <= o <= 0x2FDF or 0x2E80 <= o <= 0x2EFF or 0xF900 <= o <= 0xFAFF:
        n = unicodedata.normalize("NFKC", ch)
        return n if len(n) == 1 else ch
    if o < 0x20 and ch != "\n":
        return ""
    return ch


# 縣長(zhǎng) / 楊續(xù)祥: a mirror site's pinyin gloss after a character is dropped (it splits names and titles)
_PINYIN_GLOSS = "(?<=[\u3400-\u9fff])[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}[）)]"
# `. G! E. ] z$ f' }8`: a mirror site's anti-copy debris, short ASCII groups set apart by spaces with
# symbols among them; a date's digits glued after it (P4月20日) stay
_DEBRIS = (
    r"(?<![!-~])(?=[!-~ ]*[!#$%&'*+;<=>?@\[\\\]^_`{|}~\"])(?:[!-~]{1,3} +)+[!-~]{0,2}?[!-/:-~](?=\d+[年月日]|(?![!-~]))"
)
_SPECIAL = re.compile(
    _PINYIN_GLOSS + "|" + _DEBRIS + "|"
    "[\r\x00-\x09\x0b-\x1f\u00a0\u00ad\u2002-\u200d\u202f\u205f\u2060\u3000\ufeff"
    "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05\uff0b\uff1d\uff06\uff03\uff20\u2e80-\u2fdf\uf900-\ufaff]"
)
_ASCII_PUNCT = re.compile(r"[,;:?!()]")


def normalize(original: str) -> Repaired:
    """Character-level repair; every line break of the input stays (as '\\n'), spaces stay."""
    traditional = is_traditional(original)
    src = simplified_text(original) if traditional else original
    b = _Builder()
    n = len(src)
    pos = 0
    for m in _SPECIAL.finditer(src):
        i = m.start()
        if i > pos:  # ordinary characters are copied as they are
            b.chars.extend(src[pos:i])
            b.starts.extend(range(pos, i))
            b.ends.extend(range(pos + 1, i + 1))
        pos = i + 1
        if m.end() > pos:  # a pinyin gloss or debris
            pos = m.end()
            continue
        ch = src[i]
        if ch == "\r":
            if i + 1 < n and src[i + 1] == "\n":
                continue
            b.add("\n", i, i + 1)
            continue
        fixed = _char_fix(ch)
        if fixed:
            b.add(fixed, i, i + 1)
    if pos < n:
        b.chars.extend(src[pos:])
        b.starts.extend(range(pos, n))
        b.ends.extend(range(pos + 1, n + 1))
    chars = b.chars
    # ASCII punctuation beside Chinese becomes Chinese punctuation; '．' between digits becomes '.'
    for m in _ASCII_PUNCT.finditer("".join(chars)):
        k = m.start()
        ch = chars[k]
        left = _neighbour(chars, k, -1)
        right = _neighbour(chars, k, 1)
        if (left and is_cjk(left)) or (right and is_cjk(right)):
            if ch in ",;:" and left.isdigit() and right.isdigit():
                continue
            chars[k] = _ASCII_TO_CJK_PUNCT[ch]
    joined = "".join(chars)
    k = joined.find("．")
    while k >= 0:
        if 0 < k < len(chars) - 1 and chars[k - 1].isdigit() and chars[k + 1].isdigit():
            chars[k] = "."
        k = joined.find("．", k + 1)
    return b.build(original, traditional, len(original))


def _neighbour(chars: list[str], k: int, step: int) -> str:
    k += step
    while 0 <= k < len(chars) and chars[k] == " ":
        k += step
    return chars[k] if 0 <= k < len(chars) and chars[k] != "\n" else ""


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


@lru_cache(maxsize=1)
def credit_words() -> dict[str, str]:
    """credit word -> kind (reporter, suffix, editor)."""
    words = {}
    for line in data_lines("credits.txt"):
        kind, word = line.split(None, 1)
        words[word.strip()] = kind
    return words


@lru_cache(maxsize=1)
def _prefix_words() -> list[str]:
    return sorted((w for w in credit_words() if len(w) >= 2), key=len, reverse=True)


@lru_cache(maxsize=1)
def _prefix_tuple() -> tuple[str, ...]:
    return tuple(_prefix_words())


@lru_cache(maxsize=1)
def _editor_tuple() -> tuple[str, ...]:
    return tuple(w for w, k in credit_words().items() if k == "editor")


@lru_cache(maxsize=1)
def _suffix_words() -> list[str]:
    return sorted((w for w, k in credit_words().items() if k == "suffix"), key=len, reverse=True)


@lru_cache(maxsize=1)
def _prefix_words_by_first() -> dict[str, tuple[str, ...]]:
    """_prefix_words grouped by their first character (longest first): every chunk of a
    credit-like line is tried, and only the few words it can start with need a look."""
    return _grouped(_prefix_words(), 0)


@lru_cache(maxsize=1)
def _suffix_words_by_last() -> dict[str, tuple[str, ...]]:
    """_suffix_words grouped by their last character (longest first)."""
    return _grouped(_suffix_words(), -1)


def _grouped(words: list[str], at: int) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for w in words:  # keeps the order of `words`
        out.setdefault(w[at], []).append(w)
    return {ch: tuple(ws) for ch, ws in out.items()}


# ----------------------------------------------------------------------------- credits (bylines)


@dataclass
class Credit:
    kind: str  # 'reporter' or 'editor'
    names: list[tuple[str, int, int]]  # name and its span in the string parsed
    has_role_word: bool


_CHUNK = re.compile(r"[^\s、，,/:：|；;]+")
_NAME_CHARS = re.compile(r"^[\u4e00-\u9fff·]+$")
_WRAP = {"（": "）", "(": ")", "【": "】", "[": "]", "〔": "〕"}
_CREDIT_BAD = re.compile(r"[。！？!?“”《》\d]")
_LIST_SEP = re.compile(r"[、，,；;]")
_CREDIT_SEPARATOR = re.compile(r"[ /:：、|]")  # what sets names or a credit word apart


# 作者:常映红 / 文/图：张三: who wrote the item, on a line of its own or among a web page's metadata
AUTHOR = re.compile(
    r"(?<![\u4e00-\u9fff])(?:作者|撰稿|撰文|文/图|图/文|文图|文)[：:][ \u3000]*"
    r"((?:[\u4e00-\u9fff]{2,3}[ \u3000]+)*[\u4e00-\u9fff]{2,3})(?![\u4e00-\u9fff])"
)


NARROW_COLUMN = 20  # a line narrower than this may be a column's, which can break a name at its end


def author_credit(s: str, offset: int = 0) -> Credit | None:
    """The author named on a line (作者:常映红, or among a web page's metadata: 刊发日期:… 作者:常映红  语音阅读), as a credit.
    Not a name ending a narrow line: a column may have cut it (版次:02作者:廖秋 | 平)."""
    m = AUTHOR.search(s)
    if m and not s[m.end():].strip() and display_width(s.strip()) < NARROW_COLUMN:
        return None
    credit = parse_credit(m.group(1), offset + m.start(1)) if m else None
    if credit is None or credit.kind != "reporter" or not credit.names:
        return None
    return Credit("reporter", credit.names, True)


def parse_credit(s: str, offset: int = 0, bracketed: bool = False) -> Credit | None:
    """Read a credit such as `张倩倩 李京丽 李彦含`, `王 琪`, `记者 张三 通讯员 李四`, `（张三）`,
    `文/图 张三`, `张三 摄`, `责任编辑：李四`. Spans are in `s` (plus `offset`). None if not a credit.

    Bare names (no credit word) must be set apart by spaces: `崔亨永、车茜、诸葛丹` is a list of
    names inside a sentence (a wrapped body line), not a byline, unless it is in brackets
    (`（张三、李四）`, or `bracketed=True` when the caller took the brackets off)."""
    lo, hi = 0, len(s)
    while lo < hi and s[lo] == " ":
        lo += 1
    while hi > lo and s[hi - 1] == " ":
        hi -= 1
    if lo < hi and s[lo] in _WRAP and s[hi - 1] == _WRAP[s[lo]]:
        lo, hi = lo + 1, hi - 1
        bracketed = True
    body = s[lo:hi]
    if not body or len(body) > 60 or _CREDIT_BAD.search(body) or "，" in body.strip("，"):
        return None
    words = credit_words()
    kind = "reporter"
    role = False
    tokens: list[tuple[str, int, int]] = []
    if len(body) > 12 and not _CREDIT_SEPARATOR.search(body) and not body.startswith(_prefix_tuple()):
        return None  # one long run of characters: a wrapped line or a headline, not names
    first = _CHUNK.search(body)
    if first and first.group().startswith(_editor_tuple()):
        return Credit("editor", [], True)  # 责任编辑：…, 来源：…: not reporters, whatever follows
    for m in _CHUNK.finditer(body):
        tok, a, e = m.group(), lo + m.start(), lo + m.end()
        if tok in words:
            role = True
            if words[tok] == "editor":
                kind = "editor"
            continue
        if len(tok) > 24:
            return None
        # a role word glued to the names: 本报记者张三, 张三摄 (only words of two or more characters in front)
        for w in _prefix_words_by_first().get(tok[0], ()):
            if len(w) >= 2 and tok.startswith(w) and len(tok) - len(w) >= 2:
                role = True
                kind = "editor" if words[w] == "editor" else kind
                tok, a = tok[len(w):], a + len(w)
                break
        for w in _suffix_words_by_last().get(tok[-1], ()):
            if tok.endswith(w) and len(tok) - len(w) >= 2:
                role = True
                tok, e = tok[: -len(w)], e - len(w)
                break
        if not _NAME_CHARS.match(tok):
            return None
        tokens.append((tok, a, e))
    if not tokens:
        return Credit(kind, [], role) if role and kind == "editor" else None
    names = _pair_single_chars(tokens)
    if len(names) > 8:
        return None
    for name, _, _ in names:
        if "·" in name:
            if not 3 <= len(name) <= 16:
                return None
        elif not 2 <= len(name) <= 4:
            return None
    if not role:
        # a bare line of names: set apart by spaces (a `、` list belongs to a sentence), every name
        # starting with a family name, and a lone name short
        if not bracketed and _LIST_SEP.search(body):
            return None
        if not all(lexicon().has_surname(n) for n, _, _ in names):
            return None
        if len(names) == 1 and len(names[0][0]) > 3 and names[0][0][:2] not in lexicon().surnames:
            return None
    return Credit(kind, [(n, a + offset, e + offset) for n, a, e in names], role)


def _pair_single_chars(tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """`王 琪` is one name printed with a space to fill the width of a three-character name."""
    out: list[tuple[str, int, int]] = []
    i = 0
    while i < len(tokens):
        if len(tokens[i][0]) != 1:
            out.append(tokens[i])
            i += 1
            continue
        j = i
        while j < len(tokens) and len(tokens[j][0]) == 1:
            j += 1
        run = tokens[i:j]
        groups = [run] if len(run) == 3 else [run[k : k + 2] for k in range(0, len(run), 2)]
        for g in groups:
            out.append(("".join(t[0] for t in g), g[0][1], g[-1][2]))
        i = j
    return out


# ----------------------------------------------------------------------------- step 2: lines

BLANK, DATELINE, CREDIT, PAGE, TITLE, BODY = "blank", "dateline", "credit", "page", "title", "body"

# page furniture: what stands at a line's start (matched there only: as alternatives of one
# searched pattern, these would be tried at every character), and what may stand anywhere in it
_PAGE_FURNITURE_LINE = re.compile(
    r"[\s\d年月日期/.\-—]*$|\s*(?:今日|本期)\s*\d+\s*版|"
    r"\s*[\u4e00-\u9fff]{1,8}\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$|"
    r"[（(]?\s*(?:下转|上接|转第|接第|转\d|接\d)[^）)。，]{0,12}[）)]?\s*$"
)
_PAGE_FURNITURE_WORDS = re.compile(r"星期[一二三四五六日天]|第\s*[\d一二三四五六七八九十]+\s*版|版面")


def is_page_furniture(t: str) -> bool:
    return bool(_PAGE_FURNITURE_LINE.match(t) or _PAGE_FURNITURE_WORDS.search(t))


@dataclass
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
    local: float | None = None  # the column width around the line (None when its neighbours show none)


def _role(text: str, start: int, t: str, width: float) -> tuple[str, Credit | None]:
    """The role a line's shape suggests; `t` is the line stripped, `width` its display width."""
    if not t:
        return BLANK, None
    if dateline_re().match(text):
        return DATELINE, None
    credit = parse_credit(text, start) if len(t) <= 64 else None
    if credit is not None:
        return CREDIT, credit
    if not _ANY_CJK.search(t):
        return PAGE, None
    if width <= 30 and not ends_sentence(t) and is_page_furniture(t):
        return PAGE, None
    if width <= 80 and web_metadata_re().match(t):
        credit = author_credit(text, start)
        return (CREDIT, credit) if credit is not None else (PAGE, None)
    if t[-1] in ANY_PUNCT or ends_sentence(t) or width > 60:
        return BODY, None
    return TITLE, None


def page_lines(norm: Repaired) -> list[Line]:
    """The lines of the page with their roles: by shape (`_role`), then by context (`settle_roles`)."""
    lines = []
    pos = 0
    for i, text in enumerate(norm.text.split("\n")):
        t = text.strip()
        width = display_width(t)
        role, credit = _role(text, pos, t, width)
        lines.append(Line(i, pos, pos + len(text), text, role, width, credit, shape=role))
        pos += len(text) + 1
    settle_roles(lines)
    return lines


MAX_HEAD_LINES = 4  # a headline block is at most this many lines
MAX_HEAD_WIDTH = 90  # and this wide in all
LOCAL_WINDOW = 6  # lines on each side looked at for the local column width
INDENTED_SLACK = 5  # a paragraph's first line may be this much narrower than the column and still be wrapped
LEAD_CHARS = 200  # characters of an article's opening looked at for its headline's words


def is_open(text: str) -> bool:
    """The line stops inside a sentence: it ends with neither `。！？` nor a colon."""
    t = text.rstrip()
    return bool(t) and not ends_sentence(t) and t[-1] not in "：:"


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
        elif is_start_credit(nb, i) and i + 1 < len(nb) and nb[i + 1].role in (BODY, TITLE):
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


def settle_roles(lines: list[Line]) -> None:
    """Correct the roles the lines' shapes suggest by their context (in place).

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
    nb = [ln for ln in lines if ln.role != BLANK]
    for i in range(1, len(nb) - 1):
        if is_byline_under_headline(nb, i) and _is_headline_tail(nb, i):
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
        prev_open = ln.role in (BODY, DATELINE) and is_open(ln.text)
    _set_local_widths(nb)


def _set_local_widths(nb: list[Line]) -> None:
    """Each text line's `local` width: column_width of the lines around it, LOCAL_WINDOW on each side.
    The window slides, so its sorted widths are updated line by line rather than made anew for every line."""
    halves = [round(ln.width * 2) if ln.role in (TITLE, BODY, DATELINE) and ln.width >= 6 else None for ln in nb]
    cells = [None if h is None else _cell(h) for h in halves]
    window: list[int] = []  # half-cell widths of the counted lines in nb[lo:hi], sorted
    window_cells: list[int] = []  # the same in whole cells, sorted
    lo = hi = 0
    for i, ln in enumerate(nb):
        want_lo, want_hi = max(0, i - LOCAL_WINDOW), min(len(nb), i + LOCAL_WINDOW + 1)
        while hi < want_hi:
            if halves[hi] is not None:
                insort(window, halves[hi])
                insort(window_cells, cells[hi])
            hi += 1
        while lo < want_lo:
            if halves[lo] is not None:
                window.remove(halves[lo])
                window_cells.remove(cells[lo])
            lo += 1
        if ln.role in (BODY, DATELINE, TITLE):
            ln.local = _best_width(window, window_cells)


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
    if a.role in (CREDIT, PAGE, BLANK) or b.role in (DATELINE, CREDIT, PAGE, BLANK) or b.head:
        return False
    if ends_clause(a.text):
        return True
    if a.role in (BODY, DATELINE) and b.role == BODY and is_open(a.text):
        # a sentence left unfinished goes on on the next line, unless `a` is a subheading: a
        # paragraph-initial line without punctuation, clearly shorter than the column around it
        # (a paragraph's first line is printed indented, so it may be two cells short)
        if a.shape != TITLE or a.cont:
            return True
        ref = a.local or width or (b.width if is_open(b.text) else None)
        return ref is not None and a.width >= ref - INDENTED_SLACK
    if width is None:
        return False
    width = a.local or width  # columns of different widths may share a page
    full_a = width - 3.5 <= a.width <= width + 2.5
    if ends_sentence(a.text):
        # a paragraph's last line is short, and the next paragraph starts indented
        return a.width >= width - 1 and b.width >= width - 1 and a.width <= width + 2.5
    if a.role == TITLE and b.role == TITLE and not full_a:
        return False
    return full_a


# ----------------------------------------------------------------------------- step 3: emitting


def emit_line(norm: Repaired, line: Line, out: _Builder, start: int | None = None, end: int | None = None) -> None:
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
            out.chars.extend(text[k:j])
            out.starts.extend(norm.offsets[k:j])
            out.ends.extend(norm.ends[k:j])
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
    out = _Builder()
    text = norm.text
    for p, para in enumerate(paragraphs):
        if p and out.chars:
            prev = paragraphs[p - 1][-1]
            nl = prev.end if prev.end < len(text) else prev.end - 1
            out.add("\n", norm.offsets[nl], norm.ends[nl])
        for i, line in enumerate(para):
            if i:
                prev = para[i - 1]
                # a Latin word wrapped across lines keeps a space where the break was
                if out.chars and out.last().isascii() and out.last().isalnum():
                    nxt = text[line.start : line.end].lstrip()[:1]
                    if nxt.isascii() and nxt.isalnum():
                        out.add(" ", norm.offsets[prev.end], norm.ends[prev.end])
            emit_line(norm, line, out)
    return out.build(norm.original, norm.traditional, len(norm.original))


def paragraphs_of(lines: list[Line], width: float | None) -> list[list[Line]]:
    paras: list[list[Line]] = []
    prev = None
    for line in lines:
        if line.role == BLANK:
            continue
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
