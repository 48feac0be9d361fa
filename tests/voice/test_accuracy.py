"""Word error rate on known sentences full of Excel function names, spoken by espeak-ng.

espeak-ng's robotic voice is harder than a person for Whisper tiny.en, so the bound is loose:
measured 0.27 on these sentences (int8, beam 5, the terms given as the prompt); the test allows
0.35. The Excel names themselves must come through spelled as Excel spells them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewer.voice.accuracy import edit_distance, word_error_rate, words
from interviewer.voice.audio import decode
from interviewer.voice.base import Transcriber
from tests.voice.speech import speak

SENTENCES = (
    "I would use XLOOKUP with an exact match because VLOOKUP cannot look to the left.",
    "To add the sales for one region I would use SUMIFS with the region as the criteria.",
    "INDEX and MATCH together can return a value from any column of the table.",
    "A pivot table summarises thousands of rows in a few seconds.",
    "Wrap the formula in IFERROR so that a missing code shows a clear message.",
    "COUNTIFS counts the rows that meet several conditions at once.",
    "Use absolute references with dollar signs so the rate stays fixed when you fill down.",
    "Conditional formatting highlights the cells that are above the target.",
)
VOCABULARY = ("XLOOKUP", "VLOOKUP", "SUMIFS", "COUNTIFS", "INDEX", "MATCH", "IFERROR")
WER_BOUND = 0.35
TERMS_HEARD = 4
"""Of the seven names, at least this many are transcribed exactly (measured: 5; XLOOKUP and
IFERROR come out as "next look up" and "for a sonata" in this voice)."""


def test_word_error_rate_counts_substitutions_insertions_and_deletions():
    assert words("XLOOKUP, then look-up!") == ["xlookup", "then", "look", "up"]
    assert edit_distance(["a", "b", "c"], ["a", "x", "c", "d"]) == 2
    assert word_error_rate(["one two three four"], ["one two three four"]) == 0
    assert word_error_rate(["one two three four"], ["one three four five six"]) == 0.75


@pytest.fixture(scope="module")
def heard(transcriber: Transcriber, recordings: Path) -> list[str]:
    texts = []
    for i, sentence in enumerate(SENTENCES):
        wav = speak(sentence, recordings / f"sentence-{i}.wav")
        samples = decode(wav.read_bytes(), max_seconds=60)
        texts.append(transcriber.transcribe(samples, vocabulary=VOCABULARY).text)
    return texts


def test_word_error_rate_on_excel_sentences_is_under_the_bound(heard: list[str]):
    rate = word_error_rate(SENTENCES, heard)
    print(f"\nword error rate {rate:.3f} over {len(SENTENCES)} sentences")  # noqa: T201
    assert rate <= WER_BOUND, list(zip(SENTENCES, heard, strict=True))


def test_excel_function_names_are_spelled_as_in_excel(heard: list[str]):
    said = " ".join(heard)
    spelled = [term for term in VOCABULARY if term in said]
    assert len(spelled) >= TERMS_HEARD, (spelled, heard)
