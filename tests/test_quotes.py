"""Quotes: every attribution on the seed page, and invented texts for each hard case."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.model import Quote
from detente.quotes import quoted_spans

# -- helpers -----------------------------------------------------------------------------------
def _quotes(nlp, text: str) -> list[Quote]:
    return list(nlp(text)._.quotes)


def _find(quotes: list[Quote], starts: str) -> Quote:
    hits = [q for q in quotes if q.text.startswith(starts)]
    assert len(hits) == 1, f"expected one quote starting {starts!r}, got {[q.text[:60] for q in quotes]}"
    return hits[0]


def _check(quote: Quote, text: str, kind: str, speaker: str, cue: str) -> None:
    assert quote.kind == kind
    assert quote.speaker is not None and quote.speaker.text == speaker
    assert quote.cue is not None and quote.cue.text == cue
    # Offsets index the article text (the contract's Span rule).
    assert text[quote.start:quote.end] == quote.text
    assert text[quote.speaker.start:quote.speaker.end] == quote.speaker.text
    assert text[quote.cue.start:quote.cue.end] == quote.cue.text


# -- the seed page -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_quotes(seed_articles):
    """(article text, quote) for every quote of every article on the seed page."""
    return [(a.text, q) for a in seed_articles if hasattr(a, "quotes") for q in a.quotes]


def _seed(seed_quotes, starts: str) -> tuple[str, Quote]:
    hits = [(t, q) for t, q in seed_quotes if q.text.startswith(starts)]
    assert len(hits) == 1, f"expected one seed quote starting {starts!r}, got {len(hits)}"
    return hits[0]


SEED_CASES = [
    # (quote starts with, kind, speaker span, cue)
    # quote first, speaker after
    ("We weren’t just listening to each other", "direct", "Mr. Lavrov", "said"),
    # a second quoted sentence with no cue of its own continues the same speaker
    ("I have reason to believe that the American side", "direct", "Mr. Lavrov", "said"),
    # inverted cue, apposition not part of the speaker mention
    ("Everybody’s hyped up at the moment", "direct", "Lawrence Freedman", "said"),
    ("What is clear is that whatever happens", "direct", "Lawrence Freedman", "said"),
    # pronoun speakers (span is the pronoun itself)
    ("We came here to hold negotiations", "direct", "he", "said"),
    ("We’re a long way from the circumstances", "direct", "he", "said"),
    ("I can’t get past the incompatibility", "direct", "he", "said"),
    # cue with its audience or medium
    ("There’s going to be engagement and consultation", "direct", "Mr. Rubio", "told reporters"),
    ("But ultimately, the Russian side will be indispensable", "direct", "Mr. Rubio", "told reporters"),
    ("Frankly, we haven’t got the numbers", "direct", "Richard Dannatt", "told the BBC"),
    ("A contradiction runs through the United States", "direct", "Nigel Gould-Davies",
     "wrote in an online essay"),
    ("U.S. oil majors have had very successful business", "direct", "Mr. Dmitriev",
     "said in a brief interview on Tuesday"),
    ("We need to put all facts on the table", "direct", "Mr. Dmitriev", "said"),
    ("We saw that President Trump is focused", "direct", "Mr. Dmitriev", "said"),
    ("We cannot recognize any agreements made about us", "direct",
     "President Volodymyr Zelensky of Ukraine", "said"),
    ("In the past, you assumed that this was a serious", "direct", "Professor Freedman", "said"),
    ("We have to fear that our common value base", "direct", "Mr. Heusgen", "said"),
    ("Unless the position on the ground improves greatly", "direct", "Malcolm Chalmers", "said"),
    # mixed: a paraphrase carrying quoted words
    ("both sides had agreed to work on a peace settlement", "mixed", "Secretary of State Marco Rubio", "said"),
    ("both sides had “a very serious discussion", "mixed", "Yuri Ushakov", "said"),
    ("talk of peacekeepers as “completely premature”", "mixed", "Olaf Scholz", "dismissed"),
    ("the alliance’s members to increase their spending", "mixed", "Mark Rutte", "called on"),
    ("Britain was open to “putting our troops on the ground", "mixed",
     "Prime Minister Keir Starmer of Britain", "said"),
    ("he would seek to restart economic cooperation", "mixed", "Mr. Dmitriev", "said"),
    ("the United States could supply a “long-term security shield”", "mixed",
     "Treasury Secretary Scott Bessent", "suggested"),
    # institutional speaker
    ("they were welcoming the Russians and Americans", "mixed", "The Saudis", "said"),
    # indirect
    ("he would present the American delegation with an estimate", "indirect", "Mr. Dmitriev", "said"),
    ("both countries would negotiate how to remove restrictions", "indirect", "he", "said"),
    ("there were no plans for a three-way meeting", "indirect", "Mr. Ushakov", "said"),
    ("Energy and economic ties were among the topics", "indirect", "Mr. Trump and the Kremlin",
     "according to"),
    ("members of the Bibas family would be among the four bodies", "indirect", "Mr. Hayya", "said"),
    # two speakers, the second with its apposition
    ("leaders not to sunder the trans-Atlantic alliance", "indirect",
     "Mr. Scholz and Poland’s prime minister, Donald Tusk", "warned"),
]


@pytest.mark.parametrize(("starts", "kind", "speaker", "cue"), SEED_CASES, ids=[c[0][:30] for c in SEED_CASES])
def test_seed_quote(seed_quotes, starts, kind, speaker, cue):
    text, quote = _seed(seed_quotes, starts)
    _check(quote, text, kind, speaker, cue)


def test_seed_direct_spans_exclude_marks_and_mixed_keep_them(seed_quotes):
    _, lavrov = _seed(seed_quotes, "We weren’t just listening")
    assert lavrov.text == "We weren’t just listening to each other, but we heard each other"
    _, rubio = _seed(seed_quotes, "both sides had agreed to work")
    assert rubio.text.endswith("“the incredible opportunities that exist to partner with the Russians,” "
                               "both geopolitically and economically")
    _, scholz = _seed(seed_quotes, "talk of peacekeepers as")
    assert "“highly inappropriate”" in scholz.text


def test_seed_fragments_inside_reported_speech_are_not_quotes_of_their_own(seed_quotes):
    for fragment in ("the incredible opportunities", "completely premature", "considerably more than 3",
                     "putting our troops", "rebuild communication", "long-term security shield"):
        assert not [q for _, q in seed_quotes if q.text.startswith(fragment)], fragment


def test_seed_scare_quotes_and_descriptions_are_not_direct_quotes(seed_quotes):
    # "He described them as “the extraordinary opportunities …”" is part of a mixed quote at most.
    hits = [q for _, q in seed_quotes if q.text.startswith("the extraordinary opportunities")]
    assert not [q for q in hits if q.kind == "direct"]


@pytest.mark.parametrize(("starts", "actor"), [
    ("We weren’t just listening to each other", "Sergey Lavrov"),
    ("Everybody’s hyped up at the moment", "Lawrence Freedman"),
    ("both sides had agreed to work on a peace settlement", "Marco Rubio"),
    ("talk of peacekeepers as “completely premature”", "Olaf Scholz"),
    ("We cannot recognize any agreements made about us", "Volodymyr Zelensky"),
    # through the actors stage's pronoun resolution, across sentences and paragraphs
    ("We came here to hold negotiations", "Yuri Ushakov"),
    ("We’re a long way from the circumstances", "Lawrence Freedman"),
    ("both countries would negotiate how to remove", "Marco Rubio"),
    ("Britain would have to supply up to 40,000 troops", "Richard Dannatt"),
])
def test_seed_speaker_actor(seed_quotes, starts, actor):
    _, quote = _seed(seed_quotes, starts)
    assert quote.speaker is not None and quote.speaker.actor is not None
    assert quote.speaker.actor.name == actor


# -- invented texts, one per hard case ---------------------------------------------------------
def test_straight_quotes_quote_first_and_continuation(nlp):
    text = '"The bridge will open in May," the mayor said on Friday. "We owe the city that much."'
    quotes = _quotes(nlp, text)
    assert len(quotes) == 2
    _check(_find(quotes, "The bridge will open in May"), text, "direct", "the mayor", "said")
    _check(_find(quotes, "We owe the city that much."), text, "direct", "the mayor", "said")


def test_interrupted_quotation_is_two_quotes_with_one_speaker(nlp):
    text = "“The harvest was poor,” Ms. Okafor said, “but the price of grain held steady.”"
    quotes = _quotes(nlp, text)
    assert [q.text for q in quotes] == ["The harvest was poor", "but the price of grain held steady."]
    for quote in quotes:
        _check(quote, text, "direct", "Ms. Okafor", "said")


def test_speaker_first_with_colon_in_previous_paragraph(nlp):
    text = "The minister of fisheries told the assembly:\n\n“No boat will leave port until the storm passes.”"
    quote = _find(_quotes(nlp, text), "No boat will leave port")
    _check(quote, text, "direct", "The minister of fisheries", "told the assembly")


def test_unbalanced_mark_does_not_lose_later_quotes(nlp):
    text = ("The council met on Monday. “We have no budget for this, a member complained.\n\n"
            "The vote was postponed. Then a stray” mark and a \"straight one.\n\n"
            "“The roads come first,” said Anna Berg, the council chair. “Everything else can wait.”")
    quotes = _quotes(nlp, text)
    first = _find(quotes, "The roads come first")
    _check(first, text, "direct", "Anna Berg", "said")
    _check(_find(quotes, "Everything else can wait."), text, "direct", "Anna Berg", "said")


def test_quotation_running_over_two_paragraphs(nlp):
    text = ("“The river rose faster than anyone expected,” the engineer said. “We lost the lower field.\n\n"
            "“By morning the water had reached the barn.”")
    quotes = _quotes(nlp, text)
    second = _find(quotes, "We lost the lower field.")
    assert second.text.endswith("By morning the water had reached the barn.")
    _check(second, text, "direct", "the engineer", "said")


def test_uncued_quotation_in_next_paragraph_continues_only_without_a_cue_of_its_own(nlp):
    text = ("“The clinic will stay open,” the health minister said.\n\n"
            "“Nobody will lose their doctor.”\n\n"
            "“We will fight the closure,” a union leader replied.")
    quotes = _quotes(nlp, text)
    _check(_find(quotes, "Nobody will lose their doctor."), text, "direct", "the health minister", "said")
    _check(_find(quotes, "We will fight the closure"), text, "direct", "a union leader", "replied")


def test_archive_double_apostrophe_marks(nlp):
    text = "''We will not sign this treaty,'' the prime minister said on Tuesday."
    _check(_find(_quotes(nlp, text), "We will not sign this treaty"), text, "direct", "the prime minister", "said")


def test_transcript_label_attributes_without_a_cue(nlp):
    text = "Two candidates answered.\n\nSmith: “We will cut taxes.” Garcia: “We will build schools.”"
    quotes = _quotes(nlp, text)
    assert [(q.text, q.speaker.text if q.speaker else None, q.cue) for q in quotes] == [
        ("We will cut taxes.", "Smith", None), ("We will build schools.", "Garcia", None)]


def test_a_heading_with_a_colon_is_not_a_speaker(nlp):
    assert _quotes(nlp, "UPDATE: “The road is open again.”") == []


def test_indirect_with_and_without_that(nlp):
    text = ("The port authority said that shipping would resume next week. "
            "Its director said he expected long delays.")
    quotes = _quotes(nlp, text)
    _check(_find(quotes, "shipping would resume next week"), text, "indirect", "The port authority", "said")
    _check(_find(quotes, "he expected long delays"), text, "indirect", "Its director", "said")


def test_according_to_and_parenthetical_cue(nlp):
    text = ("The talks will continue in Geneva, according to two diplomats. "
            "The next round, she added, will focus on prisoners.")
    quotes = _quotes(nlp, text)
    _check(_find(quotes, "The talks will continue in Geneva"), text, "indirect", "two diplomats", "according to")
    _check(_find(quotes, "will focus on prisoners"), text, "indirect", "she", "added")


def test_as_clause_cue_reports_the_main_clause(nlp):
    text = "As the agency’s spokeswoman explained, the permits were suspended for a month."
    _check(_find(_quotes(nlp, text), "the permits were suspended"), text, "indirect",
           "the agency’s spokeswoman", "explained")


def test_mixed_quote_keeps_its_marks(nlp):
    text = "The senator called the plan “a gift to polluters” and promised to vote against it."
    quote = _find(_quotes(nlp, text), "the plan “a gift to polluters”")
    assert quote.kind == "mixed"
    assert quote.speaker is not None and quote.speaker.text == "The senator"


def test_quotation_woven_into_the_sentence_is_mixed_not_direct(nlp):
    text = "The coach says “the league has gone soft” because referees call every contact."
    quotes = _quotes(nlp, text)
    assert [q.kind for q in quotes] == ["mixed"]
    assert quotes[0].text.startswith("“the league has gone soft” because")


def test_scare_quotes_without_a_speaker_are_not_quotes(nlp):
    text = "The so-called “peace dividend” never arrived, and the town’s “new economy” stayed a slogan."
    assert _quotes(nlp, text) == []


def test_belief_is_not_speech(nlp):
    text = "Many residents believe that the factory will close."
    assert _quotes(nlp, text) == []


def test_text_without_any_marks_or_cues(nlp):
    assert _quotes(nlp, "") == []
    assert _quotes(nlp, "Rain fell on the valley for three days.") == []


# -- the scanner alone -------------------------------------------------------------------------
def _texts(text: str) -> list[str]:
    return [text[q.start:q.end] for q in quoted_spans(text)]


def test_scanner_pairs_curly_and_straight_marks():
    assert _texts('“A,” he said, “B.” Then "C" and "D".') == ["A,", "B.", "C", "D"]


def test_scanner_contains_an_unclosed_mark_to_its_paragraph():
    text = "“Never closed here\n\nA new paragraph with “its own quote” intact."
    assert _texts(text) == ["Never closed here", "its own quote"]
    assert quoted_spans(text)[0].close_mark is None


def test_scanner_ignores_stray_closing_mark_and_repairs_wrong_glyph():
    assert _texts("a stray” mark, then “good” words") == ["good"]
    # An opening glyph typed where a closing one belongs is read from its surroundings.
    assert _texts("“Yes,“ she said.") == ["Yes,"]


def test_scanner_continues_a_quotation_into_the_next_paragraph():
    text = "“First paragraph of the statement.\n\n“Second paragraph.” Then prose."
    (quoted,) = quoted_spans(text)
    assert text[quoted.start:quoted.end] == "First paragraph of the statement.\n\n“Second paragraph."


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,:\n“”\"'`«»")), max_size=80))
def test_scanner_never_fails_and_spans_are_ordered_and_disjoint(text):
    spans = quoted_spans(text)
    previous_end = -1
    for q in spans:
        assert 0 <= q.open_mark < q.start <= q.end <= q.after <= len(text)
        assert q.open_mark >= previous_end
        previous_end = q.after


_PIECES = ["“", "”", '"', "''", ",", ".", ":", "\n\n", "he said", "said the minister", "told reporters",
           "according to officials", "that", "we will win", "the talks failed", "She added",
           "Mr. Ortiz", "warned", "the plan is “dead”", "as"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25))
def test_every_quote_indexes_the_text_whatever_the_input(nlp, pieces):
    text = " ".join(pieces)
    for quote in nlp(text)._.quotes:
        assert quote.kind in ("direct", "indirect", "mixed")
        assert text[quote.start:quote.end] == quote.text and quote.text.strip()
        for span in (quote.speaker, quote.cue):
            if span is not None:
                assert text[span.start:span.end] == span.text
