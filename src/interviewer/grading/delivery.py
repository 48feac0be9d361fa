"""Delivery of a spoken answer, measured from its word timings, and how it feeds the scores.

Figures, each against a good range: pace (words per minute of speaking), fillers per minute,
long pauses (gaps between words over 2 s), hedges per minute, and the answer's length against
the time a good answer to that kind of question takes. They feed communication (pace, fillers,
length) and confidence (pauses, hedges) as a stated share of those scores; a typed answer has
no delivery and is never judged on it. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence

from interviewer.core.delivery import (
    FILLERS_PER_MINUTE,
    HEDGES_PER_MINUTE,
    LONG_PAUSE_S,
    PACE,
    Delivery,
    Figure,
    Speech,
    SpokenWord,
    figure,
    per_minute,
)
from interviewer.core.model import Evaluation, Question
from interviewer.grading import flags
from interviewer.grading.language import FILLERS, HEDGES, to_scale
from interviewer.grading.text import contains_phrase, normalise

SPOKEN_FILLERS = tuple(dict.fromkeys((*FILLERS, "umm", "uhh", "uhm", "er", "ah", "mm", "hm")))
SPOKEN_HEDGES = tuple(h for h in HEDGES if h not in SPOKEN_FILLERS)
"""Hedges not already counted as fillers ("kind of", "sort of" are both)."""
GOOD_SECONDS: dict[str, tuple[float, float]] = {
    "conceptual": (15.0, 90.0),
    "scenario": (30.0, 120.0),
    "behavioral": (60.0, 180.0),
    "excel_formula": (5.0, 45.0),
}
"""How long a good spoken answer takes: a concept in under a minute and a half, a STAR story
in one to three minutes (EXPECTED_WORDS in language.py at about 140 words a minute)."""
COMMUNICATION_SHARE = 0.25
CONFIDENCE_SHARE = 0.2
"""How much of each score delivery decides for a spoken answer; the words decide the rest."""
NOT_JUDGED = flags.CAPPING
"""An answer with no substance gets no delivery credit either: its scores stay as graded."""


def _clean(word: str) -> str:
    return normalise(word).strip(" \"'()[]{}.!?;:")


def long_pauses(words: Sequence[SpokenWord]) -> list[float]:
    return [
        round(later.start - earlier.end, 1)
        for earlier, later in zip(words, words[1:], strict=False)
        if later.start - earlier.end > LONG_PAUSE_S
    ]


def _count(text: str, phrases: Sequence[str]) -> list[str]:
    return [p.rstrip(",") for p in phrases for _ in range(contains_phrase(text, p))]


def measure(question: Question, speech: Speech) -> Delivery:
    words = sorted(
        (w for w in speech.words if any(c.isalnum() for c in w.word)), key=lambda w: w.start
    )
    said = " ".join(normalise(w.word.strip()) for w in words)
    count = len(words)
    seconds = max(0.0, words[-1].end - words[0].start) if words else 0.0
    fillers = _count(said, SPOKEN_FILLERS)
    hedges = _count(said, SPOKEN_HEDGES)
    pauses = long_pauses(words)
    pace = count * 60 / seconds if seconds > 0 else 0.0
    good_length = GOOD_SECONDS.get(question.kind, GOOD_SECONDS["conceptual"])
    allowed_pauses = max(1.0, round(seconds / 60))
    figures: tuple[Figure, ...] = (
        figure("pace", "Pace", pace, "words per minute", PACE),
        figure("fillers", "Fillers", per_minute(len(fillers), seconds), "per minute",
               FILLERS_PER_MINUTE),
        figure("pauses", "Long pauses", len(pauses), f"over {LONG_PAUSE_S:g} s",
               (0, allowed_pauses)),
        figure("hedges", "Hedges", per_minute(len(hedges), seconds), "per minute",
               HEDGES_PER_MINUTE),
        figure("length", "Length", seconds, "seconds", good_length),
    )  # fmt: skip
    return Delivery(
        words=count,
        speaking_s=round(seconds, 1),
        fillers=tuple(fillers),
        hedges=tuple(hedges),
        pauses=tuple(pauses),
        figures=figures,
    )


COMMUNICATION_FIGURES = ("pace", "fillers", "length")
CONFIDENCE_FIGURES = ("pauses", "hedges")


def _blend(score: int, figures: Sequence[Figure], share: float) -> int:
    fit = sum(f.fit for f in figures) / len(figures)
    return max(1, min(10, int((1 - share) * score + share * to_scale(fit) + 0.5)))


def apply(evaluation: Evaluation, delivery: Delivery) -> Evaluation:
    """Communication and confidence with delivery weighed in, and the rationale saying how."""
    comm, conf = evaluation.communication, evaluation.confidence
    if comm is None or conf is None or delivery.words == 0:
        return evaluation
    if NOT_JUDGED & set(evaluation.flags):
        return evaluation
    spoken = [f for f in delivery.figures if f.key in COMMUNICATION_FIGURES]
    steady = [f for f in delivery.figures if f.key in CONFIDENCE_FIGURES]
    if not spoken or not steady:
        return evaluation
    communication = _blend(comm, spoken, COMMUNICATION_SHARE)
    confidence = _blend(conf, steady, CONFIDENCE_SHARE)
    rationale = (
        f"Delivery of the spoken answer ({round(COMMUNICATION_SHARE * 100)}% of communication, "
        f"{round(CONFIDENCE_SHARE * 100)}% of confidence): "
        + "; ".join(f.describe() for f in spoken)
        + f": communication {comm} -> {communication}. "
        + "; ".join(f.describe() for f in steady)
        + f": confidence {conf} -> {confidence}."
    )
    advice = [f.advice for f in delivery.figures if f.advice]
    note = (
        "Delivery: " + " ".join(advice)
        if advice
        else "Delivery: pace, fillers, pauses, hedges and length were all in the good range."
    )
    return evaluation.model_copy(
        update={
            "communication": communication,
            "confidence": confidence,
            "rationale": f"{evaluation.rationale} {rationale}".strip(),
            "feedback": f"{evaluation.feedback}\n\n{note}".strip(),
        }
    )


class SpokenDelivery:
    """The DeliveryMeter the service is given: measure() and apply() above."""

    def measure(self, question: Question, speech: Speech) -> Delivery:
        return measure(question, speech)

    def apply(self, evaluation: Evaluation, delivery: Delivery) -> Evaluation:
        return apply(evaluation, delivery)
