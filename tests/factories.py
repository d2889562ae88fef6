"""Small, hand-made facts (okg.facts models) for tests, until and beside the extractor.

    art = article("a1", date="2022-03-28", home="绛县",
                  people={"解芳": ["书记@县委"], "李翔": ["副书记@县委", "县长"]},
                  events=[event("meeting", name="动员会", participants={"李翔": ["CHAIRED"], "解芳": ["SPOKE"]})])

`people` maps a name to its positions, each `title@org` or a bare `title`. Event ids are made from the
article id and the event's index, as the extractor makes them. `seed()` gives the three articles of
fixtures/000_04f34b3896c38351.txt as the gold annotation has them.
"""

from __future__ import annotations

from okg.facts import (
    Article,
    Event,
    EventType,
    Evidence,
    Inspection,
    Organization,
    Participant,
    Person,
    Place,
    PlaceKind,
    Position,
    Reporter,
    Role,
)


def evidence(article_id: str, sentence: str = "", start: int = 0, end: int | None = None) -> Evidence:
    return Evidence(article=article_id, sentence=sentence, start=start, end=end if end is not None else start + len(sentence),
                    engine="hand", confidence=1.0)


def event(type: str, *, name: str | None = None, date: str | None = None, venues=(), participants: dict | None = None,
          inspected=(), sentence: str | None = None) -> dict:
    """An event to pass to `article(events=[...])`. participants: name -> extra roles (ATTENDED is
    added); inspected: (person, target) or (person, target, target_kind)."""
    return {"type": type, "name": name, "date": date, "venues": list(venues), "participants": participants or {},
            "inspected": list(inspected), "sentence": sentence or name or ""}


def article(id: str, *, title: str | None = None, date: str | None = None, source: str | None = "paper.txt",
            home: str | None = None, body: str = "", people: dict | None = None, places=(), orgs=(),
            events=(), reporters=()) -> Article:
    """An Article of facts. places: (name, kind) or (name, kind, parent); orgs: names or
    (name, kind, parent, place)."""
    people = people or {}
    names = list(people)
    for e in events:
        names += [n for n in e["participants"] if n not in names]
        names += [i[0] for i in e["inspected"] if i[0] not in names]
    positions = []
    for name, posts in people.items():
        for post in posts:
            post_title, _, org = post.partition("@")
            positions.append(Position(person=name, title=post_title, org=org or None, evidence=[evidence(id, f"{org}{post_title}{name}")]))
    evs = []
    for i, e in enumerate(events):
        parts = [Participant(person=n, roles=[Role.ATTENDED] + [Role(r) for r in roles if r != "ATTENDED"],
                             evidence=[evidence(id, f"{n}出席", 10 * i)]) for n, roles in e["participants"].items()]
        insp = [Inspection(person=t[0], target=t[1], target_kind=t[2] if len(t) > 2 else None, evidence=[evidence(id, f"{t[0]}察看{t[1]}")])
                for t in e["inspected"]]
        evs.append(Event(id=f"{id}#{i}", type=EventType(e["type"]), date=e["date"] or date, name=e["name"], venues=e["venues"],
                         participants=parts, inspected=insp, evidence=[evidence(id, e["sentence"])]))
    return Article(
        id=id, title=title, date=date, source=source, home=home, body=body or (title or id),
        persons=[Person(name=n, evidence=[evidence(id, n)]) for n in names] + [Person(name=r) for r in reporters if r not in names],
        positions=positions,
        organizations=[Organization(name=o) if isinstance(o, str) else Organization(name=o[0], kind=o[1], parent=o[2], place=o[3]) for o in orgs],
        places=[Place(name=p[0], kind=PlaceKind(p[1]), parent=p[2] if len(p) > 2 else None) for p in places],
        events=evs,
        reporters=[Reporter(name=r, evidence=[evidence(id, r)]) for r in reporters],
    )


SEED_SOURCE = "000_04f34b3896c38351.txt"


def seed(home: str | None = "绛县", year: str = "2022") -> list[Article]:
    """The three articles of the seed page, as facts (after the gold annotation)."""
    d = lambda md: f"{year}-{md}" if year else md  # noqa: E731
    leaders = ["解伟龙", "荣亿", "孙晓", "董宏运", "程海龙", "孙飞", "申东明", "马辉", "薛云涛", "张栖源"]
    a = article(
        "seed-a", title="我县召开抓党建促基层治理能力提升动员暨培训会议", date=d("03-28"), source=SEED_SOURCE, home=home,
        people={"解芳": ["书记@县委"], "李翔": ["副书记@县委", "县长"], "吉俊红": ["组长@市委专项行动第六督导组", "副主任@市人大农工委"],
                "习近平": ["总书记"], "苏文芸": ["书记@大交镇党委"], "李政": ["主任@社区服务中心"],
                "许学惠": ["书记@横水镇柳庄村党支部", "主任@柳庄村村委"]},
        places=[("大交镇", "town"), ("横水镇", "town"), ("柳庄村", "village", "横水镇"), ("县宾馆餐厅二楼会议室", "venue"),
                ("县网通五楼会议室", "venue"), ("县公安局七楼会议室", "venue"), ("县检察院五楼会议室", "venue")],
        orgs=["县网通", "县公安局", "县检察院"],
        events=[event("meeting", name="全县抓党建促基层治理能力提升动员暨培训会议", date=d("03-28"),
                      venues=["县宾馆餐厅二楼会议室", "县网通五楼会议室", "县公安局七楼会议室", "县检察院五楼会议室"],
                      participants={"解芳": ["SPOKE"], "李翔": ["CHAIRED", "SPOKE"], "吉俊红": ["GUIDED", "SPOKE"],
                                    **{n: [] for n in leaders}, "苏文芸": ["SPOKE"], "李政": ["SPOKE"], "许学惠": ["SPOKE"]})],
        reporters=["张倩倩", "李京丽", "李彦含"],
    )
    b = article(
        "seed-b", title="赵晔到我县实地督导检查疫情防控工作", date=d("03-25"), source=SEED_SOURCE, home=home,
        body="市委常委、组织部部长赵晔到我县实地督导检查疫情防控工作。在菏宝高速闻垣段绛县西高速卡口……在绛县疫情防控指挥部……",
        people={"赵晔": ["常委@市委", "部长@市委组织部"], "解芳": ["书记@县委"]},
        places=[("绛县", "county"), ("横水镇", "town"), ("西灌底村", "village", "横水镇"), ("大交镇", "town"), ("南樊镇", "town"),
                ("菏宝高速闻垣段绛县西高速卡口", "venue"), ("百惠生活广场超市", "venue")],
        orgs=["绛县疫情防控指挥部"],
        events=[event("inspection", name="督导检查疫情防控工作", date=d("03-25"),
                      participants={"赵晔": ["INSPECTED", "SPOKE"], **{n: ["ACCOMPANIED"] for n in ["解芳", "李翔", "荣亿", "孙飞", "张栖源", "张维华"]}},
                      inspected=[("赵晔", "菏宝高速闻垣段绛县西高速卡口", "venue"), ("赵晔", "西灌底村", "village"),
                                 ("赵晔", "大交镇卡口", "venue"), ("赵晔", "南樊镇卡口", "venue"), ("赵晔", "百惠生活广场超市", "venue"),
                                 ("赵晔", "绛县疫情防控指挥部", "agency")])],
        reporters=["王琪"],
    )
    c = article(
        "seed-c", title="全县领导干部学习贯党的十九届六中全会精神抓党建促基层治理能力提升暨全方位推动高质量发展培训班开班",
        date=d("03-31"), source=SEED_SOURCE, home=home,
        people={"解芳": ["书记@县委"], "解伟龙": ["副书记@县委"], "习近平": ["总书记"]},
        places=[("县宾馆会议室", "venue"), ("县委党校", "venue"), ("绛县", "county"), ("山西", "province")],
        orgs=["县委", "县委党校"],
        events=[event("training", name="培训班开班仪式", date=d("03-31"), venues=["县宾馆会议室", "县委党校"],
                      participants={"解芳": ["SPOKE"], "解伟龙": ["CHAIRED"]})],
        reporters=["张倩倩"],
    )
    return [a, b, c]


def synthetic_articles(n: int, seed: int) -> list[Article]:
    """bench/corpus.py's synthetic county news (facts made directly, no extraction): many sources,
    thousands of relationships for a few hundred articles."""
    import importlib.util  # noqa: PLC0415
    import sys  # noqa: PLC0415

    from okg.config import ROOT  # noqa: PLC0415

    corpus = sys.modules.get("bench_corpus")
    if corpus is None:
        spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
        corpus = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = corpus  # dataclasses look their module up
        spec.loader.exec_module(corpus)
    return corpus.synthetic_articles(n, seed=seed)
