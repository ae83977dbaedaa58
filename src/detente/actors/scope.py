"""What one document's resolution knows while it runs (`Scope`), the people it has met
(`KnownPerson`), and the word lists and small tests on tokens the passes share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from spacy.tokens import Doc, Span, Token

from detente.actors.kb import SECTOR_NOUN, KnowledgeBase, Target, name_key
from detente.actors.mention import Mention
from detente.model import ActorRef

# Honorifics and the gender they tell.
HONORIFICS = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f",
              "dr": None, "dr.": None, "prof": None, "prof.": None, "professor": None, "sir": "m",
              "dame": "f", "lord": "m", "lady": "f", "sheikh": "m", "prince": "m", "princess": "f",
              "king": "m", "queen": "f", "emir": "m", "crown": None, "sen.": None, "rep.": None,
              "gov.": None, "gen.": None, "lt.": None, "col.": None, "adm.": None, "sgt.": None,
              "maj.": None, "capt.": None, "pope": "m", "president": None, "prime": None,
              "minister": None, "chancellor": None, "secretary": None}
# Courtesy titles: they tell a gender, not a role.
COURTESY = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "prof", "prof.", "sir",
                      "dame", "lord", "lady"})
# Titles after which a single given name is enough to identify a person ("Crown Prince Mohammed").
ROYAL = frozenset({"prince", "princess", "king", "queen", "emir", "sheikh", "sultan", "pope"})
# Military rank abbreviations that make a title MIL.
RANKS = frozenset({"gen.", "lt.", "col.", "adm.", "sgt.", "maj.", "capt.", "cpl.", "brig.", "gen", "lt", "col"})
# Prepositions after which a place is where something happens, not who acts.
LOCATIVE_PREPS = frozenset({"in", "at", "from", "near", "across", "inside", "outside", "throughout",
                            "into", "around", "within", "between", "via", "through", "toward", "towards"})
# Prepositions whose object gives a title its country or institution ("professor at KCL").
TITLE_PREPS = frozenset({"of", "at", "for", "in", "from", "with"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
# Group words that say nothing without a country ("both sides" vs "the Russian side").
NEEDS_COUNTRY = frozenset({"side", "delegation", "embassy", "consulate", "counterpart"})
# Title and group words that name a body, not a person: "the ministry said ... it", never "he".
INSTITUTIONS = frozenset({
    "ministry", "government", "administration", "cabinet", "office", "embassy", "consulate", "department",
    "agency", "commission", "council", "parliament", "legislature", "senate", "congress", "assembly", "court",
    "tribunal", "army", "navy", "military", "force", "police", "party", "company", "firm", "corporation",
    "bank", "university", "institute", "college", "school", "newspaper", "media", "union", "church",
    "hospital", "regime", "junta", "authority", "presidency", "delegation", "side", "treasury", "fleet",
    "brigade", "battalion", "regiment", "division", "gendarmerie", "station", "group", "organization",
    "organisation", "alliance", "charity", "foundation", "syndicate", "gang", "cartel", "mission", "airline",
    "industry", "board", "campaign", "business", "press", "television", "judiciary", "intelligence",
    "guard", "militia", "opposition", "public", "crowd", "family", "community", "population", "people"})
# Heads whose sector is their modifier's when it has one ("intelligence officer", "army chief").
GENERIC_HEADS = frozenset({"officer", "official", "spokesman", "spokeswoman", "spokesperson", "chief", "head",
                           "director", "leader", "member", "chairman", "commander", "agent", "source", "worker"})
NP_MODIFIER_DEPS = frozenset({"det", "amod", "compound", "poss", "nummod", "quantmod", "advmod", "nmod",
                              "case", "predet", "punct", "npadvmod", "cc", "conj"})
LABEL_OF_KIND = {"state": "GPE", "capital": "GPE", "city": "GPE", "seat": "ORG", "demonym": "NORP", "org": "ORG", "person": "PERSON"}
_SLUG = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    return _SLUG.sub("-", name_key(name)).strip("-")


@dataclass(slots=True)
class KnownPerson:
    """A person named in this document: what later mentions of them can resolve to."""

    name: str
    actor: ActorRef | None
    gender: str | None
    full: str
    surname: str | None
    first: str | None
    offices: set[str] = field(default_factory=set)
    last: int = -1  # token offset of the latest mention so far


@dataclass(slots=True)
class Scope:
    """Everything known about one document while it is being resolved."""

    doc: Doc
    when: datetime | date | None
    day: date
    mentions: dict[tuple[int, int], Mention] = field(default_factory=dict)
    token_mention: dict[int, Mention] = field(default_factory=dict)
    people: list[KnownPerson] = field(default_factory=list)
    person_of: dict[tuple[int, int], KnownPerson] = field(default_factory=dict)
    kb_spans: dict[tuple[int, int], list[Target]] = field(default_factory=dict)
    absorbed: list[Mention] = field(default_factory=list)  # names inside a title mention
    lemmas: list[str] = field(default_factory=list)  # lowercase lemma of every token, read once
    linked: set[tuple[int, int]] = field(default_factory=set)  # titles already tied to a named person

    def remove(self, mention: Mention) -> None:
        self.mentions.pop((mention.start, mention.end), None)
        for i in range(mention.start, mention.end):
            if self.token_mention.get(i) is mention:
                del self.token_mention[i]

    def add(self, mention: Mention) -> Mention:
        """Add a mention; the mentions it covers give way ("Russia" inside "Russia's foreign
        minister"), and names among them are kept aside so their entities keep their own actor."""
        for i in range(mention.start, mention.end):
            old = self.token_mention.get(i)
            if old is not None and old is not mention:
                self.remove(old)
                if old.label in ("GPE", "ORG", "NORP") and old not in self.absorbed:
                    self.absorbed.append(old)
        self.mentions[(mention.start, mention.end)] = mention
        for i in range(mention.start, mention.end):
            self.token_mention[i] = mention
        return mention

    def at(self, i: int) -> Mention | None:
        return self.token_mention.get(i)

def is_dateline(span: Span) -> bool:
    """"WASHINGTON —" opening a story: where it was filed."""
    doc = span.doc
    return span.text.isupper() and (span.start == 0 or doc[span.start - 1].is_space or doc[span.start].is_sent_start) \
        and span.end < len(doc) and doc[span.end].text in ("—", "–", "-", "(", ",", ":")


def inside_other_name(span: Span) -> bool:
    """Part of a longer name of an organisation, building, work or event."""
    for ent in span.doc.ents:
        if ent.start <= span.start and span.end <= ent.end and (ent.start, ent.end) != (span.start, span.end):
            return ent.label_ in ("ORG", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW")
    return False


# Entity types whose words name something, not an office: "King" in "King's College London".
_NAME_LABELS = frozenset({"ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"})


def in_org_name(scope: "Scope", token: Token, kb: KnowledgeBase) -> bool:
    """Part of the name of an organisation, building or work ("King's College London", "the
    President's Cup"), as the tagger or the knowledge base sees it; a title the tagger took for
    an organisation ("supreme leader", "Foreign Minister") is no such name."""
    m = scope.at(token.i)
    if m is not None and m.label == "ORG" and m.via in ("kb", "name"):
        return True
    if any(t.kind == "seat" for t in scope.kb_spans.get((token.i, token.i + 1), ())):
        return False  # "the Kremlin aide": a seat of government, not an organisation's name
    if token.ent_type_ not in _NAME_LABELS:
        return False
    ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    if ent is None:
        return False
    words = [scope.lemmas[t.i] for t in ent if t.pos_ not in ("DET", "PART") and t.tag_ != "POS"]
    found = kb.office_match(words)
    return found is None or (found[1], found[2]) != (0, len(words))


def office_words(scope: "Scope", start: int, end: int, kb: KnowledgeBase) -> list[str]:
    """The lemmas an office is read from, with the words of organisation names blanked out so
    that "King's College London professor" names no king."""
    return ["" if in_org_name(scope, t, kb) else scope.lemmas[t.i] for t in scope.doc[start:end]]


def is_locative(token: Token) -> bool:
    node = token
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ in LOCATIVE_PREPS:
        return True
    if node.dep_ == "appos" and node.head.dep_ == "pobj" and node.head.head.lower_ in LOCATIVE_PREPS:
        return True
    return False


def sector_only(sector: str | None) -> ActorRef:
    """A group known only by what it is ("soldiers", "militants"): no country is guessed."""
    return ActorRef(sector or "UNK", SECTOR_NOUN.get(sector or "UNK", sector or "unknown"), None, sector, None)
