"""The shipped model loads offline, and a missing or damaged file stops start-up clearly."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bot.cli import main
from bot.content import load_content
from bot.core.semantic import encoder as encoder_module
from bot.core.semantic.encoder import (
    MODEL_DIR,
    MODEL_FILE,
    PROBE_FILE,
    Encoder,
    ModelError,
    shipped_encoder,
)
from bot.core.semantic.vectors import ContentVectors


@pytest.fixture
def model_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "model"
    shutil.copytree(MODEL_DIR, copy)
    return copy


def test_the_packaged_model_embeds_meaning_not_words() -> None:
    encoder = shipped_encoder()
    walk, stroll, dinner = encoder.embed(
        ["is walking good for a sore back", "should I go for a stroll when my spine aches",
         "what should I cook for dinner"]
    )  # fmt: skip
    assert walk @ stroll > walk @ dinner + 0.25  # no word in common but the meaning
    assert np.isclose(np.linalg.norm(walk), 1.0, atol=1e-3)


def test_one_text_and_a_batch_give_the_same_vectors() -> None:
    encoder = shipped_encoder()
    texts = ["short", "a much longer message about a lower back that hurts after gardening"]
    batch = encoder.embed(texts)
    for text, vector in zip(texts, batch, strict=True):
        assert np.allclose(encoder.embed([text])[0], vector, atol=1e-5)


def test_the_shipped_vectors_are_what_this_machines_model_makes() -> None:
    """The content's vectors were embedded on another machine; messages are embedded on
    this one. Products of uint8 by int8 saturate on CPUs without AVX-512 VNNI, which once
    put the two 1% apart (cosine 0.98): the model's products are exact on every CPU."""
    content = load_content()
    cache = ContentVectors(shipped_encoder(), content.root)
    questions = [entry.question for entry in content.faq.entries]
    shipped = cache.of(questions)
    assert cache.missing == 0
    here = shipped_encoder().embed(questions)
    assert np.min(np.sum(shipped * here, axis=1)) > 0.999


def test_the_model_multiplies_integers() -> None:
    """Integer products read a quarter of the bytes float ones do: a chat message is
    embedded in ~3 ms instead of ~5 (bench/faq_eval.py prints the latency)."""
    assert b"MatMulInteger" in (MODEL_DIR / MODEL_FILE).read_bytes()


@pytest.mark.skipif(
    not shipped_encoder().signed_products,
    reason="this CPU's uint8 by int8 products saturate: the model runs with uint8 weights",
)
def test_where_int8_weights_are_exact_they_give_the_same_vectors_to_the_bit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The faster int8 weights are the uint8 ones read again from the model file; a
    weight read wrong, or one left out, would move the vectors."""
    texts = [
        "can't feel anything down there and peeing is hard",
        "strong back at home?",
        "a much longer message about a lower back that hurts after gardening all day",
    ]
    signed = Encoder()
    monkeypatch.setattr(encoder_module, "signed_products_are_exact", lambda _probe: False)
    stored = Encoder()
    assert signed.signed_products and not stored.signed_products
    assert np.array_equal(signed.embed(texts), stored.embed(texts))


EMBED_AND_SAVE = """
import sys
import numpy as np
from bot.core.semantic.encoder import Encoder
encoder = Encoder()
np.save(sys.argv[1], encoder.embed(sys.argv[2:]))
print("signed" if encoder.signed_products else "unsigned")
"""


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind is not installed")
def test_a_cpu_without_avx512_gives_the_same_vectors(tmp_path: Path) -> None:
    """valgrind offers the program no AVX-512, so onnxruntime takes its AVX2 kernels,
    the ones whose uint8 by int8 products saturate: the probe must see it, and the
    model's uint8 by uint8 products must come out the same there as here, to the bit."""
    texts = ["can't feel anything down there and peeing is hard", "strong back at home?"]
    script = tmp_path / "embed.py"
    script.write_text(EMBED_AND_SAVE, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere.npy"
    ran = subprocess.run(
        ["valgrind", "-q", "--tool=none", sys.executable, str(script), str(elsewhere), *texts],
        check=True,
        timeout=300,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[3])},
    )
    assert ran.stdout.split() == ["unsigned"]
    assert np.array_equal(np.load(elsewhere), Encoder().embed(texts))


def test_a_text_gets_the_same_vector_whatever_it_is_batched_with() -> None:
    """Each token's activations are quantised with their own scale: one scale for the
    whole batch would make a sentence's vector depend on its neighbours."""
    encoder = shipped_encoder()
    text = "my lower back hurts after gardening all day"
    alone = encoder.embed([text])[0]
    for neighbour in ("WHAT?!! 999 kg deadlift PR!!!", "is walking good for a sore back"):
        assert np.allclose(encoder.embed([text, neighbour])[0], alone, atol=1e-6)


@pytest.mark.parametrize("name", [MODEL_FILE, PROBE_FILE])
def test_a_missing_model_file_is_named(model_copy: Path, name: str) -> None:
    (model_copy / name).unlink()
    with pytest.raises(ModelError, match=f"missing .*{name}"):
        Encoder(model_copy)


@pytest.mark.parametrize("name", [MODEL_FILE, PROBE_FILE])
def test_a_damaged_model_file_is_refused_by_its_checksum(model_copy: Path, name: str) -> None:
    data = bytearray((model_copy / name).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (model_copy / name).write_bytes(bytes(data))
    with pytest.raises(ModelError, match=f"{name} is damaged"):
        Encoder(model_copy)


def test_a_damaged_model_stops_the_bot_with_one_line(
    model_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (model_copy / MODEL_FILE).write_bytes(b"not a model")
    monkeypatch.setattr(encoder_module, "MODEL_DIR", model_copy)
    shipped_encoder.cache_clear()
    try:
        assert main(["ask", "does walking strengthen your back"]) == 2
    finally:
        shipped_encoder.cache_clear()
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("backcoach: ") and "reinstall backcoach" in err[0]
