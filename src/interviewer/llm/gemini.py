"""Google Gemini through the official `google-genai` SDK, with structured JSON output."""

from __future__ import annotations

from typing import Any, ClassVar

import httpx
from google import genai
from google.genai import errors, types
from pydantic import BaseModel

from interviewer.llm.base import Completion, ProviderError, lookup_key

DEFAULT_MODEL = "gemini-2.5-flash"
KEY_VARIABLES = ("GEMINI_API_KEY", "GOOGLE_API_KEY")


def _retry_after(headers: Any) -> float | None:
    try:
        value = headers.get("retry-after") if headers is not None else None
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


class GeminiModel:
    """`complete` sends one generateContent request; retries are resilience.py's, not the SDK's."""

    name: ClassVar[str] = "gemini"
    structured_output: ClassVar[bool] = True

    def __init__(self, *, model: str = "", base_url: str = "") -> None:
        self.model = model or DEFAULT_MODEL
        self.base_url = base_url
        self._client: genai.Client | None = None

    def __repr__(self) -> str:
        return f"GeminiModel(model={self.model!r}, base_url={self.base_url!r})"

    def _aio(self) -> Any:
        if self._client is None:
            options = types.HttpOptions(
                api_version="v1beta",
                base_url=self.base_url or None,
                retry_options=None,  # None means a single attempt in the SDK
            )
            self._client = genai.Client(
                api_key=lookup_key(*KEY_VARIABLES, provider="gemini"), http_options=options
            )
        return self._client.aio

    async def complete(
        self,
        *,
        system: str,
        prompt: str,
        schema: type[BaseModel],
        temperature: float,
        timeout_s: float,
        max_tokens: int = 1024,
    ) -> Completion:
        config = types.GenerateContentConfig(
            system_instruction=system,
            temperature=temperature,
            max_output_tokens=max_tokens,
            response_mime_type="application/json",
            response_schema=schema,
            http_options=types.HttpOptions(timeout=int(timeout_s * 1000)),
        )
        try:
            response = await self._aio().models.generate_content(
                model=self.model, contents=prompt, config=config
            )
        except errors.APIError as exc:
            code = int(exc.code or 0)
            headers = getattr(exc.response, "headers", None)
            raise ProviderError(
                f"Gemini answered HTTP {code} {exc.status or ''}".strip(),
                outcome=f"http_{code}",
                retryable=code == 429 or code >= 500,
                retry_after=_retry_after(headers),
            ) from None
        except (OSError, ConnectionError) as exc:
            raise ProviderError(
                f"Gemini is unreachable ({type(exc).__name__})",
                outcome="unreachable",
                retryable=True,
            ) from None
        except httpx.TimeoutException:
            raise ProviderError("Gemini did not answer in time", outcome="timeout") from None
        except httpx.TransportError as exc:  # refused, reset, closed mid-reply: worth a retry
            raise ProviderError(
                f"Gemini is unreachable ({type(exc).__name__})",
                outcome="unreachable",
                retryable=True,
            ) from None
        except Exception as exc:  # other SDK transports (aiohttp) and timeouts
            if "timeout" in type(exc).__name__.lower():
                raise ProviderError("Gemini did not answer in time", outcome="timeout") from None
            if any(w in type(exc).__name__.lower() for w in ("connect", "protocol", "reset")):
                raise ProviderError(
                    f"Gemini is unreachable ({type(exc).__name__})",
                    outcome="unreachable",
                    retryable=True,
                ) from None
            raise
        usage = response.usage_metadata
        return Completion(
            text=response.text or "",
            tokens_in=(usage.prompt_token_count or 0) if usage else 0,
            tokens_out=(usage.candidates_token_count or 0) if usage else 0,
        )
