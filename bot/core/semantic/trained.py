"""The heads ``backcoach content calibrate`` trains and ships beside the content, stored
with the model they were trained for and read back with one clear line, whatever is
wrong with the file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from bot.content import ContentError
from bot.core.semantic.vectors import UNREADABLE, model_id, open_stored

REDO = "run `backcoach content calibrate`"

Arrays = dict[str, npt.NDArray[Any]]


def load_trained(path: Path, names: Sequence[str]) -> Arrays:
    """The arrays ``names`` of a head trained for this model, or a :class:`ContentError`
    naming the file: missing, cut short, not a zip, a key absent, another model."""
    try:
        with open_stored(path) as data:
            model = str(data["model"])
            arrays = {name: data[name] for name in names}
    except (*UNREADABLE, TypeError) as error:
        raise ContentError(f"{path}: missing or unreadable ({error}); {REDO}") from None
    if model != model_id():
        raise ContentError(f"{path}: trained with another model; {REDO}")
    return arrays


def save_trained(path: Path, **arrays: npt.NDArray[Any]) -> Path:
    np.savez_compressed(path, model=np.array(model_id()), **arrays)
    return path
