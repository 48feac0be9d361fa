"""The offline grader on hand-made questions: coverage, quotes, negation, signals, rejections."""

from __future__ import annotations

import uuid

import pytest

from interviewer.banks.schema import KeyPoint, Misconception, Resource
from interviewer.core.model import Question
from interviewer.grading.grader import grade_answer

LOOKUP = Question(
    id=uuid.uuid4(),
    seq=1,
    track="excel",
    topic="lookups",
    difficulty=3,
    kind="conceptual",
    text=(
        "How would you return a price from a table by product code when the code column is not "
        "the leftmost column?"
    ),
    hint="Think of a lookup that separates the column searched from the column returned.",
    reference=(
        "VLOOKUP cannot do it because it only returns columns to the right of the lookup column. "
        "Use INDEX with MATCH, for example =INDEX(C:C, MATCH(A2, E:E, 0)), or XLOOKUP. Use an "
        "exact match so a missing code returns #N/A instead of a wrong neighbouring price."
    ),
    key_points=(
        KeyPoint(point="INDEX with MATCH", alternatives=("index match",)),
        KeyPoint(point="XLOOKUP", alternatives=("xlookup",)),
        KeyPoint(point="exact match", alternatives=("match type 0", "exact")),
        KeyPoint(
            point="VLOOKUP only looks to the right",
            alternatives=("vlookup cannot look left", "only returns columns to the right"),
        ),
    ),
    misconceptions=(
        Misconception(
            claim="VLOOKUP can look left",
            alternatives=("vlookup can return columns to the left",),
            correction="VLOOKUP only returns columns to the right of the lookup column.",
        ),
    ),
    resources=(Resource(title="XLOOKUP function", url="https://support.microsoft.com/en-us"),),
    follow_ups=("What does XLOOKUP return when nothing matches?",),
)

STRONG = (
    "VLOOKUP cannot look left, because it only returns columns to the right of the lookup "
    "column. So I would use INDEX with MATCH, for example =INDEX(C:C, MATCH(A2, E:E, 0)), or "
    "XLOOKUP in Excel 365. The key is an exact match: a missing code then returns #N/A instead "
    "of a wrong price, which means errors are visible."
)


def test_a_strong_answer_covers_every_key_point_and_quotes_the_candidate():
    evaluation = grade_answer(LOOKUP, STRONG)
    assert evaluation.technical >= 9
    assert not evaluation.missed
    quotes = {c.point: c.quote for c in evaluation.covered}
    assert "INDEX with MATCH" in quotes["INDEX with MATCH"]
    assert quotes["XLOOKUP"] in STRONG.replace("\n", " ")
    assert "XLOOKUP" in evaluation.feedback and 'you said: "' in evaluation.feedback
    assert evaluation.resources == LOOKUP.resources
    assert "A strong answer would say" in evaluation.examples_or_corrections


def test_coverage_orders_answers_strictly():
    full = grade_answer(LOOKUP, STRONG).technical
    half = grade_answer(
        LOOKUP,
        "I would use INDEX with MATCH because VLOOKUP cannot look left. That solves it cleanly.",
    ).technical
    none = grade_answer(
        LOOKUP, "I would sort the table first and then copy the prices across by hand."
    ).technical
    assert full > half > none


def test_negated_misconception_is_not_penalised_but_a_stated_one_is():
    right = grade_answer(LOOKUP, "VLOOKUP cannot look left, so use INDEX with MATCH instead.")
    wrong = grade_answer(LOOKUP, "VLOOKUP can look left, and INDEX with MATCH works too.")
    assert "misconception" not in right.flags
    assert "misconception" in wrong.flags
    assert right.technical > wrong.technical
    assert "only returns columns to the right" in wrong.examples_or_corrections
    assert "VLOOKUP only looks to the right" in [c.point for c in right.covered]


def test_spelling_slips_still_count():
    evaluation = grade_answer(LOOKUP, "I'd use XLOKUP with an exact mach on the code column.")
    assert "XLOOKUP" in [c.point for c in evaluation.covered]


def test_a_different_function_is_not_a_spelling_slip():
    evaluation = grade_answer(
        LOOKUP, "I'd use VLOOKUP with an exact match on the code column to get the price."
    )
    assert "XLOOKUP" not in [c.point for c in evaluation.covered]
    assert "XLOOKUP" in evaluation.missed


@pytest.mark.parametrize(
    ("answer", "flag"),
    [
        ("", "empty"),
        ("   \n  ", "empty"),
        ("asdkjh qwkejhq zxcmnbv lkjhgf poiuyt", "gibberish"),
        ("kkkkkkk jjjjjjjj hhhhhhh", "gibberish"),
        (LOOKUP.text, "copied_question"),
        (
            "My favourite football team won the league last season and the fans celebrated "
            "in the streets all night long.",
            "off_topic",
        ),
    ],
)
def test_rejected_answers_score_low_and_say_why(answer: str, flag: str):
    evaluation = grade_answer(LOOKUP, answer)
    assert flag in evaluation.flags
    assert evaluation.technical == 1
    assert evaluation.communication <= 3 and evaluation.confidence <= 3
    assert evaluation.feedback.strip()


def test_fillers_cost_communication():
    clean = grade_answer(LOOKUP, STRONG)
    rambling = grade_answer(
        LOOKUP,
        "Um, so, like, basically you know VLOOKUP cannot look left, um, and like you basically "
        "use INDEX with MATCH or, uh, XLOOKUP, you know, with like an exact match and stuff "
        "like that, um, basically.",
    )
    assert clean.communication > rambling.communication
    assert "Filler words" in rambling.feedback


def test_hedging_costs_confidence():
    assertive = grade_answer(LOOKUP, STRONG)
    hedged = grade_answer(
        LOOKUP,
        "I think maybe VLOOKUP cannot look left? I guess INDEX with MATCH might work, or perhaps "
        "XLOOKUP, probably with an exact match, but I'm not sure, it could be something else.",
    )
    assert assertive.confidence > hedged.confidence
    assert "Hedging" in hedged.feedback


def test_grading_is_deterministic():
    assert grade_answer(LOOKUP, STRONG) == grade_answer(LOOKUP, STRONG)


STORY = Question(
    id=uuid.uuid4(),
    seq=1,
    track="behavioral",
    topic="conflict",
    difficulty=2,
    kind="behavioral",
    text="Tell me about a time you disagreed with a colleague.",
    hint="Pick a real disagreement and walk through it with STAR.",
    reference="In my last role ... I listened to their view, we agreed a shared goal ...",
    key_points=(
        KeyPoint(point="listened to their view", alternatives=("i listened", "heard them out")),
        KeyPoint(point="agreed on a shared goal", alternatives=("shared goal", "common goal")),
    ),
    resources=(Resource(title="STAR method", url="https://capd.mit.edu/"),),
)


def test_behavioral_answers_are_graded_on_star():
    full = grade_answer(
        STORY,
        "In my last role our team had two designs for the same API. I was responsible for "
        "shipping it by the end of the quarter. I listened to my colleague's concerns, then I "
        "proposed that we agree a shared goal: the lowest latency for clients. I set up a quick "
        "benchmark of both designs. As a result we chose hers, shipped on time and reduced "
        "latency by 30%. I learned to settle disagreements with data.",
    )
    no_result = grade_answer(
        STORY,
        "In my last role our team had two designs for the same API. I listened to my "
        "colleague's concerns and we talked about a shared goal.",
    )
    assert full.technical > no_result.technical
    assert "STAR" in no_result.feedback and "Add the result" in no_result.feedback
    assert "Add the result" not in full.feedback


def test_quotes_are_whole_sentences_or_cut_at_a_clause_with_an_ellipsis():
    """ "Your words" once read "would use INDEX with MATCH, for example": cut mid-phrase."""
    evaluation = grade_answer(LOOKUP, STRONG)
    quotes = {c.point: c.quote for c in evaluation.covered}
    assert quotes["INDEX with MATCH"] == (
        "So I would use INDEX with MATCH, for example =INDEX(C:C, MATCH(A2, E:E, 0)), or "
        "XLOOKUP in Excel 365."
    )
    assert quotes["exact match"].startswith("The key is an exact match: a missing code")
    long = (
        "First I check the data. Then, because the table is wide and people insert columns by "
        "hand every week without telling anyone, which breaks every formula that counts "
        "columns, I would use INDEX with MATCH on the code column and return the price column, "
        "which keeps working after an insert."
    )
    quote = {c.point: c.quote for c in grade_answer(LOOKUP, long).covered}["INDEX with MATCH"]
    assert quote == "…I would use INDEX with MATCH on the code column and return the price column…"
    assert quote.strip("…") in long


def test_a_long_clause_is_cut_between_words():
    from interviewer.grading.rubric import QUOTE_MAX_CHARS, span_quote

    text = "word " * 60 + "INDEX with MATCH " + "more " * 60
    start = text.index("INDEX")
    quote = span_quote(text, start, start + len("INDEX with MATCH"))
    assert quote.startswith("…word ") and quote.endswith(" more…")
    assert "INDEX with MATCH" in quote and len(quote) <= QUOTE_MAX_CHARS + 2
    assert quote.strip("…") in text


def test_a_quote_of_a_sentences_last_clause_keeps_its_full_stop():
    from interviewer.grading.rubric import span_quote

    text = (
        "A 95% confidence interval comes from a procedure that, over many repeated experiments, "
        "would give intervals containing the true lift 95% of the time; 95% of such intervals "
        "cover the true value. The 95% describes the method."
    )
    start = text.index("95% of such")
    assert span_quote(text, start, start + 30) == "…95% of such intervals cover the true value."


ARRAY_PARAMETER = Question(
    id=uuid.uuid4(),
    seq=1,
    track="python-developer",
    topic="arrays",
    difficulty=3,
    kind="conceptual",
    text=(
        "How many dimensions need to be specified when passing a multi-dimensional array as "
        "an argument to a function?"
    ),
    hint="Think about which sizes the compiler needs to compute an element's address.",
    reference="All the dimensions except the first one must be specified.",
)


def test_a_short_right_answer_is_never_called_off_topic():
    evaluation = grade_answer(ARRAY_PARAMETER, "all but the first")
    assert evaluation.technical >= 7
    assert "off_topic" not in evaluation.flags
    assert "does not address the question" not in evaluation.feedback
    wrong = grade_answer(ARRAY_PARAMETER, "My favourite football team won the league last season.")
    assert "off_topic" in wrong.flags
