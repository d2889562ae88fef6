"""Splitting a page into articles: datelines, headlines paired with bodies by content, bylines,
dates; every span points into the original input."""

from okg.extract.articles import assign_headlines, split_articles

SEED = "fixtures/000_04f34b3896c38351.txt"


def nospace(s):
    return "".join(s.split())


def test_seed_page_has_three_articles_with_their_own_headlines_dates_and_reporters():
    original = open(SEED, encoding="utf-8").read()
    arts = split_articles(original)
    assert [nospace(a.title) for a in arts] == [
        "我县召开抓党建促基层治理能力提升动员暨培训会议",
        "赵晔到我县实地督导检查疫情防控工作",
        "全县领导干部学习贯党的十九届六中全会精神抓党建促基层治理能力提升暨全方位推动高质量发展培训班开班",
    ]
    assert [a.date_text for a in arts] == ["3月28日", "3月25日", "3月31日"]
    assert [[n for n, _, _ in a.reporters] for a in arts] == [["张倩倩", "李京丽", "李彦含"], ["王琪"], ["张倩倩"]]
    assert [a.dateline for a in arts] == ["本报讯"] * 3
    assert arts[1].body.startswith("本报讯3月25日，市委常委、组织部部长赵晔到我县实地督导检查疫情防控工作。")
    assert arts[0].body.count("\n") == 7  # eight paragraphs
    for a in arts:
        assert "张倩倩" not in a.body and "王琪" not in a.body  # bylines are not body
        assert nospace(original[a.title_span[0] : a.title_span[1]]) == nospace(a.title)
        for name, s, e in a.reporters:
            assert nospace(original[s:e]) == name
        s, e = a.date_span
        assert nospace(original[s:e]) == a.date_text
    # the 2nd article's headline is printed after its body, beside the 3rd
    assert arts[1].title_span[0] > arts[1].body_span[1]


def test_body_positions_map_to_the_original():
    original = open(SEED, encoding="utf-8").read()
    art = split_articles(original)[0]
    i = art.body.index("县委书记解芳")
    s, e = art.to_original(i, i + 6)
    assert original[s:e] == "县委\n\n书记解芳"
    for k, ch in enumerate(art.body):
        s, e = art.to_original(k, k + 1)
        assert ch == "\n" or nospace(original[s:e]) == ch


SWAPPED = """县委书记刘明调研春耕生产
本报讯 4月2日，县委书记刘明到城关镇调研春耕生产，详细了解农资供应和农机作业情况。刘明强调，要抓住农时，确保粮食稳产增产。
周敏
县人民医院开展
“送医下乡”义诊活动
本报讯 4月3日，县委宣传部组织开展“书香进万家”全民阅读活动，向群众赠送图书两千余册。
何平
全县全民阅读活动启动
本报讯 4月5日，县人民医院组织专家到横水镇开展“送医下乡”义诊活动，为群众免费测量血压、血糖。
吴伟
"""


def test_headlines_printed_beside_the_wrong_body_are_paired_by_content():
    arts = split_articles(SWAPPED)
    assert [a.title for a in arts] == [
        "县委书记刘明调研春耕生产",
        "全县全民阅读活动启动",
        "县人民医院开展“送医下乡”义诊活动",  # a headline broken over two lines is one title
    ]
    assert [[n for n, _, _ in a.reporters] for a in arts] == [["周敏"], ["何平"], ["吴伟"]]
    assert [a.date_text for a in arts] == ["4月2日", "4月3日", "4月5日"]


def test_headlines_in_place_stay_in_place_when_content_is_no_help():
    assert assign_headlines([[0.0, 0.0], [0.0, 0.0]]) == [0, 1]
    assert assign_headlines([[0.1, 0.9], [0.8, 0.2]]) == [1, 0]


def test_credit_in_the_dateline_and_a_reporter_line_under_the_headline():
    page = (
        "大交镇召开春耕生产推进会\n"
        "本报记者 刘洋\n"
        "4月2日，大交镇召开春耕生产推进会，镇党委书记苏文芸出席会议并讲话。\n"
        "县人民医院开展义诊活动\n"
        "本报讯（记者 周敏 通讯员 何平） 4月3日，县人民医院组织专家开展义诊活动。\n"
        "（责任编辑：李四）\n"
    )
    a, b = split_articles(page)
    assert (a.title, a.dateline, a.date_text) == ("大交镇召开春耕生产推进会", None, "4月2日")
    assert [n for n, _, _ in a.reporters] == ["刘洋"]
    assert a.body.startswith("4月2日，大交镇")
    assert b.title == "县人民医院开展义诊活动"
    assert [n for n, _, _ in b.reporters] == ["周敏", "何平"]
    assert b.body == "本报讯4月3日，县人民医院组织专家开展义诊活动。"  # credit and editor line left out
    s, e = b.to_original(0, len(b.body))
    assert page[s:e].startswith("本报讯（记者 周敏") and page[s:e].endswith("义诊活动。")


def test_a_trailing_name_in_brackets_is_the_reporter():
    page = "县委召开全会\n本报讯 3月1日，县委召开全体会议，县委书记张明作工作报告。（王琪 李丽）\n"
    (art,) = split_articles(page)
    assert [n for n, _, _ in art.reporters] == ["王琪", "李丽"]
    assert art.body == "本报讯3月1日，县委召开全体会议，县委书记张明作工作报告。"


def test_a_web_news_item_is_one_article_with_its_first_line_as_title():
    item = (
        "县长李四调研春耕生产\n"
        "4月2日，县长李四深入田间地头调研春耕生产工作。\n"
        "李四要求，要抓住农时，确保春耕生产顺利进行。\n"
        "来源：某某县融媒体中心\n"
    )
    (art,) = split_articles(item)
    assert art.title == "县长李四调研春耕生产"
    assert art.dateline is None and art.reporters == []
    assert art.date_text == "4月2日"
    assert art.body == "4月2日，县长李四深入田间地头调研春耕生产工作。\n李四要求，要抓住农时，确保春耕生产顺利进行。"


def test_a_single_paragraph_has_no_title():
    (art,) = split_articles("4月2日，县长李四深入田间地头调研春耕生产工作。")
    assert art.title is None and art.body.startswith("4月2日")


def test_traditional_page_is_split_in_simplified_with_spans_in_the_original():
    page = "縣委召開經濟工作會議\n本報訊 ３月２８日，縣委書記王大明主持會議並講話。\n（張三）\n"
    (art,) = split_articles(page)
    assert art.traditional
    assert art.title == "县委召开经济工作会议"
    assert art.dateline == "本报讯" and art.date_text == "3月28日"
    assert art.body == "本报讯3月28日，县委书记王大明主持会议并讲话。"
    (name, s, e), = art.reporters
    assert name == "张三" and page[s:e] == "張三"
    i = art.body.index("王大明")
    s, e = art.to_original(i, i + 3)
    assert page[s:e] == "王大明"


def test_empty_page_has_no_articles():
    assert split_articles("") == []
    assert split_articles("\n \n") == []


def test_wrapped_lines_without_punctuation_stay_in_the_body_and_headlines_stand_between_articles():
    from tests.test_repair import TWO_ARTICLES

    a, b = split_articles(TWO_ARTICLES)
    assert a.title == "县委召开乡村振兴工作推进会" and b.title == "县人民医院开展义诊活动"
    assert [n for n, _, _ in a.reporters] == ["何静", "罗一鸣"]  # not the wrapped `、` list of names
    assert [n for n, _, _ in b.reporters] == ["孔亮"]
    assert (a.date_text, b.date_text) == ("5月9日", "5月10日")
    assert a.body == (
        "本报讯5月9日，县委副书记、县长孟立东出席会议并讲话。县领导林芳、高志远、袁青、宋可心、邱文博、欧阳静、谭晓等参加会议。\n"
        "会议要求，各乡镇要压实工作责任，全力推动乡村振兴各项任务落地见效，确保年度目标顺利完成。"
    )
    assert "\n" not in b.body
    for art in (a, b):
        for k, ch in enumerate(art.body):
            s, e = art.to_original(k, k + 1)
            assert ch == "\n" or nospace(TWO_ARTICLES[s:e]) == ch


def test_a_headline_wrapped_before_a_word_that_looks_like_a_name_is_one_headline():
    page = (
        "县委召开常委会议\n"
        "本报讯 6月1日，县委召开常委会议，研究部署近期重点工作。\n"
        "孔亮\n"
        "全县电商人才培训\n"
        "班结业\n"  # `班` is a family name, but the line ends the headline above it
        "本报讯 6月2日，全县电商人才培训班结业仪式在县委党校举行。\n"
        "何静\n"
    )
    a, b = split_articles(page)
    assert b.title == "全县电商人才培训班结业"
    assert [n for n, _, _ in a.reporters] == ["孔亮"] and [n for n, _, _ in b.reporters] == ["何静"]


def test_a_byline_between_headline_and_dateline_belongs_to_the_article_below():
    page = (
        "县委召开常委会议\n"
        "本报讯 6月1日，县委召开常委会议，研究部署近期重点工作。\n"
        "全县秋粮收购工作有序推进\n"
        "何静 孔亮\n"
        "本报讯 6月2日，全县秋粮收购工作有序推进，已收购秋粮三万余吨。\n"
    )
    a, b = split_articles(page)
    assert a.reporters == [] and a.body.endswith("研究部署近期重点工作。")
    assert b.title == "全县秋粮收购工作有序推进"
    assert [n for n, _, _ in b.reporters] == ["何静", "孔亮"]
