"""Figures: money, percentages, counts and durations with value, unit, kind and what they are about.

The sentences here are our own; the seed page is read from ../shared at run time only.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from detente.figures import parse_number
from detente.figures.lexicon import load_lexicon
from detente.model import Figure

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "000_0560086720b66d24.txt"


def figures(nlp, text: str) -> list[Figure]:
    found = nlp(text)._.figures
    for f in found:  # every span indexes the text exactly
        assert text[f.start:f.end] == f.text
    return found


def only(nlp, text: str) -> Figure:
    found = figures(nlp, text)
    assert len(found) == 1, [(f.text, f.value, f.unit) for f in found]
    return found[0]


# --- the number parser -------------------------------------------------------------------------

@pytest.mark.parametrize("words, value", [
    (["300", "billion"], 300e9),
    (["40,000"], 40000),
    (["1.5"], 1.5),
    (["2.5bn"], 2.5e9),
    (["5", "m"], 5e6),
    (["four"], 4),
    (["a", "dozen"], 12),
    (["two", "dozen"], 24),
    (["twenty", "-", "five", "thousand"], 25000),
    (["two", "hundred", "and", "fifty"], 250),
    (["three", "hundred", "thousand"], 300000),
    (["2", "million"], 2e6),
    (["half", "a", "million"], 5e5),
    (["two", "and", "a", "half", "billion"], 2.5e9),
])
def test_parse_number(words, value):
    assert parse_number(words) == pytest.approx(value)


@pytest.mark.parametrize("words", [
    [], ["tens", "of", "thousands"], ["hundreds"], ["5x"], ["1,2"], ["first"], ["troops"], ["a"],
])
def test_parse_number_rejects_vague_and_non_numbers(words):
    assert parse_number(words) is None


# --- money ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, figure, value, unit", [
    ("Officials in Moscow claim Western firms lost $300 billion by leaving.", "$300 billion", 300e9, "USD"),
    ("The bloc agreed on €100 billion for the recovery fund.", "€100 billion", 100e9, "EUR"),
    ("London pledged £2.5bn for the next year.", "£2.5bn", 2.5e9, "GBP"),
    ("The ministry paid 40 billion rubles to contractors.", "40 billion rubles", 40e9, "RUB"),
    ("The grant was worth USD 5 million to the city.", "USD 5 million", 5e6, "USD"),
])
def test_money(nlp, text, figure, value, unit):
    f = only(nlp, text)
    assert (f.text, f.value, f.unit, f.kind) == (figure, pytest.approx(value), unit, "money")


def test_vague_money_has_no_value(nlp):
    f = only(nlp, "Energy firms could earn hundreds of billions of dollars from a deal.")
    assert (f.text, f.value, f.unit, f.kind) == ("hundreds of billions of dollars", None, "USD", "money")


def test_money_about_and_spending(nlp):
    assert only(nlp, "Brussels approved €50 billion in military aid.").about == "military aid"
    assert only(nlp, "Moscow has spent $5 billion on drones this year.").about == "drones"
    # a date after "on" is not what the money is about
    assert only(nlp, "London pledged £2.5bn on Tuesday.").about is None


# --- percentages ---------------------------------------------------------------------------------

def test_percent_about_gdp(nlp):
    found = figures(nlp, "NATO members were told to reach 5 percent of gross domestic product "
                         "demanded by the new administration, while Poland spends 3.4 percent.")
    assert [(f.text, f.value, f.unit, f.kind) for f in found] == [
        ("5 percent", 5.0, "percent", "percent"), ("3.4 percent", 3.4, "percent", "percent")]
    assert found[0].about == "gross domestic product"  # the clause after it is cut off
    assert found[1].about is None


def test_percent_about_includes_what_it_was_spent_on(nlp):
    found = figures(nlp, "In 2023, Germany spent 1.5 percent of its gross domestic product on defense, "
                         "while France spent 2.1 percent.")
    assert [(f.value, f.unit) for f in found] == [(1.5, "percent"), (2.1, "percent")]  # no year
    assert "gross domestic product on defense" in found[0].about


@pytest.mark.parametrize("text, value, unit", [
    ("Inflation reached 3.4 percent in March.", 3.4, "percent"),
    ("The party gained 5% in the polls.", 5.0, "percent"),
    ("Support fell by 2.5 percentage points.", 2.5, "percentage points"),
    ("Turnout was 61 per cent.", 61.0, "percent"),
])
def test_percent_forms(nlp, text, value, unit):
    f = only(nlp, text)
    assert (f.value, f.unit, f.kind) == (value, unit, "percent")


# --- counts --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, figure, value, unit", [
    ("London could send up to 40,000 troops to the mission.", "40,000 troops", 40000, "troops"),
    ("The militants will return four Israeli hostages on Thursday.", "four Israeli hostages", 4, "hostages"),
    ("The war has displaced 2 million people in the east.", "2 million people", 2e6, "people"),
    ("Air defences shot down a dozen drones overnight.", "a dozen drones", 12, "drones"),
    ("Twenty-five thousand soldiers crossed the river.", "Twenty-five thousand soldiers", 25000, "soldiers"),
    ("The camps hold half a million refugees.", "half a million refugees", 5e5, "refugees"),
    # the small model labels this number a DATE; a date label on the number alone is no veto
    ("There were two and a half million refugees.", "two and a half million refugees", 2.5e6, "refugees"),
    ("The court heard three asylum seekers.", "three asylum seekers", 3, "seekers"),
    ("Police counted 800 Ukrainians at the rally.", "800 Ukrainians", 800, "Ukrainians"),
    ("Today about 100,000 Greeks worship the old gods.", "100,000 Greeks", 100000, "Greeks"),
])
def test_counts(nlp, text, figure, value, unit):
    f = only(nlp, text)
    assert (f.text, f.value, f.unit, f.kind) == (figure, value, unit, "count")


def test_strong_force(nlp):
    f = only(nlp, "Planners discussed a 100,000-strong force for the border.")
    assert (f.text, f.value, f.unit, f.kind) == ("100,000-strong force", 100000, "force", "count")


def test_vague_count(nlp):
    f = only(nlp, "Europe may deploy tens of thousands of troops as peacekeepers.")
    assert (f.text, f.value, f.unit, f.kind) == ("tens of thousands of troops", None, "troops", "count")
    g = only(nlp, "Several thousand soldiers were moved south.")
    assert (g.value, g.unit) == (None, "soldiers")


def test_bare_numbers_take_the_unit_of_the_number_of(nlp):
    found = figures(nlp, "The number of captives to be freed this week will rise to six from three, "
                         "the mediators said.")
    assert [(f.text, f.value, f.unit, f.kind) for f in found] == [
        ("six", 6, "captives", "count"), ("three", 3, "captives", "count")]


def test_measures_are_other(nlp):
    f = only(nlp, "Troops advanced 1,200 square kilometers last year.")
    assert (f.value, f.unit, f.kind) == (1200, "kilometers", "other")


# --- durations -----------------------------------------------------------------------------------

def test_duration(nlp):
    f = only(nlp, "After more than four hours of talks, the delegations left.")
    assert (f.text, f.value, f.unit, f.kind) == ("four hours", 4, "hours", "duration")
    # a time unit used as a modifier keeps its unit: not "sentences"
    g = only(nlp, "The judge handed down 18 months imprisonment.")
    assert (g.value, g.unit, g.kind) == (18, "months", "duration")


def test_relative_time_is_not_a_duration(nlp):
    assert figures(nlp, "The companies left the market three years ago.") == []
    assert figures(nlp, "The envoy, who is 45 years old, arrived.") == []


# --- what is not a figure ------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "In 2023, the talks stalled.",                            # a year
    "The summit opened on Feb. 23 at 10 a.m. in the capital.",  # a date and a time
    "He served a first term and then a second one.",          # ordinals
    "The Group of 20 met in the city.",                       # a number inside a name
    "Kyiv asked again for F-16 jets.",                        # a number glued into a name
    "They agreed on a three-step plan.",                      # a number glued into an adjective
    "The 5G network and the #2 seed were discussed.",          # glued letters, a rank
    "The Feb. 23 election and the 23 March talks went ahead.",  # numbers of dates before nouns
    "The 2024 budget was approved.",                          # a year before a noun
    "One of them said no one had come.",                      # "one" as a pronoun
    "The two met briefly.",                                   # no unit, no "number of"
    "",                                                       # empty
    "$$$ %%% -- 12- ,,, \u20ac",                              # symbol soup
    "No numbers here at all.",
])
def test_not_figures(nlp, text):
    assert figures(nlp, text) == []


def test_bundled_lexicon_loads():
    lexicon = load_lexicon()
    assert lexicon.currency_symbols["€"] == "EUR"
    assert lexicon.duration_units["hour"] == "hours"


def test_component_takes_an_explicit_lexicon(nlp, tmp_path):
    from importlib import resources

    import yaml

    from detente.figures.component import make_figure_extractor

    bundled = resources.files("detente.resources").joinpath("figures/lexicon.yaml")
    raw = yaml.safe_load(bundled.read_text(encoding="utf-8"))
    raw["currency_words"]["zlotys"] = "PLN"
    path = tmp_path / "lexicon.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    extractor = make_figure_extractor(nlp, "figures", str(path))
    doc = extractor(nlp("Warsaw paid 300 million zlotys for radars."))
    assert [(f.value, f.unit, f.kind) for f in doc._.figures] == [(300e6, "PLN", "money")]


# --- the seed page -------------------------------------------------------------------------------

# Every money, percent and count figure of the seed page as (value, unit, kind); the
# durations separately. Values only: the page itself stays in ../shared.
SEED_FIGURES = Counter({
    (None, "USD", "money"): 1, (300e9, "USD", "money"): 1,
    (2.0, "sides", "count"): 1, (2.0, "countries", "count"): 1, (2.0, "officials", "count"): 1,
    (4.0, "hostages", "count"): 1, (4.0, "bodies", "count"): 1, (3.0, "members", "count"): 1,
    (2.0, "children", "count"): 1, (4.0, "Israelis", "count"): 1,
    (6.0, "hostages", "count"): 1, (3.0, "hostages", "count"): 1,
    (None, "troops", "count"): 1, (40000.0, "troops", "count"): 1, (100000.0, "force", "count"): 1,
    (2.0, "concessions", "count"): 1,
    (5.0, "percent", "percent"): 1, (3.0, "percent", "percent"): 1, (3.4, "percent", "percent"): 1,
    (1.5, "percent", "percent"): 1, (2.1, "percent", "percent"): 1, (2.3, "percent", "percent"): 1,
})
SEED_DURATIONS = Counter({(3.0, "years"): 1, (4.0, "hours"): 1, (4.0, "years"): 1})


def _check_seed(found: list[Figure]) -> None:
    main = Counter((f.value, f.unit, f.kind) for f in found if f.kind != "duration")
    assert main == SEED_FIGURES
    assert Counter((f.value, f.unit) for f in found if f.kind == "duration") == SEED_DURATIONS
    about = {f.value: f.about for f in found if f.kind == "percent"}
    assert about[5.0] == "gross domestic product"
    assert about[3.0] == "gross domestic product"
    assert "gross domestic product on defense" in about[1.5]


def test_seed_page_figures(nlp):
    if not SEED.exists():
        pytest.skip("../shared/seeds is not present")
    body = SEED.read_text(encoding="utf-8").split("\n", 1)[1]  # after the publisher line
    _check_seed(figures(nlp, body))


def test_seed_articles_figures(nlp, seed_articles):
    """Through the whole pipeline: the bodies' figures plus those of headlines and deks (not in
    the bodies) are the page's figures."""
    articles = [a for a in seed_articles if hasattr(a, "figures")]
    assert articles
    found = []
    for article in articles:
        for f in article.figures:
            assert article.text[f.start:f.end] == f.text
        found += article.figures
        found += [f for line in (article.headline, article.dek) if line for f in figures(nlp, line)]
    _check_seed(found)


# --- inputs nobody thought of --------------------------------------------------------------------

_PIECES = ["$", "€", "£", "300", "billion", "of", "dollars", "tens", "thousands", "troops", "-", "strong",
           "percent", "%", "a", "dozen", "half", "and", "two", "number", "hostages", "to", "from", "years",
           "ago", "spent", "on", "USD", "2.5bn", "5", "m", "#", "Feb.", "23", ",", ".", "“", "”", "2023"]


def test_any_mix_of_number_words_gives_well_formed_figures(nlp):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=60, deadline=None)
    @given(st.lists(st.sampled_from(_PIECES), max_size=30))
    def check(pieces):
        text = " ".join(pieces)
        for f in figures(nlp, text):  # spans are checked against the text there
            assert f.kind in {"money", "percent", "count", "duration", "other"}
            assert f.value is None or f.value >= 0
            assert f.unit

    check()
