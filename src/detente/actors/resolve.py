"""Mention resolution over one parsed Doc: names, titles, metonyms, demonyms and roles read
from the text. Pronouns are resolved afterwards (`coref.py`).

The order of the passes matters, and is the only place it is decided:
1. knowledge-base names (one PhraseMatcher, built at construction) and spaCy's entities;
2. people: KB, in-document name coreference ("Mr. Putin" after "Vladimir V. Putin");
3. title noun phrases ("Russia's foreign minister", "Senior American and Russian officials");
4. roles of unknown people read from their titles and appositions;
5. titles alone that name an office whose holder the article or the KB knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from detente.actors.kb import SECTOR_NOUN, KnowledgeBase, Person, Target, as_day, name_key, person_keys
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


class Resolver:
    """Resolves the mentions of one Doc against the knowledge base."""

    def __init__(self, nlp: Language, kb: KnowledgeBase):
        self.kb = kb
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for form in kb.surface:
            variants = {form, form.replace("'", "’"), form.replace("’", "'")}
            if len(form) > 3 and any(c.islower() for c in form):
                variants.add(form.upper())  # datelines: "TEHRAN"
            self.matcher.add(form, [nlp.make_doc(v) for v in sorted(variants)])
        self.vocab = nlp.vocab

    # ---- pass 1: names ----------------------------------------------------------------------
    def kb_matches(self, doc: Doc) -> list[tuple[Span, list[Target]]]:
        spans = []
        for match_id, start, end in self.matcher(doc):
            form = self.vocab.strings[match_id]
            spans.append(Span(doc, start, end, label=form))
        found = []
        for span in filter_spans(spans):
            targets = self.kb.surface.get(span.label_) or self.kb.lookup(span.text)
            found.append((span, targets))
        return found

    def __call__(self, doc: Doc) -> tuple[list[Mention], list[Mention]]:
        """(mentions, names absorbed into title mentions: entities still need their actors)."""
        when = doc._.published if doc.has_extension("published") else None
        scope = Scope(doc, when, as_day(when), lemmas=[t.lemma_.lower() for t in doc])
        person_ents = [e for e in doc.ents if e.label_ == "PERSON"]
        in_person = {i for e in person_ents for i in range(e.start, e.end)}

        # 1. KB names that are not persons' names ("Jordan" in "Michael Jordan" is not the state)
        for span, targets in self.kb_matches(doc):
            kinds = {t.kind for t in targets}
            if "person" not in kinds and any(i in in_person for i in range(span.start, span.end)):
                exact = [e for e in person_ents if e.start == span.start and (
                    e.end == span.end or e.end == span.end + 1 and doc[span.end].tag_ == "POS")]
                if not exact or kinds <= {"demonym"}:
                    continue
                person_ents.remove(exact[0])
                in_person.difference_update(range(span.start, span.end))
            scope.kb_spans[(span.start, span.end)] = targets
            if kinds <= {"capital", "city"} and _inside_other_name(span):
                continue  # "Washington" in "the Washington Post" is no government (it still gives a country)
            if "person" in kinds:
                continue  # people are resolved with the PERSON entities below
            self._add_kb_mention(scope, span, targets)

        # 2. people
        person_spans = {(e.start, e.end) for e in person_ents}
        for (s, e), targets in scope.kb_spans.items():
            if any(t.kind == "person" for t in targets):
                # the KB's full name wins over a tagger's partial one ("Ursula von der" + "Leyen")
                overlapping = {(a, b) for a, b in person_spans if a < e and s < b}
                if all(s <= a and b <= e for a, b in overlapping):
                    person_spans -= overlapping
                    person_spans.add((s, e))
                    in_person.update(range(s, e))
        in_person.update(i for a, b in person_spans for i in range(a, b))
        for token in doc:
            if (token.is_title and len(token.text) > 3 and token.pos_ in NOUN_POS and token.i not in in_person
                    and scope.at(token.i) is None
                    and (not token.ent_type_ or token.ent_type_ in ("ORG", "NORP"))
                    and len(self.kb.person_surname.get(name_key(token.text), [])) == 1
                    and not self.kb.lookup(token.text)):
                ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
                if ent is None or (ent.start, ent.end) == (token.i, token.i + 1):
                    person_spans.add((token.i, token.i + 1))
        for s, e in sorted(person_spans):
            self._resolve_person(scope, doc[s:e])
        self._surnames_missed(scope, in_person)

        # 3. title noun phrases, then 4. roles of the people they describe
        for token in doc:
            if token.pos_ in NOUN_POS and token.i not in in_person:
                self._title_mention(scope, token)
        for known_span, person in list(scope.person_of.items()):
            self._role_from_text(scope, doc[known_span[0]:known_span[1]], person)
        # "his foreign minister": read again now that the people have their roles
        for m in list(scope.mentions.values()):
            head = doc[m.end - 1]
            if m.label == "TITLE" and m.actor is not None and m.actor.country is None and any(
                    c.dep_ == "poss" and c.lower_ in ("his", "her") for c in head.children):
                scope.remove(m)
                self._title_mention(scope, head)

        # other named entities the KB knows by a folded form ("the U.N.'s", "TEHRAN")
        for ent in doc.ents:
            if ent.label_ in ("ORG", "GPE", "NORP", "LOC", "FAC") and scope.at(ent.root.i) is None and not any(
                    scope.at(i) is not None and scope.at(i).label not in ("GPE", "NORP") for i in range(ent.start, ent.end)):
                self._entity_mention(scope, ent)

        # 5. titles alone: who holds them
        for m in list(scope.mentions.values()):
            if m.label == "TITLE" and m.via == "title":
                self._title_holder(scope, m)
        return sorted(scope.mentions.values(), key=lambda m: m.start), scope.absorbed

    def _add_kb_mention(self, scope: Scope, span: Span, targets: list[Target]) -> Mention | None:
        target = self._pick(targets)
        doc = scope.doc
        if target.kind == "seat" and self._other_country_before(scope, span, target.key):
            return None  # "Chile's Defense Department": a generic institution name of another state
        locative = target.kind in ("state", "capital", "city") and (_is_locative(span.root) or _dateline(span))
        if target.kind == "capital" and locative:
            actor = self.kb.ref(Target("state", target.key), scope.when)
        else:
            actor = self.kb.ref(target, scope.when)
        via = {"state": "kb", "org": "kb", "city": "kb", "capital": "metonym", "seat": "metonym", "demonym": "demonym"}[target.kind]
        if locative:
            via = "kb"  # "talks in Riyadh": the place, not the government
        if target.kind == "demonym" and span.root.pos_ == "ADJ" or (
                target.kind == "demonym" and span.root.dep_ in ("amod", "compound") and span.root.head.pos_ in NOUN_POS):
            return None  # an adjective: it colours the noun phrase it modifies (title pass)
        plural = target.kind == "demonym" or span.root.tag_ in ("NNS", "NNPS")
        start = span.start - 1 if span.start > 0 and doc[span.start - 1].lower_ == "the" else span.start
        return scope.add(Mention(start, span.end, doc[start:span.end].text, LABEL_OF_KIND[target.kind],
                                 actor, via, locative=locative, plural=plural))

    @staticmethod
    def _other_country_before(scope: Scope, span: Span, iso3: str) -> bool:
        doc = scope.doc
        i = span.start - 1
        if i >= 0 and doc[i].tag_ == "POS":
            i -= 1
        if i < 0:
            return False
        for (s, e), targets in scope.kb_spans.items():
            if e == i + 1 and any(t.kind in ("state", "demonym", "capital") and t.key != iso3 for t in targets):
                return True
        return False

    @staticmethod
    def _pick(targets: list[Target]) -> Target:
        order = {"org": 0, "seat": 1, "state": 2, "capital": 3, "city": 4, "demonym": 5, "person": 6}
        return min(targets, key=lambda t: order.get(t.kind, 9))

    # ---- pass 2: people -------------------------------------------------------------------
    def _resolve_person(self, scope: Scope, span: Span) -> None:
        doc = scope.doc
        tokens = list(span)
        honorific = None
        while tokens and tokens[0].lower_ in HONORIFICS:
            honorific = tokens[0].lower_
            tokens = tokens[1:]
        while tokens and tokens[-1].tag_ == "POS" or tokens and tokens[-1].text in ("'s", "’s"):
            tokens = tokens[:-1]
        if not tokens:
            return
        start, end = tokens[0].i, tokens[-1].i + 1
        name = doc[start:end].text
        # honorific just before the entity ("Mr. Putin" with "Mr." outside it)
        before = [t.lower_ for t in doc[max(0, start - 3):start]]
        for word in reversed(before):
            if word in HONORIFICS:
                honorific = honorific or word
                break
            break
        gender = HONORIFICS.get(honorific) if honorific else None
        full, surname, first = person_keys(name)
        royal = bool(set(before) & ROYAL)

        single = len(name.split()) == 1
        known = self._known(scope, full, surname, first, royal or honorific is not None, gender, single)
        via = "coref" if known is not None else "name"
        if known is None:
            people = self._kb_people(full, surname, name)
            if len(people) == 1:
                person = people[0]
                known = KnownPerson(person.name, person.ref_at(scope.when), person.gender or gender,
                                    *person_keys(person.name))
                role = person.role_at(scope.day)
                if role is not None and role.office:
                    known.offices.add(role.office)
                via = "kb"
            else:
                known = KnownPerson(name, None, gender, full, surname, first)
            if known.gender is None and known.first:
                known.gender = self.kb.first_names.get(known.first)
            scope.people.append(known)
        elif known.gender is None:
            known.gender = gender
        scope.person_of[(start, end)] = known
        scope.add(Mention(start, end, name, "PERSON", known.actor, via, gender=known.gender, person=True))

    @staticmethod
    def _surnames_missed(scope: Scope, in_person: set[int]) -> None:
        """Later bare surnames the tagger missed ("Montalvo" after "Robert Montalvo")."""
        doc = scope.doc
        by_surname: dict[str, KnownPerson] = {}
        first_at: dict[int, int] = {}
        for (s, e), person in sorted(scope.person_of.items()):
            if person.surname and " " in person.full and person.surname not in by_surname:
                by_surname[person.surname] = person
                first_at[id(person)] = e
        if not by_surname:
            return
        for token in doc:
            if not token.is_title or token.pos_ != "PROPN" or token.i in in_person or scope.at(token.i) is not None:
                continue
            person = by_surname.get(name_key(token.text))
            if person is None or token.i < first_at[id(person)]:
                continue
            if token.ent_type_ and not (token.ent_iob_ == "B" and (token.i + 1 >= len(doc) or doc[token.i + 1].ent_iob_ != "I")):
                continue  # part of a longer name of something else
            if token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN":
                continue
            scope.person_of[(token.i, token.i + 1)] = person
            scope.add(Mention(token.i, token.i + 1, token.text, "PERSON", person.actor, "coref",
                              gender=person.gender, person=True))

    def _kb_people(self, full: str, surname: str | None, name: str) -> list[Person]:
        ids = self.kb.person_full.get(full)
        if ids:
            return [self.kb.people[i] for i in ids]
        if surname and len(name.split()) == 1:
            return [self.kb.people[i] for i in self.kb.person_surname.get(surname, [])]
        return []

    @staticmethod
    def _known(scope: Scope, full: str, surname: str | None, first: str | None, titled: bool,
               gender: str | None, single: bool) -> KnownPerson | None:
        for person in reversed(scope.people):
            if person.full == full:
                return person
        if single:
            for person in reversed(scope.people):
                if surname and person.surname == surname and (gender is None or person.gender in (None, gender)):
                    return person
            if titled:  # "Crown Prince Mohammed" after "Mohammed bin Salman"; "Mr. Kim" after "Kim Jong-un"
                for person in reversed(scope.people):
                    if person.first == full or person.full.split(" ")[0] == full:
                        return person
        return None

    # ---- pass 3: titles -------------------------------------------------------------------
    def _title_words(self, scope: Scope, token: Token) -> tuple[str | None, int, bool] | None:
        """(sector, words, found) of the longest lexicon entry ending at this noun, or starting
        at it and going on ("secretary of state", "head of state")."""
        lemmas = scope.lemmas
        i = token.i
        if lemmas[i] not in self.kb.title_edges:
            return None  # most nouns: no lexicon entry starts or ends with them
        hit = self.kb.sector_of(lemmas[max(0, i - self.kb.max_title_len + 1):i + 1])
        if hit is None:
            for n in range(min(self.kb.max_title_len, len(lemmas) - i), 1, -1):
                key = tuple(lemmas[i:i + n])
                if key in self.kb.sector_words:
                    return self.kb.sector_words[key], n, True
            return None
        return hit[0], hit[1], True

    def _title_mention(self, scope: Scope, head: Token) -> None:
        doc = scope.doc
        if head.dep_ in ("compound",) and head.head.pos_ in NOUN_POS and head.head.i > head.i:
            return  # a modifier ("policy" in "foreign policy adviser"): the real head decides
        if head.dep_ == "nmod" and head.head.ent_type_ == "PERSON":
            return  # a title before a name ("Secretary of State Marco Rubio"): the person pass
        if head.dep_ in ("compound", "amod") and head.head.ent_type_ == "PERSON":
            return
        found = self._title_words(scope, head)
        if found is None:
            return
        sector = found[0]
        # the noun phrase: its modifiers closest first, stopping at a conjunction ("X and Kyiv
        # police") and after any possessor that is a person ("Mr. Putin's adviser")
        left = head.i
        for t in reversed(list(head.lefts)):
            if t.dep_ not in NP_MODIFIER_DEPS:
                break
            left = t.left_edge.i
        if left < head.i:
            for t in doc[left:head.i]:
                if t.dep_ in ("cc", "conj") and t.head.i != head.i and t.head.pos_ in NOUN_POS:
                    left = t.i + 1  # coordinated nouns, not coordinated adjectives
        while left < head.i and (doc[left].is_punct or doc[left].dep_ == "cc"):
            left += 1
        right = head.i + 1
        # "secretary of state": keep a multiword title's words to the right
        for n in range(min(self.kb.max_title_len, len(doc) - head.i), 1, -1):
            if tuple(scope.lemmas[head.i:head.i + n]) in self.kb.sector_words:
                right = head.i + n
                break
        # a person named before the head is its possessor or a misparse, never part of the title
        for i in range(head.i - 1, left - 1, -1):
            m = scope.at(i)
            if m is not None and m.label == "PERSON":
                left = m.end
                while left < head.i and (doc[left].tag_ == "POS" or doc[left].is_punct):
                    left += 1
                break
        if scope.at(head.i) is not None and scope.at(head.i).label == "PERSON":
            return
        # an organisation name already resolved ("European Union", "Red Cross") stays as it is
        if scope.at(head.i) is not None and scope.at(head.i).label in ("ORG", "GPE"):
            return
        if head.ent_type_ in ("ORG", "GPE", "FAC", "PERSON", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT") and not self._head_is_generic(head):
            return

        # a contiguous name before the head that the parse did not attach ("Boko Haram gunmen")
        if left == head.i and head.i > 0:
            before = scope.at(head.i - 1)
            if before is not None and before.label in ("ORG", "GPE", "NORP") and before.end == head.i:
                left = before.start
        lemmas = {t.lemma_.lower() for t in doc[left:head.i]} | {t.lower_ for t in doc[left:head.i]}
        former = bool(lemmas & self.kb.former_words)
        sector = self._modifier_sector(doc, left, head, sector)
        if lemmas & self.kb.religious_words and sector in (None, "GOV", "CVL"):
            sector = "REL"  # "Muslim leaders", "a Jewish community leader"
        sources = self._sources(scope, head, left, right)
        actors: list[ActorRef] = []
        for src in sources:
            ref = self._title_ref(src, sector, former, head)
            if ref is not None and ref not in actors:
                actors.append(ref)
        if not actors:
            if sector is None and not former or scope.lemmas[head.i] in NEEDS_COUNTRY:
                return  # "the head", "both sides": nothing to say who
            actors = [_sector_only(sector if not former else "ELI")]
        plural = head.tag_ in ("NNS", "NNPS")
        text = doc[left:right].text
        scope.add(Mention(left, right, text, "TITLE", actors[0], "title",
                          actors=actors if len(actors) > 1 and plural else [], plural=plural))

    def _modifier_sector(self, doc: Doc, left: int, head: Token, sector: str | None) -> str | None:
        """A generic head takes the sector of its modifier: "intelligence agency officer" -> SPY,
        "police spokesman" -> COP."""
        if head.lemma_.lower() not in GENERIC_HEADS:
            return sector
        words = [t.lemma_.lower() for t in doc[left:head.i] if t.dep_ in ("compound", "amod", "nmod")]
        for n in range(min(len(words), self.kb.max_title_len), 0, -1):
            for k in range(len(words) - n + 1):
                found = self.kb.sector_words.get(tuple(words[k:k + n]))
                if found and found not in ("GOV", "ELI"):
                    return found
        return sector

    @staticmethod
    def _head_is_generic(head: Token) -> bool:
        return head.pos_ == "NOUN"

    def _sources(self, scope: Scope, head: Token, left: int, right: int) -> list[Mention]:
        """Mentions that give a title its country or institution, in priority order: possessor
        and modifiers ("Russia's", "Russian", "Kremlin"), then of/at/for phrases."""
        doc = scope.doc
        found: list[Mention] = []

        def take(m: Mention | None) -> None:
            if m is not None and m not in found and (m.actor is not None or m.actors):
                found.append(m)

        # possessor, including a possessor that is itself a title ("the prime minister's office")
        for t in head.lefts:
            if t.dep_ == "poss":
                take(scope.at(t.i) or self._poss_pronoun(scope, t))
        for i in range(left, head.i):
            m = scope.at(i)
            if m is None:
                t = doc[i]
                targets = scope.kb_spans.get((i, i + 1))
                if targets:
                    m = self._modifier_mention(scope, t, targets)
            take(m)
            # coordinated adjectives: "American and Russian officials"
        for t in doc[right:min(len(doc), right + 12)]:
            if t.dep_ == "prep" and t.head.i == head.i and t.lower_ in TITLE_PREPS:
                for obj in t.subtree:
                    if obj.i == t.i:
                        continue
                    m = scope.at(obj.i)
                    if m is None:
                        targets = scope.kb_spans.get((obj.i, obj.i + 1))
                        if targets:
                            m = self._modifier_mention(scope, obj, targets)
                    take(m)
        # an institution beats the topic of a fellowship ("fellow for Russia at the IISS")
        found.sort(key=lambda m: 0 if m.label == "ORG" and m.start > head.i else 1)
        return found

    def _modifier_mention(self, scope: Scope, token: Token, targets: list[Target]) -> Mention:
        target = self._pick(targets)
        if target.kind in ("capital", "city"):  # "Kyiv police", "Shanghai authorities"
            target = Target("state", target.key)
        actor = self.kb.ref(target if target.kind != "demonym" else Target("state", target.key), scope.when)
        kind = "org" if target.kind in ("org", "seat") else "state"
        return Mention(token.i, token.i + 1, token.text, "ORG" if kind == "org" else "GPE", actor,
                       "demonym" if target.kind == "demonym" else "kb")

    def _poss_pronoun(self, scope: Scope, token: Token) -> Mention | None:
        """"its chancellor" / "whose crown prince": the state or organisation referred to."""
        doc = scope.doc
        if token.lower_ == "whose":
            noun = token.head.head if token.head.dep_ != "relcl" else token.head.head
            while noun.dep_ == "relcl" or noun.pos_ not in NOUN_POS:
                if noun.head.i == noun.i:
                    break
                noun = noun.head
            for i in range(noun.left_edge.i, noun.i + 1):
                m = scope.at(i)
                if m is not None and m.label in ("GPE", "ORG"):
                    return m
            # relative clause attached to the verb: the nearest state before
        if token.lower_ in ("his", "her"):  # "his national security adviser": the last person before
            for i in range(token.i - 1, max(-1, token.i - 80), -1):
                m = scope.at(i)
                if m is not None and m.person and m.actor is not None:
                    return m
            return None
        if token.lower_ in ("its", "whose"):
            sent_start = 0
            if doc.has_annotation("SENT_START") and token.sent.start > 0:
                sent_start = doc[token.sent.start - 1].sent.start  # this sentence and the one before
            for i in range(token.i - 1, sent_start - 1, -1):
                m = scope.at(i)
                if m is not None and m.label in ("GPE", "ORG") and not m.plural and not m.locative:
                    return m
        return None

    def _title_ref(self, src: Mention, sector: str | None, former: bool, head: Token) -> ActorRef | None:
        """The actor a title gets from the mention that qualifies it (its possessor, modifier or
        of/at phrase): "Russia's" -> RUS + the title's sector; "Hamas's" -> Hamas's country and
        sector; "NATO's" -> IGO/NATO; "the prime minister's office" -> the prime minister."""
        actor = src.actor
        if actor is None:
            return None
        sector = "ELI" if former else sector
        if src.person:
            if head.lemma_.lower() == "office":
                return actor  # the office speaks for its holder
            return self._group(actor.country, sector or "GOV") if actor.country else None
        if actor.country == "IGO":
            return ActorRef(actor.id, actor.name, "IGO", "ELI" if former else actor.sector, actor.org)
        org = self.kb.orgs.get(actor.id)
        if org is not None:  # an official or member of a group gets its country and sector
            return ActorRef(actor.id, actor.name, actor.country, "ELI" if former else (actor.sector or sector), org.name)
        if actor.country is None:
            return None
        if sector is None:  # a neutral head ("the head of X"): X's own sector, if it has one
            return self._group(actor.country, actor.sector)
        if actor.sector and src.via == "metonym" and not former and (
                sector == "GOV" or head.lemma_.lower() in GENERIC_HEADS | {"president", "speaker"}):
            return self._group(actor.country, actor.sector)  # "a Pentagon official" -> MIL, "president of the Riigikogu" -> LEG
        return self._group(actor.country, sector)

    def _group(self, iso3: str, sector: str | None) -> ActorRef:
        state = self.kb.states.get(iso3)
        if state is None:
            return ActorRef(f"{iso3}-{sector}" if sector else iso3, iso3, iso3, sector, None)
        return state.ref(sector)

    # ---- pass 4: roles of people read from the text -----------------------------------------
    def _role_from_text(self, scope: Scope, span: Span, person: KnownPerson) -> None:
        doc = scope.doc
        root = span.root
        role: ActorRef | None = None
        titles: list[Mention] = []
        # apposition either way: "Sergey Lavrov, Russia's foreign minister" / "a Kremlin official, Yuri Ushakov"
        for t in root.children:
            if t.dep_ == "appos":
                m = scope.at(t.i)
                if m is not None and m.label == "TITLE":
                    titles.append(m)
        if root.dep_ == "appos":
            m = scope.at(root.head.i)
            if m is not None and m.label == "TITLE":
                titles.append(m)
        # "Prince Faisal bin Farhan, the foreign minister; and Musaed al-Aiban, ..." : conjuncts
        group: Mention | None = None
        node = root
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        if node.dep_ == "appos":
            gm = scope.at(node.head.i)
            if gm is not None and gm.label == "TITLE" and gm.plural:
                group = gm
            elif gm is not None and gm.label == "TITLE" and node is not root:
                titles.append(gm)
        # a title just before the name ("Secretary of State Marco Rubio", "French Foreign Minister X")
        pre = self._pre_title(scope, span)
        if pre is not None:
            titles.insert(0, pre)
        # "President Emmanuel Macron of France": of + country after the name
        after_country: ActorRef | None = None
        for t in root.children:
            if t.dep_ == "prep" and t.lower_ == "of" and t.i >= span.end:
                for obj in t.children:
                    m = scope.at(obj.i)
                    if m is not None and m.actor is not None and m.label in ("GPE", "ORG"):
                        after_country = m.actor
        for m in self._window_appositions(scope, span):
            if m not in titles:
                titles.append(m)
        for office in self._offices_of(scope, titles):
            person.offices.add(office)
        if person.actor is None:
            role = self._role(person, titles, after_country, group)
            if role is None:
                return
            person.actor = role
            for (s, e), p in scope.person_of.items():
                if p is person and (s, e) in scope.mentions:
                    scope.mentions[(s, e)].actor = role
                    scope.mentions[(s, e)].via = "title" if pre is not None and (s, e) == (span.start, span.end) else "apposition"
        for m in titles:  # the apposed title is the same person ("Russia's foreign minister, Sergey Lavrov")
            if m is not pre and not m.plural and (m.start, m.end) in scope.mentions:
                m.actor, m.via, m.person, m.gender = person.actor, "apposition", True, person.gender
        if pre is not None and person.actor is not None:  # "Secretary of State" in "Secretary of State Marco Rubio"
            pre.actor, pre.person, pre.gender = person.actor, True, person.gender
            scope.add(pre)

    @staticmethod
    def _role(person: KnownPerson, titles: list[Mention], after_country: ActorRef | None,
              group: Mention | None) -> ActorRef | None:
        country = org = sector = None
        for m in titles:
            actor = m.actor
            if actor is None:
                continue
            if sector is None and actor.sector is not None:
                sector = actor.sector
            if country is None and actor.country is not None:
                country, org = actor.country, actor.org
        if after_country is not None and after_country.country and country is None:
            country = after_country.country
            if after_country.country == "IGO":
                org = after_country.org
        if country is None and group is not None and group.actor is not None:
            country = group.actor.country
            sector = sector or group.actor.sector
        if country is None and sector is None:
            return None
        return ActorRef(slug(person.name), person.name, country, sector, org)

    @staticmethod
    def _window_appositions(scope: Scope, span: Span) -> list[Mention]:
        """Titles set off by commas next to a name, when the parse missed the apposition."""
        doc = scope.doc
        found = []
        e = span.end
        if e < len(doc) and doc[e].text == ",":
            i = e + 1
            while i < len(doc) and i < e + 8:
                m = scope.at(i)
                if m is not None and m.label == "TITLE":
                    if m.end >= len(doc) or doc[m.end].is_punct or doc[m.end].lower_ in ("of", "at", "for", "in"):
                        found.append(m)
                    break
                if m is not None and m.label in ("GPE", "ORG", "PERSON"):
                    i = m.end
                    if i < len(doc) and doc[i].tag_ == "POS":
                        i += 1
                    continue
                if doc[i].pos_ in ("DET", "ADJ", "PART") or doc[i].tag_ == "POS":
                    i += 1
                    continue
                break
        s = span.start
        if s >= 2 and doc[s - 1].text == ",":
            m = scope.at(s - 2)
            if m is not None and m.label == "TITLE" and (m.start == 0 or doc[m.start - 1].is_punct or doc[m.start].is_sent_start
                                                          or doc[m.start - 1].pos_ in ("VERB", "ADP", "CCONJ")):
                found.append(m)
        return found

    def _offices_of(self, scope: Scope, titles: list[Mention]) -> set[str]:
        offices = set()
        for m in titles:
            lemmas = [t.lemma_.lower() for t in scope.doc[m.start:m.end]]
            office = self.kb.office_of(lemmas)
            if office:
                offices.add(office)
        return offices

    def _pre_title(self, scope: Scope, span: Span) -> Mention | None:
        """Title words right before a name, read as a title mention of their own."""
        doc = scope.doc
        i = span.start - 1
        words: list[Token] = []
        while i >= 0:
            t = doc[i]
            low = t.lower_
            if t.is_punct and low not in (".",) or t.ent_type_ == "PERSON":
                break
            if t.is_title or t.is_upper or low in ("of", "for", "the") or low in RANKS or t.tag_ == "POS":
                if low == "the" or (t.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "SCONJ", "ADV", "DET", "PRON")
                                    and low not in ("of", "for") and low not in RANKS):
                    break
                words.insert(0, t)
                i -= 1
                if i >= 0 and doc[i].tag_ == "POS":
                    continue
                continue
            break
        while words and words[0].lower_ in ("of", "for") or words and words[0].tag_ == "POS":
            words = words[1:]
        if not words:
            return None
        lemmas = [t.lemma_.lower() for t in words if t.lower_ not in HONORIFICS or t.lower_ in (
            "president", "prime", "minister", "chancellor", "secretary", "king", "queen", "emir", "prince", "crown", "sheikh")]
        sector = None
        for n in range(len(lemmas), 0, -1):  # the longest entry, the rightmost (the head) first
            for k in range(len(lemmas) - n, -1, -1):
                key = tuple(lemmas[k:k + n])
                if key in self.kb.sector_words and self.kb.sector_words[key] is not None:
                    sector = self.kb.sector_words[key]
                    break
            if sector:
                break
        if any(t.lower_ in RANKS for t in words):
            sector = "MIL"
        if sector is None and any(t.lower_ in ROYAL or t.lower_ == "crown" for t in words):
            sector = "GOV"
        country = None
        org = None
        for t in words:
            m = scope.at(t.i)
            targets = scope.kb_spans.get((t.i, t.i + 1))
            if m is None and targets:
                m = self._modifier_mention(scope, t, targets)
            if m is not None and m.actor is not None and m.actor.country:
                ref = self._title_ref(m, sector, False, t)
                if ref is not None:
                    country, org = ref.country, ref.org
                    if m.label == "ORG" and ref.sector:
                        sector = ref.sector if sector in (None, "GOV") or ref.country == "IGO" else sector
                    break
        if sector is None and country is None:
            return None
        start = words[0].i
        for j in range(start, span.start):  # title words absorb a state named inside them ("US Senator")
            m = scope.at(j)
            if m is not None and m.label in ("GPE", "ORG", "NORP", "TITLE"):
                if m.label != "TITLE" and m not in scope.absorbed:
                    scope.absorbed.append(m)
                scope.remove(m)
        # a provisional actor: the role it gives; the person's own actor replaces it
        return Mention(start, span.start, doc[start:span.start].text, "TITLE",
                       ActorRef("", "", country, sector, org), "title")

    # ---- other entities -------------------------------------------------------------------
    def _entity_mention(self, scope: Scope, ent: Span) -> None:
        targets = self.kb.lookup(ent.text)
        if targets and not any(t.kind == "person" for t in targets):
            if not any(scope.at(i) for i in range(ent.start, ent.end)):
                self._add_kb_mention(scope, ent, targets)
            return
        if ent.label_ != "ORG":
            return
        # an unknown organisation named for what it is: "Chile's Ministry of Mines", "Kano State government"
        words = [t.lemma_.lower() for t in ent]
        sector = None
        for n in range(len(words), 0, -1):
            for k in range(len(words) - n + 1):
                key = tuple(words[k:k + n])
                if self.kb.sector_words.get(key):
                    sector = self.kb.sector_words[key]
                    break
            if sector:
                break
        country = None
        for t in list(ent) + [c for c in ent.root.lefts if c.dep_ == "poss"]:
            targets = scope.kb_spans.get((t.i, t.i + 1)) or []
            for target in targets:
                if target.kind in ("state", "demonym", "capital", "city"):
                    country = target.key
        if country is None:
            return
        scope.add(Mention(ent.start, ent.end, ent.text, "ORG", self._group(country, sector), "name"))

    # ---- pass 5: who holds a title ----------------------------------------------------------
    def _title_holder(self, scope: Scope, m: Mention) -> None:
        if m.plural or m.actor is None:
            return
        doc = scope.doc
        lemmas = [t.lemma_.lower() for t in doc[m.start:m.end]]
        if lemmas and lemmas[0] in ("a", "an", "another") or set(lemmas) & self.kb.former_words:
            return
        office = self.kb.office_of(lemmas)
        if office is None:
            return
        head = doc[m.end - 1]
        scope_end = max([m.end] + [c.right_edge.i + 1 for c in head.rights if c.dep_ == "prep"])
        for (s, e), targets in scope.kb_spans.items():  # "president of the Riigikogu" is no head of state
            if m.start <= s < scope_end and any(t.kind in ("seat", "org") for t in targets):
                return
        country = m.actor.country
        # the holder this article introduced, most recently mentioned before the title
        last_seen: dict[int, int] = {}
        for (s, _), p in scope.person_of.items():
            if s < m.start:
                last_seen[id(p)] = max(last_seen.get(id(p), -1), s)
        candidates = [p for p in scope.people if id(p) in last_seen and p.actor is not None
                      and office in p.offices and (country is None or p.actor.country == country)]
        if candidates:
            person = max(candidates, key=lambda p: last_seen[id(p)])
            m.actor, m.via, m.person, m.gender = person.actor, "title", True, person.gender
            self._office_of_holder(scope, m)
            return
        if country is None:
            return
        holders = self.kb.holders(office, country, scope.day)
        if len(holders) == 1:
            m.actor, m.via, m.person, m.gender = holders[0].ref_at(scope.when), "title", True, holders[0].gender
            self._office_of_holder(scope, m)

    @staticmethod
    def _office_of_holder(scope: Scope, m: Mention) -> None:
        """"the prime minister's office" speaks for the prime minister."""
        doc = scope.doc
        if m.end + 1 < len(doc) and doc[m.end].tag_ == "POS":
            office = scope.at(m.end + 1)
            if office is not None and office.label == "TITLE" and doc[office.end - 1].lemma_ == "office":
                office.actor, office.via = m.actor, "title"


def _dateline(span: Span) -> bool:
    """"WASHINGTON —" opening a story: where it was filed."""
    doc = span.doc
    return span.text.isupper() and (span.start == 0 or doc[span.start - 1].is_space or doc[span.start].is_sent_start) \
        and span.end < len(doc) and doc[span.end].text in ("—", "–", "-", "(", ",", ":")


def _inside_other_name(span: Span) -> bool:
    """Part of a longer name of an organisation, building, work or event."""
    for ent in span.doc.ents:
        if ent.start <= span.start and span.end <= ent.end and (ent.start, ent.end) != (span.start, span.end):
            return ent.label_ in ("ORG", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW")
    return False


def _is_locative(token: Token) -> bool:
    node = token
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ in LOCATIVE_PREPS:
        return True
    if node.dep_ == "appos" and node.head.dep_ == "pobj" and node.head.head.lower_ in LOCATIVE_PREPS:
        return True
    return False


def _sector_only(sector: str | None) -> ActorRef:
    """A group known only by what it is ("soldiers", "militants"): no country is guessed."""
    return ActorRef(sector or "UNK", SECTOR_NOUN.get(sector or "UNK", sector or "unknown"), None, sector, None)
