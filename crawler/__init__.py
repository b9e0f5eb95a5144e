"""ess-archive: crawl, parse and publish the ESS 2024 "3 questions à ..." interviews.

``crawler.parser`` is pure (no Scrapy); ``crawler.settings`` and ``crawler.cli`` are the
Scrapy project settings and the ``ess-archive`` command line.
"""

__version__ = "0.1.0"
