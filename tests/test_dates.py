"""Yearless dates and the `since`/`until` filters (okg.graph.dates): a month-day bound (`--03-01`,
`03-01`) finds events of any year and those without one; a calendar date finds only events whose
year is known. Both stores answer alike (a real Neo4j), and so do the API and `okg analyze`."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from factories import article, event
from okg.graph.dates import filter_bound, passes, sortable_date


def test_bounds_are_calendar_dates_or_month_days():
    assert filter_bound("2022-03-01") == "2022-03-01"
    assert filter_bound("--03-01") == filter_bound("03-01") == "--03-01"
    assert filter_bound("--02-29") == "--02-29"  # some year has it
    for bad in ["2022-02-30", "--02-30", "2022-3-1", "-03-01", "March", "", "--13-01"]:
        with pytest.raises(ValueError, match="is not a"):
            filter_bound(bad)


def test_what_each_kind_of_bound_lets_through():
    assert passes("--03-28", "--03-01", "--03-31") and passes("2021-03-28", "--03-01", "--03-31")
    assert not passes("2022-04-02", "--03-01", "--03-31")
    assert passes("2022-03-28", "2022-03-01", "2022-03-31")
    assert not passes("--03-28", "2022-03-01", None) and not passes("--03-28", None, "2022-03-31")  # its year is unknown
    assert not passes("上旬", "--03-01", None) and not passes(None, None, "--12-31")  # no month-day to compare
    assert passes("上旬", None, None) and passes(None, None, None)
    assert sortable_date("3月28日") == "--03-28"


def facts():
    """A yearless meeting (3月28日), meetings of 2021 and 2022, one written 上旬 and one undated."""
    people = {"解芳": ["书记@县委"], "李翔": ["县长"]}
    both = {"解芳": [], "李翔": ["CHAIRED"]}
    return [
        article("yearless", date="3月28日", home="绛县", people=people, events=[event("meeting", name="无年会议", participants=both)]),
        article("y2021", date="2021-03-30", home="绛县", people=people, events=[event("meeting", name="二一年会议", participants=both)]),
        article("y2022", date="2022-04-02", home="绛县", people=people, events=[event("meeting", name="二二年会议", participants=both)]),
        article("early", date="上旬", home="绛县", people=people, events=[event("meeting", name="上旬会议", participants=both)]),
        article("undated", home="绛县", people=people, events=[event("meeting", name="无日期会议", participants=both)]),
    ]


FILTERS = [
    ({"since": "--03-01", "until": "--03-31"}, ["无年会议", "二一年会议"]),
    ({"since": "--03-29"}, ["二一年会议", "二二年会议"]),
    ({"until": "--03-28"}, ["无年会议"]),
    ({"since": "2022-01-01"}, ["二二年会议"]),
    ({"until": "2022-03-31"}, ["二一年会议"]),
    ({"since": "2021-01-01", "until": "--03-31"}, ["二一年会议"]),
    ({}, ["无年会议", "二一年会议", "二二年会议", "上旬会议", "无日期会议"]),
]


@pytest.mark.parametrize("bounds,names", FILTERS, ids=[str(b) for b, _ in FILTERS])
def test_both_stores_filter_events_by_month_day_and_by_date(store_pair, bounds, names):
    for store in store_pair:
        store.load(facts())
    for store in store_pair:
        found = {e.name for e in store.find_events(**bounds).items}
        assert found == set(names), (type(store).__name__, bounds)
        [li] = [p for p in store.find_people("李翔", 10, 0).items]
        assert {e.name for e in store.person_events(li.id, role="CHAIRED", **bounds).items} == set(names)
        pairs = store.co_attendance_edges(**bounds)
        assert [e.weight for e in pairs] == ([len(names)] if names else [])


def test_the_api_takes_month_days_and_refuses_other_dates(embedded_store):
    from okg.api.app import create_app
    from okg.config import Settings

    embedded_store.load(facts())
    with TestClient(create_app(embedded_store, Settings.from_env(), store_kind="embedded")) as api:
        march = api.get("/events", params={"since": "--03-01", "until": "--03-31"}).json()
        assert [e["name"] for e in march["items"]] == ["无年会议", "二一年会议"]  # by stored date: --03-28 first
        assert api.get("/events", params={"since": "03-01", "until": "03-31"}).json() == march
        for bad in ["--02-30", "2022-3-1", "x" * 300]:
            r = api.get("/events", params={"since": bad})
            assert r.status_code == 422, bad
