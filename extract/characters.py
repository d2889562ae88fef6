"""Page repair, step 1: characters, and the repaired text with the original span of each character.

    normalize(original) -> Repaired      # full-width digits and Latin, odd spaces, zero-width characters,
                                         # ASCII punctuation beside Chinese, traditional script -> simplified
    Repaired.to_original(start, end)     # the span of the input that text[start:end] was made from
    is_traditional(text), has_traditional(text), simplified_text(text), display_width(line)

repair.py reads the lines of the normalized page (steps 2 and 3).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

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


class TextBuilder:
    """Collects output text with the original span each character came from. The text is kept in
    pieces: characters, or runs copied as they are (`copy`), which need no string per character."""

    __slots__ = ("pieces", "starts", "ends")

    def __init__(self) -> None:
        self.pieces: list[str] = []  # none empty
        self.starts: list[int] = []  # one a character
        self.ends: list[int] = []

    def add(self, ch: str, start: int, end: int) -> None:
        self.pieces.append(ch)
        self.starts.append(start)
        self.ends.append(end)

    def copy(self, run: str, starts: list[int], ends: list[int]) -> None:
        """Append a run of characters (not empty) with the starts and ends of each."""
        self.pieces.append(run)
        self.starts += starts
        self.ends += ends

    def last(self) -> str:
        return self.pieces[-1][-1] if self.pieces else ""

    def build(self, original: str, traditional: bool, empty_at: int = 0) -> Repaired:
        """The text built, with the spans of its characters. The builder is used up: its lists, a
        page's or an article's characters long, become the result's rather than being copied."""
        end = self.ends[-1] if self.ends else empty_at
        self.starts.append(end)
        return Repaired(original, "".join(self.pieces), self.starts, traditional, self.ends)


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
ANY_CJK = re.compile(f"[{_CJK_CHARS}]")


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


SENTENCE, CLAUSE, COLON, OPEN = "sentence", "clause", "colon", "open"


def line_ending(s: str) -> str:
    """How `s` ends, white space aside: SENTENCE (`。！？…`, closing quotes or brackets may follow),
    CLAUSE (`，、；`), COLON, OPEN (anything else), or '' when it is blank. (One call for what a
    line's readers ask of every line.)"""
    s = s.rstrip()
    if not s:
        return ""
    last = s[-1]
    if last in NONFINAL:
        return CLAUSE
    if last in "：:":
        return COLON
    if last in CLOSERS:
        s = s.rstrip(CLOSERS)
        last = s[-1] if s else ""
    return SENTENCE if last and last in FINAL else OPEN


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
        if trad_bmp.search(sample) is None:
            return False  # no traditional form at all (most pages): nothing to count
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


# 冒著嚴寒, 本著, 沿著: 著 as the aspect particle 着 after a verb, which t2s keeps as 著 (著名, 显著);
# left as 著 the tagger reads 冒著 as a name
_ASPECT_ZHE = re.compile("(?<=[冒带沿随本朝向怀绕负顶穿握迎望坐站味])著(?![作名称述])")


def simplified_text(text: str) -> str:
    """Simplified text of the same length as `text` (phrase conversions that change length fall back to single characters)."""
    out = _simplified_runs(text)
    return _ASPECT_ZHE.sub("着", out) if "著" in out else out


def _simplified_runs(text: str) -> str:
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
_DEBRIS_SYMBOLS = r"[!#$%&'*+;<=>?@\[\\\]^_`{|}~\"]"  # one of which debris holds
_DEBRIS = (
    r"(?<![!-~])(?=[!-~ ]*" + _DEBRIS_SYMBOLS + r")(?:[!-~]{1,3} +)+[!-~]{0,2}?[!-/:-~](?=\d+[年月日]|(?![!-~]))"
)
_SPECIAL_CHARS = (
    "[\r\x00-\x09\x0b-\x1f\u00a0\u00ad\u2002-\u200d\u202f\u205f\u2060\u3000\ufeff"
    "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05\uff0b\uff1d\uff06\uff03\uff20\u2e80-\u2fdf\uf900-\ufaff]"
)
# what a gloss and debris cannot be without: a text with none of it is searched for the characters
# alone (the look-arounds the two open with cost the regex engine a step at every character)
_GLOSS_OPENERS = ("（", "(")
_DEBRIS_SYMBOL = re.compile(_DEBRIS_SYMBOLS)
_SPECIALS = {
    (gloss, debris): re.compile("|".join([_PINYIN_GLOSS] * gloss + [_DEBRIS] * debris + [_SPECIAL_CHARS]))
    for gloss in (False, True) for debris in (False, True)
}


def _special(src: str) -> re.Pattern:
    """The pattern of what normalize repairs that can match in `src` (glosses, debris, characters)."""
    return _SPECIALS[any(c in src for c in _GLOSS_OPENERS), _DEBRIS_SYMBOL.search(src) is not None]


_ASCII_PUNCT = re.compile(r"[,;:?!()]")


def normalize(original: str) -> Repaired:
    """Character-level repair; every line break of the input stays (as '\\n'), spaces stay."""
    traditional = is_traditional(original)
    src = simplified_text(original) if traditional else original
    n = len(src)
    special = _special(src)
    if special.search(src) is None:
        # nothing to drop, replace or cut out (most pages): each character comes from itself, with no
        # list of pieces made (punctuation is fixed one character for one)
        if _ASCII_PUNCT.search(src) is not None or "．" in src:
            chars = list(src)
            _fix_punctuation(chars)
            src = "".join(chars)
        return Repaired(original, src, list(range(n + 1)), traditional, list(range(1, n + 1)))
    b = TextBuilder()  # (its pieces one character each here: the fixes below index them)
    pos = 0
    for m in special.finditer(src):
        i = m.start()
        if i > pos:  # ordinary characters are copied as they are
            b.pieces.extend(src[pos:i])
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
        b.pieces.extend(src[pos:])
        b.starts.extend(range(pos, n))
        b.ends.extend(range(pos + 1, n + 1))
    _fix_punctuation(b.pieces)
    return b.build(original, traditional, len(original))


def _fix_punctuation(chars: list[str]) -> None:
    """In `chars` (one character each), in place: ASCII punctuation beside Chinese becomes Chinese
    punctuation; '．' between digits becomes '.'. (No fix makes or unmakes a digit or a Chinese
    character, so none changes what the neighbours of another are.)"""
    joined = "".join(chars)
    for m in _ASCII_PUNCT.finditer(joined):
        k = m.start()
        ch = chars[k]
        left = _neighbour(chars, k, -1)
        right = _neighbour(chars, k, 1)
        if (left and is_cjk(left)) or (right and is_cjk(right)):
            if ch in ",;:" and left.isdigit() and right.isdigit():
                continue
            chars[k] = _ASCII_TO_CJK_PUNCT[ch]
    k = joined.find("．")
    while k >= 0:
        if 0 < k < len(chars) - 1 and chars[k - 1].isdigit() and chars[k + 1].isdigit():
            chars[k] = "."
        k = joined.find("．", k + 1)


def _neighbour(chars: list[str], k: int, step: int) -> str:
    k += step
    while 0 <= k < len(chars) and chars[k] == " ":
        k += step
    return chars[k] if 0 <= k < len(chars) and chars[k] != "\n" else ""
