"""``signaali themes assign`` (ad-hoc texts) and ``signaali signals``."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Optional

import typer

from pipeline.cli.options import DATE_HELP, create_option, db_option, open_store, parse_cli_date, store_exists, store_url
from pipeline.errors import InputError

_TEXT_PARTS = (("observation", "havainto", "kuvaus ilmiöstä"), ("client_voice", "asiakkaan ääni"),
               ("proposal", "ratkaisuehdotus", "kehittämisehdotus"))


def _embedder():  # noqa: ANN202 - the seam tests replace with a small stand-in
    from pipeline.embeddings import get_embedder

    return get_embedder()


def _read_texts(path: Path, text_column: str | None) -> tuple["object", list[str]]:
    import pandas as pd

    from pipeline.text import report_text

    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(f"{path}: cannot read CSV: {exc}") from exc
    cols = {c.strip().lower(): c for c in df.columns}
    if text_column:
        if text_column.strip().lower() not in cols:
            raise InputError(f"{path}: no column '{text_column}' (columns: {', '.join(df.columns)})")
        return df, [str(v) for v in df[cols[text_column.strip().lower()]]]
    found = [next((cols[n] for n in names if n in cols), None) for names in _TEXT_PARTS]
    if found[0] is None:
        if "text" in cols:
            return df, [str(v) for v in df[cols["text"]]]
        raise InputError(f"{path}: no text column; give --text-column or an 'observation' (havainto) or 'text' column")
    texts = [report_text(*(str(row[c]) if c else "" for c in found)) for _, row in df.iterrows()]
    return df, texts


def register(app: typer.Typer, models_app: typer.Typer) -> None:  # noqa: ARG001 - same signature for every module
    """Add the ``themes`` group and the ``signals`` command to ``app``."""
    themes_app = typer.Typer(help="Curated themes: assign themes to ad-hoc texts.", no_args_is_help=True)
    app.add_typer(themes_app, name="themes")

    @themes_app.command("assign")
    def assign_cmd(
        in_csv: Path = typer.Argument(..., help="CSV with report texts"),
        out: Path = typer.Option(..., "-o", "--out", help="CSV to write (the input plus themes, theme_scores)"),
        text_column: Optional[str] = typer.Option(None, "--text-column",
                                                  help="column holding the text (default: observation + "
                                                       "client_voice + proposal, or text)"),
        db: str = db_option(),
        reviewed: bool = typer.Option(False, "--reviewed", help="require the store's reviewed labels (refuse a store "
                                                                 "that does not exist instead of going zero-shot)"),
        create: bool = create_option(),
    ) -> None:
        """Add columns ``themes`` (keys joined by ';') and ``theme_scores`` (JSON) to each row of a CSV.

        Uses the store's reports, reviewed labels and active topic model when it has them; on an empty store it
        assigns from the theme vocabulary alone (zero-shot).
        """
        from pipeline.themes import assign_texts

        df, texts = _read_texts(in_csv, text_column)
        empty = [i + 2 for i, t in enumerate(texts) if not t.strip()]
        if empty:
            raise InputError(f"{in_csv}, row {empty[0]}, field '{text_column or 'observation'}': empty text")
        cols = {c.strip().lower(): c for c in df.columns}
        phen = list(df[cols["phenomenon_type"]]) if "phenomenon_type" in cols else None
        # reviewed mode needs the store; otherwise a missing store means zero-shot, and it is never created silently
        if reviewed or create or store_exists(store_url(db)):
            engine = open_store(db, create)
        else:
            engine = None
            print(f"no store at {store_url(db)}: themes from the vocabulary alone (zero-shot)", file=sys.stderr)
        preds = assign_texts(texts, engine=engine, embedder=_embedder(), phenomenon=phen)
        df["themes"] = [";".join(k for k, _, _ in p) for p in preds]
        df["theme_scores"] = [json.dumps({k: round(s, 4) for k, s, _ in p}, ensure_ascii=False) for p in preds]
        out.parent.mkdir(parents=True, exist_ok=True)
        df.to_csv(out, index=False, encoding="utf-8")
        print(f"themed {len(df)} rows -> {out}", file=sys.stderr)

    @app.command("signals")
    def signals_cmd(
        as_of: Optional[str] = typer.Option(None, "--as-of", help=f"{DATE_HELP} (default: the latest detection)"),
        fmt: str = typer.Option("table", "--format", help="table | csv | json"),
        as_json: bool = typer.Option(False, "--json", help="the same as --format json: only JSON on stdout"),
        db: str = db_option(),
        create: bool = create_option(),
    ) -> None:
        """Weak signals: groups of recent reports that are new and/or growing (flagged = not noise)."""
        from pipeline.signals import detect_signals, stored_signals

        if fmt not in ("table", "csv", "json"):
            raise InputError(f"--format: '{fmt}' is not one of table, csv, json")
        if as_json:
            fmt = "json"
        day = parse_cli_date(as_of, "--as-of")
        engine = open_store(db, create)
        found = stored_signals(engine, day)
        if not found and day is not None:
            found = detect_signals(engine, day, embedder=_embedder())
        keys = ("signal_id", "status", "report_ids", "keywords", "first_seen", "growth", "reason")
        rows = [{k: s.to_dict()[k] for k in keys} for s in found]
        if fmt == "json":
            sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        elif fmt == "csv":
            buf = io.StringIO()
            w = csv.DictWriter(buf, fieldnames=[*keys, "popularity"])
            w.writeheader()
            for s in found:
                d = s.to_dict()
                w.writerow({**{k: d[k] for k in keys}, "report_ids": ";".join(s.report_ids),
                            "keywords": ";".join(s.keywords), "popularity": s.popularity})
            sys.stdout.write(buf.getvalue())
        else:
            from rich.console import Console
            from rich.table import Table

            table = Table(title=f"signals as of {found[0].as_of}" if found else "no signals")
            for col in ("status", "reports", "first seen", "growth", "keywords", "signal id"):
                table.add_column(col)
            for s in found:
                table.add_row(s.status, str(len(s.report_ids)), s.first_seen, f"{s.growth:+.2f}",
                              ", ".join(s.keywords[:6]), s.signal_id)
            Console().print(table)
