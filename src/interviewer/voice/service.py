"""Transcribing a candidate's recorded answer: caps, the bounded queue, and no audio kept.

The recording stays in memory: it is decoded from the uploaded bytes, transcribed and
dropped, and never leaves this server. Only with INTERVIEWER_KEEP_AUDIO set (a directory, for
checking recognition) is a copy written there.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from pathlib import Path

from interviewer.config import Settings
from interviewer.errors import DomainError, InvalidInput, PayloadTooLarge
from interviewer.voice import setup, whisper
from interviewer.voice.audio import decode
from interviewer.voice.base import AudioRejected, Transcriber, Transcript
from interviewer.voice.queue import BoundedQueue, QueueFull

log = logging.getLogger(__name__)


class TranscriptionNotInstalled(DomainError):
    status_code = 501
    code = "transcription_not_installed"


class TranscriptionBusy(DomainError):
    status_code = 503
    code = "transcription_busy"

    def __init__(self, message: str, *, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:g} MB"


class VoiceService:
    def __init__(self, settings: Settings, *, transcriber: Transcriber | None = None) -> None:
        self.settings = settings
        self.setup = (
            setup.Setup(True, None, transcriber.name, "")
            if transcriber is not None
            else setup.find(settings)
        )
        if transcriber is None and self.setup.available and self.setup.model_dir is not None:
            transcriber = whisper.WhisperTranscriber(
                self.setup.model_dir,
                compute_type=settings.stt_compute_type,
                beam_size=settings.stt_beam_size,
                threads=settings.stt_threads,
                label=self.setup.model,
            )
        self.transcriber = transcriber
        self.queue = BoundedQueue(workers=settings.stt_workers, waiting=settings.stt_queue)

    @property
    def available(self) -> bool:
        return self.transcriber is not None

    @property
    def load_seconds(self) -> float | None:
        folder = self.setup.model_dir
        return whisper.load_seconds.get(str(folder)) if folder is not None else None

    def check_size(self, size: int) -> None:
        if size > self.settings.voice_max_bytes:
            raise PayloadTooLarge(
                f"The recording is {_megabytes(size)}; the limit is "
                f"{_megabytes(self.settings.voice_max_bytes)}. Record a shorter answer, or "
                "type it.",
                field="audio",
            )

    async def transcribe(
        self, data: bytes, *, vocabulary: Sequence[str] = (), suffix: str = ""
    ) -> Transcript:
        transcriber = self.transcriber
        if transcriber is None:
            raise TranscriptionNotInstalled(self.setup.message, field="audio")
        self.check_size(len(data))
        if self.settings.keep_audio is not None:
            self._keep(data, self.settings.keep_audio, suffix)
        max_seconds = self.settings.voice_max_seconds

        def job() -> Transcript:
            return transcriber.transcribe(
                decode(data, max_seconds=max_seconds), vocabulary=vocabulary
            )

        try:
            return await self.queue.run(job)
        except QueueFull as busy:
            raise TranscriptionBusy(
                "Transcription is busy with other answers right now; try again in "
                f"{busy.retry_after_s} s, or type your answer.",
                retry_after_s=busy.retry_after_s,
            ) from busy
        except AudioRejected as rejected:
            if rejected.too_large:
                raise PayloadTooLarge(str(rejected), field="audio") from rejected
            raise InvalidInput(str(rejected), field="audio") from rejected

    def _keep(self, data: bytes, folder: Path, suffix: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{uuid.uuid4()}{suffix}"
        path.write_bytes(data)
        log.info("kept a recording at %s (INTERVIEWER_KEEP_AUDIO)", path)

    def close(self) -> None:
        self.queue.close()
