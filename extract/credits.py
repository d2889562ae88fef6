"""Credits the page layout left inside an item: （通讯员 刘小林 杨锦芳）, 本报讯 记者 李洋 4月27日, a
trailing （李东旭）, a photographer's 张金明 摄 after a paragraph, an e-paper's 作者:常映红 among its
metadata, 编辑：杨玉洁. They are read from the original text, where the spaces that set names apart
still stand.

    credits_in(original, start, end, traditional) -> [(name, start, end, kind)]   kind: reporter | editor

In an item in traditional script the names are read, and given, in simplified script, as its body's.
"""

from __future__ import annotations

import re
from typing import Iterator

from okg.extract.lexicon import lexicon
from okg.extract.bylines import AUTHOR, author_credit, parse_credit
from okg.extract.characters import simplified_text

# a credit in brackets anywhere in the item
PAREN = re.compile(r"[（(]([^（）()\n]{2,40})[）)]")
# 本报讯 记者 李洋 4月27日 / 特约记者陶然、通讯员程钊报道 / 记者:郑冬雨, 记者/王宁: a reporter's word, then
# names set apart by spaces, before the date, the text, the next credit or the outlet in brackets (记者 张婧怡 (大理日报))
INLINE = re.compile(
    r"(?<![（(\u4e00-\u9fff])(?:全媒体记者|融媒体记者|特约记者|本报记者|首席记者|见习记者|记者|通讯员)[ \u3000：:/]*"
    r"((?:[\u4e00-\u9fff]{2,3}[ \u3000]+)*[\u4e00-\u9fff]{2,3})(?=[ \u3000]*(?:\d|[，,。、（(|]|报道|$))",
    re.M,
)
# 。 张金明 摄 / 记者 张三 李四 摄: names set apart from the text before them, then 摄 (攝) closing a line or the item
PHOTO = re.compile(
    r"(?:^|(?<=[\s。！？!?”]))((?:[\u4e00-\u9fff]{2,3}[ \u3000]+)*[\u4e00-\u9fff]{2,3})[ \u3000]*[摄攝](?:影)?(?=[ \u3000]*(?:\n|$))",
    re.M,
)
# 编辑：杨玉洁 / 责任编辑 李四: one who edited the item is a person, not its reporter
# (审核、终审、一审、值班编委… as well: the reviewers a county site names after the text)
# (新媒体编辑/周瑞; 监制:徐 彬: a two-character name spaced to the width of three)
EDITOR = re.compile(
    r"(?:责任编辑|值班编委|编辑|校对|审核人|审核|审校|终审|初审|[一二三]审|责编|监制|美编)[：:/ \u3000]*"
    r"([\u4e00-\u9fff]{2,3}|[\u4e00-\u9fff][ \u3000][\u4e00-\u9fff])(?![\u4e00-\u9fff])"
)
# words one of which every match of a pattern holds: an item without any is not searched with it
# (INLINE and PHOTO open with a look-behind, which the regex engine tries at every character)
NEEDED = {INLINE: ("记者", "通讯员"), PHOTO: ("摄", "攝"), AUTHOR: ("：", ":"), EDITOR: ("编辑", "校对", "审", "责编", "监制", "美编", "编委")}


def _searched(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """pattern.finditer(text), when the text holds a word of NEEDED[pattern]."""
    return pattern.finditer(text) if any(w in text for w in NEEDED[pattern]) else iter(())


def credits_in(original: str, start: int, end: int, traditional: bool = False) -> list[tuple[str, int, int, str]]:
    text = simplified_text(original[start:end]) if traditional else original[start:end]  # (of the same length)
    found: list[tuple[str, int, int, str]] = []
    for m in PAREN.finditer(text):
        if text[m.start() - 1:m.start()] == "》":
            continue  # 《政府工作报告》(修改稿): a document's version, not a credit
        credit = parse_credit(m.group(1), start + m.start(1), bracketed=True)
        if credit is not None:
            found += [(name, s, e, credit.kind) for name, s, e in credit.names]
    for m in (m for pattern in (INLINE, PHOTO) for m in _searched(pattern, text)):
        credit = parse_credit(m.group(1), start + m.start(1))
        if credit is not None and credit.kind == "reporter":
            found += [(name, s, e, "reporter") for name, s, e in credit.names]
    for m in _searched(AUTHOR, text):
        lo, hi = text.rfind("\n", 0, m.start()) + 1, text.find("\n", m.end())
        credit = author_credit(text[lo:hi if hi >= 0 else len(text)], start + lo, m.start() - lo)  # this author, not the line's first
        found += [(name, s, e, "reporter") for name, s, e in credit.names] if credit else []
    for m in _searched(EDITOR, text):
        found.append((re.sub("[ \u3000]", "", m.group(1)), start + m.start(1), start + m.end(1), "editor"))
    return [f for f in found if _is_name(f[0])]


def _is_name(name: str) -> bool:
    """Not a place set in the credit (（王村镇 辛贞丽）) nor a word (编辑整理)."""
    lex = lexicon()
    return lex.has_surname(name) and name[-1] not in lex.not_name_final_chars and lex.place_kind(name) is None
