"""OpenAI and every OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio) via `openai`."""

from __future__ import annotations

import json
from typing import ClassVar

import openai
from pydantic import BaseModel

from interviewer.llm.base import Completion, ProviderError, lookup_key

DEFAULT_MODEL = "gpt-4o-mini"
OPENAI_URL = "https://api.openai.com/v1"
KEY_VARIABLES = ("OPENAI_API_KEY",)


class OpenAICompatModel:
    """`complete` sends one chat completion with JSON output; the SDK's own retries are off."""

    name: ClassVar[str] = "openai"
    structured_output: ClassVar[bool] = False
    """JSON mode only (every compatible server has json_object); the schema goes in the prompt."""

    def __init__(self, *, model: str = "", base_url: str = "") -> None:
        self.model = model or DEFAULT_MODEL
        self.base_url = base_url.rstrip("/")
        self._client: openai.AsyncOpenAI | None = None

    def __repr__(self) -> str:
        return f"OpenAICompatModel(model={self.model!r}, base_url={self.base_url!r})"

    def _openai(self) -> openai.AsyncOpenAI:
        if self._client is None:
            local = bool(self.base_url) and self.base_url != OPENAI_URL
            try:
                key = lookup_key(*KEY_VARIABLES, provider="openai")
            except ProviderError:
                if not local:
                    raise
                key = "unused"  # local servers (Ollama, vLLM) need no key
            self._client = openai.AsyncOpenAI(
                api_key=key, base_url=self.base_url or OPENAI_URL, max_retries=0
            )
        return self._client

    async def complete(
        self,
        *,
        system: str,
        prompt: str,
        schema: type[BaseModel],
        temperature: float,
        timeout_s: float,
    ) -> Completion:
        schema_text = json.dumps(schema.model_json_schema(), separators=(",", ":"))
        try:
            response = await self._openai().chat.completions.create(
                model=self.model,
                messages=[
                    {"role": "system", "content": f"{system}\n\nJSON schema: {schema_text}"},
                    {"role": "user", "content": prompt},
                ],
                temperature=temperature,
                response_format={"type": "json_object"},
                timeout=timeout_s,
            )
        except openai.APIStatusError as exc:
            code = exc.status_code
            value = exc.response.headers.get("retry-after")
            try:
                retry_after = float(value) if value is not None else None
            except ValueError:
                retry_after = None
            raise ProviderError(
                f"The OpenAI-compatible server answered HTTP {code}",
                outcome=f"http_{code}",
                retryable=code == 429 or code >= 500,
                retry_after=retry_after,
            ) from None
        except openai.APITimeoutError:
            raise ProviderError("The model did not answer in time", outcome="timeout") from None
        except openai.APIConnectionError:
            raise ProviderError(
                "The OpenAI-compatible server is unreachable", outcome="unreachable", retryable=True
            ) from None
        choice = response.choices[0] if response.choices else None
        usage = response.usage
        return Completion(
            text=(choice.message.content or "") if choice else "",
            tokens_in=usage.prompt_tokens if usage else 0,
            tokens_out=usage.completion_tokens if usage else 0,
        )
