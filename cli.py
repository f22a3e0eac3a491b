"""The ``newswatch`` command: thin commands over the modules; expected errors become one line."""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import click

import config as configuration
import db as store
from errors import ConfigError, NewswatchError

CHINA = timezone(timedelta(hours=8))
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class RedactingFilter(logging.Filter):
    """Keeps secrets read from the environment out of every log line."""

    def __init__(self, config: configuration.Config) -> None:
        super().__init__()
        self.config = config

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = self.config.redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


def setup_logging(verbose: int, config: configuration.Config | None = None) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    if config is not None:
        handler.addFilter(RedactingFilter(config))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


def parse_since(value: str | None) -> str | None:
    """`2025-11-18`, an ISO timestamp, or a span like `7d` / `12h` → ISO string in China time."""
    if not value:
        return None
    span = re.fullmatch(r"(\d+)([dh])", value.strip())
    if span:
        amount = int(span.group(1))
        delta = timedelta(days=amount) if span.group(2) == "d" else timedelta(hours=amount)
        return (datetime.now(CHINA) - delta).isoformat(timespec="seconds")
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"--since: {value!r} is not a date (use 2025-11-18, an ISO time, or 7d / 12h)") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=CHINA)
    return parsed.isoformat(timespec="seconds")


class App:
    """What every command needs: the config path, loaded lazily so --help never needs a file."""

    def __init__(self, config_path: Path, verbose: int) -> None:
        self.config_path = config_path
        self.verbose = verbose
        self._config: configuration.Config | None = None

    @property
    def config(self) -> configuration.Config:
        if self._config is None:
            self._config = configuration.load(self.config_path)
            setup_logging(self.verbose, self._config)
        return self._config

    def open_db(self) -> store.Database:
        return store.open_db(self.config.database)


pass_app = click.make_pass_decorator(App)


@click.group(context_settings=CONTEXT)
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Config file (default: $NEWSWATCH_CONFIG or ./config.toml).")
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
    @pass_app
    def command(app: App, sources: tuple[str, ...], dry_run: bool, **options: Any) -> None:
        from job import run_job
        from progress import Progress

        config = app.config
        with Progress(sys.stderr) as progress:
            result = run_job(config, sources, dry_run=dry_run,
                             digest=digest and not options.get("no_digest", False),
                             on_progress=progress.update)
        print_summary(result, dry_run)

    return command


run_cmd = cli.command("run", help="Crawl every enabled source, analyse, then send digests.\n\n"
                                  "Example: newswatch run --source hp-gov-news --dry-run")(
    click.option("--no-digest", is_flag=True, help="Crawl and analyse only.")(_crawl_command(True)))
crawl_cmd = cli.command("crawl", help="Crawl and analyse every enabled source (no digest).\n\n"
                                      "Example: newswatch crawl --source hp-gov-news")(_crawl_command(False))


def print_summary(result: Any, dry_run: bool) -> None:
    from progress import summary_table

    report = result.report
    click.echo(summary_table(report))
    click.echo(f"{report.pages} pages fetched, {len(report.new_article_ids)} new articles, "
               f"{len(report.failures)} failures" + (" (dry run: nothing stored)" if dry_run else ""))
    for failure in report.failures[:20]:
        click.echo(f"  failed: [{failure.source}] {failure.url}: {failure.reason}")
    if len(report.failures) > 20:
        click.echo(f"  … and {len(report.failures) - 20} more (see the failures table)")


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
    rows = list(store.articles(database, source=source, since=parse_since(since), limit=limit or None))
    if as_json:
        fields = ("url", "source", "title", "published_at", "lang", "fetched_at", "body")
        click.echo(json.dumps([{k: r.get(k) for k in fields} for r in rows], ensure_ascii=False, indent=2))
        return
    for r in rows:
        when = (r["published_at"] or "")[:16].replace("T", " ") or "(no date)"
        click.echo(f"{when:16}  {r['source']:<16}  {r['title']}\n{'':18}{r['url']}")
    click.echo(f"{len(rows)} articles")


@cli.group("sources")
def sources_group() -> None:
    """Inspect and manage the watched sources."""


@sources_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@pass_app
def sources_list(app: App, as_json: bool) -> None:
    """Show every configured source with its health.

    Example: newswatch sources list
    """
    config = app.config
    database = app.open_db()
    health = {r["name"]: r for r in store.source_rows(database)}
    rows = []
    for s in config.sources:
        h = health.get(s.name, {})
        rows.append({"name": s.name, "kind": s.kind, "enabled": s.enabled, "url": s.url,
                     "last_run_at": h.get("last_run_at"), "last_success_at": h.get("last_success_at"),
                     "articles_last_run": h.get("articles_last_run"),
                     "consecutive_failures": h.get("consecutive_failures") or 0,
                     "last_error": h.get("last_error")})
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from progress import sources_table

    click.echo(sources_table(rows))


def main() -> None:
    """Entry point: run the CLI, turning expected errors into one line and an exit status."""
    try:
        status = cli.main(standalone_mode=False, prog_name="newswatch")
    except click.exceptions.Abort:
        click.echo("newswatch: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except NewswatchError as exc:
        click.echo(f"newswatch: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("newswatch: interrupted", err=True)
        sys.exit(130)
    sys.exit(status if isinstance(status, int) else 0)


if __name__ == "__main__":
    main()
