"""``python -m cli``: the same entry point as the ``newswatch`` command."""

from cli.main import main

main()
