"""The engine's choices, pure: adaptation, topic coverage, no repeats, follow-ups, stopping."""

from __future__ import annotations

import random
import uuid
from collections import Counter

from interviewer.banks.loader import BankSet
from interviewer.banks.schema import BankItem
from interviewer.core import selection
from interviewer.core.ability import Observation, credit_from_score, estimate
from interviewer.core.model import Ability, Evaluation, Mode, Plan, Turn


def simulate(banks: BankSet, *, technical: int, length: int = 8, seed: int = 3) -> list[BankItem]:
    """Run the selection loop for a candidate who always scores `technical`."""
    plan = Plan(track="excel", role="Analyst", length=length, seed=seed)
    bank = banks.track("excel")
    assert bank is not None
    asked: list[BankItem] = []
    ability = Ability()
    while len(asked) < length:
        item = selection.pick_item(
            bank.items,
            plan=plan,
            ability=ability,
            asked_here={i.id for i in asked},
            asked_before=set(),
            topics_here=Counter(i.topic for i in asked),
            rng=random.Random(f"{seed}:{len(asked)}"),
        )
        assert item is not None
        asked.append(item)
        ability = estimate([Observation(i.difficulty, credit_from_score(technical)) for i in asked])
    return asked


def test_a_strong_candidate_gets_harder_questions_than_a_weak_one(banks: BankSet):
    strong = simulate(banks, technical=10)
    weak = simulate(banks, technical=2)
    mean = lambda items: sum(i.difficulty for i in items) / len(items)  # noqa: E731
    assert mean(strong[2:]) > mean(weak[2:]) + 1.5
    assert strong[-1].difficulty >= 4 and weak[-1].difficulty <= 2


def test_topics_are_covered_before_any_repeats(banks: BankSet):
    asked = simulate(banks, technical=6, length=14)
    topics = [i.topic for i in asked]
    assert len(set(topics)) == len(topics)


def test_same_seed_same_questions(banks: BankSet):
    assert simulate(banks, technical=6, seed=11) == simulate(banks, technical=6, seed=11)
    assert simulate(banks, technical=6, seed=11) != simulate(banks, technical=6, seed=12)


def test_items_from_earlier_interviews_wait_until_the_bank_runs_out(banks: BankSet):
    bank = banks.track("behavioral")
    assert bank is not None
    plan = Plan(track="behavioral", role="Lead")
    everything_but_one = {i.id for i in bank.items[1:]}
    pick = selection.pick_item(
        bank.items, plan=plan, ability=Ability(), asked_here=set(),
        asked_before=everything_but_one, topics_here=Counter(), rng=random.Random(1),
    )  # fmt: skip
    assert pick is not None and pick.id == bank.items[0].id
    all_seen = {i.id for i in bank.items}
    fallback = selection.pick_item(
        bank.items, plan=plan, ability=Ability(), asked_here=set(),
        asked_before=all_seen, topics_here=Counter(), rng=random.Random(1),
    )  # fmt: skip
    assert fallback is not None


def test_focus_topics_restrict_the_pool(banks: BankSet):
    bank = banks.track("excel")
    assert bank is not None
    plan = Plan(track="excel", role="Analyst", focus_topics=("lookups", "charts"))
    for n in range(6):
        item = selection.pick_item(
            bank.items, plan=plan, ability=Ability(), asked_here=set(), asked_before=set(),
            topics_here=Counter(), rng=random.Random(n),
        )  # fmt: skip
        assert item is not None and item.topic in {"lookups", "charts"}


def test_mixed_mode_alternates_technical_and_behavioral(banks: BankSet):
    pools = selection.Pools(
        track=banks.banks["excel"].items, behavioral=banks.banks["behavioral"].items
    )
    plan = Plan(track="excel", role="Analyst", mode=Mode.mixed)
    turns: list[Turn] = []
    kinds = []
    for n in range(4):
        pool = selection.pool_for_next(plan, turns, pools)
        item = pool[n]
        kinds.append(item.kind == "behavioral")
        turns.append(
            Turn(question=selection.question_from_item(item, new_id=uuid.uuid4(), seq=n + 1))
        )
    assert kinds == [False, True, False, True]


def _evaluation(covered: int, missed: list[str]) -> Evaluation:
    from interviewer.core.model import CoveredPoint

    return Evaluation(
        technical=3, communication=5, confidence=5, rationale="r", feedback="f",
        covered=tuple(CoveredPoint(point=f"p{i}", quote="q") for i in range(covered)),
        missed=tuple(missed),
    )  # fmt: skip


def test_one_follow_up_when_most_key_points_are_missed(banks: BankSet):
    item = next(i for i in banks.banks["excel"].items if i.kind != "excel_formula")
    question = selection.question_from_item(item, new_id=uuid.uuid4(), seq=1)
    missed = [kp.point for kp in item.key_points]
    evaluation = _evaluation(0, missed)
    turns = [Turn(question=question, evaluation=evaluation)]
    assert selection.needs_follow_up(question, evaluation, turns)
    follow_up = selection.follow_up_for(question, evaluation, new_id=uuid.uuid4(), seq=2)
    assert follow_up.parent_id == question.id and item.text in follow_up.text
    assert [kp.point for kp in follow_up.key_points] == missed
    turns.append(Turn(question=follow_up))
    assert not selection.needs_follow_up(question, evaluation, turns), "only one per question"
    assert not selection.needs_follow_up(follow_up, evaluation, turns), "never a follow-up's"
    good = _evaluation(len(item.key_points), [])
    assert not selection.needs_follow_up(question, good, [Turn(question=question)])


def test_stop_at_planned_length_or_when_the_estimate_settles():
    plan = Plan(track="excel", role="Analyst", length=3)
    turns = [Turn(question=_q(n)) for n in range(3)]
    assert selection.should_stop(plan, turns, Ability(sd=0.9))
    assert not selection.should_stop(plan, turns[:2], Ability(sd=0.9))
    long_plan = Plan(track="excel", role="Analyst", length=30)
    many = [Turn(question=_q(n)) for n in range(8)]
    assert selection.should_stop(long_plan, many, Ability(sd=0.2))
    assert not selection.should_stop(long_plan, many, Ability(sd=0.5))


def _q(n: int):
    from interviewer.core.model import Question

    return Question(
        id=uuid.uuid4(), seq=n + 1, track="excel", topic="lookups", difficulty=3,
        kind="conceptual", text="A question long enough", hint="A hint", reference="A reference",
    )  # fmt: skip
