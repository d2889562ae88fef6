"""One spelling per name for comparing: traditional script folded to simplified (OpenCC t2s), pinyin
glosses dropped (陸曉延(lù xiǎo yán) -> 陆晓延), width and spaces normalised. Resolution compares folded
names and folded text; nodes keep the names as written in `aliases`."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from opencc import OpenCC

from okg.extract.characters import has_traditional

_T2S = OpenCC("t2s")
_GLOSS = re.compile(r"[(（]\s*[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü\s]+[)）]", re.IGNORECASE)


@lru_cache(maxsize=65536)
def fold_name(name: str) -> str:
    """The folded form of a person's name."""
    return fold_text(re.sub(r"\s+", "", name or ""))


def fold_text(text: str) -> str:
    """Text in simplified script without pinyin glosses (offsets are not kept). OpenCC runs only on
    text with a traditional form in it: on simplified text it would change nothing, slowly."""
    folded = _GLOSS.sub("", _nfkc(text or ""))
    return _T2S.convert(folded) if has_traditional(folded) else folded


# the full-width punctuation of nearly every line of Chinese news: NFKC's quick check fails on it, and
# a full NFKC pass over a page costs ten times these replacements and a check that then succeeds
_WIDE_PUNCTUATION = (("，", ","), ("：", ":"), ("；", ";"), ("（", "("), ("）", ")"), ("！", "!"), ("？", "?"), ("\u3000", " "))


def _nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text), fast for Chinese text."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    for wide, narrow in _WIDE_PUNCTUATION:
        if wide in text:
            text = text.replace(wide, narrow)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)
