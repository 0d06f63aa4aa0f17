"""One settings object: nested stage parameters, the flat names of earlier versions, SIGNAALI_HOME, the registry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.registry import Registry, RegistryError, UnknownComponentError
from pipeline.settings import Settings


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    import os

    for key in list(os.environ):
        if key.startswith("SIGNAALI_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)  # no .env of the checkout
    return monkeypatch


def test_defaults_match_the_stage_classes(clean_env: pytest.MonkeyPatch) -> None:
    from pipeline.signals import RelativeFloorSignalDetector, StickySignalDetector, TrackedSignalDetector

    s = Settings()
    # v3 takes the v2 fields and hold_days*; v8 (the default) the v2 fields, v4's lexical ones, v5's reference ones,
    # v6's onset ones, v7's language_min_older and its own relative floors and min_units
    v3, v4 = StickySignalDetector(), RelativeFloorSignalDetector()
    for name, value in s.signals.model_dump(exclude={"detector"}).items():
        det = v4 if hasattr(v4, name) else v3
        assert getattr(det, name) == value, name
    v2 = TrackedSignalDetector()
    assert s.signals.detector == "signal_detector.bertrend.v8"
    assert all(getattr(v2, n) == getattr(v3, n) == getattr(v4, n) for n in vars(v2))
    assert s.export.min_cell == 3 and s.lemmas.backend == "auto" and s.topics.outlier_strategy == "embeddings"


def test_flat_names_still_work_and_nested_ones_win(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("SIGNAALI_MIN_CELL", "5")
    clean_env.setenv("SIGNAALI_LEMMATIZER", "simplemma")
    clean_env.setenv("SIGNAALI_SIGNALS__MIN_REPORTS", "4")
    s = Settings()
    assert (s.export.min_cell, s.min_cell, s.lemmas.backend, s.signals.min_reports) == (5, 5, "simplemma", 4)
    clean_env.setenv("SIGNAALI_EXPORT__MIN_CELL", "7")
    assert Settings().export.min_cell == 7


def test_bad_values_are_refused_with_the_field_named(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("SIGNAALI_SIGNALS__MIN_RECENT_SHARE", "1.5")
    with pytest.raises(ValueError, match="min_recent_share"):
        Settings()


def test_locations_follow_home_and_topic_models_go_beside_the_store(clean_env: pytest.MonkeyPatch,
                                                                    tmp_path: Path) -> None:
    clean_env.setenv("SIGNAALI_HOME", str(tmp_path / "home"))
    s = Settings()
    assert s.data_dir == tmp_path / "home" / "data" and s.out_dir == tmp_path / "home" / "data" / "out"
    assert s.database_url == f"sqlite:///{tmp_path / 'home' / 'data' / 'signaali.db'}"
    assert s.embedding_model_path == tmp_path / "home" / "models" / "e5-small"
    assert s.fitted_models_dir() == tmp_path / "home" / "data" / "models"
    assert s.fitted_models_dir(f"sqlite:///{tmp_path / 'elsewhere' / 'x.db'}") == tmp_path / "elsewhere" / "models"
    assert s.fitted_models_dir("postgresql+psycopg://u@h/db") == tmp_path / "home" / "data" / "models"


def test_resolved_params_are_json_for_the_run_record(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("SIGNAALI_TOPICS__N_NEIGHBORS", "9")
    params = json.loads(json.dumps(Settings().resolved_params()))
    assert params["topics"]["n_neighbors"] == 9
    assert params["signals"]["detector"] == "signal_detector.bertrend.v8"
    assert set(params) >= {"topics", "themes", "signals", "embedder", "lemmas", "export"}
    assert "db_url" not in json.dumps(params)


def test_registry_names_versions_and_refuses_unknown_or_twice_registered_names() -> None:
    reg = Registry("widgets")

    @reg.register("widget.round.v1")
    def round_widget() -> str:
        return "round"

    assert reg.get("widget.round.v1") is round_widget and reg.names() == ["widget.round.v1"]
    with pytest.raises(UnknownComponentError, match="known: widget.round.v1"):
        reg.get("widget.square.v1")
    with pytest.raises(RegistryError, match="already registered"):
        reg.register("widget.round.v1")(lambda: "other")
