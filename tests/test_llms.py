"""/llms.txt for assistants: what the handbook is, how to cite it, and every page's
Markdown version beside the page, in both languages, in the built site."""

from __future__ import annotations

import re

from conftest import LANGS


def test_llms_txt_lists_every_page_as_markdown_beside_it_and_the_facts(site):
    llms = (site / "llms.txt").read_text(encoding="utf-8")
    assert llms.startswith("# Integration Services Handbook\n\n> ")
    assert "How to cite" in llms and "checked" in llms
    links = re.findall(r"^- \[[^\]]+\]\(([^)]+)\)", llms, re.M)
    assert "api/v1/facts.json" in links
    missing = [link for link in links if not (site / link).is_file()]
    assert not missing, f"llms.txt lists files that are not in the site: {missing}"
    pages = [p.relative_to(site).as_posix() for p in site.rglob("index.html")]
    for page in pages:
        twin = page[: -len("index.html")] + "index.md"
        if (site / twin).exists() or "services/" in page or "compare/" in page:
            assert twin in links, f"{twin} (beside {page}) is not listed"
    for lang, prefix in LANGS.items():
        assert f"{prefix}services/int-calendar/index.md" in links and f"{prefix}glossary/index.md" in links
    english = (site / "en/services/int-calendar/index.md").read_text(encoding="utf-8")
    assert "Calendar integration" in english and "<html" not in english
