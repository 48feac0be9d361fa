"""History and progress views over a user's interviews.

Progress is told per track, never across tracks: an Excel score and a behavioral score measure
different things, so a line through both, or "+12 since the first" from one to the other, would
claim a change nobody made. Formula practice (Excel, formula tasks only) is its own series for
the same reason. Within a series the change compares the latest interview with the average of
the earlier ones: one unusually good or bad first interview does not set the figure, and with
two interviews it is simply the second minus the first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from statistics import fmean

from interviewer.core.model import DIMENSIONS, Interview, InterviewSummary
from interviewer.reports import HistoryPoint
from interviewer.web.schemas import (
    ChangeRead,
    HistoryItem,
    ProgressPoint,
    ProgressRead,
    SeriesPoint,
    TrackPoint,
    TrackProgress,
)

SeriesKey = tuple[str, str | None]


def history_items(summaries: Sequence[InterviewSummary]) -> list[HistoryItem]:
    return [
        HistoryItem(
            id=s.id,
            track=s.track,
            kind=s.kind,
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


def series_key(track: str, kind: str | None) -> SeriesKey:
    """Interviews whose scores can be compared: the same track, and formula practice apart."""
    return (track, "excel_formula" if kind == "excel_formula" else None)


def _finished(summaries: Sequence[InterviewSummary]) -> list[InterviewSummary]:
    """Finished interviews with a report, oldest first."""
    return sorted(
        (s for s in summaries if s.report is not None and s.finished_at is not None),
        key=lambda s: (s.finished_at or s.created_at, s.created_at),
    )


def _change(latest: float, earlier: Sequence[float]) -> float:
    return round(latest - fmean(earlier), 1)


def change_of(points: Sequence[TrackPoint]) -> ChangeRead | None:
    """The latest interview against the mean of the earlier ones; None for a first interview.
    A dimension or topic is compared only when the latest interview and an earlier one both
    measured it (formula tasks give no communication or confidence evidence)."""
    if len(points) < 2:
        return None
    *earlier, latest = points
    dimensions: dict[str, float] = {}
    for dim in DIMENSIONS:
        before = [p.averages[dim] for p in earlier if dim in p.averages]
        if dim in latest.averages and before:
            dimensions[dim] = _change(latest.averages[dim], before)
    topics: dict[str, float] = {}
    for topic, score in sorted(latest.topic_scores.items()):
        before = [p.topic_scores[topic] for p in earlier if topic in p.topic_scores]
        if before:
            topics[topic] = _change(score, before)
    earlier_overall = round(fmean(p.overall for p in earlier), 1)
    return ChangeRead(
        compared_with=len(earlier),
        earlier_overall=earlier_overall,
        overall=round(latest.overall - earlier_overall, 1),
        dimensions=dimensions,
        topics=topics,
    )


def _track_progress(key: SeriesKey, points: list[TrackPoint]) -> TrackProgress:
    topics: dict[str, list[SeriesPoint]] = defaultdict(list)
    for p in points:
        for topic, score in p.topic_scores.items():
            topics[topic].append(
                SeriesPoint(interview_id=p.interview_id, finished_at=p.finished_at, score=score)
            )
    return TrackProgress(
        track=key[0],
        kind=key[1],
        interviews=len(points),
        points=points,
        topics=dict(sorted(topics.items())),
        change=change_of(points),
    )


def progress_of(summaries: Sequence[InterviewSummary]) -> ProgressRead:
    finished = [s for s in _finished(summaries) if s.report is not None and s.finished_at]
    grouped: dict[SeriesKey, list[TrackPoint]] = defaultdict(list)
    flat: list[ProgressPoint] = []
    for s in finished:
        assert s.report is not None and s.finished_at is not None
        grouped[series_key(s.track, s.kind)].append(
            TrackPoint(
                interview_id=s.id,
                finished_at=s.finished_at,
                mode=s.mode,
                overall=s.report.overall,
                averages=s.report.averages,
                topic_scores=s.report.topic_scores,
            )
        )
        flat.append(
            ProgressPoint(
                interview_id=s.id,
                track=s.track,
                kind=series_key(s.track, s.kind)[1],
                finished_at=s.finished_at,
                overall=s.report.overall,
                averages=s.report.averages,
                topic_scores=s.report.topic_scores,
            )
        )
    tracks = [_track_progress(key, points) for key, points in grouped.items()]
    tracks.sort(key=lambda t: t.points[-1].finished_at, reverse=True)
    return ProgressRead(points=flat, tracks=tracks)


def report_history(
    summaries: Sequence[InterviewSummary], *, until: Interview
) -> tuple[HistoryPoint, ...]:
    """The candidate's finished interviews in the same series as `until` (its track; formula
    practice apart), up to and including it, oldest first: a report's trend stays in one track."""
    limit = until.finished_at or until.created_at
    key = series_key(until.plan.track, until.plan.kind)
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
        and series_key(s.track, s.kind) == key
        and (s.id == until.id or s.finished_at <= limit)
    )
