"""Prefect runtime choice: the task runner for the heavy steps (offline defaults: `pipeline.settings.apply_offline_env`)."""

from __future__ import annotations


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
