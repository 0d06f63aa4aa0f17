"""The nightly flow: inbox → ingest → features (lemmas, embeddings) → corpus → resubmissions → topics → themes → signals → export.

Wiring only: each task calls one `pipeline.steps` function. The corpus is loaded once and passed (unintrospected,
``quote``) to the analysis tasks; the themes task takes the topics task's result. Only reports that no run has themed are processed, and every
step is idempotent, so a re-run after a crash resumes where it stopped and a run with nothing new is quick.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from flows.lifetime import tie_ephemeral_server_to_parent
from flows.runtime import heavy_task_runner
from pipeline import runs, steps
from pipeline.corpus import Corpus
from pipeline.errors import InputError, ModelNotAvailableError
from pipeline.settings import apply_offline_env, get_settings
from pipeline.store import get_engine
from pipeline.store.erasure import apply_retention
from pipeline.store.locks import begin_exclusive_run
from pipeline.topics import TopicsResult

apply_offline_env()
tie_ephemeral_server_to_parent()  # a killed `signaali run` leaves no Prefect server behind
SHARD = 512


def _may_pass_on_retry(task, task_run, state) -> bool:  # noqa: ANN001, ARG001 - Prefect's retry_condition_fn
    """Retry only failures a second try can cure (a locked database, a full disk freed); bad input or a missing
    model fails the same way again, so it fails at once (a typo'd file name must not wait 35 s for two retries)."""
    exc = state.data if isinstance(state.data, BaseException) else state.result(raise_on_failure=False)
    return not isinstance(exc, (InputError, ModelNotAvailableError))


RETRY = dict(retries=2, retry_delay_seconds=[5, 30], retry_condition_fn=_may_pass_on_retry, cache_policy=NO_CACHE)
log = logging.getLogger(__name__)


@task(name="ingest", **RETRY)
def ingest_task(db_url: str, paths: list[str]) -> dict[str, Any]:
    return steps.ingest(get_engine(db_url), paths)


@task(name="lemmas", **RETRY)
def lemmas_task(db_url: str, report_ids: list[str]) -> dict[str, Any]:
    return steps.lemmas(get_engine(db_url), report_ids)


@task(name="embeddings", **RETRY)
def embeddings_task(db_url: str, report_ids: list[str]) -> dict[str, Any]:
    return steps.embeddings(get_engine(db_url), report_ids)


@task(name="corpus", **RETRY)
def corpus_task(db_url: str) -> Corpus:
    return steps.corpus(get_engine(db_url))


@task(name="resubmissions", **RETRY)
def resubmissions_task(db_url: str, corpus: Corpus, report_ids: list[str]) -> tuple[dict[str, Any], Corpus]:
    return steps.resubmissions(get_engine(db_url), corpus, report_ids)


@task(name="topics", **RETRY)
def topics_task(db_url: str, corpus: Corpus, report_ids: list[str]) -> TopicsResult:
    return steps.topics(get_engine(db_url), corpus, report_ids)


@task(name="themes", **RETRY)
def themes_task(db_url: str, corpus: Corpus, report_ids: list[str], run_id: str,
                topics: TopicsResult) -> dict[str, Any]:
    return steps.themes(get_engine(db_url), corpus, report_ids, run_id, topics)


@task(name="signals", **RETRY)
def signals_task(db_url: str, corpus: Corpus, as_of: str, run_id: str) -> dict[str, Any]:
    return steps.signals(get_engine(db_url), corpus, dt.date.fromisoformat(as_of), run_id)


@task(name="export", **RETRY)
def export_task(db_url: str, out_dir: str, run_id: str, period: str) -> dict[str, Any]:
    return steps.export(get_engine(db_url), Path(out_dir), run_id, period)


@flow(name="featurise")
def featurise(db_url: str, report_ids: list[str]) -> dict[str, Any]:
    """Lemmas and embeddings of the given reports, in shards (parallel on a Dask cluster when configured)."""
    shards = [report_ids[i:i + SHARD] for i in range(0, len(report_ids), SHARD)]
    lemma_futures = [lemmas_task.submit(db_url, s) for s in shards]
    embed_futures = [embeddings_task.submit(db_url, s) for s in shards]
    lem = [f.result() for f in lemma_futures]
    emb = [f.result() for f in embed_futures]
    return {
        "lemmatizer": next((r.get("lemmatizer") for r in lem if r.get("lemmatizer")), None),
        "embedder": next((r.get("embedder") for r in emb if r.get("embedder")), None),
        "lemmatised": sum(r.get("processed", 0) for r in lem),
        "embedded": sum(r.get("processed", 0) for r in emb),
    }


@flow(name="nightly", log_prints=True)
def nightly(as_of: str | None = None, inbox: str | None = None, paths: list[str] | None = None,
            db_url: str | None = None, out_dir: str | None = None, period: str = "quarter") -> dict[str, Any]:
    """Run the nightly job and return its run record (DESIGN §8 keys).

    Arguments:
        as_of: date of the run (``yyyy-mm-dd``) for weak signals; default today.
        inbox: folder whose export files are ingested (default ``SIGNAALI_INBOX_DIR``).
        paths: explicit export files, ingested in addition to the inbox.
        db_url: store URL (default settings).
        out_dir: where exports go (default ``SIGNAALI_OUT_DIR``).
        period: export period: month, quarter, half or year.
    """
    settings = get_settings()
    db_url = db_url or settings.database_url
    engine = get_engine(db_url)
    as_of = as_of or dt.date.today().isoformat()
    out_dir = out_dir or str(settings.out_dir)
    run_id = runs.new_run_id("nightly")
    flow_run_id = _flow_run_id()
    run_lock = begin_exclusive_run(engine, run_id, "nightly")  # one run per store; dead runs marked crashed
    runs.start_run(engine, run_id, "nightly", dt.date.fromisoformat(as_of), flow_run_id)
    logger = get_run_logger()
    files = [str(p) for p in steps.inbox_files(Path(inbox) if inbox else settings.inbox_dir)] + list(paths or [])
    record: dict[str, Any] = {"run_id": run_id, "flow_run_id": flow_run_id, "as_of": as_of, "files": files,
                              "timings_s": {}, "warnings": [], "models": {}}
    step = "ingest"
    try:
        if settings.retention_years:
            record["retention_erased"] = len(apply_retention(engine, settings.retention_years,
                                                             dt.date.fromisoformat(as_of)))
        _step_event("ingest", "start", len(files))
        t = time.perf_counter()
        summary = ingest_task(db_url, files) if files else {"read": 0, "stored": 0, "near_duplicates": 0,
                                                            "duplicates": 0, "quarantined": 0, "problems": []}
        record["timings_s"]["ingest"] = round(time.perf_counter() - t, 3)
        _step_event("ingest", "done", len(files), record["timings_s"]["ingest"])
        record.update(reports_seen=summary["read"], reports_new=summary["stored"] + summary["near_duplicates"],
                      quarantined=summary["quarantined"], duplicates=summary["duplicates"] + summary["near_duplicates"])
        record["warnings"].extend(summary.get("problems", [])[:50])

        pending = runs.pending_report_ids(engine)
        record["reports_processed"] = len(pending)
        logger.info("%d reports to process", len(pending))

        step = "features"
        _step_event("features", "start", len(pending))
        t = time.perf_counter()
        feats = featurise.with_options(task_runner=heavy_task_runner())(db_url, pending)
        record["timings_s"]["features"] = round(time.perf_counter() - t, 3)
        _step_event("features", "done", len(pending), record["timings_s"]["features"])

        # The data flow: the corpus is read once; topics feed themes; signals and export read the store's result.
        step = "corpus"
        corpus = _timed(record, step, corpus_task, db_url)
        step = "resubmissions"  # reworded resubmissions leave the counts before topics, themes and export
        record["resubmissions_result"], corpus = _timed(record, step, resubmissions_task, db_url, quote(corpus),
                                                        pending)
        pending = [r for r in pending if r in corpus]
        record["reports_processed"] = len(pending)
        step = "topics"
        topics = _timed(record, step, topics_task, db_url, quote(corpus), pending)
        record["topics_result"] = steps.topics_summary(topics)
        step = "themes"
        record["themes_result"] = _timed(record, step, themes_task, db_url, quote(corpus), pending, run_id,
                                         quote(topics))
        step = "signals"
        signals = _timed(record, step, signals_task, db_url, quote(corpus), as_of, run_id)
        step = "export"
        record["export_result"] = _timed(record, step, export_task, db_url, out_dir, run_id, period)
        record["signals"] = signals["signals"]
        record["models"] = {
            "lemmatizer": feats.get("lemmatizer") or steps.lemmatizer_id(),
            "embedder": feats.get("embedder") or steps.embedder_id(),
            "topic_model": topics.version,
            "vocabulary": record["themes_result"]["vocabulary"],
            "signal_detector": signals["detector"],
        }
        record["params"] = settings.resolved_params()
        record["report"] = record["export_result"]["report"]
        record["out_dir"] = record["export_result"]["out_dir"]
        record["status"] = "completed"
        runs.finish_run(engine, run_id, record, "completed")
    except BaseException as exc:
        record["status"] = "failed"
        record["failed_step"] = step
        record["error"] = f"{type(exc).__name__}: {exc}"
        runs.finish_run(engine, run_id, record, "failed")
        raise
    finally:
        run_lock.release()
    _publish(engine, record, pending)
    return record


def _step_event(step: str, event: str, total: int, seconds: float | None = None) -> None:
    """Tell the CLI's progress display (`pipeline.cli.progress`) that a step started or finished."""
    logging.getLogger("signaali.steps").info("%s %s", step, event,
                                             extra={"step": step, "event": event, "total": total, "seconds": seconds})


def _timed(record: dict[str, Any], step: str, fn: Any, *args: Any) -> Any:
    """Run one task, recording its wall time under ``record["timings_s"][step]``."""
    total = int(record.get("reports_processed", 0))
    _step_event(step, "start", total)
    t = time.perf_counter()
    result = fn(*args)
    record["timings_s"][step] = round(time.perf_counter() - t, 3)
    _step_event(step, "done", total, record["timings_s"][step])
    return result


def _flow_run_id() -> str | None:
    try:
        from prefect.runtime import flow_run

        return str(flow_run.id) if flow_run.id else None
    except Exception:  # noqa: BLE001 - the id is informative only
        return None


def _publish(engine: Any, record: dict[str, Any], processed_ids: list[str]) -> None:
    """Prefect artifacts for an analyst (`flows.artifacts`)."""
    from flows.artifacts import publish

    publish(engine, record, processed_ids)
