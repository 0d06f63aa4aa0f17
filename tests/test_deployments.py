"""A real local Prefect server on loopback serves the deployments; one nightly deployment run is checked, its heavy
steps (lemmas, embeddings) on a 2-worker Dask LocalCluster (SIGNAALI_TASK_RUNNER=dask). One flow run covers both:
each flow run here costs a Prefect start, model loads in every worker and minutes of the test suite."""

from __future__ import annotations

import csv
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import sqlalchemy as sa

from pipeline.store import get_engine
from pipeline.store.schema import embedding_cache, features, runs

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample" / "raportit_2024.csv"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _small_export(path: Path, n: int) -> Path:
    with SAMPLE.open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows[: n + 1])
    return path


def _wait(predicate, timeout: float, what: str) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(1)
    raise AssertionError(f"timed out waiting for {what}")


def test_served_nightly_deployment_runs_once_with_dask_heavy_steps(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
           "PREFECT_SERVER_API_HOST": "127.0.0.1", "PREFECT_SERVER_API_PORT": str(port)}
    serve_env = {**env, "SIGNAALI_TASK_RUNNER": "dask", "SIGNAALI_DASK_WORKERS": "2"}
    db = f"sqlite:///{tmp_path / 'signaali.db'}"
    export = _small_export(tmp_path / "reports.csv", 40)
    procs = []
    try:
        server = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                                   "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(server)

        def healthy() -> bool:
            try:
                return urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2).status == 200
            except OSError:
                return False

        _wait(healthy, 180, "the Prefect server")
        params = {"db_url": db, "paths": [str(export)], "as_of": "2024-12-31", "out_dir": str(tmp_path / "out")}
        code = ("import json,sys; from flows.deployments import serve; serve(json.loads(sys.argv[1]), schedules=False)")
        log = (tmp_path / "serve.log").open("w")
        serving = subprocess.Popen([sys.executable, "-c", code, json.dumps(params)], env=serve_env, cwd=ROOT,
                                   stdout=log, stderr=subprocess.STDOUT)
        procs.append(serving)

        def deployed() -> bool:
            assert serving.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
            r = subprocess.run([sys.executable, "-m", "prefect", "deployment", "ls"], env=env, capture_output=True, text=True)
            return "nightly/nightly" in r.stdout.replace(" ", "") or "nightly" in r.stdout and "retrain" in r.stdout

        _wait(deployed, 180, "the deployments to be served")
        run = subprocess.run([sys.executable, "-m", "prefect", "deployment", "run", "nightly/nightly"], env=env,
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stderr

        def completed() -> bool:
            try:
                with get_engine(db).connect() as c:
                    return c.execute(sa.select(runs.c.status).where(runs.c.flow == "nightly")).scalar() == "completed"
            except Exception:  # noqa: BLE001 - store not created yet
                return False

        _wait(completed, 600, "the deployment run to complete")
        with get_engine(db).connect() as c:
            record = c.execute(sa.select(runs.c.record)).scalar_one()
        assert record["reports_new"] == 40 and record["flow_run_id"]
        assert (tmp_path / "out" / "themes_long.csv").exists()
        counted = record["reports_new"] - _near_duplicates(db)  # near-duplicates are stored but not processed
        assert record["reports_processed"] == counted >= 35
        with get_engine(db).connect() as c:
            assert c.execute(sa.select(sa.func.count()).select_from(features)).scalar() == counted
            assert c.execute(sa.select(sa.func.count()).select_from(embedding_cache)).scalar() == counted
        assert "distributed" in (tmp_path / "serve.log").read_text()  # the Dask cluster did the heavy steps
    finally:
        for p in reversed(procs):
            p.terminate()
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()


def _near_duplicates(db: str) -> int:
    from pipeline.store.schema import reports

    with get_engine(db).connect() as c:
        return c.execute(sa.select(sa.func.count()).select_from(reports).where(reports.c.duplicate_of.is_not(None))).scalar()
