"""A small store with known contents for the web and digest tests, written without the NLP
pipeline (so it builds in a second): US-Russia relations that turn from conflict to
cooperation in mid-2024, quotes by Sergey Lavrov about Ukraine, and one article whose
headline carries a script tag. All texts are written for these tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from detente.model import ActorRef, Article, Document, Entity, Event, Offsets, Quote, Span, Speaker
from detente.store import Store, document_key

USA = ActorRef("USA", "United States", "USA", "GOV")
RUS = ActorRef("RUS", "Russia", "RUS", "GOV")
UKR = ActorRef("UKR", "Ukraine", "UKR", "GOV")
LAVROV = ActorRef("sergey-lavrov", "Sergey Lavrov", "RUS", "GOV")
NAMES = {"United States": USA, "Russia": RUS, "Ukraine": UKR, "Sergey Lavrov": LAVROV}

# (type, cameo, quad class, Goldstein, verb) of the months before and after the turn.
CONFLICT = ("ACCUSE", "112", 3, -6.0, "accused")
COOPERATION = ("AGREE", "057", 1, 5.0, "agreed with")
XSS_HEADLINE = '<script>alert("pwned")</script> Envoys meet in Geneva'


def _span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start, start + len(part), part)


def _at(text: str, part: str, after: int = 0) -> dict:
    """The span fields of `part` in `text`, for any Span subclass."""
    span = _span(text, part, after)
    return {"start": span.start, "end": span.end, "text": span.text}


def month_article(month: int, n: int) -> Article:
    """Article `n` of 2024-`month`: an event between the US and Russia, and a quote by
    Sergey Lavrov that names Ukraine."""
    kind, cameo, quad, goldstein, verb = CONFLICT if month <= 6 else COOPERATION
    day = 3 + 7 * n
    date = dt.date(2024, month, day)
    first = f"The United States {verb} Russia on {date:%B} {day}."
    quote = "Ukraine will not be discussed without us"
    text = f"{first}\n\n“{quote},” Sergey Lavrov said in Moscow.\n\nObservers in Ukraine watched closely."
    entities = [Entity(**_at(text, name), label="GPE" if name != "Sergey Lavrov" else "PERSON",
                       actor=NAMES[name])
                for name in ("United States", "Russia", "Sergey Lavrov")]
    entities.append(Entity(**_at(text, "Ukraine"), label="GPE", actor=UKR))
    entities.append(Entity(**_at(text, "Ukraine", text.index("Observers")), label="GPE", actor=UKR))
    speaker = Speaker(**_at(text, "Sergey Lavrov"), actor=LAVROV)
    q = Quote(**_at(text, quote), kind="direct", speaker=speaker, cue=_span(text, "said"))
    event = Event(type=kind, trigger=_span(text, verb), sentence=Offsets(0, len(first)), source=[USA], target=[RUS],
                  date=date.isoformat(), cameo=cameo, quad_class=quad, goldstein=goldstein + 0.3 * n,
                  confidence=0.9, rule=f"test.{kind.lower()}")
    headline = f"US and Russia: {'dispute' if month <= 6 else 'agreement'} number {n + 1} of {date:%B}"
    return Article(doc_id=f"m{month:02d}-{n}", article_id=f"m{month:02d}-{n}:0", origin=f"test/m{month:02d}-{n}.txt",
                   text=text, source="Test Wire", published=dt.datetime.combine(date, dt.time(12)),
                   headline=headline, entities=entities, quotes=[q], events=[event],
                   url=f"https://example.org/{month}/{n}")


def ukraine_article(day: dt.date, doc_id: str, words: str = "Russia attacked Ukraine") -> Article:
    """An article with one assault by Russia on Ukraine (for digests)."""
    text = f"{words} on {day:%B} {day.day}, officials said."
    event = Event(type="ASSAULT", trigger=_span(text, "attacked"), sentence=Offsets(0, len(text)),
                  source=[RUS], target=[UKR], date=day.isoformat(), cameo="190", quad_class=4, goldstein=-10.0,
                  confidence=0.8, rule="test.assault")
    entities = [Entity(**_at(text, "Russia"), label="GPE", actor=RUS),
                Entity(**_at(text, "Ukraine"), label="GPE", actor=UKR)]
    return Article(doc_id=doc_id, article_id=f"{doc_id}:0", origin=f"test/{doc_id}.txt", text=text,
                   source="Other Daily", published=dt.datetime.combine(day, dt.time(9)),
                   headline=f"{words} ({doc_id})", entities=entities, events=[event])


def xss_article() -> Article:
    text = "Envoys met in Geneva on Tuesday. <b>Nothing</b> was agreed, & talks go on."
    return Article(doc_id="xss", article_id="xss:0", origin="test/xss.txt", text=text, source="Test Wire",
                   published=dt.datetime(2024, 12, 20, 8), headline=XSS_HEADLINE, dek="<img src=x onerror=alert(1)>",
                   url="javascript:alert(document.cookie)")


def write_articles(store: Store, articles: list[Article]) -> None:
    for article in articles:
        doc = Document(doc_id=article.doc_id, origin=article.origin, text=article.text + article.doc_id,
                       format="text", source=article.source, published=article.published, title=article.headline)
        store.write_document(doc, document_key(doc), [article])


def build_store(path: str | Path) -> Path:
    """The test store at `path`: 24 US-Russia articles over 2024, one on Ukraine, one XSS."""
    articles = [month_article(m, n) for m in range(1, 13) for n in range(2)]
    articles.append(ukraine_article(dt.date(2024, 12, 10), "ukr-1"))
    articles.append(xss_article())
    with Store(path) as store:
        write_articles(store, articles)
        # One imported (ICEWS-style) event, which the pages show apart from detente's own.
        store.con.execute(
            "INSERT INTO events (row_id, event_key, dataset, date, type, cameo, quad_class, goldstein,"
            " source_id, source_name, source_country, target_id, target_name, target_country, sentence_text)"
            " VALUES ('icews-1', 'icews-1', 'icews', DATE '2024-09-15', 'CONSULT', '040', 1, 1.0,"
            " 'USA', 'United States', 'USA', 'RUS', 'Russia', 'RUS', 'Imported: officials met.')")
    return Path(path)
