"""What a report needs: the finished interview, who took it, and their earlier results."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import model_validator

from interviewer.core.model import Interview, Report, Turn, Value


class HistoryPoint(Value):
    """One finished interview of the candidate, for the trend chart."""

    interview_id: UUID
    track: str
    finished_at: datetime
    overall: int
    averages: dict[str, float]


class ReportSource(Value):
    """The input of every export. `history` is oldest first and includes this interview."""

    interview: Interview
    candidate: str
    history: tuple[HistoryPoint, ...] = ()

    @model_validator(mode="after")
    def _finalized(self) -> ReportSource:
        if self.interview.report is None:
            raise ValueError("a report needs a finalized interview")
        return self

    @property
    def report(self) -> Report:
        assert self.interview.report is not None
        return self.interview.report

    @property
    def finished_at(self) -> datetime:
        return self.interview.finished_at or self.interview.created_at

    @property
    def turns(self) -> tuple[Turn, ...]:
        return self.interview.turns

    @property
    def trend(self) -> tuple[HistoryPoint, ...]:
        """The history in this interview's track: scores of other tracks are not compared."""
        track = self.interview.plan.track
        return tuple(p for p in self.history if p.track == track)

    @property
    def shows_trend(self) -> bool:
        return len(self.trend) > 1
