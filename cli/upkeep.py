"""``newswatch check`` and ``newswatch backup``: is the setup ready, and a copy of the database now."""

from __future__ import annotations

import sys

import click

from cli.app import App, pass_app
from errors import ConfigError


@click.command("check")
@pass_app
def check_cmd(app: App) -> None:
    """Check the configuration, the database (quick_check), each channel's variables, Chromium,
    the run lock and the disk space: one line each, with what to do about a problem.

    Exit status 0 when all is well, 1 a problem to fix, 2 an invalid configuration, 4 a database
    that cannot be used. Run it after editing config.toml.

    Example: newswatch --config config.toml check
    """
    from operations.check import check

    try:
        config = app.config
    except ConfigError as exc:
        click.echo(f"{'problem':<7}  config: {exc} — fix it and run `newswatch check` again")
        sys.exit(exc.exit_code)
    checked = check(config)
    for finding in checked.findings:
        click.echo(config.redact(finding.line()))
    problems = len(checked.problems)
    click.echo(f"{problems} problem{'s' * (problems != 1)}" if problems else "all well")
    sys.exit(checked.status)


@click.command("backup")
@pass_app
def backup_cmd(app: App) -> None:
    """Copy the database now, with SQLite's backup API, to DATABASE.backup-YYYY-MM-DD beside it,
    then keep the newest [storage] backups copies. A run makes one a day by itself.

    Example: newswatch backup
    """
    from operations.backups import backup_now

    made = backup_now(app.config)
    pruned = f"; removed {', '.join(p.name for p in made.pruned)}" if made.pruned else ""
    click.echo(f"backed up {app.config.database} to {made.path} ({made.size} bytes){pruned}")
