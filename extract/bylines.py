"""Credit lines (bylines): who a page says wrote, photographed or edited an item.

    parse_credit(s, offset, bracketed) -> Credit | None   # 张倩倩 李京丽, 记者 张三 通讯员 李四, 张三 摄, 责任编辑：李四
    author_credit(line, offset) -> Credit | None          # 作者:常映红 on a line, or among a web page's metadata
    credit_words() -> {word: kind}                        # data/credits.txt: reporter, suffix, editor

Page repair (repair.py) gives a line that reads as a credit the role of a byline; credits.py reads
those the layout left inside an item's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from okg.extract.lexicon import data_lines, lexicon

# ----------------------------------------------------------------------------- credit words


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


# ----------------------------------------------------------------------------- reading a credit


@dataclass(slots=True)
class Credit:
    kind: str  # 'reporter' or 'editor'
    names: list[tuple[str, int, int]]  # name and its span in the string parsed
    has_role_word: bool


_CHUNK = re.compile(r"[^\s、，,/:：|；;]+")
# 闽南网记者, 新华社记者, 日报通讯员, 玉溪日报全媒体记者: an outlet (a name ending in 网, 报, 台, 社) before a reporter's word
OUTLET_REPORTER = re.compile(r"[\u4e00-\u9fff]{2,8}[网报台社](?:全媒体|融媒体|首席|特约|见习)?(?:记者|通讯员)")
_NAME_CHARS = re.compile(r"^[\u4e00-\u9fff·]+$")
_WRAP = {"（": "）", "(": ")", "【": "】", "[": "]", "〔": "〕"}
_CREDIT_BAD = re.compile(r"[。！？!?“”《》\d]")
_LIST_SEP = re.compile(r"[、，,；;]")
_CREDIT_SEPARATOR = re.compile(r"[ /:：、|]")  # what sets names or a credit word apart
_SINGLE_NEXT = re.compile(r" [\u4e00-\u9fff](?: |$)")  # the next chunk one character


# 作者:常映红 / 文/图：张三: who wrote the item, on a line of its own or among a web page's metadata
# (撰稿:王宏瑞 编辑:包晓峰: the names end before the next credit's word)
AUTHOR = re.compile(
    r"(?<![\u4e00-\u9fff])(?:作者|撰稿|撰文|文/图|图/文|文图|文)[：:][ \u3000]*"
    r"((?:[\u4e00-\u9fff]{2,3}[ \u3000]+)*[\u4e00-\u9fff]{2,3})(?![\u4e00-\u9fff]|[ \u3000]*[：:])"
)


NARROW_COLUMN = 20  # a line shorter than this may be a column's, which can break a name at its end


def author_credit(s: str, offset: int = 0, at: int = 0) -> Credit | None:
    """The author named on a line, from `at` on (作者:常映红, or among a web page's metadata: 刊发日期:…
    作者:常映红  语音阅读), as a credit. Not a name ending a narrow line: a column may have cut it
    (版次:02作者:廖秋 | 平)."""
    m = AUTHOR.search(s, at)
    if m and not s[m.end():].strip() and len(s.strip()) < NARROW_COLUMN:
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
    if _CREDIT_BAD.search(s):
        return None  # (none of the spaces and brackets taken off below is bad: every line is asked, so this first)
    lo, hi = 0, len(s)
    while lo < hi and s[lo] == " ":
        lo += 1
    while hi > lo and s[hi - 1] == " ":
        hi -= 1
    if lo < hi and s[lo] in _WRAP and s[hi - 1] == _WRAP[s[lo]]:
        lo, hi = lo + 1, hi - 1
        bracketed = True
    body = s[lo:hi]
    if not body or len(body) > 60 or "，" in body.strip("，"):
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
        if OUTLET_REPORTER.fullmatch(tok):
            role = True  # 闽南网记者, 新华社记者: an outlet's reporter word, the names after it
            continue
        # a role word glued to the names: 本报记者张三, 张三摄 (only words of two or more characters in front)
        # (记者冯 艳 孙 敏: one character glued on, when the names go on spaced, a character each)
        glued = _prefix_words_by_first().get(tok[0], ())
        least = 1 if glued and _SINGLE_NEXT.match(body, m.end()) else 2
        for w in glued:
            if len(w) >= 2 and tok.startswith(w) and len(tok) - len(w) >= least:
                role = True
                kind = "editor" if words[w] == "editor" else kind
                tok, a = tok[len(w):], a + len(w)
                break
        for w in _suffix_words_by_last().get(tok[-1], ()):
            if tok.endswith(w) and len(tok) - len(w) >= 2:
                role = True
                tok, e = tok[: -len(w)], e - len(w)
                break
        if len(tok) > 4 and "·" not in tok and tok not in words:
            # longer than a name without `·`, and no credit word (the one kind of chunk taken out of the
            # names below): the names' check would fail, so stop now (most short body lines end here)
            return None
        if not _NAME_CHARS.match(tok):
            return None
        tokens.append((tok, a, e))
    if not tokens:
        return Credit(kind, [], role) if role and kind == "editor" else None
    names = _pair_single_chars(tokens)
    if any(n in words for n, _, _ in names):  # 记 者:吴阳金: a credit word spaced out, paired like a name
        names, role = [n for n in names if n[0] not in words], True
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
