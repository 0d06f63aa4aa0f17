"""The two scikit-learn computations the signal detectors use, in scipy/numpy, so a nightly run does not import
scikit-learn (3-7 s on the shared cores) to cluster a few hundred recent reports.

- `average_linkage_labels`: ``AgglomerativeClustering(metric="cosine", linkage="average")`` with a distance
  threshold or a number of clusters, no connectivity: the same scipy linkage scikit-learn calls, cut the way
  scikit-learn cuts it (the same labels, numbered the same way).
- `char_tfidf_rows`: ``TfidfVectorizer(analyzer="char_wb", ngram_range=(4, 5), sublinear_tf=True,
  dtype=np.float32).fit_transform``: the same columns, values and storage order (so sums over a row add in the same
  order and give the same bits).

`tests/test_signal_clustering.py` compares both with scikit-learn where it is installed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from heapq import heappush, heappushpop

import numpy as np

_WHITE_SPACES = re.compile(r"\s\s+")


def average_linkage_labels(X: np.ndarray, distance_threshold: float | None = None,
                           n_clusters: int | None = None) -> np.ndarray:
    """Cluster labels of the rows of `X` by average-linkage agglomeration on cosine distance.

    Arguments:
        X: (n, d) embeddings, n >= 2.
        distance_threshold: merges at or above this cosine distance are not made (exactly one of this and
            `n_clusters` is given).
        n_clusters: the number of clusters to cut the tree into.

    Returns:
        (n,) int labels 0..k-1, what ``AgglomerativeClustering(...).fit_predict(X)`` returns.
    """
    if (distance_threshold is None) == (n_clusters is None):
        raise ValueError("give exactly one of distance_threshold and n_clusters")
    from scipy.cluster import hierarchy

    X = np.asarray(X)
    if X.ndim != 2 or len(X) < 2:
        raise ValueError(f"average_linkage_labels needs at least 2 rows, got shape {X.shape}")
    out = hierarchy.linkage(X, method="average", metric="cosine")
    children = out[:, :2].astype(int, copy=False)
    n_leaves = len(X)
    if distance_threshold is not None:
        n_clusters = int(np.count_nonzero(out[:, 2] >= distance_threshold)) + 1
    if n_clusters > n_leaves:
        raise ValueError(f"cannot cut {n_clusters} clusters from {n_leaves} rows")
    # scikit-learn's cut: split the highest node n_clusters - 1 times; label i goes to the i-th node of the heap.
    nodes = [-(int(max(children[-1])) + 1)]
    for _ in range(n_clusters - 1):
        these = children[-nodes[0] - n_leaves]
        heappush(nodes, -int(these[0]))
        heappushpop(nodes, -int(these[1]))
    labels = np.zeros(n_leaves, dtype=np.intp)
    for i, node in enumerate(nodes):
        labels[_leaves(-node, children, n_leaves)] = i
    return labels


def _leaves(node: int, children: np.ndarray, n_leaves: int) -> list[int]:
    if node < n_leaves:
        return [node]
    out: list[int] = []
    stack = [node]
    while stack:
        i = stack.pop()
        if i < n_leaves:
            out.append(i)
        else:
            stack.extend(int(c) for c in children[i - n_leaves])
    return out


def _char_wb_ngrams(text: str, min_n: int, max_n: int) -> list[str]:
    ngrams: list[str] = []
    for w in _WHITE_SPACES.sub(" ", text.lower()).split():
        w = " " + w + " "
        w_len = len(w)
        for n in range(min_n, max_n + 1):
            offset = 0
            ngrams.append(w[offset:offset + n])
            while offset + n < w_len:
                offset += 1
                ngrams.append(w[offset:offset + n])
            if offset == 0:  # a word shorter than n counts once
                break
    return ngrams


def char_tfidf_rows(docs: Sequence[str], ngram_range: tuple[int, int] = (4, 5)):  # noqa: ANN201 - scipy sparse
    """Unit-length sublinear TF-IDF rows (float32, scipy CSR) of the character n-grams inside the words of `docs`.

    Arguments:
        docs: one text per row (at least one with a word).
        ngram_range: the smallest and largest n-gram length.

    Returns:
        (len(docs), n_terms) ``scipy.sparse.csr_matrix``: columns are the terms in sorted order, smoothed IDF over
        `docs`, each row divided by its L2 norm.
    """
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    indices: list[int] = []
    values: list[int] = []
    indptr = [0]
    for doc in docs:
        counts: dict[int, int] = {}
        for gram in _char_wb_ngrams(doc, *ngram_range):
            j = vocabulary.setdefault(gram, len(vocabulary))
            counts[j] = counts.get(j, 0) + 1
        # scikit-learn sorts each row by first-seen term id before renumbering columns by term: keep that order
        for j in sorted(counts):
            indices.append(j)
            values.append(counts[j])
        indptr.append(len(indices))
    if not vocabulary:
        raise ValueError("empty vocabulary: no document has a word")
    rank = np.empty(len(vocabulary), dtype=np.int32)
    rank[[vocabulary[t] for t in sorted(vocabulary)]] = np.arange(len(vocabulary), dtype=np.int32)
    ind = rank[np.asarray(indices, dtype=np.int32)]
    ptr = np.asarray(indptr, dtype=np.int32)
    data = np.asarray(values, dtype=np.float32)
    n_docs = len(docs)
    df = np.bincount(ind, minlength=len(vocabulary)).astype(np.float32) + np.float32(1.0)
    idf = np.full_like(df, fill_value=n_docs + 1, dtype=np.float32)
    idf /= df
    np.log(idf, out=idf)
    idf += np.float32(1.0)
    np.log(data, out=data)
    data += np.float32(1.0)
    data *= idf[ind]
    # scikit-learn's L2 norm adds the float32 squares of a row one after another in double precision
    sq = (data * data).astype(np.float64)
    for i in range(n_docs):
        a, b = ptr[i], ptr[i + 1]
        if a == b:
            continue
        total = float(np.cumsum(sq[a:b])[-1])
        if total == 0.0:
            continue
        data[a:b] = (data[a:b].astype(np.float64) / np.sqrt(total)).astype(np.float32)
    return csr_matrix((data, ind, ptr), shape=(n_docs, len(vocabulary)))
