"""A provider seen from the core: a Grader, a QuestionSource (with prefetch) and a Narrator."""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections import OrderedDict
from collections.abc import Sequence
from uuid import UUID, uuid4

from interviewer.banks.schema import KeyPoint
from interviewer.core.model import (
    Evaluation,
    Narrative,
    Plan,
    Question,
    QuestionRequest,
    Report,
    Sourced,
    Turn,
)
from interviewer.llm.base import NarrativeInputs, Provider, QuestionDraft

MAX_PENDING = 500


def _slug(text: str, limit: int) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit] or "general"


def question_from_draft(draft: QuestionDraft, *, plan: Plan, written_by: str) -> Question:
    points = tuple(KeyPoint(point=p.strip()[:200]) for p in draft.key_points if len(p.strip()) >= 3)
    return Question(
        id=uuid4(),
        seq=0,
        track="behavioral" if draft.kind == "behavioral" else plan.track,
        topic=_slug(draft.topic, 80),
        difficulty=draft.difficulty,
        kind=draft.kind,
        text=draft.text.strip(),
        hint=draft.hint.strip(),
        reference=draft.reference.strip(),
        key_points=points,
        generated_by=written_by[:40],
    )


class AiEngine:
    """Adapts a Provider to the core's ports; prepares the next question ahead of time."""

    def __init__(self, provider: Provider, *, prefetch: bool = True) -> None:
        self.provider = provider
        self.name = provider.name
        self.free_roles = provider.free_roles
        self.prefetching = prefetch and provider.prefetch
        self._pending: OrderedDict[tuple[UUID, int], asyncio.Task[Sourced]] = OrderedDict()

    # Grader / PlanAwareGrader

    async def grade(self, question: Question, answer: str) -> Evaluation:
        return await self.provider.grade(question, answer)

    async def grade_for(self, plan: Plan, question: Question, answer: str) -> Evaluation:
        return await self.provider.grade(question, answer, plan=plan)

    # QuestionSource

    async def _write(self, request: QuestionRequest) -> Sourced:
        drafts = await self.provider.generate_questions(
            request.plan,
            count=1,
            behavioral=request.behavioral,
            difficulty=request.difficulty,
            avoid=request.asked,
        )
        if not drafts.questions:
            return Sourced(calls=drafts.calls, reason=f"fallback: {drafts.reason}")
        written_by = f"{self.provider.name}:{self.provider.model}"
        question = question_from_draft(
            drafts.questions[0], plan=request.plan, written_by=written_by
        )
        return Sourced(question=question, calls=drafts.calls)

    async def next_question(self, request: QuestionRequest) -> Sourced:
        task = self._pending.pop((request.interview_id, request.index), None)
        if task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                return await task
        return await self._write(request)

    def prefetch(self, request: QuestionRequest) -> None:
        key = (request.interview_id, request.index)
        if not self.prefetching or key in self._pending:
            return
        self._pending[key] = asyncio.get_running_loop().create_task(self._write(request))
        while len(self._pending) > MAX_PENDING:
            _, oldest = self._pending.popitem(last=False)
            oldest.cancel()

    async def aclose(self) -> None:
        """Cancel questions prepared for interviews that will not ask them."""
        tasks = list(self._pending.values())
        self._pending.clear()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    # Narrator

    async def narrate(self, plan: Plan, report: Report, turns: Sequence[Turn]) -> Narrative:
        narration = await self.provider.write_narrative(NarrativeInputs(plan, report, turns))
        if narration.reason:
            return Narrative(calls=narration.calls, reason=narration.reason)
        return Narrative(
            strengths=narration.strengths,
            areas_to_improve=narration.areas_to_improve,
            summary=narration.summary,
            calls=narration.calls,
        )
