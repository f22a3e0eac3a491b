"""MinHash signatures and an LSH index for reprint detection, in numpy alone.

Databases hold signatures made by datasketch 2's ``affine32`` scheme (seed 1, 128 permutations,
xxh32 of each shingle's UTF-8 bytes); this module computes exactly those values, so stored and
new signatures compare, without importing datasketch (and scipy with it: ~50 MB per process).
The scheme, step by step:

1. h = xxh32(shingle), seed 0;
2. h = MurmurHash3's 32-bit finaliser of h (a bijection that spreads weak hashes);
3. for permutation k: (a_k · h + b_k) mod 2^32, where a_k is odd (so the map is a bijection)
   and a, b are drawn from ``numpy.random.RandomState(1)``: first 128 values below 2^31
   (a_k = 2v + 1), then 128 below 2^32, both as uint32;
4. the signature is the minimum over the shingles, per permutation, as 128 uint32.

``tests/test_minhash.py`` holds golden signatures: it fails if any step drifts.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from functools import lru_cache
from typing import Generic, TypeVar

import numpy as np
import xxhash

NUM_PERM = 128
_SEED = 1
_CHUNK = 2048  # shingles per block: the block's permuted values (1 MB) stay in cache, a 20 MB body stays bounded

_U32 = np.uint32
# xxh32's primes, and MurmurHash3's finaliser multipliers.
_P1, _P2, _P3, _P4, _P5 = (_U32(p) for p in (0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1))
_M1, _M2 = _U32(0x85EBCA6B), _U32(0xC2B2AE35)

K = TypeVar("K", bound=Hashable)


@lru_cache(maxsize=1)
def permutations() -> tuple[np.ndarray, np.ndarray]:
    """The multipliers (odd) and offsets of the affine permutations, as uint32 arrays."""
    draw = np.random.RandomState(_SEED)
    half = draw.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32)
    offsets = draw.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return half * _U32(2) + _U32(1), offsets


def _rotl(x: np.ndarray, bits: int) -> np.ndarray:
    return (x << _U32(bits)) | (x >> _U32(32 - bits))


def _finalise(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's fmix32: uint32 arithmetic wraps, which is the mod 2^32 it wants."""
    h = h ^ (h >> _U32(16))
    h = h * _M1
    h = h ^ (h >> _U32(13))
    h = h * _M2
    return h ^ (h >> _U32(16))


def of_hashes(hashes: np.ndarray) -> np.ndarray:
    """The signature of a set given the xxh32 of its members (repeats change nothing)."""
    a, b = permutations()
    out = np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    mixed = _finalise(np.asarray(hashes, dtype=np.uint32))
    for start in range(0, len(mixed), _CHUNK):
        block = np.multiply.outer(mixed[start : start + _CHUNK], a)
        block += b
        np.minimum(out, block.min(axis=0), out=out)
    return out


def of_shingles(shingles: Iterable[bytes]) -> np.ndarray:
    """The signature of a set of byte strings."""
    return of_hashes(np.fromiter(map(xxhash.xxh32_intdigest, shingles), dtype=np.uint32))


def of_windows(text: str, width: int) -> np.ndarray:
    """The signature of every ``width``-character window of ``text`` (the whole text if shorter).

    The same as ``of_shingles`` over the windows' UTF-8 bytes, without making a bytes object
    per window: the windows are hashed together in numpy.
    """
    data = text.encode()
    if len(data) == len(text):
        bounds = np.arange(len(text) + 1)
    else:  # byte offset of every character: UTF-8 takes 1–4 bytes by code point
        points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        sizes = 1 + (points >= 0x80).astype(np.int64) + (points >= 0x800) + (points >= 0x10000)
        bounds = np.zeros(len(text) + 1, dtype=np.int64)
        np.cumsum(sizes, out=bounds[1:])
    count = max(1, len(text) - width + 1)
    starts = bounds[:count]
    lengths = bounds[np.minimum(np.arange(count) + width, len(text))] - starts
    return of_hashes(xxh32_windows(data, starts, lengths))


def xxh32_windows(data: bytes, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """xxh32 (seed 0) of ``data[s:s + n]`` for each window, as uint32.

    Windows under 16 bytes (five Chinese characters are 15) take xxh32's short path, computed
    for all of them at once; longer ones, rare, go to the xxhash library one by one.
    """
    grid = np.frombuffer(data + bytes(16), dtype=np.uint8)[starts[:, None] + np.arange(16)]
    words = grid.view("<u4")
    size = lengths.astype(np.uint32)
    h = _P5 + size
    whole = size >> _U32(2)
    for k in range(3):
        h = np.where(whole > k, _rotl(h + words[:, k] * _P3, 17) * _P4, h)
    flat = grid.ravel()
    at = np.arange(len(starts)) * 16 + (np.minimum(whole, _U32(3)) << _U32(2))  # long windows: redone below
    tail = size & _U32(3)
    for k in range(3):
        byte = flat[at + k].astype(np.uint32)
        h = np.where(tail > k, _rotl(h + byte * _P5, 11) * _P1, h)
    h ^= h >> _U32(15)
    h *= _P2
    h ^= h >> _U32(13)
    h *= _P3
    h ^= h >> _U32(16)
    for i in np.flatnonzero(lengths >= 16):
        h[i] = xxhash.xxh32_intdigest(data[starts[i] : starts[i] + lengths[i]])
    return h


@lru_cache(maxsize=8)
def bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) minimising the equally weighted chance of a false positive
    (pairs below ``threshold`` that share a band) and a false negative (pairs above it that don't).

    The same optimum datasketch's MinHashLSH picks: for 0.5 and 128 permutations, 25 bands of 5
    (the last 3 values take part only in the Jaccard estimate). The integrands are polynomials
    of degree ≤ ``num_perm``, which Gauss–Legendre with this many nodes integrates exactly.
    """
    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 1)
    below = threshold / 2 * (nodes + 1)  # the nodes moved onto [0, threshold]
    above = threshold + (1 - threshold) / 2 * (nodes + 1)  # and onto [threshold, 1]
    best, choice = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            false_pos = threshold / 2 * float(weights @ (1 - (1 - below**r) ** b))
            false_neg = (1 - threshold) / 2 * float(weights @ (1 - above**r) ** b)
            if 0.5 * false_pos + 0.5 * false_neg < best:
                best, choice = 0.5 * false_pos + 0.5 * false_neg, (b, r)
    return choice


class LSH(Generic[K]):
    """Signatures banded into buckets: ``query`` returns every key sharing a whole band with it.

    Candidates, not answers: pairs near ``threshold`` may be missed or found either side of it,
    so callers estimate each candidate's Jaccard similarity before trusting it.
    """

    def __init__(self, threshold: float) -> None:
        self.bands, self.rows = bands(threshold, NUM_PERM)
        self._buckets: list[dict[bytes, list[K]]] = [{} for _ in range(self.bands)]

    def _keys(self, signature: np.ndarray) -> list[bytes]:
        if len(signature) != NUM_PERM:
            raise ValueError(f"a signature of {len(signature)} values, not {NUM_PERM}")
        values = np.ascontiguousarray(signature, dtype=np.uint32)
        return [values[i * self.rows : (i + 1) * self.rows].tobytes() for i in range(self.bands)]

    def insert(self, key: K, signature: np.ndarray) -> None:
        for bucket, band in zip(self._buckets, self._keys(signature), strict=False):
            bucket.setdefault(band, []).append(key)

    def query(self, signature: np.ndarray) -> set[K]:
        found: set[K] = set()
        for bucket, band in zip(self._buckets, self._keys(signature), strict=False):
            found.update(bucket.get(band, ()))
        return found
