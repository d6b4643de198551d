"""Every response's finishing touches: security headers and the session cookie."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        # KaTeX positions glyphs with inline style attributes; scripts stay strict.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# Swagger UI's page starts itself with an inline script; it gets a looser policy of its own.
DOCS_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
    "script-src 'self'", "script-src 'self' 'unsafe-inline'"
)
_BASE_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]


def session_cookie_header(name: str, action: tuple[str, str], secure: bool) -> bytes:
    kind, token = action
    attributes = "Path=/; HttpOnly; SameSite=Lax" + ("; Secure" if secure else "")
    if kind == "clear":
        return f"{name}=; Max-Age=0; {attributes}".encode()
    return f"{name}={token}; Max-Age={30 * 24 * 3600}; {attributes}".encode()


CSRF_COOKIE_NAME = "bp_csrf"


def csrf_cookie_header(token: str, secure: bool) -> bytes:
    """The CSRF token of a visitor without a session (double-submit: forms repeat it)."""
    attributes = "Path=/; HttpOnly; SameSite=Lax" + ("; Secure" if secure else "")
    return f"{CSRF_COOKIE_NAME}={token}; Max-Age={24 * 3600}; {attributes}".encode()


class ResponseHeadersMiddleware:
    """Pure ASGI (cheap on every request): adds headers and the cookie a route asked for."""

    def __init__(self, app: ASGIApp, *, cookie_name: str, secure_cookies: bool) -> None:
        self.app = app
        self.cookie_name = cookie_name
        self.secure_cookies = secure_cookies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = (
            DOCS_CONTENT_SECURITY_POLICY if scope["path"] == "/docs" else CONTENT_SECURITY_POLICY
        )

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.extend(_BASE_HEADERS)
                headers.append((b"content-security-policy", policy.encode()))
                state = scope.get("state", {})
                action = state.get("cookie")
                if action:
                    headers.append(
                        (
                            b"set-cookie",
                            session_cookie_header(self.cookie_name, action, self.secure_cookies),
                        )
                    )
                if state.get("csrf_cookie"):
                    headers.append(
                        (
                            b"set-cookie",
                            csrf_cookie_header(state["csrf_cookie"], self.secure_cookies),
                        )
                    )
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
