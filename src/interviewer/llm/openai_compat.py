"""OpenAI and every OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio) via `openai`."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

import openai
from pydantic import BaseModel

from interviewer.llm.base import Completion, ProviderError, lookup_key
from interviewer.llm.output import fields_hint

DEFAULT_MODEL = "gpt-4o-mini"
OPENAI_URL = "https://api.openai.com/v1"
KEY_VARIABLES = ("OPENAI_API_KEY",)
StructuredMode = Literal["auto", "json_schema", "json_object"]
KEPT_KEYWORDS = {
    "type", "properties", "required", "items", "enum", "description", "anyOf", "$ref", "$defs",
}  # fmt: skip
"""Schema keywords every strict-mode server takes; the rest (lengths, bounds, titles) is
checked by pydantic on the reply instead."""


def strict_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema in OpenAI's strict form: every property required, no others."""

    def strict(node: Any) -> Any:
        if isinstance(node, list):
            return [strict(item) for item in node]
        if not isinstance(node, dict):
            return node
        out = {k: strict(v) for k, v in node.items() if k in KEPT_KEYWORDS}
        if "properties" in node:
            out["properties"] = {k: strict(v) for k, v in node["properties"].items()}
            out["required"] = list(node["properties"])
            out["additionalProperties"] = False
        if "$defs" in node:
            out["$defs"] = {k: strict(v) for k, v in node["$defs"].items()}
        return out

    result: dict[str, Any] = strict(model.model_json_schema())
    return result


def _refuses_schema(exc: openai.APIStatusError) -> bool:
    """A 400/422 about the response format: the server has no json_schema mode."""
    if exc.status_code not in (400, 404, 422, 501):
        return False
    text = str(exc.message).lower()
    return any(word in text for word in ("response_format", "json_schema", "schema", "format"))


class OpenAICompatModel:
    """`complete` sends one chat completion with JSON output; the SDK's own retries are off.

    Structured output: a strict `json_schema` response format, which OpenAI, vLLM, Ollama and
    llama.cpp enforce while decoding. A server that refuses it is remembered and sent
    `json_object` with a one-line field list instead, in the same call's place (`auto`), so no
    job is paid for twice.
    """

    name: ClassVar[str] = "openai"
    structured_output: ClassVar[bool] = True

    def __init__(
        self, *, model: str = "", base_url: str = "", structured: StructuredMode = "auto"
    ) -> None:
        self.model = model or DEFAULT_MODEL
        self.base_url = base_url.rstrip("/")
        self.structured = structured
        self.schema_supported: bool | None = {"auto": None, "json_schema": True}.get(
            structured, False
        )
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
        max_tokens: int = 1024,
    ) -> Completion:
        try:
            if self.schema_supported is not False:
                try:
                    response = await self._create(
                        system, prompt, temperature, timeout_s, max_tokens,
                        {
                            "type": "json_schema",
                            "json_schema": {
                                "name": schema.__name__,
                                "schema": strict_schema(schema),
                                "strict": True,
                            },
                        },
                    )  # fmt: skip
                    self.schema_supported = True
                    return _completion(response)
                except openai.APIStatusError as exc:
                    if self.structured != "auto" or not _refuses_schema(exc):
                        raise
                    self.schema_supported = False
            response = await self._create(
                f"{system}\n\nReply with one JSON object: {fields_hint(schema)}",
                prompt, temperature, timeout_s, max_tokens,
                {"type": "json_object"},
            )  # fmt: skip
            return _completion(response)
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

    async def _create(
        self,
        system: str,
        prompt: str,
        temperature: float,
        timeout_s: float,
        max_tokens: int,
        response_format: Any,
    ) -> Any:
        return await self._openai().chat.completions.create(
            model=self.model,
            messages=[
                {"role": "system", "content": system},
                {"role": "user", "content": prompt},
            ],
            temperature=temperature,
            max_tokens=max_tokens,
            response_format=response_format,
            timeout=timeout_s,
        )


def _completion(response: Any) -> Completion:
    choice = response.choices[0] if response.choices else None
    usage = response.usage
    return Completion(
        text=(choice.message.content or "") if choice else "",
        tokens_in=usage.prompt_tokens if usage else 0,
        tokens_out=usage.completion_tokens if usage else 0,
    )
