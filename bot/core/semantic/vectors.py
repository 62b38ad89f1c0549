"""Vectors of the content's own texts, cached in the content directory.

The FAQ's phrasings and the warning signs' examples are embedded once, not at
every start: ``content/vectors.npz`` maps each text (by its SHA-1) to its vector
for one model (by the model's checksum). A text edited since the cache was made
is embedded at load, so the cache only ever saves time and never changes an
answer; ``backcoach content vectors`` refreshes it and ``backcoach content
check`` says when it is stale.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from zipfile import BadZipFile

import numpy as np
import numpy.typing as npt
from numpy.lib.npyio import NpzFile

from bot.core.semantic.encoder import (
    CHECKSUMS_FILE,
    DIMENSIONS,
    MODEL_DIR,
    MODEL_FILE,
    Encoder,
    Vectors,
    read_checksums,
)

CACHE_FILE = "vectors.npz"

log = logging.getLogger(__name__)


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def model_id() -> str:
    return read_checksums(MODEL_DIR / CHECKSUMS_FILE)[MODEL_FILE]


class ContentVectors:
    """Looks texts up in the cache and embeds the ones it lacks."""

    def __init__(self, encoder: Encoder, directory: Path | None) -> None:
        self.encoder = encoder
        self.path = directory / CACHE_FILE if directory is not None else None
        self._cached: dict[str, Vectors] = dict(_read(self.path)) if self.path else {}
        self._used: set[str] = set()
        self.missing = 0
        """Texts embedded because the cache lacked them (0 when it is fresh)."""

    def of(self, texts: Sequence[str]) -> Vectors:
        keys = [text_key(text) for text in texts]
        self._used.update(keys)
        absent = sorted({i for i, key in enumerate(keys) if key not in self._cached})
        if absent:
            fresh = self.encoder.embed([texts[i] for i in absent])
            for index, vector in zip(absent, fresh, strict=True):
                self._cached[keys[index]] = vector
            self.missing += len(absent)
        if not keys:
            return np.empty((0, DIMENSIONS), dtype=np.float32)
        return np.stack([self._cached[key] for key in keys]).astype(np.float32, copy=False)

    def save(self) -> Path:
        """Write a cache of exactly the texts looked up so far."""
        if self.path is None:
            raise ValueError("no content directory to write the vectors to")
        keys = sorted(self._used)
        codes, scales = quantised(np.stack([self._cached[key] for key in keys]))
        np.savez_compressed(
            self.path, model=np.array(model_id()), keys=np.array(keys), codes=codes, scales=scales
        )
        return self.path


def quantised(vectors: Vectors) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.float32]]:
    """Each row as int8 codes and one scale: a quarter of float32's bytes (the cache ships
    in the package). A unit vector's cosines move by 1e-3 to 3e-3, far below any margin."""
    scales = np.abs(vectors).max(axis=1, keepdims=True) / 127
    scales[scales == 0] = 1.0
    codes = np.round(vectors / scales).astype(np.int8)
    return codes, scales.astype(np.float32)


@lru_cache(maxsize=4)
def _read_file(path: Path, stamp: tuple[int, int]) -> dict[str, Vectors]:
    """The cache file's vectors by text key; read once per process while it is unchanged."""
    try:
        with open_stored(path) as data:
            if str(data["model"]) != model_id():
                log.info("%s was made with another model; embedding the content again", path)
                return {}
            vectors = _units(data["codes"], data["scales"])
            return dict(zip(data["keys"].tolist(), vectors, strict=True))
    except UNREADABLE as error:
        log.warning("ignoring the unreadable vector cache %s: %s", path, error)
        return {}


UNREADABLE = (OSError, ValueError, KeyError, BadZipFile)
"""What reading a stored ``.npz`` may raise: missing, cut short, not a zip, a key absent."""


@contextmanager
def open_stored(path: Path) -> Iterator[NpzFile]:
    """A stored ``.npz`` file's arrays. Opened here: np.load leaves its own handle open
    when the zip is corrupt."""
    with path.open("rb") as file, np.load(file) as data:
        yield data


def _read(path: Path) -> dict[str, Vectors]:
    stamp = _stamp(path)
    return _read_file(path, stamp) if stamp is not None else {}


def _stamp(path: Path) -> tuple[int, int] | None:
    """What tells a cache file's versions apart (its readers are cached by it), or None
    when there is no file."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


MESSAGES_FILE = "messages.npz"


@dataclass(frozen=True, slots=True)
class Wholes:
    """Many messages read at once: each one's whole vector (a row per message), and the
    vectors of the sentences long enough to compare on their own, ``counts[i]`` rows for
    message ``i``, one message after the other."""

    whole: Vectors
    kept: Vectors
    counts: npt.NDArray[np.int64]

    def sentences_by_message(self) -> list[Vectors]:
        """``kept`` cut per message: ``counts[i]`` rows for message ``i`` (views)."""
        if not len(self.counts):
            return []
        return np.split(self.kept, np.cumsum(self.counts)[:-1])


class MessageVectors:
    """The content's learnt messages as read (:class:`Wholes`), cached in the content
    directory beside the texts' vectors: the meaning reader reads 13,000 of them at every
    start, and splitting them into sentences and summing those took 0.4 s of it. A
    message missing from the cache (new, edited, or read by other rules or another model)
    is read at load, so the cache only ever saves time; ``backcoach content vectors``
    refreshes it. ``rules`` names how messages are split, so new rules read them again."""

    def __init__(self, directory: Path | None, rules: str) -> None:
        self.path = directory / MESSAGES_FILE if directory is not None else None
        self.rules = rules
        self._cached = _read_messages(self.path, rules) if self.path else _EMPTY
        self._read: list[tuple[list[str], Wholes, bool]] = []
        self.missing = 0
        """Messages read at load because the cache lacked them (0 when it is fresh)."""

    def wholes(
        self,
        texts: Sequence[str],
        read: Callable[[Sequence[str]], Wholes],
        *,
        sentences: bool = True,
    ) -> Wholes:
        """``sentences=False`` asks for the whole vectors only (``kept`` comes back empty):
        the cache then keeps no sentences of these messages, a third of its size."""
        cached = self._cached
        keys = [text_key(text) for text in texts]
        rows = [cached.rows.get(key, -1) for key in keys]
        if sentences:  # a message cached whole only is read again for its sentences
            rows = [row if row < 0 or cached.counts[row] >= 0 else -1 for row in rows]
        absent = [i for i, row in enumerate(rows) if row < 0]
        fresh = read([texts[i] for i in absent]) if absent else None
        self.missing += len(absent)
        whole = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
        counts = np.zeros(len(texts), dtype=np.int64)
        starts = np.zeros(len(texts), dtype=np.int64)
        present = [i for i, row in enumerate(rows) if row >= 0]
        taken = np.array([rows[i] for i in present], dtype=np.int64)
        whole[present] = cached.whole[taken]
        kept = cached.kept
        if fresh is not None:
            whole[absent] = fresh.whole
        if not sentences:
            found = Wholes(whole, kept[:0], counts)
            self._read.append((keys, found, False))
            return found
        counts[present] = cached.counts[taken]
        starts[present] = cached.starts[taken]
        if fresh is not None:
            counts[absent] = fresh.counts
            starts[absent] = len(kept) + np.cumsum(fresh.counts) - fresh.counts
            kept = np.vstack([kept, fresh.kept])
        # Each message's kept rows, in order: its start plus 0, 1, ... count - 1.
        offsets = np.repeat(starts - np.cumsum(counts) + counts, counts)
        found = Wholes(whole, kept[offsets + np.arange(int(counts.sum()))], counts)
        self._read.append((keys, found, True))
        return found

    def save(self) -> Path:
        """Write a cache of exactly the messages read so far, with their sentences where
        they were asked for (count -1: the whole vector only)."""
        if self.path is None:
            raise ValueError("no content directory to write the vectors to")
        read: dict[str, tuple[Vectors, Vectors | None]] = {}
        for keys_read, found, sentences in self._read:
            ends = np.cumsum(found.counts)
            for index, key in enumerate(keys_read):
                end = int(ends[index])
                kept = found.kept[end - int(found.counts[index]) : end] if sentences else None
                if kept is not None or key not in read:
                    read[key] = (found.whole[index], kept)
        keys = sorted(read)
        whole_codes, whole_scales = quantised(np.stack([read[key][0] for key in keys]))
        kept_rows = [read[key][1] for key in keys]
        empty = np.empty((0, DIMENSIONS), dtype=np.float32)
        kept_codes, kept_scales = quantised(
            np.vstack([rows for rows in kept_rows if rows is not None] or [empty])
        )
        np.savez_compressed(
            self.path,
            model=np.array(model_id()),
            rules=np.array(self.rules),
            keys=np.array(keys),
            whole_codes=whole_codes,
            whole_scales=whole_scales,
            counts=np.array([-1 if rows is None else len(rows) for rows in kept_rows], np.int64),
            kept_codes=kept_codes,
            kept_scales=kept_scales,
        )
        return self.path


@dataclass(frozen=True, slots=True)
class _CachedMessages:
    rows: dict[str, int]
    whole: Vectors
    counts: npt.NDArray[np.int64]
    starts: npt.NDArray[np.int64]
    kept: Vectors


_EMPTY = _CachedMessages(
    {},
    np.empty((0, DIMENSIONS), np.float32),
    np.zeros(0, np.int64),
    np.zeros(0, np.int64),
    np.empty((0, DIMENSIONS), np.float32),
)


def _read_messages(path: Path, rules: str) -> _CachedMessages:
    stamp = _stamp(path)
    return _read_messages_file(path, rules, stamp) if stamp is not None else _EMPTY


@lru_cache(maxsize=4)
def _read_messages_file(path: Path, rules: str, stamp: tuple[int, int]) -> _CachedMessages:
    """The message cache's arrays; read once per process while the file is unchanged."""
    try:
        with open_stored(path) as data:
            if str(data["model"]) != model_id() or str(data["rules"]) != rules:
                log.info("%s was made with another model or rules; reading again", path)
                return _EMPTY
            counts = data["counts"]
            stored = np.maximum(counts, 0)  # -1: the whole vector only
            return _CachedMessages(
                {key: row for row, key in enumerate(data["keys"].tolist())},
                _units(data["whole_codes"], data["whole_scales"]),
                counts,
                np.cumsum(stored) - stored,
                _units(data["kept_codes"], data["kept_scales"]),
            )
    except UNREADABLE as error:
        log.warning("ignoring the unreadable message cache %s: %s", path, error)
        return _EMPTY


UNITS_BLOCK = 2048
"""Rows normalised at a time: ``np.linalg.norm`` over all 35,000 cached rows at once
squared them into a 50 MB temporary, 0.25 s of every start on a 2-core machine."""


def _units(codes: npt.NDArray[np.int8], scales: npt.NDArray[np.float32]) -> Vectors:
    """The cached rows as unit vectors, to the bit what ``np.linalg.norm`` divides by."""
    vectors = np.multiply(codes, scales, dtype=np.float32)
    for start in range(0, len(vectors), UNITS_BLOCK):
        block = vectors[start : start + UNITS_BLOCK]
        block /= np.sqrt(np.add.reduce(block * block, axis=1))[:, None]
    return vectors
