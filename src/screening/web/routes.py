"""Serves the analyst web page: `/` and its static files, under a strict Content-Security-Policy.

The page is plain HTML, CSS and JavaScript modules with no build step; it talks to the REST API
with the analyst's API key, so nothing here needs a key.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request, Response

STATIC_DIR = Path(__file__).resolve().parent / "static"

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
}

# No inline script or style, no third-party origin: the page only loads its own files and only
# talks to this API. Report downloads are blob: links with a download attribute, which CSP
# does not govern, so nothing more is allowed for them.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    # Revalidate every time (cheap thanks to the ETag) so a new release is never half-cached.
    "Cache-Control": "no-cache",
}

router = APIRouter(include_in_schema=False)


def static_file(name: str) -> Path | None:
    """The file called `name` directly in the static folder, if it is one the page may serve."""
    if "/" in name or "\\" in name or name.startswith("."):
        return None
    path = STATIC_DIR / name
    if path.suffix not in CONTENT_TYPES or not path.is_file():
        return None
    return path


def file_response(path: Path, request: Request) -> Response:
    content = path.read_bytes()
    etag = '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
    headers = {**SECURITY_HEADERS, "ETag": etag}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(content, media_type=CONTENT_TYPES[path.suffix], headers=headers)


@router.get("/")
def index(request: Request) -> Response:
    return file_response(STATIC_DIR / "index.html", request)


@router.get("/static/{name}")
def static(name: str, request: Request) -> Response:
    path = static_file(name)
    if path is None:
        raise HTTPException(status_code=404, detail="no such file")
    return file_response(path, request)
