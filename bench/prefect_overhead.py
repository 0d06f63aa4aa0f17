"""What Prefect's API start-up costs a ``signaali run``, and what a long-running local server saves.

One session, one throw-away Signaali home (models linked from this checkout): the bundled sample is ingested and
run once, so that the measured runs have nothing new to process and time only the orchestration around the steps.
Then ``--repeats`` runs on the ephemeral API (each starts its own), ``signaali server start`` (timed once), the same
runs against that server, ``signaali server stop``. Each run is a fresh ``signaali run --json`` process.

    .venv/bin/python bench/prefect_overhead.py [--repeats 3] [--out bench/results/prefect_overhead.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIGNAALI = str(Path(sys.executable).with_name("signaali"))
SAMPLE = ROOT / "data" / "sample" / "raportit_2025.csv"


def _run(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run([SIGNAALI, *args], env=env, capture_output=True, text=True, timeout=900)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"signaali {' '.join(args)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--port", type=int, default=4231)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "prefect_overhead.json")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="signaali-prefect-bench-"))
    (home / "models").mkdir()
    for model in (ROOT / "models").iterdir():
        (home / "models" / model.name).symlink_to(model.resolve())
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(SIGNAALI_HOME=str(home), PREFECT_HOME=str(home / "prefect"), SIGNAALI_LOG_LEVEL="WARNING")
    first = _run(["run", "--json", "--as-of", "2025-06-30", str(SAMPLE)], env)
    nothing_new = ["run", "--json", "--as-of", "2025-06-30"]

    ephemeral = [_run(nothing_new, env) for _ in range(args.repeats)]
    started = time.perf_counter()
    _run(["server", "start", "--port", str(args.port)], env)
    server_start = time.perf_counter() - started
    try:
        with_server = [_run(nothing_new, env) for _ in range(args.repeats)]
    finally:
        _run(["server", "stop"], env)

    eph, srv = statistics.median(ephemeral), statistics.median(with_server)
    result = {
        "what": "wall seconds of `signaali run --json` with nothing new to process (a fresh process each), "
                "ephemeral Prefect API vs a server started once with `signaali server start`",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "first_run_with_sample_s": round(first, 1),
        "ephemeral_runs_s": [round(s, 1) for s in ephemeral],
        "server_runs_s": [round(s, 1) for s in with_server],
        "server_start_s": round(server_start, 1),
        "median_ephemeral_s": round(eph, 1),
        "median_server_s": round(srv, 1),
        "saved_per_run_s": round(eph - srv, 1),
        "server_vs_ephemeral": round(srv / eph, 2),
        "runs_to_repay_server_start": round(server_start / max(eph - srv, 1e-9), 1),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
