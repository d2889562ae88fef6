"""pandas DataFrames of the read models (okg.graph.views): `Listing.to_frame()` and the Python API's
`as_frame=True`.

One row per item, one column per field, in the model's field order; a field holding one model (an
edge's `a` and `b`, an inspection's `person`) is spread over columns named `a_id`, `a_name`; lists
stay lists in their cell. An empty listing gives the same columns and no rows. pandas is the
optional extra `okg[notebook]`, imported only here, when a frame is asked for.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel

INSTALL_HINT = "pandas is needed for DataFrames: pip install 'okg[notebook]'"


def pandas():
    """The pandas module, or ImportError with the line that installs it."""
    try:
        import pandas
    except ImportError:
        raise ImportError(INSTALL_HINT) from None
    return pandas


def _one_model(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds (`PersonRef`, `PlaceRef | None`), or None for anything else."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        found = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = found[0] if len(found) == 1 else None
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def columns(model: type[BaseModel], prefix: str = "") -> list[tuple[str, tuple[str, ...]]]:
    """(column name, path of field names to its value) for each column of a model's frame."""
    out = []
    for name, field in model.model_fields.items():
        inner = _one_model(field.annotation)
        if inner is None:
            out.append((prefix + name, (name,)))
        else:
            out.extend((column, (name, *path)) for column, path in columns(inner, f"{prefix}{name}_"))
    return out


def _value(row: dict, path: tuple[str, ...]) -> Any:
    for name in path:
        if row is None:
            return None
        row = row[name]
    return row


def frame(items: list[BaseModel], model: type[BaseModel]):
    """The DataFrame of `items`, all of them `model`s."""
    plan = columns(model)
    rows = [item.model_dump() for item in items]
    return pandas().DataFrame([[_value(r, path) for _, path in plan] for r in rows], columns=[c for c, _ in plan])


def listing_frame(listing) -> Any:
    """The DataFrame of a Listing's items. Their model is the Listing's parameter (Listing[PersonRef])
    or, for a plain Listing as the embedded store makes them, the items' own class; a plain empty
    Listing has no columns to give."""
    args = type(listing).__pydantic_generic_metadata__["args"]
    model = _one_model(args[0]) if args else None
    if model is None and listing.items:
        model = type(listing.items[0])
    if model is None:
        return pandas().DataFrame()
    return frame(listing.items, model)
