"""Real recordings through the engine: planted fillers and pauses, silence, noise, bad files."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from interviewer.core.delivery import Speech, SpokenWord
from interviewer.core.model import Question
from interviewer.grading.delivery import measure
from interviewer.voice.audio import decode
from interviewer.voice.base import NO_SPEECH, AudioRejected, Transcriber, Transcript
from tests.voice.speech import silence, speak

PLANTED = (
    "<speak>Um, I would use INDEX with MATCH. <break time='3500ms'/> Uh, because VLOOKUP "
    "cannot look left. Um, it is, you know, more robust. <break time='3500ms'/> Uh, and "
    "XLOOKUP is simpler.</speak>"
)
"""Four fillers (um, uh, um, uh) and "you know", and two pauses of 3.5 s."""
QUESTION = Question(
    id=uuid.uuid4(), seq=1, track="excel", topic="lookups", difficulty=2, kind="conceptual",
    text="How do you look up a price when the code is not in the first column?",
    hint="", reference="INDEX with MATCH, or XLOOKUP.",
)  # fmt: skip


def transcribe(transcriber: Transcriber, data: bytes) -> Transcript:
    return transcriber.transcribe(
        decode(data, max_seconds=300), vocabulary=("INDEX", "MATCH", "VLOOKUP", "XLOOKUP")
    )


def speech_of(transcript: Transcript) -> Speech:
    return Speech(
        words=tuple(SpokenWord(word=w.word, start=w.start, end=w.end) for w in transcript.words),
        duration_s=transcript.duration_s,
    )


def test_planted_fillers_and_pauses_are_measured(transcriber: Transcriber, recordings: Path):
    wav = speak(PLANTED, recordings / "planted.wav", ssml=True)
    transcript = transcribe(transcriber, wav.read_bytes())
    delivery = measure(QUESTION, speech_of(transcript))
    fillers = delivery.figure("fillers")
    pauses = delivery.figure("pauses")
    pace = delivery.figure("pace")
    assert fillers is not None and pauses is not None and pace is not None
    # Measured: 5 fillers (um, uh, um, you know, uh), pauses of 3.2 and 4.1 s, 16 s of speech.
    assert len(delivery.fillers) >= 4, transcript.text
    assert {"um", "uh"} <= set(delivery.fillers)
    assert fillers.value > fillers.high and fillers.advice
    assert len(delivery.pauses) == 2 and all(p > 2.5 for p in delivery.pauses), transcript.words
    assert not pauses.ok
    assert 14 <= delivery.speaking_s <= 19
    assert 40 <= pace.value <= 110  # slow: two long silences inside 16 s


def test_silence_gives_no_words_and_says_so(transcriber: Transcriber):
    transcript = transcribe(transcriber, silence(5))
    assert transcript.text == "" and transcript.words == ()
    assert transcript.message == NO_SPEECH
    assert transcript.duration_s == pytest.approx(5, abs=0.05)


def test_faint_noise_invents_no_words(transcriber: Transcriber):
    transcript = transcribe(transcriber, silence(6, noise=300))
    assert transcript.text == "", transcript.text
    assert transcript.message == NO_SPEECH


@pytest.mark.parametrize(
    "data",
    [b"", b"not audio at all" * 100, b"RIFF\x00\x00\x00\x00WAVEfmt " + bytes(range(256)) * 4],
)
def test_a_corrupt_or_empty_file_is_refused_with_what_to_do(data: bytes):
    with pytest.raises(AudioRejected) as refused:
        decode(data, max_seconds=300)
    assert "record" in str(refused.value).lower()


def test_decoding_stops_at_the_duration_cap():
    with pytest.raises(AudioRejected, match="longer than 2 seconds"):
        decode(silence(5), max_seconds=2)
    assert decode(silence(1.5), max_seconds=2).size == 24_000
