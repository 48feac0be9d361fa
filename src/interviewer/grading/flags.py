"""Flags the offline grader sets on an Evaluation, and which of them cap any other grader.

When the offline reading finds an answer with no substance (nothing, a non-answer, a bare list
of terms, shuffled words, a copy), no other grader may score it higher than the offline one:
a model that awards 10/10 to "ok" is overruled.
"""

from __future__ import annotations

EMPTY = "empty"
GIBBERISH = "gibberish"
COPIED_QUESTION = "copied_question"
COPIED_REFERENCE = "copied_reference"
DONT_KNOW = "dont_know"
OFF_TOPIC = "off_topic"
TOO_SHORT = "too_short"
KEYWORD_LIST = "keyword_list"
WORD_SALAD = "word_salad"
MISCONCEPTION = "misconception"
CAPPED_BY_OFFLINE = "capped_by_offline"
"""Set by an AI grader whose scores one of CAPPING brought down to the offline grade."""

CAPPING = frozenset(
    {
        EMPTY,
        GIBBERISH,
        COPIED_QUESTION,
        COPIED_REFERENCE,
        DONT_KNOW,
        OFF_TOPIC,
        TOO_SHORT,
        KEYWORD_LIST,
        WORD_SALAD,
    }
)
