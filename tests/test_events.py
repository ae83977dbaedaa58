"""The event coder: dates, codes, places, rules, and the seed page's events."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from detente.events.codes import CodeBook
from detente.events.dates import resolve
from detente.events.lexicon import PLOVER_TYPES, load_lexicon
from detente.events.places import Gazetteer

# A Wednesday, as the seed page's publication date (2025-02-19 00:11).
PUBLISHED = datetime(2025, 2, 19, 0, 11)


def code(nlp, text: str, published: datetime | None = PUBLISHED):
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)


def of_type(events, etype: str):
    return [e for e in events if e.type == etype]


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(("text", "future", "expected"), [
    ("Tuesday", False, "2025-02-18"),
    ("on Tuesday", False, "2025-02-18"),
    ("Monday", False, "2025-02-17"),
    ("Wednesday", False, "2025-02-19"),  # the day of publication
    ("Thursday", True, "2025-02-20"),  # a planned event: the coming Thursday
    ("Thursday", False, "2025-02-13"),
    ("last Wednesday", False, "2025-02-12"),
    ("this past weekend", False, "2025-02-15"),
    ("yesterday", False, "2025-02-18"),
    ("last week", False, "2025-02-12"),
    ("three years ago", False, "2022-02-19"),
    ("last June", False, "2024-06-01"),
    ("Feb. 23", False, "2025-02-23"),  # no year: the nearest one, even if ahead
    ("Dec. 30", False, "2024-12-30"),
    ("March 3, 2021", False, "2021-03-03"),
    ("4 July 2019", False, "2019-07-04"),
])
def test_dates_resolve_against_publication(text, future, expected):
    assert resolve(text, PUBLISHED, future) == expected


@pytest.mark.parametrize("text", ["2023", "recent years", "decades", "the past", "early 2022", "", "a while"])
def test_vague_dates_give_no_day(text):
    assert resolve(text, PUBLISHED) is None


def test_relative_dates_need_a_publication_date():
    assert resolve("Tuesday", None) is None
    assert resolve("Feb. 23, 2025", None) == "2025-02-23"
    assert resolve("Tuesday", date(2025, 2, 19)) == "2025-02-18"


def test_dates_of_a_sentence_are_those_spacy_gives_it(nlp):
    from detente.events.dates import SentenceDates

    doc = code(nlp, "On Monday, the envoy met Lavrov in Moscow. Talks resumed on Feb. 3 and ended "
                    "last week. No date here. Tuesday and Wednesday: two days of talks in Geneva.")
    dates = SentenceDates(doc)
    for sent in doc.sents:
        assert dates.of(sent) == [e for e in sent.ents if e.label_ == "DATE"]
    assert sum(len(dates.of(s)) for s in doc.sents) >= 4


# ---------------------------------------------------------------- codes, places, rules


def test_codebook_scores_and_quads():
    book = CodeBook()
    phone = book.lookup("CONSULT", "phone", "041")
    assert (phone.cameo, phone.quad_class, phone.goldstein, phone.plover_score) == ("041", 1, 1.0, 1.5)
    aid = book.lookup("AID")
    assert aid.quad_class == 2 and aid.cameo == "070" and aid.goldstein == 7.0
    # a 4-digit code falls back to its parent's Goldstein value
    assert book.lookup("RETREAT", "release", "0841").goldstein == 7.0
    assert book.lookup("ASSAULT", "aerial").plover_score == -9.5
    assert book.quad_of_cameo("020") == 0 and book.quad_of_cameo("163") == 3 and book.quad_of_cameo("190") == 4


def test_every_rule_has_a_known_type_and_a_coded_cameo():
    lexicon = load_lexicon()
    book = CodeBook()
    assert len(lexicon.rules) > 80
    for rule in lexicon.rules.values():
        assert rule.type in PLOVER_TYPES
        assert rule.name.split(".")[0] == rule.type.lower(), rule.name
        assert rule.cameo is None or book.goldstein(rule.cameo) is not None, rule.name
        if rule.mode:
            assert rule.mode in (book.plover[rule.type].get("modes") or {}), rule.name


def test_malformed_rules_are_refused():
    with pytest.raises(ValueError, match="PLOVER type"):
        load_lexicon("rules:\n  - {name: x.y, type: PARLEY, verbs: [talk]}\n")
    with pytest.raises(ValueError, match="twice"):
        load_lexicon("rules:\n  - {name: a.b, type: AID, verbs: [give]}\n  - {name: a.b, type: AID, verbs: [give]}\n")
    with pytest.raises(ValueError, match="no verbs"):
        load_lexicon("rules:\n  - {name: a.b, type: AID}\n")


def test_gazetteer():
    places = Gazetteer()
    riyadh = places.locate("Riyadh")
    assert (riyadh.country, round(riyadh.lat), round(riyadh.lon)) == ("SAU", 25, 47)
    assert places.locate("Kiev").name == "Kyiv"
    assert places.locate("Saudi Arabia").country == "SAU"
    assert places.locate("Turkey").country == "TUR"
    assert places.locate("Narnia") is None


# ---------------------------------------------------------------- the component on sentences


def test_threat_with_tariffs_is_one_economic_threat(nlp):
    doc = code(nlp, "Mr. Trump, meantime, has threatened to hit the European Union with sweeping tariffs.")
    assert [e.type for e in doc._.events] == ["THREATEN"]  # the tariffs are what is threatened
    ev = doc._.events[0]
    assert ev.mode == "restrict" and "economic" in ev.context
    assert ev.trigger.text == "threatened" and ev.rule.startswith("threaten.")
    assert (ev.cameo, ev.quad_class, ev.goldstein) == ("130", 3, -4.4)
    assert [s.text for s in doc._.event_arguments[0]["target"]] == ["the European Union"]


def test_planned_meeting_is_hypothetical_with_place_and_date(nlp):
    doc = code(nlp, "On Tuesday, Mr. Zelensky was set to meet with President Recep Tayyip Erdogan "
                    "of Turkey in the Turkish capital, Ankara.")
    (ev,) = of_type(doc._.events, "CONSULT")
    assert ev.hypothetical and not ev.negated
    assert ev.date == "2025-02-18"  # "was set to": planned then, not ahead of publication
    assert (ev.location.name, ev.location.country) == ("Ankara", "TUR")
    args = doc._.event_arguments[doc._.events.index(ev)]
    assert [s.text for s in args["source"]] == ["Mr. Zelensky"]
    assert "Erdogan" in args["target"][0].text


def test_future_handover_is_a_concession_dated_ahead(nlp):
    doc = code(nlp, "A spokesman said on Tuesday that the group intends to hand over the bodies of two "
                    "soldiers to Israel on Thursday.")
    (ev,) = [e for e in doc._.events if e.trigger.text == "hand over"]
    # PLOVER: an announced future release is CONCEDE, not RETREAT
    assert ev.type == "CONCEDE" and ev.hypothetical and "future>CONCEDE" in ev.rule
    assert ev.date == "2025-02-20"
    assert [s.text for s in doc._.event_arguments[doc._.events.index(ev)]["target"]] == ["Israel"]


def test_negation_is_marked_not_dropped(nlp):
    doc = code(nlp, "The army did not attack the convoy on Monday.")
    (ev,) = of_type(doc._.events, "ASSAULT")
    assert ev.negated and ev.date == "2025-02-17"


def test_refusing_to_recognize_is_a_rejection(nlp):
    doc = code(nlp, "“We will never recognize these agreements,” the foreign minister said Monday.")
    (ev,) = doc._.events
    assert ev.type == "REJECT" and not ev.negated and "negated>REJECT" in ev.rule
    assert ev.date == "2025-02-17"


def test_phone_call_and_humanitarian_aid(nlp):
    doc = code(nlp, "The French president held a lengthy phone call with the German chancellor last week. "
                    "Qatar has sent humanitarian aid to the region.")
    call = of_type(doc._.events, "CONSULT")[0]
    assert call.mode == "phone" and call.cameo == "041" and call.date == "2025-02-12"
    aid = of_type(doc._.events, "AID")[0]
    assert "humanitarian" in aid.context and aid.quad_class == 2
    assert aid.cameo == "073" and aid.goldstein == 7.4  # CAMEO: provide humanitarian aid


@pytest.mark.parametrize("text", [
    "Analysts note that the United States has already granted Russia two major concessions.",
    "Some liken the president's approach to his talks with the North Korean leader.",
    "Experts believe that Moscow will attack Kyiv again in the spring.",
])
def test_commentary_makes_no_events(nlp, text):
    assert code(nlp, text)._.events == []


def test_statements_and_declined_comments_make_no_conflict(nlp):
    doc = code(nlp, "The ministry declined to comment on the report.")
    assert not [e for e in doc._.events if e.quad_class and e.quad_class >= 3]


@pytest.mark.parametrize("text", ["", "   ", "!!! ??? ...", "a" * 5000, "Attack. " * 200])
def test_bad_input_does_not_break(nlp, text):
    doc = code(nlp, text, published=None)
    assert isinstance(doc._.events, list)
    assert len(doc._.events) == len(doc._.event_arguments)
    for ev in doc._.events:
        assert ev.date is None  # no publication date: no relative dates


def test_events_are_traceable(nlp):
    text = ("Russian forces shelled the city of Kharkiv on Sunday, and Ukraine accused Moscow of war crimes. "
            "Protesters rallied in Tbilisi against the government.")
    doc = code(nlp, text)
    rules = load_lexicon().rules
    assert {"ASSAULT", "ACCUSE", "PROTEST"} <= {e.type for e in doc._.events}
    for ev in doc._.events:
        assert text[ev.trigger.start:ev.trigger.end] == ev.trigger.text
        assert ev.sentence.start <= ev.trigger.start < ev.sentence.end
        assert ev.rule.split("+")[0] in rules
        assert 0.0 < ev.confidence < 1.0
    protest = of_type(doc._.events, "PROTEST")[0]
    assert protest.location.name == "Tbilisi" and protest.location.country == "GEO"


# ---------------------------------------------------------------- the seed page


def _seed_events(seed_articles):
    return [e for a in seed_articles if hasattr(a, "events") for e in a.events]


def _countries(refs) -> set[str]:
    return {r.country for r in refs if r.country}


def test_seed_riyadh_talks(seed_articles):
    events = _seed_events(seed_articles)
    riyadh = [e for e in events if e.type == "CONSULT" and e.location and e.location.name == "Riyadh"]
    assert riyadh, "no CONSULT event placed in Riyadh"
    ev = riyadh[0]
    assert ev.location.country == "SAU" and ev.location.lat is not None
    assert ev.date == "2025-02-18"


def test_seed_riyadh_talks_parties_and_mode(seed_articles):
    riyadh = [e for e in _seed_events(seed_articles) if e.type == "CONSULT" and e.location
              and e.location.name == "Riyadh"]
    assert any({"USA", "RUS"} <= _countries([*e.source, *e.target]) and e.mode == "third-party" for e in riyadh)


def test_seed_agreement_to_set_up_teams(seed_articles):
    agree = [e for e in _seed_events(seed_articles) if e.type == "AGREE" and e.trigger.text == "agreed"
             and e.date == "2025-02-18"]
    assert agree


def test_seed_agreement_parties(seed_articles):
    agree = [e for e in _seed_events(seed_articles) if e.type == "AGREE" and e.date == "2025-02-18"]
    # "American and Russian officials agreed": one party the source, the other the target
    assert any({"USA", "RUS"} <= _countries([*e.source, *e.target]) for e in agree)


def test_seed_trump_putin_phone_call(seed_articles):
    calls = [e for e in _seed_events(seed_articles) if e.type == "CONSULT" and e.mode == "phone"]
    assert calls
    assert any(e.trigger.text == "phone call" for e in calls)


def test_seed_phone_call_parties(seed_articles):
    calls = [e for e in _seed_events(seed_articles) if e.type == "CONSULT" and e.mode == "phone"]
    assert any(_countries([*e.source, *e.target]) == {"USA", "RUS"} for e in calls)


def test_seed_zelensky_rejects_agreements_without_ukraine(seed_articles):
    rejects = [e for e in _seed_events(seed_articles) if e.type == "REJECT" and e.date == "2025-02-17"]
    assert rejects and not rejects[0].negated


def test_seed_zelensky_rejection_source(seed_articles):
    rejects = [e for e in _seed_events(seed_articles) if e.type == "REJECT" and e.date == "2025-02-17"]
    assert any("UKR" in _countries(e.source) for e in rejects)


def test_seed_zelensky_to_meet_erdogan_in_ankara(seed_articles):
    meets = [e for e in _seed_events(seed_articles) if e.type == "CONSULT" and e.location
             and e.location.name == "Ankara"]
    assert meets and meets[0].hypothetical and meets[0].location.country == "TUR"


def test_seed_ankara_parties(seed_articles):
    meets = [e for e in _seed_events(seed_articles) if e.type == "CONSULT" and e.location
             and e.location.name == "Ankara"]
    assert any("UKR" in _countries(e.source) and "TUR" in _countries(e.target) for e in meets)


def test_seed_hamas_to_hand_over_remains(seed_articles):
    handovers = [e for e in _seed_events(seed_articles) if e.trigger.text == "hand over"]
    assert handovers
    ev = handovers[0]
    # announced for Thursday: a verbal concession (PLOVER CONCEDE), planned, dated ahead
    assert ev.type == "CONCEDE" and ev.hypothetical and ev.date == "2025-02-20"
    assert "ISR" in _countries(ev.target)


def test_seed_hamas_handover_source(seed_articles):
    ev = [e for e in _seed_events(seed_articles) if e.trigger.text == "hand over"][0]
    # "militants" after "Hamas's chief negotiator" is Hamas, not generic rebels
    assert "PSE" in _countries(ev.source) and any("Hamas" in (r.org or r.name) for r in ev.source)


def test_seed_trump_threatens_eu_with_tariffs(seed_articles):
    threats = [e for e in _seed_events(seed_articles) if e.type == "THREATEN" and "economic" in e.context]
    assert threats and threats[0].mode == "restrict"


def test_seed_threat_parties(seed_articles):
    threats = [e for e in _seed_events(seed_articles) if e.type == "THREATEN" and "economic" in e.context]
    assert any("USA" in _countries(e.source) and any((r.org or r.name) in ("EU", "European Union")
                                                        for r in e.target) for e in threats)


def test_seed_saudi_humanitarian_aid(seed_articles):
    aid = [e for e in _seed_events(seed_articles) if e.type == "AID" and "humanitarian" in e.context]
    assert aid and "UKR" in _countries(aid[0].target)


def test_seed_saudi_aid_source(seed_articles):
    aid = [e for e in _seed_events(seed_articles) if e.type == "AID" and "humanitarian" in e.context]
    assert any("SAU" in _countries(e.source) for e in aid)


def test_seed_european_leaders_meet_in_paris(seed_articles):
    paris = [e for e in _seed_events(seed_articles) if e.type == "CONSULT" and e.location
             and e.location.name == "Paris"]
    assert paris
    assert paris[0].date == "2025-02-17" and paris[0].mode == "multilateral"


def test_seed_commentary_yields_no_events(seed_articles):
    for article in seed_articles:
        for ev in getattr(article, "events", []):
            sentence = article.text[ev.sentence.start:ev.sentence.end]
            assert not sentence.startswith(("Analysts note", "Some liken", "This assumes")), (ev.rule, sentence)
            assert not any(r.name.lower().startswith("analyst") for r in ev.source)


def test_crowd_violence_is_a_riot_not_an_armed_attack(nlp):
    doc = code(nlp, "Hundreds of protesters clashed with police in Lyon on Saturday.")
    (ev,) = doc._.events
    assert (ev.type, ev.mode, ev.cameo) == ("PROTEST", "riot", "145") and "crowd>PROTEST" in ev.rule
    assert ev.location.name == "Lyon" and ev.date == "2025-02-15"


# ---------------------------------------------------------------- type decisions on single news sentences


def main_event(doc):
    live = [e for e in doc._.events if not e.negated]
    return max(live, key=lambda e: (e.confidence, -e.trigger.start)) if live else None


@pytest.mark.parametrize(("text", "etype", "mode"), [
    # announced halts of one's own attacks or strikes, and declared truces: verbal concessions
    ("The rebels announced on Sunday that they would suspend attacks on government positions.", "CONCEDE", None),
    ("The Nigerian union called off its strike after the ministry raised wages.", "CONCEDE", None),
    ("The governments of Sudan and Chad declared a cease-fire along the border.", "CONCEDE", None),
    # material cooperation
    ("Peru and Chile signed an extradition treaty in the capital.", "COOPERATE", None),
    ("The navies of Oman and India held joint maneuvers in the gulf last month.", "COOPERATE", None),
    ("Kenya began importing wheat from Ukraine after the drought.", "COOPERATE", None),
    ("Bilateral trade between Kenya and Tanzania grew by a fifth last year.", "COOPERATE", None),
    # releases done are retreats
    ("The militants freed three hostages on Friday.", "RETREAT", "release"),
    # protests
    ("Greek dock workers went on strike in the port city over unpaid wages.", "PROTEST", "strike"),
    ("Rioters torched cars and looted shops in the northern suburbs of Paris.", "PROTEST", "riot"),
    ("Farmers blocked the main highway into the capital with tractors.", "PROTEST", "obstruct"),
    # threats held out, and a promise of harm
    ("The interior minister said the government could ban the opposition party.", "THREATEN", "ban"),
    ("The president raised the possibility of sanctions against Uganda.", "THREATEN", "restrict"),
    ("The militia vowed to retaliate for the killing of its commander.", "THREATEN", None),
    # accusations and inquiries
    ("Prosecutors opened an investigation into the minister's finances.", "ACCUSE", "investigate"),
    ("The opposition alleged that the ruling party had bought votes.", "ACCUSE", "allege"),
    # coercion
    ("The government imposed new restrictions on foreign journalists.", "COERCE", "restrict"),
    ("Russian hackers targeted the electricity grid in a cyber attack on Tuesday.", "COERCE", "cyber"),
    ("The court banned the separatist party from taking part in the election.", "COERCE", "ban"),
])
def test_news_sentence_gets_its_type(nlp, text, etype, mode):
    ev = main_event(code(nlp, text))
    assert ev is not None, text
    assert ev.type == etype, (ev.type, ev.rule)
    if mode is not None:
        assert ev.mode == mode, (ev.mode, ev.rule)


@pytest.mark.parametrize("text", [
    # not threats: guesses about the past, promises of help, events already done
    "Chinese hackers may have launched attacks on the power grid last year.",
    "The ambassador promised support for the war-torn country's reconstruction.",
])
def test_not_every_hypothetical_or_promise_is_a_threat(nlp, text):
    assert all(e.type != "THREATEN" for e in code(nlp, text)._.events)


def test_headline_verb_tagged_as_noun_still_triggers(nlp):
    doc = code(nlp, "France denounces actions by India.")
    ev = main_event(doc)
    assert ev is not None and ev.type == "ACCUSE" and ev.mode == "disapprove"
    assert [s.text for s in doc._.event_arguments[doc._.events.index(ev)]["source"]] == ["France"]


def test_condolences_and_concern_are_statements_not_events(nlp):
    doc = code(nlp, "The foreign minister expressed condolences and concern after the earthquake.")
    assert not [e for e in doc._.events if e.type in ("SUPPORT", "ACCUSE")]


def test_cancelled_visit_reduces_relations(nlp):
    ev = main_event(code(nlp, "The prime minister cancelled a planned visit to Washington amid tensions."))
    assert ev is not None and ev.type == "SANCTION" and ev.quad_class == 3


def test_readiness_to_cooperate_is_an_intent_to_cooperate(nlp):
    ev = main_event(code(nlp, "The government is ready to contribute troops to the peacekeeping force."))
    assert ev is not None and ev.type == "AGREE" and "intent>AGREE" in ev.rule and ev.quad_class == 1
    # a scheduled meeting stays a (planned) meeting
    ev = main_event(code(nlp, "The president will meet his Turkish counterpart in Ankara on Friday."))
    assert ev is not None and ev.type == "CONSULT" and ev.hypothetical


def test_background_event_is_not_the_main_event(nlp):
    ev = main_event(code(nlp, "Authorities imposed a curfew in the city after clashes between rival groups."))
    assert ev is not None and ev.type == "COERCE" and ev.mode == "curfew"
    assert "background" not in ev.rule


def test_saying_another_must_act_is_a_demand_by_the_speaker(nlp):
    doc = code(nlp, "Russia said on Monday that Israel must end its attacks on Syria.")
    ev = main_event(doc)
    assert ev is not None and ev.type == "REQUEST" and ev.mode == "yield" and "must>REQUEST" in ev.rule
    assert not ev.hypothetical and ev.quad_class == 3
    args = doc._.event_arguments[doc._.events.index(ev)]
    assert [s.text for s in args["source"]] == ["Russia"] and [s.text for s in args["target"]] == ["Israel"]
    # the speaker's own obligation is not a demand of anyone
    ev = main_event(code(nlp, "The minister said he must meet the opposition leader soon."))
    assert ev is None or ev.type != "REQUEST"


@pytest.mark.parametrize(("text", "etype", "cameo"), [
    ("Government forces violated the ceasefire in the north 40 times overnight.", "ASSAULT", "196"),
    ("The United Nations withdrew its peacekeepers from the border zone.", "SANCTION", "1663"),
    ("The envoy ended his mediation efforts between the two factions.", "SANCTION", "161"),
])
def test_cameo_distinctions_on_real_sentences(nlp, text, etype, cameo):
    ev = main_event(code(nlp, text))
    assert ev is not None and (ev.type, ev.cameo) == (etype, cameo), ev.rule


def test_conditional_coercion_is_a_threat(nlp):
    ev = main_event(code(nlp, "The government will arrest journalists if they publish the report."))
    assert ev is not None and ev.type == "THREATEN" and ev.mode == "arrest", ev.rule
    ev = main_event(code(nlp, "The police arrested three journalists on Monday."))
    assert ev is not None and ev.type == "COERCE" and ev.mode == "arrest"


@pytest.mark.parametrize(("text", "mode"), [
    ("A drone strike killed two civilians near the border on Sunday.", "drone"),
    ("Gunmen killed 13 villagers in an attack on the market.", "firearms"),
])
def test_generic_attack_takes_the_means_named_in_its_sentence(nlp, text, mode):
    ev = main_event(code(nlp, text))
    assert ev is not None and ev.type == "ASSAULT" and ev.mode == mode, ev.rule


@pytest.mark.parametrize("text", [
    "The storm killed twelve people and destroyed hundreds of homes on the coast.",
    "A year after the quake that killed 1,816 people, the government started rebuilding.",
])
def test_disasters_are_no_attacks(nlp, text):
    assert not of_type(code(nlp, text)._.events, "ASSAULT")


def test_militants_killing_is_still_an_attack(nlp):
    assert of_type(code(nlp, "Militants killed twelve people in the village on Sunday.")._.events, "ASSAULT")


# ---------------------------------------------------------------- parties: who acted and to whom


def _only(doc, etype: str):
    found = of_type(doc._.events, etype)
    assert found, [(e.type, e.rule) for e in doc._.events]
    return found[0]


def _names(refs) -> list[str]:
    return [r.name for r in refs]


@pytest.mark.parametrize(("text", "etype", "source", "target"), [
    # a recipient outranks the thing given
    ("Norway has offered its engineers to Ghana.", "AGREE", "NOR", "GHA"),
    ("The European Union gave Malawi 8 million euros in aid.", "AID", "IGO", "MWI"),
    # the complement of a control verb
    ("Brazil urged Paraguay to withdraw its ambassador.", "REQUEST", "BRA", "PRY"),
    # the host of a visit
    ("Chile's president arrived in Lima on a visit.", "CONSULT", "CHL", "PER"),
    # a trigger that modifies a noun reads that noun's relations; between X and Y
    ("Qatar's emir launched a mediation effort between Ethiopia and Eritrea.", "CONSULT", "QAT", "ETH"),
    # the party hangs off an object that names no one
    ("Vietnam signed a fisheries agreement with Indonesia.", "SUPPORT", "VNM", "IDN"),
])
def test_parties_from_the_parse(nlp, text, etype, source, target):
    ev = _only(code(nlp, text), etype)
    assert source in _countries(ev.source), (ev.rule, _names(ev.source))
    assert target in _countries(ev.target), (ev.rule, _names(ev.target))
    # each side names the words it was read from, offsets into the text
    assert ev.arguments.source and ev.arguments.target
    for span in [*ev.arguments.source, *ev.arguments.target]:
        assert text[span.start:span.end] == span.text


def test_an_igo_is_an_actor_of_its_own(nlp):
    ev = _only(code(nlp, "The European Community gave Mali 5 million euros of food aid."), "AID")
    assert [(a.country, a.sector, a.org) for a in ev.source] == [("IGO", "IGO", "EU")]


def test_an_accusation_is_not_an_attack_by_the_accuser(nlp):
    doc = code(nlp, "The Serbian foreign ministry accused Croatia of shelling the villages.")
    assert of_type(doc._.events, "ACCUSE") and not of_type(doc._.events, "ASSAULT")


@pytest.mark.parametrize("text", [
    "The new sedan would offer 300 horsepower and a quieter cabin.",
    "A rear spoiler helps cut turbulence at high speed.",
    "The bakery chain offers a free coffee to every customer this week.",
    "Add the garlic and stir until the sauce thickens.",
])
def test_no_event_where_no_political_actor_acts(nlp, text):
    assert code(nlp, text)._.events == []


def test_every_event_has_a_known_side_and_says_why_it_is_kept(nlp):
    doc = code(nlp, "Gunmen attacked a bus. Officials condemned the attack. Kenya sent troops to Somalia.")
    assert doc._.events
    for ev in doc._.events:
        assert ev.source or ev.target
        assert "+actor:" in ev.rule


def _senses():
    from detente.events.relevance import load_relevance

    for sense in load_relevance().senses:
        for text in sense.examples_none:
            yield pytest.param(sense, text, False, id=f"{sense.name}-none-{text[:20]}")
        for text in sense.examples_kept:
            yield pytest.param(sense, text, True, id=f"{sense.name}-kept-{text[:20]}")


@pytest.mark.parametrize(("sense", "text", "kept"), list(_senses()))
def test_relevance_sense_examples(nlp, sense, text, kept):
    found = [e for e in code(nlp, text)._.events if e.type in sense.types]
    assert bool(found) == kept, [(e.type, e.rule) for e in found]


def test_seed_events_have_a_known_side_and_most_have_both(seed_articles):
    events = _seed_events(seed_articles)
    assert events
    assert all(e.source or e.target for e in events)
    both = sum(1 for e in events if e.source and e.target)
    assert both / len(events) > 0.5, f"{both} of {len(events)} events with both sides"


def test_arguments_reach_the_contract_and_the_store(tmp_path, nlp):
    import json

    from detente.clean import verbatim_article
    from detente.model import Document
    from detente.pipeline import annotate
    from detente.store.db import Store, document_key
    from detente.store.summary import summarize

    text = "Norway has offered its engineers to Ghana."
    document = Document(doc_id="n1", origin="t", text=text, format="text")
    article = next(annotate([verbatim_article(document)], nlp=nlp))
    ev = json.loads(json.dumps(article.to_dict()))["events"][0]
    assert ev["arguments"] == {"source": [{"start": 0, "end": 6, "text": "Norway"}],
                               "target": [{"start": 36, "end": 41, "text": "Ghana"}]}
    with Store(tmp_path / "s.duckdb") as store:
        store.write_document(document, document_key(document), [article])
        rows = store.con.execute("SELECT source_arguments, target_arguments FROM events").fetchall()
        assert rows == [([{"start": 0, "end": 6, "text": "Norway"}], [{"start": 36, "end": 41, "text": "Ghana"}])]
        assert summarize(store)["events"][0]["arguments"] == "Norway -> Ghana"


def test_one_codebook_for_the_coder_and_the_datasets():
    from detente.datasets import cameo

    book = CodeBook()
    assert cameo.ROOT_TO_PLOVER == book.roots and cameo.CODE_TO_PLOVER == book.splits
    assert book.plover_of_cameo("0841") == "RETREAT" and book.plover_of_cameo("081") == "CONCEDE"
    assert book.plover_of_cameo("010") is None and book.plover_of_cameo("195") == "ASSAULT"
    for etype in PLOVER_TYPES:
        assert cameo.PLOVER_TO_QUAD[etype] == book.lookup(etype).quad_class
        assert book.plover_of_cameo(book.lookup(etype).cameo) == etype  # a type's default code is its own
    # two named conventions: GDELT's (imports, export) and Phoenix's (ConfliBERT's classes)
    assert book.gdelt_quad_of_cameo("163") == cameo.ROOT_TO_QUAD["16"] == 4 and book.quad_of_cameo("163") == 3
    assert book.gdelt_quad_of_cameo("020") == 1 and book.quad_of_cameo("020") == 0


def _recoding_examples():
    from detente.events.recoding import load_recoding

    for rule in load_recoding().values():
        for n, example in enumerate(rule.examples):
            yield pytest.param(rule, example, id=f"{rule.name}-{n}")


@pytest.mark.parametrize(("rule", "example"), list(_recoding_examples()))
def test_recoding_rule_examples(nlp, rule, example):
    events = code(nlp, example["text"])._.events
    if example.get("type") is None:
        assert not of_type(events, example["absent"]), [(e.type, e.rule) for e in events]
        return
    # the rule's note, its {fields} filled by anything but a "+" (the next note)
    note = re.compile(re.sub(r"\\\{\w+\\\}", "[^+]+", re.escape(rule.note))) if rule.note else None
    found = [e for e in of_type(events, example["type"])
             if example.get("mode") in (None, e.mode) and example.get("cameo") in (None, e.cameo)
             and (note is None or note.search(e.rule))]
    assert found, [(e.type, e.mode, e.cameo, e.rule) for e in events]


def test_every_recoding_rule_runs_at_a_stage_and_malformed_entries_are_refused(tmp_path):
    from detente.events.recoding import STAGES, Recoder, load_recoding

    rules = load_recoding()
    recoder = Recoder(load_lexicon())
    assert set(recoder.rules) == set(rules) and all(r.examples and r.why for r in rules.values())
    staged = [r.name for s in STAGES for r, _ in recoder._stages[s]]
    assert staged == [n for n in rules if n not in ("approving", "attacker_modes")]  # the yaml's order
    bad = tmp_path / "recoding.yaml"
    bad.write_text("rules:\n  - {name: no_such_rule, why: x, examples: [{text: x, type: null, absent: AID}]}\n")
    with pytest.raises(ValueError, match="no_such_rule"):
        load_recoding(bad)
    bad.write_text("rules:\n  - {name: crowd, why: x, words: [mob]}\n")  # no examples
    with pytest.raises(ValueError, match="examples"):
        load_recoding(bad)
    bad.write_text("rules:\n  - {name: refused, why: x, words: [no], examples: [{text: x, type: REJECT}]}\n")
    with pytest.raises(ValueError, match="strings"):  # YAML's bare `no` is a boolean
        load_recoding(bad)


@pytest.mark.parametrize("text, etype, source, target", [
    # a modifier says whose the thing acted on is: a demonym's state, a sector of the state it lies in
    ("Egypt rejected the Sudanese proposal.", "REJECT", ["EGY"], ["SDN"]),
    ("Militants stormed a police headquarters in eastern Afghanistan.", "ASSAULT", ["AFG-REB"], ["AFG-COP"]),
    ("Rebels attacked a Syrian army base near Homs.", "ASSAULT", ["SYR-REB"], ["SYR-MIL"]),
    # people counted, not named, and an object pronoun that is not its verb's own subject
    ("Police detained dozens outside parliament.", "COERCE", ["COP"], ["CVL"]),
])
def test_owner_of_what_is_acted_on(nlp, text, etype, source, target):
    ev = next(e for e in code(nlp, text)._.events if e.type == etype)
    assert [a.id for a in ev.source] == source and [a.id for a in ev.target] == target
