"""One typed settings object: the single source of truth for configuration (env prefix ``SIGNAALI_``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Signaali configuration. Every field can be set as ``SIGNAALI_<NAME>`` or in a ``.env`` file."""

    model_config = SettingsConfigDict(env_prefix="SIGNAALI_", env_file=".env", extra="ignore")

    # storage
    db_url: str = Field("", description="SQLAlchemy URL; empty = SQLite file under data_dir")
    data_dir: Path = PROJECT_ROOT / "data"
    models_dir: Path = PROJECT_ROOT / "models"
    inbox_dir: Path = PROJECT_ROOT / "data" / "inbox"
    out_dir: Path = PROJECT_ROOT / "data" / "out"

    # privacy
    keep_raw_text: bool = Field(False, description="keep the un-pseudonymised text (off by default)")
    pseudonymise_ner: bool = Field(True, description="spaCy NER besides rules and lexicons when pseudonymising")
    min_cell: int = Field(3, ge=1, description="counts below this are suppressed in exports")

    # ingest
    near_duplicate_threshold: float = Field(0.85, description="word-shingle Jaccard at or above = near-duplicate")

    # language layer
    lemmatizer: str = Field("auto", description="auto | spacy-fi | stanza | simplemma")
    stanza_model_dir: Path = PROJECT_ROOT / "models" / "stanza-fi"

    # embeddings
    embedding_model: str = Field("", description="path of a local sentence-transformers folder; empty = models/e5-small")
    embedding_batch_size: int = 32
    embedding_device: str = Field("auto", description="auto | cpu | cuda")

    # topics, themes, signals
    vocabulary_path: Path = Field(PROJECT_ROOT / "pipeline" / "themes" / "vocabulary.yaml")
    outlier_strategy: Literal["none", "embeddings", "c-tf-idf", "distributions"] = "embeddings"
    random_state: int = 42

    # orchestration
    task_runner: Literal["thread", "dask"] = "thread"
    dask_address: str = Field("", description="Dask scheduler address; empty = LocalCluster")
    dask_workers: int = 2

    @property
    def database_url(self) -> str:
        """The URL to connect to: ``db_url`` or the default SQLite file."""
        if self.db_url:
            return self.db_url
        return f"sqlite:///{self.data_dir / 'signaali.db'}"

    @property
    def embedding_model_path(self) -> Path:
        return Path(self.embedding_model) if self.embedding_model else self.models_dir / "e5-small"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (read once from the environment)."""
    return Settings()
