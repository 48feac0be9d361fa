"""Build the configured provider from Settings. Keys are read from the environment when needed."""

from __future__ import annotations

from interviewer.banks.loader import BankSet
from interviewer.config import Settings
from interviewer.llm.base import ChatModel, Provider
from interviewer.llm.engine import AiEngine
from interviewer.llm.offline import OfflineProvider
from interviewer.llm.resilience import Policy, ResilientProvider

PROVIDERS = ("offline", "gemini", "openai")


def policy_from(settings: Settings) -> Policy:
    return Policy(
        timeout_s=settings.ai_timeout_s,
        retries=settings.ai_retries,
        backoff_s=settings.ai_backoff_s,
        max_retry_after_s=settings.ai_max_retry_after_s,
        grading_temperature=settings.ai_grading_temperature,
        generation_temperature=settings.ai_generation_temperature,
        failures_to_open=settings.ai_breaker_failures,
        cooldown_s=settings.ai_breaker_cooldown_s,
    )


def build_provider(settings: Settings, *, banks: BankSet | None = None) -> Provider:
    offline = OfflineProvider(banks)
    if settings.ai_provider == "offline":
        return offline
    chat: ChatModel
    if settings.ai_provider == "gemini":
        from interviewer.llm.gemini import GeminiModel  # the SDKs load only when used

        chat = GeminiModel(model=settings.ai_model, base_url=settings.gemini_base_url)
    else:
        from interviewer.llm.openai_compat import OpenAICompatModel

        chat = OpenAICompatModel(
            model=settings.ai_model,
            base_url=settings.openai_base_url,
            structured=settings.openai_structured,
        )
    return ResilientProvider(chat, offline=offline, policy=policy_from(settings))


def build_engine(settings: Settings, *, banks: BankSet | None = None) -> AiEngine | None:
    """The AI engine for the configured provider; None for the offline default."""
    if settings.ai_provider == "offline":
        return None
    return AiEngine(build_provider(settings, banks=banks), prefetch=settings.ai_prefetch)
