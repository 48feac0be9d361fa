"""The shipped banks: valid, big enough, spread over topics and difficulty, self-consistent."""

from __future__ import annotations

import uuid
from collections import Counter
from pathlib import Path

import pytest

from interviewer.banks.loader import BankError, BankSet, bank_files, parse_bank, parse_banks
from interviewer.core.selection import question_from_item
from interviewer.grading.grader import grade_answer
from interviewer.grading.text import sentences

MINIMUM_ITEMS = {
    "excel": 60,
    "behavioral": 25,
    "data-analyst": 25,
    "python-developer": 25,
    "product-manager": 25,
}
EXCEL_TOPICS = {
    "references-formulas", "lookups", "logical-functions", "text-functions", "date-functions",
    "pivot-tables", "charts", "data-validation-cleaning", "conditional-formatting",
    "dynamic-arrays", "power-query-pivot", "macros-vba", "modelling-what-if", "good-practice",
}  # fmt: skip


def test_every_shipped_bank_is_valid():
    banks, problems = parse_banks(bank_files())
    assert not problems, "\n".join(map(str, problems))
    assert {b.track for b in banks} >= set(MINIMUM_ITEMS)


@pytest.mark.parametrize(("track", "minimum"), MINIMUM_ITEMS.items())
def test_each_track_has_enough_items_over_every_difficulty(banks: BankSet, track, minimum):
    bank = banks.track(track)
    assert bank is not None and len(bank.items) >= minimum
    assert set(Counter(i.difficulty for i in bank.items)) == {1, 2, 3, 4, 5}
    assert all(any(i.topic == t for i in bank.items) for t in bank.topics), "empty topic"
    for item in bank.items:
        assert all(str(r.url).startswith("https://") for r in item.resources), item.id


def test_excel_covers_the_agreed_topics(banks: BankSet):
    bank = banks.track("excel")
    assert bank is not None
    assert EXCEL_TOPICS <= set(Counter(i.topic for i in bank.items))


def test_behavioral_items_are_all_behavioral(banks: BankSet):
    bank = banks.track("behavioral")
    assert bank is not None and {i.kind for i in bank.items} == {"behavioral"}


def test_every_reference_answer_earns_high_marks_on_its_own_item(banks: BankSet):
    """Each key point must be findable in the reference, or the bank and grader disagree."""
    weak = []
    for item in banks.items.values():
        if item.kind == "excel_formula":
            continue
        evaluation = grade_answer(
            question_from_item(item, new_id=uuid.uuid4(), seq=1), item.reference
        )
        floor = 7 if item.kind == "behavioral" else 9
        if evaluation.technical < floor or evaluation.flags:
            weak.append((item.id, evaluation.technical, evaluation.missed, evaluation.flags))
    assert not weak, weak


def test_good_beats_partial_beats_poor_on_every_item(banks: BankSet):
    """Per track: the reference, its first third said with a hedge, and a shrug."""
    for item in banks.items.values():
        if item.kind == "excel_formula":
            continue
        question = question_from_item(item, new_id=uuid.uuid4(), seq=1)
        parts = sentences(item.reference)
        half = ". ".join(parts[: max(1, len(parts) // 3)])
        partial = f"I think {half[0].lower()}{half[1:]}. Maybe there is more to it."
        good, mid, poor = (
            grade_answer(question, text)
            for text in (item.reference, partial, "Not sure, maybe it depends.")
        )
        assert good.technical > mid.technical > poor.technical, item.id
        assert good.confidence > mid.confidence > poor.confidence, item.id
        assert good.communication >= mid.communication > poor.communication, item.id


def test_validation_names_file_item_and_field(tmp_path: Path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "track: excel\ntitle: Excel\ndescription: A broken bank for the test.\n"
        "topics: {lookups: Lookups}\nitems:\n"
        "  - id: excel-lookups-001\n    track: excel\n    topic: lookups\n    difficulty: 9\n"
        "    kind: conceptual\n    text: What does VLOOKUP do in a worksheet?\n"
        "    reference: It finds a value in the first column and returns one to its right.\n"
        "    key_points: [{point: first column}, {point: returns to the right}]\n"
        "    hint: Think about which column it searches.\n"
        "    resources: [{title: VLOOKUP, url: not-a-url}]\n"
    )
    with pytest.raises(BankError) as caught:
        parse_bank(broken)
    messages = [str(p) for p in caught.value.problems]
    assert any(
        m.startswith("broken.yaml: items[0] (excel-lookups-001).difficulty") for m in messages
    ), messages
    assert any("resources[0].url" in m for m in messages), messages


def test_validation_reports_unknown_topic_and_duplicate_ids(tmp_path: Path):
    item = (
        "  - id: excel-x-001\n    track: excel\n    topic: {topic}\n    difficulty: 2\n"
        "    kind: conceptual\n    text: What does VLOOKUP do in a worksheet?\n"
        "    reference: It finds a value in the first column and returns one to its right.\n"
        "    key_points: [{{point: first column}}, {{point: returns to the right}}]\n"
        "    hint: Think about which column it searches.\n"
        "    resources: [{{title: VLOOKUP, url: 'https://support.microsoft.com/'}}]\n"
    )
    head = "track: excel\ntitle: Excel\ndescription: A broken bank for the test.\n"
    unknown = tmp_path / "unknown.yaml"
    unknown.write_text(head + "topics: {lookups: L}\nitems:\n" + item.format(topic="charts"))
    with pytest.raises(BankError) as caught:
        parse_bank(unknown)
    assert "'charts' is not one of: lookups" in str(caught.value)
    twice = tmp_path / "twice.yaml"
    twice.write_text(head + "topics: {lookups: L}\nitems:\n" + item.format(topic="lookups") * 2)
    with pytest.raises(BankError) as caught:
        parse_bank(twice)
    assert "duplicate id 'excel-x-001'" in str(caught.value)


def test_bad_yaml_is_reported_with_the_file_name(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("track: [unclosed\n")
    _banks, problems = parse_banks([bad])
    assert problems and problems[0].file == "bad.yaml" and problems[0].location == "(yaml)"
