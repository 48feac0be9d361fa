"""The statements every answer runs, built once as Core statements over the mapped tables.

Built once, a statement's cache key is computed once and its compiled form is found in
SQLAlchemy's cache at once; as Core, its rows skip the ORM's identity map, instance state and
unit of work. On the answer route's path that was about half of the storage CPU
(docs/performance.md). Rows keep the records' attribute names, so the repository's mappers
read either. The rate limit's upsert carries its values inline and depends on the dialect, so
it is built per request (`take_request_token`).
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from sqlalchemy import Insert, Row, Table, bindparam, case, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from interviewer.storage.records import (
    AccessTokenRecord,
    AiCallRecord,
    AnswerRecord,
    EvaluationRecord,
    InterviewRecord,
    QuestionRecord,
    RateLimitRecord,
    ResultRecord,
    UserRecord,
)


def _table(record: type) -> Table:
    table = record.__table__  # type: ignore[attr-defined]
    assert isinstance(table, Table)
    return table


users = _table(UserRecord)
access_tokens = _table(AccessTokenRecord)
interviews = _table(InterviewRecord)
questions = _table(QuestionRecord)
answers = _table(AnswerRecord)
evaluations = _table(EvaluationRecord)
results = _table(ResultRecord)
ai_calls = _table(AiCallRecord)
rate_limits = _table(RateLimitRecord)

USER_BY_TOKEN = select(users).where(users.c.token_hash == bindparam("token_hash"))
USER_BY_ACCESS_TOKEN = (
    select(users)
    .join(access_tokens, access_tokens.c.user_id == users.c.id)
    .where(access_tokens.c.token_hash == bindparam("token_hash"))
)

TURNS = (
    select(questions, answers, evaluations)
    .outerjoin(answers, answers.c.question_id == questions.c.id)
    .outerjoin(evaluations, evaluations.c.answer_id == answers.c.id)
    .where(questions.c.interview_id == bindparam("interview_id"))
    .order_by(questions.c.seq)
)
OWNED_INTERVIEW_TURN_KEYS = (
    select(
        interviews,
        questions.c.id.label("turn_question_id"),
        questions.c.hint_used.label("turn_hint_used"),
        questions.c.skipped.label("turn_skipped"),
        answers.c.id.label("turn_answer_id"),
        evaluations.c.answer_id.label("turn_graded_answer_id"),
    )
    .select_from(
        interviews.outerjoin(questions, questions.c.interview_id == interviews.c.id)
        .outerjoin(answers, answers.c.question_id == questions.c.id)
        .outerjoin(evaluations, evaluations.c.answer_id == answers.c.id)
    )
    .where(
        interviews.c.id == bindparam("interview_id"), interviews.c.user_id == bindparam("user_id")
    )
    .order_by(questions.c.seq)
)
"""The interview's row, repeated on each of its turns with what changes from request to
request: which turns exist, their flags, answers and grades. One round trip."""
TURNS_BY_QUESTION = TURNS.where(questions.c.id.in_(bindparam("question_ids", expanding=True)))
USER_INTERVIEWS = select(interviews.c.id).where(interviews.c.user_id == bindparam("user_id"))
REPORT = select(results.c.report).where(results.c.interview_id == bindparam("interview_id"))
ASKED_ITEMS = (
    select(questions.c.item_id)
    .join(interviews, interviews.c.id == questions.c.interview_id)
    .where(
        interviews.c.user_id == bindparam("user_id"),
        interviews.c.id != bindparam("excluding"),
        questions.c.item_id.is_not(None),
    )
    .distinct()
)

INSERT_USER = insert(users)
INSERT_ACCESS_TOKEN = insert(access_tokens)
INSERT_INTERVIEW = insert(interviews)
INSERT_RESULT = insert(results)
INSERT_AI_CALL = insert(ai_calls)
INSERT_QUESTION = insert(questions)
INSERT_ANSWER = insert(answers)
INSERT_EVALUATION = insert(evaluations)
COMPLETE = (
    update(interviews)
    .where(interviews.c.id == bindparam("interview_id"))
    .values(status=bindparam("new_status"), finished_at=bindparam("finished"))
)
SET_ABILITY = (
    update(interviews)
    .where(interviews.c.id == bindparam("interview_id"))
    .values(ability=bindparam("theta"), ability_sd=bindparam("sd"))
)

_QUESTION_COLUMNS = tuple(questions.c.keys())
_ANSWER_COLUMNS = tuple(answers.c.keys())
_EVALUATION_COLUMNS = tuple(evaluations.c.keys())


def split_turn(row: Row[Any]) -> tuple[Any, Any | None, Any | None]:
    """A TURNS row as its question, answer and evaluation (None where the outer join found
    nothing), each with the record's attribute names."""
    q_end = len(_QUESTION_COLUMNS)
    a_end = q_end + len(_ANSWER_COLUMNS)
    question = SimpleNamespace(**dict(zip(_QUESTION_COLUMNS, row[:q_end], strict=True)))
    answer = evaluation = None
    if row[q_end] is not None:
        answer = SimpleNamespace(**dict(zip(_ANSWER_COLUMNS, row[q_end:a_end], strict=True)))
    if row[a_end] is not None:
        evaluation = SimpleNamespace(**dict(zip(_EVALUATION_COLUMNS, row[a_end:], strict=True)))
    return question, answer, evaluation


def take_request_token(
    dialect: str, *, key: str, capacity: float, refill_per_s: float, now: float
) -> Insert:
    """Draw one request from the key's token bucket in one atomic upsert, returning the
    tokens left and whether the request was allowed."""
    smaller = func.least if dialect == "postgresql" else func.min
    upsert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = rate_limits
    refilled = smaller(capacity, table.c.tokens + (now - table.c.seen) * refill_per_s)
    return (
        upsert(table)
        .values(key=key, tokens=capacity - 1, allowed=True, seen=now)
        .on_conflict_do_update(
            index_elements=[table.c.key],
            set_={
                "tokens": case((refilled >= 1, refilled - 1), else_=refilled),
                "allowed": refilled >= 1,
                "seen": now,
            },
        )
        .returning(table.c.tokens, table.c.allowed)
    )
