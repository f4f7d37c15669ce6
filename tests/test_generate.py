"""The generator on its own: no MkDocs, models in, Markdown out."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT
from handbook.bidi import runs
from handbook.generate import Generator, MarkerError
from handbook.urls import relative as relative_url


@pytest.fixture(scope="module")
def generator(catalog):
    return Generator(catalog)


def test_pages_cover_every_service_and_the_takeaways(generator, catalog):
    paths = generator.paths()
    assert [p for p in paths if p.startswith("services/") and p != "services/index.md"] == [
        f"services/{s.id}.md" for s in catalog.services]
    assert "takeaways.md" in paths


def test_service_page_has_sections_with_explicit_ids(generator):
    md = generator.page("services/int-crm-marketing.md", "he")
    assert md.startswith('---\ntitle: "35. אינטגרציית CRM-Marketing"\n')
    for section in ("technical-requirements", "systems", "integrations", "prerequisites", "notes"):
        assert f"{{#{section}}}" in md
    assert '<li id="hubspot-rate-limit">' in md or 'id="hubspot-rate-limit' in md


def test_markers_are_filled_and_unknown_ones_stop(generator):
    out = generator.expand_markers("a\n<!-- handbook:services-table -->\nb", "en", "index.md", "docs/en/index.md")
    assert '<table class="hb-services"' in out and "handbook:" not in out
    assert 'href="services/whatsapp-api-setup/"' in out
    with pytest.raises(MarkerError, match=r"docs/en/index.md: unknown marker 'handbook:nope'"):
        generator.expand_markers("<!-- handbook:nope -->", "en", "index.md", "docs/en/index.md")


@pytest.mark.parametrize("src, dst, expected", [
    ("index.md", "services/int-calendar.md", "services/int-calendar/"),
    ("services/index.md", "services/int-calendar.md", "int-calendar/"),
    ("services/int-calendar.md", "takeaways.md", "../../takeaways/"),
    ("services/int-calendar.md", "index.md", "../../"),
    ("takeaways.md", "takeaways.md", "./"),
])
def test_relative_urls(src, dst, expected):
    assert relative_url(src, dst) == expected


@pytest.mark.parametrize("text, isolated", [
    ("אם אחת המערכות מגיעה ל-rate limit, צריך exponential backoff (1s, 2s, 4s...)",
     ["rate limit", "exponential backoff (1s, 2s, 4s...)"]),
    ("פורמט מספר חייב להיות בינלאומי: +972501234567 (לא 050-123-4567)", ["+972501234567", "050-123-4567"]),
    ("HubSpot rate limit: 10,000 requests ליום (free), 160 requests לכל 10 שניות",
     ["HubSpot rate limit", "10,000 requests", "(free), 160 requests", "10"]),
    ("System A → System B: העברת נתונים בכיוון אחד (unidirectional)", ["System A → System B", "(unidirectional)"]),
    ("Webhook signature verification חובה: base64(HMACSHA256(timestamp + body))",
     ["Webhook signature verification", "base64(HMACSHA256(timestamp + body))"]),
    ("WhatsApp Business API (Cloud API או On-Premises)", ["WhatsApp Business API", "Cloud API", "On-Premises"]),
    # a neutral that ends a Latin word stays with it; one joining Hebrew, or a parenthesis opened in Hebrew, does not
    ("Freshdesk: API Key, צריך Blossom+", ["Freshdesk", "API Key", "Blossom+"]),
    ("Zoho CRM: OAuth 2.0, Enterprise edition+ (Free edition לא תומך!)",
     ["Zoho CRM", "OAuth 2.0, Enterprise edition+", "Free edition"]),
    ("דורש 25+ משתמשים", ["25+"]),
    ("Zoho CRM: 100 calls/דקה", ["Zoho CRM", "100 calls"]),
    ("לא זמין ב-Sprout/Free)", ["Sprout/Free"]),
])
def test_latin_and_number_runs_are_isolated_in_hebrew(text, isolated):
    parts = runs(text, "rtl")
    assert "".join(p for _, p in parts) == text  # nothing lost or reordered
    assert [p for d, p in parts if d == "ltr"] == isolated


def test_source_link_titles_isolate_latin_runs_in_hebrew(generator):
    # A title attribute is plain text: Unicode isolates keep "Blossom+" and
    # "Zoho CRM: ... edition+" whole in a Hebrew tooltip.
    md = generator.page("services/int-crm-support.md", "he")
    assert 'title="\u2066Freshdesk API\u2069 לא זמין ב-\u2066Sprout (free) plan\u2069, צריך \u2066Blossom+\u2069"' in md
    assert 'title="\u2066Zoho CRM\u2069: \u2066OAuth 2.0, Enterprise edition+\u2069 (\u2066Free edition\u2069 לא תומך!)"' in md


def test_hebrew_in_english_is_isolated():
    assert [p for d, p in runs("registration number (ח.פ.) and VAT", "ltr") if d == "rtl"] == ["ח.פ"]


def test_export_writes_both_languages_without_mkdocs(tmp_path):
    result = subprocess.run([sys.executable, "-m", "handbook", "export", str(tmp_path)],
                            capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "hooks")})
    assert result.returncode == 0, result.stderr
    for lang in ("he", "en"):
        page = (tmp_path / lang / "services" / "whatsapp-api-setup.md").read_text(encoding="utf-8")
        assert "{#technical-requirements}" in page
        home = (tmp_path / lang / "index.md").read_text(encoding="utf-8")
        assert "handbook:" not in home and "hb-services" in home
    check = subprocess.run([sys.executable, "-c", "import handbook.export, handbook.generate, sys; "
                            "print(any(m.startswith('mkdocs') for m in sys.modules))"],
                           capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "hooks")})
    assert check.stdout.strip() == "False"


def test_schemas_are_up_to_date():
    result = subprocess.run([sys.executable, "-m", "handbook", "schema", "--check"],
                            capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "hooks")})
    assert result.returncode == 0, result.stderr


def test_every_data_file_names_its_schema():
    for path in sorted((ROOT / "data").rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("=", 1)[1]).resolve()
        assert schema.exists(), f"{path}: schema {schema} missing"


def test_mkdocs_yml_lists_the_languages_of_handbook_languages():
    # i18n reads its languages from mkdocs.yml; everything else from handbook.languages.
    import yaml

    from handbook.languages import LANGUAGES

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    listed = [(lang["locale"], bool(lang.get("default")), lang["name"], lang["site_name"]) for lang in i18n["languages"]]
    assert listed == [(lang.code, lang.default, lang.name, lang.site_name) for lang in LANGUAGES]
    assert config["theme"]["language"] == LANGUAGES[0].code and LANGUAGES[0].default


def test_links_by_kind_land_where_the_site_serves_them(generator):
    from handbook.urls import PageLinks, from_root

    en_review = PageLinks("review.md", "en", generator.facts)
    # An English claim's Hebrew original: out of en/, into the Hebrew service page, at the bullet.
    assert en_review.original("int-calendar", "google-calendar-auth", "he") == \
        "../../services/int-calendar/#google-calendar-auth"
    assert en_review.original("takeaways", "oauth-2-1-new-standard", "he") == \
        "../../takeaways/#oauth-2-1-new-standard"
    assert en_review.export("facts.json") == "../../api/v1/facts.json"
    assert PageLinks("index.md", "he").export("facts.json") == "api/v1/facts.json"
    assert from_root("changes.md", "x", "en") == "en/changes/#x" and from_root("index.md", None, "he") == ""
    # A fact of a platform is a row of its platform's page; a general fact, of its first comparison.
    book = generator.facts
    platform_fact = next(r for r in book.rows if r.fact.platform)
    general_fact = next(r for r in book.rows if not r.fact.platform)
    here = PageLinks("changes.md", "he", book)
    assert here.fact(platform_fact.id) == f"../platforms/{platform_fact.fact.platform}/#{platform_fact.id}"
    assert here.fact(general_fact.id) == f"../compare/{book.comparisons_of(general_fact.id)[0]}/#{general_fact.id}"
