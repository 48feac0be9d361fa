"""Situation, Task, Action, Result: which parts of a behavioral story are present."""

from __future__ import annotations

import re
from dataclasses import dataclass

from interviewer.grading.text import contains_phrase, normalise

STAR_PARTS: dict[str, tuple[str, ...]] = {
    "situation": (
        "when i was", "at my previous", "at my last", "in my last role", "in my previous role",
        "i was working", "i worked", "our team", "we had", "we were", "the situation",
        "the context", "a few years ago", "last year", "at the time", "in my role as",
        "the project", "a client", "a customer", "there was",
    ),
    "task": (
        "my goal", "i was responsible", "i needed to", "i had to", "my task", "my job was",
        "my role was", "the goal was", "the objective", "we needed to", "i was asked",
        "i was tasked", "the challenge was", "the problem was", "had a deadline",
        "it was my responsibility", "i owned",
    ),
    "action": (
        "i decided", "i organized", "i organised", "i built", "i talked", "i proposed",
        "i created", "i set up", "i scheduled", "i met", "i asked", "i wrote", "i started",
        "i led", "i analysed", "i analyzed", "i worked with", "i reached out", "i suggested",
        "i introduced", "i changed", "i listened", "i prioritised", "i prioritized",
        "i explained", "i escalated", "i took", "so i", "first i", "then i", "i broke",
        "i designed", "i negotiated", "i coached", "i documented", "i automated",
    ),
    "result": (
        "as a result", "in the end", "the result", "the outcome", "we delivered",
        "we launched", "we shipped", "we reduced", "we increased", "i learned", "i learnt",
        "reduced", "increased", "improved", "saved", "on time", "ended up", "which led to",
        "since then", "feedback was", "we met", "successfully", "grew", "cut",
    ),
}  # fmt: skip
STAR_HELP = {
    "situation": "set the scene: where you were and what was going on",
    "task": "say what you were responsible for or what had to be achieved",
    "action": 'describe what you yourself did, in the first person ("I ...")',
    "result": "finish with the outcome, ideally measured, and what you learned",
}
_NUMBER = re.compile(r"\d")


@dataclass(frozen=True)
class StarReading:
    present: dict[str, int]

    @property
    def fraction(self) -> float:
        """Each part counts fully from two signals, half from one."""
        return sum(min(n, 2) / 2 for n in self.present.values()) / len(STAR_PARTS)

    @property
    def missing(self) -> list[str]:
        return [part for part, n in self.present.items() if n == 0]


def read_star(text: str) -> StarReading:
    lowered = normalise(text)
    present = {
        part: sum(1 for phrase in phrases if contains_phrase(lowered, phrase))
        for part, phrases in STAR_PARTS.items()
    }
    if _NUMBER.search(lowered) and present["result"]:
        present["result"] += 1
    return StarReading(present)
