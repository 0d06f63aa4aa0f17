"""The built wheel works on its own: installed into a fresh venv, run from another directory, data under SIGNAALI_HOME.

The venv has no system site-packages; the project's dependencies come from this checkout's ``.venv`` through a
``.pth`` line (a plain path: the ``.pth`` files inside it, such as the editable install of this checkout, are not
processed), so the test needs no downloads and the ``pipeline`` package it runs can only be the wheel's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample" / "raportit_2025.csv"

pytestmark = pytest.mark.slow


def _run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: int = 600) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{cmd}: exit {done.returncode}\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("wheel")
    # Build from the tracked files only (a copy), so the wheel cannot pick up untracked files of this checkout.
    src = tmp / "src"
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for rel in filter(None, files.decode().split("\0")):
        if (ROOT / rel).is_file() and not rel.startswith(("models/", "bench/", "notebooks/")):
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            (src / rel).write_bytes((ROOT / rel).read_bytes())
    dist = tmp / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(dist), "."],
         cwd=src, env=os.environ.copy())
    (wheel,) = dist.glob("signaali-*.whl")

    env_dir = tmp / "venv"
    venv.EnvBuilder(system_site_packages=False, with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    site = Path(subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "signaali-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", str(py), "install", "-q", "--no-deps", "--no-index", str(wheel)],
         cwd=tmp, env=os.environ.copy())
    return {"tmp": tmp, "bin": env_dir / "bin", "python": py, "site": site}


def _env(installed: dict[str, Path], home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIGNAALI_") and k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update({"SIGNAALI_HOME": str(home), "PATH": f"{installed['bin']}:{env.get('PATH', '')}",
                "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"})
    return env


def test_the_package_comes_from_the_wheel_with_its_data_files(installed: dict[str, Path]) -> None:
    elsewhere = installed["tmp"] / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    code = ("import json, pipeline, pipeline.lemmas.spacy_fi as s, pipeline.settings as st; "
            "from pathlib import Path; p = Path(pipeline.__file__).parent; "
            "print(json.dumps({'file': pipeline.__file__, 'home': str(st.Settings().home), "
            "'template': (p / 'export' / 'templates' / 'report.html.j2').is_file(), "
            "'colloquial': s._COLLOQUIAL.is_file(), 'vocabulary': (p / 'themes' / 'vocabulary.yaml').is_file()}))")
    env = _env(installed, elsewhere / "home")
    env.pop("SIGNAALI_HOME")
    env["XDG_DATA_HOME"] = str(elsewhere / "xdg")
    out = json.loads(_run([str(installed["python"]), "-c", code], cwd=elsewhere, env=env).stdout)
    assert Path(out["file"]).is_relative_to(installed["site"]), out
    assert out["template"] and out["colloquial"] and out["vocabulary"], out
    # Installed (not a checkout): the default home is the user's data folder, not site-packages.
    assert out["home"] == str(elsewhere / "xdg" / "signaali")
    # every data file of the package (lexicons, models such as the name-shape weights, templates) is in the wheel
    tracked = subprocess.run(["git", "ls-files", "pipeline"], cwd=ROOT, capture_output=True, text=True, check=True)
    data = [f for f in tracked.stdout.split() if not f.endswith((".py", ".pyc")) and "/__pycache__/" not in f]
    assert data and [f for f in data if not (installed["site"] / f).is_file()] == []


def test_help_ingest_and_export_from_another_directory(installed: dict[str, Path]) -> None:
    work = installed["tmp"] / "work"
    work.mkdir(exist_ok=True)
    home = installed["tmp"] / "home"
    env = _env(installed, home)
    signaali = str(installed["bin"] / "signaali")

    assert "ingest" in _run([signaali, "--help"], cwd=work, env=env).stdout
    ingested = json.loads(_run([signaali, "ingest", "--json", str(SAMPLE)], cwd=work, env=env).stdout)
    assert ingested["stored"] > 50
    _run([signaali, "export", "--format", "csv,html", "--period", "year"], cwd=work, env=env)

    assert (home / "data" / "signaali.db").is_file()  # the store lives under SIGNAALI_HOME
    out = home / "data" / "out"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert 0 < manifest["reports_counted"] <= ingested["stored"]
    assert (out / "themes_long.csv").is_file() and "<html" in (out / "report.html").read_text(encoding="utf-8")
    assert not any(work.iterdir())  # nothing written into the working directory
