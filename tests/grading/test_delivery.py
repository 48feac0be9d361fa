"""Confidence and delivery: tense-aware advice, code is not gibberish, "I don't know" is met
with encouragement, and the banks' own reference answers read as confident."""

from __future__ import annotations

import uuid

import pytest

from interviewer.banks.loader import BankSet
from interviewer.banks.schema import KeyPoint
from interviewer.core.model import Question
from interviewer.core.selection import question_from_item
from interviewer.grading import flags
from interviewer.grading.grader import grade_answer
from interviewer.grading.language import (
    COMMIT,
    OWN_THE_ACTIONS,
    Signals,
    confidence_fraction,
    is_past_verb,
    looks_like_gibberish,
)
from interviewer.grading.text import normalise, tokenize

FORMULA_QUESTION = Question(
    id=uuid.uuid4(), seq=1, track="excel", topic="references", difficulty=2, kind="conceptual",
    text="Prices are in column B and one tax rate is in F1. What do you write in C2 so that the "
    "formula can be filled down, and how do you sum sales for one region?",
    hint="Lock what must not move.",
    reference="=B2*$F$1: the dollar signs make F1 an absolute reference that stays fixed when "
    "filled down. SUMIFS adds the values that match a condition.",
    key_points=(KeyPoint(point="absolute reference to the rate"), KeyPoint(point="SUMIFS")),
)  # fmt: skip
STORY_WITH_ACTIONS = (
    "In my last job our release process kept slipping and the team was frustrated. I led a "
    "review of the last ten releases, I decided to cut the release checklist in half, and I "
    "negotiated a freeze window with the product team. We shipped the next three releases on "
    "time and the incident count fell by a third."
)
STORY_WITHOUT_OWNER = (
    "In my last job our release process kept slipping and the team was frustrated. There was a "
    "review of the last ten releases, the checklist was cut in half and a freeze window was "
    "agreed with the product team. The next three releases were on time and the incident count "
    "fell by a third."
)
HEDGED = (
    "I think maybe VLOOKUP cannot look left? I guess INDEX with MATCH might work, or perhaps "
    "XLOOKUP, probably with an exact match, but I'm not sure, it could be something else."
)


def advice(text: str) -> list[str]:
    return confidence_fraction(Signals.read(text, tokenize(text)), normalise(text))[1]


def test_a_past_tense_story_is_never_told_to_say_i_would():
    for story in (STORY_WITH_ACTIONS, STORY_WITHOUT_OWNER):
        assert COMMIT not in advice(story)
        assert "I would" not in " ".join(advice(story))


def test_a_story_without_first_person_actions_is_told_to_own_them():
    assert OWN_THE_ACTIONS in advice(STORY_WITHOUT_OWNER)
    assert OWN_THE_ACTIONS not in advice(STORY_WITH_ACTIONS)


def test_a_hypothetical_answer_without_commitment_still_gets_the_advice():
    answer = (
        "Maybe there are a few options here, perhaps a cache, perhaps a queue, it depends on "
        "the load and on the team, and there are trade-offs either way to think about."
    )
    assert COMMIT in advice(answer)


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("I negotiated a new deadline.", "i negotiated"),
        ("Then I rewrote the importer.", "i rewrote"),
        ("We migrated the data over a weekend.", "we migrated"),
        ("I also taught the team the new tool.", "i taught"),
    ],
)
def test_past_tense_first_person_verbs_count_as_assertive(text: str, action: str):
    assert action in Signals.read(text, tokenize(text)).assertive


def test_past_verbs_are_recognised_beyond_a_fixed_list():
    assert all(is_past_verb(w) for w in ("reorganised", "escalated", "sought", "oversaw"))
    assert not any(is_past_verb(w) for w in ("need", "proceed", "red", "lead"))


def test_every_bank_reference_reads_as_confident(banks: BankSet):
    low = []
    for item in banks.items.values():
        if item.kind == "excel_formula":
            continue
        question = question_from_item(item, new_id=uuid.uuid4(), seq=1)
        evaluation = grade_answer(question, item.reference)
        if evaluation.confidence is None or evaluation.confidence < 8:
            low.append((item.id, evaluation.confidence))
    assert not low, low


def test_hedged_answers_still_score_low_on_confidence():
    evaluation = grade_answer(FORMULA_QUESTION, HEDGED)
    assert evaluation.confidence is not None and evaluation.confidence <= 3
    assert "Hedging" in evaluation.feedback


@pytest.mark.parametrize(
    "answer",
    [
        "=B2*$F$1",
        "O(n)",
        "O(log n)",
        "df.groupby('a').sum()",
        "SELECT * FROM t WHERE x > 1",
        '=SUMIFS(C:C,A:A,"x")',
        "np.mean(arr, axis=0)",
        "=INDEX(C2:C9,MATCH(E2,A2:A9,0))",
    ],
)
def test_formulas_and_code_are_never_gibberish(answer: str):
    assert not looks_like_gibberish(tokenize(answer), set(), answer)
    evaluation = grade_answer(FORMULA_QUESTION, answer)
    assert flags.GIBBERISH not in evaluation.flags
    assert "not readable" not in evaluation.feedback


@pytest.mark.parametrize(
    "answer", ["asdkjh qwkejhq zxcmnbv lkjhgf poiuyt", "kkkkkkk jjjjjjjj hhhhhhh", "sdfgsdfg hjkl"]
)
def test_keyboard_mash_is_still_gibberish(answer: str):
    assert flags.GIBBERISH in grade_answer(FORMULA_QUESTION, answer).flags


@pytest.mark.parametrize(
    "answer", ["I don't know.", "no idea", "not sure, sorry", "idk", "I have no idea, sorry."]
)
def test_i_dont_know_scores_one_with_an_encouraging_note(answer: str):
    evaluation = grade_answer(FORMULA_QUESTION, answer)
    assert evaluation.technical == 1
    assert evaluation.flags == (flags.DONT_KNOW,)
    assert flags.OFF_TOPIC not in evaluation.flags
    assert "It's fine not to know" in evaluation.feedback
    assert "off topic" not in evaluation.feedback.lower()


def test_an_answer_that_starts_with_i_dont_know_is_still_graded():
    answer = (
        "I don't know the exact name, but I would lock the rate with dollar signs, an absolute "
        "reference like $F$1, so it stays fixed when the formula is filled down."
    )
    assert flags.DONT_KNOW not in grade_answer(FORMULA_QUESTION, answer).flags


@pytest.mark.parametrize("answer", [".", "?", "...", "ok", "Okay, thanks!", "  !  "])
def test_no_content_is_empty(answer: str):
    evaluation = grade_answer(FORMULA_QUESTION, answer)
    assert evaluation.flags == (flags.EMPTY,) and evaluation.technical == 1


def test_a_one_word_answer_that_can_be_right_is_graded():
    question = FORMULA_QUESTION.model_copy(
        update={"text": "What does dict.get return for a missing key?", "reference": "None."}
    )
    evaluation = grade_answer(question, "None.")
    assert flags.EMPTY not in evaluation.flags and flags.GIBBERISH not in evaluation.flags
