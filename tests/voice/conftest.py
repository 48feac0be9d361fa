from __future__ import annotations

import importlib.util
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from interviewer.voice.base import Transcriber
from tests.voice.speech import unavailable


@pytest.fixture(scope="session")
def transcriber() -> Iterator[Transcriber]:
    """The real engine and model of the voice extra, loaded once for the whole run."""
    from interviewer.voice.setup import packaged_model_dir

    if importlib.util.find_spec("faster_whisper") is None or packaged_model_dir() is None:
        unavailable("the voice extra is not installed (pip install -e '.[voice]')")
    from interviewer.voice.whisper import WhisperTranscriber

    model_dir = packaged_model_dir()
    assert model_dir is not None
    engine = WhisperTranscriber(model_dir, label="tiny.en")
    started = time.perf_counter()
    engine.load()
    print(f"\nspeech model loaded in {time.perf_counter() - started:.1f} s")  # noqa: T201
    yield engine


@pytest.fixture(scope="session")
def recordings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("recordings")
