"""What `okg extract` reads from a news item: people, posts, roles, events, places and evidence.

Every test runs the real pipeline with the real HanLP engine on a short item written for the test.
"""

import pytest

from okg.extract.pipeline import article_id, extract_text


def one(text, **kw):
    articles = extract_text(text, **kw)
    assert len(articles) == 1, [a.title for a in articles]
    return articles[0]


def positions(article):
    return {(p.person, p.title, p.org) for p in article.positions}


def roles(article):
    return {(p.person, r.value) for e in article.events for p in e.participants for r in p.roles}


def targets(article):
    return {(i.person, i.target) for e in article.events for i in e.inspected}


MEETING = (
    "本报讯 5月6日，全县安全生产工作会议召开。县委书记周建军出席并讲话，县委副书记、县长陈立新主持会议。"
    "县领导王海、刘芳、赵国庆等参加会议。\n"
    "周建军强调，要压实安全生产责任。\n陈立新要求，各乡镇要迅速行动。"
)


def test_a_company_s_executives_are_persons_with_their_titles():
    article = one("本报讯 5月8日，城东污水处理厂项目举行开工仪式。市长林海，远景置业副总裁宋明杰，中建三局总监周立等出席开工仪式。")
    assert {("宋明杰", "副总裁"), ("周立", "总监")} <= {(p.person, p.title) for p in article.positions}
    assert {("宋明杰", "ATTENDED"), ("周立", "ATTENDED")} <= roles(article)
    # a company's name the tagger takes for a person's, before its 集团, is the body's
    listed = one("本报讯 5月8日，项目举行开工仪式。市长林海、远景置业副总裁宋明杰、华建集团总监周立出席开工仪式。")
    assert {p.name for p in listed.persons} == {"林海", "宋明杰", "周立"}


def test_a_title_chain_gives_each_title_its_org():
    article = one(MEETING)
    assert ("陈立新", "副书记", "县委") in positions(article)
    assert ("陈立新", "县长", None) in positions(article)
    assert ("周建军", "书记", "县委") in positions(article)


def test_the_org_prefix_is_carried_along_a_chain():
    article = one("本报讯 4月2日，市委常委、宣传部部长黄晓明到我县调研文化工作。")
    assert ("黄晓明", "常委", "市委") in positions(article)
    assert ("黄晓明", "部长", "市委宣传部") in positions(article)


def test_concurrent_posts_joined_by_jian_are_two_positions_and_the_village_is_carried():
    article = one("会上，城关镇东街村党支部书记兼村委会主任马小兵作了交流发言。")
    assert ("马小兵", "书记", "城关镇东街村党支部") in positions(article)
    assert ("马小兵", "主任", "东街村村委会") in positions(article)
    assert ("马小兵", "SPOKE") in roles(article)


def test_a_group_label_is_no_position_and_everyone_listed_attends():
    article = one(MEETING)
    for name in ("王海", "刘芳", "赵国庆"):
        assert (name, "ATTENDED") in roles(article)
        assert not any(p.person == name for p in article.positions)


def test_chair_speakers_and_a_speaker_in_a_later_paragraph_keep_the_event():
    article = one(MEETING)
    assert article.events[0].type.value == "meeting"
    assert article.events[0].name == "全县安全生产工作会议"
    assert {("陈立新", "CHAIRED"), ("陈立新", "SPOKE"), ("周建军", "SPOKE"), ("周建军", "ATTENDED")} <= roles(article)
    assert ("周建军", "CHAIRED") not in roles(article)


def test_a_passive_chair_and_a_title_before_a_list():
    article = one("本报讯 9月1日，县政府召开常务会议。会议由县长赵立新主持，副县长孙红梅、周涛出席会议。")
    assert ("赵立新", "CHAIRED") in roles(article)
    assert {("孙红梅", "ATTENDED"), ("周涛", "ATTENDED")} <= roles(article)


def test_an_inspection_with_targets_companions_and_a_pronoun():
    article = one(
        "本报讯 7月12日，县委常委、常务副县长王建国深入城关镇东关村、西街社区调研乡村振兴工作。"
        "县农业农村局局长刘志强、城关镇党委书记陈丽陪同。\n"
        "在东关村蔬菜大棚，王建国详细了解蔬菜种植情况。他强调，要壮大村集体经济。"
    )
    event = article.events[0]
    assert event.type.value == "inspection"
    assert ("王建国", "常务副县长", None) in positions(article)
    assert {("王建国", "INSPECTED"), ("王建国", "SPOKE"), ("刘志强", "ACCOMPANIED"), ("陈丽", "ACCOMPANIED")} <= roles(article)
    assert {("王建国", "城关镇东关村"), ("王建国", "西街社区"), ("王建国", "东关村蔬菜大棚")} <= targets(article)
    assert ("刘志强", "局长", "县农业农村局") in positions(article)


def test_accompanied_in_the_passive_form():
    article = one("本报讯 6月3日，市长李强在县委书记张明的陪同下到开发区检查安全生产工作。")
    assert ("张明", "ACCOMPANIED") in roles(article)
    assert ("李强", "INSPECTED") in roles(article)


def test_guided_and_a_visiting_group():
    article = one("本报讯 3月9日，全县脱贫攻坚推进会召开。市督导组组长韩梅一行到会指导。")
    assert {("韩梅", "GUIDED"), ("韩梅", "ATTENDED")} <= roles(article)
    assert ("韩梅", "组长", "市督导组") in positions(article)


def test_a_cited_national_leader_has_no_role():
    article = one(
        "本报讯 3月31日，全县干部培训班开班。县委书记王平出席并讲话。"
        "王平指出，要深入学习习近平总书记考察调研本省重要指示精神。"
    )
    assert "习近平" in {p.name for p in article.persons}
    assert not any(person == "习近平" for person, _ in roles(article))
    assert ("王平", "SPOKE") in roles(article)
    assert article.events[0].type.value == "training"


def test_places_with_kinds_and_containment():
    article = one("本报讯 8月8日，副县长刘军到河西镇柳树村检查防汛工作。")
    places = {(p.name, p.kind.value, p.parent) for p in article.places}
    assert ("河西镇", "town", None) in places
    assert ("柳树村", "village", "河西镇") in places


def test_places_listed_after_a_contained_place_share_its_parent():
    article = one("近日，县委书记王军带队赴浙江省杭州市考察学习，先后到杭州市余杭区、临平区学习数字经济发展经验。")
    places = {(p.name, p.kind.value, p.parent) for p in article.places}
    assert {("杭州市", "city", "浙江省"), ("余杭区", "county", "杭州市"), ("临平区", "county", "杭州市")} <= places


def test_a_supermarket_is_a_venue_not_a_city():
    article = one("本报讯 1月5日，县长孙伟到城南超市检查市场供应。")
    assert not any(p.kind.value == "city" and p.name.endswith("超市") for p in article.places)
    assert ("孙伟", "城南超市") in targets(article)


def test_a_venue_and_sub_venues():
    article = one(
        "本报讯 2月1日，全县经济工作会议召开。县长许明主持会议。"
        "会议以视频形式召开，主会场设在县政府三楼会议室，各乡镇设分会场。"
    )
    assert "县政府三楼会议室" in article.events[0].venues


def test_dates_become_iso_when_the_year_is_known():
    assert one(MEETING, date="2023-05-07").events[0].date == "2023-05-06"
    assert one(MEETING).events[0].date == "5月6日"


def test_every_fact_points_into_the_original_input():
    # an OCR'd column: lines wrapped mid-word, blank lines between them, spaces in the date
    text = "本报讯 5 月 6 日，全县安全生\n\n产工作会议召开。县委书记周\n\n建军出席并讲话，县长李四主\n\n持会议。"
    article = one(text)
    person = next(p for p in article.persons if p.name == "周建军")
    ev = person.evidence[0]
    assert ev.article == article.id
    assert text[ev.start:ev.end].replace("\n", "") == "周建军"
    assert ev.engine == "hanlp" and 0 < ev.confidence <= 1
    position = next(p for p in article.positions if p.person == "周建军")
    assert "县委书记" in text[position.evidence[0].start:position.evidence[0].end]


def test_traditional_script_is_read_and_offsets_still_point_into_it():
    text = "本報訊 5月6日，全縣安全生產工作會議召開。縣委書記周建軍出席並講話。"
    article = one(text)
    assert article.script == "traditional"
    assert ("周建军", "书记", "县委") in positions(article)
    ev = next(p for p in article.persons if p.name == "周建军").evidence[0]
    assert text[ev.start:ev.end] == "周建軍"


def test_the_same_text_gives_the_same_id():
    assert one(MEETING).id == one(MEETING).id == article_id(one(MEETING).body)
    assert one(MEETING).id != one(MEETING.replace("5月6日", "5月7日")).id


def test_home_county_is_given_or_inferred():
    assert one(MEETING, home="绛县").home == "绛县"
    inferred = one("本报讯 5月6日，我县召开会议。县长王五在绛县宾馆主持会议，强调绛县要加快发展。")
    assert inferred.home == "绛县"


@pytest.mark.parametrize("text", ["", "   ", "hello world", "1234"])
def test_text_without_chinese_gives_nothing(text):
    assert extract_text(text) == []


def test_names_the_tagger_cuts_or_splits_are_read_whole():
    # rare given names: a tagger may read 余瑶|新 or 温顺|茂 (温顺 is a word) or 华毅|才 (才 an adverb)
    article = one(
        "本报讯 6月2日，全县防汛工作会议召开。县委书记温顺茂出席并讲话，县长余瑶新主持会议。"
        "县领导东方玲、华毅才、辛弘涛等参加会议。会上，县水利局局长周敏作交流发言。"
    )
    names = {p.name for p in article.persons}
    assert {"温顺茂", "余瑶新", "东方玲", "华毅才", "辛弘涛", "周敏"} <= names
    assert not names & {"温顺", "余瑶", "华毅", "周敏作"}


def test_an_agency_whose_name_holds_a_verb_keeps_its_whole_name():
    article = one(
        "本报讯 5月6日，全县会议召开。县退役军人事务局局长张三出席会议。"
        "会上，城关镇党委书记李四、县市场监督管理局局长王五作交流发言。"
    )
    assert ("张三", "局长", "县退役军人事务局") in positions(article)
    assert ("王五", "局长", "县市场监督管理局") in positions(article)
    assert {("张三", "ATTENDED"), ("李四", "SPOKE"), ("王五", "SPOKE")} <= roles(article)


def test_a_former_post_is_not_a_position_and_a_dateline_credit_names_the_reporters():
    article = one("本报讯（记者 王小明 通讯员 李华）11月3日，县委书记张强主持召开县委常委会会议。原县委书记刘明列席会议。")
    assert ("张强", "书记", "县委") in positions(article)
    assert not any(p.person == "刘明" for p in article.positions)
    assert ("刘明", "ATTENDED") in roles(article)
    assert [r.name for r in article.reporters] == ["王小明", "李华"]
    assert article.events[0].name == "县委常委会会议"


def test_two_leaders_moving_together_both_inspect_every_site():
    article = one(
        "本报讯 3月9日，全县项目建设观摩推进会召开。县委书记郑宏、县长刘洋带领观摩团先后来到经济开发区和城南新区，"
        "实地观摩了10个重点项目。"
    )
    for person in ("郑宏", "刘洋"):
        assert {(person, "经济开发区"), (person, "城南新区")} <= targets(article)


def test_a_title_glued_to_a_name_by_the_tagger_and_a_deputy_of_the_same_body():
    # the tagger reads 组组|长孙|斌 (长孙 is a surname too); 副组长 after 组长 is of the same group
    article = one("本报讯 6月1日，市委第三巡察组组长孙斌、副组长周洁到我县开展巡察工作。县委书记王军主持会议并作表态发言。")
    assert ("孙斌", "组长", "市委第三巡察组") in positions(article)
    assert ("周洁", "副组长", "市委第三巡察组") in positions(article)
    assert {("孙斌", "INSPECTED"), ("周洁", "INSPECTED"), ("王军", "CHAIRED")} <= roles(article)
    assert article.events[0].type.value == "inspection"
    assert not targets(article)  # 到我县 names the jurisdiction, not a site


def test_people_named_after_the_role_word():
    article = one(
        "本报讯 7月1日，市长李强到我县调研。陪同调研的有县委书记张明、县长王刚。"
        "出席座谈会的还有县领导王海、刘芳。"
    )
    assert {("张明", "ACCOMPANIED"), ("王刚", "ACCOMPANIED"), ("王海", "ATTENDED"), ("刘芳", "ATTENDED")} <= roles(article)
    assert ("王海", "ACCOMPANIED") not in roles(article)


def test_event_types_by_the_keyword_that_ends_the_name():
    from okg.extract.events import event_type
    from okg.extract.lexicon import lexicon

    kinds = {text: event_type(text, lexicon())[0] for text in (
        "全县抓党建促基层治理能力提升动员暨培训会议", "培训班开班", "县文化馆揭牌仪式",
        "市长李强到我县调研社会治理工作",  # 社会 holds 会, but this is an inspection
        "走访慰问困难党员",
    )}
    assert list(kinds.values()) == ["meeting", "training", "meeting", "inspection", "visit"]


def test_a_ceremony_and_its_presenters():
    article = one("本报讯 9月9日，县文化馆揭牌仪式举行。副县长陈静为文化馆揭牌并致辞，县委书记王军为先进代表颁奖。")
    assert article.events[0].name == "县文化馆揭牌仪式"
    assert {("陈静", "ATTENDED"), ("陈静", "SPOKE"), ("王军", "ATTENDED")} <= roles(article)


def test_a_web_item_with_a_publication_line_dates_its_event_in_that_year():
    article = one(
        "县长李明调研春耕生产工作\n"
        "发布时间：2023-04-02 10:30 来源：某某县人民政府办公室\n"
        "4月1日，县长李明深入城关镇、河西乡调研春耕生产工作，副县长王芳陪同。\n"
        "（记者 张三 通讯员 李四）\n"
    )
    assert article.title == "县长李明调研春耕生产工作"
    assert (article.date, article.events[0].date) == ("2023-04-02", "2023-04-01")
    assert [r.name for r in article.reporters] == ["张三", "李四"]
    assert {("李明", "城关镇"), ("李明", "河西乡")} <= targets(article)


# --- read the way county news is written, beyond the seed's page ------------------------------------

VISIT = (
    "本报讯 11月20日，市委书记王建国到我县调研乡村振兴工作。市委常委、秘书长陈静，副市长赵明、孙立军参加调研。"
    "县委书记张伟，县委副书记、县长李红梅陪同。\n"
    "王建国一行先后来到城关镇东关村、河口镇新华村和县经济开发区，实地察看了蔬菜大棚。\n"
    "在随后召开的座谈会上，王建国听取了我县工作汇报并讲话。他强调，要坚持以人民为中心的发展思想。"
)


def test_a_title_before_a_list_of_bare_names_is_each_ones():
    article = one(VISIT)
    assert {("赵明", "副市长", None), ("孙立军", "副市长", None)} <= positions(article)
    # a group label before a list is still no position
    assert not any(p.person in ("王海", "刘芳") for p in one(MEETING).positions)


def test_the_meeting_an_inspector_speaks_at_is_no_inspection_target():
    article = one(VISIT)
    assert {("王建国", "城关镇东关村"), ("王建国", "河口镇新华村"), ("王建国", "县经济开发区")} == targets(article)


def test_a_conjunction_and_the_next_word_are_not_read_as_a_county():
    places = {(p.name, p.kind.value) for p in one(VISIT).places}
    assert ("和县", "county") not in places
    assert {("东关村", "village"), ("新华村", "village")} <= places


def test_a_phrase_that_opens_with_a_preposition_or_a_verb_is_no_agency():
    inspection = one(
        "本报讯 11月8日，省人大常委会副主任刘志强带领执法检查组来我县开展执法检查。县人大常委会主任马永福陪同检查。"
        "检查组一行深入青山镇污水处理厂、县城垃圾填埋场等地，实地检查土壤污染防治工作。"
    )
    names = {o.name for o in inspection.organizations}
    assert "带领执法检查组" not in names and "执法检查组" in names
    assert not any(o.name.startswith("以") for o in one(VISIT).organizations)


def test_a_group_moving_on_its_own_inspects_for_the_leader_who_led_it():
    article = one(
        "本报讯 11月8日，省人大常委会副主任刘志强带领执法检查组来我县开展执法检查。县人大常委会主任马永福陪同检查。"
        "检查组一行深入青山镇污水处理厂、县城垃圾填埋场等地，实地检查土壤污染防治工作。"
    )
    assert {("刘志强", "青山镇污水处理厂"), ("刘志强", "县城垃圾填埋场")} <= targets(article)


def test_names_gathered_before_a_subject_on_the_move_go_with_it():
    article = one(
        "春节前夕，县委书记张伟，县委副书记、县长李红梅分别带队深入城关镇、石桥乡，走访慰问困难群众。"
        "在石桥乡石桥村困难党员王大山家中，张伟详细询问了老人的生活情况。"
    )
    assert {("张伟", "INSPECTED"), ("李红梅", "INSPECTED")} <= roles(article)
    assert {("张伟", "城关镇"), ("李红梅", "石桥乡")} <= targets(article)
    # a household visited: the target is the village it is in
    assert ("张伟", "石桥乡石桥村") in targets(article)
    assert not any("家中" in t for _, t in targets(article))


def test_a_name_the_recognizer_glued_to_a_verb_and_a_body_is_read():
    article = one(
        "本报讯 9月5日，市政协主席孙建华带领市政协视察组来我县视察政协工作。县委书记张伟陪同视察。"
        "视察组一行先后深入县第一中学、县人民医院，实地了解教育、医疗发展情况。"
    )
    assert ("孙建华", "主席", "市政协") in positions(article)
    assert ("孙建华", "INSPECTED") in roles(article)
    assert article.events[0].name == "视察政协工作"
    assert {("孙建华", "县第一中学"), ("孙建华", "县人民医院")} <= targets(article)
    assert not any("孙建华" in o.name for o in article.organizations)


def test_an_agency_after_a_level_word_keeps_its_first_character():
    """县乡村振兴局: the segmenter reads 县乡 (county and township) as a word and leaves 村振兴局."""
    article = one("本报讯 5月6日，县长王立新深入柳林镇调研。县农业农村局、县乡村振兴局主要负责同志陪同调研。")
    names = {o.name for o in article.organizations}
    assert {"县农业农村局", "县乡村振兴局"} <= names
    assert "村振兴局" not in names
    school = one("本报讯 5月6日，在冯堡镇便民服务中心、河水乡中心学校等3处，县长王立新实地察看。")
    assert "河水乡" in {p.name for p in school.places}  # 河水|乡|中心学校: 乡 stays the town's


def test_a_town_cut_before_its_level_character_is_a_town_not_a_county():
    """柳林|镇东坡|村: 柳林 is also a county's name; here it is the town 柳林镇, with the village 东坡村."""
    article = one("本报讯 5月6日，县长王立新深入柳林镇东坡村、西坡村，实地调研乡村振兴工作。")
    places = {(p.name, p.kind) for p in article.places}
    assert {("柳林镇", "town"), ("东坡村", "village"), ("西坡村", "village")} <= places
    assert not any(kind == "county" for _, kind in places)
    # the inspection word stands in a clause whose subject goes on from the clause before
    assert article.events[0].name == "调研乡村振兴工作"


def test_a_lecturer_with_an_academic_title_speaks_at_a_group_study():
    article = one(
        "本报讯 7月2日，县委理论学习中心组举行2023年第六次集体学习。县委书记解芳主持并讲话。"
        "省委党校教授周文华作专题辅导报告。县委副书记、县长李翔等县级领导参加学习。"
    )
    assert article.events[0].type == "training"
    assert ("周文华", "教授", "省委党校") in positions(article)
    assert ("周文华", "SPOKE") in roles(article)


def test_a_list_after_chu_xi_de_hai_you_goes_on_across_commas():
    article = one(
        "本报讯 1月6日，县第十八届人民代表大会第三次会议开幕。大会主席团常务主席王建民主持会议。"
        "出席会议的还有县委副书记刘芳，县人大常委会副主任张军、李红，县政协主席赵丽。"
    )
    assert {("刘芳", "ATTENDED"), ("张军", "ATTENDED"), ("李红", "ATTENDED"), ("赵丽", "ATTENDED")} <= roles(article)
    assert ("张军", "副主任", "县人大常委会") in positions(article)
    report = one("本报讯 1月6日，县人代会开幕。县长李翔代表县人民政府向大会作政府工作报告。")
    assert ("李翔", "县长", None) in positions(report)  # 县长李翔代表县人民政府 was one organization
    assert ("李翔", "SPOKE") in roles(report)  # whom he speaks for does not push 报告 out of reach
    assert "县人民政府" in {o.name for o in report.organizations}
    # the list ends where a clause says more than names: 李翔 reports (and so attends) on his own
    other = one("本报讯 1月6日，全县工作会议召开。出席会议的还有县委副书记刘芳，县长李翔作报告。")
    assert {("刘芳", "ATTENDED"), ("李翔", "SPOKE")} <= roles(other)


def test_companions_listed_across_commas_accompany_and_the_group_inspects_for_its_leader():
    article = one(
        "本报讯 9月12日，省农业农村厅副厅长韩卫东一行来我县调研农业产业化发展工作。"
        "在副市长冯建国，县委副书记、县长李翔的陪同下，调研组一行先后深入古绛镇、卫庄镇，实地察看了现代农业示范园区。"
    )
    assert {("冯建国", "ACCOMPANIED"), ("李翔", "ACCOMPANIED")} <= roles(article)
    assert ("冯建国", "INSPECTED") not in roles(article) and ("李翔", "INSPECTED") not in roles(article)
    assert {("韩卫东", "古绛镇"), ("韩卫东", "卫庄镇")} <= targets(article)
    assert not any(target.endswith("冯建国") for _, target in targets(article))


def test_a_verb_read_with_a_level_committee_is_no_organization():
    article = one("本报讯 10月9日，县委书记解芳主持召开县委常委会会议，传达学习省委、市委有关会议精神。")
    assert not any(o.name.startswith("学习") for o in article.organizations)


def test_a_site_named_after_an_inspection_word_is_a_whole_target():
    article = one(
        "本报讯 2月25日，副县长赵明深入冷口乡督导检查森林防火工作。"
        "赵明一行先后来到冷口乡沟西村森林防火检查站、烟庄乡护林防火值班室，详细了解值班值守情况。"
    )
    assert {("赵明", "冷口乡沟西村森林防火检查站"), ("赵明", "烟庄乡护林防火值班室")} <= targets(article)


def test_a_surname_with_a_word_of_address_is_nobody():
    article = one("本报讯 1月18日，县委书记解芳走访慰问困难群众。在东关村困难党员张大爷家中，解芳详细询问了老人的生活情况。")
    assert {p.name for p in article.persons} == {"解芳"}
    assert ("解芳", "东关村") in targets(article)


def test_a_clause_opened_by_kai_zhan_goes_on_with_the_subject_and_a_town_that_sent_the_item_is_no_reporter():
    article = one(
        "本报讯 近日，卫庄镇党委书记孙丽、镇长吴刚带领镇村干部深入田间地头，开展秸秆禁烧巡查。"
        "孙丽要求，各村要落实网格化管理责任。（卫庄镇供稿）"
    )
    assert {("孙丽", "INSPECTED"), ("吴刚", "INSPECTED")} <= roles(article)
    assert article.reporters == []
    assert "卫庄镇" not in {p.name for p in article.persons}


def test_an_inspection_spoken_of_is_not_made():
    article = one(
        "本报讯 3月20日，县委第一轮巡察工作动员部署会召开。县委常委、组织部部长郭强主持会议。"
        "会上，县委第一巡察组组长宋涛宣读了巡察工作安排。"
    )
    assert ("宋涛", "SPOKE") in roles(article)
    assert ("宋涛", "INSPECTED") not in roles(article)


def test_deputies_on_a_viewing_go_for_their_leader_and_a_verb_read_with_some_cities_is_no_city():
    article = one(
        "本报讯 9月6日，县人大常委会主任王建民带领部分市、县人大代表，视察我县重点项目建设情况。"
        "代表们先后来到县城污水处理厂提标改造项目、城东棚户区改造项目现场，听取项目负责人介绍。"
    )
    assert ("王建民", "县城污水处理厂提标改造项目") in targets(article)
    assert article.places == []  # not 带领部分市 (a city), not 棚户区 (a district)


def test_a_talk_given_to_the_people_addressed_is_the_subjects():
    article = one(
        "本报讯 7月1日，县委书记解芳深入所包联的横水镇西灌底村，以“坚定理想信念”为题，为村党员干部讲授专题党课。"
        "横水镇党委书记杨洋陪同。"
    )
    assert ("解芳", "SPOKE") in roles(article)
    assert ("杨洋", "ACCOMPANIED") in roles(article)


def test_a_report_heard_is_not_spoken():
    heard = one("本报讯 4月3日，市委书记高建军来我县调研。在随后召开的座谈会上，高建军听取了我县工作汇报。")
    assert ("高建军", "SPOKE") not in roles(heard)
    spoke = one("本报讯 4月3日，市委书记高建军来我县调研。在随后召开的座谈会上，高建军听取了我县工作汇报并讲话。")
    assert ("高建军", "SPOKE") in roles(spoke)


def test_a_training_is_named_without_where_it_opened_and_an_inspection_with_its_kind():
    training = one("本报讯 5月8日，全县乡村振兴专题培训班在县委党校开班。县委常委、组织部部长郭强作动员讲话。")
    assert training.events[0].name == "全县乡村振兴专题培训班"
    assert training.events[0].venues == ["县委党校"]
    inspection = one("本报讯 11月8日，省人大常委会副主任刘志强带领执法检查组来我县开展执法检查。")
    assert inspection.events[0].name == "执法检查"


def test_a_known_name_the_tagger_glued_to_the_next_word_still_speaks():
    # the tagger reads 张|伟在|讲话中指出: 张伟, known from the lead, is still the one who spoke,
    # and 他 then refers back to him, not to the people listed before
    article = one(
        "本报讯 7月18日，全县推进会召开。县委书记张伟出席会议。副县长吴斌、刘晓燕出席会议。\n"
        "张伟在讲话中指出，巩固拓展脱贫攻坚成果是当前的首要任务。他要求，各级各部门要压实工作责任。"
    )
    assert ("张伟", "SPOKE") in roles(article)
    assert ("吴斌", "SPOKE") not in roles(article) and ("刘晓燕", "SPOKE") not in roles(article)


def test_a_working_group_the_tagger_cut_before_its_title_is_still_the_org():
    article = one(
        "本报讯 6月3日，省委第八巡视组巡视我县工作动员会召开。省委第八巡视组组长周建国作动员讲话，"
        "副组长许丽丽及巡视组全体成员出席会议。县委书记张伟主持会议。"
    )
    assert ("周建国", "组长", "省委第八巡视组") in positions(article)
    assert not any(o.name.startswith("及") for o in article.organizations)


def test_the_people_an_inspector_went_with_are_no_targets():
    article = one(
        "本报讯 4月2日，在县委书记张伟、县长李红梅的陪同下，市委书记王建国深入我县光明乡、红旗镇调研春耕备耕工作。"
    )
    assert {("王建国", "光明乡"), ("王建国", "红旗镇")} == targets(article)
    assert {("张伟", "ACCOMPANIED"), ("李红梅", "ACCOMPANIED")} <= roles(article)


def test_a_deputy_later_in_the_sentence_is_of_the_same_body_and_listed_people_share_a_far_verb():
    article = one(
        "本报讯 8月29日，县第十八届人大常委会第十二次会议召开。县人大常委会主任刘洪主持会议，副主任孙红、钱进出席会议。"
        "副县长陈刚，县人民法院、县人民检察院负责同志列席会议。"
    )
    assert {("孙红", "副主任", "县人大常委会"), ("钱进", "副主任", "县人大常委会")} <= positions(article)
    assert ("陈刚", "副县长", None) in positions(article)
    assert ("陈刚", "ATTENDED") in roles(article)


def test_a_leader_who_leads_a_team_and_then_checks_object_first_inspects():
    article = one(
        "本报讯 9月8日，县委副书记王刚带队采取“四不两直”方式，对城关镇、西岭镇部分企业安全生产工作进行检查。"
        "县应急管理局局长赵强参加检查。\n王刚一行先后来到城关镇宏达建材公司、西岭镇鑫盛加油站，详细检查消防设施配备情况。"
    )
    assert ("王刚", "INSPECTED") in roles(article) and ("赵强", "INSPECTED") not in roles(article)
    assert {("王刚", "城关镇宏达建材公司"), ("王刚", "西岭镇鑫盛加油站")} <= targets(article)


def test_a_ceremony_chaired_in_the_passive_and_a_leader_who_announces_it():
    article = one("本报讯 3月16日，重点项目集中开工仪式举行。县委书记张伟宣布项目开工。仪式由副县长陈刚主持。")
    assert {("张伟", "ATTENDED"), ("陈刚", "CHAIRED")} <= roles(article)


def test_a_leader_receiving_petitioners_is_present():
    article = one("本报讯 9月15日，县长李红梅在县信访接待中心接待来访群众，面对面倾听群众诉求。")
    assert ("李红梅", "ATTENDED") in roles(article)


def test_names_that_are_also_common_words_in_a_list_or_after_a_title():
    article = one("本报讯 10月25日，县政协召开常委会议。县政协主席周国平主持会议。县政协副主席田文、白雪、马骏，秘书长常青出席会议。")
    assert {("白雪", "副主席", "县政协"), ("马骏", "副主席", "县政协"), ("常青", "秘书长", None)} <= positions(article)
    assert {("白雪", "ATTENDED"), ("常青", "ATTENDED")} <= roles(article)
    # after a group label a common word stays one: 县领导干部 names nobody
    assert "干部" not in {p.name for p in one("本报讯 5月6日，全县大会召开。县领导干部参加会议。县委书记周建军出席并讲话。").persons}


def test_a_quoted_remark_is_speaking():
    article = one("本报讯 11月16日，省农业农村厅副厅长郭伟率调研组来我县调研。郭伟说，我县高标准农田建设成效明显。")
    assert ("郭伟", "SPOKE") in roles(article)


def test_sites_named_like_people_or_counties_stay_sites():
    article = one(
        "本报讯 7月10日，县委书记张伟冒雨督导检查防汛工作。张伟先后来到白河大桥、李家湾水库等重点部位，详细了解水位变化情况。"
        "他强调，要严格落实值班值守制度。"
    )
    assert "李家湾" not in {p.name for p in article.persons}
    assert ("白河", "county") not in {(p.name, p.kind.value) for p in article.places}
    assert {("张伟", "白河大桥"), ("张伟", "李家湾水库")} <= targets(article)
    assert ("张伟", "SPOKE") in roles(article)


def test_credits_left_in_the_text_are_the_items_reporters():
    # 本报讯 记者 X 4月1日 and （通讯员 A B） stand in the text, their names set apart by spaces
    article = one("本报讯 记者 王小明 4月1日，县长李翔出席全县安全生产工作会议并讲话。（通讯员 张华 刘芳）")
    assert {r.name for r in article.reporters} == {"王小明", "张华", "刘芳"}
    assert {"王小明", "张华", "刘芳"} <= {p.name for p in article.persons}
    assert all(e.rule == "reporter.credit" for r in article.reporters for e in r.evidence)
    # a document's version in brackets after its title is no credit
    drafted = one("本报讯 3月21日，县长李翔主持召开常务会议。会议审议《政府工作报告》(修改稿)。")
    assert drafted.reporters == [] and {p.name for p in drafted.persons} == {"李翔"}
    # a place set in a credit is no reporter
    placed = one("本报讯 4月1日，县长李翔出席全县安全生产工作会议并讲话。（王村镇 辛小丽）")
    assert {r.name for r in placed.reporters} == {"辛小丽"}


def test_a_reporter_glued_to_his_word_before_the_next_credit_and_an_outlet_s_reporter_are_reporters():
    glued = one("本报讯 特约记者周然、通讯员程小钊报道：10月26日，县长郑华看望慰问环卫工人。")
    assert {r.name for r in glued.reporters} == {"周然", "程小钊"}
    outlet = one("东南网10月27日讯（通讯员 陈欣 沈冬梅 东南网记者 张恩明 文/图）10月26日，县长黄华看望慰问环卫工人。")
    assert {r.name for r in outlet.reporters} == {"陈欣", "沈冬梅", "张恩明"}


def test_the_reviewers_named_after_the_text_are_persons():
    article = one("本报讯 5月2日，县长王海主持召开会议。\n(一审:彭俊 ;二审:曾科;三审:杨栋梁)\n终审:陈明\n")
    assert {"彭俊", "曾科", "杨栋梁", "陈明"} <= {p.name for p in article.persons}


def test_a_photographer_after_a_paragraph_and_an_author_among_metadata_are_reporters():
    photo = one("本报讯 4月1日，县长李翔出席全县安全生产工作会议并讲话。 赵海峰 摄\n")
    assert {r.name for r in photo.reporters} == {"赵海峰"}
    author = one("全县安全生产工作会议召开\n刊发日期:2024-04-01 阅读次数: 作者:钱思远  语音阅读\n"
                 "本报讯 4月1日，县长李翔出席全县安全生产工作会议。")
    assert {r.name for r in author.reporters} == {"钱思远"}
    # 拍摄 is a word, not a credit; the names of an item in traditional script are simplified, as its body's
    assert one("本报讯 4月1日，县长李翔出席会议，并进行拍摄。").reporters == []
    traditional = one("本報訊 4月1日，縣長李翔出席全縣安全生產工作會議並講話。 張海峰 攝\n")
    assert {r.name for r in traditional.reporters} == {"张海峰"}


def test_a_given_name_with_tongzhi_is_the_person_named_in_full():
    article = one(
        "本报讯 3月2日上午，县委常委、宣传部部长李小明召开文明创建工作推进会，副县长周建国主持会议。"
        "小明同志指出，要压实工作责任。会后，小明、建国同志分别带队，实地督导检查创建工作。"
    )
    assert {p.name for p in article.persons} == {"李小明", "周建国"}
    assert {("李小明", "SPOKE"), ("李小明", "INSPECTED"), ("周建国", "INSPECTED")} <= roles(article)


def test_an_inspection_after_a_meeting_is_an_event_of_its_own():
    article = one(
        "本报讯 5月6日上午，全县安全生产工作会议召开。县委书记周建军出席并讲话，县长陈立新主持会议。\n"
        "会后，周建军带队深入城关镇，现场督导检查安全生产工作。副县长王海陪同。"
    )
    meeting, inspection = article.events
    assert (meeting.type, inspection.type) == ("meeting", "inspection")
    assert [e.id for e in article.events] == [f"{article.id}-e1", f"{article.id}-e2"]
    assert {p.person for p in meeting.participants} == {"周建军", "陈立新"}
    assert {(p.person, r.value) for p in inspection.participants for r in p.roles} >= {("周建军", "INSPECTED"), ("王海", "ACCOMPANIED")}
    assert {(i.person, i.target) for i in inspection.inspected} == {("周建军", "城关镇")}
    # a visit that goes on (随后 … 察看) stays one event
    visit = one("本报讯 3月25日，市委常委赵晔到我县督导检查疫情防控工作。随后，赵晔来到横水镇西灌底村卡口，实地察看。")
    assert len(visit.events) == 1


@pytest.mark.parametrize("text, names", [
    ("区领导禤志刚、李明、王强出席会议。", ("禤志刚", "李明", "王强")),  # a surname the lexicon lacks
    ("县领导占国华、刘芳出席会议。", ("占国华", "刘芳")),
    ("副县长庹华、张伟陪同检查。", ("庹华", "张伟")),
])
def test_the_first_name_of_a_list_is_read_whatever_its_surname(text, names):
    article = one(text)
    assert {p.name for p in article.persons} >= set(names)
    assert {(n, "ATTENDED") for n in names} <= roles(article)


@pytest.mark.parametrize("text", ["县领导干部、党员、群众代表参加会议。", "市领导检查、指导了防汛工作。"])
def test_a_list_of_common_words_after_a_group_label_names_no_one(text):
    assert [p.name for p in one(text).persons] == []


@pytest.mark.parametrize("text, name", [
    ("县长许健率县党政考察团赴外地考察。", "许健"),  # the tagger reads 许健率县党政考察团 as one body
    ("市长刘小平率队检查。", "刘小平"),
    ("县长王建国率团到深圳考察。", "王建国"),
])
def test_lu_glued_to_a_name_leads_as_dailing_does(text, name):
    article = one(text)
    assert [p.name for p in article.persons] == [name]
    assert (name, "ATTENDED") in roles(article)


def test_lu_inside_a_word_cuts_nothing():
    assert [p.name for p in one("县政府办公室提高行政效率工作会议召开。").persons] == []


@pytest.mark.parametrize("text, position", [
    ("区委龙小艾书记出席晚会。", ("龙小艾", "书记", "区委")),  # the tagger cuts 龙小|艾
    ("市总工会刘向东副主席一行来我县调研。", ("刘向东", "副主席", "市总工会")),
    ("市委统战部李向荣副部长等领导出席了晚会。", ("李向荣", "副部长", "市委统战部")),  # 李|向荣
])
def test_a_body_then_a_name_then_its_title(text, position):
    article = one(text)
    assert [p.name for p in article.persons] == [position[0]]
    assert position in positions(article)
    assert (position[0], "ATTENDED") in roles(article)


def test_a_title_after_a_list_of_names_is_each_names():
    article = one("王芳、赵刚、刘强常委陪同调研。")
    assert {(n, "常委", None) for n in ("王芳", "赵刚", "刘强")} <= positions(article)


def test_a_title_after_a_name_is_not_the_next_names():
    article = one("李向荣副部长、海外联谊会会长林一栓分别讲话。")
    assert ("李向荣", "副部长", None) in positions(article)
    assert {p for p in positions(article) if p[0] == "林一栓"} == {("林一栓", "会长", "海外联谊会")}


@pytest.mark.parametrize("text", ["各级党委书记要带头落实。", "学校校长和单位主任参加培训。", "干部到村任第一书记工作。"])
def test_a_common_word_before_a_title_is_no_name(text):
    assert [p.name for p in one(text).persons] == []


@pytest.mark.parametrize("text", [
    "县委书记王明先后深入国华、高阳、盐河、天星等乡镇检查。",
    "副县长李华走访了张庄、李庄等村。",
    "深入高阳、赵县等县区调研。",
])
def test_a_list_closed_by_a_word_for_places_is_of_places(text):
    assert {p.name for p in one(text).persons} <= {"王明", "李华"}


@pytest.mark.parametrize("text, names", [
    ("县领导王五、赵六等村干部参加会议。", {"王五", "赵六"}),  # 村干部: people
    ("连日来，俞佩芬、戴翀、虞振贤等县四套班子领导走访慰问百岁老人。", {"俞佩芬", "戴翀", "虞振贤"}),  # 县 heads nothing
])
def test_a_list_closed_by_a_word_for_people_is_of_people(text, names):
    assert {p.name for p in one(text).persons} == names


def test_a_county_name_is_no_person_without_a_title_or_a_list():
    assert [p.name for p in one("彭朱刚说，海曙过去一年发展很快。").persons] == ["彭朱刚"]
    assert ("高阳", "县长", None) in positions(one("县长高阳出席会议。"))


def test_an_adverb_and_a_preposition_are_no_name():
    assert [p.name for p in one("区委领导都向他们表示慰问。").persons] == []


@pytest.mark.parametrize("text, names", [
    ("慰问组先后慰问了细氽村三组老党员王明启、瓦厂村沙厂组残疾人刘厚刚等5户困难群众。", {"王明启", "刘厚刚"}),
    ("县领导看望了困难群众李秀英和退役军人张德才。", {"李秀英", "张德才"}),
    ("他们来到低保户陈有福家中。", {"陈有福"}),
])
def test_a_name_after_a_word_describing_a_person_is_a_person(text, names):
    assert {p.name for p in one(text).persons} == names


@pytest.mark.parametrize("text", ["要帮助困难群众解决实际问题。", "让全县人民群众过上“平安年”“幸福年”。"])
def test_a_word_describing_people_before_a_verb_names_no_one(text):
    assert [p.name for p in one(text).persons] == []


@pytest.mark.parametrize("text, names", [
    ("副县长宋大鹏一行先后到大寨牛丰先、会卦郝桂花、罗村王天太等群众家中深切慰问。", {"宋大鹏", "牛丰先", "郝桂花", "王天太"}),
    ("镇党委书记李明先后来到东坡村张德才、西坡村刘秀英等困难户家中。", {"李明", "张德才", "刘秀英"}),
])
def test_each_item_of_a_list_of_people_with_their_villages_ends_in_a_name(text, names):
    assert {p.name for p in one(text).persons} == names


@pytest.mark.parametrize("text, names", [
    ("副县长王明来到石桥村王大海家中看望。", {"王明", "王大海"}),
    ("镇长李华先后走访了东坡村刘秀英、西坡村张德才。", {"李华", "刘秀英", "张德才"}),
    ("工作组到瓦厂村沙厂组刘厚刚家中慰问。", {"刘厚刚"}),
])
def test_a_name_right_after_a_village_is_a_villagers(text, names):
    assert {p.name for p in one(text).persons} == names


def test_a_place_after_a_village_is_no_name():
    assert [p.name for p in one("东坡村李家湾的道路修好了。").persons] == []


def test_a_name_the_tagger_made_a_word_heads_a_list_of_leaders_and_a_rare_surname_takes_a_title():
    article = one("本报讯 5月6日，县委副书记、县长才志刚主持召开会议。县领导高峰、孙建国参加会议。")
    names = {p.name for p in article.persons}
    assert {"才志刚", "高峰", "孙建国"} <= names


def test_a_name_like_start_of_a_market_in_a_list_of_sites_is_no_person():
    article = one("本报讯 2月25日，副县长王立新先后到东关便民市场、罗庄综合市场、华联超市进行了检查。")
    assert {p.name for p in article.persons} == {"王立新"}
    assert {i.target for e in article.events for i in e.inspected} >= {"东关便民市场", "罗庄综合市场", "华联超市"}


def test_a_fire_brigade_instructor_holds_his_title():
    article = one("本报讯 8月24日，全区安全生产工作会议召开。区消防救援大队教导员吴海涛通报近期消防工作。")
    assert ("吴海涛", "教导员") in {(p.person, p.title) for p in article.positions}


def test_a_known_name_before_the_deng_closing_a_list_is_read_whole():
    # the tagger reads 许兰平等 as 许兰|平等; 许兰平 is named in full elsewhere
    article = one(
        "本报讯 12月5日，县领导王立新、赵红、许兰平等出席仪式。县经济开发区管委会主任许兰平介绍了建设情况。"
    )
    names = {p.name for p in article.persons}
    assert "许兰平" in names and "许兰" not in names


def test_the_editor_on_duty_of_a_credit_block_is_a_person():
    article = one("本报讯 3月1日，县长李翔出席会议。\n编辑：张丽\n值班编委：刘红军")
    assert {"张丽", "刘红军"} <= {p.name for p in article.persons}


def test_zhe_after_a_verb_in_traditional_script_is_no_name_and_takes_no_role():
    article = one("本報訊 1月30日，副市長林國華帶領市直部門負責人，冒著嚴寒深入到青石鎮，走訪慰問了困難黨員。")
    assert {p.name for p in article.persons} == {"林国华"}
    assert ("林国华", "INSPECTED") in roles(article)


@pytest.mark.parametrize("text, name", [
    ("本报讯 3月5日，县政协主席颉志强出席会议。", "颉志强"),
    ("本报讯 3月5日，县委常委、统战部部长淦春华出席会议。", "淦春华"),
    ("本报讯 3月5日，旗人大常委会副主任宝山先后到两个苏木调研。", "宝山"),
])
def test_a_rare_surname_after_a_title_is_a_name(text, name):
    assert name in {p.name for p in one(text).persons}


@pytest.mark.parametrize("text, reporters, editors", [
    # two-character names spaced to the width of three, the first glued to the reporter's word
    ("(记者刘 青 何 军)6日，县长李翔出席会议。", {"刘青", "何军"}, set()),
    # a colon or a slash after the word; the outlet's reporter word before the names
    ("本报讯 县长李翔出席会议。\n记者:邓春林\n监制:胡 勇", {"邓春林"}, {"胡勇"}),
    ("本报讯 县长李翔出席会议。\n记者/马晓东\n新媒体编辑/孔蕾", {"马晓东"}, {"孔蕾"}),
    ("本报讯 县长李翔出席会议。(曲靖日报全媒体记者 黄磊/文 林芳/图)", {"黄磊", "林芳"}, set()),
    # the author before the next credit's word on the same line; the outlet in brackets after a name
    ("本报讯 县长李翔出席会议。\n撰稿:苏海涛 编辑:邵明", {"苏海涛"}, {"邵明"}),
    ("本报讯 县长李翔出席会议。\n编辑:邵明 审核人:柯文静", set(), {"邵明", "柯文静"}),
    ("本报讯 县长李翔出席会议。\n记者 杜雪梅 (丽江日报)", {"杜雪梅"}, set()),
])
def test_credit_lines_of_county_sites(text, reporters, editors):
    article = one(text)
    assert {r.name for r in article.reporters} == reporters
    assert reporters | editors <= {p.name for p in article.persons}


def test_a_name_whose_last_character_the_tagger_read_as_a_preposition_ends_at_the_comma():
    # the tagger reads 迟本用 as 迟本|用/p; no preposition closes a clause
    article = one("本报讯 6月2日，区委书记韩立，区人大常委会主任迟本用，区政协主席马红陪同调研。")
    assert {"韩立", "迟本用", "马红"} <= {p.name for p in article.persons}
    assert ("迟本用", "ACCOMPANIED") in roles(article)


def test_the_place_itself_after_a_deputy_is_no_name():
    article = one("本报讯 5月8日，省人大代表来我区开展视察。区委书记郭峰陪同。")
    assert {p.name for p in article.persons} == {"郭峰"}


def test_a_page_button_in_brackets_is_no_name():
    article = one("本报讯 5月8日，县长李翔出席会议。\n编辑:王芳\n【关闭】")
    assert {p.name for p in article.persons} == {"李翔", "王芳"}


def test_a_name_after_a_veteran_or_a_one_child_household_is_a_person():
    article = one("本报讯 1月12日，副县长赵明走访慰问了城西村老复员军人王德贵、河口村独生子女户刘玉兰。")
    assert {"王德贵", "刘玉兰"} <= {p.name for p in article.persons}


def test_a_name_of_no_known_surname_between_a_title_and_tongzhi_is_a_person():
    article = one("本报讯 近日，市委党校副校长敖登格日勒同志带领调研组赴四子王旗开展调研。")
    assert "敖登格日勒" in {p.name for p in article.persons}
    assert ("敖登格日勒", "INSPECTED") in roles(article)


def test_a_group_between_a_title_and_tongzhi_is_no_person():
    article = one("本报讯 3日，县委书记王建军带领全体同志学习党章。")
    assert {p.name for p in article.persons} == {"王建军"}


def test_a_credit_word_spaced_out_is_no_name_and_verbs_before_a_title_are_none():
    article = one(
        "本报讯 3月1日，县政协九届一次会议举行预备会议。县委书记陈立军出席会议。"
        "会议应到委员198人，实到190人。(记 者:王春燕 刘国栋)"
    )
    assert {r.name for r in article.reporters} == {"王春燕", "刘国栋"}
    assert {p.name for p in article.persons} == {"陈立军", "王春燕", "刘国栋"}


def test_evidence_read_unvalidated_is_what_validation_makes():
    from okg.facts import Article, Evidence, read_evidence

    made = read_evidence("a1", "县委书记周建军出席。", 3, 6, "hanlp", 1, "person.title")
    validated = Evidence(article="a1", sentence="县委书记周建军出席。", start=3, end=6, engine="hanlp", confidence=1, rule="person.title")
    assert made == validated and made.model_dump_json() == validated.model_dump_json()  # confidence 1.0, as validated
    assert made.model_fields_set == validated.model_fields_set
    article = one(MEETING)
    assert article.persons and all(p.evidence for p in article.persons)
    # the article's facts, its evidence made unvalidated among them, validate again to themselves
    again = Article.model_validate(article.model_dump())
    assert again == article and again.model_dump_json() == article.model_dump_json()
