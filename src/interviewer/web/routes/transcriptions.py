"""Voice answers: transcribe a recorded answer on this server; say whether it can."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from interviewer.core.delivery import Speech, SpokenWord
from interviewer.errors import Conflict, InvalidInput
from interviewer.grading.delivery import measure
from interviewer.voice.audio import FORMATS
from interviewer.voice.service import TranscriptionBusy, VoiceService
from interviewer.voice.vocabulary import vocabulary
from interviewer.web.deps import CurrentUser, RepositoryDep, ServiceDep
from interviewer.web.errors import ERROR_RESPONSES
from interviewer.web.schemas import ErrorRead
from interviewer.web.voice_schemas import (
    CapabilitiesRead,
    TranscriptionCapability,
    TranscriptionRead,
)

router = APIRouter(tags=["voice"], responses=ERROR_RESPONSES)
PATH_SUFFIX = "/transcriptions"
MULTIPART_MARGIN = 64_000
"""Room for the multipart envelope around the recording."""
SUFFIXES = {
    "audio/webm": ".webm", "video/webm": ".webm", "audio/ogg": ".ogg", "audio/opus": ".ogg",
    "audio/wav": ".wav", "audio/x-wav": ".wav", "audio/wave": ".wav", "audio/vnd.wave": ".wav",
    "audio/mp4": ".m4a", "video/mp4": ".m4a", "audio/x-m4a": ".m4a", "audio/aac": ".aac",
    "audio/mpeg": ".mp3", "application/octet-stream": "",
}  # fmt: skip


def body_limit(voice: VoiceService) -> int:
    return voice.settings.voice_max_bytes + MULTIPART_MARGIN


async def get_voice(request: Request) -> VoiceService:
    voice: VoiceService = request.app.state.voice
    return voice


VoiceDep = Annotated[VoiceService, Depends(get_voice)]


@router.get("/capabilities", response_model=CapabilitiesRead)
async def read_capabilities(voice: VoiceDep) -> CapabilitiesRead:
    """What this server can do beyond the basics: whether voice answers can be transcribed."""
    settings = voice.settings
    transcriber = voice.transcriber
    return CapabilitiesRead(
        transcription=TranscriptionCapability(
            available=voice.available,
            engine=transcriber.name if transcriber is not None else "",
            model=voice.setup.model,
            message=voice.setup.message,
            max_bytes=settings.voice_max_bytes,
            max_seconds=settings.voice_max_seconds,
            formats=sorted({s.lstrip(".") for s in SUFFIXES.values() if s}),
            model_loaded=bool(getattr(transcriber, "loaded", transcriber is not None)),
            load_seconds=voice.load_seconds,
        )
    )


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


async def _recording(request: Request, voice: VoiceService) -> tuple[bytes, str]:
    """The uploaded recording's bytes and a file suffix, from a multipart form (field `audio`,
    or the form's one file) or from a body sent with an audio Content-Type."""
    kind = _media_type(request)
    if kind == "multipart/form-data":
        async with request.form(max_files=1, max_fields=4) as form:
            upload = form.get("audio") or next(
                (v for v in form.values() if not isinstance(v, str)), None
            )
            if upload is None or isinstance(upload, str):
                raise InvalidInput("Send the recording as a file in the form field 'audio'.",
                                   field="audio")  # fmt: skip
            voice.check_size(upload.size or 0)
            data = await upload.read()
            kind = (upload.content_type or "").split(";")[0].strip().lower()
    elif kind in SUFFIXES or kind.startswith("audio/"):
        data = await request.body()
    else:
        raise InvalidInput(
            "Send the recording as multipart/form-data (field 'audio') or as the request body "
            f"with an audio Content-Type ({FORMATS}).",
            field="audio",
        )
    return data, SUFFIXES.get(kind, "")


BUSY = {"model": ErrorRead, "description": "Server transcription is not installed here"}


@router.post(
    "/interviews/{interview_id}/transcriptions",
    response_model=TranscriptionRead,
    responses={501: BUSY},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"audio": {"type": "string", "format": "binary"}},
                        "required": ["audio"],
                    }
                },
                "audio/*": {"schema": {"type": "string", "format": "binary"}},
            },
        }
    },
)
async def transcribe_answer(
    interview_id: UUID,
    request: Request,
    user: CurrentUser,
    service: ServiceDep,
    repository: RepositoryDep,
    voice: VoiceDep,
    question_id: Annotated[UUID | None, Query(description="The question it answers.")] = None,
) -> TranscriptionRead | JSONResponse:
    """A recorded answer (webm/opus, ogg, wav, mp4) to text with word timings, on this server.

    The question's technical terms are given to the engine so they are spelled right. The
    recording is deleted once transcribed (unless the server keeps recordings) and never sent
    anywhere. Silence gives empty text and a `message`. Correct the text, then send it as the
    answer with `input_mode: "voice"` and these `words` as its `delivery`.
    """
    interview = await service.get(user.id, interview_id)
    question = interview.current
    if question is None:
        raise Conflict("This interview has no question waiting for an answer.")
    if question_id is not None and question_id != question.id:
        raise Conflict(f"Question {question_id} is not the current question; answer {question.id}.")
    await repository.commit()  # hold no transaction while the recording is transcribed
    data, suffix = await _recording(request, voice)
    try:
        transcript = await voice.transcribe(data, vocabulary=vocabulary(question), suffix=suffix)
    except TranscriptionBusy as busy:
        return JSONResponse(
            ErrorRead(detail=busy.message, code=busy.code, field=None).model_dump(),
            status_code=busy.status_code,
            headers={"Retry-After": str(busy.retry_after_s)},
        )
    finally:
        del data
    speech = Speech(
        words=tuple(SpokenWord(word=w.word, start=w.start, end=w.end) for w in transcript.words),
        duration_s=transcript.duration_s,
    )
    delivery = measure(question, speech) if speech.words else None
    return TranscriptionRead.of(
        transcript, delivery=delivery, kept=voice.settings.keep_audio is not None
    )
