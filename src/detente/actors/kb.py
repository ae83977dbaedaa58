"""The knowledge base: states, organisations, groups and people with dated roles.

Loaded once per process (`load_kb()`), from the YAML files in `detente/resources/kb/` plus any
files the user adds (`load_kb([Path("mine.yaml")])`). Country names come from pycountry and
country_converter; demonyms, short forms, capitals, seats of government, organisations and people
are our own files (see resources/kb/README.md for the formats).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from detente.sectors import SECTORS, check_sectors
from detente.model import ActorRef

KB_DIR = Path(__file__).resolve().parents[1] / "resources" / "kb"

# Names that the country libraries give but a newspaper almost never means as the state.
_AMBIGUOUS_NAMES = frozenset({"Georgia", "Jordan", "Chad", "Niger", "Guinea", "Turkey", "Dominica",
                              "Jersey", "Man", "Congo", "Korea", "Micronesia", "Samoa"})
# Words that make a title a lesser office than the one it names ("deputy foreign minister").
_LESSER_WORDS = frozenset({"deputy", "assistant", "under", "undersecretary", "junior", "shadow", "former",
                           "vice", "acting-deputy", "ex", "retired"})
# Lexicon words whose lemma from spaCy's tagger is another word.
_TAGGER_LEMMAS = {"media": "medium"}
# Uninhabited territories: never an actor.
_NOT_ACTORS = frozenset({"ATA", "BVT", "HMD", "ATF", "UMI", "SGS", "IOT"})
# Sector labels ("MIL" -> "military"): the one list in detente/sectors.py, under the name the
# actor modules use.
SECTOR_NOUN = SECTORS
_PARTICLE = re.compile(r"^(?:al|el|ad|as|an|ash|at|az|bin|ibn|van|von|de|der|da|di|du|la|le)[-‐]", re.I)
# Particles written as words of their own before a surname ("bin Farhan", "von der Leyen").
PARTICLE_WORDS = frozenset({"al", "el", "bin", "ibn", "bint", "van", "von", "der", "den", "de", "del", "della",
                            "da", "di", "du", "la", "le", "ter", "ten", "abu", "ould"})
_INITIAL = re.compile(r"^[A-Z]\.?$")

# Regions for groups that are not one state ("European leaders", "Western governments"):
# CAMEO regional codes, used as the `country` of such groups.
REGIONS: dict[str, dict[str, Any]] = {
    "EUR": {"name": "Europe", "names": ["Europe"], "demonyms": ["European", "Europeans"]},
    "WST": {"name": "the West", "names": ["the West"], "demonyms": ["Western", "Westerners"]},
    "MEA": {"name": "Middle East", "names": ["Middle East"], "demonyms": ["Middle Eastern"]},
    "AFR": {"name": "Africa", "names": ["Africa"], "demonyms": ["African", "Africans"]},
    "ASA": {"name": "Asia", "names": ["Asia"], "demonyms": ["Asian", "Asians"]},
    "LAM": {"name": "Latin America", "names": ["Latin America"], "demonyms": ["Latin American", "Latin Americans"]},
    "ARB": {"name": "Arab world", "names": ["Arab world"], "demonyms": ["Arab", "Arabs"]},
}


def name_key(text: str) -> str:
    """A lookup key for a name: case, accents, curly apostrophes and punctuation folded."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"'s$", "", text.strip())
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[\s.\-‐]+", " ", text).strip()


def person_keys(name: str) -> tuple[str, str | None, str | None]:
    """(full key without middle initials, surname key, first-name key) of a person's name."""
    words = [w for w in re.split(r"\s+", name.replace("’", "'").strip()) if w]
    words = [w for i, w in enumerate(words) if not (_INITIAL.match(w) and 0 < i < len(words) - 1)]
    full = name_key(" ".join(words))
    if not words:
        return full, None, None
    last = _PARTICLE.sub("", words[-1])
    return full, name_key(last) or None, name_key(words[0]) if len(words) > 1 else None


def is_particle_surname(name: str) -> bool:
    """A surname alone with its particles: "al-Hayya", "bin Farhan", "von der Leyen"."""
    words = name.replace("’", "'").split()
    if len(words) == 1:
        return bool(_PARTICLE.match(words[0]))
    return all(w.lower() in PARTICLE_WORDS for w in words[:-1]) and words[-1][:1].isupper()


def particle_surnames(name: str) -> list[str]:
    """The forms of a full name's surname with its particles, as a text may write it alone:
    "Khalil al-Hayya" -> ["al-Hayya", "Al-Hayya"]; "Ursula von der Leyen" -> ["von der Leyen",
    "Von der Leyen"]. Empty when the surname has no particle."""
    words = name.replace("’", "'").split()
    if len(words) < 2:
        return []
    if _PARTICLE.match(words[-1]):
        form = words[-1]
    else:
        i = len(words) - 1
        while i > 1 and words[i - 1].lower() in PARTICLE_WORDS:
            i -= 1
        if i == len(words) - 1:
            return []
        form = " ".join(words[i:])
    return [form, form[:1].upper() + form[1:]] if form[:1].islower() else [form]


def _as_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def as_day(when: datetime | date | str | None) -> date:
    """The date roles are read at: the article's date, or today when it has none."""
    if isinstance(when, str):  # an ISO date or datetime set by hand on the Doc
        try:
            when = datetime.fromisoformat(when)
        except ValueError:
            when = None
    if when is None:
        return date.today()
    return when.date() if isinstance(when, datetime) else when


@dataclass(frozen=True, slots=True)
class Role:
    title: str
    sector: str | None
    start: date | None
    end: date | None
    country: str | None = None
    org: str | None = None
    office: str | None = None  # canonical office key (offices.yaml), when the title names one

    def holds(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(slots=True)
class Person:
    id: str
    name: str
    country: str | None
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    gender: str | None = None  # "m" | "f" | None (optional field of people.yaml)

    def role_at(self, day: date) -> Role | None:
        held = [r for r in self.roles if r.holds(day)]
        # The latest-starting role held that day is the current one (a new office beats an old one).
        return max(held, key=lambda r: r.start or date.min) if held else None

    def ref_at(self, when: datetime | date | None) -> ActorRef:
        """The person as of a date: the role whose interval holds it; between or after roles
        the person keeps their country with sector ELI; before the first role, no sector."""
        day = as_day(when)
        role = self.role_at(day)
        if role is not None:
            return ActorRef(self.id, self.name, role.country or self.country, role.sector, role.org)
        starts = [r.start for r in self.roles if r.start is not None]
        if self.roles and starts and day < min(starts):
            first = min(self.roles, key=lambda r: r.start or date.min)
            return ActorRef(self.id, self.name, first.country or self.country, None, None)
        return ActorRef(self.id, self.name, self.country, "ELI" if self.roles else None, None)


@dataclass(slots=True)
class Organisation:
    id: str
    name: str
    kind: str  # igo | group
    aliases: list[str]
    country: str | None = None
    sector: str | None = None
    org: str | None = None
    members: list[str] = field(default_factory=list)
    sectors: list[Role] = field(default_factory=list)  # dated sectors (the Taliban in power)
    adjectives: list[str] = field(default_factory=list)  # "Republican": only as a NORP

    def ref_at(self, when: datetime | date | None) -> ActorRef:
        if self.kind == "igo":
            return ActorRef(self.id, self.name, "IGO", self.sector or "IGO", self.org or self.id)
        sector = self.sector
        day = as_day(when)
        for role in self.sectors:
            if role.holds(day):
                sector = role.sector
        return ActorRef(self.id, self.name, self.country, sector, self.name if sector in ("REB", "PTY", "UAF", "PRM") else None)


@dataclass(slots=True)
class State:
    iso3: str
    name: str
    names: set[str] = field(default_factory=set)
    demonyms: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)
    seats: dict[str, str] = field(default_factory=dict)
    cities: list[str] = field(default_factory=list)
    ambiguous: set[str] = field(default_factory=set)  # names that are also first names or words
    region: bool = False

    @property
    def adjective(self) -> str:
        return self.demonyms[0] if self.demonyms else self.name

    def ref(self, sector: str | None = None) -> ActorRef:
        if sector is None:
            return ActorRef(self.iso3, self.name, self.iso3, None, None)
        noun = SECTOR_NOUN.get(sector, sector)
        return ActorRef(f"{self.iso3}-{sector}", f"{self.adjective} {noun}", self.iso3, sector, None)


@dataclass(frozen=True, slots=True)
class Target:
    """What a surface form in the text can refer to."""

    kind: str  # state | capital | city | seat | demonym | org | person
    key: str  # ISO3, organisation id or person id
    sector: str | None = None  # for seats
    only_as: str | None = None  # an ambiguous name, accepted only with this entity label:
    # "GPE" for "Jordan" or "Georgia", "NORP" for a party's adjective ("the Republican nominee")


@dataclass(slots=True)
class KnowledgeBase:
    states: dict[str, State] = field(default_factory=dict)
    orgs: dict[str, Organisation] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    surface: dict[str, list[Target]] = field(default_factory=dict)  # surface form (as written) -> targets
    keys: dict[str, list[Target]] = field(default_factory=dict)  # name_key(form) -> targets
    person_full: dict[str, list[str]] = field(default_factory=dict)  # full-name key -> person ids
    person_surname: dict[str, list[str]] = field(default_factory=dict)
    sector_words: dict[tuple[str, ...], str | None] = field(default_factory=dict)
    former_words: frozenset[str] = frozenset()
    neutral_words: frozenset[str] = frozenset()
    religious_words: frozenset[str] = frozenset()
    offices: dict[tuple[str, ...], str] = field(default_factory=dict)
    max_office_len: int = 1
    first_names: dict[str, str] = field(default_factory=dict)  # lowercase first name -> "m" | "f"
    max_title_len: int = 1
    title_edges: frozenset[str] = frozenset()  # first and last words of lexicon entries

    # ---- building -------------------------------------------------------------------------
    def add_surface(self, form: str, target: Target) -> None:
        form = form.strip()
        if not form:
            return
        bucket = self.surface.setdefault(form, [])
        if target not in bucket:
            bucket.append(target)
        kbucket = self.keys.setdefault(name_key(form), [])
        if target not in kbucket:
            kbucket.append(target)

    def add_person(self, person: Person) -> None:
        old = self.people.get(person.id)
        if old is not None:  # a user file may extend or override a shipped entry
            for key in [person_keys(n)[0] for n in [old.name, *old.aliases]]:
                ids = self.person_full.get(key, [])
                if person.id in ids:
                    ids.remove(person.id)
        self.people[person.id] = person
        for form in [person.name, *person.aliases]:
            self.add_surface(form, Target("person", person.id))
            for alone in particle_surnames(form):  # "al-Hayya", "bin Farhan": distinctive alone
                self.add_surface(alone, Target("person", person.id))
            full, surname, _ = person_keys(form)
            self.person_full.setdefault(full, [])
            if person.id not in self.person_full[full]:
                self.person_full[full].append(person.id)
            if surname:
                ids = self.person_surname.setdefault(surname, [])
                if person.id not in ids:
                    ids.append(person.id)

    def add_org(self, org: Organisation) -> None:
        self.orgs[org.id] = org
        for form in [org.name, *org.aliases]:
            self.add_surface(form, Target("org", org.id))
        for form in org.adjectives:
            self.add_surface(form, Target("org", org.id, only_as="NORP"))

    def add_state(self, state: State) -> None:
        self.states[state.iso3] = state
        for form in state.names:
            self.add_surface(form, Target("state", state.iso3))
        for form in state.ambiguous - state.names:
            self.add_surface(form, Target("state", state.iso3, only_as="GPE"))
        for form in state.demonyms:
            self.add_surface(form, Target("demonym", state.iso3))
        for form in state.capitals:
            self.add_surface(form, Target("capital", state.iso3))
        for form, sector in state.seats.items():
            self.add_surface(form, Target("seat", state.iso3, sector))
        for form in state.cities:
            self.add_surface(form, Target("city", state.iso3))

    # ---- reading --------------------------------------------------------------------------
    def ref(self, target: Target, when: datetime | date | None) -> ActorRef | None:
        if target.kind == "person":
            return self.people[target.key].ref_at(when)
        if target.kind == "org":
            return self.orgs[target.key].ref_at(when)
        state = self.states.get(target.key)
        if state is None:
            return None
        if target.kind == "seat":
            return state.ref(target.sector)
        if target.kind == "capital":
            return state.ref("GOV")
        if target.kind == "city":
            return state.ref()
        return state.ref()

    def lookup(self, text: str) -> list[Target]:
        """Targets of a name as written, else by its folded key."""
        return self.surface.get(text) or self.keys.get(name_key(text), [])

    def find_people(self, name: str) -> list[Person]:
        full, surname, _ = person_keys(name)
        ids = self.person_full.get(full)
        if not ids and surname and " " not in full:
            ids = self.person_surname.get(surname)
        return [self.people[i] for i in ids or []]

    def sector_of(self, lemmas: Sequence[str]) -> tuple[str | None, int] | None:
        """The sector of the longest lexicon entry ending the lemma sequence: (sector, length)."""
        for n in range(min(len(lemmas), self.max_title_len), 0, -1):
            key = tuple(lemmas[-n:])
            if key in self.sector_words:
                return self.sector_words[key], n
        return None

    def office_match(self, lemmas: Sequence[str]) -> tuple[str, int, int] | None:
        """(office, start, end) of the longest office phrase among a title's words: "the deputy
        prime minister" is deputy_head_of_government, not head_of_government. None when a
        lesser word outside the phrase makes it another office ("deputy foreign minister"
        with no deputy entry)."""
        words = tuple(lemmas)
        best: tuple[int, int, str] | None = None  # (length, start, office)
        for i in range(len(words)):
            for n in range(min(self.max_office_len, len(words) - i), 0, -1):
                office = self.offices.get(words[i:i + n])
                if office is not None:
                    if best is None or n > best[0]:
                        best = (n, i, office)
                    break
        if best is None:
            return None
        n, i, office = best
        if (set(words) & _LESSER_WORDS) - set(words[i:i + n]):
            return None
        return office, i, i + n

    def office_of(self, lemmas: Sequence[str]) -> str | None:
        """The canonical office named by a title's words ("foreign minister" -> foreign_minister)."""
        found = self.office_match(lemmas)
        return found[0] if found else None

    def holders(self, office: str, country: str | None, when: datetime | date | None) -> list[Person]:
        """People whose role at the date is the given office (of the given country, if any)."""
        day = as_day(when)
        found = []
        for person in self.people.values():
            role = person.role_at(day)
            if role is not None and role.office == office and (country is None or (role.country or person.country) == country):
                found.append(person)
        return found


# ---- loading ------------------------------------------------------------------------------
def _read_yaml(path: Path | Any) -> Any:
    with path.open(encoding="utf-8") as fh:  # libyaml's safe loader: same result, seconds less per start
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _library_states() -> dict[str, State]:
    """Names of every state from pycountry and country_converter."""
    import pycountry

    states: dict[str, State] = {}
    for country in pycountry.countries:
        name = getattr(country, "common_name", None) or country.name
        state = State(country.alpha_3, name)
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                (state.ambiguous if value in _AMBIGUOUS_NAMES else state.names).add(value)
        states[country.alpha_3] = state
    try:
        import country_converter as coco

        data = coco.CountryConverter().data
        for iso3, short, official in zip(data["ISO3"], data["name_short"], data["name_official"]):
            state = states.setdefault(iso3, State(iso3, short))
            state.name = short  # country_converter's short names read best ("Russia", "Iran")
            for value in (short, official):
                if isinstance(value, str) and "," not in value:
                    (state.ambiguous if value in _AMBIGUOUS_NAMES else state.names).add(value)
    except Exception:  # pragma: no cover - the library is a dependency; stay usable without it
        pass
    states.setdefault("XKX", State("XKX", "Kosovo"))
    for iso3 in _NOT_ACTORS:
        states.pop(iso3, None)
    return states


def _merge_states(states: dict[str, State], data: dict[str, Any]) -> None:
    for iso3, cities in ((data or {}).get("_cities") or {}).items():
        state = states.setdefault(iso3, State(iso3, iso3))
        state.cities.extend(c for c in cities if c not in state.cities)
    for iso3, entry in (data or {}).items():
        if iso3.startswith("_"):
            continue
        entry = entry or {}
        state = states.setdefault(iso3, State(iso3, (entry.get("names") or [iso3])[0]))
        if entry.get("name"):
            state.name = entry["name"]
        state.names.update(entry.get("names") or [])
        for d in entry.get("demonyms") or []:
            if d not in state.demonyms:
                state.demonyms.append(d)
        for c in [entry.get("capital"), *(entry.get("capitals") or [])]:
            if c and c not in state.capitals:
                state.capitals.append(c)
        state.seats.update(entry.get("seats") or {})


def _role(raw: dict[str, Any], kb: KnowledgeBase) -> Role:
    title = str(raw.get("title") or "")
    words = tuple(re.findall(r"[a-z\-]+", title.lower()))
    return Role(title=title, sector=raw.get("sector"), start=_as_date(raw.get("from")),
                end=_as_date(raw.get("to")), country=raw.get("country"), org=raw.get("org"),
                office=raw.get("office") or _title_office(kb, words))


def _title_office(kb: KnowledgeBase, words: Sequence[str]) -> str | None:
    """The office a KB role's title names, read from its head: "Special Envoy of the
    Secretary-General" names no secretary-general, "Minister of Foreign Affairs" a minister."""
    found = kb.office_match(words)
    if found is None or set(words[:found[1]]) & {"of", "to", "for", "on"}:
        return None
    return found[0]


def _load_people(kb: KnowledgeBase, entries: Iterable[dict[str, Any]]) -> None:
    for raw in entries or []:
        if not isinstance(raw, dict) or not raw.get("id") or not raw.get("name"):
            continue
        gender = raw.get("gender")
        kb.add_person(Person(id=str(raw["id"]), name=str(raw["name"]), country=raw.get("country"),
                             aliases=[str(a) for a in raw.get("aliases") or []],
                             roles=[_role(r, kb) for r in raw.get("roles") or [] if isinstance(r, dict)],
                             gender=str(gender)[0].lower() if gender else None))


def _load_orgs(kb: KnowledgeBase, entries: Iterable[dict[str, Any]]) -> None:
    for raw in entries or []:
        if not isinstance(raw, dict) or not raw.get("id"):
            continue
        kb.add_org(Organisation(
            id=str(raw["id"]), name=str(raw.get("name") or raw["id"]), kind=raw.get("kind", "group"),
            aliases=[str(a) for a in raw.get("aliases") or []], country=raw.get("country"),
            sector=raw.get("sector"), org=raw.get("org"), members=list(raw.get("members") or []),
            sectors=[_role(r, kb) for r in raw.get("sectors") or []],
            adjectives=[str(a) for a in raw.get("adjectives") or []]))


def _load_lexicon(kb: KnowledgeBase, sectors: dict[str, Any], offices: dict[str, Any]) -> None:
    # A misspelt sector key would quietly make its words an unknown sector: fail at load instead.
    check_sectors((s for s in sectors.get("sectors") or {} if s != "NONE"), "kb/sectors.yaml")
    for sector, words in (sectors.get("sectors") or {}).items():
        for phrase in words:
            key = tuple(str(phrase).lower().split())
            kb.sector_words.setdefault(key, None if sector == "NONE" else sector)
            # the tagger's lemma of some plurals ("media" -> "medium") must match too
            variant = tuple(_TAGGER_LEMMAS.get(w, w) for w in key)
            if variant != key:
                kb.sector_words.setdefault(variant, None if sector == "NONE" else sector)
    kb.former_words = frozenset(w.lower() for w in sectors.get("former") or [])
    kb.neutral_words = frozenset(w.lower() for w in sectors.get("neutral") or [])
    kb.religious_words = frozenset(w.lower() for w in sectors.get("religious") or [])
    for phrase in kb.neutral_words:
        kb.sector_words[tuple(phrase.split())] = None
    for office, phrases in (offices or {}).items():
        for phrase in phrases:
            kb.offices[tuple(str(phrase).lower().split())] = office
    kb.max_title_len = max([len(k) for k in kb.sector_words] + [1])
    kb.max_office_len = max([len(k) for k in kb.offices] + [1])
    kb.title_edges = frozenset({k[0] for k in kb.sector_words} | {k[-1] for k in kb.sector_words})


def _load_user_file(kb: KnowledgeBase, path: Path) -> None:
    """A user file: a list of people, or a mapping with any of people/organisations/states."""
    from detente.actors.kb_file import read_user_kb  # checks the shape; errors name file, line, field

    data = read_user_kb(path)
    if isinstance(data, list):  # entries with a `kind` are organisations, the others people
        _load_people(kb, [e for e in data if isinstance(e, dict) and "kind" not in e])
        _load_orgs(kb, [e for e in data if isinstance(e, dict) and "kind" in e])
        return
    if isinstance(data, dict):
        _load_people(kb, data.get("people") or [])
        _load_orgs(kb, data.get("organisations") or data.get("organizations") or [])
        states = data.get("states") or {}
        _merge_states(kb.states, states)
        for iso3 in states:
            kb.add_state(kb.states[iso3])


def build_kb(files: Path, extra_paths: Sequence[Path] = ()) -> KnowledgeBase:
    """A knowledge base from a resources directory plus user files (later files win)."""
    kb = KnowledgeBase()
    sectors = _read_yaml(files / "sectors.yaml") if (files / "sectors.yaml").is_file() else {}
    offices = _read_yaml(files / "offices.yaml") if (files / "offices.yaml").is_file() else {}
    _load_lexicon(kb, sectors or {}, offices or {})
    names = files / "first_names.yaml"
    if names.is_file():
        for gender, listed in (_read_yaml(names) or {}).items():
            for first in listed or []:
                kb.first_names[str(first).lower()] = gender
    states = _library_states()
    if (files / "states.yaml").is_file():
        _merge_states(states, _read_yaml(files / "states.yaml"))
    for iso3, region in REGIONS.items():
        states[iso3] = State(iso3, region["name"], set(region["names"]), list(region["demonyms"]), region=True)
    for state in states.values():
        kb.add_state(state)
    if (files / "organisations.yaml").is_file():
        _load_orgs(kb, _read_yaml(files / "organisations.yaml"))
    # people.yaml, then any further people_*.yaml (e.g. people_world.yaml), in name order.
    for people in sorted(files.glob("people*.yaml")):
        _load_people(kb, _read_yaml(people))
    for path in extra_paths:
        _load_user_file(kb, Path(path))
    return kb


@lru_cache(maxsize=8)
def _cached_kb(extra_paths: tuple[str, ...]) -> KnowledgeBase:
    return build_kb(KB_DIR, [Path(p) for p in extra_paths])


def load_kb(extra_paths: Sequence[Path] = ()) -> KnowledgeBase:
    """The knowledge base shipped with detente plus the user's files; loaded once per process."""
    return _cached_kb(tuple(str(Path(p).resolve()) for p in extra_paths))
