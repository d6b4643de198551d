"""``Authorization: Bearer …`` on the JSON API: which requests carry a personal access token.

Only paths under ``/api/`` read the header; pages always use the session cookie. When a
Bearer header is present the cookie is ignored, and CSRF checks do not apply: a browser
never attaches an Authorization header to a cross-site request on its own (and this app
grants no CORS preflight), so the token itself proves the request is the script's.
"""

from fastapi import HTTPException, Request

API_PREFIX = "/api/"


def invalid_token() -> HTTPException:
    """401 for a Bearer token that is unknown, revoked or expired."""
    return HTTPException(
        401,
        detail="invalid, revoked or expired token: create a new one in Settings",
        headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
    )


def bearer_secret(request: Request) -> str | None:
    """The token of an API request with a Bearer header, else None (use the cookie)."""
    if not request.url.path.startswith(API_PREFIX):
        return None
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return value.strip()
