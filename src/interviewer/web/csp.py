"""Security headers on every response: a strict Content-Security-Policy and friends.

The browser app ships every script, style and image itself (no CDN, no inline script), so the
policy allows only this origin. The interactive API documentation (/docs, /redoc) loads its
assets from a CDN and runs inline script, so those pages get no CSP; every other header still
applies to them.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob: mediastream:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)
PERMISSIONS_POLICY = (
    "camera=(self), microphone=(self), display-capture=(self), geolocation=(), payment=(), usb=()"
)
DOCS_PATHS = ("/docs", "/redoc")


def _is_docs(path: str) -> bool:
    return any(path == p or path.startswith(p + "/") for p in DOCS_PATHS)


class SecurityHeadersMiddleware:
    """Adds the headers to HTTP responses that do not set them already."""

    def __init__(self, app: ASGIApp, *, csp: str = CONTENT_SECURITY_POLICY) -> None:
        self.app = app
        self.csp = csp

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra: list[tuple[bytes, bytes]] = [
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"permissions-policy", PERMISSIONS_POLICY.encode()),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]
        if not _is_docs(scope.get("path", "")):
            extra.append((b"content-security-policy", self.csp.encode()))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in extra if name not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
