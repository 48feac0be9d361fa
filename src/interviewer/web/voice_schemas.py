"""Request and response bodies of voice answers: transcriptions, delivery, capabilities."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from interviewer.core.delivery import Delivery, Speech, SpokenWord
from interviewer.voice.base import Transcript


class SpokenWordCreate(BaseModel):
    model_config = ConfigDict(extra="ignore")

    word: str = Field(max_length=100)
    start: float = Field(ge=0, le=3600)
    end: float = Field(ge=0, le=3600)


class SpeechCreate(BaseModel):
    """The `delivery` of a voice answer: the words and timings its transcription returned,
    sent back as they came (extra fields such as `probability` are ignored)."""

    model_config = ConfigDict(extra="ignore")

    words: list[SpokenWordCreate] = Field(default_factory=list, max_length=5_000)
    duration_seconds: float = Field(default=0.0, ge=0, le=3600)

    def to_speech(self) -> Speech:
        return Speech(
            words=tuple(SpokenWord(word=w.word, start=w.start, end=w.end) for w in self.words),
            duration_s=self.duration_seconds,
        )


class WordRead(BaseModel):
    word: str
    start: float = Field(description="Seconds from the start of the recording.")
    end: float
    probability: float


class TranscriptionRead(BaseModel):
    text: str = Field(description="Put it in the answer box to correct before sending.")
    words: list[WordRead]
    duration_seconds: float
    message: str = Field(description='Said when there is no text, e.g. "No speech was heard".')
    delivery: Delivery | None = Field(
        description="A preview of the delivery figures for this recording (pace, fillers, "
        "pauses, hedges, length), each against its good range."
    )
    engine: str
    compute_seconds: float
    audio_kept: bool = Field(description="False unless the server keeps recordings.")

    @classmethod
    def of(
        cls, transcript: Transcript, *, delivery: Delivery | None, kept: bool
    ) -> TranscriptionRead:
        return cls(
            text=transcript.text,
            words=[WordRead.model_validate(w.model_dump()) for w in transcript.words],
            duration_seconds=transcript.duration_s,
            message=transcript.message,
            delivery=delivery,
            engine=transcript.engine,
            compute_seconds=transcript.compute_s,
            audio_kept=kept,
        )


class TranscriptionCapability(BaseModel):
    available: bool
    engine: str
    model: str
    message: str = Field(description="Why it is off and what to do; empty when available.")
    max_bytes: int
    max_seconds: float
    formats: list[str]
    model_loaded: bool
    load_seconds: float | None = Field(description="How long the model took to load, once.")


class CapabilitiesRead(BaseModel):
    transcription: TranscriptionCapability
