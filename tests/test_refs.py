"""References to research bullets: one shape, one resolver, one message, in every file.

A fact's source, a review's and a vendor change's bullets, a takeaway link's
bullets and takeaway all name a bullet; each file may write a reference as a
mapping or as `service-id#bullet-id`, and a reference to no bullet is told the
same way wherever it is, with the ids that exist nearest to it. The importer
finds who cites a bullet with the same walk (tests/test_import.py).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from handbook import yamlio
from handbook.catalog import DataError, data_files, load_catalog
from handbook.changes import VendorChangeFile
from handbook.facts import FactFile
from handbook.models import TakeawayLinks
from handbook.refs import can_cite, citations, place
from handbook.reviews import ReviewFile

WRONG = "int-crm-marketing#hubspot-rate-limt"
TOLD = (f"unknown bullet '{WRONG}' (nearest: int-crm-marketing#hubspot-rate-limit, "
        "int-crm-marketing#platform-rate-limits, int-crm-marketing#zoho-crm-rate-limit)")


def _edit(data: Path, name: str, change) -> None:
    path = data / name
    text = path.read_text(encoding="utf-8")
    doc = yaml.safe_load(text)
    change(doc)
    yamlio.write(path, doc, text.split("$schema=", 1)[1].split("\n", 1)[0])  # the schema line it had


def _problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as err:
        load_catalog(data)
    return err.value.problems


def _mapping(ref: str) -> dict:
    service, bullet = ref.split("#")
    return {"service": service, "bullet": bullet}


# Each file that cites bullets, the wrong reference written at one place in its own form.
EVERY_FILE = {
    "a fact's source": ("facts/hubspot.yaml", "facts[0].sources[0]",
                        lambda d: d["facts"][0]["sources"][0].update(_mapping(WRONG))),
    "a review's bullet": ("reviews.yaml", "reviews[0].bullets[0]",
                          lambda d: d["reviews"][0]["bullets"].__setitem__(0, _mapping(WRONG))),
    "a vendor change's bullet": ("vendor-changes.yaml", "changes[0].bullets[0]",
                                 lambda d: d["changes"][0]["bullets"].__setitem__(0, _mapping(WRONG))),
    "a takeaway link's bullet": ("takeaway-links.yaml", "links[0].applies_to[0]",
                                 lambda d: d["links"][0]["applies_to"].__setitem__(0, WRONG)),
}


@pytest.mark.parametrize("case", EVERY_FILE)
def test_a_reference_to_no_bullet_is_told_one_way_in_every_file(data_copy, case):
    name, where, change = EVERY_FILE[case]
    _edit(data_copy, name, change)
    found = _problems(data_copy)
    assert [p for p in found if "hubspot-rate-limt" in p] == [f"data/{name}: {where}: {TOLD}"], found


def test_a_takeaway_that_is_not_one_is_told_the_same_way(data_copy):
    _edit(data_copy, "takeaway-links.yaml", lambda d: d["links"][4].update(takeaway="exponential-back-off"))
    assert ("data/takeaway-links.yaml: links[4].takeaway: unknown bullet 'takeaways#exponential-back-off' "
            "(nearest: takeaways#exponential-backoff, integration-simple#exponential-backoff, "
            "integration-complex#exponential-backoff)") in _problems(data_copy)


def test_a_bullet_cited_under_another_service_is_found_first(data_copy):
    # The most likely slip: the right bullet, the wrong service.
    _edit(data_copy, "reviews.yaml", lambda d: d["reviews"][0]["bullets"].__setitem__(
        0, {"service": "int-crm-support", "bullet": "hubspot-rate-limit"}))
    told = [p for p in _problems(data_copy) if p.startswith("data/reviews.yaml: reviews[0].bullets[0]: ")]
    assert told == ["data/reviews.yaml: reviews[0].bullets[0]: unknown bullet 'int-crm-support#hubspot-rate-limit' "
                    "(nearest: int-crm-marketing#hubspot-rate-limit, int-crm-support#freshdesk-rate-limiting, "
                    "int-crm-support#support)"]


def test_both_forms_name_the_same_bullets(data_copy, catalog):
    # Reviews and changes written in the short form, takeaway links as mappings: the same catalog.
    def short(refs):
        return [f"{r['service']}#{r['bullet']}" for r in refs]

    _edit(data_copy, "reviews.yaml", lambda d: [r.update(bullets=short(r["bullets"])) for r in d["reviews"]])
    _edit(data_copy, "vendor-changes.yaml", lambda d: [c.update(bullets=short(c["bullets"])) for c in d["changes"]])
    _edit(data_copy, "takeaway-links.yaml",
          lambda d: [link.update(applies_to=[_mapping(r) for r in link["applies_to"]]) for link in d["links"]])
    assert "int-crm-marketing#hubspot-rate-limit" in (data_copy / "reviews.yaml").read_text(encoding="utf-8")
    again = load_catalog(data_copy)
    assert again.reviews == catalog.reviews and again.changes == catalog.changes
    assert [[a.ref for a in lt.applications] for lt in again.takeaway_links.takeaways] == \
        [[a.ref for a in lt.applications] for lt in catalog.takeaway_links.takeaways]


def test_a_short_form_that_is_not_one_is_located(data_copy):
    _edit(data_copy, "reviews.yaml", lambda d: d["reviews"][0]["bullets"].__setitem__(
        0, "int-crm-marketing/hubspot-rate-limit"))
    assert ("data/reviews.yaml: reviews[0].bullets[0]: 'int-crm-marketing/hubspot-rate-limit' is not a bullet "
            "reference (service-id#bullet-id)") in _problems(data_copy)


def test_a_reference_into_a_service_that_did_not_load_is_told_once(data_copy):
    # The service file's own problem is the one reported, not every reference into it.
    path = data_copy / "services" / "int-crm-marketing.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n  bad: [", encoding="utf-8")
    found = _problems(data_copy)
    assert [p for p in found if "int-crm-marketing" in p and not p.startswith("data/services/")] == [], found


# ---------------------------------------------------------------------------
# Who cites a bullet: the walk over every data file
# ---------------------------------------------------------------------------


def test_the_files_that_can_cite_are_walked():
    walked = {path.relative_to(ROOT / "data").as_posix() for path, model in data_files(ROOT / "data")
              if can_cite(model)}
    facts = {f"facts/{p.name}" for p in (ROOT / "data" / "facts").glob("*.yaml")}
    assert walked == facts | {"reviews.yaml", "vendor-changes.yaml", "takeaway-links.yaml"}


def _held(catalog) -> Counter:
    # Every reference the loaded catalog holds, by file and place, read from the models themselves.
    out: Counter = Counter()
    per_file: Counter = Counter()
    for fact in catalog.facts:
        name = f"facts/{fact.platform or 'general'}.yaml"
        for j, s in enumerate(fact.sources):
            out[name, f"facts[{per_file[name]}].sources[{j}]", str(s)] += 1
        per_file[name] += 1
    for i, r in enumerate(catalog.reviews):
        out.update(("reviews.yaml", f"reviews[{i}].bullets[{j}]", str(b)) for j, b in enumerate(r.bullets))
    for i, c in enumerate(catalog.changes):
        out.update(("vendor-changes.yaml", f"changes[{i}].bullets[{j}]", str(b)) for j, b in enumerate(c.bullets))
    links = yaml.safe_load((ROOT / "data" / "takeaway-links.yaml").read_text(encoding="utf-8"))["links"]
    for i, link in enumerate(links):
        out["takeaway-links.yaml", f"links[{i}].takeaway", f"takeaways#{link['takeaway']}"] += 1
        out.update(("takeaway-links.yaml", f"links[{i}].applies_to[{j}]", r) for j, r in enumerate(link["applies_to"]))
    return out


def test_the_walk_finds_every_reference_the_catalog_holds(catalog):
    found: Counter = Counter()
    for path, model in data_files(ROOT / "data"):
        name = path.relative_to(ROOT / "data").as_posix()
        found.update((name, place(loc), str(ref)) for loc, ref in citations(model, yamlio.load(yamlio.read_text(path))))
    held = _held(catalog)
    assert len(held) > 300 and found == held


def test_the_walk_reads_loaded_files_as_it_reads_yaml(catalog):
    for model, loaded, name in ((ReviewFile, ReviewFile(reviews=list(catalog.reviews)), "reviews.yaml"),
                                (VendorChangeFile, VendorChangeFile(changes=list(catalog.changes)), "vendor-changes.yaml"),
                                (FactFile, FactFile.model_validate(yamlio.load(yamlio.read_text(
                                    ROOT / "data" / "facts" / "hubspot.yaml"))), "facts/hubspot.yaml"),
                                (TakeawayLinks, TakeawayLinks.model_validate(yamlio.load(yamlio.read_text(
                                    ROOT / "data" / "takeaway-links.yaml"))), "takeaway-links.yaml")):
        as_read = [(loc, ref.key) for loc, ref in citations(model, yamlio.load(yamlio.read_text(ROOT / "data" / name)))]
        assert [(loc, ref.key) for loc, ref in citations(model, loaded)] == as_read and as_read, name
