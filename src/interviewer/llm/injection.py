"""Answers that talk to the grader instead of the interviewer.

A flagged answer keeps its AI feedback but cannot score above what the offline grader gives the
same answer (resilience.py applies the cap). Patterns aim at text addressed to a model: normal
answers ("I had to act as team lead", "we scored 10/10 on the audit") must not trip them.
"""

from __future__ import annotations

import re

FLAG = "prompt_injection"

_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "overrides instructions",
        r"\b(ignore|disregard|forget|override|bypass|skip)\b[^.\n]{0,40}\b(previous|prior|above|"
        r"earlier|all|any|your|the|system|grading)\b[^.\n]{0,30}\b(instructions?|prompts?|rules?|"
        r"guidelines?|rubric|directives?|criteria)\b",
    ),
    (
        "new instructions",
        r"\b(new|updated|real|actual|hidden|secret)\s+(instructions?|system prompt)\b",
    ),
    ("asks for a score", r"\b(give|award|assign|grant|rate|score|mark)\b[^.\n]{0,40}\b(10|ten|"
     r"full|perfect|maximum|max|highest|top)\s*(/\s*10|out of (10|ten)|marks?|scores?|points?|"
     r"rating)\b"),
    ("asks for a score", r"\b(10|ten)\s*(/|out of)\s*(10|ten)\b[^.\n]{0,30}\b(please|for this "
     r"answer|for me|on (every|all|each))\b"),
    ("asks for a score", r"\b(this|my) answer (deserves|should (get|receive|be given)|must get)\b"),
    ("asks for a score", r"\b(technical|communication|confidence)\s*(score)?\s*(=|:)\s*10\b"),
    (
        "addresses the grader",
        r"\b(dear|hey|hi|hello|attention|note to( the)?)\s+(grader|evaluator|ai|assistant|model|"
        r"llm|chatgpt|gemini|gpt|claude|bot|examiner|scorer)\b",
    ),
    (
        "addresses the grader",
        r"\b(you are|you're|as) (an? )?(ai|language model|llm|grader|evaluator|scoring "
        r"(system|model))\b",
    ),
    ("role play", r"\b(pretend|imagine|act|behave|roleplay|role-play|play the role)\b[^.\n]{0,30}"
     r"\b(you are|you're|as|to be|of)\b[^.\n]{0,30}\b(grader|evaluator|ai|assistant|model|"
     r"interviewer who|examiner|dan|jailbroken|unrestricted|different)\b"),
    ("role play", r"\b(you are now|from now on,? you|developer mode|jailbreak|do anything now)\b"),
    ("fake markup", r"(<\|?(im_start|im_end|system|assistant)\|?>|\[/?INST\]|<</?SYS>>|"
     r"^\s*(system|assistant)\s*:|###\s*(instruction|system|response))"),
    ("fake markup", r"<<\s*(end|data)\b|</?\s*(answer|data|candidate_answer|system)\s*>"),
    (
        "fake grading json",
        r"\{[^{}]{0,200}\"?(technical|communication|confidence|score|grade|rating)\"?\s*:\s*\d",
    ),
    ("asks for the prompt", r"\b(reveal|print|show|repeat|output)\b[^.\n]{0,30}\b(system "
     r"prompt|your (instructions|prompt|rules))\b"),
)  # fmt: skip

_COMPILED = tuple((why, re.compile(rx, re.IGNORECASE | re.MULTILINE)) for why, rx in _PATTERNS)


def detect(answer: str) -> list[str]:
    """What in the answer addresses the grader (empty when nothing does)."""
    found: list[str] = []
    for why, pattern in _COMPILED:
        if why not in found and pattern.search(answer):
            found.append(why)
    return found
