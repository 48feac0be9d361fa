"""Formula tasks as workbooks: download the task's sheet, upload a filled-in .xlsx."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response

from interviewer.errors import InvalidInput, PayloadTooLarge
from interviewer.grading.workbook import (
    XLSX_TYPE,
    UploadRejected,
    answer_text,
    build_workbook,
    read_formulas,
)
from interviewer.web.deps import CurrentUser, ServiceDep, SettingsDep
from interviewer.web.errors import ERROR_RESPONSES
from interviewer.web.schemas import AnswerResult

router = APIRouter(prefix="/interviews", tags=["worksheets"], responses=ERROR_RESPONSES)
WORKBOOK = "/{interview_id}/questions/{question_id}/workbook"


@router.get(WORKBOOK, response_class=Response, responses={200: {"content": {XLSX_TYPE: {}}}})
async def download_workbook(
    interview_id: UUID, question_id: UUID, user: CurrentUser, service: ServiceDep
) -> Response:
    """The task's sheet as a real .xlsx with the target cell highlighted."""
    question = await service.question(user.id, interview_id, question_id)
    if question.task is None:
        raise InvalidInput("This question is not a formula task.", field="question_id")
    data = build_workbook(question.task, instructions=question.text)
    name = f"task-{question.item_id or question.id}.xlsx"
    return Response(
        data,
        media_type=XLSX_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.post(
    WORKBOOK,
    response_model=AnswerResult,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
async def upload_workbook(
    interview_id: UUID,
    question_id: UUID,
    request: Request,
    user: CurrentUser,
    service: ServiceDep,
    settings: SettingsDep,
) -> AnswerResult:
    """Answer a formula task with the workbook filled in; the formulas are computed, never the
    cached values, and macros are never run."""
    question = await service.question(user.id, interview_id, question_id)
    if question.task is None:
        raise InvalidInput("This question is not a formula task.", field="question_id")
    try:
        found = read_formulas(
            question.task, await request.body(), max_bytes=settings.max_upload_bytes
        )
    except UploadRejected as exc:
        if exc.too_large:
            raise PayloadTooLarge(str(exc), field="file") from exc
        raise InvalidInput(str(exc), field="file") from exc
    outcome = await service.submit_answer(
        user.id,
        interview_id,
        question_id=question_id,
        text=answer_text(question.task, found),
        input_mode="workbook",
    )
    return AnswerResult.of(outcome)
