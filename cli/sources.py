"""``newswatch sources …``: the operator's source workflow — list, add, test, enable, disable, remove.

A module of its own so cli/main.py stays a page of thin commands; each command is given the
``App`` (cli/app.py) from the click context.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING

import click

import config as configuration
import db as store
from errors import ConfigError, NewswatchError

if TYPE_CHECKING:
    from cli.app import App
    from config.edit import Edit


@click.group("sources")
def sources_group() -> None:
    """Inspect and manage the watched sources."""


@sources_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.pass_obj
def sources_list(app: App, as_json: bool) -> None:
    """Show every configured source with its health.

    Example: newswatch sources list
    """
    config = app.config
    database = app.open_db()
    health = {r["name"]: r for r in store.source_rows(database)}
    retries = store.retry_counts(database)
    rows = []
    for s in config.sources:
        h = health.get(s.name, {})
        failed = retries.get(s.name, {})
        rows.append(
            {
                "name": s.name,
                "kind": s.kind,
                "enabled": s.enabled,
                "url": config.redact(s.url),
                "last_run_at": h.get("last_run_at"),
                "last_success_at": h.get("last_success_at"),
                "articles_last_run": h.get("articles_last_run"),
                "consecutive_failures": h.get("consecutive_failures") or 0,
                "last_error": h.get("last_error"),
                "healthy": h.get("healthy", 1) != 0,
                "health_reason": h.get("health_reason"),
                "failed_pages_waiting": failed.get("waiting", 0),
                "failed_pages_given_up": failed.get("given_up", 0),
            }
        )
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from cli.display import sources_table

    click.echo(sources_table(rows))


@sources_group.command("add")
@click.argument("url")
@click.option("--name", required=True, help="Unique slug (a-z, 0-9, '-', '_', '.').")
@click.option("--kind", default="auto", show_default=True, metavar="KIND", help="auto, list, feed, sitemap or json.")
@click.option("--link-selector", metavar="CSS", help="CSS selector of the article links on a list page.")
@click.option("--items", metavar="PATH", help='kind json: dotted path to the list in the answer ("data.list").')
@click.option("--url-field", metavar="PATH", help="kind json: dotted path to each item's article URL.")
@click.option("--title-field", metavar="PATH", help="kind json: dotted path to each item's headline.")
@click.option("--date-field", metavar="PATH", help="kind json: dotted path to each item's date.")
@click.option("--page-param", metavar="NAME", help="kind json: the query parameter that numbers the pages.")
@click.option(
    "--render",
    type=click.Choice(["auto", "browser", "never"]),
    help="auto (default): the browser only for a challenge; browser: lists in the browser; never.",
)
@click.option("--tag", "tags", multiple=True, metavar="T", help="A label (repeatable).")
@click.option("--no-check", is_flag=True, help="Add without fetching the source first.")
@click.pass_obj
def sources_add(
    app: App,
    url: str,
    name: str,
    kind: str,
    link_selector: str | None,
    items: str | None,
    url_field: str | None,
    title_field: str | None,
    date_field: str | None,
    page_param: str | None,
    render: str | None,
    tags: tuple[str, ...],
    no_check: bool,
) -> None:
    """Check a source, then append it to the config file (comments and layout kept).

    Example: newswatch sources add https://www.hp.gov.cn/xwzx/qndt/ --name hp-news --kind list --tag official

    Example: newswatch sources add 'https://www.example.gov.cn/api/list?page=1' --name example-api --kind json
    --items data.list --url-field linkUrl --title-field title --date-field publishTime --page-param page
    """
    from config.edit import NewSource, add_source
    from crawler import probe

    new = NewSource(name, url, kind, link_selector, tags, items, url_field, title_field, date_field, page_param, render)
    edit = add_source(app.config_path, new, os.environ)
    if not no_check:
        report = probe.probe(edit.config, edit.config.source(name))
        click.echo(edit.config.redact(probe.render(report)))
        if report.error:
            raise NewswatchError(
                edit.config.redact(f"source {name!r} not added: {report.error} (add it anyway with --no-check)")
            )
    edit.write()
    click.echo(f"added source {name!r} to {app.config_path}")


@sources_group.command("test")
@click.argument("source")
@click.option("--kind", metavar="KIND", help="Read it as this kind instead (auto, list, feed, sitemap, json).")
@click.option("--link-selector", metavar="CSS", help="Try this CSS selector for the article links.")
@click.pass_obj
def sources_test(app: App, source: str, kind: str | None, link_selector: str | None) -> None:
    """Fetch a source (configured NAME or a URL) without storing anything and show what it yields.

    Example: newswatch sources test hp-gov-news
    """
    import dataclasses

    from crawler import probe

    config = app.config
    if "://" in source:
        configuration.check_url(source, "sources test")
        target = configuration.Source(name="test", url=source)
    else:
        target = config.source(source)
    if kind is not None:
        if kind not in configuration.SOURCE_KINDS:
            raise ConfigError(f"--kind: {kind!r} is not allowed (use one of: {', '.join(configuration.SOURCE_KINDS)})")
        target = dataclasses.replace(target, kind=kind)
    if link_selector is not None:
        configuration.check_selector(link_selector, "--link-selector")
        target = dataclasses.replace(target, link_selector=link_selector)
    report = probe.probe(config, target)
    click.echo(config.redact(probe.render(report)))
    if report.error or not report.links:
        raise NewswatchError(config.redact(f"source test failed: {report.error or 'no article links found'}"))


def _write_edit(app: App, action: str, name: str, edit: Edit) -> None:
    edit.write()
    click.echo(f"{action} source {name!r} in {app.config_path}" + ("" if edit.changed else " (no change needed)"))


def _enabled_command(enabled: bool, summary: str) -> click.Command:
    """`sources enable` and `sources disable`: one command, told which way to set the flag."""
    verb = "enable" if enabled else "disable"

    @sources_group.command(verb, help=f"{summary}\n\nExample: newswatch sources {verb} hp-gov-news")
    @click.argument("name")
    @click.pass_obj
    def command(app: App, name: str) -> None:
        from config.edit import set_enabled

        _write_edit(app, f"{verb}d", name, set_enabled(app.config_path, name, enabled, os.environ))

    return command


sources_enable = _enabled_command(True, "Enable a source in the config file (comments and layout kept).")
sources_disable = _enabled_command(False, "Disable a source in the config file; `run` skips it, its articles stay.")


@sources_group.command("remove")
@click.argument("name")
@click.pass_obj
def sources_remove(app: App, name: str) -> None:
    """Remove a source (and the comment right above it) from the config file; its articles stay.

    Example: newswatch sources remove hp-gov-news
    """
    from config.edit import remove_source

    _write_edit(app, "removed", name, remove_source(app.config_path, name, os.environ))


@sources_group.command("retry")
@click.argument("names", nargs=-1, required=True, metavar="NAME...")
@click.pass_obj
def sources_retry(app: App, names: tuple[str, ...]) -> None:
    """Fetch the failed pages of these sources at the next run, given-up ones too.

    Failed pages wait 1, 3 and 7 days between tries and are then given up; after fixing what
    made them fail (a content_selector, a site's outage) this tries them again now.

    Example: newswatch sources retry hp-gov-news
    """
    for name in names:
        app.config.source(name)
    database = app.open_db()
    try:
        count = store.retry_now(database, names)
    finally:
        database.close()
    click.echo(f"{count} failed pages of {', '.join(names)} will be fetched at the next run")
