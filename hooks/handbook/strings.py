"""The site's own words (not the research's), in both languages.

Section titles on the Hebrew side are the research's own labels, with a term
the research leaves in English put in Hebrew first and the English after it
("דרישות מקדימות (Prerequisites)"). A count is said through `plural` (at the
end): each counted word has a key per plural form of its language.
"""

from __future__ import annotations

from .languages import LANGUAGES

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
        "nav_full_list": "הרשימה המלאה ({n})",
        "via": "דרך",
        "checklist_hint": "רשימת תיוג: סמנו מה כבר מוכן אצל הלקוח.",
        "on_this_page": "בדף זה",
        "items": "פריטים",
        "services_table_caption": "השירותים בקטלוג",
        "not_translated": "טרם תורגם",
        "translation_out_of_date": "התרגום אינו מעודכן",
        "print_checklist": "הדפסת רשימת התיוג ללקוח",
        "page_address": "כתובת הדף",
        # Takeaway links and the glossary
        "takeaway_mark": "תובנה משותפת",
        "practices_title": "תובנות משותפות שרלוונטיות לשירות",
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
        "no_bullet": "התובנה הזו לא מופיעה באף פריט של שירות",
        "takeaways_links_hint": "תחת כל תובנה: השירותים והפריטים המדויקים שבהם היא חלה.",
        "glossary": "מילון מונחים",
        "glossary_description": "הקיצורים והמונחים הטכניים שהמחקר נשען עליהם, בהסבר קצר. בכל דף באתר אפשר לראות הסבר על מונח בריחוף עם העכבר או במיקוד מהמקלדת.",
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
        "nav_full_list": "The full list ({n})",
        "via": "via",
        "checklist_hint": "Checklist: check off what the client already has in place.",
        "on_this_page": "On this page",
        "items": "items",
        "services_table_caption": "The services in the catalog",
        "not_translated": "Not translated yet",
        "translation_out_of_date": "Translation out of date",
        "print_checklist": "Print the client checklist",
        "page_address": "Page address",
        # Takeaway links and the glossary
        "takeaway_mark": "Common takeaway",
        "practices_title": "Common takeaways relevant to this service",
        "items_one": "{n} item",
        "items_other": "{n} items",
        "applies_in": "Stated in {items} {services}:",
        "in_items_one": "{n} item",
        "in_items_other": "{n} items",
        "in_services_one": "of {n} service",
        "in_services_other": "of {n} services",
        "no_bullet": "No service item states this takeaway",
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
        "unit_webhook": "וובהוקים (webhooks)",
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
        "kind_backoff-schedule": "סדרת המתנות (backoff)",
        "kind_auth-method": "שיטת אימות",
        "kind_webhook-signature": "חתימת webhook",
        "kind_time-window": "חלון זמן",
        "kind_threshold": "סף",
        "compare": "השוואות",
        "compare_description": "המגבלות, שיטות האימות וה-webhooks של כל הפלטפורמות במחקר, בטבלאות שאפשר למיין ולסנן.",
        "compare_rate-limits": "מגבלות קצב (Rate limits)",
        "compare_rate-limits_description": "כל rate limit ומכסה במחקר, והתשובה של הספק קודם. קצב שהלקוח מווסת לפיו מוצג גם לדקה וליום (אף פעם לא מעל תקרה שהספק מציין), וגם ב-85% מהקיבולת, לפי כלל האצבע של המחקר; בפועל כדאי לווסת לפי כותרות ה-rate limit של הספק.",
        "compare_auth": "אימות",
        "compare_auth_description": "שיטות אימות, תוקף tokens, צורך ב-refresh ודרישות חבילה או edition, לכל פלטפורמה.",
        "compare_webhooks": "וובהוקים (Webhooks)",
        "compare_webhooks_description": "חתימות webhooks, timeouts, מגבלות גודל payload ומגבלות כמות.",
        "compare_limits": "מגבלות, עלויות ודרישות",
        "compare_limits_description": "מגבלות גודל, עלויות, זמני אישור, דרישות חבילה, ספי התראה וסדרות המתנה (backoff).",
        "download": "הורדה",
        "download_csv": "טבלה זו כ-CSV",
        "download_json": "כל העובדות כ-JSON",
        "api_shape": "מבנה ה-JSON",
        "api_description": "הקבצים נבנים עם האתר מאותם נתונים כמו הטבלאות. facts.json (גרסה 1) מחזיק לכל עובדה: מזהה קבוע, פלטפורמה, סוג, הערך כפי שנכתב ויחידתו, ערכים מנורמלים (לדקה, ליום, שניות, בתים, דולרים), הסתייגויות והפריטים שמהם היא באה. ה-JSON Schema מתאר כל שדה; גרסה 1 רק מתרחבת בשדות רשות חדשים, ושינוי שובר יגיע כ-api/v2. קובצי ה-CSV מחזיקים בדיוק את העמודות והתאים של דפי ההשוואה, בשפת הדף.",
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
        "compare_rate-limits_description": "Every rate limit and quota in the research, with the vendor's answer first. A rate a client paces against is also given per minute and per day (never above a cap the vendor states) and at 85% of capacity, the research's rule of thumb; in practice, pace by the vendor's rate-limit headers.",
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
        "api_description": "The files are built with the site from the same data as the tables. facts.json (version 1) holds, per fact: a stable id, the platform, the kind, the value as stated with its unit, normalized values (per minute, per day, seconds, bytes, dollars), qualifiers and the items it comes from. The JSON Schema describes every field; version 1 only grows by new optional fields, and a breaking change would come as api/v2. The CSV files hold exactly the comparison pages' columns and cells, in the page's language.",
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
        "checked_column": "תאריך בדיקה",
        "changed_on": "שינוי אצל הספק:",
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
        "review_todo_description": "כל טענה שנבדקה ולא אומתה, עם מה שהמקור הרשמי אומר. המחקר עצמו לא משתנה; התיקון מוצג לידו בדף השירות.",
        "review_claim": "טענה במחקר",
        "review_covers": "מיקום במדריך",
        "review_stale": "בדיקות ישנות",
        "review_stale_description": "כל הבדיקות, הוותיקה ביותר ראשונה. בדיקה בת יותר מ-180 יום (נכון לעדכון האחרון של האתר) מסומנת כישנה: צריך לבדוק אותה שוב.",
        "review_is_stale": "ישנה",
        "review_fresh": "בתוקף",
        "review_age_days": "ימים",
        "review_unreviewed": "עובדות שטרם נבדקו",
        "review_unreviewed_description": "עובדות מהטבלאות שאין להן עדיין בדיקה מול מקור רשמי.",
        "review_built_on": "העדכון האחרון של האתר",
        "review_none": "אין.",
        "review_how": "לתיקון נתון או לבדיקה חדשה, פנו לעורכי המדריך.",
    },
    "en": {
        "review": "Fact check",
        "review_description": "Which of the research's claims were checked against the vendors' official documentation, which are not verified yet, and which need checking again.",
        "review_status": "Check status",
        "status_verified": "Verified",
        "status_imprecise": "Imprecise",
        "status_outdated": "Outdated",
        "status_wrong": "Wrong",
        "status_unverified": "Unverified",
        "status_unreviewed": "Not checked",
        "official_says": "The official source says",
        "official_sources": "Sources",
        "no_sources": "No official source found",
        "checked_on": "Checked on",
        "checked_column": "Checked on",
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
        "review_stale_description": "Every check, oldest first. A check older than 180 days (as of the site's last update) is marked stale: check it again.",
        "review_is_stale": "stale",
        "review_fresh": "current",
        "review_age_days": "Days",
        "review_unreviewed": "Facts not checked yet",
        "review_unreviewed_description": "Facts in the tables that have not yet been checked against an official source.",
        "review_built_on": "Site last updated",
        "review_none": "None.",
        "review_how": "To correct a figure or record a new check, contact the handbook's editors.",
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
        "all_plans_badge": "בכל החבילות",
        "state_trial": "חשבון ניסיון",
        "state_testing": "אפליקציה בסטטוס Testing",
        "filter_empty": "אין שורות שמתאימות לסינון.",
        "filter_clear": "ניקוי הסינון",
        "official_quote": "מצוטט מהמקור",
        "source_gated": "דורש התחברות",
        "figures_official": "הנתונים הרשמיים",
        "changes": "שינויים אצל הספקים",
        "changes_description": "כל שינוי מתוארך אצל הספקים שהבדיקות מצאו, גם הצפויים וגם אלה שכבר נכנסו לתוקף, הקרוב ביותר ראשון, עם העובדות והשירותים שהוא משפיע עליהם.",
        "changes_coming": "שינויים קרובים",
        "changes_past": "שינויים שכבר נכנסו לתוקף",
        "change_is_coming": "בקרוב",
        "change_affects": "משפיע על",
        "change_month": "במהלך החודש",
        "changes_subscribe": "להרשמה לעדכונים:",
        "changes_atom": "פיד Atom",
        "changes_ical": "יומן (iCalendar)",
        "changes_none": "אין שינויים קרובים.",
        "changes_webcal": "הרשמה ביומן",
        "change_during": "במהלך {month}",
        "change_today": "היום",
        "change_tomorrow": "מחר",
        "change_this_month": "החודש",
        "change_in_days_one": "בעוד יום אחד",
        "change_in_days_two": "בעוד יומיים",
        "change_in_days_other": "בעוד {n} ימים",
        "coming_changes_here": "שינויים קרובים אצל הספקים",
        "review_hebrew_original": "המקור בעברית",
        "review_source_changed_group": "המקור השתנה אחרי הבדיקה",
        "every_fact": "כל העובדות",
        "every_fact_description": "כל עובדה במחקר, לפי פלטפורמה, עם התשובה שלה וקישור לשורה שלה בטבלת ההשוואה.",
        "normalized_minute": "{minute} לדקה",
        "normalized_day": "{day} ליום בקצב הזה",
        "normalized_safe": "לפי כלל האצבע של המחקר (85%): {safe} לדקה (בפועל מווסתים את הקצב לפי הכותרות שבהן הספק מדווח על המכסה שנותרה)",
        "cap_binds": "התקרה של {cap} היא שקובעת",
        "cap_binds_on_plan": "ב-{plan}, התקרה של {cap} היא שקובעת",
        "no_api_access": "אין גישה ל-API",
        "refresh_varies": "תלוי בספק",
        "csv_id": "מזהה",
        "csv_scope": "היקף",
        "csv_note": "הערה",
        "source_service": "שירות {n}",
        "csv_status": "סטטוס בדיקה (קוד)",
        "formula": "{base} + {per_user} לכל משתמש: {units}{window} ({cap})",
        "formula_cap": "עד {cap}",
        "formula_no_cap": "ללא תקרה",
    },
    "en": {
        "status_guidance": "Engineering guidance",
        "research_says": "The research says",
        "plan_filter": "Plan:",
        "all_plans": "All plans",
        "all_plans_badge": "All plans",
        "state_trial": "trial account",
        "state_testing": "app in Testing status",
        "filter_empty": "No rows match this filter.",
        "filter_clear": "Clear the filter",
        "official_quote": "Quoted from the source",
        "source_gated": "login required",
        "figures_official": "Official figures",
        "changes": "Vendor changes",
        "changes_description": "Every dated vendor change the checks found, coming and past, nearest first, with the facts and services it affects.",
        "changes_coming": "Coming changes",
        "changes_past": "Changes already in effect",
        "change_is_coming": "Coming",
        "change_affects": "Affects",
        "change_month": "during the month",
        "changes_subscribe": "Subscribe:",
        "changes_atom": "Atom feed",
        "changes_ical": "Calendar (iCalendar)",
        "changes_none": "No coming changes.",
        "changes_webcal": "subscribe in a calendar",
        "change_during": "During {month}",
        "change_today": "today",
        "change_tomorrow": "tomorrow",
        "change_this_month": "this month",
        "change_in_days_one": "in {n} day",
        "change_in_days_other": "in {n} days",
        "coming_changes_here": "Coming vendor changes",
        "review_hebrew_original": "Hebrew original",
        "review_source_changed_group": "The source changed after the check",
        "every_fact": "Every fact",
        "every_fact_description": "Every fact of the research, by platform, with its answer and a link to its row in its comparison.",
        "normalized_minute": "{minute} per minute",
        "normalized_day": "{day} per day at this rate",
        "normalized_safe": "the research's rule of thumb (85%): {safe} per minute (in practice, pace by the headers in which the vendor reports the remaining quota)",
        "cap_binds": "the cap of {cap} binds first",
        "cap_binds_on_plan": "on {plan}, the cap of {cap} binds first",
        "no_api_access": "No API access",
        "refresh_varies": "depends on the vendor",
        "csv_id": "ID",
        "csv_scope": "Scope",
        "csv_note": "Note",
        "source_service": "Service {n}",
        "csv_status": "Check status (code)",
        "formula": "{base} + {per_user} per user: {units}{window} ({cap})",
        "formula_cap": "up to {cap}",
        "formula_no_cap": "no maximum",
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
PLURAL_FORMS: dict[str, tuple[str, ...]] = {lang.code: lang.plural_forms for lang in LANGUAGES}


def plural_form(lang: str, n: int) -> str:
    """The plural form of `lang` that `n` takes."""
    form = {1: "one", 2: "two"}.get(n, "other")
    return form if form in PLURAL_FORMS[lang] else "other"


def plural_words(lang: str, key: str) -> dict[str, str]:
    """Every plural form of `key` in `lang` ({"one": ..., "other": ...}), for a script
    that counts in the browser (Intl.PluralRules names the same forms)."""
    return {form: STRINGS[lang][f"{key}_{form}"] for form in PLURAL_FORMS[lang]}


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
        "finder_description": "כל העובדות מכל הסוגים בטבלה אחת: סננו לפי פלטפורמה, סוג, סטטוס בדיקה וחבילה. הסינון נשמר בכתובת הדף: אפשר לשלוח קישור לכל תצוגה מסוננת.",
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
        "finder_description": "Every fact of every kind in one table: filter by platform, kind, check status and plan. The filters are kept in the page's address, so you can send a link to any filtered view.",
        "finder_link": "Find a limit by platform, kind, status and plan",
        "finder_platform": "Platform",
        "finder_kind": "Kind",
        "finder_status": "Check status",
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

# ---------------------------------------------------------------------------
# The client brief (brief/; assets/javascripts/brief.js writes the words of its data file)
# ---------------------------------------------------------------------------

BRIEF_STRINGS: dict[str, dict[str, str]] = {
    "he": {
        "brief": "תדריך ללקוח",
        "brief_description": "בוחרים את המערכות של הלקוח ומקבלים תדריך לשליחה לפני השיחה: מה להכין, אילו מגבלות חלות, מה עומד להשתנות.",
        "brief_link": "תדריך ללקוח: מה להכין, אילו מגבלות חלות ומה עומד להשתנות",
        "brief_intro": "בחרו את המערכות של הלקוח (ואם ידוע, את החבילה שלו בכל מערכת): התדריך נבנה מהנתונים של המדריך, בשפת הדף. הבחירה נשמרת בכתובת הדף, כך שהקישור הוא התדריך.",
        "brief_noscript": "התדריך נבנה בדפדפן, ו-JavaScript כבוי כאן. אותו מידע נמצא בדף של כל פלטפורמה ובדף של כל שירות:",
        "brief_pick": "המערכות של הלקוח",
        "brief_search": "חיפוש מערכת בשם",
        "brief_plan": "חבילה",
        "brief_plan_any": "כל החבילות",
        "brief_scope": "השירותים בתדריך",
        "brief_heading": "כותרת התדריך",
        "brief_client": "לקוח",
        "brief_consultant": "יועץ",
        "brief_date": "תאריך",
        "brief_keep_heading": "לשמור את הכותרת בקישור",
        "brief_copy": "העתקת התדריך",
        "brief_copied": "התדריך הועתק",
        "brief_print": "הדפסה",
        "brief_view_link": "קישור לתדריך הזה",
        "brief_empty": "בחרו מערכת אחת לפחות כדי לבנות תדריך.",
        "brief_services": "השירותים בתדריך",
        "brief_checklist": "מה הלקוח צריך להכין",
        "brief_every_system": "לכל המערכות",
        "brief_answers": "מגבלות ותשובות לכל מערכת",
        "brief_changes": "שינויים צפויים אצל הספקים",
        "brief_no_changes": "אין שינויים צפויים שידועים לנו במערכות האלה.",
        "brief_no_answers": "אין עובדות מסוג זה על המערכת.",
        "brief_takeaways": "תובנות משותפות שנוגעות לשירותים האלה",
        "brief_unknown": "לא מוכר ולכן לא נכלל בתדריך: {ids}",
        "brief_left_out": "פריטים שנוגעים רק למערכות אחרות לא נכללו: {count}",
        "brief_in_days": "בעוד {n} ימים",
        "brief_today": "היום",
        "brief_days_ago": "לפני {n} ימים",
        "brief_other_plans": "יש נתונים רק לחבילות אחרות: {plans}",
        "brief_asked_by": "נדרש בשירותים",
        "brief_how": "כתובת של תדריך: brief/?systems=hubspot,xero&plans=hubspot:professional&services=int-crm-accounting (מזהי הפלטפורמות כמו בכתובות הדפים שלהן; חבילה ליד כל מערכת; השירותים רק כשמצמצמים). הנתונים שהתדריך נבנה מהם:",
    },
    "en": {
        "brief": "Client brief",
        "brief_description": "Pick the client's systems and get a brief to send before the call: what to prepare, which limits bind, what is about to change.",
        "brief_link": "Client brief: what to prepare, which limits bind, what is about to change",
        "brief_intro": "Pick the client's systems (and, where you know it, their plan in each): the brief is built from the handbook's data, in the page's language. The picks are kept in the page's address, so the link is the brief.",
        "brief_noscript": "The brief is assembled in the browser, and JavaScript is off here. The same information is on each platform's page and each service's page:",
        "brief_pick": "The client's systems",
        "brief_search": "Find a system by name",
        "brief_plan": "Plan",
        "brief_plan_any": "Any plan",
        "brief_scope": "Services in the brief",
        "brief_heading": "The brief's heading",
        "brief_client": "Client",
        "brief_consultant": "Consultant",
        "brief_date": "Date",
        "brief_keep_heading": "Keep the heading in the link",
        "brief_copy": "Copy brief",
        "brief_copied": "Brief copied",
        "brief_print": "Print",
        "brief_view_link": "Link to this brief",
        "brief_empty": "Pick at least one system to build a brief.",
        "brief_services": "Services in the brief",
        "brief_checklist": "What the client must prepare",
        "brief_every_system": "For every system",
        "brief_answers": "Limits and answers per system",
        "brief_changes": "Coming vendor changes",
        "brief_no_changes": "No coming changes we know of for these systems.",
        "brief_no_answers": "No facts of these kinds for this system.",
        "brief_takeaways": "Common takeaways these services involve",
        "brief_unknown": "Not known, so not in the brief: {ids}",
        "brief_left_out": "Items about other systems only, left out: {count}",
        "brief_in_days": "in {n} days",
        "brief_today": "today",
        "brief_days_ago": "{n} days ago",
        "brief_other_plans": "Figures for other plans only: {plans}",
        "brief_asked_by": "Asked by services",
        "brief_how": "A brief's address: brief/?systems=hubspot,xero&plans=hubspot:professional&services=int-crm-accounting (platform ids as in their pages' addresses; a plan beside each system; services only when narrowed). The data the brief is built from:",
    },
}
for _lang, _words in BRIEF_STRINGS.items():
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
        "answer_changed": "שינוי אצל הספק: {date}",
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

# ---------------------------------------------------------------------------
# Link previews (hooks/handbook/cards.py): a page's kind on its Open Graph
# image, and the image's description for readers who cannot see it
# ---------------------------------------------------------------------------

CARD_STRINGS: dict[str, dict[str, str]] = {
    "he": {
        "card_kind_home": "דף הבית",
        "card_kind_page": "דף",
        "card_kind_services": "קטלוג השירותים",
        "card_kind_service": "שירות אינטגרציה",
        "card_kind_platforms": "פלטפורמות",
        "card_kind_platform": "פלטפורמה",
        "card_kind_comparisons": "השוואות",
        "card_kind_comparison": "השוואה",
        "card_kind_takeaways": "תובנות משותפות",
        "card_kind_glossary": "מילון מונחים",
        "card_kind_review": "בדיקת עובדות",
        "card_kind_changes": "שינויים אצל הספקים",
        "card_kind_finder": "איתור מגבלה",
        "card_kind_brief": "תדריך ללקוח",
        "card_alt": "{kind} ב{site}: {title}",
    },
    "en": {
        "card_kind_home": "Home",
        "card_kind_page": "Page",
        "card_kind_services": "Service catalog",
        "card_kind_service": "Integration service",
        "card_kind_platforms": "Platforms",
        "card_kind_platform": "Platform",
        "card_kind_comparisons": "Comparisons",
        "card_kind_comparison": "Comparison",
        "card_kind_takeaways": "Common takeaways",
        "card_kind_glossary": "Glossary",
        "card_kind_review": "Fact check",
        "card_kind_changes": "Vendor changes",
        "card_kind_finder": "Limit finder",
        "card_kind_brief": "Client brief",
        "card_alt": "{kind} in the {site}: {title}",
    },
}
for _lang, _words in CARD_STRINGS.items():
    STRINGS[_lang].update(_words)

# ---------------------------------------------------------------------------
# Units (hooks/handbook/figures.py): per unit, its word for one and for several,
# and the whole phrase for exactly one (Hebrew puts "one" after the noun, in its
# gender, "פרמטר אחד"; says "an hour" with the noun alone, "שעה"; and keeps a
# number before a Latin unit, "1 webhook"). Latin terms the research keeps in
# Latin stay Latin on Hebrew pages. Keys: `unit_one_<unit>`, `unit_other_<unit>`,
# `unit_exactly_one_<unit>`, a space in the unit's name written `_`.
# ---------------------------------------------------------------------------

_UNIT_WORDS: dict[str, dict[str, tuple[str, str, str]]] = {
    "he": {
        "request": ("בקשה", "בקשות", "בקשה אחת"),
        "call": ("קריאה", "קריאות", "קריאה אחת"),
        "message": ("הודעה", "הודעות", "הודעה אחת"),
        "webhook": ("webhook", "webhooks", "1 webhook"),
        "batch request": ("בקשת batch", "בקשות batch", "1 בקשת batch"),
        "object": ("אובייקט", "אובייקטים", "אובייקט אחד"),
        "credit": ("API credit", "API credits", "1 API credit"),
        "cost point": ("נקודת עלות", "נקודות עלות", "1 נקודת עלות"),
        "recipient": ("נמען ייחודי", "נמענים ייחודיים", "1 נמען ייחודי"),
        "concurrent request": ("בקשה במקביל", "בקשות במקביל", "1 בקשה במקביל"),
        "concurrent connection": ("חיבור בו-זמני", "חיבורים בו-זמניים", "1 חיבור בו-זמני"),
        "variable": ("משתנה", "משתנים", "משתנה אחד"),
        "parameter": ("פרמטר", "פרמטרים", "פרמטר אחד"),
        "character": ("תו", "תווים", "תו אחד"),
        "user": ("משתמש", "משתמשים", "משתמש אחד"),
        "connection": ("חיבור", "חיבורים", "חיבור אחד"),
        "app": ("אפליקציה", "אפליקציות", "אפליקציה אחת"),
        "pending batch": ("batch ממתין", "batches ממתינים", "1 batch ממתין"),
        "location": ("מיקום", "מיקומים", "מיקום אחד"),
        "currency": ("מטבע", "מטבעות", "מטבע אחד"),
        "second": ("שנייה", "שניות", "שנייה אחת"),
        "minute": ("דקה", "דקות", "דקה"),
        "hour": ("שעה", "שעות", "שעה"),
        "day": ("יום", "ימים", "יום"),
        "month": ("חודש", "חודשים", "חודש"),
        "year": ("שנה", "שנים", "שנה"),
        "multiple": ("×", "×", "1 ×"),
    },
    "en": {
        "request": ("request", "requests", "1 request"),
        "call": ("call", "calls", "1 call"),
        "message": ("message", "messages", "1 message"),
        "webhook": ("webhook", "webhooks", "1 webhook"),
        "batch request": ("batch request", "batch requests", "1 batch request"),
        "object": ("object", "objects", "1 object"),
        "credit": ("API credit", "API credits", "1 API credit"),
        "cost point": ("cost point", "cost points", "1 cost point"),
        "recipient": ("unique recipient", "unique recipients", "1 unique recipient"),
        "concurrent request": ("concurrent request", "concurrent requests", "1 concurrent request"),
        "concurrent connection": ("simultaneous connection", "simultaneous connections", "1 simultaneous connection"),
        "variable": ("variable", "variables", "1 variable"),
        "parameter": ("parameter", "parameters", "1 parameter"),
        "character": ("character", "characters", "1 character"),
        "user": ("user", "users", "1 user"),
        "connection": ("connection", "connections", "1 connection"),
        "app": ("app", "apps", "1 app"),
        "pending batch": ("pending batch", "pending batches", "1 pending batch"),
        "location": ("location", "locations", "1 location"),
        "currency": ("currency", "currencies", "1 currency"),
        "second": ("second", "seconds", "1 second"),
        "minute": ("minute", "minutes", "1 minute"),
        "hour": ("hour", "hours", "1 hour"),
        "day": ("day", "days", "1 day"),
        "month": ("month", "months", "1 month"),
        "year": ("year", "years", "1 year"),
        "multiple": ("×", "×", "1 ×"),
    },
}


def unit_key(unit: str) -> str:
    """A unit's name as part of a key (`batch request`: `batch_request`)."""
    return unit.replace(" ", "_")


for _lang, _units in _UNIT_WORDS.items():
    for _unit, (_one, _many, _single) in _units.items():
        STRINGS[_lang].update({f"unit_one_{unit_key(_unit)}": _one, f"unit_other_{unit_key(_unit)}": _many,
                               f"unit_exactly_one_{unit_key(_unit)}": _single})

# A window ("per minute", "per 10 seconds"; Hebrew says לדקה, לכל 10 שניות), and a
# figure without a limit ("unlimited API credits", "API credits ללא הגבלה": where
# each language puts the word).
WINDOW_STRINGS: dict[str, dict[str, str]] = {
    "he": {
        "per_second": "לשנייה", "per_minute": "לדקה", "per_hour": "לשעה", "per_day": "ליום", "per_month": "לחודש",
        "per_many": "לכל {n} {units}",
        "unlimited": "ללא הגבלה",
        "unlimited_units": "{units} {amount}",
    },
    "en": {
        "per_second": "per second", "per_minute": "per minute", "per_hour": "per hour", "per_day": "per day",
        "per_month": "per month",
        "per_many": "per {n} {units}",
        "unlimited": "unlimited",
        "unlimited_units": "{amount} {units}",
    },
}
for _lang, _words in WINDOW_STRINGS.items():
    STRINGS[_lang].update(_words)

# ---------------------------------------------------------------------------
# Fact table columns (hooks/handbook/facttables.py, COLUMNS): `column_<key>`;
# `{headroom}` is the research's rule of thumb as a percentage.
# ---------------------------------------------------------------------------

COLUMN_STRINGS: dict[str, dict[str, str]] = {
    "he": {
        "column_platform": "פלטפורמה",
        "column_kind": "סוג",
        "column_subject": "נושא",
        "column_answer": "הנתון לשימוש",
        "column_stated": "כפי שנכתב במחקר",
        "column_per_minute": "לדקה",
        "column_per_day": "ליום",
        "column_safe_per_minute": "לדקה לפי כלל האצבע של המחקר ({headroom})",
        "column_plan": "חבילה או Tier",
        "column_refresh": "נדרש רענון token",
        "column_qualifiers": "הסתייגויות",
        "column_review": "בדיקה",
        "column_sources": "מקור במחקר",
    },
    "en": {
        "column_platform": "Platform",
        "column_kind": "Kind",
        "column_subject": "Subject",
        "column_answer": "Figure to use",
        "column_stated": "As stated",
        "column_per_minute": "Per minute",
        "column_per_day": "Per day",
        "column_safe_per_minute": "Per minute at the research's rule of thumb ({headroom})",
        "column_plan": "Plan or tier",
        "column_refresh": "Token refresh needed",
        "column_qualifiers": "Qualifiers",
        "column_review": "Check",
        "column_sources": "Where in the research",
    },
}
for _lang, _words in COLUMN_STRINGS.items():
    STRINGS[_lang].update(_words)

# ---------------------------------------------------------------------------
# The theme's overrides (overrides/*.html, through the Jinja global `hb_words`)
# and the site's scripts (docs/assets/javascripts/*.js, through the page's
# `<script id="hb-words">`, SCRIPT_WORDS). A key `theme.<key>` replaces the
# theme's own word for <key> (overrides/partials/language.html): Material's
# Hebrew says "מסמך1 תואם" for one search result and "# מסמך תואם" (singular)
# for several; the English is the theme's own.
# ---------------------------------------------------------------------------

THEME_STRINGS: dict[str, dict[str, str]] = {
    "he": {
        "theme.search.result.one": "מסמך תואם אחד",
        "theme.search.result.other": "# מסמכים תואמים",
        "not_found_title": "הדף לא נמצא (404)",
        "not_found_text": "הכתובת לא קיימת במדריך. אפשר להתחיל מ{home} או לחפש.",
        "not_found_home": "דף הבית של המדריך",
        "link_copied": "הקישור הועתק",
    },
    "en": {
        "theme.search.result.one": "1 matching document",
        "theme.search.result.other": "# matching documents",
        "not_found_title": "Page not found (404)",
        "not_found_text": "This address does not exist in the handbook. Start from the {home} or search.",
        "not_found_home": "handbook's home page",
        "link_copied": "Link copied",
    },
}
for _lang, _words in THEME_STRINGS.items():
    STRINGS[_lang].update(_words)

# The words the scripts say (links.js, cite.js, brief.js, tables.js, finder.js,
# changes.js); a counted one is every plural form, as Intl.PluralRules names them.
SCRIPT_WORDS: tuple[str, ...] = ("link_copied", "cite_copied", "brief_copied", "rows", "change_is_coming",
                                 "change_today", "change_tomorrow", "change_this_month")
SCRIPT_COUNTED: tuple[str, ...] = ("change_in_days",)


def script_words(lang: str) -> dict[str, object]:
    """The words of `lang` that the site's scripts say, for the page's `<script id="hb-words">`."""
    words: dict[str, object] = {"lang": lang}
    words.update({key: STRINGS[lang][key] for key in SCRIPT_WORDS})
    words.update({key: plural_words(lang, key) for key in SCRIPT_COUNTED})
    return words

# ---------------------------------------------------------------------------
# /llms.txt (hooks/publishing.py): one file for assistants, in English, that
# lists each language's pages under LLMS_PAGES.
# ---------------------------------------------------------------------------

LLMS_HEAD = """# Integration Services Handbook

> The agency's research on its integration services (one-way and multi-system sync, WhatsApp Business API, CRM to marketing, accounting and support, calendar, e-commerce, custom APIs), published in Hebrew (the research, verbatim, at the root) and English (a faithful translation, under en/): technical requirements, systems, platform limits and prerequisites, with every figure typed as a fact and many checked against the vendors' official documentation.

How to cite: prefer the reviewed official figure where a page shows one (a review badge: confirmed, outdated or wrong, with the official statement) over the research's own wording, and give the date it was checked and the official source; link the bullet or fact row by its permanent anchor (`page/#id`). Each page below has a Markdown version beside it (`index.md` in the page's folder). All facts, typed, are in `api/v1/facts.json` (shape: `api/v1/facts.schema.json`).

## Data

- [Facts (JSON)](api/v1/facts.json): every figure of the research as a typed fact, with its sources and review status
"""
LLMS_PAGES = "## Pages ({language})"
