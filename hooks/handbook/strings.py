"""The site's own words (not the research's), in both languages.

Section titles on the Hebrew side are the research's own labels, verbatim.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "he": {
        "site_name": "מדריך שירותי האינטגרציה",
        "technical_requirements": "דרישות טכניות",
        "systems": "מערכות שצריך גישה אליהן",
        "integrations": "אינטגרציות נדרשות",
        "prerequisites": "Prerequisites (מה צריך להיות מוכן מראש)",
        "notes": "הערות חשובות",
        "summary": "מה השירות עושה",
        "services": "שירותים",
        "services_description": "כל שירותי האינטגרציה בקטלוג, עם כיוון הסנכרון ומספר המערכות.",
        "takeaways": "תובנות משותפות",
        "takeaways_description": "התובנות המשותפות לכל שירותי האינטגרציה: אימות, rate limiting, סנכרון נתונים, טיפול בשגיאות ודרישות מוקדמות.",
        "service_number": "שירות",
        "number": "מס׳",
        "title": "שירות",
        "what_it_does": "מה הוא עושה",
        "direction": "כיוון סנכרון",
        "system_count": "מערכות",
        "one-way": "חד-כיווני",
        "two-way": "דו-כיווני",
        "link_to": "קישור ישיר לפריט זה",
        "link_to_section": "קישור ישיר לסעיף זה",
        "platforms": "פלטפורמות",
        "via": "דרך",
        "checklist_hint": "רשימת תיוג: סמנו מה כבר מוכן אצל הלקוח.",
        "on_this_page": "בעמוד זה",
        "items": "פריטים",
        "services_table_caption": "השירותים בקטלוג",
    },
    "en": {
        "site_name": "Integration Services Handbook",
        "technical_requirements": "Technical requirements",
        "systems": "Systems to access",
        "integrations": "Required integrations",
        "prerequisites": "Prerequisites (what must be ready in advance)",
        "notes": "Important notes",
        "summary": "What the service does",
        "services": "Services",
        "services_description": "Every integration service in the catalog, with its sync direction and number of systems.",
        "takeaways": "Common takeaways",
        "takeaways_description": "What all integration services have in common: authentication, rate limiting, data sync, error handling and prerequisites.",
        "service_number": "Service",
        "number": "No.",
        "title": "Service",
        "what_it_does": "What it does",
        "direction": "Sync direction",
        "system_count": "Systems",
        "one-way": "One-way",
        "two-way": "Two-way",
        "link_to": "Direct link to this item",
        "link_to_section": "Direct link to this section",
        "platforms": "Platforms",
        "via": "via",
        "checklist_hint": "Checklist: tick what the client already has in place.",
        "on_this_page": "On this page",
        "items": "items",
        "services_table_caption": "The services in the catalog",
    },
}

DIRECTION = {"he": "rtl", "en": "ltr"}
