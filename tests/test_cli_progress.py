"""Progress and quiet logs of `signaali run`: one line per step off a terminal; BERTopic warnings and Prefect's
"Finished in state" lines never reach the user at the default level."""

from __future__ import annotations

import logging

from pipeline.cli.progress import quiet_third_party, step_progress


def test_one_line_per_step_off_a_terminal(capsys) -> None:  # noqa: ANN001
    steps = logging.getLogger("signaali.steps")
    with step_progress():
        steps.info("x", extra={"step": "themes", "event": "start", "total": 120})
        steps.info("x", extra={"step": "themes", "event": "done", "total": 120, "seconds": 3.25})
    err = capsys.readouterr().err
    assert err.strip().splitlines() == ["themes: 120 reports, 3.2 s"]


def test_third_party_noise_is_demoted(caplog) -> None:  # noqa: ANN001
    quiet_third_party()
    caplog.set_level(logging.INFO)
    logging.getLogger("BERTopic").warning("WARNING: Using a custom list of topic assignments may lead to errors")
    logging.getLogger("prefect.task_runs").info("Finished in state Completed()")
    logging.getLogger("prefect.task_runs").warning("Task run failed: retrying")
    shown = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert shown == ["Task run failed: retrying"]
