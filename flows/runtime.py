"""Prefect runtime choices: offline defaults and the task runner for the heavy steps."""

from __future__ import annotations

import os

OFFLINE_ENV = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "TOKENIZERS_PARALLELISM": "false",
}


def set_offline_defaults() -> None:
    """Prefect's ephemeral API with analytics off and a start-up time-out that survives a cold first run."""
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)
    from flows.lifetime import tie_ephemeral_server_to_parent

    tie_ephemeral_server_to_parent()  # a killed `signaali run` leaves no Prefect server behind


def heavy_task_runner():
    """Task runner for lemmas and embeddings: threads by default, a Dask cluster when configured.

    ``SIGNAALI_TASK_RUNNER=dask`` uses ``SIGNAALI_DASK_ADDRESS`` (a running scheduler) or, when empty, a
    LocalCluster of ``SIGNAALI_DASK_WORKERS`` single-threaded worker processes.
    """
    from pipeline.settings import get_settings

    settings = get_settings()
    if settings.task_runner == "dask":
        from prefect_dask import DaskTaskRunner

        if settings.dask_address:
            return DaskTaskRunner(address=settings.dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": settings.dask_workers, "threads_per_worker": 1,
                                              "processes": True, "dashboard_address": None})
    from prefect.task_runners import ThreadPoolTaskRunner

    # One thread: torch already uses both cores; the split into shards is what lets Dask scale out.
    return ThreadPoolTaskRunner(max_workers=1)
