"""The question's technical terms become the engine's prompt, wrong answers' terms included."""

from __future__ import annotations

import uuid

from interviewer.banks.loader import BankSet
from interviewer.core.selection import question_from_item
from interviewer.voice.vocabulary import prompt_for, terms, vocabulary


def test_function_names_and_code_are_terms_and_plain_words_are_not():
    found = terms("Use SUMIFS or XLOOKUP, df.groupby(...) and snake_case in Python3; I said OK.")
    assert found == ["SUMIFS", "XLOOKUP", "df.groupby", "snake_case", "Python3"]


def test_a_lookup_question_prompts_with_its_functions(banks: BankSet):
    item = next(i for i in banks.items.values() if "XLOOKUP" in i.text)
    words = vocabulary(question_from_item(item, new_id=uuid.uuid4(), seq=1))
    assert "XLOOKUP" in words
    prompt = prompt_for(words)
    assert prompt is not None and "XLOOKUP" in prompt and prompt.endswith(".")


def test_no_terms_no_prompt_and_the_prompt_stays_short():
    assert prompt_for([]) is None
    prompt = prompt_for([f"TERM{i}" for i in range(200)])
    assert prompt is not None and len(prompt) < 500
