"""Structured output on OpenAI-compatible servers: strict json_schema where the server takes
it, json_object where it does not, and a careless reply still used: every job one request."""

from __future__ import annotations

import pytest

from interviewer.llm.base import GradeOut, QuestionDrafts
from interviewer.llm.output import parse_output
from tests.llm.conftest import KEY_VARIABLE, TEST_KEY
from tests.llm.fake_server import FakeModelServer
from tests.llm.test_providers import ANSWER, PLAN, QUESTION, make


@pytest.fixture(autouse=True)
def _openai_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_VARIABLE["openai"], TEST_KEY)


async def _three_jobs(model_server: FakeModelServer) -> list[str]:
    provider = make("openai", model_server)
    graded = [await provider.grade(QUESTION, ANSWER, plan=PLAN) for _ in range(2)]
    drafts = await provider.generate_questions(PLAN, count=2)
    assert all(e.graded_by == "openai:fake-model" for e in graded), "fell back"
    assert all((e.technical, e.communication, e.confidence) == (8, 7, 7) for e in graded)
    assert drafts.questions and not drafts.reason
    return [s.body["response_format"]["type"] for s in model_server.seen]


async def test_a_strict_server_gets_the_json_schema_on_every_call(model_server: FakeModelServer):
    assert await _three_jobs(model_server) == ["json_schema"] * 3


async def test_a_server_without_json_schema_is_asked_once_then_sent_json_object(
    model_server: FakeModelServer,
):
    model_server.refuses_json_schema = True
    formats = await _three_jobs(model_server)
    assert formats == ["json_schema", "json_object", "json_object", "json_object"]
    hint = model_server.seen[-1].system
    assert '"technical": int' in hint or '"questions": [{' in hint


async def test_a_server_that_ignores_the_format_gets_each_job_once(model_server: FakeModelServer):
    model_server.loose = True
    assert len(await _three_jobs(model_server)) == 3, "no repair calls"


def test_lenient_reading_keeps_the_values_checked():
    loose = (
        'Sure! {"grade": {"reasoning": "ok", "scores": {"technical_score": "8/10", '
        '"Communication": 7, "confidence": 6.0}, "rationale": "r", "feedback": "f"}}'
    )
    out = parse_output(loose, GradeOut)
    assert (out.technical, out.communication, out.confidence) == (8, 7, 6)
    with pytest.raises(ValueError):
        parse_output('{"technical": "12/10", "reasoning": "x", "rationale": "r"}', GradeOut)
    with pytest.raises(ValueError):
        parse_output("no json here", QuestionDrafts)
