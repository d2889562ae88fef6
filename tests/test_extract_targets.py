"""What was inspected or visited: the targets `okg extract` reads, on items written for the test
(real HanLP engine, real pipeline)."""

import pytest

from okg.extract.events import quoted_clauses
from okg.extract.pipeline import extract_text
from okg.extract.text import split_sentences


def one(text):
    articles = extract_text(text)
    assert len(articles) == 1, [a.title for a in articles]
    return articles[0]


def targets(article):
    return {(i.person, i.target) for e in article.events for i in e.inspected}


def kinds(article):
    return {i.target: i.target_kind for e in article.events for i in e.inspected}


def roles(article):
    return {(p.person, r.value) for e in article.events for p in e.participants for r in p.roles}


def test_the_people_visited_are_no_inspectors_and_where_they_live_is_the_target():
    article = one(
        "本报讯 1月20日，县委常委、统战部部长林海带领慰问组到石门乡慰问困难群众。"
        "王秀英是石门乡上坪村二组村民，今年79岁，慰问组到来之后，林海详细询问了她的生活情况。"
        "随后，慰问组先后慰问了上坪村二组老党员张德福、下坪村河湾组残疾人李光明等4户困难群众。"
    )
    assert {("林海", "石门乡"), ("林海", "上坪村二组"), ("林海", "下坪村河湾组")} <= targets(article)
    assert kinds(article)["上坪村二组"] == "village"
    for visited in ("王秀英", "张德福", "李光明"):
        assert not any(person == visited for person, _ in roles(article) | targets(article))
    assert not any(target.startswith("来") for _, target in targets(article))  # 到来之后: no going


def test_what_an_inspector_says_names_no_place_he_went_to():
    article = one(
        "本报讯 2月2日，县长周明到白沙镇看望慰问困难群众。"
        "周明说到“老人家，我们到您家来看看，有困难就到镇里找政府”，老人连声道谢。"
    )
    assert targets(article) == {("周明", "白沙镇")}


def test_a_place_written_short_and_in_full_is_one_target():
    article = one(
        "本报讯 县委书记吴刚到清河调研 5月8日，为推进乡村振兴，县委书记吴刚到清河镇调研乡村振兴工作。"
    )
    assert ("吴刚", "清河镇") in targets(article)
    assert ("吴刚", "清河") not in targets(article)


def test_each_site_of_a_list_looked_at_is_a_target_and_the_matter_after_it_is_not():
    article = one(
        "本报讯 3月2日上午，市委书记孙立、市长郑凯带领市四大班子领导，到大会驻地看望代表，"
        "同时察看了代表休息室、会议室和新闻中心布置情况。"
    )
    for person in ("孙立", "郑凯"):
        assert {(person, "大会驻地"), (person, "代表休息室"), (person, "会议室"), (person, "新闻中心")} <= targets(article)
    assert not any(target.endswith(("看望代表", "布置情况")) for _, target in targets(article))


def test_sites_each_in_a_clause_of_their_own_without_a_subject_are_targets_and_a_kind_of_site_is_none():
    article = one(
        "本报讯 2月5日，县委副书记、县长高飞深入企业、商场现场督导检查安全生产工作。"
        "在城关派出所，高飞详细了解了春节期间治安防控情况。在商场，仔细询问了消防设施配备情况。"
        "在华兴纺织有限公司和永安化工有限公司，详细了解企业安全生产情况，并提出具体要求。"
    )
    assert {("高飞", "城关派出所"), ("高飞", "华兴纺织有限公司"), ("高飞", "永安化工有限公司")} <= targets(article)
    assert not {("高飞", "企业"), ("高飞", "商场")} & targets(article)
    # 在工作中: no site, though no subject follows either
    plain = one("本报讯 3月1日，县长高飞到城关镇调研。在调研过程中，详细了解了产业发展情况。")
    assert targets(plain) == {("高飞", "城关镇")}


def test_a_delegation_accompanied_goes_on_over_the_clauses_of_its_visit():
    article = one(
        "本报讯 3月10日至11日，县委书记何立新率县党政考察团到苏州市吴江区考察。"
        "3月11日，县党政考察团在吴江区副区长沈涛的陪同下，先后考察了吴江区交通基础设施建设、老城区改造工程，"
        "参观了恒力纺织有限公司、盛虹化纤有限公司等大型企业。"
    )
    assert {("何立新", "苏州市吴江区"), ("何立新", "吴江区交通基础设施建设"), ("何立新", "老城区改造工程"),
            ("何立新", "恒力纺织有限公司"), ("何立新", "盛虹化纤有限公司")} <= targets(article)
    assert not any(person == "沈涛" for person, _ in targets(article))
    # a matter looked into is no site: 检查了…建设 (not a survey), 重点项目建设 (a kind, no name)
    checked = one("本报讯 4月2日，县长何立新带队观摩重点项目建设，检查了城区道路建设。")
    assert targets(checked) == set()


def test_a_sentence_naming_no_one_that_goes_to_sites_is_the_inspectors_visit():
    article = one(
        "本报讯 5月12日，城关镇组织开展人大代表视察民生实事项目活动，镇人大主席王立华带队视察。"
        "上午9时乘车分别到东关村便民服务中心、城区污水管网改造项目、西街村蔬菜加工厂项目等6个点位进行了现场视察。"
        "王立华强调，要压实责任。深入推进乡村振兴，到群众中去。"
    )
    assert targets(article) == {("王立华", "东关村便民服务中心"), ("王立华", "城区污水管网改造项目"), ("王立华", "西街村蔬菜加工厂项目")}


def test_a_time_a_thorough_act_and_the_people_of_a_household_are_no_targets():
    article = one(
        "本报讯 9月9日，在教师节来临之际，县长韩松带队来到城南小学、实验中学，看望慰问教师代表。"
        "随后走进退休教师刘梅、陈华家中，与老人拉家常。在走访慰问中，韩松强调，要深入学习贯彻尊师重教精神。"
    )
    assert targets(article) == {("韩松", "城南小学"), ("韩松", "实验中学")}



def test_a_party_that_comes_one_place_after_another_goes_to_each_and_comes_from_none():
    article = one("本报讯 6月3日，县长王海到青石镇调研。王海一行先后来青石镇东坪村、西坪村，察看村容村貌整治情况。")
    assert {("王海", "青石镇"), ("王海", "青石镇东坪村"), ("王海", "西坪村")} <= targets(article)
    # 来自, 来访: no coming to a place
    plain = one("本报讯 6月3日，县长王海调研招商工作，一行来自邻县的客商随后来访。")
    assert not any(target.startswith(("自", "访")) or "邻县" in target for _, target in targets(plain))


def test_what_is_inspected_by_its_object_is_the_site_before_the_matter_and_a_matter_alone_is_none():
    article = one("本报讯 7月8日，县委书记杨帆就北关污水处理厂扩建项目进展情况进行调研。")
    assert targets(article) == {("杨帆", "北关污水处理厂扩建项目")}
    town = one("本报讯 7月8日，副县长郑洁对石桥镇人居环境整治情况进行督导。")
    assert targets(town) == {("郑洁", "石桥镇")}
    # the matters of 对…情况进行走访调研, a matter alone, the projects of a year: no site named
    for text in ("本报讯 7月8日，县长孙凯对道路硬化、庭院美化、集体经济壮大、产业发展情况进行走访调研。",
                 "本报讯 7月8日，县长孙凯对全域旅游工作进行调研。",
                 "本报讯 7月8日，副市长孙凯率队就我县2019年度项目推进情况进行督查。"):
        assert targets(one(text)) == set(), text


def test_a_deictic_a_street_and_the_part_of_a_place_name_no_new_target_and_where_a_site_lies_is_no_part_of_its_name():
    article = one(
        "本报讯 10月9日，县委书记周建来到县经济开发区调研。周建来到该公司生产车间，察看设备运行情况。"
        "随后，周建来到位于城东工业园的恒昌纺织有限公司，详细了解企业生产情况。"
    )
    assert targets(article) == {("周建", "县经济开发区"), ("周建", "恒昌纺织有限公司")}
    fields = one("本报讯 10月9日，副县长孙敏先后到柳林乡、白杨镇的田间地头、村指挥棚实地督导秋收工作。")
    assert targets(fields) == {("孙敏", "柳林乡"), ("孙敏", "白杨镇")}
    street = one("本报讯 10月9日，县长何军深入街头检查市容环境，并到城北农贸市场察看。")
    assert targets(street) == {("何军", "城北农贸市场")}
    # 该镇 before a name is the place named before: the name is the target
    same_town = one("本报讯 10月9日，县委书记周建深入柳溪镇调研，先后到该镇杨家村、刘家村察看产业发展情况。")
    assert targets(same_town) == {("周建", "柳溪镇"), ("周建", "杨家村"), ("周建", "刘家村")}
    college = one("本报讯 10月9日，区委书记周建带队到东湖街道调研，实地察看了东湖社区新时代文明实践站、东湖老年大学。")
    assert ("周建", "东湖老年大学") in targets(college)


def test_the_object_of_a_survey_or_a_supervision_is_its_site_or_the_place_before_the_matter():
    assert targets(one("本报讯 5月6日，副区长马骏调研恒通精密机械有限公司。")) == {("马骏", "恒通精密机械有限公司")}
    assert targets(one("本报讯 5月6日，副县长卢静督导青龙镇疫情防控工作。")) == {("卢静", "青龙镇")}
    # a matter (推进乡村振兴: 乡村 is one word), a kind of businesses, a determiner after a second verb
    for text in ("本报讯 5月6日，县委书记马骏率队到清溪镇调研推进乡村振兴工作。",
                 "本报讯 5月6日，区政协主席卢静来到临港产业城，走访调研会员企业。",
                 "本报讯 5月6日，县委书记马骏督导检查部分重点项目。"):
        assert not any(t.startswith("推进") or t.endswith(("企业", "项目")) for _, t in targets(one(text))), text


def test_projects_joined_by_he_are_two_and_a_place_gone_to_with_le_is_written_without_it():
    article = one("本报讯 4月2日，市长邓华调研重点项目建设。邓华先后察看了西郊污水处理厂项目、市二中扩建项目和滨江绿道项目。")
    assert {("邓华", "市二中扩建项目"), ("邓华", "滨江绿道项目")} <= targets(article)
    went = one("本报讯 4月2日，县长邓华检查森林防火工作，先后到了青峰林场、白石镇护林检查站。")
    assert targets(went) == {("邓华", "青峰林场"), ("邓华", "白石镇护林检查站")}


def test_the_sites_visited_are_targets_and_the_people_visited_or_a_kind_of_site_are_none():
    article = one("本报讯 1月6日，区委书记杜娟先后走访了金鹏电子有限公司、新河村，并看望慰问区敬老院老人。")
    assert targets(article) == {("杜娟", "金鹏电子有限公司"), ("杜娟", "新河村"), ("杜娟", "区敬老院")}
    for text in ("本报讯 1月6日，县长王海先后慰问了困难党员李建楼、残疾人张院。",
                 "本报讯 1月6日，县长王海走访慰问了部分企业。"):
        assert targets(one(text)) == set(), text


def test_a_pronoun_that_goes_somewhere_is_the_inspector_before_it_or_the_only_one():
    article = one("本报讯 6月3日，副县长吴刚调研设施农业，他先后来到青禾蔬菜种植基地、丰源粮食专业合作社。")
    assert targets(article) == {("吴刚", "青禾蔬菜种植基地"), ("吴刚", "丰源粮食专业合作社")}
    # (县长李勇调研农业发展 is one organization token to HanLP: unglue cuts the name out)
    alone = one("本报讯 6月3日，县长李勇调研农业发展。他随后来到青禾蔬菜种植基地。")
    assert targets(alone) == {("李勇", "青禾蔬菜种植基地")}


def test_where_an_inspector_inspects_said_with_zai_is_a_target_and_a_time_with_zai_is_none():
    inside = one("本报讯 6月3日，县委书记方勇在白马镇督导检查时强调，要压实防汛责任。")
    assert targets(inside) == {("方勇", "白马镇")}
    before = one("本报讯 6月3日，县长蒋平到石溪乡调研。在石溪乡前进村调研时，蒋平强调，要抓好产业发展。")
    assert ("蒋平", "石溪乡前进村") in targets(before)
    for text in ("本报讯 6月3日，县长蒋平在百忙之中检查安全生产工作。",
                 "本报讯 6月3日，县长蒋平带队来到城东小学。在走访慰问中，蒋平强调，要关心教师。"):
        assert targets(one(text)) <= {("蒋平", "城东小学")}, text


def test_a_count_and_a_kind_close_a_list_and_make_its_items_sites_and_a_kind_alone_is_none():
    article = one("本报讯 5月9日，副县长韦东一行深入县工业园区，实地走访了鑫源科技、华美食品、恒泰建材三家企业。")
    assert targets(article) == {("韦东", "县工业园区"), ("韦东", "鑫源科技"), ("韦东", "华美食品"), ("韦东", "恒泰建材")}
    schools = one("本报讯 5月9日，副县长韦东先后到城南小学、实验中学2所学校检查校园安全。")
    assert targets(schools) == {("韦东", "城南小学"), ("韦东", "实验中学")}
    for text in ("本报讯 5月9日，县委书记龙华带领县四大班子领导，观摩了全县十个重点项目。",
                 "本报讯 5月9日，县委书记龙华、县长韦东分别带队，深入联系乡镇督导检查森林防火工作。",
                 "本报讯 5月9日，副市长龙华到曹庄镇看望慰问了因公牺牲的派出所民警的家属。"):
        assert not any(t.endswith(("项目", "乡镇", "派出所")) for _, t in targets(one(text))), text


def test_dikes_dams_and_pumping_stations_are_sites_and_climbing_onto_one_goes_there():
    article = one("本报讯 7月9日，市长方华到监利市检查防汛工作。方华沿途巡查了荆江围堤、螺山泵站，登上长江干堤察看水情。")
    assert {("方华", "荆江围堤"), ("方华", "螺山泵站"), ("方华", "长江干堤")} <= targets(article)
    dam = one("本报讯 7月9日，县长方华在水利局局长孟东的陪同下，巡查了城区段河堤、白马水库大坝。")
    assert targets(dam) == {("方华", "城区段河堤"), ("方华", "白马水库大坝")}


def test_kinds_of_sites_their_parts_and_a_thorough_act_are_no_targets():
    article = one(
        "本报讯 9月1日，副区长韩梅深入区属部分学校、幼儿园检查开学工作。在春晖小学，韩梅仔细查看了校园环境。"
        "随后，韩梅走进幼儿园食堂，检查食品安全。韩梅在深入的了解各校情况后表示，要守好安全底线。"
    )
    assert targets(article) == {("韩梅", "春晖小学")}
    kinds_of_projects = one("本报讯 9月1日，县委书记韩梅深入包联村走访调研。随后，她又来到兴旺村，察看产业项目、民生实事项目。")
    assert targets(kinds_of_projects) == {("韩梅", "兴旺村")}


def test_a_site_s_name_the_tagger_takes_for_a_person_s_in_a_list_of_sites_is_no_person():
    article = one("本报讯 6月3日，县委书记宋平深入高新区建设路改造工程、濮上生态园项目、龙都大道综合管廊项目等10个项目现场调研。")
    assert {p.name for p in article.persons} == {"宋平"}
    assert targets(article) == {("宋平", "高新区建设路改造工程"), ("宋平", "濮上生态园项目"), ("宋平", "龙都大道综合管廊项目")}


def test_the_matter_closing_a_list_looked_at_is_said_of_each_item():
    article = one("本报讯 6月3日，县委书记宋平一行实地察看了杨柳村蔬菜基地建设、果园管理情况。")
    assert targets(article) == {("宋平", "杨柳村蔬菜基地")}
    matters = one("本报讯 6月3日，县委书记宋平一行实地察看了人居环境整治、道路硬化情况。")
    assert targets(matters) == set()


def test_parks_brigades_and_the_homes_written_with_jia_are_where_the_visitors_went():
    parks = one("本报讯 5月8日，县委书记宋平带领观摩团先后观摩了白石工业园、丰禾农业产业园等8个项目。")
    assert targets(parks) == {("宋平", "白石工业园"), ("宋平", "丰禾农业产业园")}
    units = one("本报讯 1月20日，副县长赵芳一行先后走访慰问了县公安局、县消防救援大队等春节期间坚守岗位的单位。")
    assert targets(units) == {("赵芳", "县公安局"), ("赵芳", "县消防救援大队")}
    homes = one("本报讯 1月20日，县委书记宋平带队走访慰问困难群众，先后来到东街村困难群众刘大妈家、西街村老党员陈爷爷家。")
    assert targets(homes) == {("宋平", "东街村"), ("宋平", "西街村")}


def test_the_people_visited_by_what_they_do_and_a_matter_joined_to_a_kind_name_no_target():
    delegates = one("本报讯 1月13日下午，区委书记林涛，区委副书记、代区长吴志刚等区委领导来到各代表团活动室，"
                    "亲切看望了出席区第九次党代会的各位代表。")
    assert not any(t.startswith("出席") for _, t in targets(delegates))
    matters = one("本报讯 9月30日，副县长杨华带领交通、安监等相关部门负责人深入东岭片区检查督导节前安全生产工作。"
                  "杨华一行先后深入东岭、西岭等乡镇，对专项整治行动工作开展情况、节日期间安全生产工作安排情况以及学校、"
                  "消防等方面的安全生产工作进行了督导检查。")
    assert targets(matters) == {("杨华", "东岭片区"), ("杨华", "东岭"), ("杨华", "西岭")}


def test_the_clauses_of_a_quotation_are_those_it_spans_not_a_quoted_term():
    sentence = split_sentences("“八一”建军节当天，他说“我们到村里去，看看大家”，随后到了县人武部。")[0]
    assert [c.text for c in sentence.clauses][2] == "看看大家”"
    assert quoted_clauses(sentence) == {2}


def test_a_leader_with_the_people_he_leads_after_lv_alone_patrols_the_river_sections_he_named():
    # 率 alone opens the people led, as 带领 and 率领 do, so the act after them is within reach
    article = one(
        "本报讯 6月3日，县委书记、总河长杜文斌率县水利、生态环境、农业农村等部门负责人巡查了清水河城关段及黄沙河马店段。"
    )
    assert ("杜文斌", "INSPECTED") in roles(article)
    assert {("杜文斌", "清水河城关段"), ("杜文斌", "黄沙河马店段")} <= targets(article)
    # 率队 is the act itself: a group label after it is what was inspected, not people led
    led = one("本报讯 3月1日，县长刘冬生率队督导检查城关镇各村负责同志工作落实情况。")
    assert ("刘冬生", "INSPECTED") in roles(led)


def test_two_sites_joined_by_he_before_a_condolence_visit_are_visited_and_wherever_he_went_is_none():
    article = one(
        "本报讯 1月28日，副县长刘晓明先后来到城关镇敬老院和该县儿童福利院进行慰问。刘晓明每到一处，都与老人们亲切交谈。"
    )
    assert ("刘晓明", "INSPECTED") in roles(article)
    assert {("刘晓明", "城关镇敬老院"), ("刘晓明", "儿童福利院")} <= targets(article)
    assert not any(target == "一处" for _, target in targets(article))


def test_sites_looked_at_in_sentences_naming_no_one_are_the_inspecting_groups():
    article = one(
        "本报讯 4月9日，县人大常委会主任黄世明带领调研组，对全县教育卫生工作进行调研。"
        "调研组一行先后深入县妇幼保健院“两癌筛查”中心、县第二中学详细了解情况。"
        "随后对县中医院、永宁医院等医疗单位进行实地查看。"
        "随后又实地查看了县实验幼儿园、县一中东城校区等新建学校项目，详细了解工程进度。"
    )
    for site in ("县妇幼保健院“两癌筛查”中心", "县第二中学", "县中医院", "永宁医院", "县实验幼儿园", "县一中东城校区"):
        assert ("黄世明", site) in targets(article), site
    assert not any("详细" in target for _, target in targets(article))


def test_the_site_inspected_in_a_time_clause_is_a_target_of_the_group_leader():
    article = one(
        "本报讯 9日，副市长陈立新带队到石井镇开展安全检查。检查组随后又到华安建材有限公司检查。"
        "在检查中石油石井北加油站时，检查组要求加油站负责人落实安全责任。"
    )
    assert {("陈立新", "石井镇"), ("陈立新", "华安建材有限公司"), ("陈立新", "中石油石井北加油站")} <= targets(article)


def test_the_works_of_a_flood_check_are_targets_and_a_step_within_a_site_is_none():
    article = one(
        "本报讯 5月12日，副市长林建平一行来清江县检查防汛工作。"
        "林建平一行先后实地查看了清江沿岸崩岸、东河口崩岸整治工程、红旗闸等重点险工险段情况。"
        "在红旗闸，林建平走到正在加固的闸门下，详细询问了加固进度。"
    )
    assert {("林建平", "清江沿岸崩岸"), ("林建平", "东河口崩岸整治工程"), ("林建平", "红旗闸")} <= targets(article)
    assert not any("闸门下" in target for _, target in targets(article))


def test_a_stop_named_again_by_the_end_of_its_name_is_one_target_but_a_town_before_a_site_stands():
    article = one(
        "本报讯 7月2日，县委书记、总河长孟庆和率县水利、环保等部门负责人巡查了洛河杨庄段。"
        "在杨庄段，孟庆和一行沿河步行察看河道。随后，孟庆和到石门镇南渠闸段巡河。"
    )
    found = targets(article)
    assert ("孟庆和", "洛河杨庄段") in found
    assert ("孟庆和", "杨庄段") not in found
    assert {("孟庆和", "石门镇南渠闸段")} <= found or {("孟庆和", "石门镇"), ("孟庆和", "南渠闸段")} <= found


def test_a_leader_leading_officials_goes_on_past_his_hosts_and_the_weather_to_the_places_he_visits():
    article = one(
        "本报讯 1月28日，副市长周立新带领市直有关部门负责人，在县政协主席韩东、副县长马丽等人的陪同下，"
        "冒着大雪深入到石桥镇、河口乡、县粮油公司，走访慰问了困难职工。"
    )
    assert targets(article) == {("周立新", "石桥镇"), ("周立新", "河口乡"), ("周立新", "县粮油公司")}
    assert {("韩东", "ACCOMPANIED"), ("马丽", "ACCOMPANIED")} <= roles(article)


def test_a_place_gone_to_after_shenru_dao_is_named_without_the_dao():
    article = one("本报讯 4月3日，县长宋文带领农业农村局负责人，深入到柳河镇、三道沟村，督导检查春耕生产。")
    assert targets(article) == {("宋文", "柳河镇"), ("宋文", "三道沟村")}


def test_a_sumu_is_a_township_and_a_transliterated_town_s_name_cut_by_the_tagger_is_no_person():
    article = one("本报讯 6月3日，旗委书记张建民先后到希勒图苏木、乌日根都楞镇调研。")
    assert {p.name for p in article.persons} == {"张建民"}
    assert targets(article) == {("张建民", "希勒图苏木"), ("张建民", "乌日根都楞镇")}
    assert kinds(article)["希勒图苏木"] == "town"


def test_a_place_then_a_determiner_of_its_villages_is_the_place():
    article = one("本报讯 4月2日，旗长李海涛深入宝力根苏木部分嘎查调研督导春季防火工作。")
    assert targets(article) == {("李海涛", "宝力根苏木")}


@pytest.mark.parametrize("text, expected", [
    # a meeting held at the place ends its name
    ("本报讯 9月1日，县委副书记王敏一行到东风镇调研。最后，调研组一行到东风镇召开座谈会。", {("王敏", "东风镇")}),
    # 深入交换意见: thoroughly, not a going
    ("本报讯 9月1日，副州长杨波先后深入凯达公司、金山村调研，并与县领导深入交换意见。", {("杨波", "凯达公司"), ("杨波", "金山村")}),
    # 察看了解X: the sites after 了解
    ("本报讯 9月1日，副县长黄勇到青山镇调研，实地察看了解红星家庭农场、白云养殖场经营情况。",
     {("黄勇", "青山镇"), ("黄勇", "红星家庭农场"), ("黄勇", "白云养殖场")}),
    # 对当前重点工作进行调研: a matter of now, no place
    ("本报讯 9月1日，县人大常委会主任孙明到柳林镇对当前重点工作进行调研。", {("孙明", "柳林镇")}),
])
def test_what_ends_a_place_gone_to_or_names_none(text, expected):
    assert targets(one(text)) == expected


@pytest.mark.parametrize("text, expected", [
    # 所到之处: wherever he went, no place
    ("本报讯 5月6日，副省长韩立新先后来到宏达机械有限公司、青溪村调研。调研中，韩立新边听边看，所到之处，企业生产红火。",
     {("韩立新", "宏达机械有限公司"), ("韩立新", "青溪村")}),
    # 赴X州参加…: the place gone to ends where what is attended there begins
    ("本报讯 3月2日，由省商会副会长郑明率领的考察团赴红河州参加完推介活动后，深入弥勒市工业园区考察调研。",
     {("郑明", "红河州"), ("郑明", "弥勒市工业园区")}),
    # 对该县的X、Y进行调研: matters of the county named before, no site
    ("本报讯 8月3日，省农科院所长宋建国一行到宾川，对该县的特色水果产业、畜牧进行实地调研。", {("宋建国", "宾川")}),
])
def test_what_is_no_place_gone_to(text, expected):
    assert targets(one(text)) == expected


@pytest.mark.parametrize("text, expected", [
    # 督查调研组督查了X: the group's name is no object of 督查
    ("本报讯 6月1日，由省委办公厅副主任刘振华带队的省委督查调研组到安顺县开展督查调研。"
     "下午，督查调研组督查了安顺县政务服务中心、城南镇便民服务站工作开展情况。",
     {("刘振华", "安顺县"), ("刘振华", "安顺县政务服务中心"), ("刘振华", "城南镇便民服务站")}),
    # 详细了解…: what is learnt there, between the going and a site looked at
    ("本报讯 6月1日，副市长秦国平一行到临江县调研。上午，调研组一行首先深入临江工业园区，详细了解园区的发展规划，实地查看了华能电厂。",
     {("秦国平", "临江县"), ("秦国平", "临江工业园区"), ("秦国平", "华能电厂")}),
])
def test_an_inspection_group_and_what_is_learnt_between_the_sites(text, expected):
    assert targets(one(text)) == expected


def test_people_joined_to_a_site_s_people_make_no_site_of_both():
    article = one("本报讯 2月3日，县委书记吕建华率队看望慰问一线执勤民警、环卫工人和敬老院老人。随后，吕建华来到城北垃圾中转站看望环卫工人。")
    assert targets(article) == {("吕建华", "城北垃圾中转站")}


@pytest.mark.parametrize("text, expected", [
    ("本报讯 8月5日，区人大常委会副主任陈秀英到柳河镇走访联系区人大代表。", {("陈秀英", "柳河镇")}),
    ("本报讯 8月5日，县人大常委会主任孙立到白沙镇走访联系南岗村人大代表。", {("孙立", "白沙镇"), ("孙立", "南岗村")}),
])
def test_deputies_visited_are_where_they_live_and_no_place_of_their_own(text, expected):
    assert targets(one(text)) == expected


def test_a_place_written_short_and_in_full_is_one_target():
    # (长田 first, then 长田镇 in full: the town is one target, by its full name)
    article = one("本报讯 3月2日，县委书记林海到长田慰问困难群众。随后，林海来到长田镇察看春耕生产。")
    assert ("林海", "长田镇") in targets(article)
    assert ("林海", "长田") not in targets(article)
