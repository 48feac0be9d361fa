"""The shape of a question bank file, validated when a bank is loaded."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator

ItemKind = Literal["conceptual", "scenario", "behavioral", "excel_formula"]
SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class KeyPoint(_Strict):
    """One thing a good answer says, with other ways a candidate may phrase it."""

    point: str = Field(min_length=3, max_length=200)
    alternatives: tuple[str, ...] = ()
    weight: float = Field(default=1.0, gt=0, le=3)

    @field_validator("alternatives")
    @classmethod
    def _no_blank_alternatives(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if any(not alt.strip() for alt in value):
            raise ValueError("alternatives must not be blank")
        return value


class Misconception(_Strict):
    """A wrong claim; saying it (not negated) costs technical points."""

    claim: str = Field(min_length=3, max_length=200)
    alternatives: tuple[str, ...] = ()
    correction: str = Field(default="", max_length=400)


class Resource(_Strict):
    title: str = Field(min_length=3, max_length=120)
    url: HttpUrl


class BankItem(_Strict):
    id: str = Field(pattern=SLUG, max_length=80)
    track: str = Field(pattern=SLUG)
    topic: str = Field(pattern=SLUG)
    difficulty: int = Field(ge=1, le=5)
    kind: ItemKind
    text: str = Field(min_length=15, max_length=1000)
    reference: str = Field(min_length=20, max_length=3000)
    key_points: tuple[KeyPoint, ...] = Field(min_length=2, max_length=8)
    misconceptions: tuple[Misconception, ...] = ()
    hint: str = Field(min_length=10, max_length=400)
    resources: tuple[Resource, ...] = Field(min_length=1, max_length=5)
    follow_ups: tuple[str, ...] = ()

    @field_validator("misconceptions", mode="before")
    @classmethod
    def _plain_strings_are_claims(cls, value: object) -> object:
        if isinstance(value, list | tuple):
            return [{"claim": v} if isinstance(v, str) else v for v in value]
        return value


class Bank(_Strict):
    """One track's questions, as stored in banks/data/<track>.yaml."""

    track: str = Field(pattern=SLUG)
    title: str = Field(min_length=3, max_length=80)
    description: str = Field(min_length=10, max_length=400)
    topics: dict[str, str] = Field(min_length=1)
    items: tuple[BankItem, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _items_agree_with_bank(self) -> Bank:
        seen: set[str] = set()
        for index, item in enumerate(self.items):
            where = f"items[{index}] ({item.id})"
            if item.id in seen:
                raise ValueError(f"{where}.id: duplicate id {item.id!r}")
            seen.add(item.id)
            if item.track != self.track:
                raise ValueError(f"{where}.track: {item.track!r} differs from bank {self.track!r}")
            if item.topic not in self.topics:
                known = ", ".join(sorted(self.topics))
                raise ValueError(f"{where}.topic: {item.topic!r} is not one of: {known}")
        return self
