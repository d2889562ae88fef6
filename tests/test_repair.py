"""Page repair: broken lines are joined, spaces dropped, widths unified, traditional script read,
and every repaired character still points at the character of the original it came from."""

from okg.extract.bylines import parse_credit
from okg.extract.characters import normalize
from okg.extract.repair import repair

SEED = "fixtures/000_04f34b3896c38351.txt"


def assert_maps_back(rep):
    """Each repaired character comes from the original character its offset names (or a space/line break)."""
    assert len(rep.offsets) == len(rep.text) + 1
    for i, ch in enumerate(rep.text):
        start, end = rep.to_original(i, i + 1)
        src = rep.original[start:end]
        if ch in " \n":
            assert src.strip(" \n\u3000") == "", (i, ch, src)
        elif not rep.traditional:
            assert src == ch or len(src) == 1 and ord(src) - 0xFEE0 == ord(ch), (i, ch, src)


def test_column_lines_separated_by_blank_lines_are_joined_into_paragraphs():
    # a narrow column: each printed line is ~12 characters, the OCR put blank lines between them
    page = (
        "县委召开常委会议\n"
        "本报讯 4 月 2 日，县委召开常委会\n\n"
        "议，县委书记张明主持会议并讲话。县\n\n"
        "长刘红等参加会议。\n\n"
        "会议传达学习了省委全会精神，研\n\n"
        "究部署了全县重点工作。\n"
    )
    rep = repair(page)
    assert rep.text.split("\n") == [
        "县委召开常委会议",
        "本报讯4月2日，县委召开常委会议，县委书记张明主持会议并讲话。县长刘红等参加会议。",
        "会议传达学习了省委全会精神，研究部署了全县重点工作。",
    ]
    assert_maps_back(rep)


def test_a_full_line_ending_a_sentence_may_continue_but_a_short_one_ends_the_paragraph():
    page = (
        "县长王磊一行深入企业调研生产\n"
        "情况。随后，王磊来到县工业园区\n"
        "察看项目建设进度。\n"
        "王磊强调，要全力以赴抓好项目\n"
        "建设，确保按期投产达效。\n"
    )
    assert repair(page).text.split("\n") == [
        "县长王磊一行深入企业调研生产情况。随后，王磊来到县工业园区察看项目建设进度。",
        "王磊强调，要全力以赴抓好项目建设，确保按期投产达效。",
    ]


def test_spaces_inside_chinese_and_dates_go_but_latin_words_keep_theirs():
    rep = repair("2022 年 3 月 28 日，全县 5G 基站 建设 推进会召开，COVID 19 防控 同步部署。")
    assert rep.text == "2022年3月28日，全县5G基站建设推进会召开，COVID 19防控同步部署。"
    assert_maps_back(rep)


def test_bylines_keep_names_apart_and_join_a_spaced_two_character_name():
    rep = repair("会议号召全县干部群众积极行动起来。\n张倩倩 李京丽 李彦含\n")
    assert rep.text.endswith("\n张倩倩 李京丽 李彦含")
    assert repair("全县干部群众积极行动起来。\n王 琪\n").text.endswith("\n王琪")


def test_credit_lines_are_read_as_names():
    def names(s):
        credit = parse_credit(s)
        return credit and (credit.kind, [n for n, _, _ in credit.names])

    assert names("张倩倩 李京丽 李彦含") == ("reporter", ["张倩倩", "李京丽", "李彦含"])
    assert names("王 琪") == ("reporter", ["王琪"])
    assert names("记者 张三 通讯员 李四 王五") == ("reporter", ["张三", "李四", "王五"])
    assert names("（本报记者 欧阳明）") == ("reporter", ["欧阳明"])
    assert names("文/图 刘洋") == ("reporter", ["刘洋"])
    assert names("责任编辑：张三") == ("editor", [])
    # short headlines are not names
    assert names("赵晔到我县实地") is None
    assert names("春耕 正当时") is None
    assert names("全县召开大会") is None


def test_full_width_digits_letters_and_spaces_become_ascii_but_chinese_punctuation_stays():
    rep = repair("３月２８日，ＡＢＣ公司在县城召开会议。\u3000会议由“张三”主持：内容；")
    assert rep.text == "3月28日，ABC公司在县城召开会议。会议由“张三”主持：内容；"
    assert_maps_back(rep)


def test_ascii_punctuation_beside_chinese_becomes_chinese_punctuation():
    assert repair("县委书记张三,县长李四出席(主会场)会议.").text == "县委书记张三，县长李四出席（主会场）会议."
    assert repair("比分为3:2,共计1,000人").text == "比分为3:2，共计1,000人"


def test_traditional_script_is_analysed_as_simplified_and_offsets_point_into_the_original():
    original = "縣委書記王大明主持會議並講話。\n縣長李曉紅出席。"
    rep = repair(original)
    assert rep.traditional
    assert rep.original == original
    assert rep.text == "县委书记王大明主持会议并讲话。\n县长李晓红出席。"
    start = rep.text.index("李晓红")
    a, b = rep.to_original(start, start + 3)
    assert original[a:b] == "李曉紅"
    assert not repair("县委书记王大明主持会议并讲话。").traditional


def test_line_endings_and_invisible_characters_are_cleaned():
    rep = repair("县委书记\ufeff张三\r\n主持会议。\r\n")
    assert rep.text == "县委书记张三\n主持会议。"
    a, b = rep.to_original(4, 6)
    assert rep.original[a:b] == "张三"


def test_web_text_keeps_one_paragraph_per_line():
    text = "县长李四调研春耕生产\n4月2日，县长李四深入田间地头调研春耕生产工作，了解农资供应情况。\n李四要求，要抓住农时，确保春耕生产顺利进行。"
    assert repair(text).text == text


def test_seed_page_repairs_broken_words_and_keeps_headlines_and_bylines_on_their_own_lines():
    original = open(SEED, encoding="utf-8").read()
    rep = repair(original)
    lines = rep.text.split("\n")
    assert "县委书记解芳出席并作动员讲话" in rep.text  # was `县委\n\n书记`
    assert "本报讯3月28日，全县抓党建促基层治理能力提升" in rep.text
    assert "张倩倩 李京丽 李彦含" in lines
    assert "王琪" in lines
    assert "赵晔到我县实地" in lines and "督导检查疫情防控工作" in lines
    assert lines[0] == "我县召开抓党建促基层治理能力提升动员暨培训会议"
    assert_maps_back(rep)
    # an evidence span taken in the repaired text is the same words in the original
    i = rep.text.index("县委书记解芳")
    a, b = rep.to_original(i, i + len("县委书记解芳"))
    assert original[a:b] == "县委\n\n书记解芳"


def test_normalize_keeps_every_line_break():
    original = "第一行\n\n第 二 行\n"
    assert normalize(original).text == original


# Two articles in a narrow column whose width varies; the dateline line is short (spaces in the
# date), several wrapped lines happen to end without punctuation, and a list of names is wrapped.
TWO_ARTICLES = (
    "县委召开乡村振兴工作推进会\n"
    "本报讯 5 月 9 日，县委副\n\n"
    "书记、县长孟立东出席会议并讲话\n\n"
    "。县领导林芳、高志远、袁青、\n\n"
    "宋可心、邱文博、欧阳静、谭晓\n\n"
    "等参加会议。\n\n"
    "会议要求，各乡镇要压实工作责任，全\n\n"
    "力推动乡村振兴各项任务落地见效\n\n"
    "，确保年度目标顺利完成。\n\n"
    "何静 罗一鸣\n\n"
    "县人民医院开展义诊活动\n"
    "本报讯 5 月 10 日，县人民医院\n\n"
    "组织专家到东关镇开展义诊活动，为\n\n"
    "群众免费测量血压血糖并讲解常见病\n\n"
    "预防知识。\n\n"
    "孔亮\n"
)


def test_a_mid_body_line_without_final_punctuation_goes_on_with_the_next_line():
    rep = repair(TWO_ARTICLES)
    lines = rep.text.split("\n")
    # `县委副` (a short dateline line) and `出席会议并讲话` end without punctuation: body, not headlines
    assert "本报讯5月9日，县委副书记、县长孟立东出席会议并讲话。县领导林芳、高志远、" in rep.text
    assert "全力推动乡村振兴各项任务落地见效，确保年度目标顺利完成。" in rep.text
    assert "本报讯5月10日，县人民医院组织专家到东关镇开展义诊活动，为群众免费测量血压血糖并讲解常见病预防知识。" in lines
    assert_maps_back(rep)


def test_a_wrapped_list_of_names_is_body_not_a_byline():
    rep = repair(TWO_ARTICLES)
    assert "县领导林芳、高志远、袁青、宋可心、邱文博、欧阳静、谭晓等参加会议。" in rep.text
    # a byline's names stand apart with spaces; a `、` list is part of a sentence unless bracketed
    assert parse_credit("宋可心、邱文博、欧阳静、谭晓") is None
    assert [n for n, _, _ in parse_credit("（何静、罗一鸣）").names] == ["何静", "罗一鸣"]
    assert [n for n, _, _ in parse_credit("记者 何静、罗一鸣").names] == ["何静", "罗一鸣"]


def test_a_headline_between_two_articles_and_the_bylines_keep_their_own_lines():
    lines = repair(TWO_ARTICLES).text.split("\n")
    assert lines[0] == "县委召开乡村振兴工作推进会"
    assert "何静 罗一鸣" in lines and "孔亮" in lines
    i = lines.index("县人民医院开展义诊活动")
    assert lines[i - 1] == "何静 罗一鸣" and lines[i + 1].startswith("本报讯5月10日")


def test_a_short_subheading_in_a_column_stays_its_own_paragraph():
    page = (
        "县委召开全县经济工作会议\n"
        "本报讯 1 月 6 日，县委召开全县经济工\n"
        "作会议，总结去年工作，部署今年任务。\n"
        "一、稳住工业基本盘\n"
        "会议要求，要围绕主导产业抓好项目建\n"
        "设，推动重点企业稳产满产，确保全年\n"
        "工业增加值稳步增长。\n"
    )
    assert repair(page).text.split("\n")[1:] == [
        "本报讯1月6日，县委召开全县经济工作会议，总结去年工作，部署今年任务。",
        "一、稳住工业基本盘",
        "会议要求，要围绕主导产业抓好项目建设，推动重点企业稳产满产，确保全年工业增加值稳步增长。",
    ]


def test_a_web_pages_metadata_line_is_not_article_text():
    from okg.extract.articles import split_articles

    page = "县长李明调研春耕生产工作\n发布时间：2023-04-02 10:30 来源：某县人民政府办公室\n4月1日，县长李明深入城关镇调研。\n"
    [article] = split_articles(page)
    assert article.title == "县长李明调研春耕生产工作"
    assert article.body == "4月1日，县长李明深入城关镇调研。"
