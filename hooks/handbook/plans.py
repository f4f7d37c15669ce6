"""Plans: the customer's plan of a vendor, and the one rule that decides what a chosen plan keeps.

A vendor's plans are listed once, in `data/platforms.yaml` (`Platform.plans`:
ids, names in both languages, legacy plans too). An official figure names the
plans it is for by id (`Figure.plan`); a figure with no plan is for every plan
of its vendor. The key of a plan in a page, its address and the exports is
`<platform>.<plan>` (`hubspot.professional`). `applies` is the plan filter's
rule; `docs/assets/javascripts/plans.js` is the same rule for the fact tables
and the limit finder, and the tests hold the two to the same rows.
"""

from __future__ import annotations

from typing import Iterable

SEPARATOR = "."


def key(platform: str, plan: str) -> str:
    """A plan's key: its vendor and its id (`hubspot.professional`)."""
    return f"{platform}{SEPARATOR}{plan}"


def vendor_of(plan_key: str) -> str:
    return plan_key.split(SEPARATOR, 1)[0]


def applies(vendor: str, plans: Iterable[str], chosen: Iterable[str]) -> bool:
    """Whether a figure applies to one of the chosen plans (keys). A figure names its plans (keys), or
    none: then it is for every plan of its vendor. Nothing chosen: every figure applies."""
    chosen = set(chosen)
    if not chosen:
        return True
    plans = set(plans)
    if plans:
        return bool(plans & chosen)
    return bool(vendor) and any(vendor_of(c) == vendor for c in chosen)


def keeps(lines: Iterable[tuple[str, Iterable[str]]], chosen: Iterable[str]) -> bool:
    """Whether a row stays for the chosen plans: one of its figures (vendor, plan keys) applies."""
    chosen = set(chosen)
    return not chosen or any(applies(vendor, plans, chosen) for vendor, plans in lines)
