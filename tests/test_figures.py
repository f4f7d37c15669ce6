"""Figures as a reader reads them, and which ones are normalized and compared.

The research's facts and the reviews' official figures are one shape
(handbook/figures.py): these tests hold its words and its kinds, with no site.
"""

from __future__ import annotations

import pydantic
import pytest

from handbook.facts import Fact, conflicts
from handbook.figures import Quantity, measure_of, words
from handbook.reviews import Figure, Review


def q(**kw) -> Quantity:
    return Quantity.model_validate(kw)


def fig(**kw) -> Figure:
    return Figure.model_validate(kw)


# ---------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("figure, en, he", [
    (dict(value=100, unit="request", per={"amount": 10, "unit": "second"}),
     "100 requests per 10 seconds", "100 בקשות לכל 10 שניות"),
    (dict(value=200, unit="call", per="minute"), "200 calls per minute", "200 קריאות לדקה"),
    (dict(value=10000, unit="request", per="day"), "10,000 requests per day", "10,000 בקשות ליום"),
    (dict(value=500000, unit="call", per="month"), "500,000 calls per month", "500,000 קריאות לחודש"),
    # Durations in their natural unit, never in seconds.
    (dict(value=1, unit="hour"), "1 hour", "שעה"),
    (dict(value=3600, unit="second"), "1 hour", "שעה"),
    (dict(value=1800, unit="second"), "30 minutes", "30 דקות"),
    (dict(value=100, unit="day"), "100 days", "100 ימים"),
    (dict(value=24, unit="hour"), "24 hours", "24 שעות"),
    (dict(value=86400, unit="second"), "24 hours", "24 שעות"),
    (dict(value=6, unit="month"), "6 months", "6 חודשים"),
    # Sizes as stated, counts grouped.
    (dict(value=5, unit="MB"), "5 MB", "5 MB"),
    (dict(value=100, unit="MB"), "100 MB", "100 MB"),
    (dict(value=10, unit="concurrent connection"), "10 simultaneous connections", "10 חיבורים בו-זמניים"),
    (dict(value=250, unit="recipient", per={"amount": 24, "unit": "hour"}),
     "250 unique recipients per 24 hours", "250 נמענים ייחודיים לכל 24 שעות"),
    (dict(min=100, max=150, unit="call", per="minute"), "100–150 calls per minute", "100–150 קריאות לדקה"),
    (dict(min=25, unit="user"), "25+ users", "25+ משתמשים"),
])
def test_a_figure_reads_as_people_write_it(figure, en, he):
    f = fig(**figure)
    assert (words(f, "en"), words(f, "he")) == (en, he)


def test_unlimited_reads_as_unlimited():
    f = fig(unlimited=True, unit="recipient", per={"amount": 24, "unit": "hour"})
    assert words(f, "en") == "unlimited unique recipients per 24 hours"
    assert words(f, "he") == "נמענים ייחודיים ללא הגבלה לכל 24 שעות"


# ---------------------------------------------------------------------------
# Kinds: only a rate over a time window is normalized
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("figure, measure", [
    (dict(value=100, unit="request", per={"amount": 10, "unit": "second"}), "rate"),
    (dict(value=500000, unit="call", per="month"), "quota"),
    (dict(value=5000, unit="credit", per={"amount": 24, "unit": "hour"}), "points"),
    (dict(value=100, unit="cost point", per="second"), "points"),
    (dict(value=1000, unit="recipient", per={"amount": 24, "unit": "hour"}), "recipients"),
    (dict(value=10, unit="concurrent connection"), "concurrency"),
    (dict(value=1, unit="hour"), "duration"),
    (dict(value=16, unit="MB"), "size"),
    (dict(value=10, unit="variable"), "count"),
])
def test_each_figure_has_its_kind(figure, measure):
    assert fig(**figure).measure == measure


def test_only_rates_get_per_minute_per_day_and_the_safe_rate():
    rate = fig(value=100, unit="request", per={"amount": 10, "unit": "second"})
    assert (rate.per_minute.min, rate.per_day.min, rate.safe_per_minute.min) == (600, 864_000, pytest.approx(510))
    for other in (fig(value=500000, unit="call", per="month"),  # a monthly quota: not ≈ 11.6 a minute
                  fig(value=1000, unit="recipient", per={"amount": 24, "unit": "hour"}),  # not ≈ 0.69 messages/min
                  fig(value=100, unit="cost point", per="second"),
                  fig(value=10, unit="concurrent connection")):
        assert other.per_minute is None and other.per_day is None and other.safe_per_minute is None
    assert measure_of("hour", None) == "duration" and fig(value=6, unit="month").seconds.min == 6 * 30 * 86400


# ---------------------------------------------------------------------------
# The figure's shape: errors named
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("figure, message", [
    (dict(value=1, unlimited=True, unit="request", per="day"), "exactly one of value, min/max or unlimited"),
    (dict(unit="request", per="day"), "exactly one of value, min/max or unlimited"),
    (dict(value=5), "needs its unit"),
    (dict(value=5, unit="MB", per="minute"), "'per' needs a counted unit"),
    (dict(value=5, unit="parsec"), "unit"),
    (dict(min=9, max=3, unit="day"), "min 9.0 is above max 3.0"),
    (dict(value=5, unit="day", plan=""), "plan"),
])
def test_a_bad_figure_says_what_is_wrong(figure, message):
    with pytest.raises(pydantic.ValidationError) as err:
        fig(**figure)
    assert message in str(err.value)


def _review(**kw) -> dict:
    base = dict(id="x", claim={"he": "א", "en": "a"}, status="imprecise", facts=["a", "b"],
                official={"he": "א", "en": "a"}, sources=["https://example.com/"], checked="2026-12-02")
    return {**base, **kw}


def test_a_figure_answers_one_of_its_reviews_facts_or_all_of_them():
    r = Review.model_validate(_review(figures=[dict(value=1, unit="hour", fact="a"), dict(value=2, unit="hour")]))
    assert [f.value.min for f in r.figures_for("a")] == [1, 2] and [f.value.min for f in r.figures_for("b")] == [2]
    with pytest.raises(pydantic.ValidationError, match="figures\\[0\\].fact: 'c' is not one of this review's facts"):
        Review.model_validate(_review(figures=[dict(value=1, unit="hour", fact="c")]))


def test_a_source_may_be_marked_as_needing_a_login():
    r = Review.model_validate(_review(sources=["https://a.example/x", {"url": "https://b.example/y", "gated": True}]))
    assert [(s.host, s.gated) for s in r.sources] == [("a.example", False), ("b.example", True)]
    with pytest.raises(pydantic.ValidationError):
        Review.model_validate(_review(sources=[{"url": "http://insecure.example/"}]))


def test_guidance_is_a_status_of_its_own():
    assert Review.model_validate(_review(status="guidance")).status == "guidance"
    with pytest.raises(pydantic.ValidationError):
        Review.model_validate(_review(status="correct"))


# ---------------------------------------------------------------------------
# Conflicts: a range does not disagree with its own endpoints
# ---------------------------------------------------------------------------


def _fact(id, plan=None, **value) -> Fact:
    return Fact.model_validate(dict(id=id, kind="rate-limit", subject={"he": "קריאות", "en": "calls"}, unit="call",
                                    per="minute", plan=plan, sources=[{"service": "s", "bullet": "b", "stated": "x"}],
                                    **value)).placed("zoho-crm")


def test_a_range_holds_its_endpoints_and_a_different_number_conflicts():
    span = _fact("span", value={"min": 100, "max": 150})
    free, paid = _fact("free", "free", value=100), _fact("paid", "paid", value=150)
    assert conflicts([span, free, paid]) == []
    other = _fact("other", value=200)
    assert [(c.first.id, c.second.id) for c in conflicts([span, other])] == [("span", "other")]
