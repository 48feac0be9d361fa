"""The offline grader: key points, language signals and STAR, combined into an Evaluation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from interviewer.core.model import CoveredPoint, Evaluation, Question
from interviewer.grading.language import (
    Signals,
    communication_fraction,
    confidence_fraction,
    looks_like_gibberish,
    to_scale,
)
from interviewer.grading.rubric import (
    PointMatch,
    coverage,
    find_misconceptions,
    match_key_points,
)
from interviewer.grading.star import STAR_HELP, StarReading, read_star
from interviewer.grading.text import Token, content_stems, normalise, tokenize

MISCONCEPTION_COST = 0.2
KEY_POINT_SHARE = 0.5
CREDIT_CURVE = 0.6
"""Concave credit: covering half the key points earns more than half the marks, as human graders
give it. This exponent and KEY_POINT_SHARE were chosen on assignments 1-3 of the grading-dev set
and checked on the held-out 4-6 (bench/grading_agreement.py, docs/grading.md)."""
OFF_TOPIC_CAP = 3


def question_vocabulary(question: Question) -> set[str]:
    texts = [question.text, question.reference]
    for kp in question.key_points:
        texts.extend((kp.point, *kp.alternatives))
    return {s for text in texts for s in content_stems(text)}


def _rejection(question: Question, flag: str, message: str) -> Evaluation:
    return Evaluation(
        technical=1,
        communication=1,
        confidence=1,
        rationale=message,
        feedback=message,
        examples_or_corrections=f"A strong answer would say: {question.reference}",
        resources=question.resources,
        missed=tuple(kp.point for kp in question.key_points),
        flags=(flag,),
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


def _read_technical(question: Question, text: str, tokens: Sequence[Token]) -> _Reading:
    matches = match_key_points(text, tokens, question.key_points)
    wrong = [
        (m.claim, quoted, m.correction)
        for m, quoted in find_misconceptions(text, tokens, question.misconceptions)
    ]
    covered = sum(1 for m in matches if m.covered)
    similarity = reference_recall(tokens, question.reference)
    if matches:
        fraction = KEY_POINT_SHARE * coverage(matches) + (1 - KEY_POINT_SHARE) * similarity
        note = f"{covered} of {len(matches)} key points covered"
    else:
        fraction = similarity
        note = "no key points; scored on overlap with the reference"
    note += f", {round(similarity * 100)}% of the reference's terms"
    star = None
    if question.kind == "behavioral":
        star = read_star(text)
        fraction = 0.5 * fraction + 0.5 * star.fraction
        note += f"; STAR structure {round(star.fraction * 100)}%"
    if wrong:
        note += f"; {len(wrong)} misconception(s) stated"
    technical = to_scale(max(0.0, fraction) ** CREDIT_CURVE - MISCONCEPTION_COST * len(wrong))
    return _Reading(matches, wrong, star, technical, note)


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


def grade_answer(question: Question, answer: str) -> Evaluation:
    """Grade deterministically; the same question and answer always give the same Evaluation."""
    text = answer.strip()
    if not text:
        return _rejection(question, "empty", "No answer was given, so there is nothing to score.")
    tokens = tokenize(text)
    vocabulary = question_vocabulary(question)
    if looks_like_gibberish(tokens, vocabulary):
        return _rejection(
            question, "gibberish", "The answer is not readable text, so it cannot be scored."
        )
    if _copies_question(text, question, tokens):
        return _rejection(
            question,
            "copied_question",
            "The answer repeats the question without answering it, so it scores the minimum.",
        )
    reading = _read_technical(question, text, tokens)
    signals = Signals.read(text, tokens)
    comm, comm_notes = communication_fraction(signals, question.kind)
    conf, conf_notes = confidence_fraction(signals, normalise(text))
    communication, confidence = to_scale(comm), to_scale(conf)
    flags: list[str] = []
    answer_stems = {t.stem for t in tokens if t.is_content}
    off_topic = (
        not any(m.covered for m in reading.matches)
        and len(answer_stems & vocabulary) <= 1
        and (reading.star is None or reading.star.fraction < 0.25)
    )
    if off_topic:
        flags.append("off_topic")
        comm_notes.insert(0, "The answer does not address the question asked, so it scores low.")
        communication = min(communication, OFF_TOPIC_CAP)
        confidence = min(confidence, OFF_TOPIC_CAP)
    if reading.wrong:
        flags.append("misconception")
    corrections = [c for _, _, c in reading.wrong if c]
    corrections.append(f"A strong answer would say: {question.reference}")
    rationale = (
        f"Technical {reading.technical}/10: {reading.technical_note}. "
        f"Communication {communication}/10: {signals.words} words in "
        f"{signals.sentence_count} sentence(s), {len(signals.connectives)} linking phrase(s), "
        f"{len(signals.fillers)} filler(s). "
        f"Confidence {confidence}/10: {len(signals.assertive)} assertive and "
        f"{len(signals.hedges)} hedging phrase(s)."
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
        flags=tuple(flags),
    )


class OfflineGrader:
    """The default grader: no key, no network, same answer same score."""

    name = "offline"

    async def grade(self, question: Question, answer: str) -> Evaluation:
        return grade_answer(question, answer)
