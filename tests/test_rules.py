"""The extraction rules of extract/data/rules.toml: each example makes its fact with its rule on the
evidence, run on the example's hand-written tokens (no HanLP); the code names no rule the file does
not declare; every evidence of the seed page names a declared rule (real HanLP)."""

import re
from pathlib import Path

import pytest

from okg.extract.pipeline import extract_text
from okg.extract.rules import RULES, HandTokens, rule

ROOT = Path(__file__).resolve().parent.parent
RULE_ID = re.compile(r'"((?:person|position|role|target|event|place|organization|reporter)\.[a-z_]+)"')


def _value(x):
    return getattr(x, "value", x)


def rules_of(articles, expect):
    """The rules on the evidence of the expected fact, or None when no such fact was made."""
    fact, person, value = expect["fact"], expect.get("person"), expect.get("value")
    for a in articles:
        pool = {
            "person": lambda: [(p.name, None, p.evidence) for p in a.persons],
            "position": lambda: [(p.person, p.title, p.evidence) for p in a.positions],
            "role": lambda: [(p.person, _value(r), p.evidence) for e in a.events for p in e.participants for r in p.roles],
            "target": lambda: [(i.person, i.target, i.evidence) for e in a.events for i in e.inspected],
            "event": lambda: [(None, e.name, e.evidence) for e in a.events],
            "place": lambda: [(None, p.name, p.evidence) for p in a.places],
            "organization": lambda: [(None, o.name, o.evidence) for o in a.organizations],
            "reporter": lambda: [(r.name, None, r.evidence) for r in a.reporters],
        }[fact]()
        for who, what, evidence in pool:
            if person in (None, who) and value in (None, what):
                return {e.rule for e in evidence}
    return None


@pytest.mark.parametrize("r", RULES, ids=[r.id for r in RULES])
def test_each_rule_makes_its_example(r):
    articles = extract_text(r.example, engine=HandTokens(r.tokens))
    made = rules_of(articles, r.expect)
    assert made is not None, f"{r.id}: {r.example} made no {r.expect}"
    assert r.id in made, f"{r.id}: {r.expect} was made by {made}"


def test_an_example_names_its_own_rule_only():
    # the check above can fail: a title chain's example is not read as a list, nor a list's as a chain
    chain, listed = rule("person.title_before"), rule("person.in_list")
    assert "person.in_list" not in rules_of(extract_text(chain.example, engine=HandTokens(chain.tokens)), chain.expect)
    assert "person.title_before" not in rules_of(extract_text(listed.example, engine=HandTokens(listed.tokens)), listed.expect)


def test_hand_tokens_must_spell_the_text():
    with pytest.raises(ValueError, match="spell"):
        extract_text("县委书记解芳出席会议。", engine=HandTokens(("县委/nt 书记/nnt 出席/v 会议/n 。/w",)))


def test_the_code_names_only_declared_rules_and_uses_every_one():
    declared = {r.id for r in RULES}
    assert len(declared) == len(RULES), "a rule id is declared twice"
    named = {m for path in (ROOT / "extract").glob("*.py") for m in RULE_ID.findall(path.read_text(encoding="utf-8"))}
    assert named - declared == set(), "rules named in extract/ but not declared in extract/data/rules.toml"
    assert declared - named == set(), "rules declared in extract/data/rules.toml that no reader makes"


def test_every_evidence_of_the_seed_names_a_declared_rule(seed_articles):
    declared = {r.id for r in RULES}
    found = []

    def walk(node):
        if isinstance(node, dict):
            if "sentence" in node and "confidence" in node:
                found.append(node.get("rule"))
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk([a.model_dump() for a in seed_articles])
    assert found and set(found) <= declared, set(found) - declared


def test_the_role_conflicts_roles_toml_orders_are_the_filters_there_are():
    from okg.extract.lexicon import lexicon
    from okg.extract.role_conflicts import FILTERS

    assert sorted(lexicon().role_conflicts) == sorted(FILTERS)


@pytest.mark.parametrize("predicate, roles", [
    ("参加督导检查", {"ATTENDED"}),              # joining_is_not_leading
    ("调研指导工作", {"INSPECTED"}),             # an_inspection_is_not_guidance
    ("陪同调研", {"ACCOMPANIED"}),               # accompanying_is_not_leading
    ("听取了工作汇报", set()),                    # heard_is_not_spoken
    ("听取了工作汇报并讲话", {"SPOKE"}),
    ("宣读了巡察工作安排", {"SPOKE"}),             # an_inspection_spoken_of
])
def test_each_role_conflict_filter(predicate, roles):
    from okg.extract.lexicon import lexicon
    from okg.extract.roles import role_words

    assert role_words(predicate, lexicon())[0] == roles
