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
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

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
        with np.load(path) as data:
            if str(data["model"]) != model_id():
                log.info("%s was made with another model; embedding the content again", path)
                return {}
            vectors = np.multiply(data["codes"], data["scales"], dtype=np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            return dict(zip(data["keys"].tolist(), vectors, strict=True))
    except (OSError, ValueError, KeyError) as error:
        log.warning("ignoring the unreadable vector cache %s: %s", path, error)
        return {}


def _read(path: Path) -> dict[str, Vectors]:
    try:
        status = path.stat()
    except OSError:
        return {}
    return _read_file(path, (status.st_mtime_ns, status.st_size))
