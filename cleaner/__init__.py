"""cleaner: strip boilerplate from article texts and keep a ledger of every removal.

    >>> import cleaner
    >>> article = cleaner.clean_text(raw)
    >>> article.text, article.title, [r.rule for r in article.removals]

Importing the package loads the text engine only: the HTML and WARC readers (and
trafilatura, lxml and warcio with them) load on first use of `clean_html`,
`clean_file` or `iter_warc`, so a process that cleans text never pays for them.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .config import Config, ConfigError
from .engine import clean_bytes, clean_text
from .model import Article, Ledger, Provenance, Removal
from .sources import BinaryInputError, EmptyInputError, InputError

if TYPE_CHECKING:  # for type checkers and IDEs; at run time they load lazily (below)
    from .html import clean_html
    from .readers import clean_file
    from .warc_input import iter_warc

__version__ = "0.1.0"

# Public names whose modules import heavy dependencies: name -> module.
_LAZY = {"clean_html": ".html", "clean_file": ".readers", "iter_warc": ".warc_input"}

__all__ = [
    "Article", "BinaryInputError", "Config", "ConfigError", "EmptyInputError", "InputError",
    "Ledger", "Provenance", "Removal", "__version__", "clean_bytes", "clean_file", "clean_html", "clean_text",
    "iter_warc",
]


def __getattr__(name: str) -> Any:
    """Load a lazy public name on first access (PEP 562) and keep it as a module global."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
