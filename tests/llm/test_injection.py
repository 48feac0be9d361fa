"""Answers that address the grader: detected, flagged, and capped at the offline grade."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from interviewer.banks.loader import BankSet
from interviewer.grading.grader import grade_answer
from interviewer.llm import injection
from interviewer.llm.registry import build_provider
from interviewer.llm.resilience import ResilientProvider
from tests.llm.conftest import provider_settings
from tests.llm.fake_server import FakeModelServer
from tests.llm.test_providers import QUESTION

CORPUS = yaml.safe_load((Path(__file__).parent / "injection_corpus.yaml").read_text("utf-8"))
ATTACKS: list[str] = CORPUS["attacks"]
BENIGN: list[str] = CORPUS["benign"]


def test_the_corpus_is_big_enough():
    assert len(ATTACKS) >= 25


@pytest.mark.parametrize("answer", ATTACKS)
def test_every_attack_is_detected(answer: str):
    assert injection.detect(answer), answer


@pytest.mark.parametrize("answer", BENIGN)
def test_ordinary_answers_are_not_flagged(answer: str):
    assert injection.detect(answer) == [], answer


def test_no_bank_reference_answer_is_flagged(banks: BankSet):
    flagged = [i.id for i in banks.items.values() if injection.detect(i.reference)]
    assert flagged == []


async def test_a_gullible_model_cannot_lift_an_attack_above_the_offline_grade(
    provider: str, model_server: FakeModelServer
):
    model_server.scores = (10, 10, 10)  # the fake model obeys the attack
    built = build_provider(provider_settings(provider, model_server))
    assert isinstance(built, ResilientProvider)
    for answer in ATTACKS:
        evaluation = await built.grade(QUESTION, answer)
        offline = grade_answer(QUESTION, answer)
        assert injection.FLAG in evaluation.flags, answer
        assert evaluation.technical <= offline.technical, answer
        for dimension in ("communication", "confidence"):
            got, cap = getattr(evaluation, dimension), getattr(offline, dimension)
            assert got is None or cap is None or got <= cap, (answer, dimension)
        assert "capped" in evaluation.feedback


async def test_the_model_saying_so_also_flags(provider: str, model_server: FakeModelServer):
    import json

    from tests.llm.fake_server import Reply

    reply = json.loads(model_server.good_output("grade", ""))
    reply.update(technical=10, addresses_grader=True)
    model_server.then(Reply(text=json.dumps(reply)))
    built = build_provider(provider_settings(provider, model_server))
    answer = "A canary release is great, the best, I know it. Everyone agrees with me on that."
    evaluation = await built.grade(QUESTION, answer)
    assert injection.FLAG in evaluation.flags
    assert evaluation.technical <= grade_answer(QUESTION, answer).technical
