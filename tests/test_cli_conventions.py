"""CLI conventions a user notices: a mistyped --db is refused (never a new empty store), --version, --json on
signals, d.m.yyyy dates, and `signaali` alone lists the commands with an example each."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from test_review import seed_store


def cli(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "SIGNAALI_HOME": str(home)}
    env.pop("SIGNAALI_DB_URL", None)
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def test_reading_commands_refuse_a_missing_store_and_create_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "typo" / "signaali.db"
    url = f"sqlite:///{missing}"
    out = tmp_path / "out"
    out.mkdir()
    (out / "themes_long.csv").write_text("good table\n")
    (tmp_path / "in.csv").write_text("text\nJonot ovat pitkiä.\n")
    for args in (["export", "--out", str(out)], ["signals"], ["review", "history", "R-1"],
                 ["themes", "assign", str(tmp_path / "in.csv"), "-o", str(tmp_path / "o.csv"), "--reviewed"],
                 ["review", "set", "R-1", "--themes", "housing"]):
        r = cli(*args, "--db", url, home=tmp_path)
        assert r.returncode == 2, (args, r.stderr)
        assert str(missing) in r.stderr and "--create" in r.stderr
    assert not missing.parent.exists()  # no folder, no file
    assert (out / "themes_long.csv").read_text() == "good table\n"  # good tables not overwritten


def test_create_makes_the_store_and_says_so(tmp_path: Path) -> None:
    target = tmp_path / "new" / "signaali.db"
    r = cli("signals", "--json", "--db", f"sqlite:///{target}", "--create", home=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "creating a new store" in r.stderr and "creating folder" in r.stderr
    assert json.loads(r.stdout) == [] and target.is_file()


def test_version_json_and_finnish_dates(tmp_path: Path) -> None:
    r = cli("--version", home=tmp_path)
    assert r.returncode == 0 and r.stdout.startswith("signaali ")
    url = f"sqlite:///{tmp_path / 's.db'}"
    engine = seed_store(url)
    import sqlalchemy as sa

    from pipeline.store.schema import signals

    with engine.begin() as c:
        c.execute(sa.insert(signals).values(signal_id="S-1", as_of=date(2025, 3, 31), status="weak",
                                            report_ids=["R-1", "R-3"], keywords=["jono"], first_seen=date(2025, 2, 5),
                                            growth=0.5, popularity=1.0, reason="new and growing"))
    fi = cli("signals", "--json", "--as-of", "31.3.2025", "--db", url, home=tmp_path)
    assert fi.returncode == 0, fi.stderr
    assert [s["signal_id"] for s in json.loads(fi.stdout)] == ["S-1"]  # stdout is only the JSON document
    bad = cli("signals", "--as-of", "31/3/2025", "--db", url, home=tmp_path)
    assert bad.returncode == 2 and "--as-of" in bad.stderr and "d.m.yyyy" in bad.stderr


def test_no_arguments_lists_commands_with_examples(tmp_path: Path) -> None:
    r = cli(home=tmp_path)
    assert r.returncode == 0
    for command in ("ingest", "run", "signals", "export", "review app", "review set", "retrain", "serve"):
        assert f"  {command} " in r.stdout
    assert r.stdout.count("e.g. signaali ") >= 10


def test_review_set_no_theme_counts_under_no_theme(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    engine = seed_store(url)
    r = cli("review", "set", "R-1", "--no-theme", "--reviewer", "Aino", "--db", url, home=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "no theme applies" in r.stdout
    from pipeline.review import theme_table

    table = dict(theme_table(engine)[["theme", "reports"]].itertuples(index=False))
    assert table["mental_health"] == 2 and table["no_theme"] == 2
