"""Write the whole site's Markdown, per language, without any site engine.

The hand-written pages of `docs/` are copied with their markers filled in, and
every generated page is added: the result is the content that would move to
another engine (Material reaches end of life on 2027-05-05)."""

from __future__ import annotations

import shutil
from pathlib import Path

from .catalog import Catalog
from .generate import Generator
from .languages import CODES


def export(catalog: Catalog, docs: Path, out: Path) -> int:
    generator = Generator(catalog)
    written = 0
    for source in sorted(docs.rglob("*")):
        if not source.is_file():
            continue
        rel = source.relative_to(docs)
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix == ".md" and rel.parts[0] in CODES:
            text = source.read_text(encoding="utf-8")
            path = Path(*rel.parts[1:]).as_posix()
            target.write_text(generator.expand_markers(text, rel.parts[0], path, f"docs/{rel.as_posix()}"), encoding="utf-8")
        else:
            shutil.copyfile(source, target)
        written += 1
    for document in generator.documents():
        target = out / document.source
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(generator.page(document.path, document.lang), encoding="utf-8")
        written += 1
    return written
