"""The site's own words (not the research's), in both languages.

Section titles on the Hebrew side are the research's own labels, with a term
the research leaves in English put in Hebrew first and the English after it
("דרישות מקדימות (Prerequisites)"). A count is said through `plural` (at the
end): each counted word has a key per plural form of its language.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "he": {
        "site_name": "מדריך שירותי האינטגרציה",
        "technical_requirements": "דרישות טכניות",
        "systems": "מערכות שצריך גישה אליהן",
        "integrations": "אינטגרציות נדרשות",
        "prerequisites": "דרישות מקדימות (Prerequisites)",
        "notes": "הערות חשובות",
        "summary": "מה השירות עושה",
        "services": "שירותים",
        "services_description": "כל שירותי האינטגרציה בקטלוג, עם כיוון הסנכרון ומספר המערכות.",
        "takeaways": "תובנות משותפות",
        "takeaways_description": "התובנות המשותפות לכל שירותי האינטגרציה: אימות, rate limiting, סנכרון נתונים, טיפול בשגיאות ודרישות מקדימות.",
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
        "not_translated": "טרם תורגם",
        "translation_out_of_date": "התרגום אינו מעודכן",
        "print_checklist": "הדפסת רשימת התיוג ללקוח",
        "page_address": "כתובת העמוד",
        # Takeaway links and the glossary
        "takeaway_mark": "תובנה משותפת",
        "practices_title": "התובנות המשותפות שהשירות כרוך בהן",
        "items_one": "פריט אחד",
        "items_two": "שני פריטים",
        "items_other": "{n} פריטים",
        "applies_in": "מופיעה {items} {services}:",
        "in_items_one": "בפריט אחד",
        "in_items_two": "בשני פריטים",
        "in_items_other": "ב-{n} פריטים",
        "in_services_one": "בשירות אחד",
        "in_services_two": "בשני שירותים",
        "in_services_other": "ב-{n} שירותים",
        "no_bullet": "אף פריט של שירות אינו מנסח את התובנה הזו",
        "takeaways_links_hint": "תחת כל תובנה: השירותים והפריטים המדויקים שבהם היא חלה.",
        "glossary": "מילון מונחים",
        "glossary_description": "הקיצורים והמונחים הטכניים שהמחקר נשען עליהם, בהסבר קצר. בכל עמוד באתר, מעבר עם העכבר או מיקוד במקלדת על מונח מציגים את ההסבר שלו.",
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
        "not_translated": "Not translated yet",
        "translation_out_of_date": "Translation out of date",
        "print_checklist": "Print the client checklist",
        "page_address": "Page address",
        # Takeaway links and the glossary
        "takeaway_mark": "Common takeaway",
        "practices_title": "Common practices this service involves",
        "items_one": "{n} item",
        "items_other": "{n} items",
        "applies_in": "Stated in {items} {services}:",
        "in_items_one": "{n} item",
        "in_items_other": "{n} items",
        "in_services_one": "of {n} service",
        "in_services_other": "of {n} services",
        "no_bullet": "No service bullet states this takeaway",
        "takeaways_links_hint": "Under each takeaway: the services and the exact items where it applies.",
        "glossary": "Glossary",
        "glossary_description": "The abbreviations and technical terms the research relies on, briefly explained. On every page of the site, hovering over a term or focusing it with the keyboard shows its explanation.",
    },
}


# Words of the fact pages (comparisons, platforms, exports), merged into STRINGS.
FACT_STRINGS: dict[str, dict[str, str]] = {
    "he": {
        "facts": "עובדות ומספרים",
        "facts_hint": "המספרים של שירות זה כנתונים: כפי שנכתבו במחקר, ומנורמלים ליחידה אחת.",
        "any_system": "כל מערכת (כללי)",
        "per_minute_unit": "לדקה",
        "unit_seconds": "שניות",
        "unit_bytes": "בתים",
        "unit_request": "בקשות",
        "unit_call": "קריאות",
        "unit_message": "הודעות",
        "unit_webhook": "וובהוקים",
        "unit_variable": "משתנים",
        "unit_user": "משתמשים",
        "and_up": "ומעלה",
        "yes": "כן",
        "no": "לא",
        "kind_rate-limit": "מגבלת קצב או מכסה (Rate limit)",
        "kind_token-lifetime": "תוקף token",
        "kind_size-limit": "מגבלת גודל",
        "kind_timeout": "זמן קצוב (Timeout)",
        "kind_count-limit": "מגבלת כמות",
        "kind_plan-requirement": "דרישת חבילה",
        "kind_approval-time": "זמן אישור",
        "kind_cost": "עלות",
        "kind_backoff-schedule": "לוח backoff",
        "kind_auth-method": "שיטת אימות",
        "kind_webhook-signature": "חתימת webhook",
        "kind_time-window": "חלון זמן",
        "kind_threshold": "סף",
        "compare": "השוואות",
        "compare_description": "המגבלות, שיטות האימות וה-webhooks של כל הפלטפורמות במחקר, בטבלאות שאפשר למיין ולסנן.",
        "compare_rate-limits": "מגבלות קצב (Rate limits)",
        "compare_rate-limits_description": "כל rate limit ומכסה במחקר: כפי שנכתבו, מנורמלים לדקה וליום, והקצב הבטוח ב-85% מהקיבולת.",
        "compare_auth": "אימות",
        "compare_auth_description": "שיטות אימות, תוקף tokens, צורך ב-refresh ודרישות חבילה או edition, לכל פלטפורמה.",
        "compare_webhooks": "וובהוקים (Webhooks)",
        "compare_webhooks_description": "חתימות webhooks, timeouts, מגבלות גודל payload ומגבלות כמות.",
        "compare_limits": "מגבלות, עלויות ודרישות",
        "compare_limits_description": "מגבלות גודל, עלויות, זמני אישור, דרישות חבילה, ספי התראה ולוחות backoff.",
        "download": "הורדה",
        "download_csv": "טבלה זו כ-CSV",
        "download_json": "כל העובדות כ-JSON",
        "api_shape": "מבנה ה-JSON",
        "api_description": "הקבצים נבנים עם האתר מאותם נתונים כמו הטבלאות. facts.json (גרסה 1) מחזיק לכל עובדה: מזהה קבוע, פלטפורמה, סוג, הערך כפי שנכתב ויחידתו, ערכים מנורמלים (לדקה, ליום, שניות, בתים, דולרים), הסתייגויות והבולטים שמהם היא באה. ה-JSON Schema מתאר כל שדה; גרסה 1 רק מתרחבת בשדות רשות חדשים, ושינוי שובר יגיע כ-api/v2. קובצי ה-CSV מחזיקים בדיוק את העמודות והתאים של עמודי ההשוואה, בשפת העמוד.",
        "conflicts": "סתירות במחקר",
        "conflicts_description": "מקומות שבהם המחקר נותן לאותה פלטפורמה ולאותו מדד ערכים שונים. שני הערכים מוצגים, כל אחד עם המקור שלו.",
        "conflict_with": "סותר את",
        "no_conflicts": "אין סתירות.",
        "rows": "שורות",
        "filter": "סינון השורות",
        "sort_by": "מיון לפי",
        "platforms_description": "כל פלטפורמה, מוצר ותקן שהמחקר מזכיר: העובדות עליהם, השירותים שמשתמשים בהם והתיעוד הרשמי.",
        "platform": "פלטפורמה",
        "category": "קטגוריה",
        "official_docs": "תיעוד רשמי",
        "services_involving": "שירותים שמשתמשים בפלטפורמה",
        "no_services": "אף שירות לא משתמש בפלטפורמה זו כמערכת; היא מוזכרת בטקסט.",
        "no_facts": "אין במחקר מספרים על פלטפורמה זו.",
        "fact_count": "עובדות",
        "category_crm": "CRM",
        "category_marketing": "שיווק",
        "category_accounting": "חשבונאות",
        "category_support": "תמיכה",
        "category_calendar": "לוח שנה",
        "category_ecommerce": "מסחר מקוון (eCommerce)",
        "category_messaging": "הודעות",
        "category_automation": "אוטומציה",
        "category_database": "מסד נתונים",
        "category_cache": "מטמון (Cache)",
        "category_queue": "תור הודעות",
        "category_monitoring": "ניטור",
        "category_api-gateway": "שער API (API Gateway)",
        "category_cloud": "ענן וזהות",
        "category_standard": "תקן",
        "category_regulation": "רגולציה",
        "category_other": "אחר",
    },
    "en": {
        "facts": "Facts and figures",
        "facts_hint": "This service's numbers as data: as the research states them, and normalized to one unit.",
        "any_system": "Any system (general)",
        "per_minute_unit": "per minute",
        "unit_seconds": "seconds",
        "unit_bytes": "bytes",
        "unit_request": "requests",
        "unit_call": "calls",
        "unit_message": "messages",
        "unit_webhook": "webhooks",
        "unit_variable": "variables",
        "unit_user": "users",
        "and_up": "and up",
        "yes": "yes",
        "no": "no",
        "kind_rate-limit": "Rate limit or quota",
        "kind_token-lifetime": "Token lifetime",
        "kind_size-limit": "Size limit",
        "kind_timeout": "Timeout",
        "kind_count-limit": "Count limit",
        "kind_plan-requirement": "Plan requirement",
        "kind_approval-time": "Approval time",
        "kind_cost": "Cost",
        "kind_backoff-schedule": "Backoff schedule",
        "kind_auth-method": "Auth method",
        "kind_webhook-signature": "Webhook signature",
        "kind_time-window": "Time window",
        "kind_threshold": "Threshold",
        "compare": "Comparisons",
        "compare_description": "The limits, auth methods and webhooks of every platform in the research, in tables you can sort and filter.",
        "compare_rate-limits": "Rate limits",
        "compare_rate-limits_description": "Every rate limit and quota in the research: as stated, normalized per minute and per day, and the safe rate at 85% of capacity.",
        "compare_auth": "Authentication",
        "compare_auth_description": "Auth methods, token lifetimes, whether a refresh is needed, and plan or edition prerequisites, per platform.",
        "compare_webhooks": "Webhooks",
        "compare_webhooks_description": "Webhook signatures, timeouts, payload size limits and count limits.",
        "compare_limits": "Limits, costs and requirements",
        "compare_limits_description": "Size limits, costs, approval times, plan requirements, alert thresholds and backoff schedules.",
        "download": "Download",
        "download_csv": "this table as CSV",
        "download_json": "all facts as JSON",
        "api_shape": "the JSON's shape",
        "api_description": "The files are built with the site from the same data as the tables. facts.json (version 1) holds, per fact: a stable id, the platform, the kind, the value as stated with its unit, normalized values (per minute, per day, seconds, bytes, dollars), qualifiers and the bullets it comes from. The JSON Schema describes every field; version 1 only grows by new optional fields, and a breaking change would come as api/v2. The CSV files hold exactly the comparison pages' columns and cells, in the page's language.",
        "conflicts": "Conflicts in the research",
        "conflicts_description": "Where the research gives one platform and metric different values. Both are shown, each with its source.",
        "conflict_with": "conflicts with",
        "no_conflicts": "No conflicts.",
        "rows": "rows",
        "filter": "Filter the rows",
        "sort_by": "Sort by",
        "platforms_description": "Every platform, product and standard the research names: the facts about it, the services that use it, its official documentation.",
        "platform": "Platform",
        "category": "Category",
        "official_docs": "Official documentation",
        "services_involving": "Services that use it",
        "no_services": "No service uses this platform as a system; the research mentions it in the text.",
        "no_facts": "The research states no numbers about this platform.",
        "fact_count": "Facts",
        "category_crm": "CRM",
        "category_marketing": "Marketing",
        "category_accounting": "Accounting",
        "category_support": "Support",
        "category_calendar": "Calendar",
        "category_ecommerce": "eCommerce",
        "category_messaging": "Messaging",
        "category_automation": "Automation",
        "category_database": "Database",
        "category_cache": "Cache",
        "category_queue": "Queue",
        "category_monitoring": "Monitoring",
        "category_api-gateway": "API gateway",
        "category_cloud": "Cloud and identity",
        "category_standard": "Standard",
        "category_regulation": "Regulation",
        "category_other": "Other",
    },
}
for _lang, _words in FACT_STRINGS.items():
    STRINGS[_lang].update(_words)

# Words of the review data (status badges, official statements, the review page).
REVIEW_STRINGS: dict[str, dict[str, str]] = {
    "he": {
        "review": "בדיקת עובדות",
        "review_description": "מה נבדק במחקר מול התיעוד הרשמי של הספקים, מה עדיין לא אומת ומה צריך לבדוק שוב.",
        "review_status": "סטטוס בדיקה",
        "status_verified": "אומת",
        "status_imprecise": "לא מדויק",
        "status_outdated": "לא עדכני",
        "status_wrong": "שגוי",
        "status_unverified": "לא אומת",
        "status_unreviewed": "טרם נבדק",
        "official_says": "לפי המקור הרשמי",
        "official_sources": "מקורות",
        "no_sources": "לא נמצא מקור רשמי",
        "checked_on": "נבדק ב-",
        "changed_on": "הספק שינה ב-",
        "source_changed_on": "המקור השתנה ב-",
        "source_moved_on": "המקור עבר לכתובת אחרת ב-",
        "source_gone_on": "המקור הוסר ב-",
        "source_after_check": ", אחרי הבדיקה הזו",
        "verified_only": "רק עובדות שאומתו",
        "review_counts": "לפי סטטוס",
        "review_claims_one": "טענה אחת",
        "review_claims_two": "שתי טענות",
        "review_claims_other": "{n} טענות",
        "review_unreviewed_count_one": "עובדה אחת בטבלאות",
        "review_unreviewed_count_two": "שתי עובדות בטבלאות",
        "review_unreviewed_count_other": "{n} עובדות בטבלאות",
        "review_todo": "מה עוד לא אומת",
        "review_todo_description": "כל טענה שנבדקה ולא אומתה, עם מה שהמקור הרשמי אומר. המחקר עצמו לא משתנה; התיקון מוצג לידו בעמוד השירות.",
        "review_claim": "טענה במחקר",
        "review_covers": "מיקום במדריך",
        "review_stale": "בדיקות ישנות",
        "review_stale_description": "כל הבדיקות, הוותיקה ביותר ראשונה. בדיקה בת יותר מ-180 ימים (ביום הבנייה) מסומנת כישנה: צריך לבדוק אותה שוב.",
        "review_is_stale": "ישנה",
        "review_fresh": "בתוקף",
        "review_age_days": "ימים",
        "review_unreviewed": "עובדות שטרם נבדקו",
        "review_unreviewed_description": "עובדות מהטבלאות שאין להן עדיין בדיקה מול מקור רשמי.",
        "review_built_on": "נכון ליום הבנייה",
        "review_none": "אין.",
        "review_how": "איך מתעדים בדיקה חדשה: ב-README של הפרויקט, בפרק Recording a review.",
    },
    "en": {
        "review": "Fact check",
        "review_description": "Which of the research's claims were checked against the vendors' official documentation, which are not verified yet, and which need checking again.",
        "review_status": "Review status",
        "status_verified": "Verified",
        "status_imprecise": "Imprecise",
        "status_outdated": "Outdated",
        "status_wrong": "Wrong",
        "status_unverified": "Unverified",
        "status_unreviewed": "Not reviewed",
        "official_says": "The official source says",
        "official_sources": "Sources",
        "no_sources": "No official source found",
        "checked_on": "Checked on",
        "changed_on": "Vendor changed it on",
        "source_changed_on": "The source changed on",
        "source_moved_on": "The source moved on",
        "source_gone_on": "The source was removed on",
        "source_after_check": ", after this check",
        "verified_only": "Verified facts only",
        "review_counts": "By status",
        "review_claims_one": "{n} claim",
        "review_claims_other": "{n} claims",
        "review_unreviewed_count_one": "{n} fact in the tables",
        "review_unreviewed_count_other": "{n} facts in the tables",
        "review_todo": "Not verified yet",
        "review_todo_description": "Every checked claim that is not verified, with what the official source says. The research itself is unchanged; the correction is shown beside it on the service page.",
        "review_claim": "The research's claim",
        "review_covers": "Appears in",
        "review_stale": "Old checks",
        "review_stale_description": "Every check, oldest first. A check older than 180 days (on the build date) is marked stale: check it again.",
        "review_is_stale": "stale",
        "review_fresh": "current",
        "review_age_days": "days",
        "review_unreviewed": "Facts not reviewed yet",
        "review_unreviewed_description": "Facts in the tables that have not yet been checked against an official source.",
        "review_built_on": "As of the build date",
        "review_none": "None.",
        "review_how": "How to record a new review: the project's README, section Recording a review.",
    },
}
for _lang, _words in REVIEW_STRINGS.items():
    STRINGS[_lang].update(_words)

# Words of the answers (the official figure first) and the vendor changes.
ANSWER_STRINGS: dict[str, dict[str, str]] = {
    "he": {
        "status_guidance": "המלצה הנדסית",
        "research_says": "במחקר",
        "plan_filter": "חבילה:",
        "all_plans": "כל החבילות",
        "official_quote": "מצוטט מהמקור",
        "source_gated": "דורש התחברות",
        "figures_official": "הנתונים הרשמיים",
        "changes": "שינויים אצל הספקים",
        "changes_description": "כל שינוי מתוארך אצל הספקים שהבדיקות מצאו, עתידי ועבר, הקרוב ביותר ראשון, עם העובדות והשירותים שהוא משפיע עליהם.",
        "changes_coming": "שינויים קרובים",
        "changes_past": "שינויים שכבר נכנסו לתוקף",
        "change_is_coming": "בקרוב",
        "change_affects": "משפיע על",
        "change_month": "במהלך החודש",
        "changes_subscribe": "להרשמה לעדכונים:",
        "changes_atom": "פיד Atom",
        "changes_ical": "יומן (iCalendar)",
        "changes_none": "אין שינויים קרובים.",
        "coming_changes_here": "שינויים קרובים אצל הספקים",
        "review_hebrew_original": "המקור בעברית",
        "review_source_changed_group": "המקור השתנה אחרי הבדיקה",
        "every_fact": "כל העובדות",
        "every_fact_description": "כל עובדה במחקר, לפי פלטפורמה, עם התשובה שלה וקישור לשורה שלה בטבלת ההשוואה.",
        "normalized_rate": "= {minute} לדקה · {day} ליום · {safe} לדקה בקצב בטוח של 85%",
        "normalized_rate_day": "= {day} ליום · {safe} לדקה בקצב בטוח של 85%",
    },
    "en": {
        "status_guidance": "Engineering guidance",
        "research_says": "The research says",
        "plan_filter": "Plan:",
        "all_plans": "All plans",
        "official_quote": "Quoted from the source",
        "source_gated": "login required",
        "figures_official": "Official figures",
        "changes": "Vendor changes",
        "changes_description": "Every dated vendor change the reviews found, coming and past, nearest first, with the facts and services it affects.",
        "changes_coming": "Coming changes",
        "changes_past": "Changes already in effect",
        "change_is_coming": "coming",
        "change_affects": "Affects",
        "change_month": "during the month",
        "changes_subscribe": "Subscribe:",
        "changes_atom": "Atom feed",
        "changes_ical": "Calendar (iCalendar)",
        "changes_none": "No coming changes.",
        "coming_changes_here": "Coming vendor changes",
        "review_hebrew_original": "Hebrew original",
        "review_source_changed_group": "The source changed after the check",
        "every_fact": "Every fact",
        "every_fact_description": "Every fact of the research, by platform, with its answer and a link to its row in its comparison.",
        "normalized_rate": "= {minute} per minute · {day} per day · safe (85%): {safe} per minute",
        "normalized_rate_day": "= {day} per day · safe (85%): {safe} per minute",
    },
}
for _lang, _words in ANSWER_STRINGS.items():
    STRINGS[_lang].update(_words)

# ---------------------------------------------------------------------------
# Counts
# ---------------------------------------------------------------------------

# Counted words that only the counts use (the others sit with their pages' words above).
COUNT_STRINGS: dict[str, dict[str, str]] = {
    "he": {"row_count_one": "שורה אחת", "row_count_two": "שתי שורות", "row_count_other": "{n} שורות"},
    "en": {"row_count_one": "{n} row", "row_count_other": "{n} rows"},
}
for _lang, _words in COUNT_STRINGS.items():
    STRINGS[_lang].update(_words)

# Each language's plural forms (CLDR): a counted word has a key per form,
# `<key>_<form>`, with `{n}` where the number goes (Hebrew says one and two in words).
PLURAL_FORMS: dict[str, tuple[str, ...]] = {"he": ("one", "two", "other"), "en": ("one", "other")}


def plural_form(lang: str, n: int) -> str:
    """The plural form of `lang` that `n` takes."""
    form = {1: "one", 2: "two"}.get(n, "other")
    return form if form in PLURAL_FORMS[lang] else "other"


def plural(lang: str, n: int, key: str) -> str:
    """`n` with the word of `key` in the form `n` takes: "1 claim", "שתי טענות", "5 items"."""
    return STRINGS[lang][f"{key}_{plural_form(lang, n)}"].format(n=n)

# Words of the printed client checklist (blank fields to fill in on paper) and
# of language purity (issue 18).
PRINT_STRINGS: dict[str, dict[str, str]] = {
    "he": {
        "print_fields": "פרטים למילוי",
        "print_date": "תאריך",
        "print_client": "לקוח",
        "print_owner": "אחראי",
    },
    "en": {
        "print_fields": "To fill in",
        "print_date": "Date",
        "print_client": "Client",
        "print_owner": "Owner",
    },
}
for _lang, _words in PRINT_STRINGS.items():
    STRINGS[_lang].update(_words)

# ---------------------------------------------------------------------------
# A designed look: the glossary's letter index
# ---------------------------------------------------------------------------

LOOK_STRINGS: dict[str, dict[str, str]] = {
    "he": {"glossary_letters": "מונחים לפי האות הראשונה", "glossary_letter_link": "המונחים באות {letter}"},
    "en": {"glossary_letters": "Terms by first letter", "glossary_letter_link": "Terms under {letter}"},
}
for _lang, _words in LOOK_STRINGS.items():
    STRINGS[_lang].update(_words)

# ---------------------------------------------------------------------------
# The limit finder (finder/): every fact in one table, filtered from the address
# ---------------------------------------------------------------------------

FINDER_STRINGS: dict[str, dict[str, str]] = {
    "he": {
        "finder": "איתור מגבלה",
        "finder_description": "כל העובדות מכל הסוגים בטבלה אחת: סננו לפי פלטפורמה, סוג, סטטוס בדיקה וחבילה. הסינון נשמר בכתובת הדף, כך שאפשר לשלוח קישור לתצוגה המסוננת.",
        "finder_link": "איתור מגבלה לפי פלטפורמה, סוג, סטטוס וחבילה",
        "finder_platform": "פלטפורמה",
        "finder_kind": "סוג",
        "finder_status": "סטטוס בדיקה",
        "finder_plan": "חבילה",
        "finder_text": "חיפוש בטבלה",
        "finder_clear": "ניקוי הסינון",
        "finder_view_link": "קישור לתצוגה הזו",
        "finder_hint": "כמה ערכים באותו מסנן, או כמה מילים בחיפוש: שורה שמתאימה לאחד מהם.",
    },
    "en": {
        "finder": "Limit finder",
        "finder_description": "Every fact of every kind in one table: filter by platform, kind, review status and plan. The filters are kept in the page's address, so a filtered view is a link to send.",
        "finder_link": "Find a limit by platform, kind, status and plan",
        "finder_platform": "Platform",
        "finder_kind": "Kind",
        "finder_status": "Review status",
        "finder_plan": "Plan",
        "finder_text": "Search the table",
        "finder_clear": "Clear filters",
        "finder_view_link": "Link to this view",
        "finder_hint": "Several values of one filter, or several words in the search: a row that matches any of them.",
    },
}
for _lang, _words in FINDER_STRINGS.items():
    STRINGS[_lang].update(_words)

# ---------------------------------------------------------------------------
# Citations (a fact row's or a bullet's copy control; assets/javascripts/cite.js)
# ---------------------------------------------------------------------------

CITE_STRINGS: dict[str, dict[str, str]] = {
    "he": {"cite_copy": "העתקת ציטוט", "cite_copied": "הציטוט הועתק", "cite_link": "קישור קבוע"},
    "en": {"cite_copy": "Copy citation", "cite_copied": "Citation copied", "cite_link": "Permanent link"},
}
for _lang, _words in CITE_STRINGS.items():
    STRINGS[_lang].update(_words)

# Where an answer comes from, in words a client reads (answers.py: ORIGIN, VERDICT);
# `{date}` is where the day of the check goes.
ANSWER_ORIGIN_STRINGS: dict[str, dict[str, str]] = {
    "he": {
        "answer_vendor": "תיעוד הספק",
        "answer_vendor_short": "תיעוד הספק",
        "answer_unconfirmed": "לא אושר בתיעוד הספק",
        "answer_guidance": "המלצה הנדסית, לא נתון של ספק",
        "answer_checked": "נבדק ב-{date}",
        "answer_changed": "הספק שינה ב-{date}",
        "answer_corrected": "מתוקן",
        "answer_confirms": "מאשר את המחקר",
        "research_unconfirmed": "נתון מהמחקר, לא אושר על ידי הספק",
    },
    "en": {
        "answer_vendor": "Vendor documentation",
        "answer_vendor_short": "Vendor docs",
        "answer_unconfirmed": "Not confirmed in the vendor's documentation",
        "answer_guidance": "Engineering guidance, not a vendor's figure",
        "answer_checked": "checked {date}",
        "answer_changed": "vendor changed it on {date}",
        "answer_corrected": "corrected",
        "answer_confirms": "confirms the research",
        "research_unconfirmed": "the research's figure, not confirmed by the vendor",
    },
}
for _lang, _words in ANSWER_ORIGIN_STRINGS.items():
    STRINGS[_lang].update(_words)
