"""Decode an uploaded recording (webm/opus, ogg, wav, mp4, ...) to 16 kHz mono, within caps.

PyAV (which faster-whisper installs, with its own FFmpeg libraries) decodes from memory: the
upload is never written to disk here. Decoding stops as soon as the recording passes the
duration cap, so a small file that expands to hours of audio costs nothing.
"""

from __future__ import annotations

import io

import numpy as np

from interviewer.voice.base import SAMPLE_RATE, AudioRejected, Samples

FORMATS = "webm/opus, ogg, wav, mp4 (m4a) or mp3"
UNREADABLE = (
    "The recording could not be read as audio; it may be cut short or in another format. "
    f"Record again, or upload {FORMATS}."
)


def _minutes(seconds: float) -> str:
    if seconds >= 60 and seconds % 60 == 0:
        n = int(seconds // 60)
        return f"{n} minute{'s' if n != 1 else ''}"
    return f"{seconds:g} seconds"


def too_long(max_seconds: float) -> str:
    return (
        f"The recording is longer than {_minutes(max_seconds)}, the limit for one answer. "
        "Record a shorter answer (or split it), or type it."
    )


def decode(data: bytes, *, max_seconds: float) -> Samples:
    """16 kHz mono float32 samples; AudioRejected when unreadable or over `max_seconds`."""
    import av  # installed with faster-whisper: the voice extra

    if not data:
        raise AudioRejected("The upload is empty; record your answer and send it again.")
    limit = int(max_seconds * SAMPLE_RATE)
    chunks: list[np.ndarray] = []
    total = 0
    try:
        with av.open(io.BytesIO(data), mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise AudioRejected(UNREADABLE)
            resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
            for frame in container.decode(audio=0):
                for out in resampler.resample(frame):
                    array = out.to_ndarray().reshape(-1)
                    chunks.append(array)
                    total += array.size
                if total > limit:
                    raise AudioRejected(too_long(max_seconds))
            for out in resampler.resample(None):
                array = out.to_ndarray().reshape(-1)
                chunks.append(array)
                total += array.size
    except AudioRejected:
        raise
    except (av.error.FFmpegError, ValueError, IndexError, OSError) as exc:
        if total == 0:
            raise AudioRejected(UNREADABLE) from exc
        # A recording cut short after some audio (a tab closed mid-upload): use what decoded.
    if total == 0:
        raise AudioRejected(UNREADABLE)
    if total > limit:
        raise AudioRejected(too_long(max_seconds))
    samples = np.concatenate(chunks).astype(np.float32) / 32768.0
    return samples
