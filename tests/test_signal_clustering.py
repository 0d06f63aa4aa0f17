"""The scikit-learn-free clustering and TF-IDF of the signal detectors give scikit-learn's own results."""

from __future__ import annotations

import random

import numpy as np
import pytest

from pipeline.signal_clustering import average_linkage_labels, char_tfidf_rows


@pytest.mark.parametrize("kwargs", [{"distance_threshold": 0.5}, {"distance_threshold": 0.9}, {"n_clusters": 2}])
def test_average_linkage_labels_are_scikit_learns(kwargs):
    cluster = pytest.importorskip("sklearn.cluster")
    rng = np.random.default_rng(0)
    for n in (2, 3, 17, 120):
        X = rng.normal(size=(n, 16)).astype(np.float32)
        X[: n // 2] += rng.normal(size=16) * 2
        theirs = cluster.AgglomerativeClustering(metric="cosine", linkage="average", n_clusters=kwargs.get("n_clusters"),
                                                 distance_threshold=kwargs.get("distance_threshold")).fit_predict(X)
        assert np.array_equal(average_linkage_labels(X, **kwargs), theirs)


def test_average_linkage_needs_one_rule_and_two_rows():
    X = np.eye(3, dtype=np.float32)
    with pytest.raises(ValueError):
        average_linkage_labels(X)
    with pytest.raises(ValueError):
        average_linkage_labels(X[:1], n_clusters=1)


def test_char_tfidf_rows_are_scikit_learns_bit_for_bit():
    text = pytest.importorskip("sklearn.feature_extraction.text")
    words = ["sähkölasku", "talvi", "Läkemedelsautomat", "vedonlyönti", "skin", "ab", "x", "lääkeautomaatti", "  jono"]
    docs = [" ".join(random.Random(i).choices(words, k=random.Random(i).randint(0, 12))) for i in range(300)]
    theirs = text.TfidfVectorizer(analyzer="char_wb", ngram_range=(4, 5), sublinear_tf=True,
                                  dtype=np.float32).fit_transform(docs)
    mine = char_tfidf_rows(docs)
    assert type(mine) is type(theirs)
    for part in ("indptr", "indices", "data"):
        assert np.array_equal(getattr(mine, part), getattr(theirs, part))
    assert np.array_equal((mine @ mine.T).toarray(), (theirs @ theirs.T).toarray())


def test_signals_do_not_import_scikit_learn():
    import subprocess
    import sys

    code = ("import sys, numpy as np; from pipeline.signals import lexical_rows, average_linkage_labels;"
            "lexical_rows([['sähkölasku'], ['talvi']]); average_linkage_labels(np.eye(3), n_clusters=2);"
            "print('sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
