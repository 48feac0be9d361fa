"""The provider protocol: three jobs (write questions, grade an answer, write the report's words).

Two layers, after simonw/llm and pydantic-ai:

- a *chat model* (gemini.py, openai_compat.py) is one class with one required async method,
  `complete`, that sends a system text and a user text and returns JSON text with token counts.
  Capabilities are class attributes; the key is looked up when needed.
- a *provider* does the three jobs. `offline.OfflineProvider` does them without a network;
  `resilience.ResilientProvider` does them with a chat model, behind timeouts, retries, output
  validation and a fallback to the offline provider.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from interviewer.core.model import AiCall, Evaluation, Plan, Question, Report, Turn


class ProviderError(Exception):
    """A model call that failed. `outcome` is what the audit record says ("http_429", ...)."""

    def __init__(
        self,
        message: str,
        *,
        outcome: str,
        retryable: bool = False,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.outcome = outcome
        self.retryable = retryable
        self.retry_after = retry_after


class NotConfigured(ProviderError):
    """The provider lacks its key (or model); the message says which variable to set."""

    def __init__(self, message: str) -> None:
        super().__init__(message, outcome="not_configured")


def lookup_key(*names: str, provider: str) -> str:
    """The first of the environment variables that is set; an error naming them otherwise."""
    for name in names:
        value = os.environ.get(name, "").strip()
        if value:
            return value
    wanted = " or ".join(names)
    raise NotConfigured(f"The {provider} provider needs an API key: set {wanted}.")


@dataclass(frozen=True)
class Completion:
    text: str
    tokens_in: int = 0
    tokens_out: int = 0


class ChatModel(Protocol):
    """One remote model behind an SDK. `complete` is the one method a provider file writes."""

    name: ClassVar[str]
    structured_output: ClassVar[bool]
    """Whether the server enforces a JSON schema (otherwise the schema goes in the prompt only)."""
    model: str

    async def complete(
        self,
        *,
        system: str,
        prompt: str,
        schema: type[BaseModel],
        temperature: float,
        timeout_s: float,
        max_tokens: int = 1024,
    ) -> Completion: ...


# What the models are asked to return. Kept flat (strings, ints, lists) so that every
# OpenAI-compatible server and Gemini's response_schema can express them.


class _Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


class QuestionDraft(_Out):
    topic: str = Field(min_length=2, max_length=80)
    difficulty: int = Field(ge=1, le=5)
    kind: Literal["conceptual", "scenario", "behavioral"]
    text: str = Field(min_length=15, max_length=1000)
    hint: str = Field(min_length=5, max_length=400)
    reference: str = Field(min_length=20, max_length=3000)
    key_points: list[str] = Field(min_length=2, max_length=8)


class QuestionDrafts(_Out):
    questions: list[QuestionDraft] = Field(min_length=1, max_length=10)


class CoveredOut(_Out):
    point: str
    quote: str


class GradeOut(_Out):
    reasoning: str = Field(min_length=1)
    """First, so that the model reasons about the key points before it writes any score."""
    technical: int = Field(ge=1, le=10)
    communication: int = Field(ge=1, le=10)
    confidence: int = Field(ge=1, le=10)
    rationale: str = Field(min_length=1)
    feedback: str = Field(min_length=1)
    examples_or_corrections: str = ""
    covered: list[CoveredOut] = Field(default_factory=list)
    missed: list[str] = Field(default_factory=list)
    addresses_grader: bool = False


class FollowUpOut(_Out):
    text: str = Field(min_length=15, max_length=600)


class NarrativeOut(_Out):
    strengths: list[str] = Field(max_length=8)
    areas_to_improve: list[str] = Field(max_length=8)
    summary: str = Field(min_length=10, max_length=3000)


class PingOut(_Out):
    ok: bool


@dataclass(frozen=True)
class Drafts:
    """Questions written for a profile, with the calls it took (or the reason there are none)."""

    questions: tuple[QuestionDraft, ...]
    calls: tuple[AiCall, ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class FollowUp:
    """A follow-up question's text written by a model (or "" with the reason)."""

    text: str
    calls: tuple[AiCall, ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class NarrativeInputs:
    plan: Plan
    report: Report
    turns: Sequence[Turn]


@dataclass(frozen=True)
class Narration:
    strengths: tuple[str, ...]
    areas_to_improve: tuple[str, ...]
    summary: str
    calls: tuple[AiCall, ...] = ()
    reason: str = ""


class Provider(Protocol):
    """The three jobs. Implemented by the offline engine and by every AI provider."""

    name: str
    model: str
    free_roles: bool
    """Writes questions for any role, not only the bank tracks."""
    prefetch: bool
    """Worth preparing the next question while the candidate answers (a remote call)."""

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
        """`count` questions in one call; `behavioral_count` of them behavioral (default: all
        when `behavioral`, else none)."""
        ...

    async def grade(
        self, question: Question, answer: str, *, plan: Plan | None = None
    ) -> Evaluation:
        """Never raises because a model failed: falls back and says so in `graded_by`."""
        ...

    async def write_narrative(self, inputs: NarrativeInputs) -> Narration: ...

    async def write_follow_up(
        self, question: Question, answer: str, missed: Sequence[str]
    ) -> FollowUp:
        """One question probing what the answer missed ("" when it cannot: use the template)."""
        ...
