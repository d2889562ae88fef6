"""The lexicon's remembered questions (lexicon._remembered): the same answers as asked afresh, and a
memo that stays bounded."""

import okg.extract.lexicon as lexicon_module
from okg.extract.lexicon import lexicon


def test_a_remembered_answer_is_the_answer_asked_afresh():
    lex = lexicon()
    for text in ("县委常务副书记", "横水镇", "西灌底村", "县领导", "县人民法院", "调研"):
        first = (lex.title_suffix(text), lex.place_kind(text), lex.group_label(text), lex.agency_kind(text))
        again = (lex.title_suffix(text), lex.place_kind(text), lex.group_label(text), lex.agency_kind(text))
        assert first == again
    assert lex.title_suffix("县委常务副书记") == "常务副书记"
    assert lex.place_kind("横水镇") == "town" and lex.place_kind("调研") is None


def test_the_memo_forgets_everything_when_full(monkeypatch):
    lex = lexicon()
    monkeypatch.setattr(lexicon_module, "MEMO_SIZE", 2)
    memo = lex._index.setdefault("place_kind answers", {})
    memo.clear()
    for name in ("横水镇", "柳庄村", "绛县"):
        lex.place_kind(name)
    assert list(memo) == ["绛县"]  # full at two: forgotten, then the third remembered
    assert lex.place_kind("柳庄村") == "village"
