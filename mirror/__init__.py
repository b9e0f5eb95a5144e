"""The embedded demo mirror: a WordPress-shaped site served on 127.0.0.1.

It exists so the real spiders can be run and tested end to end without reaching the live
site. Content is invented (``mirror/posts/*.html``); markup mimics WordPress core, a classic
theme and a block theme.
"""
