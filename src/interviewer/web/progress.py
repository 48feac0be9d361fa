"""History and progress views over a user's interviews."""

from __future__ import annotations

from collections.abc import Sequence

from interviewer.core.model import DIMENSIONS, InterviewSummary
from interviewer.web.schemas import HistoryItem, ProgressPoint, ProgressRead


def history_items(summaries: Sequence[InterviewSummary]) -> list[HistoryItem]:
    return [
        HistoryItem(
            id=s.id,
            track=s.track,
            role=s.role,
            mode=s.mode,
            status=s.status,
            created_at=s.created_at,
            finished_at=s.finished_at,
            question_count=s.question_count,
            overall=s.report.overall if s.report else None,
            averages=s.report.averages if s.report else None,
        )
        for s in summaries
    ]


def progress_of(summaries: Sequence[InterviewSummary]) -> ProgressRead:
    finished = sorted(
        (s for s in summaries if s.report is not None and s.finished_at is not None),
        key=lambda s: s.finished_at or s.created_at,
    )
    points = [
        ProgressPoint(
            interview_id=s.id,
            track=s.track,
            finished_at=s.finished_at,
            overall=s.report.overall,
            averages=s.report.averages,
            topic_scores=s.report.topic_scores,
        )
        for s in finished
        if s.report is not None and s.finished_at is not None
    ]
    change: dict[str, float] = {}
    if len(points) >= 2:
        first, last = points[0], points[-1]
        change["overall"] = float(last.overall - first.overall)
        for dim in DIMENSIONS:
            change[dim] = round(last.averages[dim] - first.averages[dim], 1)
    return ProgressRead(points=points, change_since_first=change)
