"""Rows to domain models: each mapper reads an ORM record or a Core row of its table
(statements.py), which have the same attribute names."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from interviewer.core.delivery import Delivery
from interviewer.core.model import Answer, Evaluation, Level, Mode, Plan, Question, User


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything stored is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def dump(values: Sequence[Any]) -> list[Any]:
    return [v.model_dump(mode="json") if hasattr(v, "model_dump") else v for v in values]


def user(record: Any) -> User:
    return User(
        id=record.id,
        name=record.name,
        email=record.email,
        position=record.position,
        experience_level=Level(record.experience_level),
        experience_years=record.experience_years,
        created_at=aware(record.created_at) or record.created_at,
    )


def plan(record: Any) -> Plan:
    return Plan(
        track=record.track,
        role=record.role,
        level=Level(record.level),
        mode=Mode(record.mode),
        length=record.planned_length,
        job_description=record.job_description,
        seed=record.seed,
        focus_topics=tuple(record.focus_topics),
        kind=record.kind,  # type: ignore[arg-type]
    )


def question(record: Any) -> Question:
    return Question.model_validate(
        {
            "id": record.id,
            "seq": record.seq,
            "track": record.track,
            "topic": record.topic,
            "difficulty": record.difficulty,
            "kind": record.kind,
            "text": record.text,
            "hint": record.hint,
            "reference": record.reference,
            "key_points": record.key_points,
            "misconceptions": record.misconceptions,
            "resources": record.resources,
            "follow_ups": record.follow_ups,
            "task": record.task,
            "item_id": record.item_id,
            "parent_id": record.parent_id,
            "generated_by": record.generated_by,
            "hint_used": record.hint_used,
            "skipped": record.skipped,
            "asked_at": aware(record.asked_at),
        }
    )


def answer(record: Any) -> Answer:
    return Answer(
        id=record.id,
        question_id=record.question_id,
        text=record.text,
        input_mode=record.input_mode,  # type: ignore[arg-type]
        seconds_taken=record.seconds_taken,
        idempotency_key=record.idempotency_key,
        submitted_at=aware(record.submitted_at) or record.submitted_at,
        delivery=Delivery.model_validate(record.delivery) if record.delivery else None,
    )


def evaluation(record: Any) -> Evaluation:
    return Evaluation.model_validate(
        {
            "technical": record.technical,
            "communication": record.communication,
            "confidence": record.confidence,
            "rationale": record.rationale,
            "feedback": record.feedback,
            "examples_or_corrections": record.examples_or_corrections,
            "resources": record.resources,
            "covered": record.covered,
            "missed": record.missed,
            "flags": record.flags,
            "cells": record.cells,
            "graded_by": record.graded_by,
            "latency_ms": record.latency_ms,
            "tokens_in": record.tokens_in,
            "tokens_out": record.tokens_out,
        }
    )
