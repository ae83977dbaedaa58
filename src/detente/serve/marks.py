"""An article's text as HTML with its entities, quotes, speakers and events marked in place.

Marks overlap (an entity inside a quote, an event's trigger inside both), so the text is
cut at every mark's start and end; each piece is wrapped in the marks covering it, outer
(longer) marks first, which always nests correctly. Every piece of text is escaped before
it is wrapped: article text is untrusted input.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str        # entity | quote | speaker | event
    ref: str         # the id of the detail it points to (q3, e5, n12)
    title: str       # what the mark resolved to, shown on hover


def render_marked(text: str, marks: list[Mark]) -> Markup:
    """`text` as HTML, paragraphs kept, with `marks` wrapped around their spans."""
    n = len(text)
    marks = [m for m in marks if 0 <= m.start < m.end <= n]
    cuts = sorted({0, n, *(m.start for m in marks), *(m.end for m in marks)})
    # Outer marks first: longer spans wrap shorter ones.
    ordered = sorted(marks, key=lambda m: (m.start, -(m.end - m.start)))
    out: list[str] = []
    for lo, hi in zip(cuts, cuts[1:]):
        covering = [m for m in ordered if m.start <= lo and hi <= m.end]
        covering.sort(key=lambda m: -(m.end - m.start))
        piece = str(escape(text[lo:hi]))
        # A paragraph break inside a mark would cut across its element: a line break there.
        piece = piece.replace("\n", "<br>") if covering else piece.replace("\n\n", "</p><p>").replace("\n", "<br>")
        for m in reversed(covering):
            first = " first" if m.start == lo else ""
            piece = (f'<span class="mark {m.kind}{first}" data-ref="{escape(m.ref)}" '
                     f'title="{escape(m.title)}" tabindex="0">{piece}</span>')
        out.append(piece)
    return Markup("<p>" + "".join(out) + "</p>")


def actor_label(actor: dict | None) -> str:
    if not actor:
        return "unresolved"
    bits = [b for b in (actor.get("country"), actor.get("sector"), actor.get("org")) if b]
    return f"{actor.get('name') or actor.get('id')}" + (f" ({', '.join(bits)})" if bits else "")


def article_marks(article: dict) -> list[Mark]:
    """The marks of a contract-shaped article (as `/api/articles/{key}` returns it)."""
    marks: list[Mark] = []
    for i, e in enumerate(article["entities"]):
        marks.append(Mark(e["start"], e["end"], "entity", f"n{i}", f"{e['label']}: {actor_label(e.get('actor'))}"))
    for i, q in enumerate(article["quotes"]):
        speaker = q.get("speaker")
        who = actor_label(speaker.get("actor")) if speaker else "no speaker found"
        marks.append(Mark(q["start"], q["end"], "quote", f"q{i}", f"{q['kind']} quote; speaker: {who}"))
        if speaker and speaker.get("start") is not None:
            marks.append(Mark(speaker["start"], speaker["end"], "speaker", f"q{i}", f"speaker of quote {i + 1}: {who}"))
    for i, ev in enumerate(article["events"]):
        trig = ev.get("trigger")
        if not trig:
            continue
        sides = " -> ".join(", ".join(a.get("name") or a.get("country") or "?" for a in side) or "?"
                            for side in (ev["source"], ev["target"]))
        where = f" at {ev['location']['name']}" if ev.get("location") and ev["location"].get("name") else ""
        title = (f"{ev['type']}{'/' + ev['mode'] if ev.get('mode') else ''} ({ev.get('cameo') or '-'}): {sides}, "
                 f"{ev.get('date') or 'undated'}{where}; rule {ev.get('rule')}")
        marks.append(Mark(trig["start"], trig["end"], "event", f"e{i}", title))
    return marks
