"""One place that turns errors into JSON: domain errors, validation errors, the unexpected."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from interviewer.errors import DomainError, TooManyRequests
from interviewer.web.schemas import ErrorRead

log = logging.getLogger("interviewer")

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorRead, "description": "The request cannot be read (a bad upload or header)"},
    401: {"model": ErrorRead, "description": "Missing or invalid token"},
    404: {"model": ErrorRead, "description": "Not found, or not yours"},
    409: {
        "model": ErrorRead,
        "description": "Not allowed in the interview's current state, or a concurrent request "
        "with the same effect was saved first",
    },
    413: {"model": ErrorRead, "description": "The body or upload is over its size limit"},
    422: {"model": ErrorRead, "description": "Invalid input; `field` names what to fix"},
    429: {
        "model": ErrorRead,
        "description": "Too many requests; wait as long as Retry-After says",
        "headers": {
            "Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}
        },
    },
    503: {
        "model": ErrorRead,
        "description": "The database or the grader did not answer; nothing was lost, send it again",
    },
}
NO_STORE = {
    "Cache-Control": {
        "description": "no-store: the response carries a secret token",
        "schema": {"type": "string"},
    }
}


def _field(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "body"


def _validation_message(err: dict[str, Any]) -> str:
    field = _field(tuple(err.get("loc", ())))
    if err.get("type") == "json_invalid":
        return "The request body is not valid JSON."
    return f"{field}: {err.get('msg', 'invalid value')}"


async def _domain(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    body = ErrorRead(detail=exc.message, code=exc.code, field=exc.field)
    headers = {"WWW-Authenticate": "Bearer"} if exc.status_code == 401 else None
    if isinstance(exc, TooManyRequests):
        headers = {"Retry-After": str(exc.retry_after)}
    return JSONResponse(body.model_dump(), status_code=exc.status_code, headers=headers)


async def _validation(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    first = errors[0] if errors else {}
    content = {
        "detail": "; ".join(_validation_message(e) for e in errors) or "Invalid request.",
        "code": "invalid_input",
        "field": _field(tuple(first.get("loc", ()))) if first else None,
        "errors": [
            {"field": _field(tuple(e.get("loc", ()))), "message": str(e.get("msg", ""))}
            for e in errors
        ],
    }
    return JSONResponse(content, status_code=422)


async def _http(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    body = ErrorRead(detail=str(exc.detail), code=code)
    return JSONResponse(body.model_dump(), status_code=exc.status_code, headers=exc.headers)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    body = ErrorRead(
        detail="Something went wrong on our side; nothing you sent was lost. Try again.",
        code="internal_error",
    )
    return JSONResponse(body.model_dump(), status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)
