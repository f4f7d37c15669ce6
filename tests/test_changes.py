"""Vendor changes: the dated page in both languages, the feeds a consultant
subscribes to (read back with feedparser and icalendar), the coming changes on
the service and platform pages they affect, and the data's checks."""

from __future__ import annotations

import datetime as dt

import feedparser
import icalendar
import pytest
import yaml
from bs4 import BeautifulSoup

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
    # A past change's badge is there for changes.js to fill, empty and hidden.
    assert all(li.select_one(".hb-badge-coming").has_attr("hidden") for li in past)
    assert not any(li.select_one(".hb-badge-coming").get_text() for li in past)
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
    assert entry.title.startswith("2027-04-30: ") and entry.updated.startswith("2026-12-02")
    assert entry.link.endswith(f"/{LANGS[lang]}changes/#zendesk-api-tokens-retired")
    calendar = icalendar.Calendar.from_ical((folder / "vendor-changes.ics").read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == len(catalog.changes)
    event = next(e for e in events if str(e["uid"]).startswith("zendesk-api-tokens-retired."))
    assert event.decoded("dtstart") == dt.date(2027, 4, 30)
    assert str(event["url"]).endswith("#zendesk-api-tokens-retired")
    month = next(e for e in events if str(e["uid"]).startswith("hubspot-legacy-apis-and-apps-unsupported."))
    # A month alone: an all-day event over the whole month, from its first day, no false day.
    assert month.decoded("dtstart") == dt.date(2027, 9, 1) and month.decoded("duration") == dt.timedelta(days=30)
    assert "dtend" not in month
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


# ---------------------------------------------------------------------------
# True as days pass: months stay months, entries dated when recorded
# ---------------------------------------------------------------------------

MONTH_WORDS = {"en": ("September 2027", "During September 2027"), "he": ("ספטמבר 2027", "במהלך ספטמבר 2027")}


@pytest.mark.parametrize("lang", LANGS)
def test_a_change_known_to_the_month_stays_a_month_everywhere(catalog, site, html, lang):
    month, during = MONTH_WORDS[lang]
    item = html(LANGS[lang] + "changes/").find("li", id="hubspot-legacy-apis-and-apps-unsupported")
    time_ = item.select_one(".hb-change-head time")
    assert (time_["datetime"], time_.get_text()) == ("2027-09", month)
    assert "2027-09-01" not in item.get_text() and "2027-09 " not in item.get_text()
    folder = site / (LANGS[lang] + "changes")
    feed = feedparser.parse((folder / "vendor-changes.atom").read_bytes())
    entry = next(e for e in feed.entries if e.id.endswith("#hubspot-legacy-apis-and-apps-unsupported"))
    assert entry.title.startswith(f"{month}: ") and entry.summary.startswith(f"{during}. ")
    events = icalendar.Calendar.from_ical((folder / "vendor-changes.ics").read_bytes()).walk("VEVENT")
    event = next(e for e in events if str(e["uid"]).startswith("hubspot-legacy-apis-and-apps-unsupported."))
    assert str(event["description"]).startswith(f"{during}. ")
    # Every month-only change is an event over its whole month; a dated one, its day.
    for c in catalog.changes:
        e = next(e for e in events if str(e["uid"]).startswith(c.id + "."))
        assert e.decoded("dtstart") == c.day and e.decoded("duration") == dt.timedelta(days=c.days), c.id
        assert e["dtstart"].params.get("VALUE") == "DATE"


@pytest.mark.parametrize("lang", LANGS)
def test_atom_entries_are_dated_when_recorded_or_corrected_never_in_the_future(catalog, site, lang):
    feed = feedparser.parse((site / LANGS[lang] / "changes" / "vendor-changes.atom").read_bytes())
    by_id = {c.id: c for c in catalog.changes}
    build = FactBook(catalog).changes.today
    for entry in feed.entries:
        change = by_id[entry.id.split("#")[1]]
        assert entry.updated.startswith((change.revised or change.recorded).isoformat()), entry.id
        assert entry.published.startswith(change.recorded.isoformat())
        assert dt.date.fromisoformat(entry.updated[:10]) <= build
    assert dt.date.fromisoformat(feed.feed.updated[:10]) == max(c.revised or c.recorded for c in catalog.changes)
    # Each entry names the services and facts it affects, with links.
    entry = next(e for e in feed.entries if e.id.endswith("#google-calendar-standard-tier-limits"))
    content = entry.content[0].value
    assert "/services/int-calendar/" in content and "#google-calendar-rate-limit" in content


def test_the_feeds_survive_hostile_text_and_a_far_date(catalog):
    from handbook.changes import VendorChange
    hostile = "Limits\x00 change\x1b[31m; now, \\ twice\nor\x0b more <b>&amp; ]]> \ufffeend"
    far = [VendorChange(id="far-day", date="9999-12-31", platforms=["hubspot"], recorded="2026-12-01",
                        title={"en": hostile, "he": hostile}, detail={"en": hostile, "he": hostile},
                        facts=["hubspot-oauth"], sources=["https://developers.hubspot.com/x"]),
           VendorChange(id="far-month", date="9999-12", platforms=["hubspot"], recorded="2026-12-01",
                        title={"en": "A month", "he": "חודש"}, facts=["hubspot-oauth"],
                        sources=["https://developers.hubspot.com/y"])]
    log = ChangeLog(tuple(far), dt.date(2026, 12, 7), {})
    url = lambda c: f"https://example.org/changes/#{c.id}"  # noqa: E731
    atom = log.atom("en", "Changes", "https://example.org/f.atom", "https://example.org/changes/", url)
    import xml.etree.ElementTree as ET
    ET.fromstring(atom.encode("utf-8"))  # well-formed
    feed = feedparser.parse(atom.encode("utf-8"))
    assert not feed.bozo, feed.get("bozo_exception")
    clean = "Limits change[31m; now, \\ twice\nor more <b>&amp; ]]> end"
    by_id = {e.id.split("#")[1]: e for e in feed.entries}
    assert by_id["far-day"].title == "9999-12-31: " + clean
    assert by_id["far-month"].title == "December 9999: A month"
    ics = log.ical("en", "Changes", url)
    assert all(len(line.encode("utf-8")) <= 75 for line in ics.split("\r\n")), "lines folded at 75 octets"
    assert "SUMMARY:Limits change[31m\\; now\\, \\\\ twice\\nor more <b>&amp\\; ]]> end" in ics.replace("\r\n ", "")
    month, event = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    assert str(event["summary"]) == clean and event.decoded("dtstart") == dt.date(9999, 12, 31)
    assert month.decoded("duration") == dt.timedelta(days=31)
    assert [c.id for c in log.coming()] == ["far-month", "far-day"]


def test_a_change_recorded_after_the_build_date_is_located(data_copy, monkeypatch):
    monkeypatch.setenv("HANDBOOK_BUILD_DATE", "2026-12-07")

    plain = []

    def change(changes):
        plain.extend(i for i, c in enumerate(changes) if "revised" not in c)
        changes[plain[0]]["recorded"] = "2026-12-08"
        changes[plain[1]]["revised"] = "2027-01-01"
    found = first = _problems(data_copy, change)
    at = "data/vendor-changes.yaml: changes"
    assert found == [
        f"{at}[{plain[0]}].recorded: 2026-12-08 is after the build date 2026-12-07 "
        "(a typo? builds take the date from HANDBOOK_BUILD_DATE when set, else today)",
        f"{at}[{plain[1]}].revised: 2027-01-01 is after the build date 2026-12-07 "
        "(a typo? builds take the date from HANDBOOK_BUILD_DATE when set, else today)"]
    # `recorded` is required (the copy keeps the dates above: each entry is checked on its own).
    found = _problems(data_copy, lambda changes: changes[plain[2]].pop("recorded"))
    assert sorted(found) == sorted([*first, f"{at}[{plain[2]}].recorded: missing (field required)"])


def test_the_missing_changes_are_recorded_with_their_sources(catalog):
    by_id = {c.id: c for c in catalog.changes}
    scaled = by_id["google-calendar-scaled-tier-for-more-quota"]
    standard = by_id["google-calendar-standard-tier-limits"]
    assert (scaled.date, standard.date) == ("2026-11-24", "2027-04-01")
    for c in (scaled, standard):
        assert c.facts == ["google-calendar-rate-limit"]
        assert [s.url for s in c.sources] == ["https://developers.google.com/workspace/calendar/api/guides/quotas"]
    assert "Scaled Tier" in scaled.detail["en"] and "Standard Tier" in standard.title["en"]
    split = by_id["freshdesk-signup-split-2025-12"]
    assert split.date == "2025-12" and split.month_only and "freshdesk-api-plan" in split.reviews
    # The records that disagreed now agree with Intuit and Zendesk.
    reconnect = by_id["quickbooks-reconnect-url-required"]
    assert reconnect.date == "2026-01" and "January 2026" in reconnect.detail["en"]
    review = next(r for r in catalog.reviews if r.id == "quickbooks-access-token-lifetime")
    assert "from January 2026 apps must configure a Reconnect URL" in " ".join(review.official["en"].split())
    scopes = by_id["quickbooks-refresh-tokens-expire-accounting-scope"].detail
    for lang in LANGS:
        assert "com.intuit.quickbooks.accounting" in scopes[lang] and "com.intuit.quickbooks.payment" in scopes[lang]
        assert "com.quickbooks." not in scopes[lang]
    zendesk = by_id["zendesk-oauth-tokens-expire"]
    assert zendesk.date == "2026-05-01" and "after 30 April 2026" in zendesk.title["en"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_says_how_near_each_change_is_for_the_build_date(catalog, lang):
    from handbook.generate import Generator
    from bs4 import BeautifulSoup
    page = BeautifulSoup(Generator(catalog, today=dt.date(2026, 12, 30)).page("changes.md", lang), "html.parser")
    badge = lambda cid: page.find("li", id=cid).select_one(".hb-badge-coming")  # noqa: E731
    expected = {"en": ("in 2 days", "this month", "Coming"), "he": ("בעוד יומיים", "החודש", "בקרוב")}[lang]
    assert badge("shopify-public-apps-expiring-tokens-required").get_text() == expected[0]
    assert badge("quickbooks-refresh-tokens-expire-restricted-scopes").get_text() == expected[2]
    # The script's words are every script's (overrides/main.html, hb-words: test_words.py).
    from handbook.strings import script_words
    words = script_words(lang)
    assert words["lang"] == lang and words["change_is_coming"] == expected[2]
    assert page.select_one('script[src$="assets/javascripts/changes.js"]').has_attr("defer")
    in_month = BeautifulSoup(Generator(catalog, today=dt.date(2027, 2, 10)).page("changes.md", lang), "html.parser")
    assert in_month.find("li", id="quickbooks-refresh-tokens-expire-restricted-scopes").select_one(
        ".hb-badge-coming").get_text() == expected[1]


def test_the_site_rebuilds_every_day():
    from pathlib import Path
    workflow = yaml.safe_load((Path(__file__).resolve().parents[1] / ".github/workflows/publish.yml").read_text())
    [cron] = [s["cron"] for s in workflow[True]["schedule"]]
    minute, hour, day, month, weekday = cron.split()
    assert (day, month, weekday) == ("*", "*", "*") and minute.isdigit() and hour.isdigit()
    assert "push" in workflow[True]


def test_every_page_head_links_the_feed_in_its_language(site):
    pages = [p for p in site.rglob("*.html") if p.name != "404.html" or p.parent == site]
    assert len(pages) > 50
    for path in pages:
        rel = path.relative_to(site).as_posix()
        lang = "en" if rel.startswith("en/") else "he"
        head = BeautifulSoup(path.read_text(encoding="utf-8").split("</head>")[0], "html.parser")
        if head.find("meta", attrs={"http-equiv": "refresh"}):
            continue  # a redirect page
        links = head.select('link[rel=alternate][type="application/atom+xml"]')
        assert len(links) == 1, rel
        href = links[0]["href"]  # the root 404 page, served at any depth, links from the site's root
        target = (site / href[1:] if href.startswith("/") else path.parent / href).resolve()
        assert target == (site / LANGS[lang] / "changes" / "vendor-changes.atom").resolve(), (rel, links[0]["href"])
        assert links[0]["title"].startswith({"en": "Vendor changes", "he": "שינויים אצל הספקים"}[lang])
