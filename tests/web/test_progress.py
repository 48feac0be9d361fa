"""Progress per track: each track its own series and its own change, never one across tracks."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from interviewer.banks.loader import BankSet
from interviewer.core.model import Ability, InterviewSummary, Report, Status
from interviewer.web.progress import progress_of
from tests.factories import API, answer, auth, register, start
from tests.web.test_flow import reference_for

WEAK = "I am not sure, maybe it depends on the situation."
DAY0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def summary(
    track: str,
    day: int,
    overall: int,
    averages: dict[str, float],
    *,
    kind: str | None = None,
    topics: dict[str, float] | None = None,
) -> InterviewSummary:
    report = Report(
        overall=overall,
        averages=averages,
        topic_scores=topics or {},
        strengths=(),
        areas_to_improve=(),
        summary="",
        resources=(),
        question_count=3,
        answered_count=3,
        skipped_count=0,
        hints_used=0,
        duration_seconds=300,
        ability=Ability(),
        level_estimate="mid",
    )
    moment = DAY0 + timedelta(days=day)
    return InterviewSummary(
        id=uuid.uuid4(),
        track=track,
        role="Analyst",
        mode="technical",
        status=Status.completed,
        created_at=moment - timedelta(minutes=20),
        finished_at=moment,
        question_count=3,
        report=report,
        kind=kind,  # type: ignore[arg-type]
    )


def dims(t: float, c: float, f: float) -> dict[str, float]:
    return {"technical": t, "communication": c, "confidence": f}


def test_each_track_has_its_own_series_and_change_against_its_earlier_average():
    history = [
        summary("excel", 0, 40, dims(4.0, 5.0, 5.0), topics={"lookups": 3.0}),
        summary("behavioral", 1, 90, dims(9.0, 9.0, 9.0)),
        summary("excel", 2, 60, dims(6.0, 6.0, 6.0), topics={"lookups": 5.0}),
        summary("excel", 3, 71, dims(7.5, 6.4, 6.6), topics={"lookups": 8.0, "pivots": 6.0}),
        # Formula practice: technical only, a series of its own.
        summary("excel", 4, 20, {"technical": 2.8}, kind="excel_formula"),
    ]
    progress = progress_of(list(reversed(history)))  # the repository gives newest first

    # The flat list keeps every interview, oldest first; no figure is computed over it.
    assert [p.overall for p in progress.points] == [40, 90, 60, 71, 20]
    assert set(type(progress).model_fields) == {"points", "tracks"}

    by_key = {(t.track, t.kind): t for t in progress.tracks}
    assert [(t.track, t.kind) for t in progress.tracks] == [
        ("excel", "excel_formula"),  # most recently practised first
        ("excel", None),
        ("behavioral", None),
    ]
    excel = by_key[("excel", None)]
    assert excel.interviews == 3 and [p.overall for p in excel.points] == [40, 60, 71]
    assert excel.change is not None
    assert excel.change.compared_with == 2
    assert excel.change.earlier_overall == 50.0
    assert excel.change.overall == 21.0  # 71 against (40 + 60) / 2, not 71 - 90 nor 20 - 40
    assert excel.change.dimensions == {"technical": 2.5, "communication": 0.9, "confidence": 1.1}
    assert excel.change.topics == {"lookups": 4.0}  # pivots was never asked before
    assert [s.score for s in excel.topics["lookups"]] == [3.0, 5.0, 8.0]

    # One interview in a track: nothing to compare, so no change at all.
    assert by_key[("behavioral", None)].change is None
    assert by_key[("excel", "excel_formula")].change is None


def test_a_dimension_is_compared_only_where_both_sides_measured_it():
    history = [
        summary("excel", 0, 30, {"technical": 3.0}, kind="excel_formula"),
        summary("excel", 1, 50, {"technical": 5.5}, kind="excel_formula"),
    ]
    (series,) = progress_of(history).tracks
    assert series.change is not None
    assert series.change.overall == 20.0 and series.change.dimensions == {"technical": 2.5}


def test_unfinished_interviews_are_left_out():
    finished = summary("excel", 0, 40, dims(4.0, 5.0, 5.0))
    ongoing = finished.model_copy(
        update={"id": uuid.uuid4(), "status": Status.ongoing, "finished_at": None, "report": None}
    )
    progress = progress_of([ongoing, finished])
    assert len(progress.points) == 1 and progress.tracks[0].interviews == 1


async def _finished(
    client: httpx.AsyncClient, token: str, banks: BankSet, *, track: str, strong: bool
) -> dict[str, Any]:
    interview = await start(client, token, track=track, length=2)
    current = interview["current_question"]
    while current is not None:
        text = reference_for(banks, current) if strong else WEAK
        response = await answer(client, token, interview["id"], current["id"], text)
        assert response.status_code == 200, response.text
        current = response.json()["next_question"]
    done = await client.post(f"{API}/interviews/{interview['id']}/finalize", headers=auth(token))
    assert done.status_code == 200, done.text
    return dict(done.json())


async def test_progress_over_http_is_grouped_by_track(client: httpx.AsyncClient, banks: BankSet):
    token = await register(client)
    weak = await _finished(client, token, banks, track="data-analyst", strong=False)
    other = await _finished(client, token, banks, track="behavioral", strong=True)
    strong = await _finished(client, token, banks, track="data-analyst", strong=True)
    assert strong["overall"] > weak["overall"]

    response = await client.get(f"{API}/users/me/progress", headers=auth(token))
    assert response.status_code == 200
    progress = response.json()
    assert set(progress) == {"points", "tracks"}  # no figure across tracks
    assert [p["track"] for p in progress["points"]] == ["data-analyst", "behavioral"] + [
        "data-analyst"
    ]
    analyst, behavioral = progress["tracks"]
    assert analyst["track"] == "data-analyst" and analyst["interviews"] == 2
    assert [p["overall"] for p in analyst["points"]] == [weak["overall"], strong["overall"]]
    assert analyst["change"]["overall"] == strong["overall"] - weak["overall"]
    assert analyst["change"]["compared_with"] == 1
    for dim, value in analyst["change"]["dimensions"].items():
        assert value == round(strong["averages"][dim] - weak["averages"][dim], 1)
    assert behavioral["track"] == "behavioral" and behavioral["interviews"] == 1
    assert behavioral["change"] is None
    assert behavioral["points"][0]["overall"] == other["overall"]

    history = (await client.get(f"{API}/users/me/interviews", headers=auth(token))).json()
    assert {h["kind"] for h in history} == {None}
