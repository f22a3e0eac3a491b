"""The web app (``newswatch serve``): events, one event's reports, search, sources, Atom feeds and
the events API, over the same database and modules as the command line."""
