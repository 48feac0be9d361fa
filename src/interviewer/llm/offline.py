"""The offline engine behind the provider protocol: bank questions, rule-based grading, no key."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from typing import get_args

from interviewer.banks.loader import BankSet
from interviewer.core import selection
from interviewer.core.ability import item_location
from interviewer.core.model import Ability, Evaluation, Plan, Question
from interviewer.core.service import nearest_track
from interviewer.grading.grader import grade_answer
from interviewer.llm import injection
from interviewer.llm.base import Drafts, FollowUp, Narration, NarrativeInputs, QuestionDraft

DRAFT_KINDS = set(get_args(QuestionDraft.model_fields["kind"].annotation))


class OfflineProvider:
    """Same answer, same score; every AI provider falls back to this one."""

    name = "offline"
    model = "rules"
    free_roles = False
    prefetch = False

    def __init__(self, banks: BankSet | None = None) -> None:
        self.banks = banks

    async def generate_questions(
        self,
        plan: Plan,
        *,
        count: int = 1,
        behavioral: bool = False,
        difficulty: int = 3,
        avoid: Sequence[str] = (),
        behavioral_count: int | None = None,
    ) -> Drafts:
        """Bank items for the plan's track (the nearest track for a free role)."""
        if self.banks is None:
            return Drafts((), reason="no question banks loaded")
        known = set(self.banks.banks)
        track = "behavioral" if behavioral and "behavioral" in known else plan.track
        if track not in known:
            track = nearest_track(plan.role or plan.track, known) or ""
        if track not in known:
            return Drafts((), reason=f"no bank track near {plan.role or plan.track!r}")
        pool = [i for i in self.banks.banks[track].items if i.kind in DRAFT_KINDS]
        drafts: list[QuestionDraft] = []
        asked = set(avoid)
        theta = item_location(difficulty)
        for n in range(count):
            item = selection.pick_item(
                [i for i in pool if i.text not in asked],
                plan=plan,
                ability=Ability(theta=theta),
                asked_here=set(),
                asked_before=set(),
                topics_here=Counter(d.topic for d in drafts),
                rng=random.Random(f"{plan.seed}:{n}:{len(avoid)}"),
            )
            if item is None:
                break
            asked.add(item.text)
            drafts.append(
                QuestionDraft(
                    topic=item.topic,
                    difficulty=item.difficulty,
                    kind=item.kind,  # type: ignore[arg-type]
                    text=item.text,
                    hint=item.hint,
                    reference=item.reference,
                    key_points=[kp.point for kp in item.key_points],
                )
            )
        return Drafts(tuple(drafts))

    def grade_now(self, question: Question, answer: str) -> Evaluation:
        """The deterministic grade, flagged when the answer addresses the grader."""
        evaluation = grade_answer(question, answer)
        if injection.detect(answer) and injection.FLAG not in evaluation.flags:
            evaluation = evaluation.model_copy(
                update={"flags": (*evaluation.flags, injection.FLAG)}
            )
        return evaluation

    async def grade(
        self, question: Question, answer: str, *, plan: Plan | None = None
    ) -> Evaluation:
        return self.grade_now(question, answer)

    async def write_follow_up(
        self, question: Question, answer: str, missed: Sequence[str]
    ) -> FollowUp:
        return FollowUp("", reason="the offline engine uses the bank's follow-up")

    async def write_narrative(self, inputs: NarrativeInputs) -> Narration:
        report = inputs.report
        return Narration(report.strengths, report.areas_to_improve, report.summary)
