"""Load and validate question banks; errors name the file, the item and the field."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from interviewer.banks.schema import Bank, BankItem

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class BankProblem:
    file: str
    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.location}: {self.message}"


class BankError(Exception):
    def __init__(self, problems: list[BankProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _describe_location(raw: Mapping[str, Any], loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    node: Any = raw
    for step in loc:
        if isinstance(step, int):
            parts[-1:] = [f"{parts[-1] if parts else ''}[{step}]"]
            item_id = node[step].get("id") if _is_indexable(node, step) else None
            if item_id and len(parts) == 1:
                parts[-1] += f" ({item_id})"
        else:
            parts.append(str(step))
        node = _descend(node, step)
    return ".".join(parts) or "(file)"


def _is_indexable(node: Any, step: int) -> bool:
    return isinstance(node, list) and 0 <= step < len(node) and isinstance(node[step], dict)


def _descend(node: Any, step: int | str) -> Any:
    if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
        return node[step]
    if isinstance(node, dict):
        return node.get(step)
    return None


def parse_bank(path: Path) -> Bank:
    """Parse one bank file, raising BankError with every problem found."""
    name = path.name
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise BankError([BankProblem(name, "(yaml)", str(exc))]) from exc
    if not isinstance(raw, dict):
        raise BankError([BankProblem(name, "(file)", "expected a mapping with track and items")])
    try:
        return Bank.model_validate(raw)
    except ValidationError as exc:
        problems = [
            BankProblem(name, _describe_location(raw, tuple(err["loc"])), err["msg"])
            for err in exc.errors()
        ]
        raise BankError(problems) from exc


def parse_banks(paths: Iterable[Path]) -> tuple[list[Bank], list[BankProblem]]:
    """Parse every file, collecting problems, including ids reused across files."""
    banks: list[Bank] = []
    problems: list[BankProblem] = []
    seen_ids: dict[str, str] = {}
    for path in paths:
        try:
            bank = parse_bank(path)
        except BankError as exc:
            problems.extend(exc.problems)
            continue
        banks.append(bank)
        for item in bank.items:
            other = seen_ids.setdefault(item.id, path.name)
            if other != path.name:
                problems.append(BankProblem(path.name, item.id, f"id also used in {other}"))
    return banks, problems


def bank_files(directory: Path = DATA_DIR) -> list[Path]:
    """Shortest names first, so a track's main file (excel.yaml) leads its extra files
    (excel-tasks.yaml) and gives the merged bank its title and description."""
    return sorted(directory.glob("*.yaml"), key=lambda path: (len(path.stem), path.stem))


def merge(banks: Iterable[Bank]) -> dict[str, Bank]:
    """Files with the same track (excel.yaml, excel-tasks.yaml) form one bank."""
    merged: dict[str, Bank] = {}
    for bank in banks:
        first = merged.get(bank.track)
        if first is None:
            merged[bank.track] = bank
            continue
        merged[bank.track] = first.model_copy(
            update={
                "topics": {**first.topics, **bank.topics},
                "items": (*first.items, *bank.items),
            }
        )
    return merged


class BankSet:
    """Every track's bank, indexed for the engine."""

    def __init__(self, banks: Iterable[Bank]) -> None:
        self.banks: dict[str, Bank] = merge(banks)
        self.items: dict[str, BankItem] = {
            item.id: item for bank in self.banks.values() for item in bank.items
        }

    def track(self, name: str) -> Bank | None:
        return self.banks.get(name)

    def item(self, item_id: str) -> BankItem | None:
        return self.items.get(item_id)


def load_banks(directory: Path = DATA_DIR) -> BankSet:
    banks, problems = parse_banks(bank_files(directory))
    if problems:
        raise BankError(problems)
    return BankSet(banks)


@cache
def default_banks() -> BankSet:
    return load_banks(DATA_DIR)
