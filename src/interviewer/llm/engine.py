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
    AiCall,
    Evaluation,
    FollowUpText,
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
MAX_BATCH = 6
"""Questions written in one call: the profile and job description are sent once per batch."""


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
        self._written: OrderedDict[UUID, list[QuestionDraft]] = OrderedDict()
        """Questions written ahead for an interview, asked as its later positions need them."""

    # Grader / PlanAwareGrader

    async def grade(self, question: Question, answer: str) -> Evaluation:
        return await self.provider.grade(question, answer)

    async def grade_for(self, plan: Plan, question: Question, answer: str) -> Evaluation:
        return await self.provider.grade(question, answer, plan=plan)

    # QuestionSource

    def _take(self, request: QuestionRequest) -> QuestionDraft | None:
        """The written question that fits this position: its kind, the nearest difficulty."""
        drafts = self._written.get(request.interview_id, [])
        asked = {text.strip().lower() for text in request.asked}
        fitting = [
            d
            for d in drafts
            if (d.kind == "behavioral") == request.behavioral
            and d.text.strip().lower() not in asked
        ]
        if not fitting:
            return None
        chosen = min(fitting, key=lambda d: abs(d.difficulty - request.difficulty))
        drafts.remove(chosen)
        return chosen

    def _keep(self, interview_id: UUID, drafts: Sequence[QuestionDraft]) -> None:
        self._written[interview_id] = [*self._written.pop(interview_id, []), *drafts]
        while len(self._written) > MAX_PENDING:
            self._written.popitem(last=False)

    def _sourced(
        self, draft: QuestionDraft, request: QuestionRequest, calls: tuple[AiCall, ...] = ()
    ) -> Sourced:
        written_by = f"{self.provider.name}:{self.provider.model}"
        question = question_from_draft(draft, plan=request.plan, written_by=written_by)
        return Sourced(question=question, calls=calls)

    async def _write(self, request: QuestionRequest) -> Sourced:
        ready = self._take(request)
        if ready is not None:
            return self._sourced(ready, request)
        upcoming = request.upcoming[:MAX_BATCH] or (request.behavioral,)
        drafts = await self.provider.generate_questions(
            request.plan,
            count=len(upcoming),
            behavioral=request.behavioral,
            difficulty=request.difficulty,
            avoid=request.asked,
            behavioral_count=sum(upcoming),
        )
        if not drafts.questions:
            return Sourced(calls=drafts.calls, reason=f"fallback: {drafts.reason}")
        self._keep(request.interview_id, drafts.questions)
        chosen = self._take(request) or self._take(
            request.model_copy(update={"behavioral": not request.behavioral})
        )
        assert chosen is not None
        return self._sourced(chosen, request, drafts.calls)

    async def next_question(self, request: QuestionRequest) -> Sourced:
        task = self._pending.pop((request.interview_id, request.index), None)
        if task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                return await task
        return await self._write(request)

    async def follow_up(
        self, question: Question, answer: str, missed: Sequence[str]
    ) -> FollowUpText:
        written = await self.provider.write_follow_up(question, answer, missed)
        return FollowUpText(text=written.text, calls=written.calls, reason=written.reason)

    def prefetch(self, request: QuestionRequest) -> None:
        key = (request.interview_id, request.index)
        if not self.prefetching or key in self._pending or self._written.get(request.interview_id):
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
