"""The weights stored in an ONNX file, read without the ``onnx`` package.

The encoder gives onnxruntime the model's uint8 weights again as the int8 numbers they
stand for where this CPU multiplies those exactly and faster (see ``encoder``). An ONNX
file is a protocol buffer; its initialisers (``ModelProto.graph.initializer``) are read
here with the few wire-format rules they need, and their bytes are not copied.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import numpy.typing as npt

_GRAPH = 7  # ModelProto.graph
_NODE, _INITIALIZER = 1, 5  # GraphProto fields
_INPUT, _OP_TYPE = 1, 4  # NodeProto fields
_DIMS, _DATA_TYPE, _NAME, _RAW_DATA = 1, 2, 8, 9  # TensorProto fields
UINT8 = 2  # TensorProto.DataType.UINT8
_VARINT, _FIXED64, _BYTES, _FIXED32 = 0, 1, 2, 5


def integer_product_weights(model: bytes) -> dict[str, npt.NDArray[np.uint8]]:
    """The uint8 weights and weight zero points that the model's ``MatMulInteger``
    nodes multiply by (their second and fourth inputs), by name."""
    stored: dict[str, npt.NDArray[np.uint8]] = {}
    multiplied: set[str] = set()
    for field, graph in _fields(memoryview(model)):
        if field != _GRAPH or not isinstance(graph, memoryview):
            continue
        for inner, value in _fields(graph):
            if not isinstance(value, memoryview):
                continue
            if inner == _NODE:
                multiplied |= _integer_product_inputs(value)
            elif inner == _INITIALIZER:
                named = _uint8_tensor(value)
                if named is not None:
                    stored[named[0]] = named[1]
    return {name: stored[name] for name in sorted(multiplied) if name in stored}


def _integer_product_inputs(node: memoryview) -> set[str]:
    inputs: list[str] = []
    op_type = ""
    for field, value in _fields(node):
        if isinstance(value, memoryview):
            if field == _INPUT:
                inputs.append(bytes(value).decode("utf-8"))
            elif field == _OP_TYPE:
                op_type = bytes(value).decode("utf-8")
    return set(inputs[1::2]) if op_type == "MatMulInteger" else set()


def _uint8_tensor(tensor: memoryview) -> tuple[str, npt.NDArray[np.uint8]] | None:
    dims: list[int] = []
    data_type = name = raw = None
    for field, value in _fields(tensor):
        if field == _DIMS:
            dims.extend([value] if isinstance(value, int) else _packed(value))
        elif field == _DATA_TYPE:
            data_type = value
        elif field == _NAME and isinstance(value, memoryview):
            name = bytes(value).decode("utf-8")
        elif field == _RAW_DATA and isinstance(value, memoryview):
            raw = value
    if data_type != UINT8 or name is None or raw is None:
        return None
    return name, np.frombuffer(raw, dtype=np.uint8).reshape(dims)


def _fields(data: memoryview) -> Iterator[tuple[int, int | memoryview]]:
    """(field number, value) pairs: an int for a varint, bytes' view for the rest."""
    at = 0
    while at < len(data):
        key, at = _varint(data, at)
        field, wire = key >> 3, key & 7
        if wire == _VARINT:
            value, at = _varint(data, at)
            yield field, value
        elif wire == _BYTES:
            length, at = _varint(data, at)
            yield field, data[at : at + length]
            at += length
        elif wire in (_FIXED64, _FIXED32):
            width = 8 if wire == _FIXED64 else 4
            yield field, data[at : at + width]
            at += width
        else:
            raise ValueError(f"unsupported protocol buffer wire type {wire}")


def _packed(data: memoryview) -> Iterator[int]:
    at = 0
    while at < len(data):
        value, at = _varint(data, at)
        yield value


def _varint(data: memoryview, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, at
        shift += 7
