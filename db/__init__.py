"""The database: schema, migrations, reads and writes. The only package that knows table names and SQL.

Tables (documented in the README, stable for Datasette and scripts): sources, articles,
article_urls, failures, failed_urls, runs, source_runs, events, event_articles, deliveries, notices,
notice_deliveries, schedule_state, feedback, site_cookies, articles_fts. Callers import the package (``import db as store``)
and use the functions below; the modules split them by the data they touch.
"""

import sys

if "numpy" not in sys.modules:
    # sqlite-utils imports numpy, when installed, only to store numpy scalars, which newswatch never
    # passes it; in the crawler's process, which needs no numpy, that import costs ~17 MB.
    sys.modules["numpy"] = None  # type: ignore[assignment]  # makes ``import numpy`` raise ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del sys.modules["numpy"]

from sqlite_utils import Database  # noqa: F401  (callers annotate with store.Database)

from db.articles import *  # noqa: F403
from db.backups import *  # noqa: F403
from db.browse import *  # noqa: F403
from db.cookies import *  # noqa: F403
from db.events import *  # noqa: F403
from db.faults import *  # noqa: F403
from db.feedback import *  # noqa: F403
from db.retries import *  # noqa: F403
from db.runs import *  # noqa: F403
from db.schema import *  # noqa: F403
from db.times import *  # noqa: F403
