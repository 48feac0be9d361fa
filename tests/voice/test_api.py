"""POST /interviews/{id}/transcriptions and voice answers through the API, with the real engine."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from interviewer.banks.loader import BankSet
from interviewer.config import Settings
from interviewer.storage.db import upgrade
from interviewer.voice.base import NO_SPEECH, Transcriber
from interviewer.voice.service import VoiceService
from interviewer.web.app import create_app
from tests.factories import API, auth, register, start
from tests.voice.speech import silence, speak

ANSWER = (
    "I would use XLOOKUP with an exact match, because VLOOKUP cannot look to the left of its "
    "lookup column."
)
Client = Callable[..., Any]


@pytest.fixture
def voice_client(tmp_path: Path, banks: BankSet, transcriber: Transcriber) -> Callable[..., Any]:
    """An app on a fresh SQLite database; keyword arguments are settings."""

    @asynccontextmanager
    async def make(**overrides: Any) -> AsyncIterator[httpx.AsyncClient]:
        url = f"sqlite+aiosqlite:///{tmp_path / f'voice-{time.monotonic_ns()}.db'}"
        upgrade(url)
        settings = Settings(database_url=url, rate_limit_per_minute=0, **overrides)
        app = create_app(settings, banks=banks)
        transport = httpx.ASGITransport(app=app)
        try:
            async with httpx.AsyncClient(
                transport=transport, base_url="http://test", timeout=120
            ) as http:
                yield http
        finally:
            await app.state.interviewer.database.dispose()
            app.state.interviewer.grader.formulas.sandbox.close()
            app.state.voice.close()

    return make


@pytest.fixture(scope="module")
def spoken_answer(recordings: Path) -> bytes:
    return speak(ANSWER, recordings / "answer.wav").read_bytes()


@pytest.fixture(scope="module")
def long_answer(recordings: Path) -> bytes:
    """About 20 s of speech: long enough to keep the engine busy for a few seconds."""
    return speak(" ".join([ANSWER] * 3), recordings / "long.wav").read_bytes()


async def interview_for(http: httpx.AsyncClient) -> tuple[str, dict[str, Any]]:
    token = await register(http)
    return token, await start(http, token, track="excel", kind="conceptual", length=2)


async def upload(
    http: httpx.AsyncClient, token: str, interview_id: str, data: bytes, **options: Any
) -> httpx.Response:
    kind = options.pop("content_type", "audio/wav")
    if options.pop("multipart", False):
        return await http.post(
            f"{API}/interviews/{interview_id}/transcriptions",
            files={"audio": ("answer.wav", data, kind)},
            headers=auth(token),
        )
    return await http.post(
        f"{API}/interviews/{interview_id}/transcriptions",
        content=data,
        headers={**auth(token), "Content-Type": kind},
    )


@pytest.mark.parametrize("multipart", [False, True])
async def test_a_recording_comes_back_as_text_with_word_timings(
    voice_client: Client, spoken_answer: bytes, multipart: bool
):
    async with voice_client() as http:
        token, interview = await interview_for(http)
        response = await upload(http, token, interview["id"], spoken_answer, multipart=multipart)
        assert response.status_code == 200, response.text
        body = response.json()
        assert "look to the left" in body["text"].lower() and "column" in body["text"].lower()
        words = body["words"]
        assert len(words) >= 15
        assert all(0 <= w["start"] <= w["end"] <= body["duration_seconds"] + 0.1 for w in words)
        assert [w["start"] for w in words] == sorted(w["start"] for w in words)
        assert body["message"] == "" and body["audio_kept"] is False
        assert {f["key"] for f in body["delivery"]["figures"]} == {
            "pace", "fillers", "pauses", "hedges", "length",
        }  # fmt: skip


async def test_another_users_interview_is_not_found(voice_client: Client, spoken_answer: bytes):
    async with voice_client() as http:
        _, interview = await interview_for(http)
        stranger = await register(http, name="Eve")
        response = await upload(http, stranger, interview["id"], spoken_answer)
        assert response.status_code == 404
        anonymous = await http.post(
            f"{API}/interviews/{interview['id']}/transcriptions", content=spoken_answer
        )
        assert anonymous.status_code == 401


async def test_silence_gives_an_empty_transcript_and_a_message(voice_client: Client):
    async with voice_client() as http:
        token, interview = await interview_for(http)
        response = await upload(http, token, interview["id"], silence(4))
        assert response.status_code == 200
        assert response.json()["text"] == "" and response.json()["words"] == []
        assert response.json()["message"] == NO_SPEECH
        assert response.json()["delivery"] is None


async def test_a_corrupt_upload_is_a_422_that_says_what_to_do(voice_client: Client):
    async with voice_client() as http:
        token, interview = await interview_for(http)
        response = await upload(http, token, interview["id"], b"\x1aE\xdf\xa3" + b"junk" * 500,
                                content_type="audio/webm")  # fmt: skip
        assert response.status_code == 422
        assert response.json()["field"] == "audio"
        assert "could not be read as audio" in response.json()["detail"]
        text = await upload(http, token, interview["id"], b"hello", content_type="text/plain")
        assert text.status_code == 422 and "audio Content-Type" in text.json()["detail"]


async def test_size_and_duration_caps(voice_client: Client, spoken_answer: bytes):
    async with voice_client(voice_max_bytes=50_000, voice_max_seconds=3) as http:
        token, interview = await interview_for(http)
        big = await upload(http, token, interview["id"], spoken_answer)  # ~300 kB
        assert big.status_code == 413, big.text
        big_form = await upload(http, token, interview["id"], spoken_answer, multipart=True)
        assert big_form.status_code == 413
        small = await upload(http, token, interview["id"], silence(1.4, rate=8000))  # 22 kB
        assert small.status_code == 200
    async with voice_client(voice_max_seconds=3) as http:
        token, interview = await interview_for(http)
        long = await upload(http, token, interview["id"], silence(4))
        assert long.status_code == 422
        assert "longer than 3 seconds" in long.json()["detail"]


async def test_without_the_engine_the_route_and_capabilities_say_so(
    voice_client: Client, spoken_answer: bytes, tmp_path: Path
):
    async with voice_client(stt_model_dir=tmp_path / "no-model") as http:
        capabilities = (await http.get(f"{API}/capabilities")).json()["transcription"]
        assert capabilities["available"] is False
        assert "not set up" in capabilities["message"]
        token, interview = await interview_for(http)
        response = await upload(http, token, interview["id"], spoken_answer)
        assert response.status_code == 501
        assert "Type your answer instead" in response.json()["detail"]
    async with voice_client() as http:
        capabilities = (await http.get(f"{API}/capabilities")).json()["transcription"]
        assert capabilities["available"] is True and capabilities["model"] == "tiny.en"
        assert capabilities["max_bytes"] == 10_000_000 and capabilities["max_seconds"] == 300


async def test_other_requests_are_answered_while_a_long_recording_is_transcribed(
    voice_client: Client, long_answer: bytes
):
    async with voice_client() as http:
        token, interview = await interview_for(http)
        job = asyncio.create_task(upload(http, token, interview["id"], long_answer))
        await asyncio.sleep(0.5)
        slowest = 0.0
        answered = 0
        while not job.done():
            began = time.perf_counter()
            health = await http.get("/healthz")
            tracks = await http.get(f"{API}/tracks")
            assert health.status_code == 200 and tracks.status_code == 200
            slowest = max(slowest, time.perf_counter() - began)
            answered += 1
            await asyncio.sleep(0.1)
        assert (await job).status_code == 200
        assert answered >= 5, "the transcription finished too fast to show anything"
        assert slowest < 1.0, f"a health check waited {slowest:.2f} s behind a transcription"


async def test_over_capacity_a_request_is_refused_with_retry_after(
    voice_client: Client, long_answer: bytes, spoken_answer: bytes
):
    async with voice_client(stt_workers=1, stt_queue=0) as http:
        token, interview = await interview_for(http)
        first = asyncio.create_task(upload(http, token, interview["id"], long_answer))
        await asyncio.sleep(0.5)
        second = await upload(http, token, interview["id"], spoken_answer)
        assert second.status_code == 503
        assert int(second.headers["Retry-After"]) >= 1
        assert "busy" in second.json()["detail"]
        assert (await first).status_code == 200


async def test_audio_is_kept_only_when_configured(
    voice_client: Client, spoken_answer: bytes, tmp_path: Path
):
    kept = tmp_path / "kept"
    async with voice_client(keep_audio=kept) as http:
        token, interview = await interview_for(http)
        response = await upload(http, token, interview["id"], spoken_answer)
        assert response.json()["audio_kept"] is True
        assert [p.suffix for p in kept.iterdir()] == [".wav"]


def test_the_service_reads_its_caps_from_settings():
    voice = VoiceService(Settings(voice_max_bytes=2_000, stt_model_dir=Path("/nowhere")))
    assert voice.available is False and "INTERVIEWER_STT_MODEL_DIR" in voice.setup.message
    voice.close()
