"""The web application: pages and JSON API over one store, read-only, local by default.

FastAPI (on Starlette, served by uvicorn) was chosen for the API it describes itself:
validation of every parameter with clear 422 answers, and /openapi.json generated from the
same signatures. Its /docs page normally loads Swagger UI from a CDN; fastapi-offline
serves the same files from its PyPI package, so nothing is fetched from the internet.
"""

from __future__ import annotations

import json
import logging
import os
import urllib.parse
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException

from detente import __version__
from detente.analysis.dyads import AnalysisError
from detente.serve import api, pages
from detente.serve.context import ServeContext, build_context
from detente.serve.folder_events import EventsFolder
from detente.serve.follows import default_state_path
from detente.serve.reads import NotFound
from detente.serve.search import SearchError
from detente.serve.snapshot import SnapshotError
from detente.serve.upload import UploadError

log = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def create_app(db_path: str | Path, *, state_path: str | Path | None = None, poll: float = 1.0,
               workdir: str | Path | None = None, ctx: ServeContext | None = None,
               max_upload: int | None = None, events_dir: str | Path | None = None) -> FastAPI:
    """The application over the store at `db_path`. The store is read once here (an
    unreadable store fails now, not at the first request) and checked for changes every
    `poll` seconds while the application runs (0: never). `max_upload` (bytes) allows
    POST /api/documents up to that size; `events_dir` adds a Parquet folder of events."""
    # Country names and regions come from country_converter, whose tables take a second or
    # two to load: loaded now, not by the first reader of a country's page.
    from detente.datasets.countries import iso3_to_names
    from detente.analysis.digest import region_names

    iso3_to_names(["USA"])
    region_names()
    if ctx is None:
        ctx = build_context(db_path, state_path=state_path or default_state_path(), workdir=workdir,
                            warmers=pages.WARM_UP, max_upload=max_upload, events_dir=events_dir,
                            background=pages.BACKGROUND)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if poll > 0:
            ctx.snapshots.start(poll)
        yield
        ctx.close()

    app = FastAPIOffline(
        title="detente", version=__version__, lifespan=lifespan, static_url="/static-docs",
        description="News turned into event data: articles, actors, quotes, PLOVER events and relations over "
                    "time, from one detente store. Read-only. Lists are paged with `limit` and `offset`.",
    )
    app.state.ctx = ctx
    app.include_router(api.router)
    app.include_router(pages.router)
    # StaticFiles resolves every path inside its folder and refuses anything outside it.
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.middleware("http")
    async def same_origin_writes(request: Request, call_next):
        # The server listens on the reader's machine: a page from another site must not
        # make their browser follow places for them. Browsers send Origin on such posts.
        if request.method in UNSAFE_METHODS:
            origin = request.headers.get("origin")
            if origin and origin != "null" and urllib.parse.urlsplit(origin).netloc != request.headers.get("host"):
                return JSONResponse({"detail": "cross-origin request refused"}, status_code=403)
            too_large = _declared_too_large(request, ctx)
            if too_large:
                return JSONResponse({"detail": too_large}, status_code=413)
        response: Response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "text/html")

    def error(request: Request, status: int, message: str) -> Response:
        if wants_html(request):
            return pages.render(request, "error.html", status, code=status, message=message)
        return JSONResponse({"detail": message}, status_code=status)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return error(request, 404, str(exc))

    @app.exception_handler(AnalysisError)
    async def analysis_error(request: Request, exc: AnalysisError) -> Response:
        message = str(exc)
        return error(request, 404 if message.startswith("unknown") else 400, message)

    @app.exception_handler(SearchError)
    async def search_error(request: Request, exc: SearchError) -> Response:
        return error(request, 400, str(exc))

    @app.exception_handler(UploadError)
    async def upload_error(request: Request, exc: UploadError) -> Response:
        return JSONResponse({"detail": str(exc)}, status_code=exc.status)

    @app.exception_handler(SnapshotError)
    async def snapshot_error(request: Request, exc: SnapshotError) -> Response:
        return error(request, 503, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or 'request'}: {e['msg']}" for e in exc.errors())
        if wants_html(request):
            return pages.render(request, "error.html", 422, code=422, message=problems)
        return JSONResponse({"detail": exc.errors(), "message": problems}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404 and wants_html(request):
            return pages.render(request, "error.html", 404, code=404, message=f"nothing at {request.url.path}")
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    return app


# What a multipart form adds around the document itself (boundaries, headers, other fields).
FORM_OVERHEAD = 64 * 1024


def _declared_too_large(request: Request, ctx: ServeContext) -> str | None:
    """Refuse an upload by its declared length, before its body is read (the body of a
    post with no length is spooled to disk by the form parser and measured after)."""
    if request.url.path != "/api/documents" or ctx.uploader is None:
        return None
    try:
        declared = int(request.headers.get("content-length", "0"))
    except ValueError:
        return "Content-Length is not a number"
    if declared > ctx.uploader.max_bytes + FORM_OVERHEAD:
        return f"the request is {declared:,} bytes; this server takes documents of at most {ctx.uploader.max_bytes:,}"
    return None


# The options of a multi-worker server, for the workers uvicorn starts from an import string.
CONFIG_ENV = "DETENTE_SERVE_CONFIG"
STARTUP_TIMEOUT = 600.0      # seconds a worker may take to build its first snapshot


def app_from_environment() -> FastAPI:
    """The application of one worker process of `detente serve --workers N`. Each worker
    keeps its own snapshot of the store (a private copy, so no worker waits for another's
    refresh) and answers from it; the places followed are one file that all share."""
    config = json.loads(os.environ[CONFIG_ENV])
    return create_app(config["db_path"], state_path=config["state_path"], poll=config["poll"],
                      max_upload=config["max_upload"], events_dir=config["events_dir"])


def run(db_path: str, *, host: str = "127.0.0.1", port: int = 8000, state_path: str | None = None,
        poll: float = 1.0, announce=print, workers: int = 1, max_upload: int | None = None,
        events_dir: str | None = None) -> None:
    """Serve the store until interrupted (what `detente serve` does)."""
    import uvicorn

    shown = f"[{host}]" if ":" in host else host
    address = f"detente: serving {db_path} at http://{shown}:{port}/ (API docs at /docs)"
    extras = [f"{workers} worker processes" if workers > 1 else "",
              f"uploads allowed up to {max_upload:,} bytes" if max_upload else "",
              f"events of {events_dir} shown apart" if events_dir else ""]
    if workers > 1:
        if events_dir:
            EventsFolder(events_dir).close()      # a bad folder fails here, not in each worker
        os.environ[CONFIG_ENV] = json.dumps({"db_path": str(db_path), "state_path": str(state_path or default_state_path()),
                                             "poll": poll, "max_upload": max_upload, "events_dir": events_dir})
        announce(f"{address}; {'; '.join(e for e in extras if e)}; Ctrl+C to stop")
        # A worker answers uvicorn's health check only once its snapshot is built, which takes
        # tens of seconds on a large store: uvicorn's 5 s default would kill it over and over.
        uvicorn.run("detente.serve.app:app_from_environment", factory=True, workers=workers, host=host, port=port,
                    log_level="warning", access_log=False, timeout_worker_healthcheck=STARTUP_TIMEOUT)
        return
    app = create_app(db_path, state_path=state_path, poll=poll, max_upload=max_upload, events_dir=events_dir)
    announce(f"{address}{''.join('; ' + e for e in extras if e)}; Ctrl+C to stop")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


__all__ = ["app_from_environment", "create_app", "run"]
