"""Mention resolution over one parsed Doc: names, titles, metonyms, demonyms and roles read
from the text. Pronouns are resolved afterwards (`coref.py`).

The order of the passes matters, and is the only place it is decided:
1. knowledge-base names (one PhraseMatcher, built at construction) and spaCy's entities;
2. people: KB, in-document name coreference ("Mr. Putin" after "Vladimir V. Putin");
3. title noun phrases ("Russia's foreign minister", "Senior American and Russian officials");
4. roles of unknown people read from their titles and appositions;
5. titles alone that name an office whose holder the article or the KB knows;
6. bare group nouns ("militants", "the group") as the group the article has named (`groups.py`).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from detente.actors.groups import GroupCoref
from detente.actors.kb import KnowledgeBase, Target, as_day, name_key
from detente.actors.mention import Mention
from detente.actors.people import PeoplePass
from detente.actors.scope import (
    LABEL_OF_KIND,
    NOUN_POS,
    Scope,
    inside_other_name,
    is_dateline,
    is_locative,
    sector_only,
)
from detente.actors.titles import TitlePass


def common_words(nlp: Language) -> frozenset[str]:
    """English nouns, verbs and adjectives the pipeline's lemmatizer knows ("rice", "hunt"):
    a lone name that is also such a word needs more than a knowledge-base hit."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = nlp.get_pipe("lemmatizer").lookups
    if not lookups.has_table("lemma_index"):
        return frozenset()
    index = lookups.get_table("lemma_index")
    return frozenset(w for pos in ("noun", "verb", "adj") for w in index.get(pos, []))


class Resolver(PeoplePass, TitlePass):
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
        self.groups = GroupCoref(nlp, kb)
        self.common_words = common_words(nlp)

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
            if all(t.only_as for t in targets) and not any(_tagged_as(span, t.only_as) for t in targets):
                continue  # "Jordan" the first name, "a democratic vote"
            kinds = {t.kind for t in targets}
            if "person" not in kinds and any(i in in_person for i in range(span.start, span.end)):
                exact = [e for e in person_ents if e.start == span.start and (
                    e.end == span.end or e.end == span.end + 1 and doc[span.end].tag_ == "POS")]
                if not exact or kinds <= {"demonym"}:
                    continue
                person_ents.remove(exact[0])
                in_person.difference_update(range(span.start, span.end))
            scope.kb_spans[(span.start, span.end)] = targets
            if kinds <= {"capital", "city"} and inside_other_name(span):
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
            # A lone capitalised word is a surname only when tagged a proper noun that names
            # something itself: "Rice prices rose" or "Power was restored" name no one.
            # A common noun counts only when the tagger makes it a name of its own ("Trump" tagged ORG).
            if (token.is_title and len(token.text) > 3 and token.i not in in_person
                    and (token.pos_ == "PROPN" or token.pos_ == "NOUN" and token.ent_iob_ == "B"
                         and (token.i + 1 >= len(doc) or doc[token.i + 1].ent_iob_ != "I"))
                    and token.dep_ != "compound" and token.lower_ not in self.kb.first_names
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
            if m.label == "TITLE" and m.via == "title" and (m.start, m.end) not in scope.linked:
                self._title_holder(scope, m)
        # 6. "militants" after Hamas has been named
        self.groups(scope)
        return sorted(scope.mentions.values(), key=lambda m: m.start), scope.absorbed

    def _add_kb_mention(self, scope: Scope, span: Span, targets: list[Target]) -> Mention | None:
        target = self._pick(targets)
        doc = scope.doc
        if target.kind == "seat" and self._other_country_before(scope, span, target.key):
            return None  # "Chile's Defense Department": a generic institution name of another state
        locative = target.kind in ("state", "capital", "city") and (is_locative(span.root) or is_dateline(span))
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

    # ---- other entities -------------------------------------------------------------------
    def _entity_mention(self, scope: Scope, ent: Span) -> None:
        # by a folded form only when written as a name, and ambiguous forms only as tagged
        targets = [t for t in self.kb.lookup(ent.text) if not t.only_as or _tagged_as(ent, t.only_as)]
        if not ent.text[:1].isupper():
            targets = [t for t in targets if ent.text in self.kb.surface]
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
        # a place named inside the name or as its possessor: "Kano State government", "Santa Marta Self Defense Forces"
        tokens = {t.i for t in ent} | {c.i for c in ent.root.lefts if c.dep_ == "poss"}
        for (s, e), targets in sorted(scope.kb_spans.items()):
            if s not in tokens:
                continue
            for target in targets:
                if target.kind in ("state", "demonym", "capital", "city"):
                    country = target.key
        if country is None:
            if sector is not None:  # "the official National News Agency": what it is, no country guessed
                scope.add(Mention(ent.start, ent.end, ent.text, "ORG", sector_only(sector), "name"))
            return
        scope.add(Mention(ent.start, ent.end, ent.text, "ORG", self._group(country, sector), "name"))


def _tagged_as(span: Span, label: str) -> bool:
    accepted = {"GPE": ("GPE", "LOC"), "NORP": ("NORP",)}.get(label, (label,))
    return span.root.ent_type_ in accepted
