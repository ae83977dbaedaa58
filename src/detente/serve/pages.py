"""The HTML pages: server-rendered from Jinja2 templates with autoescaping, so every text
from the store (untrusted article text included) reaches the browser as text. They work
without JavaScript; a small script only shows a mark's details beside the article."""

from __future__ import annotations

import datetime as dt
import urllib.parse
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from detente.analysis.digest import (
    default_since,
    place_digest,
    place_shifts,
    region_names,
    resolve_places,
    shift_id,
    shift_record,
)
from detente.analysis.dyads import AnalysisError, dyad_series
from detente.analysis.records import EventQuery, QuoteQuery, event_records, quote_records
from detente.analysis.shifts import dyad_shifts, top_shifts
from detente.serve import reads
from detente.serve.api import Code, EventsFrom, Limit, Offset, Period, ctx_of, events_ctx
from detente.serve.chart import dyad_chart_svg
from detente.serve.marks import article_marks, render_marked
from detente.serve.search import HIT_END, HIT_START, SearchError

HERE = Path(__file__).parent
env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                  trim_blocks=False)


def web_url(url: str | None) -> str | None:
    """A link target only if it is a web address: an article's URL is untrusted input, and
    escaping does not stop a `javascript:` link."""
    if not url:
        return None
    return url if urllib.parse.urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


env.filters["web_url"] = web_url
templates = Jinja2Templates(env=env)
router = APIRouter(include_in_schema=False)

HOME_ARTICLES = 10
HOME_SHIFTS = 6
SHIFT_WINDOW = dt.timedelta(days=365)
LIST_EVENTS = 25


def render(request: Request, name: str, status: int = 200, **values) -> HTMLResponse:
    ctx = ctx_of(request)
    values.setdefault("q", None)
    note = None
    if ctx.snapshots.writer_seen:
        note = "An ingest is running: showing the store as it was before it; new articles appear when it ends."
    return templates.TemplateResponse(request, name, {
        "store_name": ctx.store_path.name, "generation": ctx.snapshots.generation, "snapshot_note": note,
        **values}, status_code=status)


def cached_page(request: Request, build) -> HTMLResponse:
    """A page that depends on its address and the snapshot only, rendered once per snapshot:
    `build()` returns (template, values) and runs only when the page is not cached. Pages
    that depend on the reader's follows or answer an error are never cached."""
    ctx = ctx_of(request)
    key = ("html", request.url.path, request.url.query, ctx.snapshots.writer_seen)

    def compute(_store) -> tuple[bytes, int]:
        name, values = build()
        response = render(request, name, values.pop("status_code", 200), **values)
        return response.body, response.status_code

    body, status = ctx.cached(key, compute)
    return HTMLResponse(body, status_code=status)


def _highlighted(marked: str) -> Markup:
    """Escape a snippet first, then turn the index's markers into <mark>."""
    return Markup(str(escape(marked)).replace(HIT_START, "<mark>").replace(HIT_END, "</mark>"))


def _recent_shifts(store) -> list[dict]:
    newest = store.con.execute("SELECT max(date) FROM events").fetchone()[0]
    if newest is None:
        return []
    return [shift_record(s) for s in top_shifts(store, HOME_SHIFTS, newest - SHIFT_WINDOW)]


def _latest(store) -> list[dict]:
    return reads.article_list(store, limit=HOME_ARTICLES)[1]


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    ctx = ctx_of(request)

    def build():
        overview = ctx.cached(("overview",), reads.overview)
        shifts = ctx.cached(("recent_shifts",), _recent_shifts)
        latest = ctx.cached(("latest",), _latest)
        return "home.html", {"o": overview, "shifts": shifts, "latest": latest}

    return cached_page(request, build)


def _facets(store) -> dict:
    sources = [r[0] for r in store.con.execute(
        "SELECT DISTINCT source FROM articles WHERE source IS NOT NULL ORDER BY 1").fetchall()]
    types = [r[0] for r in store.con.execute(
        "SELECT DISTINCT type FROM events WHERE type IS NOT NULL ORDER BY 1").fetchall()]
    return {"sources": sources, "event_types": types}


# Computed for every new snapshot before it is served (the home page and the search form).
WARM_UP = [(("overview",), reads.overview), (("recent_shifts",), _recent_shifts), (("latest",), _latest),
           (("facets",), _facets)]


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: Annotated[str | None, Query(max_length=500)] = None, source: str | None = None,
           since: Annotated[str | None, Query(max_length=10)] = None,
           until: Annotated[str | None, Query(max_length=10)] = None,
           actor: Annotated[str | None, Query(max_length=200)] = None,
           type: Annotated[str | None, Query(max_length=40)] = None,
           limit: Limit = 20, offset: Offset = 0) -> HTMLResponse:
    ctx = ctx_of(request)

    def build():
        # An HTML form sends empty fields: they mean "any", not a bad value.
        src, who, kind = source or None, (actor or "").strip() or None, type or None
        error, status, hits, total = None, 200, [], 0
        try:
            start, end = _date(since), _date(until)
            result = ctx.index.search(q, source=src, start=start, end=end, actor=who, event_type=kind,
                                      limit=limit, offset=offset)
            total = result.total
            hits = [{"article_key": h.article_key, "source": h.source, "published": h.published,
                     "headline_html": _highlighted(h.headline_marked or "(no headline)"),
                     "snippet_html": _highlighted(h.snippet)} for h in result.hits]
        except (SearchError, ValueError) as exc:
            error, status = str(exc), 400
        params = {k: v for k, v in (("q", q), ("source", src), ("since", since), ("until", until),
                                    ("actor", who), ("type", kind), ("limit", limit)) if v}
        return "search.html", {"status_code": status, "q": q, "source": src, "since": since, "until": until,
                               "actor": who, "type": kind, "hits": hits, "total": total, "limit": limit,
                               "offset": offset, "base": "/search?" + urllib.parse.urlencode(params),
                               "error": error, **ctx.cached(("facets",), _facets)}

    return cached_page(request, build)


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"not a date: {value!r} (use YYYY-MM-DD)") from None


@router.get("/article/{key}", response_class=HTMLResponse)
def article(request: Request, key: str) -> HTMLResponse:
    def build():
        a = ctx_of(request).cached(("article", key), lambda s: reads.article(s, key))
        return "article.html", {"a": a, "body": render_marked(a["text"] or "", article_marks(a))}

    return cached_page(request, build)


@router.get("/actor/{actor}", response_class=HTMLResponse)
def actor(request: Request, actor: Code) -> HTMLResponse:
    ctx = ctx_of(request)
    profile = ctx.cached(("actor", actor), lambda s: reads.actor_profile(s, actor))

    def lists(store) -> dict:
        n_src, src = event_records(store, EventQuery(actors=[actor], side="source"), limit=LIST_EVENTS)
        n_tgt, tgt = event_records(store, EventQuery(actors=[actor], side="target"), limit=LIST_EVENTS)
        n_q, quotes = quote_records(store, QuoteQuery(actors=[actor], relation="by"), limit=LIST_EVENTS)
        return {"as_source": src, "as_source_total": n_src, "as_target": tgt, "as_target_total": n_tgt,
                "quotes": quotes, "quotes_total": n_q}

    return cached_page(request, lambda: ("actor.html", {"p": profile, **ctx.cached(("actor_lists", actor), lists)}))


def _dyad_view(store, a: str, b: str, by: str) -> dict:
    series = dyad_series(store, a, b, by=by)
    shifts = dyad_shifts(store, a, b, by=by)
    n_own, own = event_records(store, EventQuery(actors=[a], partners=[b], dataset="detente"), limit=LIST_EVENTS)
    n_imp, imported = event_records(store, EventQuery(actors=[a], partners=[b], dataset="imported"), limit=LIST_EVENTS)
    shift_views = [shift_record(s) for s in shifts]
    # A driver is named by its sentence; find the articles that reported them, in one scan.
    drivers = [e for record in shift_views for e in record["events"]]
    sentences = sorted({e["sentence"] for e in drivers if e["sentence"]})
    found: dict[tuple, tuple] = {}
    if sentences:
        rows = store.con.execute(
            "SELECT e.sentence_text, e.date::VARCHAR, min(e.article_key) FROM events e "
            "WHERE list_contains(?, e.sentence_text) AND e.article_key IS NOT NULL GROUP BY 1, 2", [sentences]).fetchall()
        heads = dict(store.con.execute("SELECT article_key, headline FROM articles WHERE list_contains(?, article_key)",
                                       [[key for _, _, key in rows]]).fetchall()) if rows else {}
        found = {(sentence, date): (key, heads.get(key)) for sentence, date, key in rows}
    for event in drivers:
        event["article_key"], event["headline"] = found.get((event["sentence"], str(event["date"])), (None, None))
    return {"series": series, "shifts": shift_views, "shift_objects": shifts, "own": own, "own_total": n_own,
            "imported": imported, "imported_total": n_imp}


def _folder_view(store, a: str, b: str, by: str) -> dict:
    """The relation as the --events folder tells it: its own series, shifts and events."""
    shifts = dyad_shifts(store, a, b, by=by)
    total, events = event_records(store, EventQuery(actors=[a], partners=[b]), limit=LIST_EVENTS)
    return {"series": dyad_series(store, a, b, by=by), "shifts": [shift_record(s) for s in shifts],
            "shift_objects": shifts, "events": events, "total": total}


@router.get("/dyad/{a}/{b}", response_class=HTMLResponse)
def dyad(request: Request, a: Code, b: Code, by: Period = "month") -> HTMLResponse:
    ctx = ctx_of(request)

    def build():
        try:
            view = ctx.cached(("dyad_view", a, b, by), lambda s: _dyad_view(s, a, b, by))
        except AnalysisError as exc:
            if ctx.folder is None:
                raise
            # A pair only the --events folder knows: the store's part says so, the folder's follows.
            view = {"series": None, "store_error": str(exc), "shifts": [], "own": [], "own_total": 0,
                    "imported": [], "imported_total": 0}
        folder = None
        if ctx.folder is not None:
            try:
                found = ctx.cached_from("folder", ("dyad_view", a, b, by), lambda s: _folder_view(s, a, b, by))
            except AnalysisError as exc:     # the pair is unknown to the folder: said on the page
                found = {"error": str(exc).replace("the store", "the folder")}
            folder = {**found, "name": ctx.folder.name, "path": str(ctx.folder.path)}
        return "dyad.html", {"a": a, "b": b, "by": by, "folder": folder, **view}

    return cached_page(request, build)


@router.get("/dyad/{a}/{b}/chart.svg")
def dyad_chart(request: Request, a: Code, b: Code, by: Period = "month", events: EventsFrom = "store") -> Response:
    ctx = events_ctx(request, events)
    build = _dyad_view if events == "store" else _folder_view
    view = ctx.cached_from(events, ("dyad_view", a, b, by), lambda s: build(s, a, b, by))
    if not view["series"].periods:
        raise AnalysisError(f"no events between {a} and {b} to plot")
    svg = ctx.cached_from(events, ("chart", a, b, by), lambda s: dyad_chart_svg(view["series"], view["shift_objects"]))
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "max-age=60"})


# -- Your Places ---------------------------------------------------------------------------

def _followed_digest(ctx, places: list[str], read_until: str | None):
    """The digest of the followed places: what was ingested after `read_until`, or the
    store's last month before the first "mark as read". Computed once per snapshot."""
    added = dt.datetime.fromisoformat(read_until) if read_until else None

    def compute(store):
        resolved = resolve_places(store, places)
        return place_digest(store, resolved, since=None if added else default_since(store), added_since=added)

    return ctx.cached(("digest", tuple(places), read_until), compute)


# After each new snapshot is served, in the background: the reader's Your Places digest and
# the busiest relations' pages and charts, the answers that cost most to compute (0.5-2 s
# each on 10,000 articles), so that a reader rarely waits for one.
TOP_DYADS = 6


def _top_dyads(store) -> list[tuple[str, str]]:
    """The country pairs with most events, each in the direction most of them run."""
    rows = store.con.execute("""
        SELECT code, partner FROM serve_event_sides
        WHERE NOT inbound AND partner IS NOT NULL AND code <> partner AND length(code) = 3 AND length(partner) = 3
        GROUP BY ALL ORDER BY count(DISTINCT event_key) DESC, code, partner LIMIT ?""", [4 * TOP_DYADS]).fetchall()
    pairs: list[tuple[str, str]] = []
    for a, b in rows:
        if (b, a) not in pairs and len(pairs) < TOP_DYADS:
            pairs.append((a, b))
    return pairs


def _warm_places(ctx) -> None:
    following = ctx.follows.get()
    if following.places:
        _followed_digest(ctx, following.places, following.read_until)


def _warm_dyads(ctx) -> None:
    for a, b in ctx.cached(("top_dyads",), _top_dyads):
        view = ctx.cached(("dyad_view", a, b, "month"), lambda s, a=a, b=b: _dyad_view(s, a, b, "month"))
        if view["series"].periods:
            ctx.cached(("chart", a, b, "month"),
                       lambda s, view=view: dyad_chart_svg(view["series"], view["shift_objects"]))


BACKGROUND = [_warm_places, _warm_dyads]


@router.get("/places", response_class=HTMLResponse)
def places(request: Request, error: Annotated[str | None, Query(max_length=300)] = None) -> HTMLResponse:
    ctx = ctx_of(request)
    following = ctx.follows.get()
    digest, shown = None, {}
    if following.places:
        digest = _followed_digest(ctx, following.places, following.read_until)
        seen = set(following.seen_shifts)
        # Shifts are found anew on the whole series: after a visit, those already shown are not news.
        shown = {pd.place.code: [s for s in pd.shifts if not digest.added_since or shift_id(s) not in seen]
                 for pd in digest.places}
    return render(request, "places.html", places=following.places, digest=digest, regions=region_names(),
                  seen=set(following.seen_shifts), shown=shown, s_id=shift_id, error=error)


def _back(error: str | None = None) -> RedirectResponse:
    # 303: the browser follows with a GET, so a reload does not post the form again.
    url = "/places" + (f"?{urllib.parse.urlencode({'error': error})}" if error else "")
    return RedirectResponse(url, status_code=303)


@router.post("/places/follow")
def follow(request: Request, place: Annotated[str, Form(min_length=1, max_length=200)]) -> RedirectResponse:
    ctx = ctx_of(request)
    try:
        with ctx.store() as store:
            resolved = resolve_places(store, [place])[0]
    except AnalysisError as exc:
        return _back(str(exc))
    ctx.follows.follow(resolved.code)
    return _back()


@router.post("/places/unfollow")
def unfollow(request: Request, place: Annotated[str, Form(min_length=1, max_length=200)]) -> RedirectResponse:
    ctx_of(request).follows.unfollow(place)
    return _back()


@router.post("/places/read")
def mark_read(request: Request) -> RedirectResponse:
    """Everything in the store now counts as read: the store's newest ingestion time is
    kept (its own clock), and the shifts shown are remembered."""
    ctx = ctx_of(request)
    following = ctx.follows.get()
    with ctx.store() as store:
        newest = store.con.execute("SELECT max(ingested_at) FROM documents").fetchone()[0]
        # Every shift the followed relations have now is read, not only those the page showed:
        # after a visit the digest looks at whole series, where older shifts would come back as news.
        shown = [shift_id(s) for place in resolve_places(store, following.places)
                 for s in place_shifts(store, place, None)]
    ctx.follows.mark_read(newest.isoformat() if newest else None, shown)
    return _back()
