"""The hanlp2 adapter on documents written by hand in HanLP 2.x's output format (no model is loaded)."""

from __future__ import annotations

import sys
import types

import pytest

from okg.extract.engines.base import EngineUnavailable, Token
from okg.extract.engines.hanlp2 import split_document, tokens_from_document

S1 = "县委书记解芳出席并作动员讲话，县委副书记、县长李翔主持会议。"
# what CLOSE_TOK_POS_NER_SRL_DEP_SDP_CON_ELECTRA_SMALL_ZH gives for one sentence (tasks tok, pos, ner)
DOC1 = {
    "tok/fine": ["县委", "书记", "解芳", "出席", "并", "作", "动员", "讲话", "，", "县委", "副", "书记", "、", "县长", "李翔", "主持", "会议", "。"],
    "pos/ctb": ["NN", "NN", "NR", "VV", "AD", "VV", "NN", "NN", "PU", "NN", "JJ", "NN", "PU", "NN", "NR", "VV", "NN", "PU"],
    "pos/pku": ["n", "n", "nr", "v", "c", "v", "vn", "vn", "w", "n", "b", "n", "w", "n", "nr", "v", "n", "w"],
    "ner/msra": [["解芳", "PERSON", 2, 3], ["县委", "ORGANIZATION", 9, 10], ["李翔", "PERSON", 14, 15]],
}

S2 = "市委专项行动第六督导组组长吉俊红到横水镇柳庄村督导。"
DOC2 = {
    "tok/fine": ["市委", "专项", "行动", "第六", "督导组", "组长", "吉俊红", "到", "横水镇", "柳庄村", "督导", "。"],
    "pos/ctb": ["NN", "JJ", "NN", "OD", "NN", "NN", "NR", "VV", "NR", "NR", "VV", "PU"],
    "ner/msra": [
        ["市委专项行动第六督导组", "ORGANIZATION", 0, 5, 0.91],
        ["吉俊红", "PERSON", 6, 7],
        ["横水镇", "LOCATION", 8, 9],
        ["柳庄村", "LOCATION", 9, 10],
    ],
}


def check_offsets(tokens: list[Token], sentence: str) -> None:
    for t in tokens:
        assert sentence[t.start:t.end] == t.text


def test_pku_tags_and_entities():
    toks = tokens_from_document(DOC1, S1)
    check_offsets(toks, S1)
    assert "".join(t.text for t in toks) == S1
    by = {(t.text, t.start): t.pos for t in toks}
    assert by[("解芳", 4)] == "nr"
    assert by[("李翔", 23)] == "nr"
    assert by[("县委", 15)] == "nt"  # entity tag wins over the POS tag
    assert by[("县委", 0)] == "n"
    assert by[("讲话", 12)] == "vn"


def test_ctb_only_and_multi_token_entities():
    toks = tokens_from_document(DOC2, S2)
    check_offsets(toks, S2)
    assert toks[0] == Token("市委专项行动第六督导组", "nt", 0, 11)
    got = [(t.text, t.pos) for t in toks]
    assert ("吉俊红", "nr") in got
    assert ("横水镇", "ns") in got
    assert ("柳庄村", "ns") in got
    assert ("组长", "n") in got  # NN -> n
    assert ("督导", "v") in got  # VV -> v
    assert got[-1] == ("。", "w")  # PU -> w


def test_spaces_in_the_sentence_are_skipped():
    s = "本报讯 3 月 28 日，解芳出席。"
    doc = {
        "tok/fine": ["本报讯", "3", "月", "28", "日", "，", "解芳", "出席", "。"],
        "pos/pku": ["n", "m", "q", "m", "q", "w", "nr", "v", "w"],
        "ner/msra": [["3 月 28 日", "DATE", 1, 5], ["解芳", "PERSON", 6, 7]],
    }
    toks = tokens_from_document(doc, s)
    check_offsets(toks, s)
    assert toks[1] == Token("3 月 28 日", "t", 4, 12)
    assert Token("解芳", "nr", 13, 15) in toks


def test_ontonotes_labels_and_missing_ner():
    s = "绛县县委在县宾馆召开会议"
    doc = {
        "tok/fine": ["绛县", "县委", "在", "县", "宾馆", "召开", "会议"],
        "pos/ctb": ["NR", "NN", "P", "NN", "NN", "VV", "NN"],
        "ner/ontonotes": [["绛县", "GPE", 0, 1], ["县宾馆", "FAC", 3, 5]],
    }
    toks = tokens_from_document(doc, s)
    assert toks[0] == Token("绛县", "ns", 0, 2)
    assert Token("县宾馆", "ns", 5, 8) in toks
    bare = tokens_from_document({"tok/fine": doc["tok/fine"], "pos/ctb": doc["pos/ctb"]}, s)
    assert [t.pos for t in bare][:3] == ["nz", "n", "p"]


def test_batch_document_splits_per_sentence():
    batch = {k: [DOC1[k], DOC2.get(k, [])] for k in ("tok/fine", "ner/msra")}
    batch["pos/ctb"] = [DOC1["pos/ctb"], DOC2["pos/ctb"]]
    one, two = split_document(batch, 2)
    assert one["tok/fine"] == DOC1["tok/fine"]
    assert tokens_from_document(two, S2)[0].pos == "nt"


def test_missing_hanlp_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "hanlp", None)  # import hanlp -> ImportError
    from okg.extract.engines.hanlp2 import HanLP2Engine

    with pytest.raises(EngineUnavailable, match=r"pip install 'okg\[hanlp2\]'"):
        HanLP2Engine()


def test_engine_with_a_stand_in_hanlp(monkeypatch):
    """The engine's wiring: model name from OKG_HANLP2_MODEL, batched call, per-sentence tokens."""
    loaded = []

    class Model:
        tasks = {"tok/fine": None, "pos/ctb": None, "pos/pku": None, "ner/msra": None}

        def __call__(self, sentences, tasks=None):
            assert isinstance(sentences, list)
            docs = {S1: DOC1, S2: DOC2}
            return {key: [docs[s].get(key, []) for s in sentences] for key in ("tok/fine", "pos/pku", "ner/msra")} | {
                "pos/ctb": [docs[s]["pos/ctb"] for s in sentences]
            }

    fake = types.ModuleType("hanlp")
    fake.pretrained = types.SimpleNamespace(mtl=types.SimpleNamespace(SOME_MTL_MODEL="https://example.invalid/mtl.zip"))
    fake.load = lambda ident: loaded.append(ident) or Model()
    monkeypatch.setitem(sys.modules, "hanlp", fake)
    monkeypatch.setenv("OKG_HANLP2_MODEL", "hanlp.pretrained.mtl.SOME_MTL_MODEL")
    from okg.extract.engines.hanlp2 import HanLP2Engine

    engine = HanLP2Engine()
    out = engine.tokenize_many([S1, "", S2])
    assert loaded == ["https://example.invalid/mtl.zip"]
    assert out[1] == []
    assert ("李翔", "nr") in [(t.text, t.pos) for t in out[0]]
    assert out[2][0].text == "市委专项行动第六督导组"


def test_model_that_cannot_load_is_unavailable(monkeypatch):
    fake = types.ModuleType("hanlp")
    fake.pretrained = types.SimpleNamespace(mtl=types.SimpleNamespace())

    def load(ident):
        raise ConnectionError("no network")

    fake.load = load
    monkeypatch.setitem(sys.modules, "hanlp", fake)
    from okg.extract.engines.hanlp2 import HanLP2Engine

    with pytest.raises(EngineUnavailable, match="OKG_HANLP2_MODEL"):
        HanLP2Engine().tokenize("解芳出席")
