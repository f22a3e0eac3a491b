"""What every command is given: the config path and the configuration, loaded on first use."""

from __future__ import annotations

from pathlib import Path

import click

import config as configuration
import db as store
from operations.logs import setup_logging


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

    @property
    def database(self) -> Path | None:
        """The database of the configuration once it is loaded (the file a storage fault is about)."""
        return self._config.database if self._config is not None else None

    def open_db(self) -> store.Database:
        return store.open_db(self.config.database)


pass_app = click.make_pass_decorator(App)
