"""The shape of a question bank file, validated when a bank is loaded."""

from __future__ import annotations

import datetime as dt
import re
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


CellValue = float | int | str | bool | dt.date | None
CELL = re.compile(r"^[A-Z]{1,3}[1-9][0-9]{0,5}$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _revive_dates(value: object) -> object:
    """Dates come back from JSON storage as ISO strings; cells hold them as dates again."""
    if isinstance(value, str) and ISO_DATE.match(value):
        return dt.date.fromisoformat(value)
    if isinstance(value, list | tuple):
        return [_revive_dates(v) for v in value]
    if isinstance(value, dict):
        return {k: _revive_dates(v) for k, v in value.items()}
    return value


class WrongFormula(_Strict):
    """A common wrong attempt, kept to prove the grader rejects it with the right feedback."""

    formula: str = Field(min_length=2, max_length=500)
    mentions: str = Field(
        min_length=2, max_length=80, description="Text the feedback must contain, e.g. '#N/A'."
    )


class FormulaTask(_Strict):
    """A worksheet task: a small table, the cell to fill, and the values a right formula gives.

    Row 1 holds `columns`; `rows` fill row 2 down from column A. `extra_cells` adds anything
    else (a lookup table to the side, a parameter cell). The candidate writes the formula for
    `target`; with `fill_down` it is copied down to the last data row like Excel's fill handle,
    so relative references move and absolute ones stay. With `spill` the single formula returns
    an array (FILTER, UNIQUE, SORT) compared against `expected` as a column.
    """

    sheet: str = Field(default="Data", min_length=1, max_length=31)
    columns: tuple[str, ...] = Field(min_length=1, max_length=12)
    rows: tuple[tuple[CellValue, ...], ...] = Field(min_length=1, max_length=300)
    extra_cells: dict[str, CellValue] = Field(default_factory=dict)
    target: str = Field(pattern=CELL.pattern)
    fill_down: bool = False
    spill: bool = False
    expected: tuple[CellValue, ...] = Field(min_length=1)
    formulas: tuple[str, ...] = Field(min_length=1, description="Reference formulas.")
    alternatives: tuple[str, ...] = Field(default=(), description="Other correct formulas.")
    wrong: tuple[WrongFormula, ...] = ()
    tolerance: float = Field(default=1e-6, ge=0)

    @field_validator("rows", "extra_cells", "expected", mode="before")
    @classmethod
    def _dates(cls, value: object) -> object:
        return _revive_dates(value)

    @model_validator(mode="after")
    def _shape_agrees(self) -> FormulaTask:
        for index, row in enumerate(self.rows):
            if len(row) > len(self.columns):
                raise ValueError(f"rows[{index}] has more cells than there are columns")
        for cell in self.extra_cells:
            if not CELL.match(cell):
                raise ValueError(f"extra_cells: {cell!r} is not a cell reference like F2")
        if self.fill_down and self.spill:
            raise ValueError("a task is either fill_down or spill, not both")
        if self.fill_down and len(self.expected) != len(self.rows):
            raise ValueError(
                f"expected has {len(self.expected)} values; fill_down needs one per row "
                f"({len(self.rows)})"
            )
        if not self.fill_down and not self.spill and len(self.expected) != 1:
            raise ValueError("a single-cell task has exactly one expected value")
        return self


class BankItem(_Strict):
    id: str = Field(pattern=SLUG, max_length=80)
    track: str = Field(pattern=SLUG)
    topic: str = Field(pattern=SLUG)
    difficulty: int = Field(ge=1, le=5)
    kind: ItemKind
    text: str = Field(min_length=15, max_length=1000)
    reference: str = Field(min_length=20, max_length=3000)
    key_points: tuple[KeyPoint, ...] = Field(default=(), max_length=8)
    misconceptions: tuple[Misconception, ...] = ()
    hint: str = Field(min_length=10, max_length=400)
    resources: tuple[Resource, ...] = Field(min_length=1, max_length=5)
    follow_ups: tuple[str, ...] = ()
    task: FormulaTask | None = None

    @model_validator(mode="after")
    def _kind_fits_content(self) -> BankItem:
        if self.kind == "excel_formula" and self.task is None:
            raise ValueError("an excel_formula item needs a task")
        if self.kind != "excel_formula" and self.task is not None:
            raise ValueError("only excel_formula items carry a task")
        if self.kind != "excel_formula" and len(self.key_points) < 2:
            raise ValueError("key_points: at least 2 are needed")
        return self

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
