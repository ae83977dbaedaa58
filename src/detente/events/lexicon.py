"""The trigger lexicon: named rules from resources/events/triggers.yaml and their matcher.

Each rule lives in one place (the YAML file); this module only turns it into spaCy
PhraseMatcher patterns keyed by the rule name, so a matched trigger names the rule that
made the event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

# Our own data files, shipped inside the package.
RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "events"

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
DEFAULT_PREPS = ("with", "against", "on", "to", "into", "toward", "towards")


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    type: str
    cameo: str | None = None
    mode: str | None = None
    context: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    objects: frozenset[str] = frozenset()
    not_objects: frozenset[str] = frozenset()
    governors: frozenset[str] = frozenset()
    theme: bool = False
    preps: tuple[str, ...] = DEFAULT_PREPS
    host: bool = False
    requires_prep: frozenset[str] = frozenset()
    if_clause: str | None = None
    if_negated: str | None = None
    confidence: float | None = None
    order: int = 0


@dataclass(slots=True)
class Lexicon:
    """All rules plus the sentence-level word lists (commentary, modality, contexts, modes)."""

    rules: dict[str, Rule]
    commentary: dict[str, frozenset[str]] = field(default_factory=dict)
    hypothetical: dict[str, frozenset[str]] = field(default_factory=dict)
    contexts: dict[str, frozenset[str]] = field(default_factory=dict)
    content_modes: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)
    concessions: frozenset[str] = frozenset()
    threat_cues: frozenset[str] = frozenset()
    threat_content: frozenset[str] = frozenset()


def _words(value: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in (value or []))


def load_lexicon(text: str | None = None) -> Lexicon:
    """Parse the trigger file (or the given YAML text); malformed rules raise ValueError."""
    if text is None:
        text = (RESOURCES / "triggers.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    rules: dict[str, Rule] = {}
    for order, raw in enumerate(data.get("rules", [])):
        name, etype = raw.get("name"), raw.get("type")
        if not name or etype not in PLOVER_TYPES:
            raise ValueError(f"trigger rule {raw!r}: needs a name and a PLOVER type")
        if name in rules:
            raise ValueError(f"trigger rule {name!r} is defined twice")
        if not (raw.get("verbs") or raw.get("nouns") or raw.get("phrases")):
            raise ValueError(f"trigger rule {name!r} has no verbs, nouns or phrases")
        rules[name] = Rule(
            name=name, type=etype, cameo=raw.get("cameo"), mode=raw.get("mode"),
            context=tuple(raw.get("context") or ()),
            verbs=tuple(v.lower() for v in raw.get("verbs") or ()),
            nouns=tuple(v.lower() for v in raw.get("nouns") or ()),
            phrases=tuple(v.lower() for v in raw.get("phrases") or ()),
            objects=_words(raw.get("objects")), not_objects=_words(raw.get("not_objects")),
            governors=_words(raw.get("governors")), theme=bool(raw.get("theme")),
            preps=tuple(raw.get("preps") or DEFAULT_PREPS), host=bool(raw.get("host")),
            requires_prep=_words(raw.get("requires_prep")), if_negated=raw.get("if_negated"),
            if_clause=raw.get("if_clause"), confidence=raw.get("confidence"), order=order,
        )
    return Lexicon(
        rules=rules,
        commentary={k: _words(v) for k, v in (data.get("commentary") or {}).items()},
        hypothetical={k: _words(v) for k, v in (data.get("hypothetical") or {}).items()},
        contexts={k: _words(v) for k, v in (data.get("contexts") or {}).items()},
        content_modes={t: {m: _words(ws) for m, ws in modes.items()}
                       for t, modes in (data.get("content_modes") or {}).items()},
        concessions=_words(data.get("concessions")),
        threat_cues=_words((data.get("threats") or {}).get("cues")),
        threat_content=_words((data.get("threats") or {}).get("content")),
    )


class TriggerMatcher:
    """Finds rule triggers with two PhraseMatchers (over lemmas and lower-case forms): hash
    look-ups, fast on long texts. Verb and noun entries then check the token's part of speech."""

    _POS = {"VERB": ("VERB",), "NOUN": ("NOUN", "PROPN"), "PHRASE": ()}

    def __init__(self, vocab: Vocab, lexicon: Lexicon) -> None:
        self.vocab = vocab
        self.by_lemma = PhraseMatcher(vocab, attr="LEMMA")
        self.by_lower = PhraseMatcher(vocab, attr="LOWER")
        for rule in lexicon.rules.values():
            for kind, entries, matchers in (("VERB", rule.verbs, (self.by_lemma,)),
                                            ("NOUN", rule.nouns, (self.by_lemma, self.by_lower)),
                                            ("PHRASE", rule.phrases, (self.by_lemma, self.by_lower))):
                if not entries:
                    continue
                docs = [self._pattern(entry) for entry in entries]
                for matcher in matchers:
                    matcher.add(f"{rule.name}|{kind}", docs)

    def _pattern(self, entry: str) -> Doc:
        # the tokenizer splits infix hyphens ("cease-fire" is cease, -, fire): so do the patterns
        doc = Doc(self.vocab, words=_HYPHEN.sub(" - ", entry).split())
        for token in doc:  # the lexicon is written in lemmas
            token.lemma_ = token.text
        return doc

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        found: set[tuple[str, int, int]] = set()
        for match_id, start, end in [*self.by_lemma(doc), *self.by_lower(doc)]:
            name, kind = self.vocab.strings[match_id].split("|")
            pos = self._POS[kind]
            if pos and doc[start:end].root.pos_ not in pos and not (kind == "VERB" and verb_tagged_noun(doc[start])):
                continue
            found.add((name, start, end))
        return sorted(found, key=lambda m: (m[1], m[2]))


def verb_tagged_noun(token) -> bool:
    """A verb the tagger took for a noun, as it does in headline-style sentences ("France
    denounces actions by India"): a noun has no subject of its own in a sound parse."""
    return token.pos_ in ("NOUN", "PROPN") and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def build_matcher(vocab: Vocab, lexicon: Lexicon) -> TriggerMatcher:
    return TriggerMatcher(vocab, lexicon)
