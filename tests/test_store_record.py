"""The store as the county's record: resubmissions, erasure, quarantine lifecycle, backups, upgrades, run lock,
batched ingest that a reviewer can write through."""

from __future__ import annotations

import csv
import datetime as dt
import json
import multiprocessing as mp
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from pipeline.errors import InputError
from pipeline.ingest import ingest_files
from pipeline.store import get_engine
from pipeline.store.schema import (
    embedding_cache,
    erasures,
    features,
    ingested_files,
    quarantine,
    reports,
    resubmissions,
    reviews,
    runs,
    signals,
    theme_assignments,
)

FIELDS = ["report_id", "submitted", "area", "target_group", "phenomenon_type", "unit", "observation", "client_voice",
          "proposal"]
ORIGINAL = ("Kotihoidon asiakkaiden käyntiajat ovat lyhentyneet ja hoitajat joutuvat kiirehtimään. Omaiset ovat "
            "huolissaan, koska ikääntyneet jäävät yksin pitkiksi ajoiksi eikä iltakäyntejä ole riittävästi.")
REWORDED = ("Kotihoidon asiakkaiden käyntiajat ovat lyhentyneet, ja hoitajat joutuvat kiirehtimään käynneillä. "
            "Omaiset ovat huolissaan, sillä ikääntyneet jäävät yksin pitkiksi ajoiksi eikä iltakäyntejä ole "
            "tarpeeksi. (Korjattu versio 12.3.2025)")
LOOKALIKE = ("Kotihoidon asiakkailla on ollut kaatumisia yöaikaan, ja turvarannekkeen hälytyksiin vastataan "
             "hitaasti. Omaiset toivovat yöpartion lisäämistä ja parempaa tiedonkulkua.")


def write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(FIELDS)
        w.writerows(rows)
    return path


def row(rid: str, day: str, text: str, unit: str = "kotihoito", area: str = "Lahti") -> list[str]:
    return [rid, day, area, "ikääntyneet", "negatiivinen", unit, text, "", ""]


def counted(engine) -> set[str]:
    with engine.connect() as c:
        return set(c.execute(sa.select(reports.c.report_id).where(reports.c.duplicate_of.is_(None))).scalars())


def test_edited_resubmission_links_and_the_later_version_counts(db_url: str, tmp_path: Path) -> None:
    engine = get_engine(db_url)
    ingest_files([write(tmp_path / "a.csv", [row("K-1", "2025-03-03", ORIGINAL),
                                              row("K-2", "2025-03-04", LOOKALIKE)])], engine)
    s = ingest_files([write(tmp_path / "b.csv", [row("K-3", "2025-03-12", REWORDED)])], engine)
    assert s.near_duplicates == 1  # K-3 is the correction of K-1, sent 9 days later
    now = counted(engine)
    assert "K-1" not in now and "K-3" in now and "K-2" in now
    with engine.connect() as c:
        pair = c.execute(sa.select(resubmissions).where(resubmissions.c.earlier_id == "K-1")).first()
    assert pair.later_id == "K-3" and pair.status == "linked" and pair.evidence["char_jaccard"] > 0.45
    # a reviewer keeps the earlier version
    from pipeline.ingest.lifecycle import decide_duplicate

    decide_duplicate(engine, pair.id, "keep-earlier", "anna")
    now = counted(engine)
    assert "K-1" in now and "K-3" not in now


def test_same_text_in_another_unit_or_outside_the_window_is_not_a_resubmission(tmp_path: Path) -> None:
    engine = get_engine(f"sqlite:///{tmp_path / 's.db'}")
    ingest_files([write(tmp_path / "a.csv", [row("K-1", "2025-03-03", ORIGINAL),
                                              row("K-2", "2025-03-05", REWORDED, unit="päivätoiminta"),
                                              row("K-3", "2025-05-20", REWORDED.replace("12.3.", "20.5."))])],
                 engine)
    assert counted(engine) == {"K-1", "K-2", "K-3"}


def test_review_duplicates_lists_weaker_evidence(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    engine = get_engine(url)
    first = ORIGINAL + " Asiakkaat toivovat pidempiä käyntejä ja samoja hoitajia."
    # the same core sentence with half of the report rewritten: weaker evidence
    second = ("Kotihoidon asiakkaiden käyntiajat ovat lyhentyneet ja hoitajat joutuvat kiirehtimään. Lisäksi "
              "lääkehoidon tarkistuksia jää tekemättä ja omaisille ei ilmoiteta muutoksista ajoissa. Omaiset ovat "
              "huolissaan.")
    ingest_files([write(tmp_path / "a.csv", [row("K-1", "2025-03-03", first), row("K-2", "2025-03-10", second)])],
                 engine)
    with engine.connect() as c:
        pairs = list(c.execute(sa.select(resubmissions)))
    assert [p.status for p in pairs] == ["candidate"], [dict(p._mapping) for p in pairs]
    assert counted(engine) == {"K-1", "K-2"}  # both count until a reviewer decides
    out = subprocess.run([sys.executable, "-m", "pipeline", "review", "duplicates", "--json", "--db", url],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    listed = json.loads(out.stdout)
    assert [(p["earlier_id"], p["later_id"]) for p in listed] == [("K-1", "K-2")]
    out = subprocess.run([sys.executable, "-m", "pipeline", "review", "duplicates", "--confirm", str(listed[0]["id"]),
                          "--db", url], capture_output=True, text=True)
    assert out.returncode == 0 and "confirmed" in out.stdout
    assert counted(engine) == {"K-2"}


def test_delete_erases_report_and_everything_derived_and_records_why(db_url: str, tmp_path: Path) -> None:
    engine = get_engine(db_url)
    ingest_files([write(tmp_path / "a.csv", [row("K-1", "2025-03-03", ORIGINAL + " Soitin Maija Virtaselle."),
                                              row("K-2", "2025-03-04", LOOKALIKE)])], engine)
    now = dt.datetime.now(dt.timezone.utc)
    with engine.begin() as c:
        thash = c.execute(sa.select(reports.c.text_hash).where(reports.c.report_id == "K-1")).scalar()
        c.execute(features.insert().values(report_id="K-1", text_hash=thash, language="fi", lemmatizer="x",
                                           lemmas=["kotihoito"]))
        c.execute(embedding_cache.insert().values(model_id="m", text_hash=thash, dim=1, vector=b"\0\0\0\0"))
        c.execute(theme_assignments.insert().values(report_id="K-1", theme="ageing", score=0.9, evidence={},
                                                    source="model", run_id="r", created_at=now))
        c.execute(reviews.insert().values(kind="report", target="K-1", reviewer="anna", created_at=now,
                                          old={"themes": []}, new={"themes": ["ageing"]}, note="kotihoito"))
        c.execute(signals.insert().values(signal_id="s1", run_id="r", as_of=dt.date(2025, 3, 5), status="weak",
                                          report_ids=["K-1", "K-2"], keywords=[], first_seen=dt.date(2025, 3, 3),
                                          growth=1.0, popularity=1.0, reason="x"))
    out = subprocess.run([sys.executable, "-m", "pipeline", "delete", "K-1", "--reason", "data subject request",
                          "--db", db_url], capture_output=True, text=True, env={**os.environ,
                                                                             "SIGNAALI_REVIEWER": "dpo"})
    assert out.returncode == 0, out.stderr
    with engine.connect() as c:
        assert c.execute(sa.select(reports.c.report_id)).scalars().all() == ["K-2"]
        for t in (features, theme_assignments, embedding_cache):
            assert c.execute(sa.select(sa.func.count()).select_from(t)).scalar() == 0, t.name
        assert c.execute(sa.select(sa.func.count()).select_from(reviews)).scalar() == 0
        assert c.execute(sa.select(signals.c.report_ids)).scalar() == ["K-2"]
        e = c.execute(sa.select(erasures)).one()
    assert (e.report_id, e.reason, e.erased_by) == ("K-1", "data subject request", "dpo")
    assert "kotihoito" not in json.dumps(e.removed) and e.removed["reports"] == 1
    if db_url.startswith("sqlite"):
        engine.dispose()
        raw = Path(db_url.removeprefix("sqlite:///")).read_bytes()
        assert b"Virtase" not in raw and "Kotihoidon asiakkaiden".encode() not in raw
    with pytest.raises(InputError):
        from pipeline.store.erasure import erase_reports

        erase_reports(get_engine(db_url), ["K-404"], "typo")


def test_retention_erases_old_reports(tmp_path: Path) -> None:
    from pipeline.store.erasure import apply_retention

    engine = get_engine(f"sqlite:///{tmp_path / 's.db'}")
    ingest_files([write(tmp_path / "a.csv", [row("K-1", "2019-03-03", ORIGINAL), row("K-2", "2025-03-04", LOOKALIKE)])],
                 engine)
    assert apply_retention(engine, 5, dt.date(2025, 6, 1)) == ["K-1"]
    assert counted(engine) == {"K-2"}
    assert apply_retention(engine, 0, dt.date(2025, 6, 1)) == []


def test_quarantine_export_fix_reingest_comes_back_once_with_history(db_url: str, tmp_path: Path) -> None:
    engine = get_engine(db_url)
    bad = row("K-9", "32.13.2025", LOOKALIKE)
    ingest_files([write(tmp_path / "a.csv", [row("K-1", "2025-03-03", ORIGINAL), bad])], engine)
    out = tmp_path / "fix.csv"
    from pipeline.ingest.lifecycle import export_quarantine, list_quarantine, reingest_quarantine

    assert export_quarantine(engine, out) == 1
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0]["submitted"] == "32.13.2025" and rows[0]["field"] == "submitted"
    rows[0]["submitted"] = "13.3.2025"
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    first = reingest_quarantine(engine, out)
    again = reingest_quarantine(engine, out)
    assert (first["resolved"], again["resolved"], again["already_resolved"]) == (1, 0, 1)
    assert counted(engine) == {"K-1", "K-9"}
    with engine.connect() as c:
        q = c.execute(sa.select(quarantine)).one()
    assert q.status == "resolved" and q.resolved_report_id == "K-9"
    assert [h["event"] for h in q.history] == ["quarantined", "exported", "reingested"]
    assert list_quarantine(engine) == []


def test_backup_during_use_and_restore(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    engine = get_engine(url)
    ingest_files([write(tmp_path / "a.csv", [row("K-1", "2025-03-03", ORIGINAL)])], engine)
    backup = tmp_path / "b" / "backup.db"
    out = subprocess.run([sys.executable, "-m", "pipeline", "store", "backup", str(backup), "--db", url],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    ingest_files([write(tmp_path / "b.csv", [row("K-2", "2025-03-04", LOOKALIKE)])], engine)
    assert counted(engine) == {"K-1", "K-2"}
    out = subprocess.run([sys.executable, "-m", "pipeline", "store", "restore", str(backup), "--db", url],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    from pipeline.store.db import dispose_engines

    dispose_engines()
    assert counted(get_engine(url)) == {"K-1"}
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    out = subprocess.run([sys.executable, "-m", "pipeline", "store", "restore", str(junk), "--db", url],
                         capture_output=True, text=True)
    assert out.returncode == 2 and "not a Signaali store backup" in out.stderr


def test_store_of_the_first_release_upgrades_to_head_without_losing_a_row(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    from pipeline.store.db import _MIGRATIONS, _new_engine, migrate

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = _new_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    now = "2025-01-01 00:00:00"
    with engine.begin() as c:
        c.exec_driver_sql("INSERT INTO ingested_files (file_hash, path, ingested_at, rows_read, rows_stored, "
                          f"rows_quarantined) VALUES ('h', 'a.csv', '{now}', 3, 2, 1)")
        for i in (1, 2):
            c.exec_driver_sql(
                "INSERT INTO reports (report_id, source, source_row, submitted, area, target_group, phenomenon_type,"
                " unit, observation, client_voice, proposal, text, text_hash, pii_found, extra, ingested_at) VALUES "
                f"('R-{i}', 'a.csv', {i + 1}, '2025-01-0{i}', '[\"Lahti\"]', 'ikääntyneet', 'negatiivinen', "
                f"'kotihoito', 'teksti {i}', '', '', 'teksti {i}', 'th{i}', '{{}}', '{{}}', '{now}')")
        c.exec_driver_sql("INSERT INTO quarantine (source, file_hash, source_row, field, reason, raw, quarantined_at)"
                          f" VALUES ('a.csv', 'h', 4, 'submitted', 'bad date', '{{}}', '{now}')")
        c.exec_driver_sql("INSERT INTO reviews (kind, target, reviewer, created_at, old, new, note) VALUES "
                          f"('report', 'R-1', 'anna', '{now}', '{{}}', '{{\"themes\": [\"ageing\"]}}', '')")
        c.exec_driver_sql("INSERT INTO runs (run_id, flow, started_at, status, record) VALUES "
                          f"('nightly-1', 'nightly', '{now}', 'completed', '{{}}')")
    before = {t: engine.connect().execute(sa.text(f"SELECT count(*) FROM {t}")).scalar()
              for t in ("ingested_files", "reports", "quarantine", "reviews", "runs")}
    migrate(engine)
    with engine.connect() as c:
        after = {t: c.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar() for t in before}
        assert c.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == "0003_signal_history"
        f = c.execute(sa.select(ingested_files)).one()
        q = c.execute(sa.select(quarantine)).one()
        blocks = set(c.execute(sa.select(reports.c.dedupe_block)).scalars())
    assert after == before
    assert (f.status, q.status) == ("done", "open")
    from pipeline.ingest.dedupe import block_key

    assert blocks == {block_key(["Lahti"], "ikääntyneet", "kotihoito", "negatiivinen")}


def test_a_run_left_running_by_a_dead_process_is_marked_crashed_and_a_second_run_is_refused(tmp_path: Path) -> None:
    from pipeline.store.locks import RunLockedError, begin_exclusive_run

    url = f"sqlite:///{tmp_path / 's.db'}"
    engine = get_engine(url)
    # a process that starts a run and dies with kill -9
    code = ("import datetime as dt, os, sys; from pipeline.store import get_engine; from pipeline import runs;"
            "from pipeline.store.locks import begin_exclusive_run;"
            f"e = get_engine('{url}'); begin_exclusive_run(e, 'nightly-dead');"
            "runs.start_run(e, 'nightly-dead', 'nightly', dt.date(2025, 1, 1)); os.kill(os.getpid(), 9)")
    subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parent.parent)
    with engine.connect() as c:
        assert c.execute(sa.select(runs.c.status)).scalar() == "running"
    lock = begin_exclusive_run(engine, "nightly-2")
    with engine.connect() as c:
        assert c.execute(sa.select(runs.c.status).where(runs.c.run_id == "nightly-dead")).scalar() == "crashed"
    code = (f"from pipeline.store import get_engine; from pipeline.store.locks import begin_exclusive_run;"
            f"begin_exclusive_run(get_engine('{url}'), 'nightly-3', wait_s=1)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parent.parent)
    assert out.returncode == 1 and "another signaali run is using this store" in out.stderr
    assert "nightly-2" in out.stderr
    lock.release()
    begin_exclusive_run(engine, "nightly-4").release()
    with pytest.raises(RunLockedError):
        held = begin_exclusive_run(engine, "nightly-5")
        try:
            begin_exclusive_run(engine, "nightly-6", wait_s=0)
        finally:
            held.release()


def _big_file(path: Path, n: int) -> Path:
    words = ["jono", "odotus", "asiakas", "palvelu", "tuki", "päätös", "viikko", "hakemus", "kela", "yhteys"]
    rows = []
    for i in range(n):
        text = " ".join(words[(i * 7 + j * 3) % len(words)] + str((i * 31 + j) % 997) for j in range(25))
        rows.append(row(f"B-{i:05d}", "2025-02-01", f"Raportti {i}: {text}.", unit=f"yksikkö {i % 50}"))
    return write(path, rows)


def _ingest_proc(url: str, path: str) -> None:
    from pipeline.ingest import ingest_files
    from pipeline.store import get_engine

    ingest_files([Path(path)], get_engine(url), batch_size=200)


def test_review_set_during_a_big_ingest_succeeds(tmp_path: Path) -> None:
    """The reviewer's store connection waits at most 2 s for a lock: the ingest must never hold one that long."""
    url = f"sqlite:///{tmp_path / 's.db'}"
    engine = get_engine(url)
    ingest_files([write(tmp_path / "seed.csv", [row("K-1", "2025-03-03", ORIGINAL)])], engine)
    big = _big_file(tmp_path / "big.csv", 800)  # ~30 s of ingest (NER per row); the reviewer writes for ~2 s
    from pipeline.store.db import dispose_engines

    dispose_engines()
    proc = mp.get_context("spawn").Process(target=_ingest_proc, args=(url, str(big)))
    proc.start()
    db = str(tmp_path / "s.db")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # wait until the ingest is writing
        with sqlite3.connect(db) as c:
            if c.execute("SELECT count(*) FROM reports").fetchone()[0] > 1:
                break
        time.sleep(0.2)
    from sqlalchemy import create_engine

    from pipeline.review import set_report_themes

    impatient = create_engine(url, connect_args={"timeout": 2})
    saved = []
    for i in range(5):
        saved.append(set_report_themes(impatient, "K-1", ["ageing"] if i % 2 else ["housing"], "anna",
                                       note=f"during ingest {i}")["id"])
        time.sleep(0.3)
    ingest_running = proc.is_alive()
    proc.join(timeout=600)
    assert proc.exitcode == 0
    assert ingest_running, "the ingest finished before the reviewer wrote: make the file bigger"
    with get_engine(url).connect() as c:
        notes = c.execute(sa.select(reviews.c.note).where(reviews.c.note.like("during ingest%"))
                          .order_by(reviews.c.id)).scalars().all()
        n = c.execute(sa.select(sa.func.count()).select_from(reports)).scalar()
    assert notes == [f"during ingest {i}" for i in range(5)] and n == 801


def test_write_with_retry_waits_out_a_lock_longer_than_the_busy_timeout(tmp_path: Path) -> None:
    import threading

    from sqlalchemy import create_engine

    from pipeline.store.locks import write_with_retry

    url = f"sqlite:///{tmp_path / 's.db'}"
    get_engine(url)
    holder = sqlite3.connect(str(tmp_path / "s.db"), check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    threading.Timer(2.5, holder.commit).start()
    impatient = create_engine(url, connect_args={"timeout": 0.5})
    t0 = time.monotonic()
    write_with_retry(impatient, lambda c: c.execute(reviews.insert().values(
        kind="report", target="X", reviewer="anna", created_at=dt.datetime.now(dt.timezone.utc), old={}, new={},
        note="kept")), first_delay=0.2)
    assert time.monotonic() - t0 >= 2.0
    with impatient.connect() as c:
        assert c.execute(sa.select(reviews.c.note)).scalars().all() == ["kept"]


def test_an_interrupted_ingest_continues_and_the_file_is_done_only_at_the_end(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    engine = get_engine(url)
    big = _big_file(tmp_path / "big.csv", 450)
    calls = {"n": 0}

    def crash() -> None:
        calls["n"] += 1
        if calls["n"] == 250:
            raise KeyboardInterrupt  # the user pressed Ctrl-C / the machine stopped

    with pytest.raises(KeyboardInterrupt):
        ingest_files([big], engine, on_row=crash, batch_size=100)
    with engine.connect() as c:
        f = c.execute(sa.select(ingested_files)).one()
        n = c.execute(sa.select(sa.func.count()).select_from(reports)).scalar()
    assert (f.status, f.rows_done, n) == ("partial", 200, 200)
    again = ingest_files([big], engine, batch_size=100)
    assert again.files_skipped == 0 and again.read == 250 and again.stored == 250 and again.duplicates == 0
    with engine.connect() as c:
        f = c.execute(sa.select(ingested_files)).one()
        n = c.execute(sa.select(sa.func.count()).select_from(reports)).scalar()
    assert (f.status, f.rows_read, f.rows_stored, n) == ("done", 450, 450, 450)
    assert ingest_files([big], engine).files_skipped == 1


@pytest.mark.slow
def test_the_temporary_prefect_server_dies_with_a_killed_run(tmp_path: Path) -> None:
    import signal

    script = tmp_path / "flow.py"
    script.write_text(
        "import sys, time\n"
        f"sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})\n"
        "from pipeline.settings import apply_offline_env\napply_offline_env()\n"
        "from flows.lifetime import tie_ephemeral_server_to_parent\ntie_ephemeral_server_to_parent()\n"
        "from prefect import flow\n\n@flow\ndef f():\n    print('running', flush=True)\n    time.sleep(300)\n\nf()\n")
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
    env.pop("PREFECT_API_URL", None)
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                            text=True)
    assert proc.stdout.readline().strip() == "running"

    def children(pid: int) -> list[int]:
        out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
        return [int(p) for p in out]

    servers = [p for p in children(proc.pid)
               if "uvicorn" in Path(f"/proc/{p}/cmdline").read_bytes().decode(errors="replace")]
    assert servers, "no Prefect server subprocess found"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in servers):
        time.sleep(0.5)
    alive = [p for p in servers if Path(f"/proc/{p}").exists()
             and Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"]
    assert alive == []


def test_a_run_covers_the_reports_it_processed_not_later_arrivals(tmp_path: Path) -> None:
    from pipeline import runs as run_records
    from pipeline.store.cutoff import reports_of_run

    engine = get_engine(f"sqlite:///{tmp_path / 's.db'}")
    ingest_files([write(tmp_path / "a.csv", [row("K-1", "2025-03-03", ORIGINAL)])], engine)
    time.sleep(0.01)
    run_records.start_run(engine, "nightly-1", "nightly", dt.date(2025, 3, 31))
    ingest_files([write(tmp_path / "b.csv", [row("K-2", "2025-03-04", LOOKALIKE)])], engine)  # the run's own ingest
    with engine.begin() as c:
        c.execute(theme_assignments.insert().values(report_id="K-2", theme="ageing", score=0.9, evidence={},
                                                    source="model", run_id="nightly-1",
                                                    created_at=dt.datetime.now(dt.timezone.utc)))
    ingest_files([write(tmp_path / "c.csv", [row("K-3", "2025-03-05", "Aivan eri asia: kirjaston aukioloajat.",
                                                 unit="kirjasto")])], engine)  # arrives while the run goes on
    with engine.connect() as c:
        covered = {r.report_id for r in c.execute(reports_of_run(c, "nightly-1"))}
        everything = {r.report_id for r in c.execute(reports_of_run(c, None))}
    assert covered == {"K-1", "K-2"} and everything == {"K-1", "K-2", "K-3"}
