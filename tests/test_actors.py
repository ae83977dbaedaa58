"""Actor resolution: names, dated roles, titles, metonyms, demonyms, appositions, pronouns."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from detente.actors import ActorResolver, actors_in, load_kb, mention_at
from detente.actors.kb import build_kb, KB_DIR

FIXTURE_KB = Path(__file__).resolve().parent / "fixtures" / "kb" / "people.yaml"


@pytest.fixture(scope="module")
def fixture_resolver(nlp):
    return ActorResolver(nlp, load_kb([FIXTURE_KB]))


def run(nlp, text: str, published: datetime | None = datetime(2025, 2, 19), resolver=None):
    doc = nlp.make_doc(text)
    doc._.published = published
    doc = nlp(doc)
    return resolver(doc) if resolver is not None else doc


def actor_of(doc, phrase: str):
    start = doc.text.index(phrase)
    span = doc.char_span(start, start + len(phrase), alignment_mode="expand")
    m = mention_at(span[-1])
    assert m is not None, f"no mention at {phrase!r}: {[(x.text, x.via) for x in doc._.actor_mentions]}"
    return m.actor


def test_dated_roles_same_name_two_dates(nlp, fixture_resolver):
    text = "Marco Rubio met the delegation on Tuesday."
    old = actor_of(run(nlp, text, datetime(2022, 3, 1), fixture_resolver), "Marco Rubio")
    new = actor_of(run(nlp, text, datetime(2025, 2, 19), fixture_resolver), "Marco Rubio")
    assert (old.id, old.country, old.sector) == ("marco-rubio", "USA", "LEG")
    assert (new.id, new.country, new.sector) == ("marco-rubio", "USA", "GOV")


def test_between_roles_is_former_elite_and_igo_post(nlp, fixture_resolver):
    text = "Jane Exampleton spoke to reporters in Oslo."
    between = actor_of(run(nlp, text, datetime(2022, 6, 1), fixture_resolver), "Jane Exampleton")
    igo = actor_of(run(nlp, text, datetime(2024, 6, 1), fixture_resolver), "Jane Exampleton")
    before = actor_of(run(nlp, text, datetime(2015, 6, 1), fixture_resolver), "Jane Exampleton")
    assert (between.country, between.sector) == ("NOR", "ELI")
    assert (igo.country, igo.sector, igo.org) == ("IGO", "IGO", "NATO")
    assert (before.country, before.sector) == ("NOR", None)


def test_user_kb_file_extends_shipped_kb(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("- {id: ada-example, name: Ada Example, country: ISL, roles: "
                     "[{title: Prime Minister of Iceland, sector: GOV, from: 2020-01-01, to: null}]}\n"
                     "- {id: FROSTGROUP, name: Frost Front, kind: group, country: ISL, sector: REB, aliases: [FF]}\n")
    kb = build_kb(KB_DIR, [extra])
    assert kb.people["ada-example"].ref_at(datetime(2024, 1, 1)).sector == "GOV"
    assert kb.orgs["FROSTGROUP"].ref_at(None).country == "ISL"
    assert kb.lookup("Russia")[0].key == "RUS"


def test_metonyms(nlp):
    doc = run(nlp, "The Kremlin said on Monday that Washington had agreed to new talks. "
                   "The Pentagon declined to comment, and Downing Street welcomed the news.")
    kremlin, washington = actor_of(doc, "Kremlin"), actor_of(doc, "Washington")
    assert (kremlin.id, kremlin.country, kremlin.sector) == ("RUS-GOV", "RUS", "GOV")
    assert (washington.country, washington.sector) == ("USA", "GOV")
    assert (actor_of(doc, "Pentagon").country, actor_of(doc, "Pentagon").sector) == ("USA", "MIL")
    assert actor_of(doc, "Downing Street").country == "GBR"


def test_capital_as_place_is_not_an_actor(nlp):
    doc = run(nlp, "The two delegations met in Riyadh on Tuesday.")
    riyadh = mention_at(doc[doc.text.split().index("Riyadh") + 0])
    m = next(m for m in doc._.actor_mentions if m.text == "Riyadh")
    assert m.locative and m.actor.country == "SAU"
    assert actors_in(doc[:]) == [] or all(a.country != "SAU" for a in actors_in(doc[:]))
    del riyadh


def test_demonyms_and_coordinated_groups(nlp):
    doc = run(nlp, "Senior American and Russian officials agreed on Tuesday to set up teams. "
                   "The Saudis said they welcomed the talks, and European leaders were not invited.")
    officials = doc[0:5]
    assert [a.id for a in actors_in(officials)] == ["USA-GOV", "RUS-GOV"]
    saudis = actor_of(doc, "Saudis")
    assert (saudis.id, saudis.country) == ("SAU", "SAU")
    europe = actor_of(doc, "European leaders")
    assert europe.id == "EUR-GOV" and europe.country == "EUR" and europe.sector == "GOV"
    they = next(m for m in doc._.actor_mentions if m.text == "they")
    assert they.actor.country == "SAU"


def test_states_coordination(nlp):
    doc = run(nlp, "Britain, France, Germany and other countries could send troops.")
    ids = [a.id for a in actors_in(doc[0:7])]
    assert ids[:3] == ["GBR", "FRA", "DEU"]


def test_unknown_people_with_appositions(nlp):
    doc = run(nlp, "“It is too early,” said Pemberton Quayle, emeritus professor of war studies at "
                   "King’s College London. Orsolya Varga-Nemeth, a former head of the British Army, "
                   "disagreed. Hungary's foreign minister, Peter Szabo, said nothing.")
    quayle = actor_of(doc, "Pemberton Quayle")
    assert (quayle.id, quayle.country, quayle.sector) == ("pemberton-quayle", "GBR", "EDU")
    varga = actor_of(doc, "Orsolya Varga-Nemeth")
    assert varga.country == "GBR" and varga.sector in ("ELI", "MIL")
    szabo = actor_of(doc, "Peter Szabo")
    assert (szabo.country, szabo.sector) == ("HUN", "GOV")
    assert actor_of(doc, "foreign minister") == szabo


def test_title_before_name_and_of_country(nlp):
    doc = run(nlp, "President Ilse Kovanen of Finland met Defense Minister Arvo Tamm of Estonia.")
    assert (actor_of(doc, "Ilse Kovanen").country, actor_of(doc, "Ilse Kovanen").sector) == ("FIN", "GOV")
    assert actor_of(doc, "Arvo Tamm").country == "EST"


def test_name_coreference_and_pronoun(nlp):
    doc = run(nlp, "A senior Kremlin official, Yuri Ushakov, said the talks went well. "
                   "Mr. Ushakov, the Kremlin foreign policy adviser, said there were no plans for a "
                   "three-way meeting.\n\n“We came here to hold negotiations with American colleagues,” he said.")
    ushakov = actor_of(doc, "Yuri Ushakov")
    assert (ushakov.country, ushakov.sector) == ("RUS", "GOV")
    he = next(m for m in doc._.actor_mentions if m.text == "he")
    assert he.via == "pronoun" and he.actor == ushakov
    assert actor_of(doc, "Mr. Ushakov") == ushakov


def test_title_alone_resolves_to_holder_introduced(nlp):
    doc = run(nlp, "Vice President Arlo Pendergast spoke in Munich. Later the vice president left.")
    arlo = actor_of(doc, "Arlo Pendergast")
    assert actor_of(doc, "the vice president") == arlo


def test_unresolvable(nlp):
    doc = run(nlp, "A cat named Frank chased a ball of string.")
    assert all(m.actor is None or m.actor.country is None for m in doc._.actor_mentions)
    # a name the KB does not hold is an actor of its own, with nothing guessed about it
    assert all(e.actor is None or (e.actor.country, e.actor.sector) == (None, None) for e in doc._.entities)


def test_unknown_names_are_actors_of_their_own(nlp):
    doc = run(nlp, "Ahmed Bako was arrested by police in Kano. He was charged with fraud. "
                   "Police and soldiers later met Bako and Grace Mensah in Abuja and Accra.")
    bako = actor_of(doc, "Ahmed Bako")
    assert (bako.id, bako.country, bako.sector) == ("ahmed-bako", "NGA", None)  # the only state named
    assert actor_of(doc, "He") == bako  # pronouns reach the unknown man
    assert actor_of(doc, "police").id == "NGA-COP"  # a group known by what it is takes the state too
    ige = actor_of(doc, "Grace Mensah")
    assert (ige.id, ige.country) == ("grace-mensah", None)  # two states named: none is guessed
    assert actor_of(doc, "soldiers").country is None


def test_empty_and_odd_input(nlp):
    for text in ["", "   ", "“”", "he said", "It."]:
        doc = run(nlp, text)
        assert isinstance(doc._.actor_mentions, list)
        assert isinstance(doc._.entities, list)


def test_entities_carry_actors_with_offsets(nlp):
    text = "NATO's secretary general, Mark Rutte, urged members to spend more, the Kremlin said."
    doc = run(nlp, text)
    for e in doc._.entities:
        assert text[e.start:e.end] == e.text
    nato = next(e for e in doc._.entities if e.text == "NATO")
    assert nato.actor.country == "IGO" and nato.actor.org == "NATO"
    rutte = actor_of(doc, "Mark Rutte")
    assert (rutte.country, rutte.org) == ("IGO", "NATO")


# ---- the seed page ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_docs(nlp, seed_articles):
    """The seed's three stories, as parsed docs (mentions and pronouns are on the doc)."""
    from detente.model import Article

    docs = []
    for article in seed_articles:
        if isinstance(article, Article):
            docs.append(run(nlp, article.text, article.published))
    assert len(docs) == 3
    return docs


def _doc_with(docs, phrase):
    return next(d for d in docs if phrase in d.text)


@pytest.mark.parametrize("phrase, want", [
    ("Secretary of State Marco Rubio", ("marco-rubio", "USA", "GOV")),
    ("Yuri Ushakov", ("yuri-ushakov", "RUS", "GOV")),
    ("Mr. Lavrov", ("sergey-lavrov", "RUS", "GOV")),
    ("Crown Prince Mohammed", ("mohammed-bin-salman", "SAU", "GOV")),
    ("Kirill Dmitriev", ("kirill-dmitriev", "RUS", None)),
    ("Volodymyr Zelensky", ("volodymyr-zelensky", "UKR", "GOV")),
    ("Recep Tayyip Erdogan", ("recep-tayyip-erdogan", "TUR", "GOV")),
    ("Prince Faisal bin Farhan", ("faisal-bin-farhan", "SAU", "GOV")),
    ("Musaed al-Aiban", (None, "SAU", "GOV")),
    ("Michael Waltz", (None, "USA", "GOV")),
    ("Steve Witkoff", (None, "USA", "GOV")),
    ("Mr. Trump", ("donald-trump", "USA", "GOV")),
    ("Lawrence Freedman", ("lawrence-freedman", "GBR", "EDU")),
    ("Professor Freedman", ("lawrence-freedman", "GBR", "EDU")),
    ("Emmanuel Macron", ("emmanuel-macron", "FRA", "GOV")),
    ("Olaf Scholz", ("olaf-scholz", "DEU", "GOV")),
    ("Keir Starmer", ("keir-starmer", "GBR", "GOV")),
    ("Richard Dannatt", (None, "GBR", None)),
    ("Donald Tusk", ("donald-tusk", "POL", "GOV")),
    ("Pete Hegseth", ("pete-hegseth", "USA", None)),
    ("JD Vance", ("jd-vance", "USA", "GOV")),
    ("Alice Weidel", ("alice-weidel", "DEU", None)),
    ("Mark Rutte", ("mark-rutte", "IGO", "IGO")),
    ("Scott Bessent", ("scott-bessent", "USA", "GOV")),
    ("Nigel Gould-Davies", (None, "GBR", "EDU")),
    ("Kim Jong-un", ("kim-jong-un", "PRK", "GOV")),
    ("Malcolm Chalmers", (None, "GBR", "EDU")),
    ("Khalil al-Hayya", ("khalil-al-hayya", "PSE", None)),
    ("Mr. Hayya", ("khalil-al-hayya", "PSE", None)),
    ("Mr. al-Hayya", ("khalil-al-hayya", "PSE", None)),
    ("Mr. Heusgen", (None, "DEU", None)),
])
def test_seed_people(seed_docs, phrase, want):
    actor = actor_of(_doc_with(seed_docs, phrase), phrase)
    wid, country, sector = want
    assert actor is not None
    if wid:
        assert actor.id == wid
    assert actor.country == country
    if sector:
        assert actor.sector == sector
    if phrase == "Richard Dannatt":
        assert actor.sector in ("ELI", "MIL")


def test_seed_groups_metonyms_and_orgs(seed_docs):
    first = _doc_with(seed_docs, "A senior Kremlin official")
    assert actor_of(first, "the Kremlin").id == "RUS-GOV"
    assert actor_of(first, "The Saudis").country == "SAU"
    assert [a.id for a in actors_in(first[0:12]) if a.id.endswith("-GOV")][:2] == ["USA-GOV", "RUS-GOV"]
    hamas = actor_of(_doc_with(seed_docs, "Hamas’s chief negotiator"), "Khalil al-Hayya")
    assert hamas.org == "Hamas"
    # the subject of "said" is the apposed title: it is the same person
    assert actor_of(_doc_with(seed_docs, "Hamas’s chief negotiator"), "Hamas’s chief negotiator") == hamas
    europe = _doc_with(seed_docs, "European leaders have fretted")
    eur = actor_of(europe, "European leaders")
    assert eur.id == "EUR-GOV" and eur.country not in ("FRA", "DEU", "GBR")
    rutte_title = actor_of(europe, "NATO’s secretary general")
    assert rutte_title.id == "mark-rutte" and rutte_title.org == "NATO"
    assert actor_of(europe, "The vice president").id == "jd-vance"


def test_seed_pronouns_for_speech(seed_docs):
    first = _doc_with(seed_docs, "We came here to hold negotiations")
    start = first.text.index("We came here to hold negotiations")
    he = next(m for m in first._.actor_mentions if m.text == "he" and first[m.start].idx > start)
    assert he.via == "pronoun" and he.actor.id == "yuri-ushakov"
    third = _doc_with(seed_docs, "a long way from the circumstances")
    start = third.text.index("a long way from the circumstances")
    he = next(m for m in third._.actor_mentions if m.text == "he" and third[m.start].idx > start)
    assert he.actor.id == "lawrence-freedman"


def test_pronouns_follow_gender_and_kind(nlp):
    doc = run(nlp, "Ms. Ingrid Solberg met Mr. Tomas Lind in Oslo on Monday. "
                   "She said the talks had been useful. Hezbollah rejected the plan. It said the plan was a trap.")
    she = next(m for m in doc._.actor_mentions if m.text == "She")
    assert she.via == "pronoun" and she.person
    assert doc[she.start - 0].i > 0 and she.gender == "f"
    ingrid = next(m for m in doc._.actor_mentions if m.text == "Ingrid Solberg")
    assert she.actor == ingrid.actor
    it = next(m for m in doc._.actor_mentions if m.text == "It")
    assert it.actor.id == "HEZBOLLAH" and it.actor.country == "LBN"


def test_non_referential_it_is_left_alone(nlp):
    doc = run(nlp, "Russia attacked the port. It is unclear whether the talks will resume.")
    assert not any(m.text == "It" for m in doc._.actor_mentions)


def test_title_of_another_state_is_not_a_us_seat(nlp):
    doc = run(nlp, "Chile's Defense Ministry said the Pentagon had not been told.")
    chile = actor_of(doc, "Defense Ministry")
    assert chile.country == "CHL"
    assert actor_of(doc, "Pentagon").country == "USA"


def test_title_alone_goes_to_the_latest_holder_named(nlp):
    doc = run(nlp, "President Arlo Pendergast of Estonia met President Bruno Vasquez of Chile. "
                   "Later the Chilean president said the talks had been useful, and his foreign minister agreed.")
    bruno = actor_of(doc, "Bruno Vasquez")
    assert bruno.country == "CHL"
    assert actor_of(doc, "the Chilean president") == bruno
    minister = actor_of(doc, "his foreign minister")
    assert (minister.country, minister.sector) == ("CHL", "GOV")


def test_capital_inside_another_name_is_not_the_government(nlp):
    doc = run(nlp, "The Washington Post reported that Washington had rejected the offer.")
    ids = [m.actor.id for m in doc._.actor_mentions if m.actor is not None]
    assert ids.count("USA-GOV") == 1
    washington = next(m for m in doc._.actor_mentions if m.text == "Washington")
    assert washington.actor.id == "USA-GOV" and doc[washington.start].idx > doc.text.index("reported")


def test_component_in_a_bare_pipeline_with_user_kb():
    """Anyone can add the component to their own pipeline, with their own KB file; without a
    parser or tagger it still finds the KB's names."""
    import spacy

    from detente import actors  # noqa: F401  (registers the factory)

    blank = spacy.blank("en")
    blank.add_pipe("detente_actors", config={"kb_paths": [str(FIXTURE_KB)]})
    doc = blank.make_doc("Jane Exampleton met officials in Moscow. The Kremlin said she was welcome.")
    doc._.published = "2024-06-01"
    doc = blank(doc)
    jane = next(m for m in doc._.actor_mentions if m.text == "Jane Exampleton")
    assert (jane.actor.country, jane.actor.org) == ("IGO", "NATO")
    assert any(m.actor and m.actor.id == "RUS-GOV" for m in doc._.actor_mentions)


def test_its_and_whose_give_the_title_its_country(nlp):
    doc = run(nlp, "Austria may not have a new government for weeks. On Monday, its chancellor, Otto Brandtner, "
                   "dismissed the idea. The talks took place in Amman, the capital of Jordan, whose "
                   "foreign minister, Karim Haddadin, hosted them.")
    otto = actor_of(doc, "Otto Brandtner")
    assert (otto.country, otto.sector) == ("AUT", "GOV")
    karim = actor_of(doc, "Karim Haddadin")
    assert (karim.country, karim.sector) == ("JOR", "GOV")


def test_ambiguous_state_names_only_as_places(nlp):
    doc = run(nlp, "Jordan Peterson gave a talk in Toronto. Amman is the capital of Jordan.")
    peterson = actor_of(doc, "Jordan Peterson")
    assert peterson.id == "jordan-peterson" and peterson.country != "JOR" 
    assert any(m.actor and m.actor.id == "JOR" for m in doc._.actor_mentions)


def test_american_conventions_party_and_state(nlp):
    doc = run(nlp, "Senator Rosalind Pettigrew, Democrat of Oregon, said the bill would fail. "
                   "Rep. Harlan Voss (R-Tex.) disagreed. The Republican nominee said he would win.",
              datetime(2016, 9, 12))
    rosalind = actor_of(doc, "Rosalind Pettigrew")
    assert (rosalind.country, rosalind.sector) == ("USA", "LEG")
    assert actor_of(doc, "Harlan Voss").country == "USA"
    nominee = actor_of(doc, "The Republican nominee")
    assert (nominee.country, nominee.sector, nominee.org) == ("USA", "PTY", "Republican Party")
    he = next(m for m in doc._.actor_mentions if m.text == "he")
    assert he.actor == nominee  # the nominee is one person, the nearest subject
    assert not any(m.text.lower() == "democratic" for m in run(nlp, "A democratic vote was held.")._.actor_mentions)


def test_kb_holder_of_an_office_and_lesser_offices(nlp):
    doc = run(nlp, "The Russian foreign minister said the talks would go on. "
                   "The Russian deputy foreign minister said nothing.", datetime(2025, 2, 19))
    assert actor_of(doc, "The Russian foreign minister").id == "sergey-lavrov"
    deputy = actor_of(doc, "The Russian deputy foreign minister")
    assert deputy.id != "sergey-lavrov" and deputy.country == "RUS"


def test_title_before_a_name_stays_with_that_name(nlp):
    doc = run(nlp, "President Joe Biden spoke after President Donald Trump had left.", datetime(2020, 6, 1))
    biden_title = next(m for m in doc._.actor_mentions if m.text == "President" and m.start == 0)
    trump_title = next(m for m in doc._.actor_mentions if m.text == "President" and m.start > 0)
    assert biden_title.actor == actor_of(doc, "Joe Biden")
    assert trump_title.actor == actor_of(doc, "Donald Trump")


def test_lone_surname_goes_to_the_latest_person_of_that_name(nlp):
    doc = run(nlp, "Ivana Trump wrote a book. Later Donald Trump spoke to reporters. Trump said the book was unfair.",
              datetime(2016, 9, 12))
    lone = next(m for m in doc._.actor_mentions if m.text == "Trump" and doc[m.start - 1].text == ".")
    assert lone.actor == actor_of(doc, "Donald Trump")


def test_group_sector_at_the_date(nlp):
    text = "The Taliban said the road was open."
    assert actor_of(run(nlp, text, datetime(2003, 5, 1)), "Taliban").sector == "REB"
    in_power = actor_of(run(nlp, text, datetime(2022, 5, 1)), "Taliban")
    assert (in_power.country, in_power.sector) == ("AFG", "GOV")


def test_bare_group_noun_is_the_group_the_article_named(nlp):
    doc = run(nlp, "Khalil al-Hayya, Hamas's chief negotiator, said on Tuesday that militants intend to "
                   "release two captives on Thursday. The rebels in the north did not comment.", datetime(2025, 2, 18))
    militants = actor_of(doc, "militants")
    assert (militants.id, militants.country, militants.sector, militants.org) == ("HAMAS", "PSE", "REB", "Hamas")
    assert actor_of(doc, "The rebels").id == "HAMAS"  # the most recent armed group still in play


def test_bare_group_noun_takes_the_latest_compatible_group(nlp):
    doc = run(nlp, "Hezbollah fired rockets on Monday. Hamas said on Tuesday it had agreed to a truce, "
                   "and the militants freed a captive. The group said more would follow.", datetime(2025, 2, 18))
    assert actor_of(doc, "the militants").id == "HAMAS"
    assert actor_of(doc, "The group").id == "HAMAS"


def test_bare_group_noun_without_a_group_stays_generic(nlp):
    # a state's army is not "the militants", and nothing else says whose they are
    doc = run(nlp, "Russian troops advanced near the town on Monday. The militants fled into the hills.")
    militants = actor_of(doc, "The militants")
    assert (militants.country, militants.sector, militants.org) == (None, "REB", None)
    # "a group of protesters" names no group
    doc = run(nlp, "Hamas said it would talk. A group of protesters gathered outside.")
    assert all(m.via != "group" for m in doc._.actor_mentions)


def test_the_office_of_a_title_is_the_government_not_the_holder(nlp):
    doc = run(nlp, "The Israeli prime minister's office said on Tuesday that four bodies would be returned.",
              datetime(2025, 2, 18))
    office = actor_of(doc, "office")
    assert (office.id, office.country, office.sector) == ("ISR-GOV", "ISR", "GOV")
    doc = run(nlp, "Benjamin Netanyahu spoke on Monday. Mr. Netanyahu's office said talks would go on. "
                   "The prime minister's office added a warning. The prime minister said no more.",
              datetime(2025, 2, 18))
    assert actor_of(doc, "Mr. Netanyahu's office").id == "ISR-GOV"
    assert actor_of(doc, "The prime minister's office").id == "ISR-GOV"
    alone = next(m for m in doc._.actor_mentions if m.text == "The prime minister")
    assert alone.actor.id == "benjamin-netanyahu"  # the title alone is still the man


def test_longest_office_phrase_wins(nlp):
    kb = load_kb()
    assert kb.office_of(["the", "deputy", "prime", "minister"]) == "deputy_head_of_government"
    assert kb.office_of(["the", "first", "deputy", "prime", "minister"]) == "deputy_head_of_government"
    assert kb.office_of(["vice", "premier"]) == "deputy_head_of_government"
    assert kb.office_of(["the", "prime", "minister"]) == "head_of_government"
    assert kb.office_of(["the", "deputy", "secretary", "general"]) == "deputy_secretary_general"
    assert kb.office_of(["the", "white", "house", "chief", "of", "staff"]) == "chief_of_staff"
    assert kb.office_of(["chief", "of", "the", "general", "staff"]) == "military_chief"
    assert kb.office_of(["the", "assistant", "prime", "minister"]) is None  # a lesser office we do not list
    doc = run(nlp, "Britain's prime minister met the deputy prime minister of Ukraine on Monday.", datetime(2025, 2, 18))
    assert actor_of(doc, "Britain's prime minister").id == "keir-starmer"
    assert actor_of(doc, "the deputy prime minister").id != "denys-shmyhal"  # Ukraine's PM then, not a deputy


def test_supreme_leader_is_not_the_head_of_state(nlp):
    doc = run(nlp, "Iran's supreme leader said on Monday that talks were useless. "
                   "Iran's president said they could still help.", datetime(2025, 2, 18))
    assert actor_of(doc, "Iran's supreme leader").id == "ali-khamenei"
    assert actor_of(doc, "Iran's president").id == "masoud-pezeshkian"


def test_office_keys_used_by_people_are_known_offices():
    import yaml

    kb = load_kb()
    known = set(kb.offices.values())
    people = yaml.safe_load((KB_DIR / "people.yaml").read_text(encoding="utf-8"))
    used = {r["office"] for p in people for r in p.get("roles") or [] if r.get("office")}
    # keys that only keep a role off the usual office (no text phrase names them)
    private = {"top_diplomat", "suspended_president", "suspended_prime_minister", "portfolio_vice_president",
               "agency_head", "cabinet_minister", "regional_leader", "regional_minister", "professor"}
    assert used - known - private == set()


def test_king_inside_an_organisation_name_is_no_king(nlp):
    doc = run(nlp, "King Charles met students on Monday. The King's College London professor said the plan was weak. "
                   "King's College London professor Jane Moss agreed.", datetime(2025, 2, 18))
    prof = actor_of(doc, "The King's College London professor")
    assert prof.id != "charles-iii" and (prof.country, prof.sector) == ("GBR", "EDU")
    moss = actor_of(doc, "Jane Moss")
    assert (moss.id, moss.country, moss.sector) == ("jane-moss", "GBR", "EDU")
    # a title the tagger calls an organisation is still a title
    assert actor_of(run(nlp, "Iran's supreme leader spoke.", datetime(2025, 2, 18)), "supreme leader").id == "ali-khamenei"


def test_office_of_an_organisation_is_not_the_state_office(nlp):
    doc = run(nlp, "The president of the Chadian Human Rights League said the vote was unfair.", datetime(2025, 2, 18))
    league = next(m for m in doc._.actor_mentions if m.text == "The president")
    assert league.actor.id not in load_kb().people and league.actor.country == "TCD"  # not Chad's head of state
    assert actor_of(run(nlp, "The president of Russia said the vote was fair.", datetime(2025, 2, 18)),
                    "The president").id == "vladimir-putin"


def test_lowercase_and_former_titles_before_a_name(nlp):
    doc = run(nlp, "The former army general Jan Kowalczyk said the plan was weak.")
    assert actor_of(doc, "Jan Kowalczyk").sector == "ELI"
    doc = run(nlp, "Yesterday the spokesman Tom Bellweather said no.")
    assert actor_of(doc, "Tom Bellweather").sector == "GOV"


@pytest.mark.parametrize("text", ["Mr. al-Hayya said on Monday that the deal held.",
                                  "Hayya said on Monday that the deal held.",
                                  "Al-Hayya said on Monday that the deal held."])
def test_particle_surname_alone_is_the_person(nlp, text):
    doc = run(nlp, text, datetime(2025, 2, 18))
    assert actor_of(doc, "Hayya").id == "khalil-al-hayya"


def test_spaced_particle_surnames(nlp):
    doc = run(nlp, "Prince Faisal bin Farhan spoke first. Later, Mr. bin Farhan said more. "
                   "Ms. von der Leyen said the deal held.", datetime(2025, 2, 18))
    assert actor_of(doc, "Mr. bin Farhan").id == "faisal-bin-farhan"
    assert actor_of(doc, "von der Leyen").id == "ursula-von-der-leyen"
    # a particle is no surname of its own, and a common surname with one is still a name to find
    from detente.actors.kb import is_particle_surname, particle_surnames
    assert particle_surnames("Khalil al-Hayya") == ["al-Hayya", "Al-Hayya"]
    assert particle_surnames("Ursula von der Leyen") == ["von der Leyen", "Von der Leyen"]
    assert particle_surnames("Marco Rubio") == [] and not is_particle_surname("Rubio")
    assert is_particle_surname("bin Farhan") and not is_particle_surname("Farhan Said")


def test_analysts_take_their_institution_or_stay_unresolved(nlp):
    doc = run(nlp, "Analysts said the move was bold. Analysts at the Carnegie Endowment said it was rash.")
    first = mention_at(doc[0])
    assert first is None or first.actor is None  # no sector from nothing (PLOVER lists no analyst)
    carnegie = next(m for m in doc._.actor_mentions if m.text == "Analysts").actor
    assert (carnegie.country, carnegie.sector) == ("USA", "EDU")
    experts = actor_of(run(nlp, "British experts disagreed."), "British experts")
    assert (experts.country, experts.sector) == ("GBR", "EDU")


def test_a_present_title_before_a_name_outranks_today_in_an_undated_article(nlp):
    # undated: roles are today's, and the KB has Park Jin out of office; the text says he is minister
    doc = run(nlp, "Foreign Minister Park Jin said no. Mr. Park added that talks would go on.", None)
    park = actor_of(doc, "Park Jin")
    assert (park.id, park.country, park.sector) == ("park-jin", "KOR", "GOV")
    assert actor_of(doc, "Mr. Park").sector == "GOV"
    # without a title, or with a former one, the KB rules
    assert actor_of(run(nlp, "Park Jin said no.", None), "Park Jin").sector == "ELI"
    assert actor_of(run(nlp, "Former Foreign Minister Park Jin said no.", None), "Park Jin").sector == "ELI"
    # in a dated article the KB's dates rule: a past president recalled, "then-" or not
    assert actor_of(run(nlp, "President Barack Obama signed it.", datetime(2025, 2, 18)), "Barack Obama").sector == "ELI"
    assert actor_of(run(nlp, "In 2016, then-President Barack Obama said no.", datetime(2025, 2, 18)),
                    "Barack Obama").sector == "ELI"


def test_igo_people_keep_their_own_sector(nlp):
    doc = run(nlp, "European Union legislators approved the plan, and NATO troops arrived. "
                   "NATO's secretary general, Mark Rutte, welcomed them.", datetime(2025, 2, 18))
    leg = actor_of(doc, "European Union legislators")
    assert (leg.country, leg.sector, leg.org) == ("IGO", "LEG", "EU")
    troops = actor_of(doc, "NATO troops")
    assert (troops.country, troops.sector, troops.org) == ("IGO", "MIL", "NATO")
    rutte = actor_of(doc, "Mark Rutte")
    assert (rutte.country, rutte.sector, rutte.org) == ("IGO", "IGO", "NATO")


def test_unknown_organisation_named_for_what_it_is_gets_its_sector_only(nlp):
    doc = run(nlp, "The official National News Agency said the 72nd Mechanized Brigade had withdrawn.")
    agency = actor_of(doc, "National News Agency")
    assert (agency.country, agency.sector) == (None, "GOV")
    assert actor_of(doc, "Mechanized Brigade").sector == "MIL"


def test_a_known_city_tagged_as_an_organisation_is_a_place_entity(nlp):
    doc = run(nlp, "Officials in Herat said the road was closed. The Taliban said nothing.")
    herat = next(e for e in doc._.entities if e.text == "Herat")
    assert herat.label == "GPE" and herat.actor.country == "AFG"
    assert next(e for e in doc._.entities if e.text == "Taliban").label == "ORG"  # a group stays one


def test_demonym_in_a_title_before_a_name_keeps_its_state(nlp):
    doc = run(nlp, "Russian President Vladimir Putin said the talks were useful.", datetime(2025, 2, 18))
    russian = next(e for e in doc._.entities if e.text == "Russian")
    assert russian.actor is not None and russian.actor.id == "RUS"
    assert actor_of(doc, "Vladimir Putin").id == "vladimir-putin"


def test_demonym_entities_get_their_own_state(nlp):
    doc = run(nlp, "Senior American and Russian officials met in Riyadh. American interests were discussed.")
    ents = [(e.text, e.actor.id if e.actor else None) for e in doc._.entities if e.label == "NORP"]
    assert ents[:2] == [("American", "USA-GOV"), ("Russian", "RUS-GOV")]
    assert ("American", "USA") in ents[2:]  # a demonym colouring a noun is still its state
    muslim = [e for e in run(nlp, "Muslim leaders met.")._.entities if e.text == "Muslim"]
    assert all(e.actor is None or e.actor.country is None for e in muslim)  # a faith is no state


def test_entities_inside_longer_names_and_titles(nlp):
    doc = run(nlp, "The vice president met the co-leader of the far-right Alternative for Germany party, Alice Weidel. "
                   "Defense Secretary Pete Hegseth said nothing.", datetime(2025, 2, 18))
    ents = {e.text: e for e in doc._.entities}
    assert "Germany" not in ents and ents["Alternative for Germany"].label == "ORG"
    assert ents["Alternative for Germany"].actor.id == "AFD"
    if "Defense" in ents:  # the tagger's "Defense" is the department, never the man
        assert ents["Defense"].actor.id == "USA-GOV"
    assert ents["Pete Hegseth"].actor.id == "pete-hegseth"


@pytest.mark.parametrize("text,country,sector", [
    ("North Korean troops crossed the border.", "PRK", "MIL"),        # a demonym of two words
    ("South African police made arrests.", "ZAF", "COP"),
    ("A Chinese coast guard vessel fired water cannon.", "CHN", "MIL"),
    ("Chinese state media reported the visit.", "CHN", "JRN"),         # spaCy's lemma of media is "medium"
    ("Israeli settlers attacked a village.", "ISR", "CVL"),
    ("The Egyptian mediators proposed a truce.", "EGY", "GOV"),
    ("The Pakistani Taliban claimed the attack.", "PAK", "REB"),       # not the Afghan Taliban
])
def test_descriptions_with_a_demonym(nlp, text, country, sector):
    doc = run(nlp, text, datetime(2025, 2, 18))
    m = max((m for m in doc._.actor_mentions if m.actor), key=lambda m: m.end - m.start)
    assert (m.actor.country, m.actor.sector) == (country, sector), m.text


@pytest.mark.parametrize("text", ["Russian-backed separatists shelled the town.", "Pro-Russian separatists shelled the town.",
                                  "Iranian-backed militias fired rockets."])
def test_a_sponsor_is_not_the_country_of_a_group(nlp, text):
    doc = run(nlp, text, datetime(2025, 2, 18))
    group = max((m for m in doc._.actor_mentions if m.actor), key=lambda m: m.end - m.start)
    assert group.actor.country is None and group.actor.sector in ("REB", "UAF")


def test_lone_surname_tagged_as_a_name_but_not_a_common_word(nlp):
    trump = mention_at(run(nlp, "Trump", datetime(2019, 4, 1))[0])  # tagged a NOUN, but a name of its own
    assert trump is not None and trump.actor.id == "donald-trump"
    assert not [m for m in run(nlp, "Power was restored on Monday.")._.actor_mentions if m.label == "PERSON"]
    assert not [m for m in run(nlp, "Wine exports fell sharply.")._.actor_mentions if m.label == "PERSON"]


def test_unknown_organisation_takes_the_country_of_a_place_in_its_name(nlp):
    doc = run(nlp, "The Santa Marta Self Defense Forces denied the killings. Officials in Toronto met.")
    forces = actor_of(doc, "Self Defense Forces")
    assert (forces.country, forces.sector) == ("COL", "PRM")
    toronto = next(e for e in doc._.entities if e.text == "Toronto")
    assert toronto.actor.country == "CAN"


def test_titles_with_a_seat_or_an_igo_find_their_holder(nlp):
    when = datetime(2025, 2, 18)
    doc = run(nlp, "Yuri Ushakov met reporters. The Kremlin aide said the talks were useful.", when)
    assert actor_of(doc, "The Kremlin aide").id == "yuri-ushakov"  # named in the article
    assert actor_of(run(nlp, "The Kremlin aide said no.", when), "Kremlin aide").id == "RUS-GOV"  # several aides
    chief = actor_of(run(nlp, "The White House chief of staff said no.", when), "chief of staff")
    assert (chief.country, chief.sector) == ("USA", "GOV") and chief.id != "MIL"
    army = actor_of(run(nlp, "Israel's army chief of staff said no.", when), "chief of staff")
    assert (army.country, army.sector) == ("ISR", "MIL")
    assert actor_of(run(nlp, "NATO's secretary general said no.", when), "secretary general").id == "mark-rutte"
    assert actor_of(run(nlp, "The U.N. secretary general said no.", when), "secretary general").id == "antonio-guterres"
    # a legislature's officers hold no state office
    assert actor_of(run(nlp, "The speaker of the Knesset said no.", when), "The speaker").id == "ISR-LEG"


def test_kb_role_office_is_read_from_the_title_head():
    kb = load_kb()
    from detente.actors.kb import _title_office
    assert _title_office(kb, "special envoy of the secretary-general".split()) is None
    assert _title_office(kb, "secretary-general of the united nations".split()) == "secretary_general"
    assert _title_office(kb, "minister of foreign affairs".split()) == "foreign_minister"


def test_a_spokesman_for_a_title_speaks_for_the_government(nlp):
    doc = run(nlp, "Benjamin Netanyahu spoke on Monday. A spokesman for the prime minister said more.",
              datetime(2025, 2, 18))
    assert actor_of(doc, "A spokesman").id == "ISR-GOV"
    assert actor_of(doc, "the prime minister").id == "benjamin-netanyahu"
    doc = run(nlp, "A spokesman for the Israeli prime minister said more.", datetime(2025, 2, 18))
    assert next(e for e in doc._.entities if e.text == "Israeli").actor.id == "ISR"  # the state, not the man


@pytest.mark.parametrize("text, word", [
    ("Rice prices rose sharply across Asia last month.", "Rice"),
    ("Hunt for the gunmen continued into the night.", "Hunt"),
])
def test_an_everyday_word_is_not_a_person_who_bears_it_as_a_surname(nlp, text, word):
    doc = run(nlp, text, datetime(2024, 5, 1))
    start = text.index(word)
    m = mention_at(doc.char_span(start, start + len(word))[0])
    assert m is None or m.actor is None or m.actor.id not in ("susan-rice", "condoleezza-rice", "jeremy-hunt")


def test_a_leader_named_by_an_everyday_surname_alone_still_resolves(nlp):
    doc = run(nlp, "Trump said tariffs on steel would rise.", datetime(2024, 5, 1))
    assert actor_of(doc, "Trump").id == "donald-trump"


def test_people_counted_not_named_are_civilians(nlp):
    doc = run(nlp, "Police detained dozens outside parliament. Hundreds of soldiers paraded. Prices rose by 300.")
    assert actor_of(doc, "dozens").sector == "CVL"
    assert actor_of(doc, "soldiers").sector == "MIL"  # with an "of" phrase, the noun it names decides
    counted = [doc[m.start].text for m in doc._.actor_mentions if m.via == "count"]
    assert counted == ["dozens"]  # not "Hundreds" of soldiers, not a price
