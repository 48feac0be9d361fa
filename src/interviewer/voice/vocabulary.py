"""The question's technical vocabulary, given to the speech engine as its prompt.

Whisper spells a term it has been shown ("XLOOKUP", "SUMIFS") instead of guessing at the sound
("next look up", "zoom if"). Terms come from the question's text, its key points and its
misconceptions, so the prompt names wrong answers as well as right ones and does not steer the
transcript towards the expected answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from interviewer.core.model import Question

MAX_TERMS = 24
MAX_PROMPT_CHARS = 400
_TERM = re.compile(
    r"\b(?:[A-Z][A-Z0-9_.]{1,}[A-Z0-9]"  # XLOOKUP, SUMIFS, IFERROR, SQL, T.TEST
    r"|[a-z]+(?:[A-Z][a-z0-9]+)+"  # camelCase
    r"|[A-Za-z]+_[A-Za-z0-9_]+"  # snake_case
    r"|[A-Za-z]+\d+[A-Za-z0-9]*"  # VLOOKUP2, Python3, B2
    r"|[A-Za-z_][A-Za-z0-9_.]*(?=\())"  # a call: groupby(, INDEX(
)
_STOP = frozenset({"I", "A", "OK", "AND", "OR", "NOT", "THE", "TRUE"})


def terms(text: str) -> list[str]:
    found = [m.group(0).rstrip(".") for m in _TERM.finditer(text)]
    return [t for t in found if t not in _STOP and len(t) <= 40]


def vocabulary(question: Question) -> list[str]:
    """Distinct technical terms of the question, in the order they appear."""
    texts = [question.text]
    for kp in question.key_points:
        texts.extend((kp.point, *kp.alternatives))
    for m in question.misconceptions:
        texts.extend((m.claim, *m.alternatives))
    seen: dict[str, None] = {}
    for text in texts:
        for term in terms(text):
            seen.setdefault(term, None)
    return list(seen)[:MAX_TERMS]


def prompt_for(words: Sequence[str]) -> str | None:
    """A sentence, not a bare list: a comma list makes Whisper repeat the list back."""
    chosen: list[str] = []
    for word in words:
        if sum(len(w) + 2 for w in chosen) + len(word) > MAX_PROMPT_CHARS:
            break
        chosen.append(word)
    if not chosen:
        return None
    named = chosen[0] if len(chosen) == 1 else f"{', '.join(chosen[:-1])} and {chosen[-1]}"
    return f"Um, so, an interview answer that mentions, uh, {named}."
