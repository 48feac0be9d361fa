"""create_app(settings): the FastAPI application, wired explicitly."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from interviewer import __version__
from interviewer.banks.loader import BankSet, default_banks
from interviewer.config import Settings
from interviewer.core.ports import Grader
from interviewer.grading.dispatch import KindGrader
from interviewer.grading.formula_grader import FormulaGrader
from interviewer.grading.grader import OfflineGrader
from interviewer.grading.sandbox import FormulaSandbox
from interviewer.llm.registry import build_engine
from interviewer.storage.db import Database
from interviewer.voice.service import VoiceService
from interviewer.web.csp import SecurityHeadersMiddleware, docs_policy
from interviewer.web.errors import install_error_handlers
from interviewer.web.limits import BodyLimitMiddleware
from interviewer.web.ratelimit import (
    RateLimitMiddleware,
    SignInLimit,
    buckets_for,
    token_owner,
)
from interviewer.web.routes import (
    compat,
    health,
    interviews,
    reports,
    sessions,
    tracks,
    transcriptions,
    users,
    worksheets,
)
from interviewer.web.state import AppState

STATIC = Path(__file__).parent / "static"
# Swagger UI's JS and CSS as the fastapi-offline package ships them: /docs needs no CDN.
DOCS_ASSETS = Path(fastapi_offline.__file__).parent / "static"
API_PREFIX = "/api/v1"
DESCRIPTION = """
Mock Interviewer: adaptive mock interviews with graded answers and reports.

Register with `POST /api/v1/users` (or start an interview with an inline `profile`), keep the
token it returns, and send it as `Authorization: Bearer <token>`. Another user's resources
answer 404. Errors are JSON: `detail` says what to fix and `field` names the field.
"""


def create_app(
    settings: Settings | None = None,
    *,
    banks: BankSet | None = None,
    grader: Grader | None = None,
) -> FastAPI:
    settings = settings or Settings()
    database = Database(settings.database_url)
    banks = banks or default_banks()
    engine = build_engine(settings, banks=banks)  # None for the offline default
    state = AppState(
        settings=settings,
        database=database,
        banks=banks,
        engine=engine,
        sign_ins=SignInLimit(
            per_email=buckets_for(settings, database, per_minute=settings.sign_in_per_minute),
            per_address=buckets_for(settings, database, per_minute=6 * settings.sign_in_per_minute),
        ),
        grader=KindGrader(
            grader or engine or OfflineGrader(),
            FormulaGrader(
                FormulaSandbox(
                    timeout_s=settings.formula_timeout_s, workers=settings.formula_workers
                )
            ),
        ),
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        state.grader.formulas.sandbox.start()
        yield
        if engine is not None:
            await engine.aclose()
        await database.dispose()
        state.grader.formulas.sandbox.close()

    app = FastAPI(
        title="Mock Interviewer",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served below from local files
        redoc_url=None,
    )
    app.state.interviewer = state
    app.state.voice = VoiceService(settings)  # voice answers: server transcription, if installed
    install_error_handlers(app)
    app.add_middleware(
        BodyLimitMiddleware,
        max_bytes=settings.max_request_bytes,
        larger={transcriptions.PATH_SUFFIX: transcriptions.body_limit(app.state.voice)},
    )
    if settings.rate_limit_per_minute:
        app.add_middleware(
            RateLimitMiddleware,
            buckets=buckets_for(settings, database, per_minute=settings.rate_limit_per_minute),
            known=state.known_tokens,
            resolve=token_owner(database),
        )
    app.add_middleware(SecurityHeadersMiddleware)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Idempotency-Key"],
        )
    for router in (
        users.router,
        sessions.router,
        tracks.router,
        reports.router,  # before interviews: /{id}/report.pdf is literal, checked in tests
        interviews.router,
        worksheets.router,
        transcriptions.router,
    ):
        app.include_router(router, prefix=API_PREFIX)
    app.include_router(health.router)
    app.include_router(compat.router)  # the source designs' own paths, at the root
    install_docs(app)
    app.mount("/", StaticFiles(directory=STATIC, html=True), name="static")
    return app


def install_docs(app: FastAPI) -> None:
    """Swagger UI at /docs, its files served by the app, under a policy that allows its one
    inline script by hash. No ReDoc: it needs inline styles, which the policy refuses."""
    app.mount("/docs/assets", StaticFiles(directory=DOCS_ASSETS), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def api_docs(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        page = get_swagger_ui_html(
            openapi_url=f"{root}{app.openapi_url}",
            title=f"{app.title}: API documentation",
            swagger_js_url=f"{root}/docs/assets/swagger-ui-bundle.js",
            swagger_css_url=f"{root}/docs/assets/swagger-ui.css",
            swagger_favicon_url=f"{root}/favicon.svg",
            oauth2_redirect_url=None,
        )
        page.headers["Content-Security-Policy"] = docs_policy(bytes(page.body).decode())
        return page
