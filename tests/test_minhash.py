"""MinHash signatures stay the ones databases already hold, and LSH finds reprints' candidates."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import xxhash
from hypothesis import given
from hypothesis import strategies as st

from pipelines import minhash
from pipelines.analyse import signature

# Signatures made by the datasketch 2 code (MinHash affine32, xxh32, 128 permutations) that
# stored every signature before pipelines.minhash replaced it, for original texts of the genre.
GOLDEN = json.loads((Path(__file__).parent / "minhash_golden.json").read_text(encoding="utf-8"))


def test_signatures_match_the_stored_scheme() -> None:
    for case in GOLDEN:
        assert signature(case["text"], case["lang"]).hex() == case["signature"], case["text"][:30]


def test_golden_cases_cover_every_path() -> None:
    langs = {c["lang"] for c in GOLDEN}
    texts = [c["text"] for c in GOLDEN]
    assert {"en", "zh-hans"} <= langs
    assert "" in texts  # an empty body still has one (empty) shingle
    assert any(0 < len(t) < 5 for t in texts)  # shorter than one window
    assert any(any(ord(ch) > 0xFFFF for ch in t) for t in texts)  # 4-byte UTF-8: windows of 16+ bytes


@given(
    st.text(alphabet=st.sampled_from("生物医药园区签约aZ19é\u07ff\u0800𠀀🧬"), max_size=40),
    st.sampled_from([1, 3, 5, 6]),
)
def test_windows_equal_their_byte_shingles(text: str, width: int) -> None:
    shingles = {text[i : i + width].encode() for i in range(max(1, len(text) - width + 1))}
    assert minhash.of_windows(text, width).tobytes() == minhash.of_shingles(shingles).tobytes()


@given(st.binary(max_size=40), st.data())
def test_vectorised_xxh32_is_xxh32(data: bytes, draw: st.DataObject) -> None:
    starts = draw.draw(st.lists(st.integers(0, len(data)), min_size=1, max_size=6))
    lengths = [draw.draw(st.integers(0, len(data) - s)) for s in starts]
    got = minhash.xxh32_windows(data, np.array(starts, dtype=np.int64), np.array(lengths, dtype=np.int64))
    assert [int(h) for h in got] == [
        xxhash.xxh32_intdigest(data[s : s + n]) for s, n in zip(starts, lengths, strict=False)
    ]


def test_repeated_shingles_change_nothing() -> None:
    shingles = [b"abc", b"def", b"ghi"]
    assert minhash.of_shingles(shingles).tobytes() == minhash.of_shingles(shingles * 3).tobytes()


def test_long_bodies_are_hashed_in_blocks_with_the_same_result() -> None:
    rnd = random.Random(3)
    text = "".join(rnd.choice("生物医药产业园区企业签约基金政策发布") for _ in range(3 * 2048 + 17))
    windows = {text[i : i + 5].encode() for i in range(len(text) - 4)}
    one_block = minhash.of_hashes(np.array([xxhash.xxh32_intdigest(w) for w in windows], dtype=np.uint32))
    assert minhash.of_windows(text, 5).tobytes() == one_block.tobytes()


def test_bands_are_the_optimum_for_half_similar_reprints() -> None:
    assert minhash.bands(0.5, 128) == (25, 5)
    assert minhash.bands(0.8, 128) == (9, 13)  # a stricter threshold needs longer bands


def test_lsh_candidates_are_the_signatures_sharing_a_band() -> None:
    rnd = random.Random(11)
    base = "".join(rnd.choice("生物医药产业园区企业签约基金政策发布投资研发") for _ in range(600))
    texts = [base, base[:550] + "另行补充的一段内容", base[::-1], "完全不同的一篇关于城市道路改造的报道" * 10]
    sigs = [minhash.of_windows(t, 5) for t in texts]
    index = minhash.LSH(0.5)
    for key, sig in enumerate(sigs):
        index.insert(key, sig)
    b, r = index.bands, index.rows
    for sig in sigs:
        expected = {
            k
            for k, other in enumerate(sigs)
            if any((sig[i * r : (i + 1) * r] == other[i * r : (i + 1) * r]).all() for i in range(b))
        }
        assert index.query(sig) == expected
    assert index.query(sigs[0]) >= {0, 1}  # the lightly edited reprint is a candidate
    assert 3 not in index.query(sigs[0])
