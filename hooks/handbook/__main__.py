"""Command line: `python -m handbook check|schema|export DIR`.

Run with `hooks/` on the path (the Makefile does). Exit 1 with a readable list on
bad data, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .catalog import DataError, load_catalog

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m handbook")
    parser.add_argument("--data", default=str(ROOT / "data"), help="the data folder (default: data/)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate the data and print what was found")
    schema = sub.add_parser("schema", help="write the editor JSON Schemas into data/schema/")
    schema.add_argument("--check", action="store_true", help="exit 1 if the committed schemas are stale")
    export = sub.add_parser("export", help="write the generated Markdown tree (both languages) into DIR")
    export.add_argument("dir")
    args = parser.parse_args(argv)

    if args.command == "schema":
        from .schema import write_schemas
        return write_schemas(Path(args.data) / "schema", check=args.check)
    try:
        catalog = load_catalog(args.data)
    except DataError as e:
        print(e.report(), file=sys.stderr)
        return 1
    if args.command == "check":
        n = sum(len(s.items()) for s in catalog.services)
        t = sum(len(g.takeaways) for g in catalog.takeaways.groups)
        links = sum(len(lt.applications) for lt in catalog.takeaway_links.takeaways)
        print(f"ok: {len(catalog.services)} services, {n} bullets, {t} takeaways ({links} links to bullets), "
              f"{len(catalog.platforms)} platforms, {len(catalog.glossary.terms)} glossary terms")
        return 0
    if args.command == "export":
        from .export import export
        written = export(catalog, ROOT / "docs", Path(args.dir))
        print(f"wrote {written} files to {args.dir}")
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
