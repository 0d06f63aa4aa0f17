"""The bundled example bank (`pipeline.themes.bank`, ``theme_scorer.example_bank.v1``): the shipped artefact loads
offline, the scorer moves assignments towards its examples' themes, an encoder without shipped embeddings embeds the
bank once and keeps it, and nothing reads ../shared at run time."""

from __future__ import annotations

import builtins
import io
import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from pipeline.registry import registry
from pipeline.themes import ThemeAssigner, load_vocabulary
from pipeline.themes import bank as bank_mod
from pipeline.themes.bank import BANK_DIR, NAME, BankFileError, ExampleBank, load_bank
from pipeline.themes.scorers import DEFAULT_SCORERS

from test_themes import TfidfEmbedder, simple_lemmas

ROOT = Path(__file__).resolve().parents[1]
BANK_SCORERS = (*DEFAULT_SCORERS, NAME)


def _shipped_ids() -> list[str]:
    ids = []
    for path in sorted(BANK_DIR.glob("theme_bank_*.npz")):
        with np.load(path, allow_pickle=False) as z:
            ids.append(str(z["model_id"]))
    return ids


class _IdOnly:
    """An embedder that must not be asked to embed: the shipped vectors are to be used."""

    def __init__(self, model_id: str) -> None:
        self.model_id = model_id

    def embed(self, texts):  # noqa: ANN001, ANN201
        raise AssertionError("the shipped bank embeddings should have been used")


def test_shipped_bank_loads_offline_for_each_default_encoder() -> None:
    ids = _shipped_ids()
    assert any(i.startswith("e5-small-onnx-int8@") for i in ids) and any(i.startswith("e5-small@") for i in ids)
    for model_id in ids:
        bank_mod._CACHE.clear()
        b = load_bank(_IdOnly(model_id))
        assert b.shipped and b.model_id == model_id and len(b) >= 1000
        assert b.embeddings.shape == (len(b), 384) and np.allclose(np.linalg.norm(b.embeddings, axis=1), 1, atol=1e-3)
        assert set(b.writers) == {"dev", "a", "b", "c"}  # the four tuning writers, never the judged set
        vocab = load_vocabulary()
        assert all(b.themes[i] and set(b.themes[i]) <= set(vocab.keys) for i in range(len(b)))
        assert all(lem for lem in b.lemmas)
    size = sum(p.stat().st_size for p in BANK_DIR.glob("theme_bank*"))
    assert size < 3.5 * 2**20, f"the bank is {size} bytes"


def test_bank_is_pseudonymised_like_ingest() -> None:
    doc = json.loads(gzip.decompress((BANK_DIR / "theme_bank.json.gz").read_bytes()))
    from pipeline.pseudonymise import pseudonymise

    # Running the pseudonymiser again on its own output changes nothing, so a bank text already went through it.
    for it in doc["items"][::97]:
        assert pseudonymise(it["text"]).text == it["text"]


def test_bank_file_errors_name_the_file(tmp_path: Path) -> None:
    (tmp_path / "theme_bank.json.gz").write_bytes(gzip.compress(b'{"format": 1, "items": [{"text": "x"}]}'))
    with pytest.raises(BankFileError, match="theme_bank.json.gz: item 0"):
        load_bank(_IdOnly("whatever@1"), directory=tmp_path)


def _toy(n: int = 30) -> tuple[ExampleBank, TfidfEmbedder, list[str]]:
    """A bank of two writers whose examples tie words the vocabulary does not know to two themes."""
    texts, themes, writers = [], [], []
    for i in range(n):
        if i % 2:
            texts.append(f"Pelikonsoli ja pelikonsolit vievät nuoren illat {i}.")
            themes.append(["workforce"])
        else:
            texts.append(f"Bussilippu ja matkakortti maksavat liikaa {i}.")
            themes.append(["disability"])
        writers.append("w1" if i < n // 2 else "w2")
    queries = ["Pelikonsoli vie illat.", "Bussilippu maksaa liikaa."]
    emb = TfidfEmbedder(texts + queries)
    lem = simple_lemmas(texts)
    b = ExampleBank(texts=texts, lemmas=lem, themes=themes, writers=writers, kinds=["reports"] * n,
                    sources=[f"toy.csv:{i}" for i in range(n)], phenomenon=[""] * n, embeddings=emb.embed(texts),
                    model_id=emb.model_id, shipped=False)
    return b, emb, queries


def test_scorer_is_registered_and_moves_themes_towards_the_examples() -> None:
    assert registry.theme_scorers.get(NAME) is bank_mod.example_bank_score
    b, emb, queries = _toy()
    vocab = load_vocabulary()
    X, lem = emb.embed(queries), simple_lemmas(queries)
    plain = ThemeAssigner(vocab, embedder=emb).fit(X, lem).predict(X, lem)
    banked = ThemeAssigner(vocab, embedder=emb, scorers=BANK_SCORERS, bank=b).fit(X, lem).predict(X, lem)
    assert [p[0][0] for p in banked] == ["workforce", "disability"]
    assert [p[0][0] for p in plain] != ["workforce", "disability"]
    ev = banked[0][0][2]
    assert ev["mode"] == "zero-shot"  # no county labels: still zero-shot as far as the county goes
    assert ev["bank_examples"] and all(e.startswith("bank:w") for e in ev["bank_examples"])
    assert "neighbours" not in ev


def test_county_labels_count_more_than_bank_items() -> None:
    b, emb, queries = _toy()
    vocab = load_vocabulary()
    # The county labels the console reports as children_families: with enough weight they outvote the bank.
    county = [f"Pelikonsoli vie illat taas {i}." for i in range(12)]
    X, lem = emb.embed(county + queries), simple_lemmas(county + queries)
    labels = [["children_families"]] * len(county) + [None, None]
    a = ThemeAssigner(vocab, embedder=emb, scorers=BANK_SCORERS, bank=b, bank_county_weight=5.0, min_reviewed=1)
    a.fit(X, lem, labels=labels, report_ids=[f"r{i}" for i in range(len(lem))])
    pred = a.predict(X[-2:], lem[-2:])
    assert pred[0][0][0] == "children_families"
    assert pred[0][0][2]["mode"] == "reviewed" and a.head_reviewed_ == len(county)
    assert any(n.startswith("r") for n in pred[0][0][2].get("neighbours", []))


class _Counting(TfidfEmbedder):
    model_id = "test-counting@1"
    calls = 0

    def embed(self, texts):  # noqa: ANN001, ANN201
        type(self).calls += 1
        return super().embed(texts)


def test_missing_encoder_embeds_the_bank_once_and_caches_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    from pipeline.settings import get_settings

    monkeypatch.setattr(get_settings(), "cache_dir", tmp_path / "cache")
    doc = json.loads(gzip.decompress((BANK_DIR / "theme_bank.json.gz").read_bytes()))
    doc["items"] = doc["items"][:40]
    (tmp_path / "theme_bank.json.gz").write_bytes(gzip.compress(json.dumps(doc).encode()))
    emb = _Counting([it["text"] for it in doc["items"]])
    bank_mod._CACHE.clear()
    with caplog.at_level("INFO", logger="pipeline.themes.bank"):
        first = load_bank(emb, directory=tmp_path)
    assert not first.shipped and first.embeddings.shape == (40, emb.embed(["x"]).shape[1])
    assert "no shipped embeddings for test-counting@1" in caplog.text
    calls = _Counting.calls
    bank_mod._CACHE.clear()  # a new process: the kept file answers, the encoder is not asked again
    again = load_bank(emb, directory=tmp_path)
    assert _Counting.calls == calls and np.allclose(again.embeddings, first.embeddings)
    assert list((tmp_path / "cache" / "embeddings").glob("*.npy"))


def test_product_does_not_read_shared(monkeypatch: pytest.MonkeyPatch) -> None:
    shared = (ROOT.parent / "shared").resolve()
    # No product module names the shared folder or the dev corpus file.
    for path in (ROOT / "pipeline").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "reports_dev" not in text and "/shared" not in text and '"shared"' not in text, path
    opened: list[str] = []
    real_open, real_read = builtins.open, Path.read_bytes

    def spy_open(file, *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        opened.append(str(Path(file).resolve()) if isinstance(file, (str, Path)) else str(file))
        return real_open(file, *a, **k)

    def spy_read(self, *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        opened.append(str(self.resolve()))
        return real_read(self, *a, **k)

    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(Path, "read_bytes", spy_read)
    monkeypatch.setattr(io, "open", spy_open)
    bank_mod._CACHE.clear()
    model_id = _shipped_ids()[0]
    b = load_bank(_IdOnly(model_id))
    assert len(b) and any("theme_bank" in p for p in opened)
    assert not [p for p in opened if p.startswith(str(shared))]


def test_kept_head_is_reused_across_runs_only_while_inputs_hold(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.settings import get_settings
    from pipeline.themes import head as head_mod

    monkeypatch.setattr(get_settings(), "cache_dir", tmp_path / "cache")
    fits: list[int] = []
    real_fit = head_mod.ReviewedHead.fit

    def counting_fit(self, *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        fits.append(1)
        return real_fit(self, *a, **k)

    monkeypatch.setattr(head_mod.ReviewedHead, "fit", counting_fit)
    b, emb, queries = _toy()
    vocab = load_vocabulary()
    X, lem = emb.embed(b.texts + queries), simple_lemmas(b.texts + queries)

    def run(X_, lem_, labels=None):  # noqa: ANN001, ANN202
        bank_mod._MEMO.clear()  # a new process: only the kept file can answer
        a = ThemeAssigner(vocab, embedder=emb, scorers=BANK_SCORERS, bank=b, min_reviewed=1)
        a.fit(X_, lem_, labels=labels, report_ids=[f"r{i}" for i in range(len(lem_))])
        return a, [[k for k, _, _ in p] for p in a.predict(X_[-2:], lem_[-2:])]

    first, themes = run(X, lem)
    n_first = len(fits)
    assert n_first >= 2 and list((tmp_path / "cache" / "theme_bank_head").glob("*.pkl"))
    # One more report near the centre moves it a little: the kept fit answers, with the same themes and its centre.
    near = first.mean_ + 0.05 * (X[0] - first.mean_)
    X2, lem2 = np.vstack([near[None, :].astype(X.dtype), X]), [lem[0], *lem]
    again, themes2 = run(X2, lem2)
    assert len(fits) == n_first and themes2 == themes
    assert np.array_equal(again.head_centre(), first.mean_) and not np.array_equal(again.mean_, first.mean_)
    # A county label changes the inputs: fitted again, and only the newest fit is kept.
    run(X, lem, labels=[["workforce"]] + [None] * (len(lem) - 1))
    assert len(fits) > n_first and len(list((tmp_path / "cache" / "theme_bank_head").glob("*.pkl"))) == 1
    # A centre beyond the tolerance is fitted again too.
    n = len(fits)
    far = X + 0.2 * np.eye(X.shape[1], dtype=X.dtype)[0]
    run(far / np.linalg.norm(far, axis=1, keepdims=True), lem)
    assert len(fits) > n
