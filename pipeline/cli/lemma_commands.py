"""CLI for the language layer: ``models pull stanza``, ``models train-lemmatizer``, ``models lemmatizers``,
``lemmatize``."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import List, Optional

import typer

from pipeline.cli.options import DB_HELP
from pipeline.errors import InputError

log = logging.getLogger(__name__)


def _emit(doc: dict, as_json: bool, lines: list[str]) -> None:
    if as_json:
        print(json.dumps(doc, ensure_ascii=False, default=str))
    else:
        for line in lines:
            typer.echo(line)


def register(app: typer.Typer, models_app: typer.Typer) -> None:
    """Add the language-layer commands to the ``signaali`` app and its ``models`` group."""

    @models_app.command("pull")
    def pull(
        what: str = typer.Argument(..., help="the model to download: stanza"),
        dir: Optional[Path] = typer.Option(None, "--dir", help="target folder (default: SIGNAALI_STANZA_MODEL_DIR)"),
    ) -> None:
        """Download Stanza's official Finnish model (on a connected machine; copy the folder to offline ones)."""
        if what != "stanza":
            raise InputError(f"models pull: unknown model {what!r} (only 'stanza')")
        from pipeline.lemmas.stanza_backend import pull_official_model
        from pipeline.settings import get_settings

        target = pull_official_model(dir or get_settings().lemmas.stanza_model_dir)
        typer.echo(f"Stanza Finnish model in {target}; use it with SIGNAALI_LEMMATIZER=stanza (or auto)")

    @models_app.command("train-lemmatizer")
    def train_lemmatizer(
        conllu: List[Path] = typer.Argument(..., help="CoNLL-U files with gold lemmas"),
        out: Optional[Path] = typer.Option(None, "--out", help="model folder (default: SIGNAALI_STANZA_MODEL_DIR)"),
        dev: Optional[Path] = typer.Option(None, "--dev", help="dev CoNLL-U (default: every 10th sentence held out)"),
        epochs: int = typer.Option(10, "--epochs", min=1),
        dict_only: bool = typer.Option(False, "--dict-only", help="dictionary only (seconds, weaker on new words)"),
        max_sentences: Optional[int] = typer.Option(None, "--max-sentences", min=1),
        package: str = typer.Option("signaali", "--package", help="model name inside the folder"),
        batch_size: int = typer.Option(50, "--batch-size", min=1, help="words per training batch"),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """Train a Stanza lemmatizer from CoNLL-U files into a folder the stanza backend loads."""
        for path in conllu + ([dev] if dev else []):
            if not path.is_file():
                raise InputError(f"{path}: no such CoNLL-U file")
        from pipeline.lemmas.stanza_training import train_stanza_lemmatizer
        from pipeline.settings import get_settings

        if as_json:
            # Stanza's own log handler may write to stdout; --json promises only JSON there. Its records still
            # reach the root logger, which writes to stderr.
            logging.getLogger("stanza").handlers = []
        res = train_stanza_lemmatizer(conllu, out or get_settings().lemmas.stanza_model_dir, dev=dev, package=package,
                                      epochs=epochs, dict_only=dict_only, max_sentences=max_sentences,
                                      batch_size=batch_size)
        doc = {"model_dir": str(res.model_dir), "model_file": str(res.model_file), "package": res.package,
               "train_sentences": res.train_sentences, "dev_sentences": res.dev_sentences,
               "seconds": round(res.seconds, 1)}
        _emit(doc, as_json, [f"trained {res.model_file} on {res.train_sentences} sentences in {res.seconds:.0f} s",
                             f"use it: SIGNAALI_LEMMATIZER=stanza SIGNAALI_STANZA_MODEL_DIR={res.model_dir}"])

    @models_app.command("lemmatizers")
    def lemmatizers(as_json: bool = typer.Option(False, "--json")) -> None:
        """Which lemmatiser backends load here, and which one `auto` picks."""
        from pipeline.errors import ModelNotAvailableError
        from pipeline.lemmas import available_backends, get_lemmatizer

        status = available_backends()
        try:
            default = get_lemmatizer("auto").id
        except ModelNotAvailableError:
            default = None
        _emit({"default": default, "backends": status}, as_json,
              [f"{name:<10} {state}" for name, state in status.items()] + [f"auto -> {default}"])

    @app.command("lemmatize")
    def lemmatize(
        db: Optional[str] = typer.Option(None, "--db", help=DB_HELP, show_default=False),
        lemmatizer: Optional[str] = typer.Option(None, "--lemmatizer", help="auto | spacy-fi | stanza | simplemma"),
        all_reports: bool = typer.Option(False, "--all", help="rewrite every report's lemmas (after editing "
                                          "stop words; cached texts are not lemmatised again)"),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """Detect language and lemmatise every report without up-to-date lemmas (cached by text hash)."""
        from pipeline.features import all_report_ids, lemmatize_reports

        ids = all_report_ids(db) if all_reports else None
        stats = lemmatize_reports(db, ids, lemmatizer)
        _emit(stats, as_json, [f"{stats['processed']} reports ({stats['cached']} from cache, "
                               f"{stats['lemmatized']} lemmatised) with {stats['lemmatizer']}; "
                               f"languages {stats['languages']}"])
