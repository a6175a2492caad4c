"""``python -m negosim.cli``: the same command line as ``negosim``."""

from negosim.cli import app

app()
