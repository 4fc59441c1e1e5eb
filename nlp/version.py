"""The pipeline version stored with every extraction (see nlp.__init__)."""
from __future__ import annotations

DECLARED_VERSION = "0.1.0"
PIPELINE_VERSION = DECLARED_VERSION
