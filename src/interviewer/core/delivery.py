"""Delivery of spoken answers: the figures, their good ranges, and the interview's totals. Pure.

A voice answer carries the word timings of its recording (`Speech`); a `DeliveryMeter` (the
grading package's) turns them into `Delivery` figures and lets them feed communication and
confidence. Typed answers carry none and are never judged on delivery.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from interviewer.core.model import Evaluation, Question, Turn

FigureKey = Literal["pace", "fillers", "pauses", "hedges", "length"]
LONG_PAUSE_S = 2.0
"""A gap between two spoken words longer than this is a long pause."""


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True)


class SpokenWord(_Value):
    word: str = Field(max_length=100)
    start: float = Field(ge=0, le=3600)
    end: float = Field(ge=0, le=3600)


class Speech(_Value):
    """What the recording of an answer said, word by word with timings (seconds)."""

    words: tuple[SpokenWord, ...] = ()
    duration_s: float = Field(default=0.0, ge=0, le=3600)


class Figure(_Value):
    """One delivery figure: the candidate's value against the good range."""

    key: FigureKey
    label: str
    value: float
    unit: str
    low: float
    high: float
    advice: str = ""
    """What to do about it; set only when the value is out of range."""

    @property
    def ok(self) -> bool:
        return self.low <= self.value <= self.high

    @property
    def fit(self) -> float:
        """1 in the good range, falling towards 0 the further out the value is."""
        if self.value < self.low:
            return max(0.0, self.value / self.low) if self.low > 0 else 1.0
        if self.value > self.high:
            return max(0.0, 1 - (self.value - self.high) / max(self.high, 1.0))
        return 1.0

    def describe(self) -> str:
        where = "" if self.ok else (" (under)" if self.value < self.low else " (over)")
        return f"{self.label.lower()} {_num(self.value)} {self.unit}{where}, good {self.good}"

    @property
    def good(self) -> str:
        return f"{_num(self.low)}-{_num(self.high)}"


class Delivery(_Value):
    """The delivery of one spoken answer."""

    words: int
    speaking_s: float
    fillers: tuple[str, ...] = ()
    hedges: tuple[str, ...] = ()
    pauses: tuple[float, ...] = ()
    """Each long pause's length, in seconds."""
    figures: tuple[Figure, ...] = ()

    def figure(self, key: FigureKey) -> Figure | None:
        return next((f for f in self.figures if f.key == key), None)


class DeliverySummary(_Value):
    """The delivery of every spoken answer of an interview, added up."""

    answers: int
    words: int
    speaking_s: float
    fillers: int
    hedges: int
    long_pauses: int
    well_timed: int
    """Spoken answers whose length was in the good range for their question."""
    figures: tuple[Figure, ...]


class DeliveryMeter(Protocol):
    """Measures a spoken answer's delivery and lets it feed the evaluation's scores."""

    def measure(self, question: Question, speech: Speech) -> Delivery: ...

    def apply(self, evaluation: Evaluation, delivery: Delivery) -> Evaluation: ...


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def per_minute(count: float, seconds: float) -> float:
    """A rate over the speaking time; under 20 s counts as 20 s so one "um" in a short answer
    is not 6 a minute."""
    return round(count * 60 / max(seconds, 20.0), 1)


PACE = (110.0, 170.0)
FILLERS_PER_MINUTE = (0.0, 3.0)
HEDGES_PER_MINUTE = (0.0, 2.0)
ADVICE: dict[FigureKey, tuple[str, str]] = {
    "pace": ("Speak a little faster and keep going between points.", "Slow down: pause briefly "
             "after each point so the listener can follow."),
    "fillers": ("", "Replace fillers (um, uh, like, you know) with a short silent pause."),
    "pauses": ("", "Long silences mid-answer read as uncertainty: outline the answer in your "
               "head first, then speak it through."),
    "hedges": ("", 'State conclusions plainly; drop "I think", "maybe" and "probably".'),
    "length": ("Say more: give the reason and an example.", "Get to the point sooner: lead "
               "with the answer, then one reason and one example."),
}  # fmt: skip


def advice_for(key: FigureKey, value: float, low: float, high: float) -> str:
    if low <= value <= high:
        return ""
    under, over = ADVICE[key]
    return under if value < low else over


def figure(
    key: FigureKey, label: str, value: float, unit: str, good: tuple[float, float]
) -> Figure:
    low, high = good
    return Figure(
        key=key,
        label=label,
        value=round(value, 1),
        unit=unit,
        low=low,
        high=high,
        advice=advice_for(key, round(value, 1), low, high),
    )


def spoken(turns: Sequence[Turn]) -> list[Delivery]:
    return [
        t.answer.delivery
        for t in turns
        if t.answer is not None and t.answer.input_mode == "voice" and t.answer.delivery
    ]


def summarise(turns: Sequence[Turn]) -> DeliverySummary | None:
    """Totals over the interview's spoken answers; None when no answer was spoken."""
    deliveries = spoken(turns)
    if not deliveries:
        return None
    words = sum(d.words for d in deliveries)
    seconds = sum(d.speaking_s for d in deliveries)
    fillers = sum(len(d.fillers) for d in deliveries)
    hedges = sum(len(d.hedges) for d in deliveries)
    pauses = sum(len(d.pauses) for d in deliveries)
    allowed_pauses = sum(max(1.0, round(d.speaking_s / 60)) for d in deliveries)
    timed = [f for d in deliveries if (f := d.figure("length")) is not None]
    pace = words * 60 / seconds if seconds else 0.0
    return DeliverySummary(
        answers=len(deliveries),
        words=words,
        speaking_s=round(seconds, 1),
        fillers=fillers,
        hedges=hedges,
        long_pauses=pauses,
        well_timed=sum(1 for f in timed if f.ok),
        figures=(
            figure("pace", "Pace", pace, "words per minute", PACE),
            figure("fillers", "Fillers", per_minute(fillers, seconds), "per minute",
                   FILLERS_PER_MINUTE),
            figure("pauses", "Long pauses", pauses, f"over {_num(LONG_PAUSE_S)} s",
                   (0, allowed_pauses)),
            figure("hedges", "Hedges", per_minute(hedges, seconds), "per minute",
                   HEDGES_PER_MINUTE),
        ),
    )  # fmt: skip


def summary_sentence(summary: DeliverySummary) -> str:
    figures = "; ".join(f.describe() for f in summary.figures)
    minutes, seconds = divmod(round(summary.speaking_s), 60)
    spoken_for = f"{minutes} min {seconds} s" if minutes else f"{seconds} s"
    return (
        f" Spoken answers: {summary.answers}, {spoken_for} of speech: {figures}; "
        f"{summary.well_timed} of {summary.answers} of a good length for the question."
    )


def summary_lines(summary: DeliverySummary) -> tuple[list[str], list[str]]:
    """(strengths, areas to improve) from the delivery totals."""
    off = [f for f in summary.figures if not f.ok]
    if not off:
        return ["Delivery of spoken answers: pace, fillers, pauses and hedges in the good "
                "range"], []  # fmt: skip
    return [], [
        f"Delivery: {f.label.lower()} {_num(f.value)} {f.unit} (good {f.good}): {f.advice}"
        for f in off
    ]
