"""`python -m cleaner` runs the command line."""
from .cli import run

run()
