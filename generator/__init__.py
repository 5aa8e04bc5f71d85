"""Greffier: participatory processes published as a validated, searchable, accessible site.

The package follows the pipeline, each stage importing only those before it (`.importlinter`):
`i18n` (words) → `diagnostics`, `formats` → `models`, `paths` → `load` → `enrich` → `present`
→ `export` → `render` → `site` (`plan_site`, every page and file) → adapters: `mkdocs` (the
plugin, the only code importing MkDocs), `cli`, `importers`, `skeletons`.

The public API: load and validate a repository of process folders, inspect the problems found,
and get the JSON Schemas of the files organisers write.
"""

from .diagnostics import (
    Diagnostic,
    Diagnostics,
    GreffierError,
    SourceLocation,
    ValidationFailed,
)
from .export.schemas import json_schemas
from .load import load_corpus
from .models import Corpus, Process

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
