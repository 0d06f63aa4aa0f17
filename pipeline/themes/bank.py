"""The bundled labelled example bank (``theme_scorer.example_bank.v1``): labelled items by several writers, shipped
with the product, so a store with no reviewed labels of its own still learns from labelled examples.

The bank (``pipeline/reference/theme_bank.json.gz``, built by ``scripts/build_theme_bank.py``) holds the tuning
writers' labelled reports and one-sentence statements (dev corpus and the independent sets themes_a/b/c),
pseudonymised and lemmatised as a store's reports are, with their themes and writer. Its float16 embeddings by each
default encoder ship beside it (``theme_bank_<encoder>.npz``, keyed by the encoder's ``model_id``); an encoder
without shipped embeddings embeds the bank once and keeps them by model id (`FixedTextsEmbedder`).

The scorer reuses the reviewed head (`pipeline.themes.head.ReviewedHead`: kNN vote + logistic regression) with the
bank's items as labels, plus the county's own reviewed reports when there are any, each counting ``county_weight``
times a bank item (a county report that is also a bank item replaces it). The selection thresholds are calibrated
per theme on out-of-fold scores where each fold leaves one writer out (the county's reports are a writer of their
own), so they are set for a writer the head has not seen. It takes the place of the logistic part (d) and of
``theme_scorer.reviewed_head.v1`` when listed in ``ThemesParams.scorers``.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from pipeline.registry import registry
from pipeline.themes.scorers import ScoringBatch

__all__ = ["BANK_DIR", "ExampleBank", "NAME", "example_bank_score", "fit_example_bank", "load_bank", "write_bank",
           "write_bank_embeddings"]

log = logging.getLogger(__name__)
NAME = "theme_scorer.example_bank.v1"
BANK_DIR = Path(__file__).resolve().parents[1] / "reference"
BANK_FILE = "theme_bank.json.gz"
ThemeAssigner = Any  # pipeline.themes.assign.ThemeAssigner (not imported: assign imports this module)


class BankFileError(ValueError):
    """A bank file is unreadable or inconsistent (the message names the file and what is wrong)."""


@dataclass
class ExampleBank:
    """The bank's items (in file order) and their embeddings by one encoder.

    Attributes:
        texts, lemmas, themes, writers, kinds, sources, phenomenon: one entry per item.
        embeddings: (items, d) float32 rows, L2-normalised, by ``model_id``.
        model_id: the encoder that made ``embeddings``.
        shipped: the embeddings came with the product (else they were embedded here and cached).
    """

    texts: list[str]
    lemmas: list[list[str]]
    themes: list[list[str]]
    writers: list[str]
    kinds: list[str]
    sources: list[str]
    phenomenon: list[str]
    embeddings: np.ndarray
    model_id: str
    shipped: bool

    def __len__(self) -> int:
        return len(self.texts)

    def without_writers(self, writers: Sequence[str]) -> "ExampleBank":
        """A copy without the items of ``writers`` (leave-one-writer-out evaluation)."""
        keep = [i for i, w in enumerate(self.writers) if w not in set(writers)]
        pick = lambda xs: [xs[i] for i in keep]  # noqa: E731
        return ExampleBank(pick(self.texts), pick(self.lemmas), pick(self.themes), pick(self.writers),
                           pick(self.kinds), pick(self.sources), pick(self.phenomenon), self.embeddings[keep],
                           self.model_id, self.shipped)


def _encoder_file(model_id: str, directory: Path) -> Path:
    return directory / f"theme_bank_{model_id.split('@')[0]}.npz"


def write_bank(items: Sequence[dict], vocabulary: str, source: str, directory: Path = BANK_DIR) -> Path:
    """Write the bank's items (dicts with text, lemmas, themes, writer, kind, source, language, phenomenon).

    Returns:
        the path written (``<directory>/theme_bank.json.gz``).
    """
    keys = ("text", "lemmas", "themes", "writer", "kind", "source", "language", "phenomenon")
    doc = {"format": 1, "vocabulary": vocabulary, "source": source,
           "items": [{k: it.get(k, "") for k in keys} for it in items]}
    path = directory / BANK_FILE
    path.write_bytes(gzip.compress(json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
                                   mtime=0))
    return path


def write_bank_embeddings(model_id: str, embeddings: np.ndarray, texts: Sequence[str],
                          directory: Path = BANK_DIR) -> Path:
    """Write float16 embeddings of the bank's texts by ``model_id`` (rows in the bank's item order)."""
    import hashlib

    digest = hashlib.sha256("\0".join(texts).encode("utf-8")).hexdigest()[:16]
    path = _encoder_file(model_id, directory)
    buf = io.BytesIO()
    np.savez_compressed(buf, embeddings=np.asarray(embeddings, dtype=np.float16), model_id=np.array(model_id),
                        texts_sha=np.array(digest))
    path.write_bytes(buf.getvalue())
    return path


def _read_items(directory: Path) -> dict:
    path = directory / BANK_FILE
    try:
        doc = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
    except (OSError, ValueError) as exc:
        raise BankFileError(f"{path}: the example bank cannot be read ({exc})") from exc
    if doc.get("format") != 1 or not isinstance(doc.get("items"), list):
        raise BankFileError(f"{path}: not an example bank of format 1")
    for n, it in enumerate(doc["items"]):
        if not it.get("text") or not isinstance(it.get("themes"), list) or not it["themes"]:
            raise BankFileError(f"{path}: item {n} has no text or no themes")
    return doc


_CACHE: dict[tuple[str, str], ExampleBank] = {}
_LOCK = threading.Lock()


def load_bank(embedder: Any, directory: Path = BANK_DIR) -> ExampleBank:
    """The bank with embeddings by ``embedder`` (kept per process).

    The shipped float16 embeddings are used when their model id is the embedder's; otherwise the bank's texts are
    embedded once with ``embedder`` and kept on disk by model id (`FixedTextsEmbedder`, logged).

    Raises:
        BankFileError: the bank or a shipped embeddings file is unreadable or does not match the items.
    """
    from pipeline.embeddings.cache import FixedTextsEmbedder

    model_id = str(getattr(embedder, "model_id", "") or "")
    key = (str(directory), model_id)
    with _LOCK:
        if model_id and key in _CACHE:
            return _CACHE[key]
        t0 = time.perf_counter()
        doc = _read_items(directory)
        items = doc["items"]
        texts = [it["text"] for it in items]
        E, shipped = None, False
        path = _encoder_file(model_id, directory) if model_id else None
        if path is not None and path.exists():
            try:
                with np.load(path, allow_pickle=False) as z:
                    if str(z["model_id"]) == model_id:
                        E = z["embeddings"].astype(np.float32)
            except (OSError, ValueError, KeyError) as exc:
                raise BankFileError(f"{path}: bank embeddings cannot be read ({exc})") from exc
            if E is not None and E.shape[0] != len(items):
                raise BankFileError(f"{path}: {E.shape[0]} embedding rows for {len(items)} bank items")
            shipped = E is not None
        if E is None:
            log.info("example bank: no shipped embeddings for %s; embedding its %d items once (kept by model id)",
                     model_id or "an embedder without a model id", len(texts))
            source = FixedTextsEmbedder(embedder) if model_id and not isinstance(embedder, FixedTextsEmbedder) \
                else embedder
            E = np.asarray(source.embed(texts), dtype=np.float32)
        n = np.linalg.norm(E, axis=1, keepdims=True)
        bank = ExampleBank(texts=texts, lemmas=[list(it["lemmas"]) for it in items],
                           themes=[list(it["themes"]) for it in items], writers=[it["writer"] for it in items],
                           kinds=[it["kind"] for it in items], sources=[it["source"] for it in items],
                           phenomenon=[it.get("phenomenon", "") for it in items],
                           embeddings=E / np.where(n == 0, 1.0, n), model_id=model_id, shipped=shipped)
        log.info("example bank: %d items (%s embeddings) loaded in %.2f s", len(bank),
                 "shipped" if shipped else "computed", time.perf_counter() - t0)
        if model_id:
            _CACHE[key] = bank
        return bank


def _normalise_rows(x: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(n == 0, 1.0, n)


# A fitted bank head is reused while its inputs are unchanged and the reference corpus's centre has moved less than
# this (Euclidean, unit-length embeddings): a night's +5 reports move a 250-report store's centre by ~0.003 and a
# 1,000-report store's by ~0.001, while two writers' corpora lie 0.066-0.19 apart (dev/themes_a/b/c, int8).
# bench/themes_bank_reuse.py (dev + themes_a reports): moved 0.0034 / 0.0050 gave the same themes as a fresh fit for
# every report, 0.0083 for 98 % of them; so 0.005.
CENTRE_TOLERANCE = 0.005
CACHE_FORMAT = 1
_MEMO: dict[str, tuple[np.ndarray, np.ndarray, Any]] = {}  # key -> (centre, out-of-fold scores, head); one entry


def _memo_key(rows: np.ndarray, Y: np.ndarray, docs: Sequence[str], w: np.ndarray, groups: np.ndarray,
              params: dict) -> str:
    """A digest of everything the bank head's fit depends on except the centre (checked apart, with a tolerance)."""
    import hashlib

    h = hashlib.sha256(f"bank-head/{CACHE_FORMAT}".encode())
    for a in (rows, Y, w):
        h.update(np.ascontiguousarray(a).tobytes())
    h.update("\0".join(docs).encode("utf-8"))
    h.update("\0".join(groups.tolist()).encode("utf-8"))
    h.update(repr(sorted(params.items())).encode("utf-8"))
    return h.hexdigest()


def _cache_dir() -> Path | None:
    try:
        from pipeline.settings import get_settings

        return Path(get_settings().cache_dir) / "theme_bank_head"
    except Exception as exc:  # noqa: BLE001 - no settings (a bare library use): the fit is simply not kept
        log.debug("example bank: no cache directory (%s)", exc)
        return None


def _reuse(key: str, centre: np.ndarray) -> tuple[np.ndarray, np.ndarray, Any] | None:
    """The kept fit for ``key`` (this process's, else the one on disk) if its centre is within the tolerance."""
    import pickle

    memo = _MEMO.get(key)
    if memo is None:
        folder = _cache_dir()
        path = folder / f"{key[:32]}.pkl" if folder is not None else None
        if path is None or not path.exists():
            return None
        try:
            kept = pickle.loads(path.read_bytes())
            if kept.get("format") != CACHE_FORMAT or kept.get("key") != key:
                return None
            memo = (np.asarray(kept["centre"], dtype=np.float32), kept["oof"], kept["head"])
        except Exception as exc:  # noqa: BLE001 - an unreadable kept fit costs a refit, never a failed run
            log.warning("example bank: kept head %s unreadable (%s); fitting again", path, exc)
            return None
        _MEMO.clear()
        _MEMO[key] = memo
    if memo[0].shape != centre.shape or float(np.linalg.norm(memo[0] - centre)) > CENTRE_TOLERANCE:
        return None
    return memo


def _keep(key: str, memo: tuple[np.ndarray, np.ndarray, Any]) -> None:
    """Keep a fit in this process and on disk (the last one only: older kept fits are removed)."""
    import pickle

    from pipeline.cache_files import keep_bytes

    _MEMO.clear()  # one entry: memory stays one head
    _MEMO[key] = memo
    folder = _cache_dir()
    if folder is None:
        return
    path = folder / f"{key[:32]}.pkl"
    data = pickle.dumps({"format": CACHE_FORMAT, "key": key, "centre": memo[0], "oof": memo[1], "head": memo[2]},
                        protocol=pickle.HIGHEST_PROTOCOL)
    if keep_bytes(path, data, "the example bank head"):
        for old in folder.glob("*.pkl"):
            if old != path:
                old.unlink(missing_ok=True)


def fit_example_bank(assigner: ThemeAssigner, X: np.ndarray, lemmas: Sequence[Sequence[str]],
                     labels: Sequence[Sequence[str] | None] | None, report_ids: Sequence[str] | None,
                     topics: Sequence[int] | None, phenomenon: Sequence[str] | None,
                     bank: ExampleBank | None = None) -> None:
    """Fit the bank head of a `ThemeAssigner`: the bank's items plus the county's reviewed reports as labels.

    Sets the same attributes as `pipeline.themes.head.fit_reviewed_head` (``head_``, ``head_weight_``,
    ``head_scale_``, ``head_thresholds_``, ``head_min_themes_``, ``head_ids_``) plus ``head_reviewed_`` (county
    labels used) and ``head_bank_`` (bank items used), so `ThemeAssigner.score`/``predict`` apply it as they apply
    the reviewed head.

    Arguments:
        assigner: a `ThemeAssigner` whose zero-shot state is fitted and whose ``head_`` is None.
        X, lemmas, topics, phenomenon, report_ids: the reference corpus, as `ThemeAssigner.fit` got it.
        labels: the county's reviewed themes per reference report (None where none).
        bank: the bank to use (default `load_bank` with the assigner's embedder).
    """
    from pipeline.themes.head import ReviewedHead, calibrate_thresholds

    if bank is None:
        bank = getattr(assigner, "bank", None)
    if bank is None:
        if assigner.embedder is None:
            log.warning("example bank: no embedder, so no bank embeddings; the bank scorer is off")
            return
        bank = load_bank(assigner.embedder)
    if bank.embeddings.shape[1] != np.asarray(X).shape[1]:
        log.warning("example bank: embeddings of %d dimensions, reports of %d; the bank scorer is off",
                    bank.embeddings.shape[1], np.asarray(X).shape[1])
        return
    X = np.asarray(X, dtype=np.float32)
    idx, Yc = assigner._label_matrix(labels)
    county_ids = [str(report_ids[i]) if report_ids is not None else str(i) for i in idx]
    # A county report that is also a bank item (same text after pseudonymisation) counts once, as the county's.
    from pipeline.text import text_hash

    county_hashes = {text_hash(" ".join(lemmas[i])) for i in idx}
    keep = [j for j, lem in enumerate(bank.lemmas) if text_hash(" ".join(lem)) not in county_hashes]
    Yb = np.zeros((len(bank), len(assigner.keys_)), dtype=int)
    for j, themes in enumerate(bank.themes):
        for k in themes:
            if k in assigner.keys_:
                Yb[j, assigner.keys_.index(k)] = 1
    keep = [j for j in keep if Yb[j].any()]
    items_X = np.vstack([bank.embeddings[keep], X[idx]]).astype(np.float32)
    Y = np.vstack([Yb[keep], Yc]).astype(int)
    docs = [" ".join(bank.lemmas[j]) for j in keep] + [" ".join(lemmas[i]) for i in idx]
    groups = np.array([bank.writers[j] for j in keep] + ["\0county"] * len(idx))
    w = np.r_[np.ones(len(keep)), np.full(len(idx), float(assigner.bank_county_weight))]
    if len(Y) < 2:
        return
    zs = np.vstack([
        assigner._zero_shot(bank.embeddings[keep], [bank.lemmas[j] for j in keep],
                            phenomenon=[bank.phenomenon[j] for j in keep])[0],
        assigner._zero_shot(X[idx], [lemmas[i] for i in idx],
                            topics=[topics[i] for i in idx] if topics is not None else None,
                            phenomenon=[phenomenon[i] for i in idx] if phenomenon is not None else None)[0]
        if idx else np.zeros((0, len(assigner.keys_)))])
    scale = float(np.percentile(zs.max(axis=1), 90)) or 1.0
    weight = assigner.bank_weight

    def make() -> ReviewedHead:
        return ReviewedHead(n_neighbours=assigner.n_neighbours, temperature=assigner.head_temperature,
                            C=assigner.head_C, random_state=assigner.random_state)

    memo_key = _memo_key(items_X, Y, docs, w, groups, {**make().__dict__, "model_id": bank.model_id})
    # The head's fit (six logistic regressions over ~1,100 items) is most of a night's theme step; the bank does not
    # change between nights, so the fit is kept while the county's labels are the same and the store's centre has
    # hardly moved (CENTRE_TOLERANCE); the head then keeps the centre it was fitted with (``head_mean_``).
    memo = _reuse(memo_key, np.asarray(assigner.mean_, dtype=np.float32))
    if memo is None:
        centre = np.asarray(assigner.mean_, dtype=np.float32)
        Xe = _normalise_rows(items_X - centre).astype(np.float32)
        # Out-of-fold by writer: each writer's items are scored by a head fitted on the other writers only, so the
        # thresholds are those for a writer the head has never seen (a county's reports are such a writer).
        oof = np.zeros(Y.shape)
        for g in np.unique(groups):
            te = np.flatnonzero(groups == g)
            tr = np.flatnonzero(groups != g)
            if len(tr) == 0:
                continue
            oof[te] = make().fit(Xe[tr], Y[tr], [docs[i] for i in tr], weights=w[tr]).predict_proba(
                Xe[te], [docs[i] for i in te])
        memo = (centre, oof, make().fit(Xe, Y, docs, weights=w))
        _keep(memo_key, memo)
    else:
        log.info("example bank head: reused the kept fit (same bank and county labels, centre moved %.4f)",
                 float(np.linalg.norm(memo[0] - assigner.mean_)))
    assigner.head_mean_, oof, head = memo
    blend = zs + weight * scale * oof
    rows = np.repeat(np.arange(len(Y)), np.round(w).astype(int).clip(1))  # the county's rows count more here too
    assigner.head_thresholds_, assigner.head_min_themes_ = calibrate_thresholds(
        blend[rows], Y[rows], assigner.max_themes, min_counts=range(max(assigner.min_themes, 1), 3))
    assigner.head_scale_ = scale
    assigner.head_weight_ = weight
    assigner.head_ = head
    assigner.head_ids_ = [f"bank:{bank.writers[j]}/{bank.sources[j]}" for j in keep] + county_ids
    assigner.head_is_bank_ = np.r_[np.ones(len(keep), dtype=bool), np.zeros(len(idx), dtype=bool)]
    assigner.head_bank_themes_ = [bank.themes[j] for j in keep]
    assigner.head_reviewed_ = len(idx)
    assigner.head_bank_ = len(keep)
    log.info("example bank head: %d bank items, %d county labels (×%.1f), weight %.2f, thresholds %s", len(keep),
             len(idx), assigner.bank_county_weight, weight, np.round(assigner.head_thresholds_, 2).tolist())


@registry.theme_scorers.register(NAME)
def example_bank_score(assigner: ThemeAssigner, batch: ScoringBatch) -> np.ndarray | None:
    """The bank head's probabilities × its weight, in zero-shot score units (None before the bank head is fitted).

    `ThemeAssigner.predict` names the nearest bank examples (``bank:<writer>/<file>:<row>``) in the evidence under
    ``bank_examples`` (the county's nearest reviewed reports under ``neighbours``).
    """
    head = getattr(assigner, "head_", None)
    if head is None or not hasattr(assigner, "head_is_bank_"):
        return None
    Xe = _normalise_rows(np.asarray(batch.X, dtype=np.float32) - assigner.head_centre())
    docs = [" ".join(lem) for lem in batch.lemmas]
    return assigner.head_weight_ * assigner.head_scale_ * head.predict_proba(Xe, docs)
