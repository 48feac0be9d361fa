"""Which question comes next, when to follow up and when to stop. Pure functions."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from uuid import UUID

from interviewer.banks.schema import BankItem
from interviewer.core.ability import item_location
from interviewer.core.model import Ability, Evaluation, Mode, Plan, Question, Turn

BEHAVIORAL_TRACK = "behavioral"
SETTLED_SD = 0.3
MIN_QUESTIONS_BEFORE_EARLY_STOP = 6
FOLLOW_UP_COVERAGE_BELOW = 0.5


@dataclass(frozen=True)
class Pools:
    """The candidate items for the interview's track and for behavioral questions."""

    track: Sequence[BankItem]
    behavioral: Sequence[BankItem]


def main_turns(turns: Sequence[Turn]) -> list[Turn]:
    return [t for t in turns if t.question.parent_id is None]


def pool_for_next(plan: Plan, turns: Sequence[Turn], pools: Pools) -> Sequence[BankItem]:
    """Mixed mode alternates technical and behavioral questions, starting technical."""
    if plan.mode is Mode.behavioral or plan.track == BEHAVIORAL_TRACK:
        return pools.behavioral
    if plan.mode is Mode.mixed and len(main_turns(turns)) % 2 == 1 and pools.behavioral:
        return pools.behavioral
    return pools.track


def pick_item(
    pool: Sequence[BankItem],
    *,
    plan: Plan,
    ability: Ability,
    asked_here: Collection[str],
    asked_before: Collection[str],
    topics_here: Counter[str],
    rng: random.Random,
) -> BankItem | None:
    """The most informative unseen item on the least-covered topic.

    Items asked in earlier interviews come back only once the fitting items run out; the item
    whose difficulty sits nearest the ability estimate carries the most information.
    """
    fitting = [i for i in pool if plan.kind is None or i.kind == plan.kind]
    focused = [i for i in fitting if i.topic in plan.focus_topics]
    candidates = [i for i in (focused or fitting) if i.id not in asked_here]
    fresh = [i for i in candidates if i.id not in asked_before]
    candidates = fresh or candidates
    if not candidates:
        return None
    least = min(topics_here[i.topic] for i in candidates)
    candidates = [i for i in candidates if topics_here[i.topic] == least]
    best = min(abs(item_location(i.difficulty) - ability.theta) for i in candidates)
    nearest = [i for i in candidates if abs(item_location(i.difficulty) - ability.theta) == best]
    nearest.sort(key=lambda i: i.id)
    return rng.choice(nearest)


def should_stop(plan: Plan, turns: Sequence[Turn], ability: Ability) -> bool:
    asked = len(main_turns(turns))
    if asked >= plan.length:
        return True
    settled_early = asked >= MIN_QUESTIONS_BEFORE_EARLY_STOP and ability.sd < SETTLED_SD
    return settled_early


def missed_share(question: Question, evaluation: Evaluation) -> float:
    """The share of the key points the grader found missing (by meaning, not by quote)."""
    if not question.key_points:
        return 0.0
    missed = {m.strip().lower() for m in evaluation.missed if m.strip()}
    return min(len(missed), len(question.key_points)) / len(question.key_points)


def needs_follow_up(question: Question, evaluation: Evaluation, turns: Sequence[Turn]) -> bool:
    """One follow-up when an answer misses most key points; never a follow-up of a follow-up.

    Reads the grader's `missed` list: a point stated in other words is not missed, whatever
    the covered list quotes (a model's quote that is not in the answer is dropped).
    """
    if question.parent_id is not None or not question.key_points:
        return False
    if any(t.question.parent_id == question.id for t in turns):
        return False
    if {"empty", "gibberish", "prompt_injection"} & set(evaluation.flags):
        return False
    follow_ups_so_far = sum(1 for t in turns if t.question.parent_id is not None)
    if follow_ups_so_far >= max(1, len(main_turns(turns)) // 3 + 1):
        return False
    return 1 - missed_share(question, evaluation) < FOLLOW_UP_COVERAGE_BELOW


FOLLOW_UP_NOTE = (
    "Graded together with your first answer to this question, so a point made in either counts."
)


def graded_with_first_answer(
    question: Question, text: str, turns: Sequence[Turn]
) -> tuple[Question, str] | None:
    """For a follow-up: the question it follows, and both answers read as one answer to it."""
    if question.parent_id is None or question.task is not None or not text.strip():
        return None
    parent = next((t for t in turns if t.question.id == question.parent_id), None)
    if parent is None or parent.answer is None or not parent.answer.text.strip():
        return None
    return parent.question, f"{parent.answer.text.strip()}\n\n{text.strip()}"


def follow_up_for(
    question: Question, evaluation: Evaluation, *, new_id: UUID, seq: int
) -> Question:
    """A second chance on what the answer missed, graded only on those points."""
    missed = [kp for kp in question.key_points if kp.point in set(evaluation.missed)]
    text = (
        "Let's go one step further on that. "
        f"{question.hint} "
        f"With that in mind, what would you add to your answer? The question was: {question.text}"
    )
    return question.model_copy(
        update={
            "id": new_id,
            "seq": seq,
            "parent_id": question.id,
            "item_id": question.item_id,
            "difficulty": max(1, question.difficulty - 1),
            "text": text,
            "hint": "Cover: " + "; ".join(kp.point for kp in missed),
            "key_points": tuple(missed) or question.key_points,
            "hint_used": False,
            "skipped": False,
            "asked_at": None,
        }
    )


def question_from_item(item: BankItem, *, new_id: UUID, seq: int) -> Question:
    return Question(
        id=new_id,
        seq=seq,
        track=item.track,
        topic=item.topic,
        difficulty=item.difficulty,
        kind=item.kind,
        text=item.text,
        hint=item.hint,
        reference=item.reference,
        key_points=item.key_points,
        misconceptions=item.misconceptions,
        resources=item.resources,
        follow_ups=item.follow_ups,
        task=item.task,
        item_id=item.id,
    )
