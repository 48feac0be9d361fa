"""Each provider through its real SDK against the fake server, scenario by scenario."""

from __future__ import annotations

import json
import time
from uuid import uuid4

import pytest

from interviewer.banks.schema import KeyPoint
from interviewer.core.model import Level, Mode, Plan, Question
from interviewer.llm.base import NarrativeInputs, NotConfigured, PingOut
from interviewer.llm.registry import build_provider
from interviewer.llm.resilience import ResilientProvider
from tests.llm.conftest import KEY_VARIABLE, TEST_KEY, provider_settings
from tests.llm.fake_server import FakeModelServer, Reply

QUESTION = Question(
    id=uuid4(),
    seq=1,
    track="devops-engineer",
    topic="deployments",
    difficulty=3,
    kind="conceptual",
    text="What is a canary release, and why would you use one?",
    hint="Think about who sees the new version first.",
    reference="A canary release sends a small share of traffic to the new version first, "
    "watches its metrics, and rolls back if they get worse.",
    key_points=(KeyPoint(point="small share of traffic"), KeyPoint(point="roll back")),
)
ANSWER = (
    "A canary release sends a small share of traffic to the new version first. "
    "We watch error rates and roll back if they get worse."
)
PLAN = Plan(
    track="devops-engineer",
    role="DevOps engineer",
    level=Level.senior,
    mode=Mode.technical,
    job_description="We run Kubernetes on three clouds.",
)


def make(provider: str, server: FakeModelServer, **extra: object) -> ResilientProvider:
    built = build_provider(provider_settings(provider, server, **extra))
    assert isinstance(built, ResilientProvider)
    return built


async def test_good_output_is_the_evaluation(provider: str, model_server: FakeModelServer):
    evaluation = await make(provider, model_server).grade(QUESTION, ANSWER, plan=PLAN)
    assert evaluation.graded_by == f"{provider}:fake-model"
    assert (evaluation.technical, evaluation.communication, evaluation.confidence) == (8, 7, 7)
    assert evaluation.covered == ()  # a quote that is not in the answer is dropped
    assert evaluation.tokens_in > 0 and evaluation.tokens_out > 0
    [call] = evaluation.calls
    assert call.outcome == "ok" and call.purpose == "grade" and call.temperature == 0.1
    assert (
        call.prompt_version == "grade-v3" and call.raw_output and '"technical"' in call.raw_output
    )
    [seen] = model_server.seen
    assert seen.protocol == provider
    if provider == "gemini":
        config = seen.body["generationConfig"]
        assert config["temperature"] == 0.1
        assert config["responseMimeType"] == "application/json" and config["responseSchema"]
        assert config["maxOutputTokens"] == 900
        assert seen.headers.get("x-goog-api-key") == TEST_KEY
    else:
        assert seen.body["temperature"] == 0.1
        strict = seen.body["response_format"]
        assert strict["type"] == "json_schema" and strict["json_schema"]["strict"] is True
        schema = strict["json_schema"]["schema"]
        assert schema["additionalProperties"] is False
        assert list(schema["properties"])[0] == "reasoning", "reasoning before the scores"
        assert seen.body["max_tokens"] == 900
        assert seen.headers.get("authorization") == f"Bearer {TEST_KEY}"
    # the answer travels as delimited data, after the instructions, never inside them
    assert "Task: grade" in seen.system and ANSWER not in seen.system
    assert ANSWER in seen.prompt.split("<<data answer ")[1].split("<<end answer ")[0]
    assert "senior" in seen.prompt  # the level shapes the grading
    assert "Kubernetes" not in seen.prompt, "the job description is sent with questions only"


async def test_invalid_json_then_good_is_repaired(provider: str, model_server: FakeModelServer):
    model_server.then(Reply(text="{not json"))
    evaluation = await make(provider, model_server).grade(QUESTION, ANSWER)
    assert evaluation.graded_by == f"{provider}:fake-model"
    assert [c.outcome for c in evaluation.calls] == ["invalid_output", "ok"]
    assert evaluation.calls[1].prompt_version == "grade-v3+repair-v1"
    assert "{not json" in model_server.seen[1].prompt  # the broken reply went back as data


async def test_invalid_json_twice_falls_back(provider: str, model_server: FakeModelServer):
    model_server.then(Reply(text="{not json"), Reply(text='{"technical": 99}'))
    evaluation = await make(provider, model_server).grade(QUESTION, ANSWER)
    assert evaluation.graded_by == "offline (fallback: invalid output)"
    assert "graded by the offline engine" in evaluation.feedback
    assert [c.outcome for c in evaluation.calls] == ["invalid_output", "invalid_output"]
    assert "fallback" in evaluation.flags and evaluation.technical >= 5


async def test_429_with_retry_after_is_honoured(provider: str, model_server: FakeModelServer):
    model_server.then(Reply(status=429, headers={"Retry-After": "1"}))
    started = time.monotonic()
    evaluation = await make(provider, model_server).grade(QUESTION, ANSWER)
    elapsed = time.monotonic() - started
    assert evaluation.graded_by == f"{provider}:fake-model"
    assert [c.outcome for c in evaluation.calls] == ["http_429", "ok"]
    gap = model_server.seen[1].at - model_server.seen[0].at
    assert gap >= 0.95 and elapsed < 5


async def test_a_retry_after_beyond_the_ceiling_falls_back_at_once(
    provider: str, model_server: FakeModelServer
):
    model_server.then(Reply(status=429, headers={"Retry-After": "3600"}))
    started = time.monotonic()
    evaluation = await make(provider, model_server).grade(QUESTION, ANSWER)
    assert time.monotonic() - started < 2
    assert evaluation.graded_by.startswith("offline (fallback:") and "429" in evaluation.graded_by


async def test_repeated_500s_fall_back_after_bounded_retries(
    provider: str, model_server: FakeModelServer
):
    model_server.then(*[Reply(status=500) for _ in range(5)])
    evaluation = await make(provider, model_server).grade(QUESTION, ANSWER)
    assert [c.outcome for c in evaluation.calls] == ["http_500"] * 3  # 1 + 2 retries
    assert len(model_server.seen) == 3
    assert evaluation.graded_by.startswith("offline (fallback:") and "500" in evaluation.graded_by
    assert "unavailable" in evaluation.feedback


async def test_a_hang_past_the_timeout_falls_back(provider: str, model_server: FakeModelServer):
    model_server.then(Reply(delay=4.0))
    started = time.monotonic()
    evaluation = await make(provider, model_server, ai_timeout_s=0.5).grade(QUESTION, ANSWER)
    assert time.monotonic() - started < 2
    assert evaluation.graded_by == "offline (fallback: timeout)"
    assert [c.outcome for c in evaluation.calls] == ["timeout"]


async def test_an_empty_answer_costs_no_call(provider: str, model_server: FakeModelServer):
    evaluation = await make(provider, model_server).grade(QUESTION, "   ")
    assert evaluation.technical == 1 and "empty" in evaluation.flags
    assert model_server.seen == []


async def test_questions_for_a_free_role(provider: str, model_server: FakeModelServer):
    drafts = await make(provider, model_server).generate_questions(
        PLAN, count=1, behavioral=False, difficulty=4, avoid=["An old question?"]
    )
    [draft] = drafts.questions
    assert draft.kind == "scenario" and len(draft.key_points) == 3
    [call] = drafts.calls
    assert call.purpose == "questions" and call.temperature == 0.7 and call.raw_output is None
    prompt = model_server.seen[0].prompt
    assert "DevOps engineer" in prompt and "difficulty 4" in prompt and "An old question?" in prompt


async def test_question_failure_says_why(provider: str, model_server: FakeModelServer):
    model_server.then(*[Reply(status=503) for _ in range(3)])
    drafts = await make(provider, model_server).generate_questions(PLAN)
    assert drafts.questions == () and "503" in drafts.reason and len(drafts.calls) == 3


async def test_narrative_and_its_fallback(provider: str, model_server: FakeModelServer):
    from interviewer.core.model import Ability, Report

    report = Report(
        overall=60, averages={"technical": 6.0, "communication": 6.0, "confidence": 6.0},
        topic_scores={"deployments": 6.0}, strengths=("offline strength",),
        areas_to_improve=("offline area",), summary="The offline summary.", resources=(),
        question_count=1, answered_count=1, skipped_count=0, hints_used=0, duration_seconds=60,
        ability=Ability(), level_estimate="mid",
    )  # fmt: skip
    built = make(provider, model_server)
    written = await built.write_narrative(NarrativeInputs(PLAN, report, ()))
    assert "fake model" in written.summary and written.reason == ""
    model_server.then(Reply(text="nope"), Reply(text="still nope"))
    fallback = await built.write_narrative(NarrativeInputs(PLAN, report, ()))
    assert fallback.summary == "The offline summary." and fallback.reason == "invalid output"


async def test_missing_key_names_the_variable(
    provider: str, model_server: FakeModelServer, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv(KEY_VARIABLE[provider])
    settings = provider_settings(provider, model_server)
    if provider == "openai":  # a local server needs no key; api.openai.com does
        settings = settings.model_copy(update={"openai_base_url": ""})
    built = build_provider(settings)
    assert isinstance(built, ResilientProvider)
    result = await built.ping()
    assert result.value is None and KEY_VARIABLE[provider] in result.detail
    assert result.calls[0].outcome == "not_configured"
    evaluation = await built.grade(QUESTION, ANSWER)
    assert evaluation.graded_by == "offline (fallback: no API key)"
    with pytest.raises(NotConfigured, match=KEY_VARIABLE[provider]):
        await built.chat.complete(
            system="s", prompt="p", schema=PingOut, temperature=0, timeout_s=1
        )
    assert model_server.seen == []


async def test_a_local_openai_compatible_server_needs_no_key(model_server: FakeModelServer):
    built = make("openai", model_server)
    result = await built.ping()
    assert result.value is not None and result.value.ok
    assert model_server.seen[0].headers.get("authorization") == "Bearer unused"


async def test_fenced_json_is_accepted(provider: str, model_server: FakeModelServer):
    fenced = "```json\n" + json.dumps({"ok": True}) + "\n```"
    model_server.then(Reply(text=fenced))
    result = await make(provider, model_server).ping()
    assert result.value is not None and [c.outcome for c in result.calls] == ["ok"]


async def test_a_connection_reset_is_retried(provider: str, model_server: FakeModelServer):
    model_server.then(Reply(reset=True))
    evaluation = await make(provider, model_server).grade(QUESTION, ANSWER, plan=PLAN)
    assert evaluation.graded_by == f"{provider}:fake-model"
    assert [c.outcome for c in evaluation.calls] == ["unreachable", "ok"]
