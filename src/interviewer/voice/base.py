"""The one protocol transcription goes through, and what it returns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict

SAMPLE_RATE = 16_000
NO_SPEECH = (
    "No speech was heard in the recording. Check that the right microphone is on and close "
    "to you, then record again, or type your answer."
)

Samples = npt.NDArray[np.float32]
"""Mono audio at SAMPLE_RATE, -1..1."""


class TranscribedWord(BaseModel):
    model_config = ConfigDict(frozen=True)

    word: str
    start: float
    end: float
    probability: float


class Transcript(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    words: tuple[TranscribedWord, ...]
    duration_s: float
    """Length of the recording."""
    message: str = ""
    """Said when there is nothing to show, e.g. no speech was heard."""
    compute_s: float = 0.0
    engine: str = ""


class AudioRejected(Exception):
    """The upload cannot be transcribed: unreadable, too long, or too large."""

    def __init__(self, message: str, *, too_large: bool = False) -> None:
        super().__init__(message)
        self.too_large = too_large


class Transcriber(Protocol):
    """Speech to text with word timings. Blocking: call it off the event loop."""

    name: str

    def transcribe(self, samples: Samples, *, vocabulary: Sequence[str] = ()) -> Transcript: ...
