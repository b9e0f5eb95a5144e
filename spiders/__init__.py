"""Scrapy spiders: discovery and fetching only; parsing happens in ``crawler.parser``."""
