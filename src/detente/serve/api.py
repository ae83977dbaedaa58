"""The JSON API under /api/: the store's data for scripts, described at /openapi.json.

Every list is paged (`limit`, `offset`; the answer says `total`), records have the
extraction contract's shapes where they overlap (ActorRef sides, spans with offsets into
the article's text), and bad input is a 4xx with a message: a malformed date or an absurd
page size is refused by validation (422), an unknown article or actor is a 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Body, File, Form, Path, Query, Request, UploadFile

from detente.analysis.digest import place_digest, resolve_places, shift_record
from detente.analysis.dyads import PERIODS, dyad_series
from detente.analysis.records import MAX_PAGE, EventQuery, QuoteQuery, event_records, quote_records
from detente.analysis.shifts import dyad_shifts, top_shifts
from detente.serve import reads
from detente.serve.context import ServeContext
from detente.serve.upload import UploadError

router = APIRouter(prefix="/api")

MAX_LIMIT = 200
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"items per page, 1..{MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="items to skip")]
Since = Annotated[dt.date | None, Query(description="from this date (YYYY-MM-DD)")]
Until = Annotated[dt.date | None, Query(description="up to and including this date (YYYY-MM-DD)")]
Code = Annotated[str, Path(min_length=1, max_length=200, pattern=r"^[\w.\-]+$",
                           description="an ISO3 country code (USA) or an actor id (sergey-lavrov)")]
Period = Annotated[str, Query(pattern="^(day|week|month)$", description="period of the series")]
assert set(PERIODS) == {"day", "week", "month"}


EventsFrom = Annotated[str, Query(pattern="^(store|folder)$",
                                  description="store: the store's events (ours and imported); folder: those of "
                                              "the Parquet folder the server was started with (--events DIR)")]


def ctx_of(request: Request) -> ServeContext:
    return request.app.state.ctx


def events_ctx(request: Request, events: str) -> ServeContext:
    """The context, once sure that the events asked for exist (a folder needs --events)."""
    ctx = ctx_of(request)
    if events == "folder" and ctx.folder is None:
        from fastapi import HTTPException

        raise HTTPException(400, "no events folder: start the server with `detente serve --events DIR`")
    return ctx


def page(total: int, items: list, limit: int, offset: int) -> dict[str, Any]:
    nxt = offset + limit if offset + limit < total else None
    return {"total": total, "limit": limit, "offset": offset, "next_offset": nxt, "items": items}


@router.get("/overview", summary="What the store holds: counts, sources, datasets, dates")
def api_overview(request: Request) -> dict:
    return ctx_of(request).cached(("overview",), reads.overview)


@router.get("/articles", summary="Articles, newest first")
def api_articles(request: Request, source: str | None = None, since: Since = None, until: Until = None,
                 limit: Limit = 20, offset: Offset = 0) -> dict:
    total, items = ctx_of(request).cached(
        ("articles", source, since, until, limit, offset),
        lambda s: reads.article_list(s, source=source, start=since, end=until, limit=limit, offset=offset))
    return page(total, items, limit, offset)


@router.get("/articles/{key}", summary="One article in the extraction contract's shape")
def api_article(request: Request, key: Annotated[str, Path(max_length=200)]) -> dict:
    return ctx_of(request).cached(("article", key), lambda s: reads.article(s, key))


@router.get("/search", summary="Full-text search over headlines and texts, with filters")
def api_search(request: Request, q: Annotated[str | None, Query(max_length=500)] = None,
               source: str | None = None, since: Since = None, until: Until = None,
               actor: str | None = None, type: str | None = None, limit: Limit = 20, offset: Offset = 0) -> dict:
    from detente.serve.search import HIT_END, HIT_START

    result = ctx_of(request).index.search(q, source=source, start=since, end=until, actor=actor,
                                          event_type=type, limit=limit, offset=offset)
    items = [{"article_key": h.article_key, "headline": h.headline, "source": h.source, "published": h.published,
              "snippet": h.snippet.replace(HIT_START, "[").replace(HIT_END, "]")} for h in result.hits]
    return page(result.total, items, limit, offset)


@router.get("/events", summary="Events (one record per coded event, all its sides), newest first")
def api_events(request: Request, actor: Annotated[list[str] | None, Query()] = None,
               side: Annotated[str | None, Query(pattern="^(source|target)$")] = None,
               partner: Annotated[list[str] | None, Query()] = None, type: str | None = None,
               dataset: Annotated[str | None, Query(description="detente, icews, gdelt, polecat or imported")] = None,
               article: str | None = None, since: Since = None, until: Until = None,
               limit: Limit = 50, offset: Offset = 0, events: EventsFrom = "store") -> dict:
    query = EventQuery(actors=actor or (), side=side, partners=partner or (), type=type, dataset=dataset,
                       start=since, end=until, article_key=article)
    key = ("events", tuple(actor or ()), side, tuple(partner or ()), type, dataset, article, since, until, limit, offset)
    total, items = events_ctx(request, events).cached_from(
        events, key, lambda s: event_records(s, query, limit=min(limit, MAX_PAGE), offset=offset))
    return page(total, items, limit, offset)


@router.get("/quotes", summary="Quotes with their speakers resolved, newest first")
def api_quotes(request: Request, actor: Annotated[list[str] | None, Query()] = None,
               relation: Annotated[str, Query(pattern="^(by|about|any)$")] = "any",
               article: str | None = None, since: Since = None, until: Until = None,
               limit: Limit = 50, offset: Offset = 0) -> dict:
    query = QuoteQuery(actors=actor or (), relation=relation, start=since, end=until, article_key=article)
    key = ("quotes", tuple(actor or ()), relation, article, since, until, limit, offset)
    total, items = ctx_of(request).cached(key, lambda s: quote_records(s, query, limit=limit, offset=offset))
    return page(total, items, limit, offset)


@router.get("/actors", summary="Resolved actors by mentions")
def api_actors(request: Request, q: Annotated[str | None, Query(max_length=200)] = None,
               limit: Limit = 50, offset: Offset = 0) -> dict:
    total, items = ctx_of(request).cached(("actors", q, limit, offset),
                                          lambda s: reads.actor_list(s, q=q, limit=limit, offset=offset))
    return page(total, items, limit, offset)


@router.get("/actors/{actor}", summary="An actor or country: roles by date, events, main partners")
def api_actor(request: Request, actor: Code) -> dict:
    return ctx_of(request).cached(("actor", actor), lambda s: reads.actor_profile(s, actor))


@router.get("/dyads/{a}/{b}", summary="The relation between two actors over time")
def api_dyad(request: Request, a: Code, b: Code, by: Period = "month", since: Since = None,
             until: Until = None, directed: bool = False, events: EventsFrom = "store") -> dict:
    series = events_ctx(request, events).cached_from(
        events, ("dyad", a, b, by, since, until, directed),
        lambda s: dyad_series(s, a, b, since, until, by=by, directed=directed))
    return series.to_dict()


@router.get("/shifts", summary="Shifts in one relation (a and b) or the biggest across the store")
def api_shifts(request: Request, a: Annotated[str | None, Query(max_length=200)] = None,
               b: Annotated[str | None, Query(max_length=200)] = None,
               by: Annotated[str, Query(pattern="^(auto|day|week|month)$")] = "auto",
               since: Since = None, top: Annotated[int, Query(ge=1, le=100)] = 10, events: EventsFrom = "store") -> dict:
    from fastapi import HTTPException

    ctx = events_ctx(request, events)
    if (a is None) != (b is None):
        raise HTTPException(400, "give both a and b (one relation) or neither (the biggest shifts)")
    if a is not None:
        shifts = ctx.cached_from(events, ("shifts", a, b, by, since),
                                 lambda s: dyad_shifts(s, a, b, by=by, since=since))
    else:
        shifts = ctx.cached_from(events, ("top_shifts", top, by, since),
                            lambda s: top_shifts(s, top, since, by="month" if by == "auto" else by))
    return {"shifts": [shift_record(s) for s in shifts]}


@router.get("/digest", summary="The Your Places digest of the given places")
def api_digest(request: Request,
               places: Annotated[str, Query(min_length=1, max_length=1000,
                                            description="comma-separated ISO3 codes, regions or actor ids")],
               since: Since = None,
               added_since: Annotated[dt.datetime | None, Query(description="ingested after this instant")] = None,
               limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20) -> dict:
    codes = tuple(places.split(","))

    def compute(store) -> dict:
        resolved = resolve_places(store, codes)
        return place_digest(store, resolved, since=since, added_since=added_since, limit=limit).to_dict()

    return ctx_of(request).cached(("api_digest", codes, since, added_since, limit), compute)


@router.get("/places", summary="The places followed (kept across restarts)")
def api_places(request: Request) -> dict:
    f = ctx_of(request).follows.get()
    return {"places": f.places, "read_until": f.read_until}


@router.post("/places", summary="Follow a place", status_code=201)
def api_follow(request: Request, place: Annotated[str, Body(embed=True, min_length=1, max_length=200)]) -> dict:
    ctx = ctx_of(request)
    with ctx.store() as store:
        resolved = resolve_places(store, [place])[0]
    f = ctx.follows.follow(resolved.code)
    return {"places": f.places, "read_until": f.read_until}


@router.delete("/places/{code}", summary="Stop following a place")
def api_unfollow(request: Request, code: Annotated[str, Path(max_length=200)]) -> dict:
    f = ctx_of(request).follows.unfollow(code)
    return {"places": f.places, "read_until": f.read_until}


@router.post("/documents", status_code=201,
             summary="Add a document to the store, as `detente ingest` would (only with --allow-upload)",
             description="Post a file (`file`: a text, HTML, JSON Lines or WARC file, gzipped or not) or a "
                         "pasted text (`text`, with `format` text or html). It is ingested through the same "
                         "pipeline as `detente ingest` and served at once; a document already in the store is "
                         "skipped. 403 unless the server runs with --allow-upload; 413 past its size limit; "
                         "409 while another process writes the store.")
def api_upload(request: Request,
               file: Annotated[UploadFile | None, File(description="the document as a file")] = None,
               text: Annotated[str | None, Form(description="the document pasted as text or HTML")] = None,
               format: Annotated[str, Form(pattern="^(auto|text|html)$",
                                           description="auto (from the file), text or html")] = "auto") -> dict:
    uploader = ctx_of(request).uploader
    if uploader is None:
        raise UploadError(403, "uploads are off: start the server with `detente serve --allow-upload`")
    if (file is None) == (text is None):
        raise UploadError(400, "post either a file (`file`) or a text (`text`), not both nor neither")
    if file is not None:
        # One byte past the limit is enough to know it is too large, without reading it all.
        data = file.file.read(uploader.max_bytes + 1)
        name = file.filename
    else:
        data, name = text.encode("utf-8"), None
    return uploader.ingest(data, filename=name, fmt=format).to_dict()
