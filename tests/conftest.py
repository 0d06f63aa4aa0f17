"""Shared fixtures: a fresh store per test, SQLite always and PostgreSQL when SIGNAALI_TEST_PG_URL is set."""

from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# Prefect's ephemeral API keeps its own SQLite database; tests use a private one.
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="signaali-prefect-"))

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
PG_URL = os.environ.get("SIGNAALI_TEST_PG_URL", "")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist (`make test` runs two workers, one test module per worker at a time) hand out the modules
    with slow tests first, so that no long module (tests/test_flows.py: several whole flow runs on one store) is
    started last while the other worker sits idle. Order within a module, and a run without xdist, are unchanged."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return
    slow_modules = {item.path for item in items if item.get_closest_marker("slow")}
    first_seen = {}
    for i, item in enumerate(items):
        first_seen.setdefault(item.path, i)
    items.sort(key=lambda item: (item.path not in slow_modules, first_seen[item.path]))


def _new_pg_db() -> str:
    import sqlalchemy as sa

    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = f"signaali_test_{uuid.uuid4().hex[:10]}"
    with admin.connect() as c:
        c.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return str(sa.engine.make_url(PG_URL).set(database=name).render_as_string(hide_password=False))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """URL of a fresh SQLite store file."""
    return f"sqlite:///{tmp_path / 'signaali.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of a fresh, empty store; parametrised over SQLite and (when configured) PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'signaali.db'}"
    if not PG_URL:
        pytest.skip("SIGNAALI_TEST_PG_URL not set (make test starts PostgreSQL when it can)")
    return _new_pg_db()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data (dev corpus and UD files); tests that need it skip when it is absent."""
    if not SHARED_DATA.exists():
        pytest.skip("../shared/data not present")
    return SHARED_DATA
