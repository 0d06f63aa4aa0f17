"""Review API and CLI: append-only decisions where the latest wins, imports, cluster mappings, agreement."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa

from pipeline.errors import InputError
from pipeline.review import (
    add_theme_from_cluster,
    agreement,
    allowed_theme_keys,
    apply_corrections,
    cluster_mappings,
    history,
    import_reviewed_labels,
    list_clusters,
    list_reports,
    reviewed_labels,
    set_cluster_themes,
    set_report_themes,
    theme_counts,
)
from pipeline.store import get_engine
from pipeline.store.queries import effective_themes
from pipeline.store.schema import clusters, models, reports, reviews, theme_assignments, topic_assignments

MODEL_RUN_AT = datetime(2025, 4, 1, 2, 0, tzinfo=timezone.utc)

# report id, submitted, area, target group, model themes [(theme, score)], topic
SEED = [
    ("R-1", date(2025, 1, 10), ["Lahti"], "työikäiset", [("mental_health", 0.91), ("service_access", 0.55)], 0),
    ("R-2", date(2025, 1, 20), ["Heinola"], "ikääntyneet", [("ageing", 0.35)], 1),
    ("R-3", date(2025, 2, 5), ["Lahti"], "työikäiset", [("mental_health", 0.82)], 0),
    ("R-4", date(2025, 2, 15), ["Koko Päijät-Häme"], "asuminen", [("housing", 0.28), ("income_employment", 0.2)], 1),
    ("R-5", date(2025, 3, 1), ["Hollola"], "työikäiset", [("mental_health", 0.75)], 0),
    ("R-6", date(2025, 3, 12), ["Lahti"], "muu", [], -1),
]


def seed_store(url: str, model_version: str = "m1") -> sa.Engine:
    """A small store: 6 reports, one model run of themes, an active topic model with clusters 0, 1 and -1."""
    engine = get_engine(url)
    now = datetime(2025, 3, 31, tzinfo=timezone.utc)
    with engine.begin() as c:
        for i, (rid, sub, area, tg, themes, topic) in enumerate(SEED):
            text = f"Havainto {rid}: asiakkaalla [NIMI] on huolia, jonot ovat pitkiä ja apua ei saa ajoissa."
            c.execute(sa.insert(reports).values(
                report_id=rid, source="fixture.csv", source_row=i + 2, submitted=sub, area=area, target_group=tg,
                phenomenon_type="negatiivinen", unit="", observation=text, client_voice="", proposal="", text=text,
                text_hash=f"{i:064d}", pii_found={}, extra={}, ingested_at=now))
            for theme, score in themes:
                c.execute(sa.insert(theme_assignments).values(
                    report_id=rid, theme=theme, score=score, evidence={"keywords": [theme[:5]]}, source="model",
                    run_id="run-1", created_at=MODEL_RUN_AT))
            c.execute(sa.insert(topic_assignments).values(report_id=rid, model_version=model_version, topic=topic,
                                                          probability=0.5 + i / 20))
        c.execute(sa.insert(models).values(kind="topic_model", version=model_version, path="models/topics/m1",
                                           params={}, metrics={}, active=True, created_at=now))
        for topic, size, kw, sugg in [
            (0, 3, ["ahdistus", "jono", "nuori"], [["mental_health", 0.8], ["service_access", 0.4]]),
            (1, 2, ["asunto", "vuokra"], [["housing", 0.6]]),
            (-1, 1, ["sekalainen"], []),
        ]:
            c.execute(sa.insert(clusters).values(model_version=model_version, topic=topic, size=size, keywords=kw,
                                                 suggested_themes=sugg))
    return engine


@pytest.fixture
def vocabulary_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The packaged vocabulary copied to tmp and made the configured one, so adding a theme never edits the repo."""
    from pipeline.settings import PROJECT_ROOT, get_settings

    src = PROJECT_ROOT / "pipeline" / "themes" / "vocabulary.yaml"
    dst = tmp_path / "vocabulary.yaml"
    if src.exists():
        dst.write_bytes(src.read_bytes())
    monkeypatch.setenv("SIGNAALI_VOCABULARY_PATH", str(dst))
    get_settings.cache_clear()
    yield dst
    monkeypatch.delenv("SIGNAALI_VOCABULARY_PATH")
    get_settings.cache_clear()


def _reviews(engine: sa.Engine) -> list:
    with engine.connect() as c:
        return list(c.execute(sa.select(reviews).order_by(reviews.c.id)))


def test_set_report_themes_appends_and_latest_wins(db_url: str) -> None:
    engine = seed_store(db_url)
    first = set_report_themes(engine, "R-1", "housing;income_employment", "anna", note="asumisesta kyse")
    assert first["old"] == {"themes": ["mental_health", "service_access"], "source": "model",
                            "scores": {"mental_health": 0.91, "service_access": 0.55}}
    second = set_report_themes(engine, "R-1", ["housing"], "ben")
    assert second["old"]["themes"] == ["housing", "income_employment"] and second["old"]["source"] == "review"

    rows = _reviews(engine)
    assert [r.reviewer for r in rows] == ["anna", "ben"]  # nothing overwritten
    with engine.connect() as c:
        assert effective_themes(c, ["R-1", "R-3"]) == {"R-1": ["housing"], "R-3": ["mental_health"]}
    h = history(engine, "R-1")
    assert [x["new"]["themes"] for x in h] == [["housing", "income_employment"], ["housing"]]
    assert h[0]["note"] == "asumisesta kyse" and h[0]["reviewer"] == "anna"


def test_correction_survives_a_new_model_run(db_url: str) -> None:
    engine = seed_store(db_url)
    set_report_themes(engine, "R-1", ["housing"], "anna")
    with engine.begin() as c:  # the nightly run re-themes every report afterwards
        c.execute(sa.insert(theme_assignments).values(
            report_id="R-1", theme="mental_health", score=0.97, evidence={}, source="model", run_id="run-2",
            created_at=MODEL_RUN_AT + timedelta(days=30)))
    df = list_reports(engine)
    row = df.set_index("report_id").loc["R-1"]
    assert row["themes"] == ["housing"] and row["source"] == "review"
    assert row["model_themes"] == [("mental_health", 0.97)]


def test_unknown_report_and_theme_are_input_errors(db_url: str) -> None:
    engine = seed_store(db_url)
    with pytest.raises(InputError, match="R-404"):
        set_report_themes(engine, "R-404", ["housing"], "anna")
    with pytest.raises(InputError, match="'energy_poverty'"):
        set_report_themes(engine, "R-1", ["housing", "energy_poverty"], "anna")
    with pytest.raises(InputError, match="no theme"):
        set_report_themes(engine, "R-1", " ; ", "anna")
    with pytest.raises(InputError, match="R-404"):
        history(engine, "R-404")
    assert _reviews(engine) == []


def test_list_reports_filters_and_orders_low_confidence_first(db_url: str) -> None:
    engine = seed_store(db_url)
    df = list_reports(engine)
    assert list(df["report_id"][:3]) == ["R-6", "R-4", "R-2"]  # no model themes, then lowest score
    assert df.set_index("report_id").loc["R-6", "source"] == "none"
    low = list_reports(engine, max_confidence=0.5)
    assert set(low["report_id"]) == {"R-2", "R-4", "R-6"}
    assert set(list_reports(engine, theme="mental_health", date_from="2025-02-01")["report_id"]) == {"R-3", "R-5"}
    assert list(list_reports(engine, area="lahti", target_group="Työikäiset")["report_id"]) == ["R-3", "R-1"]
    r4 = list_reports(engine, theme="housing").iloc[0]
    assert r4["report_id"] == "R-4" and r4["evidence"]["housing"] == {"keywords": ["housi"]} and r4["topic"] == 1
    set_report_themes(engine, "R-2", ["carers_support"], "anna")
    assert list(list_reports(engine, theme="carers_support")["source"]) == ["review"]


def test_clusters_mapping_confirm_change_and_latest_wins(db_url: str) -> None:
    engine = seed_store(db_url)
    df = list_clusters(engine, date_from="2025-02-01")
    assert list(df["topic"]) == [0, 1, -1]
    top = df.iloc[0]
    assert top["suggested_themes"] == [("mental_health", 0.8), ("service_access", 0.4)]
    assert top["confirmed_themes"] is None and top["period_size"] == 2
    assert [rid for rid, _ in top["representative_reports"]] == ["R-5", "R-3", "R-1"]
    assert "[NIMI]" in top["representative_reports"][0][1]

    first = set_cluster_themes(engine, None, 0, ["mental_health"], "anna", note="vahvistettu")
    assert first["target"] == "m1:0" and first["old"]["source"] == "suggested"
    set_cluster_themes(engine, "m1", 0, ["mental_health", "service_access"], "ben")
    assert cluster_mappings(engine, "m1") == {0: ["mental_health", "service_access"]}
    df = list_clusters(engine)
    assert list(df["topic"]) == [1, 0, -1]  # unconfirmed first
    with pytest.raises(InputError, match="topic 7"):
        set_cluster_themes(engine, "m1", 7, ["housing"], "anna")


def test_add_theme_from_cluster_makes_the_key_usable(db_url: str, vocabulary_copy: Path) -> None:
    engine = seed_store(db_url)
    with pytest.raises(InputError):
        set_report_themes(engine, "R-4", ["energy_poverty"], "anna")
    out = add_theme_from_cluster(engine, "m1", 1, "energy_poverty", "Energiaköyhyys", "Energy poverty", "anna")
    assert out["theme"]["new"]["keywords"] == ["asunto", "vuokra"]
    from pipeline.themes import load_vocabulary

    theme = load_vocabulary(vocabulary_copy).get("energy_poverty")
    assert theme.label_en == "Energy poverty" and theme.keywords == ("asunto", "vuokra")
    assert cluster_mappings(engine)[1] == ["energy_poverty"]
    with engine.connect() as c:
        assert "energy_poverty" in allowed_theme_keys(c)
    set_report_themes(engine, "R-4", ["energy_poverty", "housing"], "anna")
    with engine.connect() as c:
        assert effective_themes(c, ["R-4"])["R-4"] == ["energy_poverty", "housing"]
    with pytest.raises(InputError, match="already exists"):
        add_theme_from_cluster(engine, "m1", 0, "housing", "Asuminen", "Housing", "anna")
    with pytest.raises(InputError, match="lower-case"):
        add_theme_from_cluster(engine, "m1", 0, "Bad Key", "x", "y", "anna")


def _write_labels(path: Path, rows: list[tuple[str, str]], column: str = "themes") -> Path:
    path.write_text("report_id,observation," + column + "\n" +
                    "".join(f'{rid},"teksti, jossa pilkku",{themes}\n' for rid, themes in rows), encoding="utf-8")
    return path


def test_import_is_idempotent_and_reports_unknown_ids(db_url: str, tmp_path: Path) -> None:
    engine = seed_store(db_url)
    f = _write_labels(tmp_path / "labels.csv", [("R-1", "mental_health;children_families"), ("R-2", "ageing"),
                                                 ("R-404", "housing"), ("R-3", "")])
    counts = import_reviewed_labels(engine, f)
    assert (counts["rows"], counts["imported"], counts["unknown_reports"], counts["empty"]) == (4, 2, 1, 1)
    assert counts["unknown_report_ids"] == ["R-404"] and counts["reviewer"] == "import:labels.csv"
    again = import_reviewed_labels(engine, f)
    assert (again["imported"], again["unchanged"]) == (0, 2)
    assert len(_reviews(engine)) == 2

    # A reviewer corrects R-2 after the import; importing the old file again must not undo that.
    set_report_themes(engine, "R-2", ["carers_support"], "anna")
    assert import_reviewed_labels(engine, f)["imported"] == 0
    with engine.connect() as c:
        assert effective_themes(c, ["R-1", "R-2"]) == {"R-1": ["mental_health", "children_families"],
                                                       "R-2": ["carers_support"]}
    labels = reviewed_labels(engine).set_index("report_id")
    assert labels.loc["R-1", "imported"] and not labels.loc["R-2", "imported"]


def test_import_unknown_theme_names_row_and_writes_nothing(db_url: str, tmp_path: Path) -> None:
    engine = seed_store(db_url)
    f = _write_labels(tmp_path / "labels.csv", [("R-1", "housing"), ("R-2", "new;ageing")], column="Teemat")
    with pytest.raises(InputError, match=r"row 3, field 'Teemat'.*'new'"):
        import_reviewed_labels(engine, f, themes_column="Teemat")
    assert _reviews(engine) == []
    counts = import_reviewed_labels(engine, f, themes_column="Teemat", unknown_themes="drop")
    assert counts["imported"] == 2 and counts["dropped_themes"] == {"new": 1}


def test_renamed_theme_key_is_stored_under_its_new_key(db_url: str, vocabulary_copy: Path) -> None:
    themes = pytest.importorskip("pipeline.themes")
    themes.rename_theme(themes.load_vocabulary(vocabulary_copy), "ageing", "older_people")
    engine = seed_store(db_url)
    row = set_report_themes(engine, "R-2", ["ageing"], "anna")
    assert row["new"]["themes"] == ["older_people"]


def test_import_xlsx(db_url: str, tmp_path: Path) -> None:
    import openpyxl

    engine = seed_store(db_url)
    wb = openpyxl.Workbook()
    wb.active.append(["Report_ID", "Themes"])
    wb.active.append(["R-5", "workforce; integration"])
    wb.save(tmp_path / "labels.xlsx")
    assert import_reviewed_labels(engine, tmp_path / "labels.xlsx")["imported"] == 1
    assert history(engine, "R-5")[-1]["new"]["themes"] == ["workforce", "integration"]


def test_apply_corrections_is_all_or_nothing(db_url: str) -> None:
    engine = seed_store(db_url)
    bad = [{"report_id": "R-1", "themes": ["housing"]}, {"report_id": "R-2", "themes": ["nope"]}]
    with pytest.raises(InputError, match="'nope'"):
        apply_corrections(engine, json.dumps(bad), "anna")
    assert _reviews(engine) == []
    rows = apply_corrections(engine, bad[:1], "anna", cluster_corrections=[{"topic": 1, "themes": "housing"}])
    assert [r["kind"] for r in rows] == ["report", "cluster"]


def test_agreement_per_month_uses_model_output_seen_at_review(db_url: str) -> None:
    engine = seed_store(db_url)
    with engine.begin() as c:
        for rid, themes, when in [("R-1", ["mental_health"], datetime(2025, 4, 3, tzinfo=timezone.utc)),
                                  ("R-4", ["income_employment"], datetime(2025, 4, 20, tzinfo=timezone.utc)),
                                  ("R-3", ["mental_health", "workforce"], datetime(2025, 5, 2, tzinfo=timezone.utc)),
                                  ("R-6", ["housing"], datetime(2025, 5, 3, tzinfo=timezone.utc))]:
            c.execute(sa.insert(reviews).values(kind="report", target=rid, reviewer="anna", created_at=when,
                                                old={}, new={"themes": themes}, note=""))
        # a later model run that would agree with everyone must not change the review-time agreement
        c.execute(sa.insert(theme_assignments).values(report_id="R-4", theme="income_employment", score=0.9,
                                                      evidence={}, source="model", run_id="run-2",
                                                      created_at=datetime(2025, 6, 1, tzinfo=timezone.utc)))
    df = agreement(engine).set_index("period")
    assert list(df.index) == ["2025-04", "2025-05", "all"]  # R-6 had no model themes: not counted
    assert df.loc["2025-04", "reviewed"] == 2 and df.loc["2025-04", "top1_agreement"] == 0.5
    # {mh, sa} vs {mh} = 1/2; R-4: {housing, income} vs {income} = 1/2
    assert df.loc["2025-04", "jaccard"] == pytest.approx(0.5)
    assert df.loc["2025-05", "jaccard"] == pytest.approx(0.5) and df.loc["all", "reviewed"] == 3
    latest = agreement(engine, model_as_of="latest").set_index("period")
    assert latest.loc["2025-04", "top1_agreement"] == 1.0


def test_theme_counts_reflect_corrections(db_url: str) -> None:
    engine = seed_store(db_url)
    before = theme_counts(engine).set_index("theme")["reports"]
    set_report_themes(engine, "R-1", ["housing"], "anna")
    after = theme_counts(engine).set_index("theme")["reports"]
    assert (before["mental_health"], after["mental_health"]) == (3, 2)
    assert (before["housing"], after["housing"]) == (1, 2)


def _main(capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    """Run the ``signaali`` entry point in-process: (exit code, stdout, stderr)."""
    from pipeline.cli import main

    monkeypatch.setattr(sys, "argv", ["signaali", *args])
    capsys.readouterr()
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code or 0
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_set_import_history_exit_codes(sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    seed_store(sqlite_url)
    code, out, _ = _main(capsys, monkeypatch, "review", "set", "R-1", "--themes", "housing;ageing", "--reviewer",
                         "anna", "--note", "n", "--db", sqlite_url)
    assert code == 0 and "housing;ageing" in out
    code, _, err = _main(capsys, monkeypatch, "review", "set", "R-1", "--themes", "housing;bogus", "--db", sqlite_url)
    assert code == 2 and "bogus" in err
    code, _, err = _main(capsys, monkeypatch, "review", "set", "R-999", "--themes", "housing", "--db", sqlite_url)
    assert code == 2 and "R-999" in err

    f = _write_labels(tmp_path / "labels.csv", [("R-2", "ageing;carers_support"), ("R-77", "housing")])
    code, out, _ = _main(capsys, monkeypatch, "review", "import", str(f), "--db", sqlite_url, "--json")
    assert code == 0 and json.loads(out)["imported"] == 1 and json.loads(out)["unknown_report_ids"] == ["R-77"]
    code, out, err = _main(capsys, monkeypatch, "review", "import", str(f), "--db", sqlite_url)
    assert code == 0 and "0 imported, 1 unchanged" in out and "R-77" in err
    code, _, err = _main(capsys, monkeypatch, "review", "import", str(tmp_path / "nope.csv"), "--db", sqlite_url)
    assert code == 2 and "nope.csv" in err

    code, out, _ = _main(capsys, monkeypatch, "review", "history", "R-1", "--db", sqlite_url)
    assert code == 0 and "anna: mental_health;service_access -> housing;ageing  (n)" in out
    assert _main(capsys, monkeypatch, "review", "history", "R-999", "--db", sqlite_url)[0] == 2


def test_cli_history_json_prints_only_json(sqlite_url: str) -> None:
    engine = seed_store(sqlite_url)
    set_report_themes(engine, "R-1", ["housing", "ageing"], "anna", note="n")
    done = subprocess.run([sys.executable, "-m", "pipeline", "review", "history", "R-1", "--json", "--db", sqlite_url],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "SIGNAALI_LOG_LEVEL": "INFO"})
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)  # the whole of stdout is the JSON document, even with INFO logging on
    assert doc["themes"] == ["housing", "ageing"] and doc["model_themes"][0] == ["mental_health", 0.91]
    assert [h["reviewer"] for h in doc["history"]] == ["anna"] and doc["history"][0]["note"] == "n"
