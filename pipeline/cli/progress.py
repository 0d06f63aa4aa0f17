"""Progress of the nightly steps and quiet third-party logs, for ``signaali run`` and ``retrain``.

The flow reports each step on the ``signaali.steps`` logger (``extra``: ``step``, ``event`` start|done, ``total``,
``seconds``); `step_progress` renders those as a rich progress display on a terminal and as one line per finished
step otherwise. Third-party messages that mean nothing to a user (BERTopic's warnings, Prefect's "Finished in state"
lines, weight-loading bars) become debug records.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from collections.abc import Iterator

STEP_LOGGER = "signaali.steps"
_NOISE_PREFIXES = ("Finished in state", "Created task run", "Beginning flow run", "Created flow run",
                   "Executing flow", "Submitting task")


class _DemoteToDebug(logging.Filter):
    """Turns a record into a debug one (shown only with SIGNAALI_LOG_LEVEL=DEBUG)."""

    def __init__(self, only_prefixes: tuple[str, ...] | None = None) -> None:
        super().__init__()
        self.only_prefixes = only_prefixes

    def filter(self, record: logging.LogRecord) -> bool:
        if self.only_prefixes is not None and not str(record.getMessage()).startswith(self.only_prefixes):
            return True
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return logging.getLogger("signaali").isEnabledFor(logging.DEBUG)


def quiet_third_party() -> None:
    """Silence what a user cannot act on: BERTopic warnings (custom topics, saving without an embedder), Prefect's
    per-run state lines, and download/weight-loading progress bars (our own progress replaces them)."""
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TQDM_DISABLE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    bertopic = logging.getLogger("BERTopic")
    if not any(isinstance(f, _DemoteToDebug) for f in bertopic.filters):
        bertopic.addFilter(_DemoteToDebug())
    for name in ("prefect.flow_runs", "prefect.task_runs"):
        lg = logging.getLogger(name)
        if not any(isinstance(f, _DemoteToDebug) for f in lg.filters):
            lg.addFilter(_DemoteToDebug(_NOISE_PREFIXES))


class _StepHandler(logging.Handler):
    def __init__(self, progress=None) -> None:  # noqa: ANN001 - rich Progress or None
        super().__init__(logging.INFO)
        self.progress = progress
        self.tasks: dict[str, int] = {}
        self.started: dict[str, float] = {}

    def emit(self, record: logging.LogRecord) -> None:
        step, event = getattr(record, "step", None), getattr(record, "event", None)
        if not step:
            return
        total = int(getattr(record, "total", 0) or 0)
        if event == "start":
            self.started[step] = time.perf_counter()
            if self.progress is not None:
                self.tasks[step] = self.progress.add_task(step, total=total or 1, completed=0)
            return
        seconds = getattr(record, "seconds", None)
        if seconds is None:
            seconds = time.perf_counter() - self.started.get(step, time.perf_counter())
        if self.progress is not None:
            task = self.tasks.get(step)
            if task is None:
                task = self.progress.add_task(step, total=total or 1)
            self.progress.update(task, completed=total or 1)
            self.progress.stop_task(task)
        else:
            print(f"{step}: {total} reports, {float(seconds):.1f} s", file=sys.stderr, flush=True)


@contextlib.contextmanager
def step_progress(enabled: bool = True) -> Iterator[None]:
    """Show the flow's steps while the block runs: rich bars (reports done/total, elapsed) on a terminal, one
    line per step on stderr otherwise; nothing when ``enabled`` is false."""
    logger = logging.getLogger(STEP_LOGGER)
    if not enabled:
        yield
        return
    quiet_third_party()
    logger.setLevel(logging.INFO)
    if sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        progress = Progress(TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("reports"), TimeElapsedColumn(), console=Console(stderr=True))
        handler = _StepHandler(progress)
        logger.addHandler(handler)
        try:
            with progress:
                yield
        finally:
            logger.removeHandler(handler)
    else:
        handler = _StepHandler(None)
        logger.addHandler(handler)
        try:
            yield
        finally:
            logger.removeHandler(handler)
