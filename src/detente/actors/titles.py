"""Titles: noun phrases headed by a title or group word ("Russia's foreign minister",
"Senior American and Russian officials", "the Kremlin foreign policy adviser"), the country and
sector their modifiers give them, and the holder of an office named alone ("the vice president")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from detente.actors.kb import SECTOR_NOUN, Target
from detente.actors.mention import Mention
from detente.actors.scope import (
    GENERIC_HEADS,
    INSTITUTIONS,
    NEEDS_COUNTRY,
    NOUN_POS,
    NP_MODIFIER_DEPS,
    TITLE_PREPS,
    Scope,
    in_org_name,
    office_words,
    sector_only,
)
from detente.model import ActorRef

# Sectors an international organisation's people keep as their own (CAMEO's EURLEG, NATMIL):
# the organisation's legislators, judges, soldiers and police are not its secretariat.
_IGO_OWN_SECTORS = frozenset({"LEG", "JUD", "MIL", "COP"})


# Words that make a state a group's sponsor, not its country: "pro-Russian", "Iranian-backed".
_SPONSOR_BEFORE = frozenset({"pro", "anti"})
_SPONSOR_AFTER = frozenset({"backed", "allied", "aligned", "supported", "funded", "armed", "trained", "leaning",
                            "controlled", "installed", "sponsored"})


def _sponsored(doc: Doc, start: int, end: int) -> bool:
    """A state named as the sponsor or opponent of a group, not as its country."""
    if start >= 2 and doc[start - 1].text in ("-", "‐") and doc[start - 2].lower_ in _SPONSOR_BEFORE:
        return True
    if start >= 1 and doc[start - 1].lower_ in ("pro-", "anti-"):
        return True
    return end + 1 < len(doc) and doc[end].text in ("-", "‐") and doc[end + 1].lower_ in _SPONSOR_AFTER


def _seat_elsewhere(kb, targets) -> bool:
    """A seat that names a legislature or court ("the Riigikogu", "the Knesset"), whose own
    officers are no state office holders; a seat of government ("Kremlin") is the state's."""
    return any(t.kind == "seat" and t.sector not in ("GOV", "MIL") for t in targets)


class TitlePass:
    """The title passes of `Resolver` (uses its `kb` and `_pick`)."""

    # ---- pass 3: titles -------------------------------------------------------------------
    def _title_words(self, scope: Scope, token: Token) -> tuple[str | None, int, bool] | None:
        """(sector, words, found) of the longest lexicon entry ending at this noun, or starting
        at it and going on ("secretary of state", "head of state")."""
        lemmas = scope.lemmas
        i = token.i
        if lemmas[i] not in self.kb.title_edges:
            return None  # most nouns: no lexicon entry starts or ends with them
        hit = self.kb.sector_of(lemmas[max(0, i - self.kb.max_title_len + 1):i + 1])
        # a longer entry starting here wins: "chief of staff" (MIL) over "chief" (neutral)
        for n in range(min(self.kb.max_title_len, len(lemmas) - i), 1, -1):
            key = tuple(lemmas[i:i + n])
            if key in self.kb.sector_words and (hit is None or n > hit[1]):
                return self.kb.sector_words[key], n, True
        if hit is None:
            return None
        return hit[0], hit[1], True

    def _title_mention(self, scope: Scope, head: Token) -> None:
        doc = scope.doc
        inside = scope.at(head.i)
        if inside is not None and inside.label == "TITLE" and inside.start < head.i:
            return  # "staff" in "the White House chief of staff": part of a longer title already
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
            actors = [sector_only(sector if not former else "ELI")]
        plural = head.tag_ in ("NNS", "NNPS")
        text = doc[left:right].text
        # "the Republican nominee", "a senior official": one person, even if only a group is known
        one_person = not plural and scope.lemmas[head.i] not in INSTITUTIONS
        scope.add(Mention(left, right, text, "TITLE", actors[0], "title",
                          actors=actors if len(actors) > 1 and plural else [], plural=plural, person=one_person))

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
        i = left
        while i < head.i:
            m = scope.at(i)
            end = i + 1
            if m is None:
                # the longest KB name starting here: "North Korean troops", "South African police"
                span = max(((s, e) for (s, e) in scope.kb_spans if s == i and e <= head.i), default=None,
                           key=lambda se: se[1])
                if span is not None:
                    end = span[1]
                    m = self._modifier_mention(scope, doc[i], scope.kb_spans[span], end)
            if m is None or not _sponsored(doc, m.start, m.end):
                take(m)  # "pro-Russian separatists", "Iranian-backed militias": not that state's
            i = max(end, m.end if m is not None else end)
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

    def _modifier_mention(self, scope: Scope, token: Token, targets: list[Target], end: int | None = None) -> Mention:
        target = self._pick(targets)
        end = end or token.i + 1
        if target.kind in ("capital", "city"):  # "Kyiv police", "Shanghai authorities"
            target = Target("state", target.key)
        actor = self.kb.ref(target if target.kind != "demonym" else Target("state", target.key), scope.when)
        kind = "org" if target.kind in ("org", "seat") else "state"
        return Mention(token.i, end, scope.doc[token.i:end].text, "ORG" if kind == "org" else "GPE", actor,
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
            # "Mr. Netanyahu's office", "the prime minister's spokesman": his government, not him
            return self._group(actor.country, sector or "GOV") if actor.country else None
        if actor.country == "IGO":  # "NATO's secretary general" is IGO; "EU legislators" LEG, "NATO troops" MIL
            if sector in _IGO_OWN_SECTORS and not former:
                return ActorRef(f"{actor.org or actor.id}-{sector}", f"{actor.org or actor.name} {SECTOR_NOUN[sector]}",
                                "IGO", sector, actor.org)
            return ActorRef(actor.id, actor.name, "IGO", "ELI" if former else actor.sector, actor.org)
        org = self.kb.orgs.get(actor.id)
        if org is not None:  # an official or member of a group gets its country and sector
            return ActorRef(actor.id, actor.name, actor.country, "ELI" if former else (actor.sector or sector), org.name)
        if actor.country is None:
            return None
        if sector is None:  # a neutral head ("the head of X"): X's own sector, if it has one
            return self._group(actor.country, actor.sector)
        if actor.sector and src.via in ("metonym", "name") and not former and (
                sector == "GOV" or head.lemma_.lower() in GENERIC_HEADS | {"president", "speaker"}):
            return self._group(actor.country, actor.sector)  # "a Pentagon official" -> MIL, "president of the Riigikogu" -> LEG
        return self._group(actor.country, sector)

    def _group(self, iso3: str, sector: str | None) -> ActorRef:
        state = self.kb.states.get(iso3)
        if state is None:
            return ActorRef(f"{iso3}-{sector}" if sector else iso3, iso3, iso3, sector, None)
        return state.ref(sector)

    # ---- pass 5: who holds a title ----------------------------------------------------------
    def _title_holder(self, scope: Scope, m: Mention) -> None:
        if m.plural or m.actor is None:
            return
        doc = scope.doc
        lemmas = office_words(scope, m.start, m.end, self.kb)
        if lemmas and lemmas[0] in ("a", "an", "another") or set(lemmas) & self.kb.former_words:
            return
        found = self.kb.office_match(lemmas)
        if found is None:
            return
        office, _, office_end = found
        head = doc[m.end - 1]
        # "the Israeli prime minister's office": the office phrase is not the head, so the
        # mention is the holder's government, never the holder
        of_office = office_end < len(lemmas)
        scope_end = max([m.end] + [c.right_edge.i + 1 for c in head.rights if c.dep_ == "prep"])
        igo: str | None = None  # "NATO's secretary general": the IGO whose office it is
        for (s, e), targets in scope.kb_spans.items():  # "president of the Riigikogu" is no head of state
            if not m.start <= s < scope_end:
                continue
            if any(t.kind == "seat" for t in targets) and e <= head.i and not _seat_elsewhere(self.kb, targets):
                continue  # "the Kremlin aide", "the White House chief of staff": the state's own seat
            orgs = [self.kb.orgs[t.key] for t in targets if t.kind == "org" and t.key in self.kb.orgs]
            if orgs and orgs[0].kind == "igo" and m.actor.country == "IGO":
                igo = orgs[0].id
                continue
            if any(t.kind in ("seat", "org") for t in targets):
                return
        if any(in_org_name(scope, t, self.kb) for t in doc[m.end:scope_end]):
            return  # "president of the Chadian Human Rights League": an organisation's office
        country = m.actor.country
        # the holder this article introduced, most recently mentioned before the title
        last_seen: dict[int, int] = {}
        for (s, _), p in scope.person_of.items():
            if s < m.start:
                last_seen[id(p)] = max(last_seen.get(id(p), -1), s)
        candidates = [p for p in scope.people if id(p) in last_seen and p.actor is not None
                      and office in p.offices and (country is None or p.actor.country == country)]
        holder: ActorRef | None = None
        gender = None
        if candidates:
            person = max(candidates, key=lambda p: last_seen[id(p)])
            holder, gender = person.actor, person.gender
        elif country is not None:
            holders = self.kb.holders(office, country, scope.day)
            igo = igo or (m.actor.org if country == "IGO" else None)  # "the U.N. secretary general"
            if igo is not None:
                names = {igo, self.kb.orgs[igo].name} if igo in self.kb.orgs else {igo}
                holders = [p for p in holders if (p.role_at(scope.day).org or "") in names]
            if len(holders) == 1:
                holder, gender = holders[0].ref_at(scope.when), holders[0].gender
        if holder is None:
            return
        if of_office:
            if holder.country:
                m.actor, m.via = self._government_of(holder), "title"
            return
        m.actor, m.via, m.person, m.gender = holder, "title", True, gender
        self._office_of_holder(scope, m)

    def _government_of(self, holder: ActorRef) -> ActorRef:
        """The body an office holder's office speaks for: their state's government, or their
        international organisation."""
        if holder.country == "IGO":
            return ActorRef(holder.org or "IGO", holder.org or "IGO", "IGO", "IGO", holder.org)
        return self._group(holder.country, "GOV")

    def _office_of_holder(self, scope: Scope, m: Mention) -> None:
        """"the prime minister's office" speaks for the government of the prime minister's
        state, never for the person."""
        doc = scope.doc
        if m.end + 1 < len(doc) and doc[m.end].tag_ == "POS" and m.actor is not None and m.actor.country:
            office = scope.at(m.end + 1)
            if office is not None and office.label == "TITLE" and office.start > m.start:
                office.actor, office.via = self._government_of(m.actor), "title"
        # "a spokesman for the prime minister", "an aide to the president": that government
        prep = doc[m.start].head if doc[m.start].dep_ == "pobj" else doc[m.end - 1].head
        if prep.dep_ == "prep" and prep.lower_ in ("for", "to", "of") and m.actor is not None and m.actor.country:
            outer = scope.at(prep.head.i)
            if outer is not None and outer.label == "TITLE" and outer is not m and outer.actor is not None \
                    and outer.actor.country is None and not outer.plural:
                outer.actor, outer.via = self._government_of(m.actor), "title"
