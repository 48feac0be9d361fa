"""Report downloads: PDF (full or one-page summary), base64 PDF in JSON, and Markdown.

The JSON report stays at GET /interviews/{id}/report (routes/interviews.py). Each route here
is a literal path under /interviews/{id}/, so none is shadowed by /report or /{interview_id}.
"""

from __future__ import annotations

import base64
from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from interviewer.reports import PdfKind, ReportSource, render_markdown, render_pdf, report_filename
from interviewer.web.deps import CurrentUser, RepositoryDep, ServiceDep
from interviewer.web.errors import ERROR_RESPONSES
from interviewer.web.progress import report_history

router = APIRouter(prefix="/interviews", tags=["reports"], responses=ERROR_RESPONSES)

PDF = "application/pdf"
MARKDOWN = "text/markdown; charset=utf-8"
KindQuery = Annotated[
    PdfKind,
    Query(description="'full': every question with feedback; 'summary': one page."),
]


class ReportFileRead(BaseModel):
    filename: str = Field(examples=["interview-report-ada-lovelace-2026-11-23.pdf"])
    content_type: Literal["application/pdf"] = PDF
    data: str = Field(description="The PDF, base64-encoded (standard alphabet, padded).")


async def report_source(
    interview_id: UUID, user: CurrentUser, service: ServiceDep, repository: RepositoryDep
) -> ReportSource:
    """The finalized interview (409 before that, 404 when not yours) and the user's history."""
    interview = await service.finished(user.id, interview_id)
    history = report_history(await repository.interviews_of(user.id), until=interview)
    return ReportSource(interview=interview, candidate=user.name, history=history)


SourceDep = Annotated[ReportSource, Depends(report_source)]


def _filename(source: ReportSource, kind: str, extension: str) -> str:
    label = "summary" if kind == "summary" else "report"
    return report_filename(
        source.candidate, source.finished_at.date(), kind=label, extension=extension
    )


def _download(body: bytes, *, media_type: str, filename: str) -> Response:
    return Response(
        content=body,
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "private, no-store",
        },
    )


@router.get(
    "/{interview_id}/report.pdf",
    response_class=Response,
    responses={200: {"content": {PDF: {}}, "description": "The report as a PDF file"}},
)
async def download_report_pdf(source: SourceDep, kind: KindQuery = "full") -> Response:
    """The report as PDF: `kind=full` (default) or `kind=summary` (one page)."""
    pdf = await run_in_threadpool(render_pdf, source, kind=kind)
    return _download(pdf, media_type=PDF, filename=_filename(source, kind, "pdf"))


@router.get("/{interview_id}/report.pdf.b64", response_model=ReportFileRead)
async def read_report_pdf_base64(source: SourceDep, kind: KindQuery = "full") -> ReportFileRead:
    """The same PDF as /report.pdf, base64-encoded in JSON with its file name."""
    pdf = await run_in_threadpool(render_pdf, source, kind=kind)
    return ReportFileRead(
        filename=_filename(source, kind, "pdf"), data=base64.b64encode(pdf).decode("ascii")
    )


@router.get(
    "/{interview_id}/report.md",
    response_class=Response,
    responses={200: {"content": {"text/markdown": {}}, "description": "The report as Markdown"}},
)
async def download_report_markdown(source: SourceDep) -> Response:
    return _download(
        render_markdown(source).encode("utf-8"),
        media_type=MARKDOWN,
        filename=_filename(source, "full", "md"),
    )
