"""A fake model server on 127.0.0.1 that speaks Gemini's generateContent and OpenAI's chat
completions, replaying scripted replies. The providers reach it through their real SDKs."""

from __future__ import annotations

import contextlib
import json
import re
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

GEMINI_PATH = re.compile(r"^/v1beta/models/(?P<model>[^/:]+):generateContent$")
OPENAI_PATH = "/v1/chat/completions"


@dataclass
class Reply:
    """One scripted reply: a status, the model's text (None: a good answer), headers, a delay."""

    status: int = 200
    text: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    body: str | None = None
    reset: bool = False
    """Close the connection without a reply (a reset mid-request)."""


@dataclass
class Seen:
    protocol: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    prompt: str
    purpose: str
    at: float
    system: str = ""


def purpose_of(prompt: str) -> str:
    match = re.search(r"Task: (\w+)", prompt)
    return match.group(1) if match else "unknown"


def loosen(text: str) -> str:
    """The same content as a careless model shapes it: wrapped in an object, scores grouped
    as "8/10" strings under *_score keys, the whole reply in prose and a code fence."""
    value = json.loads(text)
    scores = {
        f"{k}_score": f"{value.pop(k)}/10"
        for k in ("technical", "communication", "confidence")
        if k in value
    }
    if scores:
        value["scores"] = scores
    return f"Here is my answer:\n```json\n{json.dumps({'result': value})}\n```"


class FakeModelServer:
    def __init__(self) -> None:
        self.script: deque[Reply] = deque()
        self.seen: list[Seen] = []
        self.delay = 0.0
        self.scores = (8, 7, 7)
        self.refuses_json_schema = False
        """Like a server with JSON mode only: a json_schema response format is a 400."""
        self.loose = False
        """Like a server that ignores the format: right content, its own JSON shape."""
        self._lock = threading.Lock()
        self._count = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep the test output clean
                pass

            def do_POST(self) -> None:
                server._handle(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    @property
    def gemini_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def openai_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> FakeModelServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def reset(self) -> None:
        with self._lock:
            self.script.clear()
            self.seen.clear()
            self.delay = 0.0
            self.scores = (8, 7, 7)
            self.refuses_json_schema = False
            self.loose = False

    def then(self, *replies: Reply) -> None:
        with self._lock:
            self.script.extend(replies)

    def purposes(self) -> list[str]:
        return [s.purpose for s in self.seen]

    # the model

    def good_output(self, purpose: str, prompt: str) -> str:
        with self._lock:
            self._count += 1
            n = self._count
        if purpose == "grade":
            technical, communication, confidence = self.scores
            return json.dumps(
                {
                    "reasoning": "Both key points are stated; the structure is clear.",
                    "technical": technical,
                    "communication": communication,
                    "confidence": confidence,
                    "rationale": "Covers the main points with a clear structure.",
                    "feedback": "Good answer; add a concrete example next time.",
                    "examples_or_corrections": "For example, name the tool you would use.",
                    "covered": [{"point": "a point", "quote": "not in the answer at all"}],
                    "missed": ["monitoring"],
                    "addresses_grader": False,
                }
            )
        if purpose == "questions":
            technical = re.search(r"Write (\d+) technical", prompt)
            stories = re.search(r"(\d+) behavioral \(kind behavioral", prompt)
            kinds = ["scenario"] * int(technical.group(1) if technical else 0)
            kinds += ["behavioral"] * int(stories.group(1) if stories else 0)
            return json.dumps({"questions": [self._question(n, i, k) for i, k in enumerate(kinds)]})
        if purpose == "follow_up":
            return json.dumps(
                {
                    "text": f"Follow-up {n} from the fake model: you described the basics; "
                    "what would you check before relying on the result?"
                }
            )
        if purpose == "narrative":
            return json.dumps(
                {
                    "strengths": ["Clear, structured answers on delivery pipelines"],
                    "areas_to_improve": ["Name the metrics you would watch"],
                    "summary": "A solid interview written by the fake model: clear structure, "
                    "with room to be more specific about monitoring.",
                }
            )
        return json.dumps({"ok": True})

    @staticmethod
    def _question(n: int, i: int, kind: str) -> dict[str, Any]:
        if kind == "behavioral":
            return {
                "topic": "teamwork",
                "difficulty": 3,
                "kind": "behavioral",
                "text": f"Question {n}.{i}: tell me about a time you disagreed with a teammate "
                "about a technical decision, and what you did.",
                "hint": "Use a real situation: what happened, what you did, the result.",
                "reference": "A specific situation, the candidate's own actions to resolve the "
                "disagreement with data, and a measurable result.",
                "key_points": ["a specific situation", "own actions", "the result"],
            }
        return {
            "topic": "delivery pipelines",
            "difficulty": 2 + i % 3,
            "kind": "scenario",
            "text": f"Question {n}.{i}: how would you roll out a risky change to production "
            "without downtime, and how would you know it worked?",
            "hint": "Think about gradual exposure and signals.",
            "reference": "Use a canary or blue-green deployment behind a load balancer, watch "
            "error rates and latency, and roll back on a regression.",
            "key_points": ["canary or blue-green", "watch metrics", "rollback"],
        }

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("content-length") or 0)
        body = json.loads(handler.rfile.read(length) or b"{}")
        path = handler.path.split("?")[0]
        if GEMINI_PATH.match(path):
            protocol = "gemini"
            system = " ".join(
                p.get("text", "") for p in body.get("systemInstruction", {}).get("parts", [])
            )
            user = " ".join(
                p.get("text", "") for c in body.get("contents", []) for p in c.get("parts", [])
            )
        elif path == OPENAI_PATH:
            protocol = "openai"
            messages = body.get("messages", [])
            system = " ".join(m["content"] for m in messages if m["role"] == "system")
            user = " ".join(m["content"] for m in messages if m["role"] != "system")
        else:
            self._send(handler, 404, json.dumps({"error": {"message": "no such path"}}), {})
            return
        prompt = f"{system}\n{user}"
        purpose = purpose_of(prompt)
        with self._lock:
            self.seen.append(
                Seen(
                    protocol,
                    path,
                    {k.lower(): v for k, v in handler.headers.items()},
                    body,
                    prompt,
                    purpose,
                    time.monotonic(),
                    system,
                )
            )
            reply = self.script.popleft() if self.script else Reply()
        time.sleep(reply.delay or self.delay)
        wanted = (body.get("response_format") or {}).get("type")
        if protocol == "openai" and self.refuses_json_schema and wanted == "json_schema":
            message = "response_format type json_schema is not supported by this server"
            reply = Reply(status=400, body=json.dumps({"error": {"message": message}}))
        if reply.reset:
            handler.close_connection = True
            with contextlib.suppress(OSError):
                handler.connection.shutdown(socket.SHUT_RDWR)
            return
        if reply.status != 200:
            error = reply.body or json.dumps(
                {"error": {"code": reply.status, "message": "scripted failure", "status": "X"}}
            )
            self._send(handler, reply.status, error, reply.headers)
            return
        text = reply.text if reply.text is not None else self.good_output(purpose, prompt)
        if self.loose and reply.text is None:
            text = loosen(text)
        tokens_in, tokens_out = max(1, len(prompt) // 4), max(1, len(text) // 4)
        if protocol == "gemini":
            payload: dict[str, Any] = {
                "candidates": [
                    {
                        "content": {"role": "model", "parts": [{"text": text}]},
                        "finishReason": "STOP",
                    }
                ],
                "usageMetadata": {
                    "promptTokenCount": tokens_in,
                    "candidatesTokenCount": tokens_out,
                    "totalTokenCount": tokens_in + tokens_out,
                },
            }
        else:
            payload = {
                "id": "chatcmpl-fake",
                "object": "chat.completion",
                "created": 0,
                "model": body.get("model", "fake"),
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": text},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {
                    "prompt_tokens": tokens_in,
                    "completion_tokens": tokens_out,
                    "total_tokens": tokens_in + tokens_out,
                },
            }
        self._send(handler, 200, json.dumps(payload), reply.headers)

    @staticmethod
    def _send(
        handler: BaseHTTPRequestHandler, status: int, body: str, headers: dict[str, str]
    ) -> None:
        data = body.encode()
        try:
            handler.send_response(status)
            handler.send_header("content-type", "application/json")
            handler.send_header("content-length", str(len(data)))
            for name, value in headers.items():
                handler.send_header(name, value)
            handler.end_headers()
            handler.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout scenario)
