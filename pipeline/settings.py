"""One typed settings object: every stage's parameters, read from the environment (prefix ``SIGNAALI_``).

Each stage has a nested model (``topics``, ``themes``, ``signals``, ``embedder``, ``lemmas``, ``export``); set a
field as ``SIGNAALI_<STAGE>__<FIELD>`` (``SIGNAALI_SIGNALS__MIN_REPORTS=4``) or in a ``.env`` file. The flat names
used before the nesting keep working and fill the nested field they name (``SIGNAALI_MIN_CELL`` →
``export.min_cell``, see `_FLAT_ALIASES`); when both are set the nested one wins.

Where things live: ``SIGNAALI_HOME`` (default: the checkout root when running from a checkout, so the demo uses its
``data/`` and ``models/``; else ``$XDG_DATA_HOME/signaali``) holds ``data/`` (the store, inbox, outputs) and
``models/`` (the embedding and Stanza models). Topic models a run fits go beside the store (`fitted_models_dir`),
never into the code checkout's ``models/``.

`Settings.resolved_params` returns every stage's parameters as a JSON-able dict for the run record.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent

# Offline by construction: nothing may download model weights or send telemetry at run time. The CLI and the flows
# apply this once at start-up (`apply_offline_env`); it is the only copy. The Prefect keys are plain environment
# strings (this module imports no Prefect); the start-up time-out lets a cold first ephemeral-API run survive.
OFFLINE_ENV: dict[str, str] = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "TOKENIZERS_PARALLELISM": "false",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}


def apply_offline_env() -> None:
    """Set `OFFLINE_ENV` in ``os.environ`` (values already set by the user are kept)."""
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)


def _default_home() -> Path:
    """The checkout root when this package runs from a checkout, else ``$XDG_DATA_HOME/signaali``."""
    if (PROJECT_ROOT / "pyproject.toml").is_file() and (PROJECT_ROOT / "pipeline").is_dir():
        return PROJECT_ROOT
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "signaali"


class TopicsParams(BaseModel):
    """Parameters of `pipeline.topics.TopicModel` (BERTopic on stored embeddings)."""

    min_cluster_size: int | None = Field(None, ge=2, description="HDBSCAN's; None scales with the corpus")
    n_neighbors: int = Field(15, ge=2, description="UMAP neighbours (capped below the corpus size)")
    n_components: int = Field(5, ge=1, description="UMAP dimensions")
    random_state: int = 42
    outlier_strategy: Literal["none", "embeddings", "c-tf-idf", "distributions"] = "embeddings"
    outlier_threshold: float = Field(0.0, description="minimum similarity for reduce_outliers to move a report")
    representation: Literal["mmr", "keybert", "ctfidf"] = "mmr"
    top_n_words: int = Field(10, ge=1, description="keywords kept per topic")
    assign_quantile: float = Field(0.05, gt=0, lt=1, description="new reports beyond this quantile are outliers")


class ThemesParams(BaseModel):
    """Parameters of `pipeline.themes.assign.ThemeAssigner` and the vocabulary it scores against."""

    vocabulary_path: Path = PACKAGE_DIR / "themes" / "vocabulary.yaml"
    max_themes: int = Field(3, ge=1)
    min_themes: int = Field(1, ge=0)
    keyword_weight: float = 1.0
    description_weight: float = 0.5
    cluster_weight: float = 0.0  # cross-validation on dev chose 0 once keywords matched compound parts
    # 0 since vocabulary v4: leave-one-writer-out CV over the tuning sets chose 0 in every fold
    # (bench/themes_pooled_cv.py); 0.25 was the dev-only choice.
    cue_weight: float = Field(0.0, ge=0, description="weight of the good-practice wording cue (practice_cue.v1)")
    relative_threshold: float = Field(0.45, ge=0, le=1)
    absolute_threshold: float = Field(0.3, description="zero-shot: a theme after the first needs this score too "
                                      "(chosen with the weights by cross-validation: bench/themes_zeroshot_cv.py)")
    supervised_weight: float = Field(0.7, ge=0, le=1)
    n_neighbours: int = Field(10, ge=1)
    min_reviewed: int = Field(30, ge=1, description="fewer reviewed reports than this: stay zero-shot")
    stack_weight: float = Field(1.0, ge=0)
    random_state: int = 42
    scorers: list[str] = Field(
        default_factory=lambda: ["theme_scorer.keywords.v1", "theme_scorer.description.v1", "theme_scorer.cluster.v1",
                                 "theme_scorer.metadata.v1", "theme_scorer.practice_cue.v1",
                                 # on by default: leave-one-writer-out CV over the four tuning writers, zero-shot
                                 # 0.785 -> 0.830, with dev labels 0.792 -> 0.825 (bench/themes_bank_cv.py)
                                 "theme_scorer.example_bank.v1"],
        description="registered zero-shot theme scorers (pipeline/themes/scorers.py), summed in this order")
    # theme_scorer.reviewed_head.v1 (pipeline/themes/head.py), when listed in `scorers`: it replaces the logistic part
    head_max_weight: float = Field(1.5, ge=0, description="reviewed head's blend weight with many labels")
    head_half_labels: float = Field(50.0, gt=0, description="labels at which the head has half its weight")
    head_temperature: float = Field(0.05, gt=0, description="softness of the head's nearest-reviewed vote")
    head_C: float = Field(2.0, ge=0, description="the head's logistic regularisation (0 = kNN vote only)")
    # theme_scorer.example_bank.v1 (pipeline/themes/bank.py), when listed in `scorers`: the head over the bundled
    # labelled example bank (+ the county's reviewed reports); it replaces the logistic part and the reviewed head
    # both chosen by leave-one-writer-out CV (bench/themes_bank_cv.py): weight 1.5 of 0.75 / 1.5 / 3; county weight
    # 1 of 1 / 3 (0.8250 vs 0.8246: weighting the county's labels more did not help)
    bank_weight: float = Field(1.5, ge=0, description="the example-bank head's blend weight")
    bank_county_weight: float = Field(1.0, gt=0, description="bank items one county-reviewed report counts as")


class SignalsParams(BaseModel):
    """Parameters of `pipeline.signals.SignalDetector` (the weak-signal rule)."""

    detector: str = Field("signal_detector.bertrend.v8", description="registered signal detector (v1: the rule "
                          "without identity/hysteresis/coherence; v2: with them; v4: v2 plus a lexical check; "
                          "v5: v4 plus a young store judged against a bundled reference; v6: v5 plus a young "
                          "store's group judged new by its onset; v7: v6 with each language's offset taken out; v8: v7 with "
                          "its cosine floors relative to the window's random report pairs)")
    recent_days: int = Field(90, ge=1)
    distance_threshold: float = Field(0.8, gt=0)
    min_reports: int = Field(3, ge=1)
    min_recent_share: float = Field(0.6, ge=0, le=1)
    window_days: int = Field(30, ge=1)
    n_windows: int = Field(6, ge=2)
    decay: float = Field(0.5, ge=0, le=1)
    strong_share: float = Field(0.35, ge=0, le=1)
    emerging_min_reports: int = Field(5, ge=1)
    n_keywords: int = Field(8, ge=1)
    # signal_detector.bertrend.v2 (identity, hysteresis, coherence, split); v1 ignores these
    context_days: int = Field(365, ge=1, description="the detector reads only reports of this many days")
    min_coherence: float = Field(0.32, ge=-1, le=1, description="mean pairwise cosine a group needs")
    split_margin: float = Field(0.15, ge=0, description="inside-minus-across similarity that splits a group")
    match_overlap: float = Field(0.5, ge=0, le=1, description="report overlap that continues a previous signal")
    match_similarity: float = Field(0.8, ge=-1, le=1, description="centroid cosine that continues one")
    hold_share: float = Field(0.25, ge=0, le=1, description="a flagged signal stays flagged above this share of "
                                                             "its peak popularity")
    min_older_reports: int = Field(30, ge=0, description="fewer older reports than this: nothing is judged new")
    # signal_detector.bertrend.v3 (a flagged signal's reports stay together); v1 and v2 ignore this
    hold_days: int = Field(42, ge=0, description="a flagged signal that grew since it was first flagged is held "
                                                  "only while its newest report is at most this many days old")
    hold_days_unconfirmed: int = Field(21, ge=0, description="the same for a signal that has not grown since")
    # signal_detector.bertrend.v4 (a lexical check beside the embedding one; a young store); v1-v3 ignore these
    strong_coherence: float = Field(0.36, ge=-1, le=1, description="embedding coherence that keeps a group "
                                                                    "whatever its words")
    lexical_floor: float = Field(0.12, ge=0, le=1, description="lexical coherence a group between min_coherence "
                                                               "and strong_coherence needs")
    rescue_coherence: float = Field(0.30, ge=-1, le=1, description="embedding coherence below min_coherence that "
                                                                    "the lexical check may still rescue")
    lexical_coherence: float = Field(0.22, ge=0, le=1, description="mean pairwise cosine of char-n-gram TF-IDF "
                                                                    "over lemmas that rescues a group (and that a "
                                                                    "group in a young store needs)")
    min_history: int = Field(30, ge=0, description="older reports a young store needs before novelty is judged "
                                                   "(at min_older_reports or above: v2's rule, the default)")
    cold_lexical_coherence: float = Field(0.30, ge=0, le=1, description="lexical coherence a group needs to be "
                                                                         "judged new in a young store")
    # signal_detector.bertrend.v5 (a young store judged against a bundled reference); v1-v4 ignore these
    reference: str | None = Field("bundled", description="ordinary reports a young store's novelty is judged "
                                  "against: 'bundled' (pipeline/reference/, by the store's embedder), a path, "
                                  "or empty for none")
    young_lexical_coherence: float = Field(0.12, ge=0, le=1, description="lexical coherence a group of a young "
                                           "store needs to be judged new against the reference")
    young_novelty_rank: float = Field(0.2, ge=0, le=1, description="a group of a young store is new when its "
                                      "reports are on average less like the reference than this share of the "
                                      "store's reports")
    # signal_detector.bertrend.v6 (a young store's group judged new by its onset); v1-v5 ignore these
    young_onset_rank: float = Field(0.6, ge=0, le=1, description="a young store's group is also new when its "
                                    "reports' mean date rank among the store's reports is at least this (0: oldest, "
                                    "1: newest) ...")
    young_onset_novelty_rank: float = Field(0.5, ge=0, le=1, description="... its mean rank against the reference "
                                            "at most this ...")
    young_onset_min_reports: int = Field(4, ge=1, description="... and it has at least this many reports")
    # signal_detector.bertrend.v7 (each language's offset taken out); v1-v6 ignore it
    language_min_older: int = Field(10, ge=1, description="a language's offset in the embedding space is estimated "
                                    "once the window holds at least this many of its reports older than the recent "
                                    "window")
    # signal_detector.bertrend.v8 (floors in standard deviations of the window's random report pairs); v1-v7
    # ignore these
    cluster_z: float = Field(2.2, description="average-linkage similarity (in sd of random pairs above their "
                             "mean) at which recent groups stop merging")
    min_z: float = Field(3.25, description="v8's min_coherence, in sd of random pairs above their mean")
    strong_z: float = Field(3.65, description="v8's strong_coherence, in the same units")
    rescue_z: float = Field(3.05, description="v8's rescue_coherence, in the same units")
    split_margin_sd: float = Field(1.5, ge=0, description="v8's split_margin, in sd of random pairs")
    min_units: int = Field(2, ge=1, description="v8: a group is judged new only when its reports come from at "
                           "least this many units (1 = not checked)")


class EmbedderParams(BaseModel):
    """Which embedder and where its local model folder is."""

    # auto is the default: the int8 build e5-small-onnx-int8.v2 passed bench/int8_gate.py (bench/results/
    # int8_gate.json: cosine, theme micro-F1 and signals within the gate of fp32). Without that build (missing,
    # failed its own check, an ungated builder such as v1, no onnxruntime) auto runs fp32 and logs why.
    name: str = Field("auto", description="registered embedder or short name (onnx-int8, fp32); auto = int8 "
                      "when its checked build sits beside the fp32 folder, else fp32")
    model: str = Field("", description="local sentence-transformers folder; empty = <models_dir>/e5-small")
    batch_size: int = Field(32, ge=1)
    device: str = Field("auto", description="auto | cpu | cuda")


class LemmasParams(BaseModel):
    """Which lemmatiser backend."""

    backend: str = Field("auto", description="auto | spacy-fi | stanza | simplemma")
    stanza_model_dir: Path | None = Field(None, description="local Stanza model; None = <models_dir>/stanza-fi")


class ExportParams(BaseModel):
    """Reporting tables: privacy threshold and defaults."""

    # checked by the export (below 1 -> exit 2 naming SIGNAALI_MIN_CELL), not here, so a bad value is a usage error
    min_cell: int = Field(3, description="counts below this are suppressed in exports")
    period: Literal["month", "quarter", "half", "year", "range"] = "quarter"
    tables: str = Field("theme,theme*period,theme*area,theme*target_group,theme*phenomenon_type,"
                        "area,target_group,phenomenon_type,period",
                        description="published tables: dimensions joined by '*', tables by ','")
    disclosure: str = Field("suppression", description="suppression | cell-key")


# Flat names of earlier versions → (stage, field). `SIGNAALI_<FLAT>` sets the nested field unless it is set itself.
_FLAT_ALIASES: dict[str, tuple[str, str]] = {
    "min_cell": ("export", "min_cell"),
    "export_tables": ("export", "tables"),
    "disclosure": ("export", "disclosure"),
    "lemmatizer": ("lemmas", "backend"),
    "stanza_model_dir": ("lemmas", "stanza_model_dir"),
    "embedding_model": ("embedder", "model"),
    "embedding_batch_size": ("embedder", "batch_size"),
    "embedding_device": ("embedder", "device"),
    "vocabulary_path": ("themes", "vocabulary_path"),
    "outlier_strategy": ("topics", "outlier_strategy"),
    "random_state": ("topics", "random_state"),
}


class Settings(BaseSettings):
    """Signaali configuration: storage locations, privacy, orchestration and every stage's parameters."""

    model_config = SettingsConfigDict(env_prefix="SIGNAALI_", env_file=".env", extra="ignore",
                                      env_nested_delimiter="__")

    # where things live (empty = derived from home)
    home: Path = Field(default_factory=_default_home, description="holds data/ and models/")
    db_url: str = Field("", description="SQLAlchemy URL; empty = SQLite file data/signaali.db under home")
    data_dir: Path | None = None
    models_dir: Path | None = None
    cache_dir: Path | None = Field(None, description="rebuildable derived files (decoded dictionaries); empty = "
                                                     "home/cache")
    inbox_dir: Path | None = None
    out_dir: Path | None = None

    # privacy and ingest
    keep_raw_text: bool = Field(False, description="keep the un-pseudonymised text (off by default)")
    pseudonymise_ner: bool = Field(True, description="spaCy NER besides rules and lexicons when pseudonymising")
    near_duplicate_threshold: float = Field(0.85, description="word-shingle Jaccard at or above = near-duplicate")
    resubmission_window_days: int = Field(30, ge=0, description="an edited resubmission arrives within this many "
                                                                "days of the earlier version (same area, target "
                                                                "group, unit, phenomenon type)")
    resubmission_link_cosine: float = Field(0.94, description="second pass (after features): e5 cosine at or "
                                                              "above which a same-block pair in the window is "
                                                              "linked, with the lemma Jaccard below")
    resubmission_link_lemma_jaccard: float = Field(0.15, description="second pass: lemma-set Jaccard a linked "
                                                                     "pair also reaches")
    resubmission_review_cosine: float = Field(0.90, description="second pass: e5 cosine at or above which a "
                                                                "same-block pair is listed for a reviewer")
    retention_years: float = Field(0, ge=0, description="the nightly flow erases reports submitted more than this "
                                                        "many years ago; 0 = keep every report")

    run_lock_wait_s: float = Field(0, ge=0, description="a second `signaali run` on the same store waits this long "
                                                        "for the first, then exits 1")

    # stages
    topics: TopicsParams = Field(default_factory=TopicsParams)
    themes: ThemesParams = Field(default_factory=ThemesParams)
    signals: SignalsParams = Field(default_factory=SignalsParams)
    # NoDecode: SIGNAALI_EMBEDDER=onnx-int8 is a short name (see _apply_flat_aliases), not JSON.
    embedder: Annotated[EmbedderParams, NoDecode] = Field(default_factory=EmbedderParams)
    lemmas: LemmasParams = Field(default_factory=LemmasParams)
    export: ExportParams = Field(default_factory=ExportParams)

    # orchestration
    task_runner: Literal["thread", "dask"] = "thread"
    dask_address: str = Field("", description="Dask scheduler address; empty = LocalCluster")
    dask_workers: int = 2

    # flat names of earlier versions (read once into the nested models; see _FLAT_ALIASES)
    min_cell: int | None = Field(None, exclude=True)
    export_tables: str | None = Field(None, exclude=True)
    disclosure: str | None = Field(None, exclude=True)
    lemmatizer: str | None = Field(None, exclude=True)
    stanza_model_dir: Path | None = Field(None, exclude=True)
    embedding_model: str | None = Field(None, exclude=True)
    embedding_batch_size: int | None = Field(None, exclude=True)
    embedding_device: str | None = Field(None, exclude=True)
    vocabulary_path: Path | None = Field(None, exclude=True)
    outlier_strategy: str | None = Field(None, exclude=True)
    random_state: int | None = Field(None, exclude=True)

    @model_validator(mode="before")
    @classmethod
    def _apply_flat_aliases(cls, data: Any) -> Any:
        """Copy a flat value into its nested field unless that nested field was given too (nested wins)."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        if isinstance(data.get("embedder"), str):  # SIGNAALI_EMBEDDER=onnx-int8: a short name for embedder.name
            data["embedder"] = {"name": data["embedder"]}
        for flat, (stage, field) in _FLAT_ALIASES.items():
            if data.get(flat) is None:
                continue
            nested = data.get(stage)
            if isinstance(nested, BaseModel):
                nested = nested.model_dump(exclude_unset=True)
            nested = dict(nested or {})
            nested.setdefault(field, data[flat])
            data[stage] = nested
        return data

    @model_validator(mode="after")
    def _derive_paths(self) -> "Settings":
        """Fill the locations left empty from ``home``; mirror the nested values into the flat names."""
        self.data_dir = self.data_dir or self.home / "data"
        self.models_dir = self.models_dir or self.home / "models"
        self.cache_dir = self.cache_dir or self.home / "cache"
        self.inbox_dir = self.inbox_dir or self.data_dir / "inbox"
        self.out_dir = self.out_dir or self.data_dir / "out"
        if self.lemmas.stanza_model_dir is None:
            self.lemmas.stanza_model_dir = self.models_dir / "stanza-fi"
        # The flat attributes stay readable (same values as the nested fields) while callers move to the nested ones.
        for flat, (stage, field) in _FLAT_ALIASES.items():
            object.__setattr__(self, flat, getattr(getattr(self, stage), field))
        return self

    @property
    def database_url(self) -> str:
        """The URL to connect to: ``db_url`` or the default SQLite file ``<data_dir>/signaali.db``."""
        if self.db_url:
            return self.db_url
        return f"sqlite:///{self.data_dir / 'signaali.db'}"

    @property
    def embedding_model_path(self) -> Path:
        """The embedder's local model folder: ``embedder.model`` or ``<models_dir>/e5-small``."""
        return Path(self.embedder.model) if self.embedder.model else self.models_dir / "e5-small"

    def fitted_models_dir(self, database_url: str | None = None) -> Path:
        """Where a run writes the models it fits (topic models), beside the store it writes to.

        Arguments:
            database_url: the store of the run; None = `database_url`.

        Returns:
            ``<folder of the SQLite file>/models`` for a SQLite file store, else ``<data_dir>/models``; never the
            code checkout's ``models/`` (which holds the provisioned embedding and lemma models).
        """
        url = make_url(database_url or self.database_url)
        if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
            return Path(url.database).resolve().parent / "models"
        return self.data_dir / "models"

    def resolved_params(self) -> dict[str, Any]:
        """Every stage's parameters as resolved from defaults, ``.env`` and the environment (JSON-able).

        Storage URLs and paths of personal data are left out; model paths are kept (they identify the model).
        """
        out = {stage: getattr(self, stage).model_dump(mode="json")
               for stage in ("topics", "themes", "signals", "embedder", "lemmas", "export")}
        out["embedder"]["model"] = str(self.embedding_model_path)
        out["ingest"] = {"near_duplicate_threshold": self.near_duplicate_threshold,
                         "keep_raw_text": self.keep_raw_text, "pseudonymise_ner": self.pseudonymise_ner}
        return out


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (read once from the environment)."""
    return Settings()
