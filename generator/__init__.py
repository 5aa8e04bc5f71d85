"""Greffier: participatory processes published as a validated, searchable, accessible site.

The public API: load and validate a repository of process folders, inspect the problems found,
and get the JSON Schemas of the files organisers write.
"""

from .diagnostics import Diagnostic, Diagnostics, GreffierError, SourceLocation, ValidationFailed
from .load import load_corpus
from .models import Corpus, Process
from .schemas import json_schemas

__version__ = "0.1.0"

__all__ = [
    "Corpus",
    "Diagnostic",
    "Diagnostics",
    "GreffierError",
    "Process",
    "SourceLocation",
    "ValidationFailed",
    "__version__",
    "json_schemas",
    "load_corpus",
]
