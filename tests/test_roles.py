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


def test_those_listed_after_a_word_of_company_are_companions():
    found = roles(
        "本报讯 3月8日，县委书记程立华深入柳河乡调研脱贫攻坚工作。"
        "一同调研的还有县委常委、办公室主任龚晓明，副县长孔德胜等县领导。"
    )
    assert {("龚晓明", "ACCOMPANIED"), ("孔德胜", "ACCOMPANIED")} <= found
    assert ("龚晓明", "INSPECTED") not in found


def test_a_plain_listing_after_a_word_of_company_without_a_verb():
    found = roles("本报讯 5月2日，市长范海涛到高新区检查安全生产工作。随行的有市政府秘书长邹建平。")
    assert ("邹建平", "ACCOMPANIED") in found


def test_names_with_their_titles_after_them_wait_across_a_clause_of_bodies():
    found = roles(
        "本报讯 2月14日，区委书记邓文斌出席迎春茶话会。韩永平主席，吴国栋、郑丽华常委，"
        "以及区委办、区财政局等部门负责人陪同参加。"
    )
    for name in ("韩永平", "吴国栋", "郑丽华"):
        assert (name, "ACCOMPANIED") in found


def test_a_greeting_or_a_toast_is_spoken():
    found = roles("本报讯 2月14日，迎春茶话会举行。区委书记邓文斌、区长韩志刚分别致新春贺词和祝酒词。")
    assert {("邓文斌", "SPOKE"), ("韩志刚", "SPOKE")} <= found


def test_the_chair_of_an_activity_or_an_opening_in_the_passive():
    found = roles(
        "本报讯 4月12日，城关镇组织开展人大代表集中视察活动。活动由镇人大主席团主席吕红梅主持，镇党委书记魏强出席并讲话。"
    )
    assert {("吕红梅", "CHAIRED"), ("魏强", "SPOKE")} <= found
    found = roles("本报讯 5月1日，全镇职工运动会开幕。开幕式由镇党委副书记周海燕主持，镇长王建军致辞。")
    assert ("周海燕", "CHAIRED") in found


def test_by_after_another_noun_is_no_passive_chair():
    # 由 after a body (由县委办公室牵头) opens no subject: the name after it is not a chair
    found = roles("本报讯 4月12日，全县环境整治工作由县委办公室牵头，副县长杨立军主持会议。")
    assert ("杨立军", "CHAIRED") in found


def test_a_title_written_after_the_name_is_no_predicate():
    # 巡视员 holds 巡视, 调研员 holds 调研: titles of the subject, not its inspection
    found = roles("本报讯 3月2日，迎春茶话会举行。会上，周海波巡视员充分肯定了各界的努力，强调要做好服务。")
    assert ("周海波", "SPOKE") in found and ("周海波", "INSPECTED") not in found
    found = roles("本报讯 3月2日，座谈会召开。邵建国调研员出席会议。")
    assert ("邵建国", "ATTENDED") in found and ("邵建国", "INSPECTED") not in found


def test_a_role_word_inside_a_noun_is_no_act():
    found = roles("本报讯 9月21日，市督导组到我县督导安全生产工作。副县长蒋丽华出席汇报会。")
    assert ("蒋丽华", "ATTENDED") in found and ("蒋丽华", "SPOKE") not in found
    found = roles("本报讯 9月21日，县长蒋丽华带领检查组深入企业检查安全生产。")
    assert ("蒋丽华", "INSPECTED") in found


def test_a_role_word_before_a_word_of_its_own_is_still_an_act():
    # 传达|会议精神, 要求|员工: the ending opens the next word
    found = roles("本报讯 3月2日，全县干部大会召开。县委书记孟凡军传达会议精神。")
    assert ("孟凡军", "SPOKE") in found
    found = roles("本报讯 3月2日，县长孟凡军到县供电公司调研，要求员工坚守岗位。")
    assert ("孟凡军", "SPOKE") in found


def test_names_after_a_visit_and_a_label_are_visited_not_visitors():
    found = roles(
        "本报讯 1月25日，县委宣传部部长马俊峰到石门乡慰问困难群众。之后，慰问组先后看望了石门村老党员冯德福、"
        "柳沟村残疾人宋春花等4户困难群众，给每户群众送去了慰问金和米面油。"
    )
    assert ("马俊峰", "INSPECTED") in found
    assert not {p for p, _ in found} & {"冯德福", "宋春花"}


def test_a_title_after_a_name_joins_the_next_titled_name_into_one_subject():
    found = roles("本报讯 2月14日，迎春晚会举行。钱立新副部长、县工商联会长孙玉梅分别作了新春致辞。")
    assert {("钱立新", "SPOKE"), ("孙玉梅", "SPOKE")} <= found


def test_a_clause_that_says_where_and_then_speaks_goes_on_with_the_subject():
    base = "本报讯 6月8日，全县脱贫攻坚推进会召开。县委书记田志明出席会议，"
    for rest in ("并在会上作重要讲话。", "并作重要讲话。", "并在会上讲话。", "在讲话中强调要压实责任。"):
        assert ("田志明", "SPOKE") in roles(base + rest), rest
    found = roles("本报讯 6月8日，全县大会召开。县领导田志明、马丽娟应邀前来听取发言，并在主席台就座。")
    assert {("田志明", "ATTENDED"), ("马丽娟", "ATTENDED")} <= found


def test_what_is_carried_out_after_a_manner_is_the_subject_s():
    found = roles(
        "本报讯 重阳节前夕，方国栋、严晓红等县领导带着组织的关怀，分组开展百岁老人走访慰问活动，送去节日的祝福。"
    )
    assert {("方国栋", "INSPECTED"), ("严晓红", "INSPECTED")} <= found


def test_a_place_in_a_clause_of_its_own_is_no_continuing_act():
    # 在会上 closes its own clause; the next clause names its own speaker
    found = roles("本报讯 6月8日，全县大会召开。县长田志明出席会议。在会上，副县长马丽娟作了讲话。")
    assert ("马丽娟", "SPOKE") in found and ("田志明", "SPOKE") not in found


def test_a_requirement_or_thanks_after_its_object_is_spoken_by_the_subject():
    found = roles("本报讯 6月8日，全县防汛会议召开。县长田志明出席会议，并就做好汛期各项准备工作提出明确要求。")
    assert ("田志明", "SPOKE") in found
    found = roles("本报讯 6月8日，副市长庞玉成到我县调研，对我县的工作表示充分肯定。")
    assert ("庞玉成", "SPOKE") in found


def test_one_cited_does_not_go_on_acting():
    found = roles(
        "本报讯 6月8日，县委常委会召开。会议指出，习近平总书记的重要讲话充分肯定了各项工作，"
        "也对做好下步工作提出了具体要求。县委书记田志明主持会议。"
    )
    assert not any(p == "习近平" for p, _ in found)
    assert ("田志明", "CHAIRED") in found


def test_people_no_name_stands_for_end_the_named_subject_s_acts():
    found = roles(
        "本报讯 1月20日，副县长庞玉成到柳河村走访慰问老党员。老党员冯德福是一名退役军人，"
        "领导们认真倾听老人讲述往事，并对老人的奉献表示崇高敬意。"
    )
    assert ("庞玉成", "INSPECTED") in found
    assert not any(p == "冯德福" for p, _ in found)


def test_the_people_led_do_not_push_the_inspection_out_of_reach():
    found = roles(
        "本报讯 9月30日，副县长王立军带领县应急管理局、县交通运输局、县市场监管局等部门负责同志"
        "深入城关镇检查节前安全生产工作。"
    )
    assert ("王立军", "INSPECTED") in found


def test_a_name_after_a_verb_and_a_comma_of_a_list_does_not_join_the_subject():
    # 安监 may be read as a name (HanLP tags it nr): after 带领…、 it is one of the people led, and
    # the subject stays 刘海涛 alone
    found = roles("本报讯 9月30日，副县长刘海涛带领交通、安监、城管等部门负责人深入柳河镇检查安全生产工作。")
    assert ("刘海涛", "INSPECTED") in found
    assert {p for p, _ in found} == {"刘海涛"}


def test_those_who_go_along_accompany_the_visit_they_do_not_lead_it():
    found = roles("本报讯 3月2日，市委书记王建设到我县调研。县领导张明华、李国栋一同调研。")
    assert ("王建设", "INSPECTED") in found
    assert {("张明华", "ACCOMPANIED"), ("李国栋", "ACCOMPANIED")} <= found
    assert ("张明华", "INSPECTED") not in found


def test_a_listing_of_companions_without_de():
    found = roles("本报讯 3月2日，市委书记王建设到我县调研。陪同人员有：县委书记张明华、县长李国栋。")
    assert {("张明华", "ACCOMPANIED"), ("李国栋", "ACCOMPANIED")} <= found


def test_the_people_accompanied_do_the_act_after_them():
    found = roles(
        "本报讯 3月2日，县委书记张明华、县长李国栋陪同省发改委主任周立新、副主任钱红一行深入城关镇调研。"
    )
    assert {("周立新", "INSPECTED"), ("钱红", "INSPECTED")} <= found
    assert {("张明华", "ACCOMPANIED"), ("李国栋", "ACCOMPANIED")} <= found
    assert ("张明华", "INSPECTED") not in found


def test_a_name_further_on_after_accompanying_is_not_the_one_accompanied():
    # 陪同 and then an object that is not a name: 冯立强 is one of those visited, not led
    found = roles("本报讯 3月2日，县长张明华陪同调研组走访了困难户冯立强。")
    assert not any(p == "冯立强" for p, _ in found)


def test_companions_across_commas_after_the_people_accompanied():
    found = roles(
        "本报讯 3月2日，市委书记王建设一行在县委书记张明华，县委副书记、县长李国栋等陪同下，深入城关镇调研。"
    )
    assert {("张明华", "ACCOMPANIED"), ("李国栋", "ACCOMPANIED"), ("王建设", "INSPECTED")} <= found
    assert ("王建设", "ACCOMPANIED") not in found and ("李国栋", "INSPECTED") not in found


def test_a_place_opened_by_zai_before_the_companions_is_no_companion_phrase():
    found = roles("本报讯 3月2日，在城关镇，市委书记王建设在县委书记张明华的陪同下察看了项目。")
    assert ("王建设", "INSPECTED") in found and ("王建设", "ACCOMPANIED") not in found


def test_a_body_before_a_name_with_its_title_after_it_still_opens_the_clause():
    # the second mention of 王海涛 is read as the name known from the first
    found = roles("本报讯 3月2日，迎春晚会举行。王海涛副部长致辞。晚会由市委统战部王海涛副部长主持。")
    assert ("王海涛", "CHAIRED") in found
    found = roles("本报讯 3月2日，迎春晚会举行。王海涛副部长致辞。市委统战部王海涛副部长主持晚会。")
    assert ("王海涛", "CHAIRED") in found


def test_a_body_after_a_verb_is_no_opening():
    found = roles("本报讯 3月2日，座谈会召开。王海涛部长列席会议。县长张明华听取了县委组织部王海涛部长汇报。")
    assert ("王海涛", "SPOKE") not in found


def test_names_each_with_its_body_before_and_its_title_after_form_one_subject():
    found = roles(
        "本报讯 3月23日，县人大常委会举行第十一次会议。县人民法院王立人院长、县公安局钟卫娟局长和县政府有关部门负责人列席了会议。"
    )
    assert {("王立人", "ATTENDED"), ("钟卫娟", "ATTENDED")} <= found


def test_a_party_led_to_a_place_is_a_visit_one_led_to_an_event_is_not():
    found = roles("本报讯 2月7日，镇党委书记沈建国，镇长李正华带队到新化村指导工作。")
    assert {("沈建国", "INSPECTED"), ("李正华", "INSPECTED")} <= found
    found = roles("本报讯 近日，区委书记龙晓燕率队参加了香港分会春茗晚会。")
    assert ("龙晓燕", "ATTENDED") in found and ("龙晓燕", "INSPECTED") not in found


def test_leading_an_inspection_group_is_inspecting():
    # 检查组 is a group, no act of its own, but the group led is the leaders' inspection; its 检查 has no object
    text = "本报讯 5月12日，县人大常委会副主任郑文海、孙丽君率执法检查组先后来到县市场监管局、县交通运输局检查工作。"
    found = roles(text)
    assert {("郑文海", "INSPECTED"), ("孙丽君", "INSPECTED")} <= found
    targets = {(i.person, i.target) for a in extract_text(text) for e in a.events for i in e.inspected}
    assert ("郑文海", "县市场监管局") in targets and not any(t.startswith("组") for _, t in targets)
    # the group's own member is no inspector
    assert ("郑文海", "INSPECTED") not in roles("本报讯 5月12日，检查组组长郑文海听取汇报。")


def test_guiding_opinions_are_no_guidance():
    found = roles("本报讯 5月12日，镇党委书记韩立东对今年重点任务作了点评并提出指导意见。")
    assert ("韩立东", "SPOKE") in found and ("韩立东", "GUIDED") not in found


def test_a_long_list_of_places_gone_to_keeps_the_inspection_after_it_within_reach():
    found = roles("本报讯 9月14日上午，副县长王强先后到东湖镇、白沙乡、青山乡、石门镇调研秋收工作。")
    assert ("王强", "INSPECTED") in found
    led = roles(
        "本报讯 9月14日上午，县政府副县长刘芳带领农业局负责人，先后深入东湖镇、白沙乡、青山乡实地督导检查秸秆禁烧工作。"
    )
    assert ("刘芳", "INSPECTED") in led
    # no list, no passing over: 深入学习 is no going, and what follows it is no inspection of his
    studied = roles("本报讯 9月14日，县委书记赵明主持召开常委会，深入学习贯彻全会精神。")
    assert ("赵明", "INSPECTED") not in studied


def test_a_name_the_recognizer_glued_to_an_inspection_and_its_matter_is_still_the_inspector():
    # HanLP reads 王海调研农业产业发展 and 县长李勇调研农业发展 as one organization (发展 ends companies' names)
    for text, name in (("本报讯 6月3日，县长王海调研农业产业发展。", "王海"), ("本报讯 6月3日，县长李勇调研农业发展。", "李勇")):
        assert (name, "INSPECTED") in roles(text), text


def test_a_clause_that_goes_with_dao_after_the_people_led_goes_on_with_the_leader():
    found = roles("本报讯 6月3日，县委副书记郭亮带领县直有关部门负责人，到陈集镇小李庄村、大王庄村实地调研乡村振兴工作。")
    assert ("郭亮", "INSPECTED") in found
    # 到2025年 is a time: the inspection named after it is nobody's act of the chair's
    plan = roles("本报讯 6月3日，县委书记郭亮主持召开会议，到2025年全县要完成检查任务。")
    assert ("郭亮", "INSPECTED") not in plan


def test_a_clause_opened_by_xianhou_goes_on_with_the_subject_before_it():
    found = roles("本报讯 6月3日，县委书记李明深入石门镇，先后走访了大塘村、小塘村。")
    assert ("李明", "INSPECTED") in found


def test_the_people_a_group_is_led_under_lead_it_and_act_on_in_the_sentence():
    found = roles("本报讯 6月3日，省人大常委会调研组在组长孙德明的带领下，到我市调研乡村振兴促进法贯彻实施情况。")
    assert {("孙德明", "ATTENDED"), ("孙德明", "INSPECTED")} <= found
    # the group so led, opening a clause of its own, acts for its leader; where he led it is no place
    group = extract_text("本报讯 6月3日，在县委书记钱志远的带领下，县四大班子领导先后来到长兴镇光明村、五星村调研。")
    assert {(p.person, r.value) for a in group for e in a.events for p in e.participants for r in p.roles} >= {("钱志远", "INSPECTED")}
    assert {i.target for a in group for e in a.events for i in e.inspected} == {"长兴镇光明村", "五星村"}


def test_a_charge_or_a_reminder_to_the_people_met_is_spoken():
    found = roles(
        "本报讯 3月2日，副县长孟凡勇到城北农贸市场检查消防工作。孟凡勇同商户进行交谈，提醒他们注意用电安全。"
        "副县长宋佳来到东湖敬老院，叮嘱工作人员照顾好老人。"
    )
    assert {("孟凡勇", "SPOKE"), ("宋佳", "SPOKE")} <= found


def test_leaders_who_present_flags_to_teams_named_at_length_attended():
    found = roles(
        "本报讯 授旗仪式由副县长林海主持，县委书记郑国强、县长吴立平为县新时代文明实践所志愿服务队和全县十二个乡镇志愿服务队授队旗。"
    )
    assert {("郑国强", "ATTENDED"), ("吴立平", "ATTENDED"), ("林海", "CHAIRED")} <= found


def test_a_comrade_named_after_his_office_reports_at_the_meeting():
    found = roles("本报讯 8月24日，全县安全生产工作会议召开。县安委会办公室钱立同志汇报今年以来全县安全生产工作。")
    assert {("钱立", "ATTENDED"), ("钱立", "SPOKE")} <= found


def test_an_explanation_of_a_long_list_of_matters_is_spoken_and_its_guiding_thought_guides_nothing():
    found = roles(
        "本报讯 1月6日，县第十届人民代表大会第三次会议举行预备会议。县人大常委会主任吴强主持会议。"
        "会上，吴强就大会的指导思想、主要任务以及大会议程草案作了说明。"
    )
    assert ("吴强", "SPOKE") in found
    assert ("吴强", "GUIDED") not in found


def _walked(reading):
    """What a reading says, with each person as the mention object it is."""
    acts = [(tuple(map(id, a.people)), sorted(a.roles), a.clause.start, a.rule, a.words, a.pronoun) for a in reading.acts]
    return acts, {start: tuple(map(id, people)) for start, people in reading.subjects.items()}


def test_acts_read_again_where_names_changed_are_those_of_a_whole_new_reading():
    # reread_acts walks again only the sentences where the acts can change (a clause named someone
    # else, or 他 refers to another last actor): each clause's names left out in turn of a first
    # reading, it must find what read_acts finds over them all
    from okg.extract.engines import get_engine
    from okg.extract.lexicon import lexicon
    from okg.extract.people import names_in_clause
    from okg.extract.roles import read_acts, reread_acts
    from okg.extract.text import analyse

    lex = lexicon()
    body = analyse(
        "本报讯 3月5日，县委书记张明华到城关镇调研。他强调，要抓好春耕生产。县长李红梅主持召开常务会议，"
        "她指出，要做好防汛准备。随后，张明华来到县医院，慰问一线医护人员。他要求，要保障群众健康。",
        get_engine("hanlp"),
    )
    names = [(c, names_in_clause(c, body, lex, frozenset())) for s in body.sentences for c in s.clauses]
    whole = _walked(read_acts(names, lex))
    named = [i for i, (_, ms) in enumerate(names) if ms]
    assert len(named) >= 3 and any("role.pronoun" == a[3] for a in whole[0])
    for i in named:
        without = names[:i] + [(names[i][0], [])] + names[i + 1:]
        assert _walked(reread_acts(read_acts(without, lex), names, {i}, lex)) == whole


def test_the_roles_of_a_remembered_predicate_are_those_read_afresh_and_the_caller_s_own():
    from okg.extract.lexicon import lexicon
    from okg.extract.roles import predicate_roles, role_words

    lex = lexicon()
    predicate = "全程陪同了省委书记到城关镇调研"
    fresh = role_words(lex.compact_predicate(predicate), lex)
    first = predicate_roles(predicate, lex)
    assert first == fresh and first[0] == {"ACCOMPANIED"}
    first[0].discard("ACCOMPANIED")  # what _accompanied does with the roles it is given
    first[1].clear()
    assert predicate_roles(predicate, lex) == fresh
    assert predicate_roles(predicate, lex, None) == role_words(lex.compact_predicate(predicate), lex, None)
