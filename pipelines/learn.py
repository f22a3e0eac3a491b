"""A watch's relevance learned from labelled examples: one more input to ``watches.match``.

Keyword rules say what an operator can spell out; a model learned from articles the operator
has judged (``[[watches]] examples``) catches the vocabulary around them. Its probability is
never a veto and never enough alone: a confident score lifts an article the rules found some
evidence in (``watches.match``), and a low score removes nothing.

Features: jieba's words and the character bigrams of the folded text (simplified script,
ASCII width, lower case), title words once more on their own, counted, log-scaled and
L2-normalised, hashed into ``DIM`` slots, so a model is a fixed-size vector whatever the
vocabulary. Only the title and the first ``BODY_CHARS`` characters of the body are read: news
tells its happening up front, and scoring stays well under a millisecond however long the text. The classifier is an L2-regularised logistic regression fitted by plain gradient
descent in numpy: on a few hundred examples it trains in a second and scores an article in a
fraction of a millisecond, with nothing to install.

A model is one ``.npz`` file per watch in the models directory (``[storage] models``, by default
beside the database: ``newswatch.db.models/``). Files rather than a table, because the analysis
workers load them without opening the database, a model trained on the project's labelled set
ships in the repository as a file, and a model is derived data: ``newswatch learn`` rebuilds it.
"""

from __future__ import annotations

import bisect
import json
import logging
import re
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import numpy as np

from config import Config, Watch
from errors import ConfigError
from pipelines.text import Segmented, segment

log = logging.getLogger(__name__)

DIM = 1 << 18  # hashed feature slots: 1 MB of float32 weights per watch, few collisions
FORMAT = 1  # bumped when features change, so an old model file is refused, not misread
L2 = 1e-3
STEPS = 400
RATE = 4.0
FOLDS = 5
BODY_CHARS = 2000
_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Model:
    """Weights over the hashed features, the bias, and what it was learned from."""

    weights: np.ndarray  # float32, DIM
    bias: float
    examples: int
    relevant: int


@dataclass(frozen=True)
class Example:
    title: str
    body: str
    relevant: bool


@dataclass(frozen=True)
class Learned:
    """What ``learn`` did for one watch: the file written and how well the model held out."""

    watch: str
    path: Path
    examples: int
    relevant: int
    accuracy: float  # cross-validated, at probability 0.5

    def line(self) -> str:
        return (
            f"{self.watch}: {self.examples} examples ({self.relevant} relevant), "
            f"{FOLDS}-fold accuracy {self.accuracy:.3f} -> {self.path}"
        )


def _slot(prefix: str, word: str) -> int:
    return zlib.crc32(f"{prefix}{word}".encode()) % DIM


def _bigram_slots(text: str) -> np.ndarray:
    """Slots of the character bigrams of one text (runs of punctuation and space cut them)."""
    codes = np.frombuffer(_NOT_WORD.sub(" ", text).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(codes) < 2:
        return np.zeros(0, dtype=np.int64)
    a, b = codes[:-1], codes[1:]
    keep = (a != 32) & (b != 32)
    h = (a[keep] * np.uint64(0x9E3779B1) + b[keep] * np.uint64(0x85EBCA77)) & np.uint64(0xFFFFFFFF)
    h ^= h >> np.uint64(15)
    h = (h * np.uint64(0x2C1B3C6D)) & np.uint64(0xFFFFFFFF)
    h ^= h >> np.uint64(12)
    return (h % np.uint64(DIM)).astype(np.int64)


def features(title: Segmented, body: Segmented) -> tuple[np.ndarray, np.ndarray]:
    """(slots, values) of one article: a sparse, L2-normalised vector of ``DIM`` slots."""
    if len(body.text) > BODY_CHARS:
        kept = bisect.bisect_left(body.token_starts, BODY_CHARS)
        body = Segmented(body.text[: body.token_starts[kept]], body.tokens[:kept])
    title_words = [w.lower() for w in title.words()]
    words = [_slot("w:", w) for w in title_words]
    words += [_slot("w:", w.lower()) for w in body.words()]
    words += [_slot("t:", w) for w in title_words]
    slots = np.concatenate([np.asarray(words, dtype=np.int64), _bigram_slots(title.lower), _bigram_slots(body.lower)])
    if not len(slots):
        return slots, np.zeros(0, dtype=np.float32)
    slots, counts = np.unique(slots, return_counts=True)
    values = np.log1p(counts).astype(np.float32)
    return slots, values / np.float32(np.linalg.norm(values))


def probability(model: Model, title: Segmented, body: Segmented) -> float:
    """The model's probability that an article, already cut, is relevant to its watch."""
    return _probability(model, features(title, body))


def _probability(model: Model, vector: tuple[np.ndarray, np.ndarray]) -> float:
    slots, values = vector
    return float(_sigmoid(model.bias + float(np.dot(model.weights[slots], values))))


def _sigmoid(z: Any) -> Any:
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # 1 / (1 + e^-z), without overflow


def score(model: Model, title: str, body: str) -> float:
    """The model's probability that an article is relevant to its watch (0…1)."""
    return probability(model, segment(title), segment(body))


def train(vectors: Sequence[tuple[np.ndarray, np.ndarray]], labels: Sequence[bool]) -> Model:
    """Fit the logistic regression to feature vectors and their labels (deterministic)."""
    n = len(vectors)
    rows = np.concatenate([np.full(len(s), i) for i, (s, _) in enumerate(vectors)])
    cols = np.concatenate([s for s, _ in vectors])
    vals = np.concatenate([v for _, v in vectors]).astype(np.float64)
    y = np.asarray(labels, dtype=np.float64)
    used, cols = np.unique(cols, return_inverse=True)  # fit only the slots the examples use
    w = np.zeros(len(used))
    bias = 0.0
    for _ in range(STEPS):
        z = np.bincount(rows, weights=vals * w[cols], minlength=n) + bias
        err = _sigmoid(z) - y
        w -= RATE * (np.bincount(cols, weights=vals * err[rows], minlength=len(used)) / n + L2 * w)
        bias -= RATE * float(err.mean())
    weights = np.zeros(DIM, dtype=np.float32)
    weights[used] = w
    return Model(weights, bias, n, int(y.sum()))


def save(model: Model, path: Path) -> None:
    """Write a model (only its non-zero weights), replacing the file atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    slots = np.flatnonzero(model.weights).astype(np.int32)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as f:
        np.savez_compressed(
            f,
            format=FORMAT,
            dim=DIM,
            slots=slots,
            weights=model.weights[slots],
            bias=model.bias,
            examples=model.examples,
            relevant=model.relevant,
        )
    tmp.replace(path)


def load(path: Path) -> Model:
    """Read a model ``save`` wrote; ValueError when the file is not one (or an older format)."""
    try:
        with np.load(path, allow_pickle=False) as f:
            if int(f["format"]) != FORMAT or int(f["dim"]) != DIM:
                raise ValueError("written by another version of newswatch: run `newswatch learn` again")
            weights = np.zeros(DIM, dtype=np.float32)
            weights[f["slots"]] = f["weights"]
            return Model(weights, float(f["bias"]), int(f["examples"]), int(f["relevant"]))
    except (OSError, KeyError, IndexError, zlib.error) as exc:
        raise ValueError(f"not a model file ({exc})") from None


def model_path(config: Config, watch: str) -> Path:
    return config.models / f"{quote(watch, safe='')}.npz"


def load_models(config: Config) -> dict[str, Model]:
    """The model of each watch that has one. A file that cannot be read is skipped with a
    warning: the watch's rules still work alone."""
    models = {}
    for watch in config.watches:
        path = model_path(config, watch.name)
        if not path.exists():
            continue
        try:
            models[watch.name] = load(path)
        except ValueError as exc:
            log.warning("%s: %s; watch %s uses its rules alone", path, exc, watch.name)
    return models


def read_examples(path: Path, watch: str) -> list[Example]:
    """Labelled articles for one watch from a JSON Lines file.

    Each line is an object with ``title`` and ``body`` and a label: ``"relevant": true``, or
    ``"relevant": {"watch": true}``, or ``"labels": {"relevant": {"watch": true}}`` (the format
    of bench/quality/articles.jsonl). A line labelled only for other watches is skipped.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise ConfigError(f"{path}: examples file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read examples file: {exc}") from None
    out = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{where}: not JSON ({exc.msg}, column {exc.colno})") from None
        if not isinstance(record, dict):
            raise ConfigError(f"{where}: expected a JSON object with title, body and relevant")
        for key in ("title", "body"):
            if not isinstance(record.get(key), str):
                raise ConfigError(f"{where}: {key!r} must be a string")
        label = _label(record, watch, where)
        if label is not None:
            out.append(Example(record["title"], record["body"], label))
    return out


def _label(record: Mapping[str, Any], watch: str, where: str) -> bool | None:
    labels = record.get("labels")
    relevant = labels.get("relevant") if isinstance(labels, dict) else record.get("relevant")
    if isinstance(relevant, dict):
        relevant = relevant.get(watch)
        if relevant is None:
            return None
    if not isinstance(relevant, bool):
        raise ConfigError(f'{where}: needs "relevant": true or false (or labels.relevant[{watch!r}])')
    return relevant


def learn_watches(
    config: Config, names: Iterable[str] = (), feedback: Mapping[str, Sequence[Example]] | None = None
) -> list[Learned]:
    """Train and save a model for each watch with ``examples`` or the team's ``feedback`` (or only
    the named ones); feedback labels are examples like those of the file.

    jieba must cut the examples as analysis cuts articles: call it through
    ``pipelines.analyse.learn_models``, which prepares the tokenizer first.
    """
    wanted = set(names)
    unknown = wanted - {w.name for w in config.watches}
    if unknown:
        raise ConfigError(
            f"no watch named {sorted(unknown)[0]!r} (configured: {', '.join(w.name for w in config.watches) or 'none'})"
        )
    given = feedback or {}
    chosen = [w for w in config.watches if (w.name in wanted if wanted else w.examples or given.get(w.name))]
    for w in chosen:
        if w.examples is None and not given.get(w.name):
            raise ConfigError(
                f"{config.path}: watch {w.name!r} has no examples (set [[watches]] examples, or give feedback in the web app)"
            )
    return [_learn_one(config, watch, given.get(watch.name, ())) for watch in chosen]


def _learn_one(config: Config, watch: Watch, feedback: Sequence[Example]) -> Learned:
    examples = [*(read_examples(watch.examples, watch.name) if watch.examples else []), *feedback]
    if len({e.relevant for e in examples}) < 2:
        where = watch.examples or f"watch {watch.name!r}"
        raise ConfigError(f"{where}: needs examples labelled relevant and not relevant for watch {watch.name!r}")
    vectors = [features(segment(e.title), segment(e.body)) for e in examples]
    labels = [e.relevant for e in examples]
    path = model_path(config, watch.name)
    model = train(vectors, labels)
    save(model, path)
    return Learned(watch.name, path, model.examples, model.relevant, cross_validate(vectors, labels))


def cross_validate(vectors: Sequence[tuple[np.ndarray, np.ndarray]], labels: Sequence[bool]) -> float:
    """Accuracy at probability 0.5 of models trained without each fifth of the examples
    (every fifth example held out in turn), so an operator sees how well the examples teach."""
    right = held_out = 0
    for fold in range(FOLDS):
        held = [i for i in range(len(vectors)) if i % FOLDS == fold]
        kept = [i for i in range(len(vectors)) if i % FOLDS != fold]
        if not held or len({labels[i] for i in kept}) < 2:
            continue
        model = train([vectors[i] for i in kept], [labels[i] for i in kept])
        held_out += len(held)
        right += sum((_probability(model, vectors[i]) >= 0.5) == labels[i] for i in held)
    return right / held_out if held_out else 0.0
