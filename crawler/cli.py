"""The ``ess-archive`` command line (also ``python -m crawler``)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import click

from crawler import settings as defaults
from db.archive import ArchiveError

SOURCES = ["auto", "rest", "sitemap", "feed", "archive", "wayback"]
db_option = click.option("--db", "db_path", default=defaults.ARCHIVE_DB, show_default=True,
                         type=click.Path(dir_okay=False), help="SQLite archive file.")


def fail(message: str, code: int = 1) -> None:
    """Print one line on stderr and exit with ``code``."""
    click.echo(f"ess-archive: {message}", err=True)
    sys.exit(code)


def setting_error(name: str, value: str) -> str | None:
    """Return why ``-s NAME=VALUE`` cannot be used (unknown name, value of the wrong type)."""
    from scrapy.settings import default_settings

    known = {k: getattr(mod, k) for mod in (default_settings, defaults) for k in dir(mod) if k.isupper()}
    if name not in known:
        return f"-s {name}: no such setting (see crawler/settings.py and Scrapy's settings)"
    default = known[name]
    try:
        if isinstance(default, bool):
            if value.strip().lower() not in ("true", "false", "1", "0", "yes", "no"):
                raise ValueError
        elif isinstance(default, (int, float)):
            float(value)
    except ValueError:
        kind = "true or false" if isinstance(default, bool) else "a number"
        return f"-s {name}={value!r}: expected {kind} (default {default!r})"
    return None


def parse_overrides(pairs: tuple[str, ...]) -> dict[str, str]:
    """Return ``-s NAME=VALUE`` pairs as a dict; fail on a malformed one."""
    overrides = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            fail(f"-s takes NAME=VALUE, not {pair!r}")
        error = setting_error(name.strip(), value)
        if error:
            fail(error)
        overrides[name.strip()] = value
    return overrides


def check_start_url(start_url: str) -> None:
    """Fail in one line on a start URL that cannot be crawled: not http(s), a bad port, or
    credentials (never stored, logged or sent)."""
    from urllib.parse import urlsplit

    from spiders.discovery import site_root

    try:
        parts = urlsplit(start_url.strip())
        _ = parts.port  # raises on a port that is not a number from 0 to 65535
        if parts.username is not None or parts.password is not None:
            fail("the start URL carries credentials (user:password@): they are never stored or sent; "
                 "give the URL without them")
        if parts.port == 0:
            raise ValueError(f"port 0 in {parts.netloc!r}")
        site_root(start_url)
    except ValueError as error:
        fail(f"bad start URL: {str(error).splitlines()[0]}")


def checked_corrections(db_path: str) -> dict:
    """Return the corrections made by hand beside the archive, or fail in one line."""
    from crawler.corrections import CorrectionsError, corrections_path, load_corrections

    try:
        return load_corrections(corrections_path(db_path))
    except CorrectionsError as error:
        fail(str(error))
        raise  # not reached: fail() exits


def check_log_file(log_file: str) -> None:
    """Fail in one line when the crawl log cannot be written."""
    try:
        with open(log_file, "a", encoding="utf-8"):
            pass
    except OSError as error:
        fail(f"cannot write the log file {log_file}: {error.strerror}; choose another --log-file")


def existing_archive(db_path: str, writer: bool = False):
    """Return the archive at ``db_path`` (which must exist: never created here), or fail in
    one line."""
    from db.archive import open_archive
    from db.migrations import migrations

    try:
        db = open_archive(db_path, writer=False)
        pending = migrations.pending(db)
        if writer or pending:
            db.close()
            try:
                db = open_archive(db_path)  # migrated, ready for writes
            except ArchiveError as error:
                if not pending:
                    raise
                raise ArchiveError(f"{db_path} has an older schema ({len(pending)} migrations pending) and "
                                   f"cannot be migrated here ({error}): run `ess-archive reparse --db {db_path}` "
                                   "where the file is writable") from error
    except ArchiveError as error:
        fail(str(error))
    return db


def ensure_default_folder(db_path: str) -> None:
    """Create ``data/`` for the default archive path; other folders must exist."""
    if db_path == defaults.ARCHIVE_DB:
        Path(db_path).parent.mkdir(parents=True, exist_ok=True)


DEMO_MIRROR_PORT = 8765  # stable, so archived URLs stay the same from one demo run to the next


def free_port(preferred: int) -> int:
    """Return ``preferred`` if it is free on 127.0.0.1, else another free port (so a second
    demo does not collide with the first)."""
    import socket

    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", preferred))
        except OSError:
            probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ess-archive")
def cli() -> None:
    """Archive the ESS 2024 "3 questions à ..." interviews: crawl, store, publish.

    Start with `ess-archive demo` to see the whole path on the embedded demo site."""


@cli.command()
@db_option
@click.option("--start-url", default=defaults.START_URL, show_default=True,
              help="Home URL of the WordPress site to archive.")
@click.option("--source", type=click.Choice(SOURCES), default="auto", show_default=True,
              help="Discovery source; auto tries the REST API, sitemaps, the feed, the archive "
                   "pages, and the Wayback Machine when the site does not answer.")
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="Override a Scrapy setting, e.g. -s DOWNLOAD_DELAY=0 on loopback.")
@click.option("--log-file", type=click.Path(dir_okay=False), default=None,
              help="Where the crawl log goes [default: crawl.log beside the archive].")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on success (for cron).")
def crawl(db_path: str, start_url: str, source: str, overrides: tuple[str, ...],
          log_file: str | None, quiet: bool) -> None:
    """Run one polite, incremental crawl into the archive.

    Exit codes: 0 ok, 1 bad input, 2 usage error, 3 site unreachable, 4 not a WordPress
    site, 5 partial run (too many errors, or a part of the listing failed or was cut at a
    bound: nothing marked gone), 6 another crawl or reparse holds the lock, 7 interrupted,
    8 the archive could not be written (full, or locked by another writer). Corrections
    made by hand in corrections.yaml beside the archive are applied to what is read.

    Example: ess-archive crawl --start-url http://127.0.0.1:8080/ -s DOWNLOAD_DELAY=0
    """
    from crawler.lock import LockError, LockHeld, crawl_lock
    from crawler.runner import EXIT_LOCKED, run_crawl
    from db.archive import check_path, open_archive

    check_start_url(start_url)
    settings = parse_overrides(overrides)
    ensure_default_folder(db_path)
    log_file = log_file or str(Path(db_path).with_name("crawl.log"))
    try:
        check_path(Path(db_path))  # the archive's folder first: it says more than the log's
        check_log_file(log_file)
        checked_corrections(db_path)
        open_archive(db_path).close()
    except ArchiveError as error:
        fail(str(error))
    try:
        with crawl_lock(db_path):
            result = run_crawl(start_url, source, db_path, settings, log_file)
    except LockHeld as error:
        fail(f"lock held: {error}; this run does nothing", EXIT_LOCKED)
    except LockError as error:
        fail(str(error))
    if result.exit_code:
        fail(f"{result.status}: {result.message} (log: {log_file})", result.exit_code)
    if not quiet:
        click.echo(f"crawl {result.run_id} ok: {result.message}")


@cli.command()
@db_option
@click.option("--no-serve", is_flag=True, help="Build the archive and exit without serving it.")
@click.option("--port", default=8001, show_default=True,
              help="Port of the Datasette server (another free one if it is taken).")
def demo(db_path: str, no_serve: bool, port: int) -> None:
    """Serve the embedded demo site on 127.0.0.1, crawl it with the real spiders into the
    archive, then serve the archive with Datasette, the demo site still up so the links to
    the original articles work.

    Example: ess-archive demo --no-serve --db /tmp/demo.db
    """
    from mirror.server import running_mirror

    ensure_default_folder(db_path)
    with running_mirror(port=free_port(DEMO_MIRROR_PORT)) as mirror:
        click.echo(f"demo site served at {mirror.base_url}/")
        # A child process: Scrapy's reactor and Datasette's server each want this one.
        done = subprocess.run([sys.executable, "-m", "crawler", "crawl", "--db", db_path,
                               "--start-url", mirror.base_url + "/", "-s", "DOWNLOAD_DELAY=0",
                               "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "WAYBACK_FALLBACK=False"],
                              check=False)
        if done.returncode:
            sys.exit(done.returncode)
        if not no_serve:
            from db.publish import serve as serve_archive

            serve_archive(db_path, port=free_port(port))


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; keep 127.0.0.1 unless a proxy fronts it.")
@click.option("--port", default=8001, show_default=True)
def serve(db_path: str, host: str, port: int) -> None:
    """Publish the archive with Datasette (metadata, templates), read-only.

    Example: ess-archive serve --db data/ess2024.db --port 8001
    """
    from db.publish import serve as serve_archive

    existing_archive(db_path).close()
    serve_archive(db_path, host=host, port=port)


@cli.command()
@db_option
def reparse(db_path: str) -> None:
    """Rebuild every interview from the raw captures stored in the archive, offline
    (after a parser change, or after editing corrections.yaml beside the archive: the
    corrections made by hand are applied on top). Running it twice changes nothing.

    Example: ess-archive reparse --db data/ess2024.db
    """
    from crawler.lock import LockError, LockHeld, crawl_lock
    from crawler.reparse import reparse as reparse_archive
    from crawler.runner import EXIT_LOCKED

    existing_archive(db_path).close()  # never created here
    corrections = checked_corrections(db_path)
    try:
        with crawl_lock(db_path):  # a crawl writing meanwhile would race the records
            outcomes = reparse_archive(existing_archive(db_path, writer=True), corrections)
    except LockHeld as error:
        fail(f"lock held: {error}; reparse did nothing, run it when the crawl is over", EXIT_LOCKED)
    except LockError as error:
        fail(str(error))
    click.echo(", ".join(f"{outcomes[k]} {k}" for k in ("new", "updated", "unchanged", "rejected")))


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "jsonl", "sql", "warc", "wacz", "citations",
                                                      "tei", "site", "bundle"]),
              required=True,
              help="csv / json / jsonl: one file per table and a flat answers file; sql: a dump; warc: the "
                   "raw captures; wacz: them for replay tools; citations: CSL-JSON, RIS and BibTeX of every interview; tei: tei/ID.xml (TEI P5) for every interview and tei/corpus.xml; site: site/, the archive's pages as plain HTML with a search, to open from a folder or any static host; bundle: a dated folder with all of them, the SQLite file, a data "
                   "dictionary, a Frictionless Data Package and a manifest.")
@click.option("--excel", is_flag=True, help="CSV files for Excel as well: UTF-8 with BOM, ';' separator, CRLF "
                                            "(csv: instead of the plain ones; bundle: in csv-excel/).")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False), help="Folder to write into.")
def export(db_path: str, fmt: str, excel: bool, out: str) -> None:
    """Write research exports of the archive; the same archive gives byte-identical files.

    Example: ess-archive export --db data/ess2024.db --format bundle --out exports/
    """
    from db.export import export as export_archive

    existing_archive(db_path).close()
    try:
        Path(out).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        fail(f"cannot write to {out}: {error.strerror}")
    try:
        files = export_archive(db_path, fmt, out, excel=excel)
    except (OSError, sqlite3.Error) as error:
        fail(f"the export failed, nothing was left in {out}: {getattr(error, 'strerror', None) or error}")
    click.echo(f"{len(files)} files written under {out}")


@cli.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats(db_path: str, as_json: bool) -> None:
    """Print counts per table, the last runs and the problems found.

    Example: ess-archive stats --db data/ess2024.db --json
    """
    from db.report import archive_stats, format_stats

    figures = archive_stats(existing_archive(db_path))
    click.echo(json.dumps(figures, ensure_ascii=False, indent=2) if as_json else format_stats(figures))


def main() -> None:
    """Entry point of the console script: usage errors are one line too."""
    try:
        cli.main(prog_name="ess-archive", standalone_mode=False)
    except click.exceptions.Abort:
        fail("aborted", 130)
    except click.ClickException as error:
        hint = f" (see 'ess-archive {error.ctx.info_name} --help')" if getattr(error, "ctx", None) and \
            error.ctx.info_name != "ess-archive" else " (see 'ess-archive --help')"
        fail(error.format_message() + hint, error.exit_code)


if __name__ == "__main__":
    main()
