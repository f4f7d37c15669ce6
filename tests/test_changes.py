"""Vendor changes: the dated page in both languages, the feeds a consultant
subscribes to (read back with feedparser and icalendar), the coming changes on
the service and platform pages they affect, and the data's checks."""

from __future__ import annotations

import datetime as dt

import feedparser
import icalendar
import pytest
import yaml

from conftest import LANGS
from handbook.catalog import DataError, load_catalog
from handbook.changes import ChangeLog
from handbook.facttables import FactBook
from handbook.reviews import ReviewBook


@pytest.fixture(scope="module")
def log(catalog) -> ChangeLog:
    return FactBook(catalog, ReviewBook(catalog.reviews, dt.date(2026, 12, 6))).changes


def test_the_changes_split_into_coming_soonest_first_and_past_latest_first(catalog, log):
    coming, past = log.coming(), log.past()
    assert len(coming) + len(past) == len(catalog.changes) >= 25
    assert [c.day for c in coming] == sorted(c.day for c in coming) and coming[0].day > dt.date(2026, 12, 6)
    assert [c.day for c in past] == sorted((c.day for c in past), reverse=True)
    retired = next(c for c in coming if c.id == "zendesk-api-tokens-retired")
    assert log.services(retired) == ["int-crm-support"]
    # Every review's vendor-change date is on the list.
    dated = {(c.date[:7], r) for c in catalog.changes for r in c.reviews}
    assert all((r.changed.isoformat()[:7], r.id) in dated for r in catalog.reviews if r.changed)


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_lists_every_change_nearest_first_with_what_it_affects(catalog, html, log, lang):
    page = html(LANGS[lang] + "changes/")
    items = page.select("#coming ~ ul.hb-changes")[0].select("li.hb-change")
    build = FactBook(catalog).changes  # the build's own date
    assert [li["id"] for li in items] == [c.id for c in build.coming()]
    assert all(li.select_one(".hb-badge-coming") for li in items)
    past = page.select("#past ~ ul.hb-changes")[0].select("li.hb-change")
    assert [li["id"] for li in past] == [c.id for c in build.past()]
    assert not any(li.select_one(".hb-badge-coming") for li in past)
    retired = page.find("li", id="zendesk-api-tokens-retired")
    assert retired.find("time")["datetime"] == "2027-04-30"
    links = [a["href"] for a in retired.select("a")]
    assert "../services/int-crm-support/" in links and "../platforms/zendesk/" in links
    assert any(h.startswith("../platforms/zendesk/#zendesk-auth-methods") for h in links)
    assert any(h.startswith("../review/#") for h in links)


@pytest.mark.parametrize("lang", LANGS)
def test_the_feeds_parse_and_list_every_change(catalog, site, lang):
    folder = site / (LANGS[lang] + "changes")
    feed = feedparser.parse((folder / "vendor-changes.atom").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and len(feed.entries) == len(catalog.changes)
    assert feed.feed.language == lang
    entry = next(e for e in feed.entries if e.id.endswith("#zendesk-api-tokens-retired"))
    assert entry.title.startswith("2027-04-30: ") and entry.updated.startswith("2027-04-30")
    assert entry.link.endswith(f"/{LANGS[lang]}changes/#zendesk-api-tokens-retired")
    calendar = icalendar.Calendar.from_ical((folder / "vendor-changes.ics").read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == len(catalog.changes)
    event = next(e for e in events if str(e["uid"]).startswith("zendesk-api-tokens-retired."))
    assert event.decoded("dtstart") == dt.date(2027, 4, 30)
    assert str(event["url"]).endswith("#zendesk-api-tokens-retired")
    month = next(e for e in events if str(e["uid"]).startswith("hubspot-legacy-apis-and-apps-unsupported."))
    assert month.decoded("dtstart") == dt.date(2027, 9, 1)  # a month alone: its first day
    # The page links both.
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert 'href="vendor-changes.atom"' in page and 'href="vendor-changes.ics"' in page


@pytest.mark.parametrize("lang", LANGS)
def test_service_and_platform_pages_show_their_coming_changes(catalog, html, lang):
    build = FactBook(catalog).changes
    for url, expected in (("services/int-crm-support/", build.for_service("int-crm-support")),
                          ("platforms/hubspot/", build.for_platform("hubspot"))):
        box = html(LANGS[lang] + url).select_one(".hb-coming-changes")
        assert expected and box is not None, url
        assert [a["href"].split("#")[1] for a in box.select("a")] == [c.id for c in expected]
    # A service no coming change affects has no box.
    quiet = [s.id for s in catalog.services if not build.for_service(s.id)]
    assert quiet and html(LANGS[lang] + f"services/{quiet[0]}/").select_one(".hb-coming-changes") is None


def _problems(data, change) -> list[str]:
    path = data / "vendor-changes.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc["changes"])
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_catalog(data)
    return err.value.problems


def test_bad_dates_are_reported_with_file_and_place(data_copy):
    def change(changes):
        changes[0]["date"] = "2027-02-30"
        changes[6]["date"] = "2027-13"
    found = _problems(data_copy, change)
    assert len(found) == 2, found
    assert found[0].startswith("data/vendor-changes.yaml: changes[0]") and "2027-02-30" in found[0]
    assert found[1].startswith("data/vendor-changes.yaml: changes[6].date")


def test_unknown_references_are_all_listed(data_copy):
    def change(changes):
        changes[1]["platforms"] = ["no-such-platform"]
        changes[2]["facts"] = ["no-such-fact"]
        changes[3]["reviews"] = ["no-such-review"]
        changes[4]["id"] = changes[5]["id"]
    found = _problems(data_copy, change)
    at = "data/vendor-changes.yaml: changes"
    assert f"{at}[1].platforms[0]: unknown platform 'no-such-platform' (not in data/platforms.yaml)" in found
    assert f"{at}[2].facts[0]: unknown fact 'no-such-fact' (not in data/facts/)" in found
    assert f"{at}[3].reviews[0]: unknown review 'no-such-review' (not in data/reviews.yaml)" in found
    assert any(p.startswith(f"{at}[5].id: duplicate change id") for p in found)
