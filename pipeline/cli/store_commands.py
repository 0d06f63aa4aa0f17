"""``signaali delete``, ``signaali quarantine list|export|reingest``, ``signaali store backup|restore``,
``signaali review duplicates``: keeping the store as the county's record."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from pipeline.cli.options import db_option, engine_for


def _review_group(app: typer.Typer) -> typer.Typer | None:
    for group in app.registered_groups:
        if group.name == "review":
            return group.typer_instance
    return None


def register(app: typer.Typer, models_app: typer.Typer) -> None:  # noqa: ARG001 - same signature for every module
    @app.command("delete")
    def delete(
        report_ids: list[str] = typer.Argument(..., help="ids of the reports to erase"),
        reason: str = typer.Option(..., "--reason", help="why (stored with who and when; never the content)"),
        db: str = db_option(),
        as_json: bool = typer.Option(False, "--json", help="print what was removed as JSON"),
    ) -> None:
        """Erase reports and everything derived from them (lemmas, embeddings, topics, themes, signals, reviews)."""
        from pipeline.store.erasure import erase_reports

        removed = erase_reports(engine_for(db), report_ids, reason)
        if as_json:
            typer.echo(json.dumps(removed, ensure_ascii=False))
            return
        for rid, counts in removed.items():
            typer.echo(f"{rid}: erased ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))})")

    quarantine_app = typer.Typer(help="Rows that could not be stored: list, export for fixing, re-ingest.",
                                 no_args_is_help=True)
    app.add_typer(quarantine_app, name="quarantine")

    @quarantine_app.command("list")
    def q_list(db: str = db_option(), show_all: bool = typer.Option(False, "--all", help="resolved rows too"),
               as_json: bool = typer.Option(False, "--json")) -> None:
        """Quarantined rows still waiting for a fix: file, row, field, reason."""
        from pipeline.ingest.lifecycle import list_quarantine

        rows = list_quarantine(engine_for(db), None if show_all else "open")
        if as_json:
            typer.echo(json.dumps([{k: v for k, v in r.items() if k != "raw"} for r in rows], default=str,
                                  ensure_ascii=False))
            return
        for r in rows:
            typer.echo(f"{r['id']}\t{r['status']}\t{r['source']}, row {r['source_row']}, field '{r['field']}': "
                       f"{r['reason']}")
        typer.echo(f"{len(rows)} row(s)", err=True)

    @quarantine_app.command("export")
    def q_export(file: Path = typer.Argument(..., help="CSV to write"), db: str = db_option()) -> None:
        """Write the open quarantined rows to a CSV to fix (keep the quarantine_id column)."""
        from pipeline.ingest.lifecycle import export_quarantine

        n = export_quarantine(engine_for(db), file)
        typer.echo(f"{n} quarantined row(s) written to {file}")

    @quarantine_app.command("reingest")
    def q_reingest(file: Path = typer.Argument(..., help="the fixed CSV"), db: str = db_option(),
                   as_json: bool = typer.Option(False, "--json")) -> None:
        """Store the fixed rows; each comes back once and its quarantine history says so."""
        from pipeline.ingest.lifecycle import reingest_quarantine

        out = reingest_quarantine(engine_for(db), file)
        if as_json:
            typer.echo(json.dumps(out, ensure_ascii=False))
            return
        for p in out["problems"][:20]:
            typer.echo(f"warning: {p}", err=True)
        typer.echo(f"{out['rows']} row(s): {out['resolved']} stored, {out['still_bad']} still bad, "
                   f"{out['already_resolved']} already re-ingested before")

    store_app = typer.Typer(help="Store maintenance: backup and restore.", no_args_is_help=True)
    app.add_typer(store_app, name="store")

    @store_app.command("backup")
    def backup(path: Path = typer.Argument(..., help="backup file to write"), db: str = db_option()) -> None:
        """A consistent copy of the store, also while a run is writing (SQLite backup API; pg_dump)."""
        from pipeline.store.backup import backup_store

        typer.echo(f"store backed up to {backup_store(engine_for(db), path)}")

    @store_app.command("restore")
    def restore(path: Path = typer.Argument(..., help="backup file made by `signaali store backup`"),
                db: str = db_option()) -> None:
        """Replace the store's content with a backup (refused while a run holds the store)."""
        import sqlalchemy as sa

        from pipeline.store.backup import restore_store
        from pipeline.store.locks import RunLockedError
        from pipeline.store.schema import run_locks

        engine = engine_for(db)
        with engine.connect() as conn:
            held = conn.execute(sa.select(run_locks)).first()
        if held is not None:
            raise RunLockedError(f"run {held.run_id} of {held.holder} holds the store; restore when it has finished")
        restore_store(engine, path)
        typer.echo(f"store restored from {path}")

    review_app = _review_group(app)
    if review_app is None:
        return

    @review_app.command("duplicates")
    def duplicates(
        confirm: Optional[int] = typer.Option(None, "--confirm", help="pair id: same report, the later counts"),
        reject: Optional[int] = typer.Option(None, "--reject", help="pair id: different reports, both count"),
        keep_earlier: Optional[int] = typer.Option(None, "--keep-earlier", help="pair id: the earlier counts"),
        show_all: bool = typer.Option(False, "--all", help="linked and decided pairs too"),
        reviewer: Optional[str] = typer.Option(None, "--reviewer", help="who decides"),
        db: str = db_option(),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """Possible edited resubmissions waiting for a reviewer (weaker evidence), or decide one."""
        from pipeline.ingest.lifecycle import decide_duplicate, list_duplicates
        from pipeline.store.erasure import current_user

        engine = engine_for(db)
        chosen = [(d, v) for d, v in (("confirm", confirm), ("reject", reject), ("keep-earlier", keep_earlier))
                  if v is not None]
        if chosen:
            out = [decide_duplicate(engine, v, d, reviewer or current_user()) for d, v in chosen]
            typer.echo(json.dumps(out) if as_json else "\n".join(
                f"pair {o['id']} ({o['earlier_id']} -> {o['later_id']}): {o['status']}" for o in out))
            return
        pairs = list_duplicates(engine, "all" if show_all else "candidate")
        if as_json:
            typer.echo(json.dumps(pairs, default=str, ensure_ascii=False))
            return
        for p in pairs:
            typer.echo(f"{p['id']}\t{p['status']}\t{p['earlier_id']} ({p['earlier_submitted']}) -> {p['later_id']} "
                       f"({p['later_submitted']})\tscore {p['score']:.2f}\t{json.dumps(p['evidence'])}")
        typer.echo(f"{len(pairs)} pair(s)", err=True)
