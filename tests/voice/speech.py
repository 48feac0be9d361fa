"""Test recordings spoken by espeak-ng at test time, and silence, as WAV bytes."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import wave
from pathlib import Path

import pytest

ESPEAK = shutil.which("espeak-ng")
VOICE = ("-v", "en-us", "-s", "150")


def unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"required for the voice tests in CI: {reason}")
    pytest.skip(reason)


def speak(text: str, path: Path, *, ssml: bool = False) -> Path:
    """espeak-ng's US English voice at 150 words a minute; SSML for planted <break>s."""
    if ESPEAK is None:
        unavailable("espeak-ng is not installed (apt-get install espeak-ng)")
    assert ESPEAK is not None
    args = [ESPEAK, *VOICE, *(["-m"] if ssml else []), "-w", str(path), text]
    subprocess.run(args, check=True, capture_output=True, timeout=60)
    return path


def silence(seconds: float, *, rate: int = 16_000, noise: int = 0) -> bytes:
    """A WAV of silence (or of faint noise of `noise` amplitude, out of 32767)."""
    import numpy as np

    rng = np.random.default_rng(7)
    samples = rng.normal(0, noise, int(seconds * rate)) if noise else np.zeros(int(seconds * rate))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.astype("<i2").tobytes())
    return buffer.getvalue()


def duration(path: Path) -> float:
    with wave.open(str(path)) as wav:
        return wav.getnframes() / wav.getframerate()
