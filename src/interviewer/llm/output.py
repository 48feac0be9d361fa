"""Reading a model's JSON leniently, so a server that does not enforce the schema still gets
its first reply used: prose or code fences around the object, the fields wrapped in another
object or a "scores" group, `technical_score` for `technical`, "8/10" for 8.

Only the shape is forgiven; the values are still validated by the pydantic model.
"""

from __future__ import annotations

import json
import re
from typing import Any, TypeVar, get_origin

from pydantic import BaseModel

Out = TypeVar("Out", bound=BaseModel)
_FENCE = re.compile(r"```(?:json)?\s*(.*?)\s*```", re.DOTALL)
_SCORE = re.compile(r"^\s*(\d{1,2})(?:\s*(?:/|out of)\s*10)?\s*$")


def _norm(key: str) -> str:
    return re.sub(r"[^a-z]", "", key.lower())


def _first_object(text: str) -> Any:
    fenced = _FENCE.search(text)
    if fenced:
        text = fenced.group(1)
    text = text.strip()
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        pass
    start = text.find("{")
    while start != -1:
        try:
            value, _ = json.JSONDecoder().raw_decode(text[start:])
            return value
        except json.JSONDecodeError:
            start = text.find("{", start + 1)
    raise ValueError("no JSON object in the reply")


def _fields(schema: type[BaseModel]) -> dict[str, str]:
    return {_norm(name): name for name in schema.model_fields}


def _match(key: str, fields: dict[str, str]) -> str | None:
    k = _norm(key)
    for suffix in ("", "score", "scores", "rating"):
        if k.endswith(suffix) and k[: len(k) - len(suffix)] in fields:
            return fields[k[: len(k) - len(suffix)]]
    if k.endswith("s") and k[:-1] in fields:
        return fields[k[:-1]]
    return None


def _reshape(value: Any, schema: type[BaseModel]) -> Any:
    if not isinstance(value, dict):
        if isinstance(value, list) and len(schema.model_fields) == 1:
            return {next(iter(schema.model_fields)): value}
        return value
    fields = _fields(schema)
    known = {_match(k, fields) for k in value} - {None}
    if not known:
        inner = [v for v in value.values() if isinstance(v, dict)]
        if len(inner) == 1:
            return _reshape(inner[0], schema)
    shaped: dict[str, Any] = {}
    for key, item in value.items():
        name = _match(key, fields)
        if name is None and isinstance(item, dict):
            for inner_key, inner_item in item.items():
                inner_name = _match(inner_key, fields)
                if inner_name is not None and inner_name not in shaped:
                    shaped[inner_name] = _coerce(inner_item, schema, inner_name)
            continue
        if name is not None and name not in shaped:
            shaped[name] = _coerce(item, schema, name)
    return shaped


def _coerce(item: Any, schema: type[BaseModel], name: str) -> Any:
    annotation = schema.model_fields[name].annotation
    if annotation is int and isinstance(item, str):
        match = _SCORE.match(item)
        return int(match.group(1)) if match else item
    if annotation is int and isinstance(item, float) and item.is_integer():
        return int(item)
    if get_origin(annotation) is list and isinstance(item, list):
        args = getattr(annotation, "__args__", ())
        if args and isinstance(args[0], type) and issubclass(args[0], BaseModel):
            return [_reshape(element, args[0]) for element in item]
    if annotation is str and isinstance(item, list):
        return "\n".join(str(element) for element in item)
    return item


def parse_output(text: str, schema: type[Out]) -> Out:
    """The reply as `schema`; raises pydantic's ValidationError or ValueError when it is not."""
    try:
        return schema.model_validate_json(text)
    except ValueError:
        pass
    return schema.model_validate(_reshape(_first_object(text), schema))


def fields_hint(schema: type[BaseModel]) -> str:
    """A compact description of the fields for servers that do not take a JSON schema."""
    parts = []
    for name, info in schema.model_fields.items():
        annotation = info.annotation
        kind = getattr(annotation, "__name__", str(annotation))
        if get_origin(annotation) is list:
            args = getattr(annotation, "__args__", ())
            inner = args[0] if args else str
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                kind = "[{" + ", ".join(inner.model_fields) + "}]"
            else:
                kind = f"[{getattr(inner, '__name__', 'str')}]"
        parts.append(f'"{name}": {kind}')
    return "{" + ", ".join(parts) + "}"
