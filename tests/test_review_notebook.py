"""The review notebooks run headless (papermill) against a test store; corrections passed as parameters stick."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import sqlalchemy as sa

from test_review import seed_store

ROOT = Path(__file__).resolve().parent.parent
REVIEW_NB = ROOT / "notebooks" / "review_themes.ipynb"
EXPLORE_NB = ROOT / "notebooks" / "explore_topics.ipynb"

CORRECTIONS = [
    {"report_id": "R-1", "themes": ["housing"], "note": "asumisesta, ei mielenterveydestä"},
    {"report_id": "R-3", "themes": "housing;workforce", "note": ""},
]
CLUSTER_CORRECTIONS = json.dumps([{"topic": 1, "themes": ["housing", "income_employment"], "note": "vahvistettu"}])


def _execute(nb: Path, out: Path, **parameters) -> nbformat.NotebookNode:
    import papermill as pm

    # "python3" resolves to this interpreter's ipykernel (jupyter_client swaps the spec's "python" for
    # sys.executable; ipykernel provides the spec itself when none is installed), so the venv's packages are used.
    pm.execute_notebook(str(nb), str(out), parameters=parameters, kernel_name="python3", cwd=str(ROOT),
                        progress_bar=False, execution_timeout=300)
    return nbformat.read(out, as_version=4)


def _texts(nb: nbformat.NotebookNode) -> str:
    parts = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            assert o.get("output_type") != "error", f"{o.get('ename')}: {o.get('evalue')}"
            data = o.get("data", {})
            parts.append(str(data.get("text/markdown", "")) + str(data.get("text/plain", "")) + str(o.get("text", "")))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, nbformat.NotebookNode]:
    """A fixture store after review_themes.ipynb ran headless with two report and one cluster correction."""
    tmp = tmp_path_factory.mktemp("review-nb")
    url = f"sqlite:///{tmp / 'signaali.db'}"
    seed_store(url)
    nb = _execute(REVIEW_NB, tmp / "out.ipynb", db_url=url, reviewer="nb-tester", period_from="2025-01-01",
                  period_to="2025-12-31", corrections=CORRECTIONS, cluster_corrections=CLUSTER_CORRECTIONS)
    return url, nb


def test_notebooks_are_committed_without_outputs() -> None:
    for path in (REVIEW_NB, EXPLORE_NB):
        nb = nbformat.read(path, as_version=4)
        assert all(not c.get("outputs") and not c.get("execution_count") for c in nb.cells if c.cell_type == "code")
        assert any("parameters" in c.metadata.get("tags", []) for c in nb.cells), path


def test_review_notebook_corrections_reach_the_store(reviewed: tuple[str, nbformat.NotebookNode]) -> None:
    from pipeline.review import cluster_mappings, history
    from pipeline.store import get_engine
    from pipeline.store.queries import effective_themes

    url, nb = reviewed
    engine = get_engine(url)
    with engine.connect() as c:
        assert effective_themes(c, ["R-1", "R-3", "R-5"]) == {
            "R-1": ["housing"], "R-3": ["housing", "workforce"], "R-5": ["mental_health"]}
    h = history(engine, "R-1")
    assert len(h) == 1 and h[0]["reviewer"] == "nb-tester" and h[0]["note"] == "asumisesta, ei mielenterveydestä"
    assert h[0]["old"]["themes"] == ["mental_health", "service_access"]
    assert cluster_mappings(engine, "m1") == {1: ["housing", "income_employment"]}

    text = _texts(nb)
    assert "3 decision(s) applied" in text
    assert "low-confidence" in text or "top model score" in text  # the low-confidence list was shown
    # the effect table: housing went from 1 report to 3, mental_health from 3 to 1
    effect = next(c for c in nb.cells if "effect = " in c.source)
    out = "".join(o.get("data", {}).get("text/plain", "") for o in effect.outputs)
    housing = next(line.split() for line in out.splitlines() if " housing " in f" {line} ")
    assert housing[2:5] == ["1", "3", "2"], out


def test_next_export_reflects_the_correction(reviewed: tuple[str, nbformat.NotebookNode], tmp_path: Path) -> None:
    url, _ = reviewed
    env = {**os.environ, "SIGNAALI_DB_URL": url, "SIGNAALI_MIN_CELL": "1"}
    done = subprocess.run([sys.executable, "-m", "pipeline", "export", "--out", str(tmp_path), "--format", "csv",
                           "--period", "year"], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    import pandas as pd

    long = pd.read_csv(tmp_path / "themes_long.csv", dtype=str, keep_default_na=False)
    total = long[(long["area"] == "all") & (long["target_group"] == "all") & (long["phenomenon_type"] == "all")]
    if (total["period"] == "all").any():  # subtotal over periods
        total = total[total["period"] == "all"]
    counts = total.groupby("theme")["reports"].apply(lambda s: sum(int(v) for v in s))
    assert counts["housing"] == 3 and counts["workforce"] == 1 and counts["mental_health"] == 1


def test_widget_save_records_a_decision(sqlite_url: str) -> None:
    from pipeline.review import history, list_clusters, list_reports
    from pipeline.review.widgets import cluster_editor, report_editor

    engine = seed_store(sqlite_url)
    editor = report_editor(engine, list_reports(engine, max_confidence=0.5), "widget-user")
    first = editor.children[1]  # children[0] is "Save all changed"
    tags, note, save = first.children[1].children
    assert list(tags.value) == []  # no themes yet
    tags.value = ["disability"]
    note.value = "vammaispalvelut"
    save.click()
    assert "saved" in first.children[2].value
    assert history(engine, "R-6")[-1]["new"]["themes"] == ["disability"]

    clusters = cluster_editor(engine, list_clusters(engine), "widget-user")
    clusters.children[1].children[1].children[0].value = ["mental_health"]
    save_all = clusters.children[0].children[0]
    save_all.click()
    assert clusters.children[0].children[1].value == "1 saved"
    assert history(engine, "m1:0", kind="cluster")[-1]["new"]["themes"] == ["mental_health"]


def test_explore_notebook_handles_an_empty_store(tmp_path: Path) -> None:
    nb = _execute(EXPLORE_NB, tmp_path / "out.ipynb", db_url=f"sqlite:///{tmp_path / 'empty.db'}")
    assert "No topic model in the store yet" in _texts(nb)


@pytest.mark.slow
def test_explore_notebook_shows_bertopic_views(tmp_path: Path) -> None:
    import numpy as np

    from pipeline.store import get_engine
    from pipeline.store.schema import models
    from pipeline.topics import TopicModel

    rng = np.random.default_rng(0)
    centres = rng.normal(size=(3, 384))
    X = np.vstack([c + 0.05 * rng.normal(size=(30, 384)) for c in centres]).astype(np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    words = [["asunto vuokra häätö"], ["ahdistus masennus jono"], ["päihde alkoholi huume"]]
    docs = [words[i // 30][0] + f" sana{i % 5}" for i in range(90)]
    path = TopicModel(outlier_strategy="none", representation="none").fit(X, docs).save(tmp_path / "m1")
    url = f"sqlite:///{tmp_path / 'signaali.db'}"
    seed_store(url)
    with get_engine(url).begin() as c:
        c.execute(sa.update(models).where(models.c.version == "m1").values(path=str(path)))
    nb = _execute(EXPLORE_NB, tmp_path / "out.ipynb", db_url=url)
    text = _texts(nb)
    assert "BERTopic model not available" not in text
    plots = sum("application/vnd.plotly.v1+json" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))
    assert plots >= 3, text  # store views (2) + at least one BERTopic view
