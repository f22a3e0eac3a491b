"""Helpers for the tests that are not tests themselves: servers that stand in for news sites and
receivers, config writers, process watchers, generated data. Fixtures built on them live in
``tests/conftest.py``; a test file keeps only what is its own."""
