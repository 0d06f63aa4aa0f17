"""The local Prefect server record (`flows.server`) and what a run does without one; the real server start, a run
against it and the stop are in tests/test_flows.py (one server for that module's runs)."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from flows import server

ROOT = Path(__file__).resolve().parent.parent


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_record_is_removed_and_the_run_uses_a_temporary_api(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    record = tmp_path / "prefect-server.json"
    record.write_text(json.dumps({"pid": _dead_pid(), "api_url": "http://127.0.0.1:9/api", "log_file": "x",
                                  "started": 0.0}))
    assert server.status(tmp_path) == (server.read_record(tmp_path), False)
    with caplog.at_level(logging.WARNING, logger="flows.server"):
        assert server.use_running_server(tmp_path) is None
    assert not record.exists() and "does not answer" in caplog.text
    assert "PREFECT_API_URL" not in os.environ


def test_a_url_the_user_set_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4444/api")
    assert server.use_running_server() == "http://127.0.0.1:4444/api"


def test_no_record_means_ephemeral_and_stop_says_so(tmp_path: Path) -> None:
    assert server.status(tmp_path) == (None, False)
    assert server.stop(tmp_path) is None
    assert not server.healthy("http://127.0.0.1:9/api", timeout=0.5)


def test_status_command_exits_1_without_a_server(tmp_path: Path) -> None:
    res = subprocess.run([sys.executable, "-m", "pipeline", "server", "status"], capture_output=True, text=True,
                         env={**os.environ, "SIGNAALI_DATA_DIR": str(tmp_path)}, cwd=ROOT, timeout=120)
    assert res.returncode == 1 and "no Prefect server recorded" in res.stdout


def test_bad_input_is_not_retried_but_a_transient_failure_is() -> None:
    from prefect.states import Failed

    from flows.nightly import _may_pass_on_retry
    from pipeline.errors import ModelNotAvailableError, RowError, UnreadableFileError

    for exc in (UnreadableFileError("x.md", "unsupported file type"), ModelNotAvailableError("no model")):
        assert _may_pass_on_retry(None, None, Failed(data=exc)) is False
    assert _may_pass_on_retry(None, None, Failed(data=RowError("f.csv", 3, "submitted", "bad date"))) is False
    assert _may_pass_on_retry(None, None, Failed(data=OSError("database is locked"))) is True


def test_run_refuses_an_unsupported_file_before_starting_the_flow(tmp_path: Path) -> None:
    typo = tmp_path / "raportit.md"
    typo.write_text("not a table", encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "pipeline", "run", "--db", f"sqlite:///{tmp_path / 's.db'}", str(typo)],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert res.returncode == 2
    assert res.stderr.strip().splitlines()[-1] == (f"error: {typo}: cannot read file: unsupported file type '.md' "
                                                   "(use .csv, .xlsx or .jsonl)")
    assert not (tmp_path / "s.db").exists()
