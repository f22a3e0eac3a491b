"""Text normalisation shared by the crawler and the pipeline: whitespace, script, language.

The one home of the opencc converters, so every stage sees text the same way a reader would.
Decoding a page's bytes is the crawler's (``crawler.decode``).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy as np
import opencc

# Removing everything else leaves a text's Han characters or Latin letters as one string, cheaper
# to count than a list of one-character matches.
_NOT_HAN = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_NOT_LATIN = re.compile(r"[^A-Za-z]+")
# Zero-width and bidi formatting, soft hyphens, and C0/C1 control characters: never text to keep.
_INVISIBLE = re.compile(
    r"[\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff\u00ad"
    r"\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]"
)
_SPACES = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


@lru_cache(maxsize=2)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def _script(char: str) -> int:
    """1 for a traditional-only character, -1 for a simplified-only one, 0 for one both scripts share."""
    to_simp = _converter("t2s").convert(char) != char
    to_trad = _converter("s2t").convert(char) != char
    return 1 if to_simp and not to_trad else -1 if to_trad and not to_simp else 0


# ``_script`` of every code point up to the end of the last Han block, filled in the first time a
# character is met (opencc is slow); looked up for a whole text at once.
_UNKNOWN = 2
_SCRIPTS = np.full(0xFB00, _UNKNOWN, dtype=np.int8)


def _scripts(han: str) -> np.ndarray:
    """``_script`` of each character of a string of Han characters."""
    codes = np.frombuffer(han.encode("utf-32-le"), dtype=np.uint32)
    scripts = _SCRIPTS[codes]
    unknown = scripts == _UNKNOWN
    if unknown.any():
        for code in np.unique(codes[unknown]).tolist():
            _SCRIPTS[code] = _script(chr(code))
        scripts = _SCRIPTS[codes]
    return scripts


def to_simplified(text: str) -> str:
    """Traditional → simplified Chinese, so analysis matches one spelling of every word."""
    han = _NOT_HAN.sub("", text)
    if not han or not (_scripts(han) == 1).any():
        return text
    return _converter("t2s").convert(text)


def detect_lang(text: str) -> str:
    """``zh-hans``, ``zh-hant`` or ``en`` from the letters themselves, not from page markup."""
    sample = text[:4000]
    han = _NOT_HAN.sub("", sample)
    latin = len(_NOT_LATIN.sub("", sample))
    if not han or len(han) * 4 < latin:
        return "en"
    scripts = _scripts(han[:1500])
    return "zh-hant" if np.count_nonzero(scripts == 1) > np.count_nonzero(scripts == -1) else "zh-hans"


def clean_text(text: str) -> str:
    """One paragraph per line, runs of spaces collapsed, invisible characters and blank lines gone."""
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def content_hash(text: str) -> str:
    """Hash of the body that ignores whitespace and script, so reposts of one text hash alike."""
    key = re.sub(r"\s+", "", to_simplified(text))
    return hashlib.blake2b(key.encode("utf-8"), digest_size=16).hexdigest()
