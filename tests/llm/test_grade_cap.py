"""One scale for every grader: the AI prompt carries the rubric anchors and the misconceptions,
and an answer the offline grader finds without substance is capped at the offline grade."""

from __future__ import annotations

import json

import pytest

from interviewer.banks.schema import Misconception
from interviewer.grading import flags
from interviewer.grading.grader import grade_answer
from interviewer.llm.base import GradeOut
from tests.llm.fake_server import FakeModelServer
from tests.llm.test_providers import QUESTION as CANARY
from tests.llm.test_providers import make

QUESTION = CANARY.model_copy(
    update={
        "misconceptions": (
            Misconception(
                claim="A canary release sends all users to the new version at once",
                correction="Only a small share of traffic goes to the new version at first.",
            ),
        )
    }
)
REAL_ANSWER = (
    "A canary release sends a small share of traffic to the new version first. "
    "We watch error rates and latency, and roll back if they get worse, so a bad release "
    "only ever reaches a few users."
)
NON_ANSWERS = [".", "ok", "idk", "I don't know.", "asdkjh qwkejhq zxcmnbv lkjhgf poiuyt"]


@pytest.mark.parametrize("answer", NON_ANSWERS)
async def test_a_gullible_model_is_capped_at_the_offline_grade(
    provider: str, model_server: FakeModelServer, answer: str
):
    model_server.scores = (10, 10, 10)
    evaluation = await make(provider, model_server).grade(QUESTION, answer)
    offline = grade_answer(QUESTION, answer)
    assert evaluation.technical == offline.technical <= 3
    assert evaluation.communication == offline.communication
    assert evaluation.confidence == offline.confidence
    assert set(offline.flags) <= set(evaluation.flags)
    assert flags.CAPPING & set(evaluation.flags)
    if model_server.seen:  # "." is empty: no model is asked
        assert flags.CAPPED_BY_OFFLINE in evaluation.flags
        assert "capped at the offline grade" in evaluation.rationale
        assert evaluation.graded_by == f"{provider}:fake-model"


async def test_a_real_answer_keeps_the_ai_score(provider: str, model_server: FakeModelServer):
    model_server.scores = (9, 8, 9)
    evaluation = await make(provider, model_server).grade(QUESTION, REAL_ANSWER)
    assert not flags.CAPPING & set(grade_answer(QUESTION, REAL_ANSWER).flags)
    assert (evaluation.technical, evaluation.communication, evaluation.confidence) == (9, 8, 9)
    assert flags.CAPPED_BY_OFFLINE not in evaluation.flags
    assert "capped" not in evaluation.rationale


async def test_the_prompt_anchors_the_scale_and_lists_misconceptions(
    provider: str, model_server: FakeModelServer
):
    await make(provider, model_server).grade(QUESTION, REAL_ANSWER)
    [seen] = model_server.seen
    for anchor in (
        "10 = every key point stated correctly, no misconception",
        "8 = most key points",
        "5 = about half the key points",
        "2 = almost nothing correct, or a misconception central to the answer",
    ):
        assert anchor in seen.system
    assert seen.system.count("10 = ") == 3 and seen.system.count("2 = ") >= 3
    misconceptions = seen.prompt.split("<<data misconceptions ")[1].split("<<end misconceptions")[0]
    assert "all users to the new version at once" in misconceptions
    assert "Only a small share of traffic" in misconceptions
    instruction = seen.system.split("Reply with JSON only")[1]
    assert instruction.index('"reasoning"') < instruction.index('"technical"')


def test_the_output_model_asks_for_reasoning_first():
    assert next(iter(GradeOut.model_fields)) == "reasoning"
    assert next(iter(GradeOut.model_json_schema()["properties"])) == "reasoning"
    without = json.dumps({"technical": 5, "communication": 5, "confidence": 5,
                          "rationale": "r", "feedback": "f"})  # fmt: skip
    with pytest.raises(ValueError):
        GradeOut.model_validate_json(without)
