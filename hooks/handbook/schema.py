"""Editor JSON Schemas, generated from the models so they cannot drift.

`python -m handbook schema` writes them to data/schema/; `--check` exits 1 when
the committed ones differ (a test runs it)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import yamlio
from .changes import VendorChangeFile
from .facts import FactFile
from .models import Glossary, Platforms, Service, TakeawayLinks, Takeaways
from .sourcechecks import SCHEMA_NAME as SOURCE_CHECKS_SCHEMA, SourceCheckFile
from .reviews import ReviewFile

SCHEMAS = {
    "service.schema.json": Service,
    "takeaways.schema.json": Takeaways,
    "platforms.schema.json": Platforms,
    "facts.schema.json": FactFile,
    "reviews.schema.json": ReviewFile,
    "vendor-changes.schema.json": VendorChangeFile,
    "takeaway-links.schema.json": TakeawayLinks,
    "glossary.schema.json": Glossary,
    SOURCE_CHECKS_SCHEMA: SourceCheckFile,
}


def render(model) -> str:
    schema = model.model_json_schema(mode="validation", by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_schemas(folder: Path, check: bool = False) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    stale = []
    for name, model in SCHEMAS.items():
        path, text = folder / name, render(model)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if check:
            stale.append(name)
        else:
            yamlio.write_text(path, text)  # a temporary file renamed over it: never half a schema
            print(f"wrote {path}")
    if stale:
        print(f"stale: {', '.join(stale)} in {folder} (run `make schema`)", file=sys.stderr)
        return 1
    print("schemas up to date" if check else "schemas written")
    return 0
