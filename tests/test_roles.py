"""Who did what (extract/roles.py): the subject readings of clauses, on items written for the test and
read by the real pipeline with the real HanLP engine."""

from okg.extract.pipeline import extract_text


def roles(text):
    return {(p.person, r.value) for a in extract_text(text) for e in a.events for p in e.participants for r in p.roles}


def test_names_ending_in_a_group_label_wait_for_the_verb_after_the_bodies_clause():
    found = roles(
        "本报讯 6月3日，全县防汛工作会议召开。县委书记高建华、县长孟庆林等县四套班子领导，"
        "各乡镇和县直有关部门主要负责同志参加会议。"
    )
    assert {("高建华", "ATTENDED"), ("孟庆林", "ATTENDED")} <= found


def test_names_ending_in_a_short_label_wait_for_the_verb_too():
    found = roles("本报讯 4月9日，全市安全生产会议召开。市委书记罗志军、市长杜建国等领导，各区县负责人出席会议。")
    assert {("罗志军", "ATTENDED"), ("杜建国", "ATTENDED")} <= found


def test_a_label_and_a_move_then_a_warm_visit_is_everyone_s_visit():
    found = roles(
        "本报讯 1月20日下午，县委书记欧阳平，县委副书记、县长秦志远等县领导来到县福利院，亲切慰问了院里的老人。"
    )
    assert {("欧阳平", "INSPECTED"), ("秦志远", "INSPECTED")} <= found


def test_names_before_a_label_and_a_predicate_of_their_own_are_not_held_for_a_later_verb():
    # 等县领导 closes the list, but the clause goes on to its own verb: nothing waits for 参加
    found = roles("本报讯 3月1日，县长王立新等县领导主持会议，各乡镇负责人参加。")
    assert ("王立新", "CHAIRED") in found
