"""Situation, Task, Action, Result: which parts of a behavioral story are present."""

from __future__ import annotations

import re
from dataclasses import dataclass

from interviewer.grading.language import IRREGULAR_PAST
from interviewer.grading.text import normalise

_PAST = "(?:[a-z]+ed|" + "|".join(sorted(IRREGULAR_PAST)) + ")"
STAR_SIGNALS: dict[str, tuple[re.Pattern[str], ...]] = {
    "situation": tuple(
        re.compile(p)
        for p in (
            r"\b(?:in|at|during) (?:my|our|a|the) (?:previous|last|first|final|former|current|"
            r"second|old)\b",
            r"\b(?:when|while) (?:i|we) (?:was|were|worked|joined|started)\b",
            r"\b(?:i|we) (?:was|were) (?:working|leading|running|building|part of|in charge)\b",
            r"\b(?:our|my) (?:\w+ )?(?:team|company|manager|client|customer|project|squad|"
            r"department|office|lead|boss|users?|stakeholders?|director|ceo|cto)\b",
            r"\bas an? [a-z ]{3,40}(?:,| i)",
            r"\b(?:there was|we had|a few (?:years|months) ago|last (?:year|quarter|month))\b",
            r"\b(?:i|we) (?:led|joined|ran|managed|worked|was|were) (?:a|an|the|on|at|in|with)\b",
            r"\b(?:had been|for (?:weeks|months|years))\b",
            r"\b(?:the (?:situation|context|project|client|customer))\b",
        )
    ),
    "task": tuple(
        re.compile(p)
        for p in (
            r"\bmy (?:role|job|task|goal|responsibility|aim|brief|remit)\b",
            r"\b(?:i|we) (?:needed|had|was asked|was tasked|were asked|wanted|agreed) to\b",
            r"\bthe (?:goal|task|challenge|problem|deadline|objective|aim|risk) (?:was|is)\b",
            r"\b(?:responsible for|in charge of|it was up to me|i owned|i was accountable)\b",
            r"\b(?:deadline|target|goal)\b",
        )
    ),
    "action": tuple(
        re.compile(p)
        for p in (
            rf"\bi {_PAST}\b",
            rf"\b(?:so|then|first|next|finally),? i {_PAST}\b",
            rf"\bi (?:also|then|first|quickly|personally) {_PAST}\b",
        )
    ),
    "result": tuple(
        re.compile(p)
        for p in (
            r"\b(?:as a result|in the end|the result|the outcome|which led to|since then|"
            r"ended up|by the end)\b",
            r"\b\d+(?:\.\d+)?\s?(?:%|percent|per cent|hours?|days?|weeks?|months?|x)\b",
            r"\b(?:reduced|increased|improved|saved|delivered|launched|shipped|dropped|grew|"
            r"doubled|halved|cut|finished|met|hit|won|recovered|fell|rose|restored|approved|"
            r"adopted|resolved|fixed|achieved|passed|renewed|promoted|thanked|agreed)\b",
            r"\b(?:later|afterwards|that week|from then on|the next (?:day|week|month|quarter))\b",
            r"\bi (?:learned|learnt|realised|realized|now)\b",
            r"\b(?:on time|on schedule|successfully)\b",
        )
    ),
}
STAR_HELP = {
    "situation": "set the scene: where you were and what was going on",
    "task": "say what you were responsible for or what had to be achieved",
    "action": 'describe what you yourself did, in the first person ("I ...")',
    "result": "finish with the outcome, ideally measured, and what you learned",
}


@dataclass(frozen=True)
class StarReading:
    present: dict[str, int]

    @property
    def fraction(self) -> float:
        """Each part counts fully from two signals, three quarters from one."""
        credit = (0.0, 0.75, 1.0)
        return sum(credit[min(n, 2)] for n in self.present.values()) / len(STAR_SIGNALS)

    @property
    def missing(self) -> list[str]:
        return [part for part, n in self.present.items() if n == 0]


def read_star(text: str) -> StarReading:
    lowered = normalise(text)
    return StarReading(
        {
            part: sum(len(pattern.findall(lowered)) for pattern in patterns)
            for part, patterns in STAR_SIGNALS.items()
        }
    )
