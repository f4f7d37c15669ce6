"""Command line: `python -m handbook check|schema|export DIR|import FILE|recheck`.

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
    zensical = sub.add_parser("zensical-config",
                              help="export, then lay out one docs folder and one Zensical config per language in DIR")
    zensical.add_argument("dir", help="the build folder (make site-zensical: build/)")
    zfinish = sub.add_parser("zensical-finish",
                             help="add the exports and each language's search.json to the Zensical build in DIR")
    zfinish.add_argument("dir", help="the build folder the configs were written into")
    imp = sub.add_parser("import", help="import a research document into the data (Hebrew only; keeps the rest)")
    imp.add_argument("file", help="the research document (Markdown)")
    imp.add_argument("--delete-removed", action="store_true",
                     help="delete bullets that are no longer in the document (default: keep and report them)")
    imp.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
    recheck = sub.add_parser("recheck", help="list the reviews' sources and their last re-check; with --fetch, re-read them")
    recheck.add_argument("--fetch", action="store_true",
                         help="fetch every source (also HANDBOOK_RECHECK_FETCH=1); without it nothing is sent")
    recheck.add_argument("--report", default=str(ROOT / "build" / "recheck"),
                         help="where the run's report.md and report.json go (default: build/recheck/)")
    recheck.add_argument("--timeout", type=float, default=20.0, help="seconds per attempt (default: 20)")
    recheck.add_argument("--deadline", type=float, default=60.0,
                         help="seconds a whole fetch may take, retries and redirects included (default: 60)")
    recheck.add_argument("--retries", type=int, default=2, help="retries after a timeout or a 5xx (default: 2)")
    args = parser.parse_args(argv)

    if args.command == "import":
        return _import(args)
    if args.command == "schema":
        from .schema import write_schemas
        return write_schemas(Path(args.data) / "schema", check=args.check)
    try:
        catalog = load_catalog(args.data)
    except DataError as e:
        print(e.report(), file=sys.stderr)
        return 1
    if args.command == "check":
        n = sum(len(s.bullets()) for s in catalog.services)
        t = sum(len(g.takeaways) for g in catalog.takeaways.groups)
        links = sum(len(lt.applications) for lt in catalog.takeaway_links.takeaways)
        print(f"ok: {len(catalog.services)} services, {n} bullets, {t} takeaways ({links} links to bullets), "
              f"{len(catalog.platforms)} platforms, {len(catalog.facts)} facts, {len(catalog.reviews)} reviews, "
              f"{len(catalog.glossary.terms)} glossary terms")
        from .unfinished import unfinished
        todo = unfinished(catalog, Path(args.data).name)
        if todo:
            # Valid, so not an error here; the strict site build fails on these.
            print(f"{len(todo)} unfinished (the strict build fails until they are done):")
            print("\n".join(f"  {entry}" for entry in todo))
        return 0
    if args.command == "recheck":
        return _recheck(args, catalog)
    if args.command == "export":
        from .export import export
        written = export(catalog, ROOT / "docs", Path(args.dir))
        print(f"wrote {written} files to {args.dir}")
        return 0
    if args.command in ("zensical-config", "zensical-finish"):
        return _zensical(args, catalog)
    return 2


def _zensical(args, catalog) -> int:
    from . import zensical
    build = Path(args.dir)
    if args.command == "zensical-finish":
        import os
        # The feeds' absolute addresses: the published one (SITE_URL), else this machine's, as mkdocs.yml.
        site_url = os.environ.get("SITE_URL") or "http://127.0.0.1:8000/"
        try:
            counts = zensical.finish(catalog, build, site_url)
        except FileNotFoundError as e:
            print(e, file=sys.stderr)
            return 1
        print("search.json: " + ", ".join(f"{lang} {n} entries" for lang, n in counts.items()))
        return 0
    from .export import export
    markdown = build / "markdown"
    if markdown.exists():
        import shutil
        shutil.rmtree(markdown)  # a page removed from the data leaves no stale copy
    export(catalog, ROOT / "docs", markdown)
    try:
        configs = zensical.stage(catalog, markdown, build, ROOT / "mkdocs.yml")
    except ValueError as e:
        print(e, file=sys.stderr)
        return 1
    print("wrote " + ", ".join(str(c) for c in configs) + " (build them in this order)")
    return 0


def _recheck(args, catalog) -> int:
    import os
    from . import recheck
    from .reviews import build_date
    previous = recheck.previous_checks(catalog.source_checks)
    if not (args.fetch or os.environ.get(recheck.FETCH_ENV) == "1"):
        print(recheck.listing(catalog.reviews, previous), end="")
        return 0
    today = build_date()
    polite = recheck.Politeness(timeout=args.timeout, deadline=args.deadline, retries=args.retries)
    findings = recheck.run(catalog.reviews, previous, today, polite)
    data_file = Path(args.data) / recheck.FILE_NAME
    recheck.write_run(findings, data_file, Path(args.report), today)
    look = [f for f in findings if f.needs_look]
    for f in findings:
        print(f"{f.record.result:13} {f.source.url}" + (f"  <- {f.why}" if f.needs_look else ""))
    print(f"{len(findings)} sources re-checked, {len(look)} need a person's look; wrote {data_file} and "
          f"{Path(args.report) / 'report.md'} (.json)")
    return 0


def _import(args) -> int:
    from .importer import ImportFailure, ResearchError, import_research
    from .yamlio import JournalError
    if not Path(args.file).is_file():
        print(f"{args.file}: no such file", file=sys.stderr)
        return 1
    try:
        report = import_research(args.file, args.data, args.delete_removed, args.dry_run)
    except ResearchError as e:
        n = len(e.problems)
        print(f"{n} problem{'s' if n != 1 else ''} in the research document; nothing written:", file=sys.stderr)
        print("\n".join(f"  {e.path}:{p}" for p in e.problems), file=sys.stderr)
        return 1
    except ImportFailure as e:
        n = len(e.problems)
        print(f"{n} problem{'s' if n != 1 else ''} importing {args.file}; nothing written:", file=sys.stderr)
        print("\n".join(f"  {p}" for p in e.problems), file=sys.stderr)
        return 1
    except JournalError as e:
        print(f"{Path(args.data).name}/{e}", file=sys.stderr)
        return 1
    except OSError as e:
        # A full disk, no permission: the batch is undone at the next run (yamlio.write_batch).
        print(f"{e.filename or args.data}: cannot write: {e.strerror or e}", file=sys.stderr)
        print("data/ is as it was, or the next run completes the import", file=sys.stderr)
        return 1
    print(report.text(deleted=args.delete_removed, dry_run=args.dry_run))
    return 0


if __name__ == "__main__":
    sys.exit(main())
