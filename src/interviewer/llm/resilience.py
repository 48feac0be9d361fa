"""Timeouts, bounded retries, validated output and the offline fallback around a chat model.

Per call: a timeout; 429, 5xx and lost connections retried up to `retries` times with
exponential backoff and jitter (a Retry-After header is honoured, up to a ceiling); output
parsed and validated with pydantic, with one repair request when it is invalid. When all that
fails the job falls back to the offline engine and the result says so. Every request made is
returned as an AiCall for the audit table. Nothing here raises because a model failed.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from interviewer.core.formatting import plural
from interviewer.core.model import (
    DIMENSIONS,
    AiCall,
    CoveredPoint,
    Evaluation,
    Plan,
    Question,
)
from interviewer.grading import flags
from interviewer.grading.rubric import widen_quote
from interviewer.llm import injection
from interviewer.llm.base import (
    ChatModel,
    Drafts,
    FollowUp,
    FollowUpOut,
    GradeOut,
    Narration,
    NarrativeInputs,
    NarrativeOut,
    PingOut,
    ProviderError,
    QuestionDrafts,
)
from interviewer.llm.breaker import CircuitBreaker
from interviewer.llm.offline import OfflineProvider
from interviewer.llm.output import parse_output
from interviewer.llm.prompts import (
    Prompt,
    follow_up_prompt,
    grade_prompt,
    narrative_prompt,
    ping_prompt,
    questions_prompt,
    repair_prompt,
)

Out = TypeVar("Out", bound=BaseModel)
T = TypeVar("T")


@dataclass(frozen=True)
class Policy:
    timeout_s: float = 30.0
    retries: int = 2
    backoff_s: float = 0.5
    max_retry_after_s: float = 20.0
    grading_temperature: float = 0.1
    generation_temperature: float = 0.7
    failures_to_open: int = 3
    """Failed calls in a row after which the provider is not asked for `cooldown_s`."""
    cooldown_s: float = 30.0


@dataclass(frozen=True)
class Attempted(Generic[T]):
    """A job's outcome: the validated output (or None), every call made, why it failed."""

    value: T | None
    calls: tuple[AiCall, ...]
    reason: str = ""
    """Short, for graded_by / generated_by ("HTTP 500", "timeout", "invalid output")."""
    detail: str = ""
    """What happened and what to do, for `interviewer doctor` (never holds a key)."""


def _short(outcome: str) -> str:
    if outcome.startswith("http_"):
        return f"HTTP {outcome[5:]}"
    return {"not_configured": "no API key"}.get(outcome, outcome.replace("_", " "))


def _problem(exc: ValueError) -> str:
    if not isinstance(exc, ValidationError):
        return str(exc)
    errors = exc.errors()
    if not errors:
        return "invalid output"
    where = ".".join(str(p) for p in errors[0]["loc"]) or "output"
    return f"{where}: {errors[0]['msg']}"


class ResilientProvider:
    """The three jobs on a chat model, each falling back to the offline engine."""

    free_roles = True
    prefetch = True

    def __init__(
        self,
        chat: ChatModel,
        *,
        offline: OfflineProvider | None = None,
        policy: Policy | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.chat = chat
        self.offline = offline or OfflineProvider()
        self.policy = policy or Policy()
        self.rng = rng or random.Random()
        self.name = chat.name
        self.model = chat.model
        self.breaker = CircuitBreaker(
            failures_to_open=self.policy.failures_to_open, cooldown_s=self.policy.cooldown_s
        )

    def __repr__(self) -> str:
        return f"ResilientProvider({self.chat!r}, policy={self.policy!r})"

    @property
    def label(self) -> str:
        return f"{self.name}:{self.model}"

    def _delay(self, attempt: int, retry_after: float | None) -> float | None:
        """Seconds to wait before the next attempt; None when the server asks for too long."""
        backoff: float = self.policy.backoff_s * 2.0**attempt
        backoff += self.rng.uniform(0, self.policy.backoff_s)
        if retry_after is None:
            return backoff
        if retry_after > self.policy.max_retry_after_s:
            return None
        return max(retry_after, 0.0)

    def _record(
        self,
        prompt: Prompt,
        temperature: float,
        started: float,
        outcome: str,
        *,
        tokens: tuple[int, int] = (0, 0),
        raw: str | None = None,
    ) -> AiCall:
        return AiCall(
            purpose=prompt.purpose,
            provider=self.name,
            model=self.model,
            temperature=temperature,
            prompt_version=prompt.version,
            latency_ms=round((time.monotonic() - started) * 1000),
            tokens_in=tokens[0],
            tokens_out=tokens[1],
            outcome=outcome,
            raw_output=raw,
        )

    async def call(
        self, prompt: Prompt, schema: type[Out], *, temperature: float, keep_raw: bool = False
    ) -> Attempted[Out]:
        """One job's calls, through the circuit breaker: an outage (timeouts, errors after the
        retries) counts against the provider; output the model got wrong does not."""
        if not self.breaker.allows():
            wait = round(self.breaker.retry_in())
            detail = (
                f"The AI provider failed {plural(self.breaker.failures, 'time')} in a row; the "
                f"offline engine answers until it is tried again in {wait} s."
            )
            return Attempted(None, (), "circuit open", detail)
        attempted = await self._call(prompt, schema, temperature=temperature, keep_raw=keep_raw)
        if attempted.value is not None or attempted.reason == "invalid output":
            self.breaker.succeeded()
        else:
            self.breaker.failed()
        return attempted

    async def _call(
        self, prompt: Prompt, schema: type[Out], *, temperature: float, keep_raw: bool = False
    ) -> Attempted[Out]:
        calls: list[AiCall] = []
        current = prompt
        repaired = False
        attempt = 0
        while True:
            started = time.monotonic()
            try:
                async with asyncio.timeout(self.policy.timeout_s):
                    completion = await self.chat.complete(
                        system=current.system,
                        prompt=current.user,
                        schema=schema,
                        temperature=temperature,
                        timeout_s=self.policy.timeout_s,
                        max_tokens=current.max_tokens,
                    )
            except TimeoutError:
                calls.append(self._record(current, temperature, started, "timeout"))
                detail = f"No answer within {self.policy.timeout_s} s (INTERVIEWER_AI_TIMEOUT_S)."
                return Attempted(None, tuple(calls), "timeout", detail)
            except ProviderError as exc:
                calls.append(self._record(current, temperature, started, exc.outcome))
                if exc.retryable and attempt < self.policy.retries:
                    delay = self._delay(attempt, exc.retry_after)
                    if delay is not None:
                        attempt += 1
                        await asyncio.sleep(delay)
                        continue
                return Attempted(None, tuple(calls), _short(exc.outcome), exc.message)
            except Exception as exc:  # an SDK surprise must not reach the candidate
                calls.append(self._record(current, temperature, started, "error"))
                name = type(exc).__name__
                return Attempted(None, tuple(calls), f"error {name}", f"Unexpected {name}.")
            tokens = (completion.tokens_in, completion.tokens_out)
            raw = completion.text if keep_raw else None
            try:
                value = parse_output(completion.text, schema)
            except ValueError as exc:
                calls.append(
                    self._record(
                        current, temperature, started, "invalid_output", tokens=tokens, raw=raw
                    )
                )
                if repaired:
                    detail = f"The model's output did not match the format: {_problem(exc)}"
                    return Attempted(None, tuple(calls), "invalid output", detail)
                repaired = True
                current = repair_prompt(prompt, completion.text, _problem(exc))
                continue
            calls.append(self._record(current, temperature, started, "ok", tokens=tokens, raw=raw))
            return Attempted(value, tuple(calls))

    # the three jobs

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
        prompt = questions_prompt(
            plan,
            count=count,
            behavioral=behavioral,
            difficulty=difficulty,
            avoid=avoid,
            behavioral_count=behavioral_count,
        )
        result = await self.call(
            prompt, QuestionDrafts, temperature=self.policy.generation_temperature
        )
        if result.value is None:
            return Drafts((), result.calls, result.reason)
        seen = {a.strip().lower() for a in avoid}
        fresh = tuple(q for q in result.value.questions if q.text.strip().lower() not in seen)
        return Drafts(fresh[:count], result.calls, "" if fresh else "only repeated questions")

    async def grade(
        self, question: Question, answer: str, *, plan: Plan | None = None
    ) -> Evaluation:
        offline = self.offline.grade_now(question, answer)
        if flags.EMPTY in offline.flags or question.task is not None:
            return offline  # nothing to judge, or a formula the workbook computes exactly
        temperature = self.policy.grading_temperature
        result = await self.call(
            grade_prompt(question, answer, plan), GradeOut, temperature=temperature, keep_raw=True
        )
        latency_ms = sum(c.latency_ms for c in result.calls)
        tokens_in = sum(c.tokens_in for c in result.calls)
        tokens_out = sum(c.tokens_out for c in result.calls)
        if result.value is None:
            note = (
                f"The AI grader ({self.name}) was unavailable ({result.reason}), so this answer "
                "was graded by the offline engine."
            )
            return offline.model_copy(
                update={
                    "latency_ms": latency_ms,
                    "tokens_in": tokens_in,
                    "tokens_out": tokens_out,
                    "calls": result.calls,
                    "graded_by": f"offline (fallback: {result.reason})"[:60],
                    "feedback": f"{note}\n\n{offline.feedback}",
                    "flags": (*offline.flags, "fallback"),
                }
            )
        out = result.value
        lowered = answer.lower()
        evaluation = Evaluation(
            technical=out.technical,
            communication=out.communication,
            confidence=out.confidence,
            rationale=out.rationale,
            feedback=out.feedback,
            examples_or_corrections=out.examples_or_corrections,
            resources=question.resources,
            covered=tuple(
                CoveredPoint(point=c.point, quote=widen_quote(answer, c.quote))
                for c in out.covered
                if c.quote.strip() and c.quote.strip().lower() in lowered
            ),
            missed=tuple(out.missed),
            flags=tuple(f for f in offline.flags if f in {"off_topic", "misconception"}),
            graded_by=self.label[:60],
            latency_ms=latency_ms,
            tokens_in=tokens_in,
            tokens_out=tokens_out,
            calls=result.calls,
        )
        reasons = injection.detect(answer)
        if reasons or out.addresses_grader:
            evaluation = _capped(evaluation, offline, reasons or ["the model saw it"])
        if flags.CAPPING & set(offline.flags):
            evaluation = capped_by_offline(evaluation, offline)
        return evaluation

    async def write_follow_up(
        self, question: Question, answer: str, missed: Sequence[str]
    ) -> FollowUp:
        result = await self.call(
            follow_up_prompt(question, answer, missed),
            FollowUpOut,
            temperature=self.policy.generation_temperature,
        )
        if result.value is None:
            return FollowUp("", result.calls, result.reason)
        return FollowUp(result.value.text.strip(), result.calls)

    async def write_narrative(self, inputs: NarrativeInputs) -> Narration:
        prompt = narrative_prompt(inputs.plan, inputs.report, inputs.turns)
        result = await self.call(
            prompt, NarrativeOut, temperature=self.policy.generation_temperature
        )
        if result.value is None:
            fallback = await self.offline.write_narrative(inputs)
            return Narration(
                fallback.strengths,
                fallback.areas_to_improve,
                fallback.summary,
                result.calls,
                result.reason,
            )
        out = result.value
        return Narration(
            tuple(out.strengths), tuple(out.areas_to_improve), out.summary, result.calls
        )

    async def ping(self) -> Attempted[PingOut]:
        """One tiny call (for `interviewer doctor`)."""
        return await self.call(ping_prompt(), PingOut, temperature=0.0)


def _capped(evaluation: Evaluation, offline: Evaluation, reasons: Sequence[str]) -> Evaluation:
    """An answer that addresses the grader scores no higher than the offline grader gives it."""
    note = (
        "This answer speaks to the grader instead of the interviewer "
        f"({', '.join(reasons)}); its scores are capped at the rule-based grade."
    )
    return evaluation.model_copy(
        update={
            "technical": min(evaluation.technical, offline.technical),
            "communication": _at_most(evaluation.communication, offline.communication),
            "confidence": _at_most(evaluation.confidence, offline.confidence),
            "rationale": f"{note} {evaluation.rationale}",
            "feedback": f"{note}\n\n{evaluation.feedback}",
            "flags": (*evaluation.flags, injection.FLAG),
        }
    )


CAP_REASONS = {
    flags.EMPTY: "there is no answer",
    flags.GIBBERISH: "the text is not readable",
    flags.COPIED_QUESTION: "it repeats the question",
    flags.COPIED_REFERENCE: "it pastes the expected points without explaining them",
    flags.DONT_KNOW: "it says it does not know",
    flags.OFF_TOPIC: "it does not address the question",
    flags.TOO_SHORT: "it is too short to show anything",
    flags.KEYWORD_LIST: "it lists terms without saying anything about them",
    flags.WORD_SALAD: "its words do not form sentences",
}


def capped_by_offline(evaluation: Evaluation, offline: Evaluation) -> Evaluation:
    """An answer the offline grader finds without substance scores no higher than it does:
    one scale for every grader, and a model that awards 10/10 to "ok" is overruled."""
    capped = {
        "technical": min(evaluation.technical, offline.technical),
        "communication": _at_most(evaluation.communication, offline.communication),
        "confidence": _at_most(evaluation.confidence, offline.confidence),
    }
    carried = tuple(dict.fromkeys((*evaluation.flags, *offline.flags)))
    if all(capped[d] == evaluation.score(d) for d in DIMENSIONS):
        return evaluation.model_copy(update={"flags": carried})
    found = [f for f in offline.flags if f in flags.CAPPING]
    why = "; ".join(CAP_REASONS.get(f, f.replace("_", " ")) for f in found)
    note = (
        f"The AI grader's scores ({evaluation.technical}/{evaluation.communication}/"
        f"{evaluation.confidence}) were capped at the offline grade (technical "
        f"{offline.technical}, communication {offline.communication}, confidence "
        f"{offline.confidence}) because {why}."
    )
    return evaluation.model_copy(
        update={
            **capped,
            "rationale": f"{note} {offline.rationale} The AI grader read: {evaluation.rationale}",
            "feedback": f"{note}\n\n{offline.feedback}",
            "flags": (*carried, flags.CAPPED_BY_OFFLINE),
        }
    )


def _at_most(score: int | None, cap: int | None) -> int | None:
    if score is None or cap is None:
        return None
    return min(score, cap)
