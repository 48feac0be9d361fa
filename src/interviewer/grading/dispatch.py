"""One grader for the service: formula tasks to the formula engine, the rest to the default."""

from __future__ import annotations

from interviewer.core.model import Evaluation, Plan, Question
from interviewer.core.ports import Grader, PlanAwareGrader
from interviewer.grading.formula_grader import FormulaGrader


class KindGrader:
    def __init__(self, default: Grader, formulas: FormulaGrader | None = None) -> None:
        self.default = default
        self.formulas = formulas or FormulaGrader()
        self.name = default.name

    async def precheck(self, question: Question, answer: str) -> None:
        """Refuse, before anything is stored, an answer that cannot be graded as written."""
        if question.kind == "excel_formula":
            await self.formulas.precheck(question, answer)

    async def grade(self, question: Question, answer: str) -> Evaluation:
        if question.kind == "excel_formula":
            return await self.formulas.grade(question, answer)
        return await self.default.grade(question, answer)

    async def grade_for(self, plan: Plan, question: Question, answer: str) -> Evaluation:
        if question.kind == "excel_formula":
            return await self.formulas.grade(question, answer)
        if isinstance(self.default, PlanAwareGrader):
            return await self.default.grade_for(plan, question, answer)
        return await self.default.grade(question, answer)
