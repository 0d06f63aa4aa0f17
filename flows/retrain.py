"""The retrain flow: fit a new topic model, evaluate it against reviewed labels and the active model,
register it, promote it by `pipeline.retraining.decide_promotion` (or when asked), and carry approved cluster
mappings over. Wiring and the run record only."""

from __future__ import annotations

from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from pipeline import retraining, runs, steps
from pipeline.settings import apply_offline_env, get_settings
from pipeline.store import get_engine

apply_offline_env()


@task(name="fit-topic-model", cache_policy=NO_CACHE)
def fit_task(db_url: str) -> str:
    return steps.fit_topic_model(get_engine(db_url), activate=False).version


@task(name="evaluate", cache_policy=NO_CACHE)
def evaluate_task(db_url: str, version: str) -> dict[str, Any]:
    return retraining.evaluate_topic_model(get_engine(db_url), version)


@flow(name="retrain", log_prints=True)
def retrain(db_url: str | None = None, promote: bool = False) -> dict[str, Any]:
    """Fit, evaluate, register and maybe promote a new topic model; returns what was decided and why."""
    from pipeline.store.queries import active_model

    settings = get_settings()
    db_url = db_url or settings.database_url
    engine = get_engine(db_url)
    logger = get_run_logger()
    run_id = runs.new_run_id("retrain")
    runs.start_run(engine, run_id, "retrain", None)
    try:
        with engine.connect() as conn:
            row = active_model(conn)
        active = row.version if row else None
        version = fit_task(db_url)
        new_metrics = evaluate_task(db_url, version)
        old_metrics = evaluate_task(db_url, active) if active else None
        if active:
            new_metrics["stability"] = retraining.assignment_stability(engine, version, active)
        retraining.record_metrics(engine, version, {"evaluation": new_metrics})
        criterion = retraining.promotion_criterion(new_metrics, old_metrics)
        promoted, reason = retraining.decide_promotion(new_metrics, old_metrics, force=promote)
        carry = retraining.carry_over_mappings(engine, active, version) if active else {"carried": [], "unmatched": []}
        if promoted:
            retraining.activate_model(engine, version)
        result = {"run_id": run_id, "version": version, "previous": active, "promoted": promoted, "reason": reason,
                  "criterion": criterion,
                  "metrics": new_metrics, "previous_metrics": old_metrics, "mappings": carry,
                  "params": settings.resolved_params()}
        logger.info("retrain: %s %s (%s)", version, "promoted" if promoted else "not promoted", reason)
        runs.finish_run(engine, run_id, result)
        return result
    except BaseException as exc:
        runs.finish_run(engine, run_id, {"error": f"{type(exc).__name__}: {exc}"}, "failed")
        raise
