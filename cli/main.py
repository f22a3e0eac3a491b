"""The ``newswatch`` command: thin commands over the modules; expected errors become one line."""

from __future__ import annotations

import json
import logging
import signal
import sys
from pathlib import Path
from typing import Any

import click

import config as configuration
import db as store
from cli.app import App, pass_app
from cli.sources import sources_group
from cli.upkeep import backup_cmd, check_cmd
from errors import ConfigError, Interrupted, NewswatchError
from operations.logs import setup_logging

log = logging.getLogger("newswatch")
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Newswatch(click.Group):
    """The command group. Below it a storage fault becomes StorageError naming the database, and a
    signal ends the command with one line and 128 + its number (130 for Ctrl-C, 143 for SIGTERM):
    the work it stopped was recorded as interrupted on its way out."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except store.STORAGE_FAULTS as exc:
            error = store.storage_error(exc, ctx.obj.database if isinstance(ctx.obj, App) else None)
            if error is None:
                raise
            raise error from exc
        except KeyboardInterrupt as exc:
            signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
            log.debug("interrupted", exc_info=True)
            click.echo(f"newswatch: interrupted ({signal.Signals(signum).name})", err=True)
            ctx.exit(128 + signum)


@click.group(cls=Newswatch, context_settings=CONTEXT)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Config file (default: $NEWSWATCH_CONFIG or ./config.toml).",
)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(configuration.VERSION, prog_name="newswatch")
@click.pass_context
def cli(ctx: click.Context, config_path: Path | None, verbose: int) -> None:
    """Watch Chinese news sources and send one digest per new industry event.

    Example: newswatch --config config.toml run
    """
    setup_logging(verbose)
    ctx.obj = App(config_path or configuration.default_path(), verbose)


def _crawl_command(digest: bool) -> Any:
    @click.option("--source", "sources", multiple=True, metavar="NAME", help="Only this source (repeatable).")
    @click.option("--dry-run", is_flag=True, help="Fetch and extract, change nothing in the database.")
    @click.option(
        "--wait",
        "wait",
        type=click.FloatRange(min=0),
        default=0,
        metavar="SECONDS",
        help="If another run is working, wait up to this long for it (default: exit at once).",
    )
    @pass_app
    def command(app: App, sources: tuple[str, ...], dry_run: bool, wait: float, **options: Any) -> None:
        from cli.display import Progress
        from operations.run import run_job

        config = app.config
        with Progress(sys.stderr) as progress:
            result = run_job(
                config,
                sources,
                dry_run=dry_run,
                digest=digest and not options.get("no_digest", False),
                on_progress=progress.update,
                lock_wait=wait,
            )
        print_summary(result, dry_run)
        if result.report.interrupted:
            raise Interrupted(result.report.stopped_by or signal.SIGINT)
        if result.every_source_failed:
            where = "the error column above" + ("" if dry_run else " and `newswatch status`")
            raise NewswatchError(f"{result.failure_line()}: see {where}; `newswatch sources test NAME` checks one")

    return command


run_cmd = cli.command(
    "run",
    help="Crawl every enabled source, analyse, then send digests.\n\n"
    "Example: newswatch run --source hp-gov-news --dry-run",
)(click.option("--no-digest", is_flag=True, help="Crawl and analyse only.")(_crawl_command(True)))
crawl_cmd = cli.command(
    "crawl", help="Crawl and analyse every enabled source (no digest).\n\nExample: newswatch crawl --source hp-gov-news"
)(_crawl_command(False))


def print_summary(result: Any, dry_run: bool) -> None:
    from cli.display import summary_table

    report = result.report
    click.echo(summary_table(report))
    click.echo(
        f"{report.pages} pages fetched, {len(report.new_article_ids)} new articles, "
        f"{len(report.failures)} failures"
        + (" (dry run: nothing stored)" if dry_run else "")
        + (" (interrupted: the next run picks up the rest)" if report.interrupted else "")
    )
    for failure in report.failures[:20]:
        click.echo(f"  failed: [{failure.source}] {failure.url}: {failure.reason}")
    if len(report.failures) > 20:
        click.echo(f"  … and {len(report.failures) - 20} more (see the failures table)")
    for warning in result.warnings:
        click.echo(f"warning: {warning}")
    if not dry_run:
        click.echo(f"{len(result.new_events)} new events")
    for delivery in result.deliveries:
        click.echo(f"  digest: {delivery.line()}")


@cli.command("articles")
@click.option("--source", help="Only this source.")
@click.option("--since", help="Published (or fetched) on or after: 2025-11-18, ISO time, 7d, 12h.")
@click.option("--limit", type=int, default=50, show_default=True, help="At most this many (0 = all).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@pass_app
def articles_cmd(app: App, source: str | None, since: str | None, limit: int, as_json: bool) -> None:
    """List stored articles, newest first.

    Example: newswatch articles --source hp-gov-news --since 7d --json
    """
    if source:
        app.config.source(source)
    database = app.open_db()
    rows = list(store.articles(database, source=source, since=store.parse_since(since), limit=limit or None))
    if as_json:
        fields = ("url", "source", "title", "published_at", "lang", "fetched_at", "body")
        click.echo(json.dumps([{k: r.get(k) for k in fields} for r in rows], ensure_ascii=False, indent=2))
        return
    for r in rows:
        when = (r["published_at"] or "")[:16].replace("T", " ") or "(no date)"
        click.echo(f"{when:16}  {r['source']:<16}  {r['title']}\n{'':18}{r['url']}")
    click.echo(f"{len(rows)} articles")


cli.add_command(sources_group)
cli.add_command(check_cmd)
cli.add_command(backup_cmd)


@cli.command("events")
@click.option("--since", help="Published (or first seen) on or after: 2025-11-18, ISO time, 7d, 12h.")
@click.option("--watch", metavar="NAME", help="Only this watch's events.")
@click.option("--new", "only_new", is_flag=True, help="Only events first seen by the latest crawl.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array (the documented event shape).")
@pass_app
def events_cmd(app: App, since: str | None, watch: str | None, only_new: bool, as_json: bool) -> None:
    """List events: one per happening, with every article that reported it, newest first.

    Example: newswatch events --watch biomed-cluster --since 7d --json
    """
    if watch and watch not in {w.name for w in app.config.watches}:
        known = ", ".join(w.name for w in app.config.watches) or "none"
        raise ConfigError(f"--watch: no watch named {watch!r} (configured: {known})")
    database = app.open_db()
    ids = None
    if only_new:
        ids = store.events_of_latest_crawl(database)
    rows = store.events(database, since=store.parse_since(since), watch=watch, ids=ids)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for e in rows:
        when = (e["published_at"] or e["first_seen"] or "")[:10]
        facts = [*e["places"][:3], *e["organizations"][:2], *(a["text"] for a in e["amounts"][:2])]
        click.echo(f"{when:10}  {e['type']:<10} {e['title']}")
        if facts:
            click.echo(f"{'':12}{' · '.join(facts)}")
        if e["summary"]:
            click.echo(f"{'':12}{e['summary']}")
        sources = ", ".join(dict.fromkeys(a["source"] for a in e["articles"]))
        click.echo(f"{'':12}{len(e['articles'])} report(s) [{e['watch']}]: {sources}")
        for a in e["articles"]:
            click.echo(f"{'':12}{a['url']}")
    click.echo(f"{len(rows)} events")


@cli.command("search")
@click.argument("query")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="At most this many hits.")
@pass_app
def search_cmd(app: App, query: str, limit: int) -> None:
    """Search article titles and text (every word must occur; "quote" a phrase).

    Example: newswatch search "生物医药 产业园" --limit 5
    """
    from pipelines.search import search

    hits = search(app.open_db(), query, limit)
    for h in hits:
        when = (h.published_at or "")[:10] or "(no date)"
        click.echo(f"{when:10}  {h.source:<16}  {h.title}\n{'':12}{h.snippet}\n{'':12}{h.url}")
    click.echo(f"{len(hits)} hits")


@cli.command("learn")
@click.option("--watch", "names", multiple=True, metavar="NAME", help="Only this watch (repeatable).")
@pass_app
def learn_cmd(app: App, names: tuple[str, ...]) -> None:
    """Train each watch's relevance model on its labelled examples ([[watches]] examples) and the
    team's feedback from the web app.

    Example: newswatch learn --watch biomed-cluster
    """
    from operations import feedback
    from pipelines.analyse import learn_models
    from pipelines.learn import Example

    config = app.config
    labelled = feedback.examples(app.open_db(), [w.name for w in config.watches])
    given = {w: [Example(r["title"], r["body"], r["relevant"]) for r in rows] for w, rows in labelled.items()}
    results = learn_models(config, names, given)
    for result in results:
        click.echo(result.line())
    if not results:
        click.echo(
            'no watch has examples: set [[watches]] examples = "FILE.jsonl", or give feedback in the web app '
            "(see README, Analysis)"
        )


@cli.group("feedback")
def feedback_group() -> None:
    """What the team said in the web app: not relevant, relevant, merges and splits."""


@feedback_group.command("export")
@click.option("--watch", "names", multiple=True, metavar="NAME", help="Only this watch (repeatable).")
@pass_app
def feedback_export(app: App, names: tuple[str, ...]) -> None:
    """Print the team's labels as JSON Lines in the examples format (one article a line).

    Example: newswatch feedback export > team-labels.jsonl
    """
    from operations import feedback

    config = app.config
    known = [w.name for w in config.watches]
    unknown = sorted(set(names) - set(known))
    if unknown:
        raise ConfigError(f"--watch: no watch named {unknown[0]!r} (configured: {', '.join(known) or 'none'})")
    for line in feedback.export_lines(app.open_db(), names or known):
        click.echo(line)


@cli.command("digest")
@click.option("--channel", metavar="NAME", help="Only this channel.")
@click.option("--dry-run", is_flag=True, help="Print what would be sent; send and mark nothing.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "html", "json"]),
    default="text",
    show_default=True,
    help="How --dry-run prints the digest.",
)
@click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=0,
    metavar="SECONDS",
    help="If another run is working, wait up to this long for it (default: exit at once).",
)
@pass_app
def digest_cmd(app: App, channel: str | None, dry_run: bool, fmt: str, wait: float) -> None:
    """Send each channel the events it has not received yet (exit status 1 if a channel failed).

    Example: newswatch digest --channel team-mail --dry-run --format html
    """
    import alerts
    from operations.run import run_digest

    config = app.config
    if channel:
        config.channel(channel)
    if not config.channels and dry_run:
        click.echo(alerts.format_digest(alerts.build_digest(app.open_db(), config), fmt), nl=False)
        click.echo("no channels configured: this is the digest of every stored event of every watch", err=True)
        return
    if not config.channels:
        raise ConfigError(f"{config.path}: no channels configured (add a [[channels]] table)")
    reports = run_digest(config, channel, dry_run=dry_run, fmt=fmt, lock_wait=wait)
    for report in reports:
        if report.preview is not None:
            click.echo(report.preview)
        click.echo(config.redact(report.line()), err=report.preview is not None)
    if any(r.status == "failed" for r in reports):
        sys.exit(1)


@cli.command("schedule")
@pass_app
def schedule_cmd(app: App) -> None:
    """Run the crawl and digest jobs on the [schedule] cron times until stopped (SIGTERM, Ctrl-C).

    Example: newswatch --config config.toml schedule
    """
    import scheduler

    scheduler.serve(app.config, max(app.verbose, 1))


@cli.command("serve")
@click.option("--host", metavar="HOST", help="Address to listen on (default: [web] host, 127.0.0.1).")
@click.option("--port", type=click.IntRange(0, 65535), metavar="PORT", help="Port (default: [web] port, 8080).")
@pass_app
def serve_cmd(app: App, host: str | None, port: int | None) -> None:
    """Run the web app (events, search, sources, feeds) in the foreground until Ctrl-C or SIGTERM.

    Example: newswatch serve --port 8080
    """
    import os

    from web.serve import serve

    config = app.config
    serve(config, os.environ, host or config.web.host, config.web.port if port is None else port)


@cli.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object.")
@pass_app
def status_cmd(app: App, as_json: bool) -> None:
    """Show the last runs, the next scheduled times, pending deliveries and unhealthy sources.

    Example: newswatch status
    """
    from cli.display import status_view
    from operations.status import gather

    report = gather(app.config)
    click.echo(json.dumps(report, ensure_ascii=False, indent=2) if as_json else status_view(report))


def main() -> None:
    """Entry point: run the CLI, turning expected errors into one line and an exit status."""
    signal.signal(signal.SIGTERM, _terminate)
    try:
        status = cli.main(standalone_mode=False, prog_name="newswatch")
    except click.exceptions.Abort:
        click.echo("newswatch: interrupted (SIGINT)", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except NewswatchError as exc:
        log.debug("the error's cause", exc_info=True)  # -vv
        click.echo(f"newswatch: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt as exc:
        click.echo("newswatch: interrupted", err=True)
        sys.exit(exc.exit_code if isinstance(exc, Interrupted) else 130)
    sys.exit(status if isinstance(status, int) else 0)


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM unwinds the command as Ctrl-C does, so the work it stops is recorded as interrupted."""
    raise Interrupted(signum)
