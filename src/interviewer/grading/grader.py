"""The offline grader: key points, language signals and STAR, combined into an Evaluation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from interviewer.banks.schema import KeyPoint
from interviewer.core.formatting import plural
from interviewer.core.model import CoveredPoint, Evaluation, Question
from interviewer.grading import flags, semantic
from interviewer.grading.claims import pasted_share, read_shape, shuffles_reference
from interviewer.grading.language import (
    Signals,
    communication_fraction,
    confidence_fraction,
    looks_like_gibberish,
    says_dont_know,
    says_nothing,
    to_scale,
)
from interviewer.grading.rubric import (
    PointMatch,
    coverage,
    find_misconceptions,
    match_key_points,
)
from interviewer.grading.star import STAR_HELP, StarReading, read_star
from interviewer.grading.technical import Evidence, TechnicalModel, gather, load_model
from interviewer.grading.text import Token, content_stems, normalise, tokenize

MISCONCEPTION_COST = 0.2
KEY_POINT_SHARE = 0.6
CREDIT_CURVE = 0.7
"""Curated key points weigh 60% where an item has them; the rest is agreement with the
reference (technical.py). Covering half the points earns more than half their share, as human
graders give it."""
OFF_TOPIC_CAP = 3
SHAPE_CAP = 3
MOSTLY_WRONG_CAP = 4
TOO_SHORT_WORDS = 4
"""Most a keyword list, word salad or pasted key points can score on technical."""


def question_vocabulary(question: Question) -> frozenset[str]:
    return _vocabulary(question.text, question.reference, question.key_points)


@lru_cache(maxsize=4096)
def _vocabulary(text: str, reference: str, key_points: tuple[KeyPoint, ...]) -> frozenset[str]:
    """Cached: every answer to a question reads the same words."""
    texts = [text, reference]
    for kp in key_points:
        texts.extend((kp.point, *kp.alternatives))
    return frozenset(s for text in texts for s in content_stems(text))


def _rejection(question: Question, flag: str, message: str, advice: str = "") -> Evaluation:
    return Evaluation(
        technical=1,
        communication=1,
        confidence=1,
        rationale=message,
        feedback=f"{message} {advice}".strip(),
        examples_or_corrections=f"A strong answer would say: {question.reference}",
        resources=question.resources,
        missed=tuple(kp.point for kp in question.key_points),
        flags=(flag,),
    )


DONT_KNOW_ADVICE = (
    "It's fine not to know: say what you do know, e.g. how you would find out, and build "
    "from there."
)


def reference_recall(tokens: Sequence[Token], reference: str) -> float:
    """Share of the reference's content terms that the answer uses (a paraphrase-tolerant check)."""
    wanted = set(content_stems(reference))
    if not wanted:
        return 0.0
    return len(wanted & {t.stem for t in tokens if t.is_content}) / len(wanted)


def _copies_question(answer: str, question: Question, tokens: Sequence[Token]) -> bool:
    answer_stems = {t.stem for t in tokens if t.is_content}
    new_stems = answer_stems - set(content_stems(question.text))
    similar = fuzz.token_set_ratio(normalise(answer), normalise(question.text)) >= 85
    return similar and len(new_stems) <= 2


@dataclass(frozen=True)
class _Reading:
    matches: list[PointMatch]
    wrong: list[tuple[str, str, str]]
    star: StarReading | None
    technical: int
    technical_note: str
    shape_flag: str | None
    evidence: Evidence


SHAPE_NOTES = {
    flags.KEYWORD_LIST: (
        "the answer lists terms without saying anything about them; a term earns credit only "
        "inside a sentence that explains it"
    ),
    flags.WORD_SALAD: (
        "the words do not form sentences, so no claim can be read from them, whatever words "
        "they share with a good answer"
    ),
    flags.COPIED_REFERENCE: (
        "the answer pastes the expected points without explaining them; say why each holds"
    ),
}


def shape_flag(question: Question, text: str) -> str | None:
    shape = read_shape(text)
    if shape.is_keyword_list:
        return flags.KEYWORD_LIST
    if shape.is_word_salad or (
        shape.looks_disordered and shuffles_reference(text, question.reference)
    ):
        return flags.WORD_SALAD
    phrasings = [p for kp in question.key_points for p in (kp.point, *kp.alternatives)]
    if phrasings and pasted_share(text, phrasings) >= 0.6:
        return flags.COPIED_REFERENCE
    return None


def _contradictions(matches: Sequence[PointMatch]) -> list[tuple[str, str, str]]:
    return [
        (f'the opposite of "{m.point.point}"', m.contradiction, f"In fact: {m.point.point}.")
        for m in matches
        if m.contradiction is not None and not m.covered
    ]


def evidence_for(question: Question, text: str, tokens: Sequence[Token]) -> Evidence:
    """What the technical model reads; scripts/fit_technical.py fits its weights on this."""
    return gather(
        tokens=tokens, words=len(text.split()), question=question.text, reference=question.reference
    )


def _read_technical(
    question: Question, text: str, tokens: Sequence[Token], model: TechnicalModel
) -> _Reading:
    implied = frozenset(content_stems(question.text))
    matches = match_key_points(
        text, tokens, question.key_points, misconceptions=question.misconceptions, implied=implied
    )
    wrong = [
        (m.claim, quoted, m.correction)
        for m, quoted in find_misconceptions(text, tokens, question.misconceptions, implied=implied)
    ]
    wrong += _contradictions(matches)
    covered = sum(1 for m in matches if m.covered)
    evidence = evidence_for(question, text, tokens)
    fraction = model.fraction(evidence)
    if matches:
        fraction = (
            KEY_POINT_SHARE * coverage(matches) ** CREDIT_CURVE + (1 - KEY_POINT_SHARE) * fraction
        )
        note = f"{covered} of {len(matches)} key points stated"
        in_other_words = sum(1 for m in matches if m.covered and m.how == "meaning")
        if in_other_words:
            note += f" ({in_other_words} in your own words)"
    else:
        note = "no key points; scored on agreement with the reference"
    note += f", meaning {round(evidence.meaning * 100)}% like the reference"
    star = None
    if question.kind == "behavioral":
        star = read_star(text)
        fraction = 0.5 * fraction + 0.5 * star.fraction
        note += f"; STAR structure {round(star.fraction * 100)}%"
    if wrong:
        wrongs = plural(
            len(wrong), "misconception or contradiction", "misconceptions or contradictions"
        )
        note += f"; {wrongs} stated"
    technical = to_scale(fraction - MISCONCEPTION_COST * len(wrong))
    if wrong and len(wrong) >= covered:
        technical = min(technical, MOSTLY_WRONG_CAP)
        note += f"; capped at {MOSTLY_WRONG_CAP}: as many wrong statements as right ones"
    flag = shape_flag(question, text)
    if flag is not None:
        technical = min(technical, SHAPE_CAP)
        note += f"; capped at {SHAPE_CAP}: {SHAPE_NOTES[flag]}"
    return _Reading(matches, wrong, star, technical, note, flag, evidence)


def _bullets(lines: Sequence[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def _feedback(question: Question, reading: _Reading, notes: list[str]) -> str:
    parts: list[str] = []
    covered = [m for m in reading.matches if m.covered]
    missed = [m for m in reading.matches if not m.covered]
    if covered:
        parts.append(
            "You covered:\n"
            + _bullets([f'{m.point.point} (you said: "{m.quote}")' for m in covered])
        )
    if missed:
        parts.append("You missed:\n" + _bullets([m.point.point for m in missed]))
    for claim, quoted, correction in reading.wrong:
        fix = correction or "check this against the reference answer"
        parts.append(f'Careful: "{quoted}" suggests that {claim.lower()}. {fix}')
    if reading.star is not None:
        present = [p for p in STAR_HELP if p not in reading.star.missing]
        line = "STAR: " + (", ".join(present) or "no part") + " present."
        for part in reading.star.missing:
            line += f" Add the {part}: {STAR_HELP[part]}."
        parts.append(line)
    parts.extend(notes)
    if question.follow_ups:
        parts.append(f"To practise next: {question.follow_ups[0]}")
    return "\n\n".join(parts)


def grade_answer(
    question: Question, answer: str, *, model: TechnicalModel | None = None
) -> Evaluation:
    """Grade deterministically; the same question and answer always give the same Evaluation.

    `model` replaces the shipped technical weights (cross-validation fits its own per fold).
    """
    text = answer.strip()
    tokens = tokenize(text)
    if says_nothing(tokens):
        message = "No answer was given, so there is nothing to score."
        if tokens:
            message = f'"{text[:40]}" says nothing about the question, so it scores the minimum.'
        return _rejection(question, flags.EMPTY, message)
    if says_dont_know(tokens, normalise(text)):
        return _rejection(
            question,
            flags.DONT_KNOW,
            "The answer says you don't know, so it scores the minimum on technical.",
            DONT_KNOW_ADVICE,
        )
    vocabulary = question_vocabulary(question)
    if looks_like_gibberish(tokens, vocabulary, text):
        return _rejection(
            question, flags.GIBBERISH, "The answer is not readable text, so it cannot be scored."
        )
    if _copies_question(text, question, tokens):
        return _rejection(
            question,
            flags.COPIED_QUESTION,
            "The answer repeats the question without answering it, so it scores the minimum.",
        )
    reading = _read_technical(question, text, tokens, model or load_model())
    signals = Signals.read(text, tokens)
    comm, comm_notes = communication_fraction(signals, question.kind)
    conf, conf_notes = confidence_fraction(signals, normalise(text))
    communication, confidence = to_scale(comm), to_scale(conf)
    raised: list[str] = []
    answer_stems = {t.stem for t in tokens if t.is_content}
    off_topic = (
        reading.technical <= OFF_TOPIC_CAP
        and not any(m.covered for m in reading.matches)
        and len(answer_stems & vocabulary) <= 1
        and (reading.star is None or reading.star.fraction < 0.25)
    )
    if off_topic:
        raised.append(flags.OFF_TOPIC)
        comm_notes.insert(0, "The answer does not address the question asked, so it scores low.")
        communication = min(communication, OFF_TOPIC_CAP)
        confidence = min(confidence, OFF_TOPIC_CAP)
    if reading.shape_flag is not None:
        raised.append(reading.shape_flag)
        comm_notes.insert(0, f"Scored low because {SHAPE_NOTES[reading.shape_flag]}.")
        communication = min(communication, SHAPE_CAP)
        confidence = min(confidence, SHAPE_CAP + 1)
    if signals.words < TOO_SHORT_WORDS and not any(m.covered for m in reading.matches):
        raised.append(flags.TOO_SHORT)
    if reading.wrong:
        raised.append(flags.MISCONCEPTION)
    corrections = [c for _, _, c in reading.wrong if c]
    corrections.append(f"A strong answer would say: {question.reference}")
    rationale = (
        f"Technical {reading.technical}/10: {reading.technical_note}. "
        f"Communication {communication}/10: {plural(signals.words, 'word')} in "
        f"{plural(signals.sentence_count, 'sentence')}, "
        f"{plural(len(signals.connectives), 'linking phrase')}, "
        f"{plural(len(signals.fillers), 'filler')}. "
        f"Confidence {confidence}/10: {len(signals.assertive)} assertive and "
        f"{len(signals.hedges)} hedging {'phrase' if len(signals.hedges) == 1 else 'phrases'}."
    )
    return Evaluation(
        technical=reading.technical,
        communication=communication,
        confidence=confidence,
        rationale=rationale,
        feedback=_feedback(question, reading, comm_notes + conf_notes),
        examples_or_corrections="\n\n".join(corrections),
        resources=question.resources,
        covered=tuple(
            CoveredPoint(point=m.point.point, quote=m.quote or "")
            for m in reading.matches
            if m.covered
        ),
        missed=tuple(m.point.point for m in reading.matches if not m.covered),
        flags=tuple(raised),
    )


class OfflineGrader:
    """The default grader: no key, no network, same answer same score."""

    name = "offline"

    def __init__(self) -> None:
        semantic.load_model()
        load_model()

    async def grade(self, question: Question, answer: str) -> Evaluation:
        return grade_answer(question, answer)
