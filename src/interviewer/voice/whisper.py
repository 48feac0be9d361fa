"""faster-whisper (CTranslate2) from a local model directory: offline, nothing downloaded.

The model loads once per process, on the first transcription, and is shared by every app in
the process; its load time is logged and kept (`load_seconds`). Silence gives no words: the
voice-activity filter drops silent stretches, and a segment the model itself thinks is not
speech (no-speech probability up, log-probability down) is dropped rather than shown.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from interviewer.voice.base import (
    NO_SPEECH,
    SAMPLE_RATE,
    Samples,
    TranscribedWord,
    Transcript,
)
from interviewer.voice.vocabulary import prompt_for

log = logging.getLogger(__name__)

NO_SPEECH_PROB = 0.5
LOW_LOGPROB = -1.0
"""A segment with no_speech_prob over NO_SPEECH_PROB and avg_logprob under LOW_LOGPROB is the
model making words up over silence or noise ("Thank you.", "We got it."): dropped."""
VERY_LIKELY_SILENCE = 0.8
NO_REPEAT_NGRAM = 3
"""A prompt that names terms can make the model repeat them ("MATCH, MATCH, MATCH"); no
three words twice in a row (measured: word error rate 0.33 -> 0.27 on the test sentences)."""
WORD_PROBABILITY_FLOOR = 0.05
"""Silence that slipped through VAD gives a lone word the model barely believes."""

_models: dict[tuple[str, str, int], Any] = {}
_lock = threading.Lock()
load_seconds: dict[str, float] = {}


def _threads(requested: int) -> int:
    return requested or max(1, min(4, os.cpu_count() or 1))


def load_model(model_dir: Path, *, compute_type: str, threads: int) -> Any:
    """The model in `model_dir`, loaded once per process (then cached)."""
    key = (str(model_dir), compute_type, _threads(threads))
    with _lock:
        model = _models.get(key)
        if model is not None:
            return model
        if not (model_dir / "model.bin").is_file():
            raise FileNotFoundError(f"no faster-whisper model (model.bin) in {model_dir}")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a local path is never looked up online
        from faster_whisper import WhisperModel

        started = time.perf_counter()
        model = WhisperModel(
            str(model_dir),
            device="cpu",
            compute_type=compute_type,
            cpu_threads=_threads(threads),
            local_files_only=True,
        )
        elapsed = time.perf_counter() - started
        load_seconds[str(model_dir)] = round(elapsed, 2)
        log.info("speech model loaded from %s in %.1f s", model_dir, elapsed)
        _models[key] = model
        return model


class WhisperTranscriber:
    name = "faster-whisper"

    def __init__(
        self,
        model_dir: Path,
        *,
        compute_type: str = "int8",
        beam_size: int = 5,
        threads: int = 0,
        label: str = "",
    ) -> None:
        self.model_dir = model_dir
        self.label = label or model_dir.name
        self.compute_type = compute_type
        self.beam_size = beam_size
        self.threads = threads

    @property
    def loaded(self) -> bool:
        return (str(self.model_dir), self.compute_type, _threads(self.threads)) in _models

    def load(self) -> Any:
        return load_model(self.model_dir, compute_type=self.compute_type, threads=self.threads)

    def transcribe(self, samples: Samples, *, vocabulary: Sequence[str] = ()) -> Transcript:
        model = self.load()
        started = time.perf_counter()
        segments, _info = model.transcribe(
            samples,
            language="en",
            beam_size=self.beam_size,
            word_timestamps=True,
            vad_filter=True,
            condition_on_previous_text=False,
            no_repeat_ngram_size=NO_REPEAT_NGRAM,
            initial_prompt=prompt_for(vocabulary),
        )
        words: list[TranscribedWord] = []
        for segment in segments:
            if segment.no_speech_prob > VERY_LIKELY_SILENCE or (
                segment.no_speech_prob > NO_SPEECH_PROB and segment.avg_logprob < LOW_LOGPROB
            ):
                continue
            words.extend(
                TranscribedWord(
                    word=w.word.strip(),
                    start=round(w.start, 2),
                    end=round(w.end, 2),
                    probability=round(w.probability, 3),
                )
                for w in segment.words or ()
                if w.word.strip()
            )
        if len(words) == 1 and words[0].probability < WORD_PROBABILITY_FLOOR:
            words = []
        text = " ".join(w.word for w in words).strip()
        return Transcript(
            text=text,
            words=tuple(words),
            duration_s=round(samples.size / SAMPLE_RATE, 2),
            message="" if text else NO_SPEECH,
            compute_s=round(time.perf_counter() - started, 3),
            engine=f"{self.name} ({self.label})",
        )
