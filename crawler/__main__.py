"""``python -m crawler``: the ``ess-archive`` command line."""

from crawler.cli import main

main()
