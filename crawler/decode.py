"""HTML bytes → text as a browser would decode them: BOM, HTTP label, <meta> prescan, and a
check of the labelled reading against what the bytes hold (Chinese pages are often mislabelled).
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

# Chinese legacy charsets are declared loosely; browsers decode all GB names as GB18030 and
# Big5 with the HKSCS extensions, so pages using characters outside the declared set still read.
# fmt: off
_CHARSET_ALIASES = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
    "gb_2312": "gb18030", "cp936": "gb18030", "ms936": "gb18030", "windows-936": "gb18030",
    "csgb2312": "gb18030", "euc-cn": "gb18030", "hz-gb-2312": "gb18030", "gb18030": "gb18030",
    "big5": "big5hkscs", "big5-hkscs": "big5hkscs", "cn-big5": "big5hkscs", "x-x-big5": "big5hkscs",
    "cp950": "big5hkscs", "ms950": "big5hkscs",
    "iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252",
    "us-ascii": "cp1252", "windows-1252": "cp1252",
    "utf8": "utf-8", "unicode": "utf-8", "utf-8": "utf-8",
}
# fmt: on
# The WHATWG Encoding Standard's encodings (what browsers decode), as Python codec names.
_WEB_ENCODINGS = frozenset(
    codecs.lookup(name).name
    for name in (
        "utf-8",
        "utf-16",
        "utf-16-le",
        "utf-16-be",
        "utf-32",
        "cp866",
        "koi8-r",
        "koi8-u",
        "mac-roman",
        "mac-cyrillic",
        "cp874",
        "gb18030",
        "big5hkscs",
        "euc-jp",
        "iso-2022-jp",
        "shift_jis",
        "euc-kr",
        "cp949",
        *(f"iso-8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 11, 13, 14, 15, 16)),
        *(f"cp125{n}" for n in range(9)),
    )
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_COMMENT = re.compile(rb"<!--.*?(?:-->|$)", re.S)
_HEAD_END = re.compile(rb"</head\b|<body\b", re.I)
_PRESCAN_BYTES = 1024  # read for a <meta> charset whatever they hold (the WHATWG prescan)
_HEAD_BYTES = 65536  # how far the end of a long <head> is looked for
_NON_ASCII_RUN = re.compile(rb"[\x80-\xff]+")
_CLEARLY = 1.2  # a reading must find this many times the frequent characters to overrule a label
# The most frequent characters of Chinese text, in both scripts: real text is full of them,
# text decoded with the wrong legacy codec almost never is.
_FREQUENT_HAN = re.compile(
    "["
    + "".join(
        sorted(
            set(
                "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种"
                "面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去"
                "這為個們來國時對會發動過說產種後進經著電裡現實體兩機當從業區與開關應門見長問間將條東報"
            )
        )
    )
    + "]"
)


def canonical_charset(name: str | None) -> str | None:
    """The Python codec a browser would use for a declared charset label, or None if unknown.

    Only the encodings browsers decode count: a page (or a config) naming base64, rot13, utf-7 or
    Python's "undefined" codec names nothing a page can be written in.
    """
    if not name:
        return None
    label = name.strip().strip("\"'").lower()
    label = _CHARSET_ALIASES.get(label, label)
    try:
        codec = codecs.lookup(label).name
    except (LookupError, ValueError):  # ValueError: a NUL in the label
        return None
    return codec if codec in _WEB_ENCODINGS else None


def meta_charset(data: bytes) -> str | None:
    """The codec a page's ``<meta>`` declares, read where browsers read it, or None.

    The WHATWG prescan reads the first 1024 bytes; Chromium reads on to the end of the
    ``<head>``, which is where portals with long heads of scripts and styles put it. Neither
    reads a ``<meta>`` in a comment (an old declaration left behind) or in the body.
    """
    end = _HEAD_END.search(data, 0, _HEAD_BYTES)
    head = _COMMENT.sub(b"", data[: max(_PRESCAN_BYTES, end.start() if end else 0)])
    match = _META_CHARSET.search(head)
    return canonical_charset(match.group(1).decode("ascii", "replace")) if match else None


def _broken_utf8(data: bytes) -> bool:
    """UTF-8 text with a few broken bytes (a character cut in two): at most 0.2 % undecodable, and
    ten characters read for each one broken. Legacy bytes read as UTF-8 make a valid character
    now and then by chance, never ten for each they break."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    read = len(text) - len(text.encode("ascii", errors="ignore")) - broken
    return broken <= 0.002 * len(text) and read >= 10 * broken


def _reading(data: bytes, encoding: str, tolerance: float) -> str | None:
    """The text (undecodable bytes replaced) if at most ``tolerance`` of its characters are
    undecodable bytes, else None. Returned, not just tested: decoding a page again cost as much."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        if tolerance <= 0:
            return None
        text = data.decode(encoding, errors="replace")
        return text if text.count("\ufffd") <= tolerance * len(text) else None
    except LookupError:
        return None


def _count_frequent(text: str) -> int:
    """How many of the text's characters are among the most frequent Chinese characters. (A numpy
    table was 0.2 ms a page faster, but numpy costs the crawler's process ~17 MB.)"""
    return _FREQUENT_HAN.subn("", text)[1]


def _common_han(text: str) -> int:
    """How many of the text's first 20,000 characters are among the most frequent Chinese characters."""
    return _count_frequent(text[:20000])


def _has_utf8_text(data: bytes, legacy_han: int) -> bool:
    """Whether UTF-8 reads real text somewhere in ``data``: frequent Chinese characters (a tenth
    of what the legacy reading finds), or runs of four readable characters in another script.
    Legacy bytes make a readable UTF-8 character by chance, but rarely a frequent one or four."""
    text = data.decode("utf-8", errors="replace")
    if _count_frequent(text) * 10 >= legacy_han:
        return True
    return _readable_runs(text) >= 0.02 * (len(text) - len(text.encode("ascii", errors="ignore")))


_NOT_READABLE = re.compile("[\x00-\x7f\ufffd]+")  # splitting on these is faster than finding the runs


def _readable_runs(text: str) -> int:
    """The characters in runs of four or more that are neither ASCII nor U+FFFD."""
    return sum(len(run) for run in _NOT_READABLE.split(text) if len(run) >= 4)


def _utf8_with_gb_runs(data: bytes) -> str | None:
    """A UTF-8 page with GBK or Big5 fragments pasted in (a template and an old include), each run
    of non-ASCII bytes read in the encoding it is valid in; None when the bytes are not that."""
    parts, last, unreadable = [], 0, 0
    for run in _NON_ASCII_RUN.finditer(data):
        parts.append(data[last : run.start()].decode("ascii"))
        last = run.end()
        chunk = run.group()
        try:
            parts.append(chunk.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        readings = []
        for encoding in ("gb18030", "big5hkscs"):
            try:
                readings.append(chunk.decode(encoding))
            except UnicodeDecodeError:
                continue
        if not readings:
            readings.append(chunk.decode("utf-8", errors="replace"))
            unreadable += readings[0].count("\ufffd")
        parts.append(max(readings, key=_common_han))
    parts.append(data[last:].decode("ascii"))
    text = "".join(parts)
    return text if unreadable <= 0.005 * len(text) else None


def _detected(data: bytes) -> str | None:
    """charset-normalizer's reading, among the encodings browsers know.

    Of the equally clean readings, windows-1252 when it is one: it is what browsers detect for
    Latin text, where charset-normalizer ties it with Central European and DOS code pages.
    """
    matches = list(charset_normalizer.from_bytes(data[:200_000]))
    clean = [m for m in matches if m.chaos <= min((m.chaos for m in matches), default=0)]
    if any("cp1252" in m.could_be_from_charset for m in clean):
        return "cp1252"
    found = (canonical_charset(name) for m in clean + matches for name in m.could_be_from_charset)
    return next((codec for codec in found if codec), None)


def decode_html(data: bytes, declared: str | None = None, override: str | None = None) -> tuple[str, str]:
    """Decode page bytes to (text, encoding) as a browser would, but trusting valid UTF-8.

    Order: BOM, then the operator's ``override`` (a source's ``encoding``, as a browser's
    text-encoding menu: exactly that codec), then the HTTP charset, then the ``<meta>`` one (GB
    labels as GB18030), except that bytes which are valid multi-byte UTF-8 are read as UTF-8
    whatever the label says (pages re-saved after decoding keep their old GBK declaration); without
    a label, UTF-8 if valid, else the reading that finds Chinese text, else charset-normalizer.
    """
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, errors="replace"), enc
    if override:
        codec = canonical_charset(override) or override
        return data.decode(codec, errors="replace"), codec
    label = canonical_charset(declared) or meta_charset(data)
    if label in ("utf-16-le", "utf-16-be", "utf-16", "utf-32"):
        label = "utf-8"  # a byte-oriented page declaring UTF-16 without a BOM is not UTF-16
    if data.isascii():
        return data.decode("ascii"), label or "utf-8"
    if label != "utf-8" and (text := _reading(data, "utf-8", 0)) is not None:
        return text, "utf-8"
    legacy_chinese = label in ("gb18030", "big5hkscs")
    if label and not legacy_chinese and label != "cp1252" and (text := _reading(data, label, 0.002)) is not None:
        return text, label
    if label is None and _broken_utf8(data):
        return data.decode("utf-8", errors="replace"), "utf-8"
    if label in (None, "utf-8") or legacy_chinese:
        # GBK and Big5 bytes each decode in the other encoding (as nonsense), labels lie, and UTF-8
        # pages carry GBK fragments: let the text decide, the declared encoding winning a tie.
        readings = {enc: _reading(data, enc, 0.002 if enc == label else 0.005) for enc in ("gb18030", "big5hkscs")}
        texts = {enc: text for enc, text in readings.items() if text is not None}
        score = {enc: _common_han(text) for enc, text in texts.items()}
        best = max(score, key=score.__getitem__, default=None)
        if best is not None and label in score and score[label] * _CLEARLY >= score[best]:
            best = label
        if best is not None and best != label and not score[best]:
            best = None  # not one frequent Chinese character: undeclared text in another language
        # Reading every run three ways costs ~10 ms a page: only for a page with UTF-8 text in it.
        mixed = _utf8_with_gb_runs(data) if best is None or _has_utf8_text(data, score[best]) else None
        if mixed is not None and _common_han(mixed) > _CLEARLY * (score[best] if best else 0):
            return mixed, "utf-8"
        if best is not None:
            return texts[best], best
    encoding = _detected(data) or label or "utf-8"
    return data.decode(encoding, errors="replace"), encoding
