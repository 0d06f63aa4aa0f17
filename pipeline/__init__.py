"""Signaali: Finnish social reports into themes, weak signals and reporting tables, offline.

Data flows one way: ingest → features (language, lemmas, embeddings) → topics → themes → signals → export.
Each step is a plain module here; `flows/` wires them as Prefect flows.
"""

__version__ = "0.1.0"
