"""cleaner: strip boilerplate from article texts and keep a ledger of every removal.

    >>> import cleaner
    >>> article = cleaner.clean_text(raw)
    >>> article.text, article.title, [r.rule for r in article.removals]
"""
from __future__ import annotations

from .config import Config, ConfigError
from .engine import clean_bytes, clean_text
from .html import clean_html
from .model import Article, Ledger, Provenance, Removal
from .readers import clean_file
from .sources import BinaryInputError, EmptyInputError, InputError
from .warc_input import iter_warc

__version__ = "0.1.0"

__all__ = [
    "Article", "BinaryInputError", "Config", "ConfigError", "EmptyInputError", "InputError",
    "Ledger", "Provenance", "Removal", "__version__", "clean_bytes", "clean_file", "clean_html", "clean_text",
    "iter_warc",
]
