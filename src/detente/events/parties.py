"""Who did it to whom: the parties of an event, read from the dependency parse.

One mechanism per construction, each named in `Arguments.how` (and so in the event's rule):
- verb triggers: subject (through xcomp control "urged Russia to withdraw", conjunction and
  relative clauses), passive agent, direct object, dative and the rule's prepositions; a
  recipient ("offered troops to Libya", "gave Senegal aid") outranks the thing given;
- noun triggers: possessor ("Moscow's invasion"), national and name modifiers ("U.S.-Russia
  talks"), "by" and "between" phrases, then the verb the noun is the object of ("sent aid to
  Ukraine", "launched a mediation effort between Iran and Bahrain": a trigger that modifies
  a noun reads that noun's relations);
- "between X and Y": the parties of a symmetric event, or the ones a mediator acts between;
- the host of a visit or of talks (`host_places`: "arrived in Khartoum", "talks in Riyadh").
Heads are Tokens; `phrase` gives the span an actor mention is looked up in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from detente.actors import mention_at

# Verbs whose object is the understood subject of their infinitive ("urged Russia to withdraw").
OBJECT_CONTROL = frozenset({"urge", "ask", "press", "call", "invite", "force", "order", "help", "allow",
                            "persuade", "encourage", "tell", "warn", "push", "pressure", "compel", "permit"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
# Verbs that keep their object from doing something ("deter Russia from attacking").
PREVENTING = frozenset({"deter", "stop", "prevent", "keep", "bar", "ban", "block", "discourage", "dissuade",
                        "restrain", "prohibit", "forbid"})
NOMINAL_ACTOR_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON", "FAC"})
# Verbs whose object noun names the event and whose subject is its doer ("held talks",
# "sent aid", "imposed sanctions"); other verbs ("used Tuesday's talks") do not make it theirs.
SUPPORT_VERBS = frozenset({
    "hold", "have", "conduct", "attend", "join", "open", "begin", "start", "resume", "continue", "host",
    "launch", "carry", "stage", "make", "give", "send", "provide", "deliver", "impose", "issue", "file",
    "lodge", "level", "announce", "order", "declare", "mount", "wage", "sign", "reach", "strike", "seal",
    "offer", "pledge", "grant", "extend", "approve", "receive", "take", "commit", "perpetrate", "organize",
    "organise", "lead", "call", "deploy", "supply", "donate", "ship", "airlift", "rush", "dispatch",
    "allocate", "transfer", "disburse", "fund", "boost", "increase", "observe", "implement", "respect",
    "break", "violate", "lift", "ease", "tighten", "expand", "slap", "unveil", "restore", "establish",
    "cut", "sever", "suspend", "freeze", "end", "renew", "strengthen", "deepen", "cultivate", "forge",
    "normalize", "improve", "upgrade", "broker", "clinch", "conclude", "agree", "accept", "reject", "carry",
    "claim", "execute", "face", "arrange", "convene", "chair", "co-host", "sponsor", "mediate", "level",
    "escalate", "intensify", "step", "press", "pursue", "make", "seek", "demand", "request", "put",
    "restart", "revive", "relaunch", "reopen", "expand", "plan", "propose", "want", "need",
})
# Prepositions that name who receives what is given or offered.
RECIPIENT_PREPS = frozenset({"to", "toward", "towards"})
# Prepositions that place an event (the host of a visit or of talks).
HOST_PREPS = frozenset({"in", "to", "at"})
# Prepositions that place a thing acted on ("a military base in Jizan", "a convoy near Kabul").
PLACE_PREPS = frozenset({"in", "near", "at", "outside", "inside"})
# Children left out of an argument phrase: clauses and most prepositional phrases.
_CUT = frozenset({"relcl", "acl", "advcl", "punct", "prep", "cc", "mark", "parataxis", "dep"})


@dataclass(slots=True)
class Arguments:
    source: list[Token] = field(default_factory=list)
    target: list[Token] = field(default_factory=list)
    how: list[str] = field(default_factory=list)  # which parse relations gave them (for tracing)


def conjuncts(tok: Token) -> list[Token]:
    """The token and the heads coordinated with it ("American and Russian officials")."""
    return [tok, *tok.conjuncts]


def phrase(head: Token) -> Span:
    """The argument phrase around a head: modifiers, appositions, conjuncts; no clauses."""
    keep = [head]
    stack = [c for c in head.children if c.dep_ not in _CUT or (c.dep_ == "prep" and c.lower_ == "of")]
    while stack:
        t = stack.pop()
        keep.append(t)
        stack.extend(c for c in t.children if c.dep_ not in _CUT or (c.dep_ == "prep" and c.lower_ == "of"))
    # appositions and conjuncts can bring in commas; the span is contiguous from the leftmost to rightmost kept
    start, end = min(t.i for t in keep), max(t.i for t in keep) + 1
    return head.doc[start:end]


def reciprocal(heads: list[Token]) -> bool:
    """An object that is the subject's own parties to each other ("accused each other", "one
    another"): the event goes between the coordinated doers, like a symmetric one."""
    # the parser heads it either way: "other" <- "each", "one" <- "another"
    return any({h.lower_, *(c.lower_ for c in h.children if c.i in (h.i - 1, h.i + 1))} in (
        {"each", "other"}, {"one", "another"}) for h in heads)


def subject(tok: Token) -> tuple[Token | None, bool]:
    """The subject of the clause a verb heads, and whether it is a passive subject."""
    t: Token | None = tok
    for _ in range(8):
        if t is None:
            break
        for c in t.children:
            if c.dep_ in ("nsubj", "csubj"):
                if c.lower_ in RELATIVE and t.dep_ == "relcl":
                    return t.head, False
                return c, False
            if c.dep_ in ("nsubjpass", "csubjpass"):
                # "Zelensky was set to meet": the passive subject of a governing verb is the doer
                return c, t.i == tok.i
        if t.dep_ == "relcl":
            return t.head, False
        if t.dep_ == "xcomp":
            head = t.head
            if head.lemma_ in OBJECT_CONTROL:
                obj = next((c for c in head.children if c.dep_ == "dobj"), None)
                if obj is not None:
                    return obj, False
            t = head
            continue
        if t.dep_ == "pcomp" and t.head.lower_ == "from" and t.head.head.lemma_ in PREVENTING:
            # "deter Russia from attacking Ukraine": the one kept from acting is its doer
            obj = next((c for c in t.head.head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj, False
        if t.dep_ in ("conj", "advcl", "pcomp") and t.head.pos_ in ("VERB", "AUX"):
            t = t.head
            continue
        if t.dep_ == "acl" and t.tag_ == "VB" and t.head.pos_ in ("NOUN", "PROPN"):
            # "Trump's plan to negotiate", "Iran's refusal to talk": the noun's possessor acts
            owner = next((c for c in t.head.children if c.dep_ == "poss"), None)
            if owner is not None:
                return owner, False
        if t.dep_ == "pcomp" and t.head.dep_ == "prep":
            t = t.head.head
            continue
        break
    return None, False


def prep_objects(tok: Token, preps: tuple[str, ...] | frozenset[str]) -> list[Token]:
    found = []
    for c in tok.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
            found.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN", "PRON"):
            found.append(c)
    return found


def verb_arguments(trig: Token, preps: tuple[str, ...], theme: bool) -> Arguments:
    args = Arguments()
    subj, passive = subject(trig)
    if passive:
        agent = next((c for c in trig.children if c.dep_ == "agent"), None)
        if agent is not None:
            args.source.extend(g for g in agent.children if g.dep_ == "pobj")
            args.how.append("agent")
        if subj is not None and not theme:
            args.target.append(subj)
            args.how.append("passive-subject")
    elif subj is not None:
        args.source.append(subj)
        args.how.append("subject")
    recipients = [c for c in trig.children if c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN", "PRON")] + [
        g for c in trig.children if c.dep_ in ("prep", "dative") and c.lower_ in RECIPIENT_PREPS and c.lower_ in preps
        for g in c.children if g.dep_ == "pobj"]
    if recipients and any(c.dep_ == "dobj" for c in trig.children):
        # "offered its troops to Libya", "gave Senegal 5 million euros": the recipient is the
        # target, the thing given is no party
        args.target.extend(recipients)
        args.how.append("recipient")
    elif not theme:
        objs = [c for c in trig.children if c.dep_ in ("dobj", "dative") and c.pos_ != "VERB"]
        if not objs:
            # "rejects and condemns the decision": conjoined verbs share the last one's object
            for conj in (c for c in trig.children if c.dep_ == "conj" and c.pos_ == "VERB"):
                if not any(g.dep_ in ("nsubj", "nsubjpass") for g in conj.children):
                    objs = [g for g in conj.children if g.dep_ == "dobj"]
                    break
        if objs:
            args.target.extend(objs)
            args.how.append("object")
        # "signed an agreement with Egypt", "launched a campaign against the rebels": the party
        # hangs off an object that names no one
        for obj in (o for o in objs if o.pos_ == "NOUN" and not o.ent_type_):
            for c in obj.children:
                if c.dep_ == "prep" and c.lower_ in preps and c.lower_ != "on":
                    args.target.extend(g for g in c.children if g.dep_ == "pobj")
                    args.how.append("object-prep")
    else:
        args.target.extend(c for c in trig.children if c.dep_ == "dative")
        if not args.target:
            # "hand over the remains of four hostages to Israel": the "to" phrase may hang off the theme
            for obj in (c for c in trig.children if c.dep_ == "dobj"):
                for t in obj.subtree:
                    if t.dep_ == "prep" and t.lower_ in preps and t.head.pos_ in ("NOUN", "PROPN"):
                        args.target.extend(g for g in t.children if g.dep_ == "pobj")
                        args.how.append("theme-prep")
    if not args.target:
        pobjs = prep_objects(trig, preps)
        if pobjs:
            args.target.extend(pobjs)
            args.how.append("prep")
    if theme and not args.target:
        # "released German journalist Mesale Tolu", "freed prisoners": with no one to receive
        # it, what is handed over is the party acted on (if it names an actor at all)
        args.target.extend(c for c in trig.children if c.dep_ == "dobj")
        args.how.append("theme")
    if not args.target:
        # "threatened to hit the European Union", "vowed to attack X": the target sits in the complement
        for comp in (c for c in trig.children if c.dep_ == "xcomp"):
            objs = [c for c in comp.children if c.dep_ == "dobj"] or prep_objects(comp, preps)
            if objs:
                args.target.extend(objs)
                args.how.append("complement")
                break
    return args


def noun_arguments(trig: Token, preps: tuple[str, ...], symmetric: bool, of_is_target: bool,
                   governors: frozenset[str] = frozenset()) -> Arguments:
    args = Arguments()
    between: list[Token] = []
    # "a mediation effort", "peace talks process": a trigger modifying a noun reads that noun's relations
    nominal = trig
    while nominal.dep_ in ("compound", "amod") and nominal.head.pos_ in ("NOUN", "PROPN") and nominal.head.i > nominal.i:
        nominal = nominal.head
    for owner in dict.fromkeys((trig, nominal)):
        for c in owner.children:
            if c.dep_ == "poss":
                if c.ent_type_ != "DATE":  # "Tuesday's talks" names a date, not a party
                    args.source.append(c)
                    args.how.append("possessor")
            elif c.dep_ in ("compound", "amod", "nmod") and (c.ent_type_ in NOMINAL_ACTOR_ENTS or _names_actor(c)):
                # "U.S.-Russia talks" (both parties), "Russian attack" (the attacker)
                (args.source if symmetric or not args.source else args.target).append(c)
                args.how.append("modifier")
            elif c.dep_ == "prep":
                pobjs = [g for g in c.children if g.dep_ == "pobj"]
                if c.lower_ == "by":
                    args.source.extend(pobjs)
                    args.how.append("by")
                elif c.lower_ in ("between", "among"):
                    between.extend(t for p in pobjs for t in conjuncts(p))
                elif c.lower_ == "of" and of_is_target:
                    args.target.extend(pobjs)
                    args.how.append("of")
                elif c.lower_ in preps:
                    args.target.extend(pobjs)
                    args.how.append("prep")
    if not args.source:
        _verb_of_noun(nominal, preps, governors, symmetric, args)
    if between:
        if args.source:
            # "Oman's sultan launched a mediation effort between Iran and Bahrain"
            args.target.extend(t for t in between if t.i not in {s.i for s in args.source})
        else:
            # "talks between Iran and Bahrain": the first party and the others
            args.source.append(between[0])
            args.target.extend(between[1:])
        args.how.append("between")
    return args


def _verb_of_noun(trig: Token, preps: tuple[str, ...], governors: frozenset[str], symmetric: bool,
                  args: Arguments) -> None:
    """The noun is what a verb acts on: "sent humanitarian aid to Ukraine", "imposed sanctions on Russia"."""
    head = trig.head
    if (trig.dep_ in ("dobj", "attr", "oprd") or (trig.dep_ == "conj" and head.dep_ == "dobj")) and (
            (head if trig.dep_ != "conj" else head.head).lemma_ in SUPPORT_VERBS | governors):
        verb = head if trig.dep_ != "conj" else head.head
        subj, passive = subject(verb)
        if subj is not None and not passive:
            args.source.append(subj)
            args.how.append("verb-subject")
        if not args.target:
            args.target.extend(prep_objects(verb, preps))
            args.target.extend(c for c in verb.children if c.dep_ == "dative")
            if args.target:
                args.how.append("verb-prep")
    elif trig.dep_ == "pobj" and symmetric and head.lower_ in ("on", "during", "at", "in", "after") and \
            head.head.pos_ in ("VERB", "AUX"):
        # "Bessent, on a visit to Kyiv, suggested ...": the one who acts during the meeting took part
        subj, passive = subject(head.head)
        if subj is not None and not passive:
            args.source.append(subj)
            args.how.append("circumstance-subject")
    elif trig.dep_ == "nsubjpass":
        verb = head
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is not None:
            args.source.extend(g for g in agent.children if g.dep_ == "pobj")
            args.how.append("agent")
        if not args.target:
            args.target.extend(prep_objects(verb, preps))


def _names_actor(tok: Token) -> bool:
    """A modifier the actors stage resolved ("a police raid", "army shelling")."""
    m = mention_at(tok)
    return m is not None and bool(m.all_actors()) and not m.locative


def place_of(head: Token) -> Token | None:
    """Where a thing acted on lies: "stormed a police headquarters in eastern Afghanistan"."""
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in PLACE_PREPS:
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def host_places(trig: Token) -> list[Token]:
    """Where a visit or talks took place: "in"/"to"/"at" phrases of the trigger and of the
    verbs that govern it ("arrived in Khartoum on a visit", "talks in Riyadh")."""
    found: list[Token] = []
    t = trig
    for _ in range(4):
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in HOST_PREPS:
                # a state or a city, not a region ("in Europe")
                found.extend(g for g in c.children if g.dep_ == "pobj" and g.ent_type_ == "GPE")
        if found or t.head.i == t.i or t.dep_ in ("ccomp", "relcl", "advcl", "conj"):
            break
        t = t.head
    return found
