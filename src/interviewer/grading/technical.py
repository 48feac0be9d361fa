"""How closely an answer agrees with the reference, from three measured signals.

Meaning (embedding similarity with the question's own words taken out), recall of the
reference's terms, and length against the reference, combined with weights fitted by least
squares to human grades (scripts/fit_technical.py on shared/data/grading-dev, judged by
cross-validation over questions left out of the fit) and shipped in data/technical_model.json.
Curated key points are weighed on top of this by the grader.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from interviewer.grading.semantic import embed, embed_one
from interviewer.grading.text import Token, content_stems, tokenize

FEATURES = ("meaning", "meaning_squared", "length_ratio", "recall_root")


@dataclass(frozen=True)
class Evidence:
    meaning: float
    recall: float
    length_ratio: float

    def vector(self) -> tuple[float, ...]:
        return (
            self.meaning,
            self.meaning**2,
            self.length_ratio,
            math.sqrt(max(self.recall, 0.0)),
        )


def _demoted(tokens: Sequence[Token], question_stems: set[str]) -> str:
    """The words that are not the question's own: restating the question proves nothing."""
    return " ".join(t.raw for t in tokens if not (t.is_content and t.stem in question_stems))


@lru_cache(maxsize=4096)
def _reference_view(reference: str, question: str) -> tuple[frozenset[str], int, str]:
    question_stems = set(content_stems(question))
    tokens = tokenize(reference)
    return (
        frozenset(t.stem for t in tokens if t.is_content),
        max(1, len(reference.split())),
        _demoted(tokens, question_stems),
    )


def gather(*, tokens: Sequence[Token], words: int, question: str, reference: str) -> Evidence:
    wanted, reference_words, reference_demoted = _reference_view(reference, question)
    recall = len(wanted & {t.stem for t in tokens if t.is_content}) / len(wanted) if wanted else 0
    answer_demoted = _demoted(tokens, set(content_stems(question)))
    meaning = 0.0
    if answer_demoted.strip() and reference_demoted.strip():
        meaning = float(np.dot(embed([answer_demoted])[0], embed_one(reference_demoted)))
    ratio = math.log(max(words, 1) / reference_words)
    return Evidence(meaning, recall, max(-2.5, min(1.0, ratio)))


NOTHING_IN_COMMON = Evidence(meaning=0.0, recall=0.0, length_ratio=0.0)
THE_REFERENCE = Evidence(meaning=1.0, recall=1.0, length_ratio=0.0)


@dataclass(frozen=True)
class TechnicalModel:
    weights: tuple[float, ...]
    intercept: float

    def predict(self, evidence: Evidence) -> float:
        """The human grade the weights expect, as a share of the top mark."""
        return self.intercept + sum(
            w * x for w, x in zip(self.weights, evidence.vector(), strict=True)
        )

    def fraction(self, evidence: Evidence) -> float:
        """0 for an answer that shares nothing with the reference, 1 for the reference itself.

        Human graders on the fitting data rarely saw a worthless answer, so the fitted line
        starts high; stretching it between these two anchors keeps its ranking (Pearson r is
        unchanged) and gives the full 1-10 range its meaning.
        """
        low, high = self.predict(NOTHING_IN_COMMON), self.predict(THE_REFERENCE)
        return max(0.0, min(1.0, (self.predict(evidence) - low) / (high - low)))


@lru_cache(maxsize=1)
def load_model() -> TechnicalModel:
    text = resources.files("interviewer.grading").joinpath("data/technical_model.json")
    data = json.loads(text.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError("technical_model.json was fitted on other features; re-run the fit")
    return TechnicalModel(tuple(float(w) for w in data["weights"]), float(data["intercept"]))
