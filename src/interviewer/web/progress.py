"""History and progress views over a user's interviews."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from interviewer.core.model import DIMENSIONS, Interview, InterviewSummary
from interviewer.reports import HistoryPoint
from interviewer.web.schemas import HistoryItem, ProgressPoint, ProgressRead, SeriesPoint


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


def _finished(summaries: Sequence[InterviewSummary]) -> list[InterviewSummary]:
    """Finished interviews with a report, oldest first."""
    return sorted(
        (s for s in summaries if s.report is not None and s.finished_at is not None),
        key=lambda s: (s.finished_at or s.created_at, s.created_at),
    )


def progress_of(summaries: Sequence[InterviewSummary]) -> ProgressRead:
    points = [
        ProgressPoint(
            interview_id=s.id,
            track=s.track,
            finished_at=s.finished_at,
            overall=s.report.overall,
            averages=s.report.averages,
            topic_scores=s.report.topic_scores,
        )
        for s in _finished(summaries)
        if s.report is not None and s.finished_at is not None
    ]
    dimensions = {
        dim: [
            SeriesPoint(interview_id=p.interview_id, finished_at=p.finished_at, score=value)
            for p in points
            if (value := p.averages.get(dim)) is not None
        ]
        for dim in DIMENSIONS
    }
    change: dict[str, float] = {}
    if len(points) >= 2:
        change["overall"] = float(points[-1].overall - points[0].overall)
        # A dimension an interview gave no evidence for (formula tasks only) is skipped there.
        for dim, series in dimensions.items():
            if len(series) >= 2:
                change[dim] = round(series[-1].score - series[0].score, 1)
    topics: dict[str, list[SeriesPoint]] = defaultdict(list)
    for p in points:
        for topic, score in p.topic_scores.items():
            topics[topic].append(
                SeriesPoint(interview_id=p.interview_id, finished_at=p.finished_at, score=score)
            )
    topic_change = {
        topic: round(series[-1].score - series[0].score, 1)
        for topic, series in sorted(topics.items())
        if len(series) >= 2
    }
    return ProgressRead(
        points=points,
        change_since_first=change,
        dimensions=dimensions,
        topics=dict(sorted(topics.items())),
        topic_change_since_first=topic_change,
    )


def report_history(
    summaries: Sequence[InterviewSummary], *, until: Interview
) -> tuple[HistoryPoint, ...]:
    """The candidate's finished interviews up to and including `until`, oldest first."""
    limit = until.finished_at or until.created_at
    return tuple(
        HistoryPoint(
            interview_id=s.id,
            track=s.track,
            finished_at=s.finished_at,
            overall=s.report.overall,
            averages=s.report.averages,
        )
        for s in _finished(summaries)
        if s.report is not None
        and s.finished_at is not None
        and (s.id == until.id or s.finished_at <= limit)
    )
