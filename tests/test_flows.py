"""The nightly and retrain flows end to end on the demo data (real models, real Prefect runs).

Every whole flow run costs minutes of the suite, so the module's runs share one store (``first_run``) and one inbox:
the demo exports plus a reworded resubmission and a look-alike (tests/test_resubmissions.py), so the cold run is also
the resubmission step's end-to-end run. The tests run in file order; those that add to the store come last.

The runs of this module go to one local Prefect server started with ``signaali server start`` (as a user who runs
often would), found by each ``signaali run`` through the server record; other modules' runs use the ephemeral API.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import urllib.request
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import csv

import pytest
import sqlalchemy as sa

from pipeline.store import get_engine
from pipeline.store.queries import effective_themes
from pipeline.store.schema import embedding_cache, features, reports, resubmissions, runs, signals, theme_assignments
from tests.test_resubmissions import LOOKALIKE, REWORDED

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
AS_OF = "2025-12-31"


def signaali(*args: str, env: dict | None = None, timeout: int = 900) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})}, cwd=ROOT)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module", autouse=True)
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`signaali server start` in a private data folder; every `signaali run` of the module finds and uses it."""
    data_dir = tmp_path_factory.mktemp("server-home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SIGNAALI_DATA_DIR", str(data_dir))
        mp.delenv("PREFECT_API_URL", raising=False)
        started = signaali("server", "start", "--port", str(_free_port()), timeout=300)
        assert started.returncode == 0, started.stdout + started.stderr[-3000:]
        assert signaali("server", "status").returncode == 0
        record = json.loads((data_dir / "prefect-server.json").read_text())
        yield record["api_url"]
        stopped = signaali("server", "stop")
        assert stopped.returncode == 0 and "stopped" in stopped.stdout
    assert signaali("server", "status", env={"SIGNAALI_DATA_DIR": str(data_dir)}).returncode == 1
    with pytest.raises(ProcessLookupError):
        os.kill(record["pid"], 0)


@pytest.fixture(scope="module")
def demo_inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    inbox = tmp_path_factory.mktemp("inbox")
    for name in ("raportit_2024.csv", "raportit_2025.csv"):
        shutil.copy(SAMPLE / name, inbox / name)
    with (inbox / "resubmitted.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(REWORDED))
        w.writeheader()
        w.writerows([REWORDED, LOOKALIKE])
    return inbox


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory, demo_inbox: Path) -> tuple[str, dict, Path]:
    tmp = tmp_path_factory.mktemp("store")
    db = f"sqlite:///{tmp / 'signaali.db'}"
    out = tmp / "out"
    res = signaali("run", "--as-of", AS_OF, "--db", db, "--inbox", str(demo_inbox), "--out", str(out), "--json")
    assert res.returncode == 0, res.stderr[-3000:]
    return db, json.loads(res.stdout), out, res.stderr


def table_count(db: str, table: sa.Table) -> int:
    with get_engine(db).connect() as c:
        return c.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


def test_cold_run_record_and_outputs(first_run: tuple[str, dict, Path, str], prefect_server: str) -> None:
    db, record, out, stderr = first_run
    assert f"Prefect API: {prefect_server}" in stderr  # the run found the server of `signaali server start`
    request = urllib.request.Request(f"{prefect_server}/flow_runs/filter", data=b"{}", method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        flow_runs = json.loads(response.read())
    assert any(r["state_type"] == "COMPLETED" for r in flow_runs)
    for key in ("run_id", "as_of", "reports_seen", "reports_new", "reports_processed", "quarantined", "duplicates",
                "signals", "models", "timings_s"):
        assert key in record
    assert set(record["models"]) >= {"lemmatizer", "embedder", "topic_model", "vocabulary"}
    assert record["reports_seen"] >= 150 and record["reports_processed"] == record["reports_new"] - _near_dups(db)
    assert (out / "themes_long.csv").exists() and (out / "report.html").exists()
    with get_engine(db).connect() as c:
        themed = effective_themes(c)
        counted = c.execute(sa.select(sa.func.count()).select_from(reports).where(reports.c.duplicate_of.is_(None))).scalar()
        status = c.execute(sa.select(runs.c.status)).scalars().all()
    assert len(themed) == counted and all(1 <= len(t) <= 3 for t in themed.values())
    assert status == ["completed"]


def test_nightly_links_reworded_resubmission_and_counts_it_once(first_run: tuple[str, dict, Path, str]) -> None:
    from pipeline.export.records import load_records

    db, record, _, _ = first_run
    assert record["resubmissions_result"]["linked"] >= 1
    with get_engine(db).connect() as c:
        pairs = {(r.earlier_id, r.later_id): r for r in c.execute(sa.select(resubmissions))}
        dup = dict(c.execute(sa.select(reports.c.report_id, reports.c.duplicate_of)).all())
        records = load_records(c)
    pair = pairs[("PH25-0002", "PH25-0002-K")]
    assert pair.status == "linked" and pair.evidence["rule"] == "resubmission_semantic"
    assert pair.evidence["cosine"] >= 0.94
    assert dup["PH25-0002"] == "PH25-0002-K" and dup["PH25-0002-K"] is None  # the later version counts
    assert not [p for p in pairs if "PH25-LOOK" in p and pairs[p].status == "linked"]
    assert dup["PH25-LOOK"] is None
    exported = [r.report_id for r in records]
    assert exported.count("PH25-0002-K") == 1 and "PH25-0002" not in exported and "PH25-LOOK" in exported


def _near_dups(db: str) -> int:
    with get_engine(db).connect() as c:
        return c.execute(sa.select(sa.func.count()).select_from(reports).where(reports.c.duplicate_of.is_not(None))).scalar()


def test_20_new_reports_are_processed_exactly_20(first_run, demo_inbox: Path) -> None:
    # (that a re-run over an unchanged inbox processes nothing is checked by the retrain test's re-run, the last run
    # of this module: one whole flow run fewer)
    db, _, out, _ = first_run
    shutil.copy(SAMPLE / "new_reports.jsonl", demo_inbox / "new_reports.jsonl")
    more = signaali("run", "--as-of", "2026-01-31", "--db", db, "--inbox", str(demo_inbox), "--out", str(out), "--json")
    assert more.returncode == 0, more.stderr[-3000:]
    rec = json.loads(more.stdout)
    assert (rec["reports_new"], rec["reports_processed"]) == (20, 20)
    with get_engine(db).connect() as c:
        per_report = c.execute(sa.select(theme_assignments.c.report_id, sa.func.count(sa.distinct(theme_assignments.c.run_id)))
                               .where(theme_assignments.c.source == "model").group_by(theme_assignments.c.report_id)).all()
    assert all(n == 1 for _, n in per_report)  # nothing themed twice


def test_killed_run_then_rerun_equals_one_clean_run(tmp_path: Path, demo_inbox: Path, first_run) -> None:
    clean_db, _, _, _ = first_run
    db = f"sqlite:///{tmp_path / 'killed.db'}"
    cmd = [sys.executable, "-m", "pipeline", "run", "--as-of", AS_OF, "--db", db, "--inbox", str(demo_inbox),
           "--out", str(tmp_path / "out")]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 600
    killed_mid_run = False
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.3)
        try:
            if table_count(db, features) > 0:  # lemmas written, embeddings/topics/themes still to come
                os.killpg(proc.pid, signal.SIGKILL)
                killed_mid_run = True
                break
        except sa.exc.OperationalError:
            continue
    proc.wait()
    assert killed_mid_run, "the run finished before it could be killed"
    with get_engine(db).connect() as c:
        assert c.execute(sa.select(runs.c.status)).scalars().all() == ["running"]
        assert c.execute(sa.select(sa.func.count()).select_from(theme_assignments)).scalar() == 0
    res = signaali("run", "--as-of", AS_OF, "--db", db, "--inbox", str(demo_inbox), "--out", str(tmp_path / "out"), "--json")
    assert res.returncode == 0, res.stderr[-3000:]

    def snapshot(url: str) -> dict:
        with get_engine(url).connect() as c:
            return {
                "reports": sorted(c.execute(sa.select(reports.c.report_id, reports.c.text_hash, reports.c.duplicate_of)).all()),
                "features": c.execute(sa.select(sa.func.count()).select_from(features)).scalar(),
                "embeddings": c.execute(sa.select(sa.func.count()).select_from(embedding_cache)).scalar(),
                "themed": len(effective_themes(c)),
                "signals": sorted(tuple(r) for r in c.execute(sa.select(signals.c.status, signals.c.report_ids)
                                                            .where(signals.c.as_of == sa.func.date(AS_OF)))),
            }

    assert snapshot(db)["reports"] == snapshot(clean_db)["reports"]
    a, b = snapshot(db), snapshot(clean_db)
    assert (a["features"], a["themed"]) == (b["features"], b["themed"])


def test_retrain_registers_a_version_and_keeps_an_approved_mapping(first_run, demo_inbox: Path) -> None:
    db, record, out, _ = first_run
    from pipeline.review import history, set_cluster_themes, set_report_themes
    from pipeline.store.schema import clusters, models, reviews

    engine = get_engine(db)
    with engine.connect() as c:
        some_report = c.execute(sa.select(reports.c.report_id).where(reports.c.duplicate_of.is_(None))
                                .order_by(reports.c.report_id).limit(1)).scalar_one()
    set_report_themes(engine, some_report, ["carers_support", "workforce"], reviewer="test-reviewer", note="checked")
    active = record["models"]["topic_model"]
    with engine.connect() as c:
        topic = c.execute(sa.select(clusters.c.topic).where(clusters.c.model_version == active, clusters.c.topic != -1)
                          .order_by(clusters.c.size.desc()).limit(1)).scalar_one()
    set_cluster_themes(engine, active, topic, ["housing"], reviewer="test-reviewer", note="approved")
    res = signaali("retrain", "--db", db, "--json")
    assert res.returncode == 0, res.stderr[-3000:]
    result = json.loads(res.stdout)
    with engine.connect() as c:
        versions = c.execute(sa.select(models.c.version).where(models.c.kind == "topic_model")).scalars().all()
        carried = c.execute(sa.select(reviews).where(reviews.c.kind == "cluster",
                                                     reviews.c.target.startswith(result["version"] + ":"))).all()
    assert result["version"] in versions and len(versions) == 2
    mapped = result["mappings"]["carried"] + result["mappings"]["unmatched"]
    assert [m["old"] for m in mapped] == [f"{active}:{topic}"]
    # same data and settings give the same clusters, so the approved mapping must find its match
    assert result["mappings"]["carried"] and carried and carried[0].new == {"themes": ["housing"]}

    # the reviewer's correction survives the retrain and a re-run of the nightly flow, with its history
    again = signaali("run", "--as-of", AS_OF, "--db", db, "--inbox", str(demo_inbox), "--out", str(out), "--json")
    assert again.returncode == 0, again.stderr[-3000:]
    rec = json.loads(again.stdout)
    # the inbox has not changed since the last run: a second run over it processes nothing, retrain or not
    assert (rec["reports_new"], rec["reports_processed"]) == (0, 0)
    with engine.connect() as c:
        assert effective_themes(c, [some_report])[some_report] == ["carers_support", "workforce"]
    assert any(h.get("reviewer") == "test-reviewer" for h in history(engine, some_report))
