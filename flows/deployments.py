"""Deployments: ``nightly`` at 02:00 Europe/Helsinki and ``retrain`` weekly (Sunday 03:00), served by this process."""

from __future__ import annotations

from typing import Any

from prefect.schedules import Cron

from pipeline.settings import apply_offline_env

apply_offline_env()
TIMEZONE = "Europe/Helsinki"
NIGHTLY_CRON = "0 2 * * *"
RETRAIN_CRON = "0 3 * * 0"


def build_deployments(parameters: dict[str, Any] | None = None, schedules: bool = True) -> list:
    """The two runner deployments (``flow.to_deployment``), optionally without schedules (tests)."""
    from flows.nightly import nightly
    from flows.retrain import retrain

    params = parameters or {}
    nightly_dep = nightly.to_deployment(
        name="nightly", schedules=[Cron(NIGHTLY_CRON, timezone=TIMEZONE)] if schedules else None,
        parameters=params, description="Nightly: ingest the inbox, theme new reports, flag weak signals, export.",
        tags=["signaali"])
    retrain_dep = retrain.to_deployment(
        name="retrain", schedules=[Cron(RETRAIN_CRON, timezone=TIMEZONE)] if schedules else None,
        parameters={k: v for k, v in params.items() if k == "db_url"},
        description="Weekly: fit a new topic model, evaluate it, promote it if not worse.", tags=["signaali"])
    return [nightly_dep, retrain_dep]


def serve(parameters: dict[str, Any] | None = None, schedules: bool = True) -> None:
    """Serve both deployments until interrupted (``signaali serve``)."""
    from prefect import serve as prefect_serve

    prefect_serve(*build_deployments(parameters, schedules=schedules))
