"""Group coreference: a bare group noun ("militants", "the rebels", "the group") is the armed or
other non-state group the article has put in play, when it has named one.

"Khalil al-Hayya, Hamas's chief negotiator, said that militants intend to hand over ..." ->
"militants" is Hamas (PSE, REB, org Hamas). The noun goes to the most recent earlier group
organisation of a compatible sector family; without one it stays what it was (a sector with no
country), since nothing else says whose militants they are.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher

from detente.actors.kb import KnowledgeBase, Organisation
from detente.actors.mention import Mention
from detente.actors.scope import Scope
from detente.model import ActorRef

# Sector families a bare noun can corefer within. Armed nouns go to armed groups only (a
# state's army is never "the militants"); "the group" to any non-state group.
ARMED = frozenset({"REB", "UAF", "PRM", "MIL"})
# noun lemma -> family of group sectors it may refer to (None: any group)
ARMED_NOUNS = frozenset({"militant", "rebel", "insurgent", "fighter", "guerrilla", "guerilla", "jihadist",
                         "gunman", "militiaman", "separatist"})
COLLECTIVE_NOUNS = frozenset({"group", "movement", "organization", "organisation", "militia"})


class GroupCoref:
    """Built once per pipeline: a Matcher for "the group" / "the movement", which the title pass
    leaves alone because the noun says nothing by itself."""

    def __init__(self, nlp: Language, kb: KnowledgeBase):
        self.kb = kb
        self.by_name: dict[str, Organisation] = {o.name: o for o in kb.orgs.values() if o.kind == "group"}
        self.matcher = Matcher(nlp.vocab)
        # "the group said", not "a group of protesters" or "the group of seven"
        self.matcher.add("THE_GROUP", [[{"LOWER": "the"}, {"LEMMA": {"IN": sorted(COLLECTIVE_NOUNS)},
                                                            "POS": "NOUN", "TAG": {"NOT_IN": ["NNS"]}}]])

    def __call__(self, scope: Scope) -> None:
        doc = scope.doc
        groups = self._groups(scope)
        if not groups:
            return
        for m in list(scope.mentions.values()):
            if m.label != "TITLE" or not self._bare(m):
                continue
            head = doc[m.end - 1]
            if scope.lemmas[head.i] not in ARMED_NOUNS:
                continue
            found = self._latest(groups, m.start, ARMED)
            if found is not None:
                m.actor, m.via, m.actors = found, "group", []
        for _, start, end in self.matcher(doc):
            head = doc[end - 1]
            if any(c.dep_ == "prep" and c.lower_ == "of" for c in head.rights):
                continue  # "the group of seven", "the organization of ..."
            if any(scope.at(i) is not None for i in range(start, end)):
                continue
            found = self._latest(groups, start, None)
            if found is not None:
                scope.add(Mention(start, end, doc[start:end].text, "TITLE", found, "group", plural=False))

    @staticmethod
    def _bare(m: Mention) -> bool:
        """A group noun with nothing that says whose it is: no country, no organisation."""
        a = m.actor
        return a is not None and a.country is None and a.org is None and not m.actors

    def _groups(self, scope: Scope) -> list[tuple[int, ActorRef]]:
        """(offset, actor) of every mention of a non-state group, names inside titles included
        ("Hamas's chief negotiator" puts Hamas in play as much as "Hamas" alone)."""
        found: list[tuple[int, ActorRef]] = []
        for m in [*scope.mentions.values(), *scope.absorbed]:
            a = m.actor
            if a is None:
                continue
            org = self.kb.orgs.get(a.id)
            if org is None and a.org:
                org = self.by_name.get(a.org)  # an official of the group ("Hamas's chief negotiator")
            if org is None or org.kind != "group":
                continue
            found.append((m.start, org.ref_at(scope.when)))
        return sorted(found, key=lambda x: x[0])

    @staticmethod
    def _latest(groups: list[tuple[int, ActorRef]], before: int, family: frozenset[str] | None) -> ActorRef | None:
        best = None
        for start, actor in groups:
            if start >= before:
                break
            if family is None or actor.sector in family:
                best = actor
        return best

