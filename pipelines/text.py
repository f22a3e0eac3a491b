"""Chinese text for analysis: the one home of jieba, its domain dictionary and token boundaries.

jieba costs ~0.7 s to load its dictionary, so each process loads it once (``tokenizer``) and
every stage reuses one segmentation of an article (``Segmented``) instead of cutting again.
"""

from __future__ import annotations

import bisect
import logging
import re
import sys
import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from itertools import accumulate, pairwise
from pathlib import Path

try:  # jieba_fast is jieba with its cutting loops in C: the same dictionary and cuts, ~3x faster
    import jieba_fast as jieba
except ImportError:  # where it could not be built
    import jieba

from pipelines.normalize import to_simplified

log = logging.getLogger(__name__)

# jieba attaches its own stderr handler at import and logs "Building prefix dict…" at DEBUG.
logging.getLogger(jieba.__name__).handlers.clear()
logging.getLogger(jieba.__name__).setLevel(logging.WARNING)

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*|\d+(?:[.,]\d+)*")
_LATIN_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*|\d+(?:[.,]\d+)*|\s+|.", re.S)
# Full-width ASCII and the ideographic space folded to ASCII, one character for one, so offsets
# into the folded text are offsets into the original. Substituting just those characters is ~4x
# faster than str.translate over the whole text.
_WIDE = re.compile("[\uff01-\uff5e\u3000]")
_NARROW = {chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)} | {"\u3000": " "}
_PLACE_SUFFIXES = frozenset("区市县省镇州")
# Words added to the dictionary from the gazetteer, the organisation list and the watches hold
# together against their neighbours at this weight without swallowing everyday words.
ADDED_WORD_FREQ = 300

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None
_added: set[str] = set()
_user_dicts: set[Path] = set()


def _shipped_dictionary() -> Path:
    return Path(str(resources.files("pipelines") / "data" / "userdict.txt"))


def tokenizer() -> jieba.Tokenizer:
    """The process's jieba tokenizer with the shipped domain dictionary, loaded on first use."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                t = jieba.Tokenizer()
                t.initialize()
                with open(_shipped_dictionary(), "rb") as f:  # jieba leaves a file it opens itself open
                    t.load_userdict(f)
                _tokenizer = t
    return _tokenizer


def add_words(words: Iterable[str], user_dict: Path | None = None, at_least: bool = False) -> None:
    """Teach the tokenizer extra words (places, organisations, watch terms, a user dictionary).

    Idempotent, so every caller can pass what it needs and the cost is paid once per process.
    """
    t = tokenizer()
    with _lock:
        if user_dict is not None and user_dict not in _user_dicts:
            with open(user_dict, "rb") as f:
                t.load_userdict(f)
            _user_dicts.add(user_dict)
        for word in words:
            word = word.strip()
            if word and word not in _added and " " not in word and _HAN.search(word):
                if (t.FREQ.get(word) or 0) < (ADDED_WORD_FREQ if at_least else 1):
                    t.add_word(word, ADDED_WORD_FREQ)
                _added.add(word)


def fold(text: str) -> str:
    """Simplified characters and ASCII-width letters, digits and punctuation, length kept."""
    return _narrow(to_simplified(text))


def _narrow(text: str) -> str:
    return _WIDE.sub(lambda m: _NARROW[m.group()], text)


def is_chinese(text: str) -> bool:
    return bool(_HAN.search(text))


def tokens(text: str) -> list[str]:
    """jieba's precise segmentation; whitespace and punctuation come back as their own tokens."""
    if not _HAN.search(text):
        return _latin_tokens(text)
    return tokenizer().lcut(text)


def _latin_tokens(text: str) -> list[str]:
    """Words, runs of whitespace and single punctuation marks, so English needs no dictionary."""
    return _LATIN_TOKEN.findall(text)


@dataclass
class Segmented:
    """A text cut into tokens once, with the offsets where tokens start and end.

    ``find`` is how every rule looks for a Chinese term: only where the term starts and ends
    on token boundaries, so 医药 is not found inside 中医药 when jieba cuts 中医药 as one word.
    """

    text: str
    tokens: list[str]

    @cached_property
    def _offsets(self) -> list[int]:
        """Where each token starts, and the text's end."""
        return list(accumulate(map(len, self.tokens), initial=0))

    @cached_property
    def starts(self) -> frozenset[int]:
        return frozenset(self._offsets[:-1])

    @cached_property
    def ends(self) -> frozenset[int]:
        return frozenset(self._offsets[1:])

    @cached_property
    def latin(self) -> bool:
        """Whether the text has any Latin letters (English rules can skip it if not)."""
        return _LATIN.search(self.text) is not None

    @cached_property
    def lower(self) -> str:
        return self.text.lower()

    def find(self, term: str, compounds: bool = False) -> list[int]:
        """Offsets where ``term`` (already folded) occurs as whole tokens, case-insensitively.

        With ``compounds``, an edge may also split a token into the term and another word of
        two or more characters that jieba knows, or a place suffix (区, 市, 县…): 生物医药 is
        found in 生物医药产业园 (生物医药 + 产业园) and 黄埔 in 黄埔区, but 医药 is not found
        in 中医药 (中 alone is no such word).
        """
        term = term.lower()
        hits: list[int] = []
        if not term:
            return hits
        start = self.lower.find(term)
        while start != -1:
            end = start + len(term)
            if (start in self.starts or (compounds and self._splits_compound(start, left=True))) and (
                end in self.ends or (compounds and self._splits_compound(end, left=False))
            ):
                hits.append(start)
            start = self.lower.find(term, start + 1)
        return hits

    @cached_property
    def token_starts(self) -> list[int]:
        """Where each token starts, in token order."""
        return self._offsets[:-1]

    def _splits_compound(self, pos: int, left: bool) -> bool:
        """True if ``pos`` cuts a token and the part outside the term is a known word (≥2 chars)."""
        i = bisect.bisect_right(self.token_starts, pos) - 1
        if i < 0:
            return False
        token_start = self.token_starts[i]
        token_end = token_start + len(self.tokens[i])
        outside = self.text[token_start:pos] if left else self.text[pos:token_end]
        if not left and outside in _PLACE_SUFFIXES:
            return True  # 黄埔 in 黄埔区
        return len(outside) >= 2 and bool(tokenizer().FREQ.get(outside))

    def spans(
        self, names: Mapping[str, object], max_tokens: int = 10, prefixes: frozenset[str] | None = None
    ) -> list[tuple[int, int, str]]:
        """Longest non-overlapping runs of whole tokens that are keys of ``names``.

        ``prefixes``, every prefix of every name (``name_prefixes``), lets most tokens be
        skipped unread and stops a run from growing once no name starts with it.
        """
        text = self.text
        starts, ends = self.token_starts, self._token_ends
        found: list[tuple[int, int, str]] = []
        resume = 0
        candidates = (
            range(len(self.tokens)) if prefixes is None else [i for i, tok in enumerate(self.tokens) if tok in prefixes]
        )
        for i in candidates:
            start = starts[i]
            if start < resume:
                continue
            best = None
            for end in ends[i : i + max_tokens]:
                piece = text[start:end]
                if prefixes is not None and piece not in prefixes:
                    break
                if piece in names:
                    best = (start, end, piece)
            if best is not None:
                found.append(best)
                resume = best[1]
        return found

    @cached_property
    def _token_ends(self) -> list[int]:
        return self._offsets[1:]

    def over(self, other: str) -> Segmented:
        """The same cut laid over another text of the same length (the unfolded original)."""
        if len(other) != len(self.text):
            return self
        offsets = self._offsets
        return Segmented(other, [other[a:b] for a, b in pairwise(offsets)])

    def words(self) -> list[str]:
        """The tokens that are words: no whitespace or punctuation."""
        return [t for t in self.tokens if _is_word(t)]


def _is_word(token: str) -> bool:
    return bool(_HAN.search(token)) or bool(_WORD.fullmatch(token))


def name_prefixes(names: Iterable[str]) -> frozenset[str]:
    """Every non-empty prefix of every name, for ``Segmented.spans``."""
    return frozenset(name[:i] for name in names for i in range(1, len(name) + 1))


def segment(text: str, simplified: bool = False) -> Segmented:
    """Fold and cut a text once; every analysis rule reads the result.

    ``simplified``: the text is already in simplified characters (only the width is folded).
    """
    folded = _narrow(text) if simplified else fold(text)
    return Segmented(folded, tokens(folded))


def index_text(seg: Segmented) -> str:
    """A text as full-text search indexes it: every token in order, separated by spaces, so
    ``unicode61`` sees jieba's words and a snippet still reads as the text (``display_snippet``
    closes the gaps)."""
    if not _HAN.search(seg.text):
        return seg.text
    return " ".join(t for t in seg.tokens if not t.isspace())


def sub_words(seg: Segmented) -> str:
    """The dictionary's two- and three-character words inside longer tokens, indexed beside the
    text so that 医药 finds 生物医药 (as jieba's search mode would cut)."""
    if not _HAN.search(seg.text):
        return ""
    freq = tokenizer().FREQ
    extra: list[str] = []
    for w in seg.tokens:
        if len(w) > 2 and _HAN.search(w):
            extra.extend(w[i : i + 2] for i in range(len(w) - 1) if freq.get(w[i : i + 2]))
        if len(w) > 3 and _HAN.search(w):
            extra.extend(w[i : i + 3] for i in range(len(w) - 2) if freq.get(w[i : i + 3]))
    return " ".join(extra)


_GAP = re.compile(r"(?<=[^A-Za-z0-9]) (?=\S)|(?<=\S) (?=[^A-Za-z0-9\s])")


def display_snippet(snippet: str) -> str:
    """An indexed snippet as text: the spaces jieba's cut put between Chinese words removed."""
    return _GAP.sub("", snippet)


def known_word(word: str) -> bool:
    """A word of the dictionary, the shipped one or one taught (a place, an organisation): not a
    piece jieba's model guessed, which may glue a particle to a name (由青禾)."""
    return bool(tokenizer().FREQ.get(word))


_tags: dict[str, str] | None = None


def _loaded_words() -> dict[str, str]:
    """Each word of the loaded tokenizer's dictionary as itself, so the tables read beside it key on
    the strings jieba holds, not on copies: ~50 MB less in the fork server that all workers share."""
    return {word: word for word in _tokenizer.FREQ} if _tokenizer is not None else {}


def read_tables() -> None:
    """Read the part-of-speech and IDF tables now, both keyed through one map of jieba's words
    (building it costs a tenth of a second). Not again once read: the map touches every word's
    reference count, which in a forked worker would copy the pages it shares with its server."""
    if _tags is None or _idf is None:
        known = _loaded_words()
        _tag_table(known)
        _idf_table(known)


def tag(word: str) -> str | None:
    """The part of speech jieba's dictionary gives a word (n, ns, v, …), None if not a word it knows.

    A dictionary look-up rather than jieba.posseg, which would cut the text a second time.
    """
    return tokenizer().user_word_tag_tab.get(word) or _tag_table().get(word)


def _tag_table(known: dict[str, str] | None = None) -> dict[str, str]:
    """jieba's dictionary words and their parts of speech, read on first use."""
    global _tags
    if _tags is None:
        t = tokenizer()
        with _lock:
            if _tags is None:
                table: dict[str, str] = {}
                known = _loaded_words() if known is None else known
                with t.get_dict_file() as f:
                    for raw in f:
                        parts = raw.decode("utf-8").split()
                        if len(parts) == 3:
                            table[known.get(parts[0], parts[0])] = sys.intern(parts[2])  # ~60 tags for 350k words
                _tags = table
    return _tags


_idf: dict[str, float] | None = None
_idf_median = 10.0
_EN_STOP = frozenset(
    """a an the and or of to in on at by for with from as is are was were be been has have had
it its this that these those which who will would can could also said says say more most than into over
about after before under between their there they them he she his her we our you your not no but if
new year years million billion yuan percent per cent""".split()
)


def idf(word: str) -> float:
    """Inverse document frequency of a word in jieba's reference corpus (the median if unknown)."""
    table, median = _idf_table()
    return table.get(word, median)


def _idf_table(known: dict[str, str] | None = None) -> tuple[dict[str, float], float]:
    """jieba's IDF table and its median, read on first use."""
    global _idf, _idf_median
    if _idf is None:
        table: dict[str, float] = {}
        values_seen: dict[float, float] = {}
        known = _loaded_words() if known is None else known
        path = resources.files("jieba") / "analyse" / "idf.txt"
        for line in path.read_text(encoding="utf-8").splitlines():
            w, _, value = line.partition(" ")
            if value:
                number = float(value)  # 270k words share 3,300 values: one object each
                table[known.get(w, w)] = values_seen.setdefault(number, number)
        values = sorted(table.values())
        _idf_median = values[len(values) // 2] if values else 10.0
        _idf = table
    return _idf, _idf_median


def keywords(title: Segmented, body: Segmented, limit: int = 15) -> list[str]:
    """The words that characterise a text: frequent here, rare in general (tf × idf), the
    title's words counting three times."""
    counts: dict[str, float] = {}
    for seg, weight in ((title, 3.0), (body, 1.0)):
        # Each distinct token is judged once; Counter keeps first-mention order for the ties.
        for w, n in Counter(seg.tokens).items():
            han = _HAN.search(w) is not None
            if (han and len(w) < 2) or (not han and (len(w) < 3 or not _WORD.fullmatch(w))):
                continue
            key = w.lower()
            if (not han and key in _EN_STOP) or key[0].isdigit():
                continue
            counts[key] = counts.get(key, 0.0) + weight * n
    table, median = _idf_table()
    score = {w: -c * table.get(w, median) for w, c in counts.items()}
    return sorted(score, key=score.__getitem__)[:limit]
