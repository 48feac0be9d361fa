"""Delivery of spoken answers from word timings: figures, ranges, and what they do to scores."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from interviewer.core.delivery import Speech, SpokenWord, summarise
from interviewer.core.model import Answer, Evaluation, Question, Turn
from interviewer.grading import flags
from interviewer.grading.delivery import apply, measure
from interviewer.grading.grader import grade_answer

QUESTION = Question(
    id=uuid.uuid4(), seq=1, track="excel", topic="lookups", difficulty=2, kind="conceptual",
    text="How do you return a price by product code when the code is not the first column?",
    hint="", reference="INDEX with MATCH or XLOOKUP, with an exact match, because VLOOKUP "
    "cannot look to its left.",
)  # fmt: skip
STEADY = (
    "I would use XLOOKUP with an exact match because VLOOKUP cannot look to the left of its "
    "lookup column and INDEX with MATCH works in older versions too so the formula keeps "
    "working when columns move which is why I prefer it for price lists"
)


def timed(text: str, *, wpm: float = 140, gaps: dict[int, float] | None = None) -> Speech:
    """Words spoken evenly at `wpm`, with extra silence before the word at each index."""
    step = 60 / wpm
    at = 0.5
    words = []
    for i, word in enumerate(text.split()):
        at += (gaps or {}).get(i, 0.0)
        words.append(SpokenWord(word=word, start=round(at, 2), end=round(at + step * 0.8, 2)))
        at += step
    return Speech(words=tuple(words), duration_s=at + 0.5)


def test_a_steady_answer_is_in_every_good_range():
    delivery = measure(QUESTION, timed(STEADY))
    assert delivery.words == len(STEADY.split())
    assert all(f.ok for f in delivery.figures), delivery.figures
    pace = delivery.figure("pace")
    assert pace is not None and 130 <= pace.value <= 150 and (pace.low, pace.high) == (110, 170)
    assert not delivery.fillers and not delivery.pauses


def test_fillers_pauses_and_hedges_are_counted_and_out_of_range():
    text = (
        "Um I think maybe you know I would use XLOOKUP uh because like, VLOOKUP cannot um "
        "look left and uh probably INDEX with MATCH works too"
    )
    delivery = measure(QUESTION, timed(text, gaps={8: 3.0, 14: 4.5}))
    assert delivery.fillers.count("um") == 2 and delivery.fillers.count("uh") == 2
    assert {"you know", "like"} <= set(delivery.fillers)
    assert {"i think", "maybe", "probably"} <= set(delivery.hedges)
    assert delivery.pauses == pytest.approx((3.0, 4.5), abs=0.2)
    for key in ("fillers", "pauses", "hedges"):
        figure = delivery.figure(key)  # type: ignore[arg-type]
        assert figure is not None and not figure.ok and figure.advice, key


def test_too_fast_and_too_short_are_flagged():
    delivery = measure(QUESTION, timed("XLOOKUP with an exact match", wpm=240))
    pace, length = delivery.figure("pace"), delivery.figure("length")
    assert pace is not None and pace.value > 170 and "Slow down" in pace.advice
    assert length is not None and length.value < length.low and "Say more" in length.advice


def test_good_delivery_lifts_and_poor_delivery_lowers_with_a_stated_rationale():
    graded = grade_answer(QUESTION, STEADY)
    steady = apply(graded, measure(QUESTION, timed(STEADY)))
    halting = apply(
        graded,
        measure(QUESTION, timed("um uh " * 8 + STEADY, wpm=70, gaps={3: 5.0, 9: 6.0, 20: 4.0})),
    )
    assert graded.communication is not None and graded.confidence is not None
    assert steady.communication is not None and halting.communication is not None
    assert steady.communication >= graded.communication >= halting.communication
    assert halting.communication < steady.communication
    assert halting.confidence is not None and halting.confidence < graded.confidence
    assert "Delivery of the spoken answer (25% of communication, 20% of confidence)" in (
        halting.rationale
    )
    assert "fillers" in halting.rationale and "good 0-3" in halting.rationale
    assert "Replace fillers" in halting.feedback
    assert "all in the good range" in steady.feedback


def test_an_answer_with_no_substance_gets_no_delivery_credit():
    graded = grade_answer(QUESTION, "ok")
    assert flags.EMPTY in graded.flags
    assert apply(graded, measure(QUESTION, timed("ok"))) == graded


def test_a_formula_answer_is_left_alone():
    graded = Evaluation(technical=10, rationale="computed", feedback="")
    assert apply(graded, measure(QUESTION, timed(STEADY))) == graded


def _turn(text: str, mode: str, speech: Speech | None) -> Turn:
    question = QUESTION.model_copy(update={"id": uuid.uuid4()})
    delivery = measure(question, speech) if speech else None
    answer = Answer(
        id=uuid.uuid4(), question_id=question.id, text=text, input_mode=mode,  # type: ignore[arg-type]
        submitted_at=datetime.now(UTC), delivery=delivery,
    )  # fmt: skip
    return Turn(question=question, answer=answer, evaluation=grade_answer(question, text))


def test_the_summary_adds_up_spoken_answers_only():
    turns = [
        _turn(STEADY, "voice", timed(STEADY)),
        _turn("um " * 6 + STEADY, "voice", timed("um " * 6 + STEADY)),
        _turn(STEADY, "text", None),
    ]
    summary = summarise(turns)
    assert summary is not None
    assert summary.answers == 2
    assert summary.fillers == 6
    assert summary.words == 2 * len(STEADY.split()) + 6
    assert summary.well_timed == 2
    assert {f.key for f in summary.figures} == {"pace", "fillers", "pauses", "hedges"}
    assert summarise([_turn(STEADY, "text", None)]) is None
