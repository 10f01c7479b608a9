"""Framing for crawl files (WARC, ARC; plain or gzip): see `cleaner.warc_input` for the public API."""
