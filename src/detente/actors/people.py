"""People: names resolved through the KB and in-document coreference, and the roles of
unknown people read from their titles and appositions ("Pemberton Quayle, professor at
King's College London" -> GBR, EDU)."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from detente.actors.kb import Person, is_particle_surname, name_key, person_keys
from detente.actors.mention import Mention
from detente.actors.scope import COURTESY, HONORIFICS, RANKS, ROYAL, KnownPerson, Scope, in_org_name, office_words, slug
from detente.model import ActorRef


# "(D-N.Y.)", "(R-Wis.)", "(Vt.)" after a name: the American way of giving a party and state.
US_PARTY_STATE = re.compile(r"^\s*\((?:([DRI])[-–]\s?)?[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?\)")
US_PARTIES = {"D": "USDEMOCRATS", "R": "USREPUBLICANS"}


class PeoplePass:
    """The people passes of `Resolver` (uses its `kb` and the title helpers of `TitlePass`)."""

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
        # an honorific just before the entity ("Mr. Putin" with "Mr." outside it)
        before = [t.lower_ for t in doc[max(0, start - 3):start]]
        if before and before[-1] in HONORIFICS:
            honorific = honorific or before[-1]
        gender = HONORIFICS.get(honorific) if honorific else None
        full, surname, first = person_keys(name)
        royal = bool(set(before) & ROYAL)

        single = len(name.split()) == 1 or is_particle_surname(name)
        known = self._known(scope, full, surname, first, royal or honorific is not None, gender, single)
        via = "coref" if known is not None else "name"
        if known is None:
            people = self._kb_people(full, surname, name)
            if single and len(people) > 1:
                # a surname several people share: the one in office on the article's date
                people = [p for p in people if p.role_at(scope.day) is not None]
            if len(tokens) == 1 and honorific is None and not royal and people and not self._lone_name_is_a_name(
                    tokens[0], people[0], scope):
                people = []
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
        known.last = start
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
            person.last = max(person.last, token.i)
            scope.person_of[(token.i, token.i + 1)] = person
            scope.add(Mention(token.i, token.i + 1, token.text, "PERSON", person.actor, "coref",
                              gender=person.gender, person=True))

    # Offices whose holder the press names by surname alone even when it is a common word.
    _LEADING_OFFICES = frozenset({"head_of_state", "head_of_government", "supreme_leader"})

    def _lone_name_is_a_name(self, token: Token, person: Person, scope: Scope) -> bool:
        """Whether a lone word the KB knows as a surname names that person here. A first name
        ("Dan") or an everyday word ("Rice prices rose", "Hunt for the gunmen") only does when
        the person has led a state ("Trump said")."""
        word = token.lower_
        if word not in self.kb.first_names and word not in self.common_words:
            return True
        return any(role.office in self._LEADING_OFFICES for role in person.roles)

    def _kb_people(self, full: str, surname: str | None, name: str) -> list[Person]:
        ids = self.kb.person_full.get(full)
        if ids:
            return [self.kb.people[i] for i in ids]
        if surname and (len(name.split()) == 1 or is_particle_surname(name)):
            return [self.kb.people[i] for i in self.kb.person_surname.get(surname, [])]
        return []

    @staticmethod
    def _known(scope: Scope, full: str, surname: str | None, first: str | None, titled: bool,
               gender: str | None, single: bool) -> KnownPerson | None:
        """The person of this document a name refers to: the same full name, else (for a lone
        name) the most recently mentioned person with that surname or, after a title, that
        given name ("Crown Prince Mohammed" after "Mohammed bin Salman", "Mr. Kim")."""
        recent = sorted(scope.people, key=lambda p: p.last, reverse=True)
        for person in recent:
            if person.full == full:
                return person
        if not single:
            return None
        for person in recent:
            if surname and person.surname == surname and (gender is None or person.gender in (None, gender)):
                return person
        if titled:
            for person in recent:
                if person.first == full or person.full.split(" ")[0] == full:
                    return person
        return None

    # ---- pass 4: roles of people read from the text -----------------------------------------
    def _role_from_text(self, scope: Scope, span: Span, person: KnownPerson) -> None:
        doc = scope.doc
        root = span.root
        role: ActorRef | None = None
        titles: list[Mention] = []
        # apposition either way: "Sergey Lavrov, Russia's foreign minister" / "a Kremlin official, Yuri Ushakov"
        party: Mention | None = None
        for t in root.children:
            if t.dep_ == "appos":
                m = scope.at(t.i)
                if m is not None and m.label == "TITLE":
                    titles.append(m)
                elif m is not None and m.label == "ORG" and m.actor is not None and m.actor.country:
                    party = m  # "Dianne Feinstein, Democrat of California": a member of the group
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
        if party is None and person.actor is None:
            match = US_PARTY_STATE.match(doc.text[span.end_char:span.end_char + 16])
            if match:
                org = self.kb.orgs.get(US_PARTIES.get(match.group(1) or "", ""))
                party = Mention(span.end, span.end, match.group(0).strip(), "ORG",
                                org.ref_at(scope.when) if org else self._group("USA", None), "kb")
        role = None
        unknown = person.actor is None
        if unknown:
            role = self._role(person, titles, after_country, group, party)
            if role is None:
                return
        elif pre is not None and self._title_outranks(person.actor, pre.actor, dated=scope.when is not None):
            # "Foreign Minister Park Jin" in an undated article, or a KB whose roles start too
            # late: the title the text gives is the role at the article's time
            t = pre.actor
            role = ActorRef(person.actor.id, person.actor.name, t.country or person.actor.country, t.sector,
                            t.org if t.country == (t.country or person.actor.country) and t.org else person.actor.org)
        if role is not None:
            person.actor = role
            for (s, e), p in scope.person_of.items():
                if p is person and (s, e) in scope.mentions:
                    scope.mentions[(s, e)].actor = role
                    if unknown:
                        scope.mentions[(s, e)].via = "title" if pre is not None and (s, e) == (span.start, span.end) else "apposition"
        for m in titles:  # the apposed title is the same person ("Russia's foreign minister, Sergey Lavrov")
            if m is not pre and not m.plural and (m.start, m.end) in scope.mentions:
                m.actor, m.via, m.person, m.gender = person.actor, "apposition", True, person.gender
                scope.linked.add((m.start, m.end))
        if pre is not None and person.actor is not None:  # "Secretary of State" in "Secretary of State Marco Rubio"
            pre.actor, pre.person, pre.gender = person.actor, True, person.gender
            scope.add(pre)
            scope.linked.add((pre.start, pre.end))

    @staticmethod
    def _title_outranks(known: ActorRef, title: ActorRef | None, dated: bool) -> bool:
        """A present title before a name says more than a KB that has the person in no office
        at the article's date, as long as it names no other state. In a dated article a KB
        that has them out of office (ELI) wins: "President Barack Obama" in a 2025 article is a
        past president recalled ("then-" or not)."""
        if title is None or title.sector in (None, "ELI") or known.sector not in (None, "ELI"):
            return False
        if dated and known.sector == "ELI":
            return False
        return title.country is None or known.country is None or title.country == known.country

    @staticmethod
    def _role(person: KnownPerson, titles: list[Mention], after_country: ActorRef | None,
              group: Mention | None, party: Mention | None = None) -> ActorRef | None:
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
        if party is not None and party.actor is not None:
            country = country or party.actor.country
            sector = sector or party.actor.sector
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
            office = self.kb.office_of(office_words(scope, m.start, m.end, self.kb))
            if office:
                offices.add(office)
        return offices

    def _pre_title(self, scope: Scope, span: Span) -> Mention | None:
        """Title words right before a name, read as a title mention of their own."""
        doc = scope.doc
        i = span.start - 1
        words: list[Token] = []
        # capitalised title words, "of"/"for" and possessives, back to anything else
        # ("Secretary of State", "UK Defence Secretary", "Lt. Gen.", "Russia's Foreign Minister")
        while i >= 0:
            t = doc[i]
            low = t.lower_
            if t.is_punct and low != "." or t.ent_type_ == "PERSON" and low not in HONORIFICS:
                break  # a title the tagger took into the name ("professor Jane Moss") is still read
            # a lowercase title word right before the name ("Harvard professor Jane Moss")
            # ("the former army general Jan Kowal")
            head_word = t.pos_ in ("NOUN", "ADJ") and (self.kb.sector_words.get((t.lemma_.lower(),)) is not None
                                                        or low in self.kb.former_words) \
                and all(not w.is_title or w.lower_ in self.kb.former_words for w in words)
            if not (t.is_title or t.is_upper or low in ("of", "for") or low in RANKS or t.tag_ == "POS" or head_word):
                break
            if t.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "SCONJ", "ADV", "DET", "PRON") and low not in ("of", "for") \
                    and low not in RANKS:
                break  # "Yet", "On", "The" opening the sentence
            words.insert(0, t)
            i -= 1
        while words and words[0].lower_ in ("of", "for") or words and words[0].tag_ == "POS":
            words = words[1:]
        if not words:
            return None
        lemmas = [t.lemma_.lower() for t in words if t.lower_ not in COURTESY]
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
        first = words[0].i
        then = first >= 2 and doc[first - 1].text in ("-", "‐") and doc[first - 2].lower_ == "then"
        if any(t.lower_ in self.kb.former_words for t in words) or then:
            sector = "ELI"  # "former Defense Minister X", "then-President X": a former elite now
        if sector is None and any((t.lower_ in ROYAL or t.lower_ == "crown") and not in_org_name(scope, t, self.kb) for t in words):
            sector = "GOV"
        country = None
        org = None
        for t in words:
            m = scope.at(t.i)
            targets = scope.kb_spans.get((t.i, t.i + 1))
            if m is None and targets:
                m = self._modifier_mention(scope, t, targets)
                # its entity ("Russian" in "Russian President Vladimir Putin") keeps the state
                scope.absorbed.append(m)
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
