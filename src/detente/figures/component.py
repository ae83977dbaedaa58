"""The `detente_figures` component: money, percentages, counts and durations, with value and unit.

How a figure is found, in order:
1. spaCy's Matcher finds number phrases (NUMBER, VAGUE), then the forms around them that make
   them money, a percentage or a force size (MONEY, PERCENT, STRONG); the longest form wins.
2. spaCy's entities veto numbers that belong to a name ("Group of 20") or to a date ("In 2023",
   "Feb. 23"), unless the number measures a duration ("for four years").
3. A count's unit is the noun the number modifies in the parse ("40,000 troops", "four Israeli
   hostages"); a bare number takes the unit of "the number of X" in its sentence ("increased
   to six from three"). A number with no unit is not a figure.
4. What a money or percent figure is about is its "of"/"in" phrase ("5 percent of gross
   domestic product"), plus the "on" phrase of a spending verb ("spent ... on defense").
"""

from __future__ import annotations

import re
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from detente.figures.lexicon import FigureLexicon, load_lexicon
from detente.figures.numbers import MULTIPLIERS, SCALES, TENS, UNITS, VAGUE, is_vague, parse_number
from detente.model import Figure

if not Doc.has_extension("figures"):
    Doc.set_extension("figures", default=None)

_SCALE_WORDS = [w for w in (*SCALES, *MULTIPLIERS) if len(w) > 1]  # a lone "m" is metres
_NUMBER_WORDS = [*UNITS, *TENS, *_SCALE_WORDS]
_SUFFIXES = "|".join(w for w in SCALES)
_NUMERAL = rf"^(\d{{1,3}}(,\d{{3}})+|\d+)(\.\d+)?({_SUFFIXES})?$"
_NUMERAL_RE = re.compile(_NUMERAL)
_GLUED_SCALES = [w for w in SCALES if len(w) <= 3]  # abbreviations glued to a numeral: 5m, 2.5bn

# Tokens that make up a number phrase: the value is parsed from these alone.
_VALUE_WORDS = frozenset(_NUMBER_WORDS) | frozenset(_GLUED_SCALES) | {"a", "an", "-", "and", "half"}

# Children of an "about" phrase that start another clause or list item, and are cut off.
_CLAUSE_DEPS = frozenset({"acl", "relcl", "appos", "punct", "cc", "conj", "advcl", "parataxis"})
_MODIFIER_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "advmod", "npadvmod", "det"})
_NOMINAL_DEPS = frozenset({"pobj", "dobj", "nsubj", "nsubjpass", "attr", "conj", "appos"})
_MAX_GAP = 3  # at most this many words between a number and its unit noun
_MAX_PREFIX, _MAX_SUFFIX = 1, 3  # the most tokens a form adds before ("$") and after ("of U.S. dollars")


def _number_cores(lex: FigureLexicon) -> dict[str, list[list[dict]]]:
    numeral = {"LOWER": {"REGEX": _NUMERAL}}
    scales = {"LOWER": {"IN": _SCALE_WORDS}, "OP": "*"}
    words = {"LOWER": {"IN": _NUMBER_WORDS}, "OP": "+"}
    exact = [
        [numeral, scales],                                           # 300 billion, 40,000, 2.5bn
        [{**numeral, "SPACY": False}, {"LOWER": {"IN": _GLUED_SCALES}}],  # 5m, when split off
        [words],                                                     # four, three hundred thousand
        [words, {"LOWER": "and"}, words],                            # two hundred and fifty
        [{"LOWER": {"IN": ["a", "an"]}}, {"LOWER": {"IN": _SCALE_WORDS}}, scales],  # a dozen
        [{"LOWER": "half"}, {"LOWER": {"IN": ["a", "an"]}}, {"LOWER": {"IN": _SCALE_WORDS}}],
        *([first, {"LOWER": "and"}, {"LOWER": "a"}, {"LOWER": "half"}, {"LOWER": {"IN": _SCALE_WORDS}}]
          for first in (numeral, {"LOWER": {"IN": [*UNITS, *TENS]}})),  # two and a half million
        [{"LOWER": {"IN": list(TENS)}}, {"ORTH": "-"}, {"LOWER": {"IN": list(UNITS)}}, scales],
    ]
    vague_word = {"LOWER": {"IN": sorted(VAGUE)}}
    of = {"LOWER": "of"}
    vague = [
        [vague_word],                                                # thousands, dozens
        [vague_word, of, vague_word],                                # tens of thousands
        [{"LOWER": {"IN": sorted(lex.vague_quantifiers)}}, {"LOWER": {"IN": _SCALE_WORDS}}, scales],
    ]
    return {"exact": exact, "vague": vague}


def _form_patterns(lex: FigureLexicon) -> dict[str, list[list[dict]]]:
    """Number phrases with what makes them money, a percentage or a force size."""
    cores = _number_cores(lex)
    every = cores["exact"] + cores["vague"]
    symbol = {"ORTH": {"IN": list(lex.currency_symbols)}}
    code = {"ORTH": {"IN": sorted(lex.currency_codes)}}
    us = {"LOWER": {"IN": ["u.s.", "us"]}, "OP": "?"}
    currency = {"LOWER": {"IN": list(lex.currency_words)}}
    money = []
    for core in every:
        money += [[symbol, *core], [code, *core], [*core, code], [*core, us, currency],
                  [*core, {"LOWER": "of"}, us, currency]]  # "hundreds of billions of dollars"
    percent = [[*core, {"LOWER": {"IN": list(lex.percent_words)}}] for core in every]
    percent += [[*core, *({"LOWER": w} for w in phrase.split())]
                for core in every for phrase in lex.percent_phrases]
    strong = [[*core, {"ORTH": "-"}, {"LOWER": "strong"}, {"POS": "NOUN", "OP": "?"}]
              for core in cores["exact"]]
    return {"MONEY": money, "PERCENT": percent, "STRONG": strong}


class FigureExtractor:
    """Sets `doc._.figures` to a list of model.Figure, in text order."""

    def __init__(self, nlp: Language, lexicon: FigureLexicon) -> None:
        self.lex = lexicon
        # Words that are a unit in themselves: a compound does not pass them on ("2 km circumference").
        self.known_units = (frozenset(lexicon.duration_units) | lexicon.measure_units
                            | frozenset(lexicon.currency_words))
        # Two passes keep the Matcher cheap: number phrases over the whole text (few patterns), then
        # the many money/percent/strong forms only in a small window around each number found.
        cores = _number_cores(lexicon)
        self.numbers = Matcher(nlp.vocab, validate=True)
        self.numbers.add("NUMBER", cores["exact"], greedy="LONGEST")
        self.numbers.add("VAGUE", cores["vague"], greedy="LONGEST")
        self.forms = Matcher(nlp.vocab, validate=True)
        for label, patterns in _form_patterns(lexicon).items():
            self.forms.add(label, patterns)
        self.number_of = Matcher(nlp.vocab)  # "the number of hostages ... to six from three"
        self.number_of.add("NUMBER_OF", [[{"LOWER": "number"}, {"LOWER": "of"}]])

    def __call__(self, doc: Doc) -> Doc:
        sentence_units = self._sentence_units(doc)
        figures = []
        for span in filter_spans([self._form(core) for core in filter_spans(self.numbers(doc, as_spans=True))]):
            figure = self._figure(span, sentence_units)
            if figure is not None:
                figures.append(figure)
        doc._.figures = figures
        return doc

    def _form(self, core: Span) -> Span:
        """The longest money/percent/strong form around a number phrase, else the number itself."""
        doc = core.doc
        window = doc[max(core.start - _MAX_PREFIX, 0):min(core.end + _MAX_SUFFIX, len(doc))]
        forms = [f for f in self.forms(window, as_spans=True) if f.start <= core.start and f.end >= core.end]
        return max(forms, key=len) if forms else core

    def _sentence_units(self, doc: Doc) -> dict[int, Token]:
        """Sentence start -> the noun of "the number of X" in that sentence."""
        units: dict[int, Token] = {}
        for _, start, end in self.number_of(doc):
            noun = _child(doc[end - 1], "pobj")
            if noun is not None:
                units.setdefault(doc[start].sent.start, noun)
        return units

    def _figure(self, span: Span, sentence_units: dict[int, Token]) -> Figure | None:
        doc, label = span.doc, span.label_
        if any(t.ent_type_ in self.lex.name_labels for t in span) or _glued(span, label):
            return None
        words = [t.lower_ for t in span if t.lower_ in _VALUE_WORDS or t.lower_ in VAGUE
                 or t.lower_ in self.lex.vague_quantifiers or _NUMERAL_RE.match(t.lower_)]
        vague = is_vague(words) or any(w in self.lex.vague_quantifiers for w in words)
        value = None if vague else parse_number([w for w in words if w not in self.lex.vague_quantifiers])
        if value is None and not vague:
            return None
        if label == "MONEY":
            return _make(span, value, self._currency(span), "money", self._about(span, ("of", "in")))
        if label == "PERCENT":
            unit = "percentage points" if span[-1].lower_.startswith("point") else "percent"
            return _make(span, value, unit, "percent", self._about(span, ("of",)))
        if label == "STRONG":
            noun = span[-1] if span[-1].lower_ != "strong" else None
            return _make(span, value, noun.lower_ if noun is not None else "troops", "count", None)
        # NUMBER and VAGUE: the unit is the noun counted.
        noun = _unit_noun(span, vague, self.known_units)
        if noun is None and not vague and span.root.dep_ in _NOMINAL_DEPS and span.root.lower_ != "one":
            noun = sentence_units.get(span.sent.start)
        if noun is None or _year_like(span, value):
            return None
        full = doc[span.start:noun.i + 1] if 0 <= noun.i - span.end <= _MAX_GAP else span
        word = noun.lower_
        if word in self.lex.currency_words:
            return _make(full, value, self.lex.currency_words[word], "money", None)
        if word in self.lex.duration_units:
            after = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
            if after is not None and after.lower_ in self.lex.relative_time_words:
                return None  # "three years ago" is a date
            return _make(full, value, self.lex.duration_units[word], "duration", None)
        if self._in_date(span, full):
            return None
        kind = "other" if word in self.lex.measure_units or noun.ent_type_ == "QUANTITY" else "count"
        return _make(full, value, noun.text if noun.pos_ == "PROPN" else word, kind, None)

    def _in_date(self, span: Span, full: Span) -> bool:
        """The number is part of a date or time ("Feb. 23", "23 March", "10 a.m."). A date label on
        the number alone is not enough: the small model calls "two and a half million" a DATE."""
        doc, time = span.doc, self.lex.time_labels
        began_before = span[0].ent_type_ in time and span[0].ent_iob_ == "I"
        after = doc[span.end:max(full.end, min(span.end + 1, len(doc)))]  # up to the unit
        return began_before or any(t.ent_type_ in time for t in after)

    def _currency(self, span: Span) -> str | None:
        for t in span:
            unit = self.lex.currency_symbols.get(t.text) or self.lex.currency_words.get(t.lower_)
            if unit is None and t.text in self.lex.currency_codes:
                unit = t.text
            if unit is not None:
                return unit
        return None

    def _about(self, span: Span, preps: tuple[str, ...]) -> str | None:
        """The "of ..." phrase after the figure, and the "on ..." of a spending verb."""
        after = [c for t in span for c in t.children if c.dep_ == "prep" and c.i >= span.end]
        about = next(filter(None, (self._object(p) for p in after if p.lower_ in preps)), None)
        verb = span.root.head
        if verb.lemma_.lower() in self.lex.spending_verbs:
            after += [c for c in verb.children if c.dep_ == "prep" and c.i >= span.end]
            on = next(filter(None, (self._object(p) for p in after if p.lower_ == "on")), None)
            if on and not (about and on in about):
                about = f"{about} on {on}" if about else on
        return about

    def _object(self, prep: Token) -> str | None:
        """The phrase a preposition governs, unless it is a date ("on Tuesday")."""
        noun = _child(prep, "pobj")
        if noun is None or noun.ent_type_ in self.lex.time_labels:
            return None
        return _phrase(noun)


def _make(span: Span, value: float | None, unit: str | None, kind: str, about: str | None) -> Figure:
    return Figure(start=span.start_char, end=span.end_char, text=span.text,
                  value=value, unit=unit, kind=kind, about=about)


def _child(token: Token, dep: str) -> Token | None:
    return next((c for c in token.children if c.dep_ == dep), None)


def _glued(span: Span, label: str) -> bool:
    """A number glued into a word is part of a name, an adjective or a rank: "F-16", "three-step", "2G", "#2"."""
    doc = span.doc
    before = (span.start >= 1 and doc[span.start - 1].text == "#") or (
        span.start >= 2 and doc[span.start - 1].text == "-" and not doc[span.start - 2].whitespace_)
    nxt = doc[span.end] if span.end < len(doc) else None
    after = (label in ("NUMBER", "VAGUE") and nxt is not None and not span[-1].whitespace_
             and (nxt.text == "-" or nxt.is_alpha))
    return before or after


def _year_like(span: Span, value: float | None) -> bool:
    return len(span) == 1 and span[0].text.isdigit() and value is not None and 1800 <= value <= 2199


def _is_unit(token: Token) -> bool:
    """A common noun ("troops"), or a people named in the plural ("Israelis", "Greeks")."""
    doc = token.doc
    hyphenated = not token.whitespace_ and token.i + 1 < len(doc) and doc[token.i + 1].text == "-"
    return token.is_alpha and not hyphenated and (token.pos_ == "NOUN" or (
        token.pos_ == "PROPN" and (token.ent_type_ == "NORP" or token.tag_ == "NNPS")))


def _unit_noun(span: Span, vague: bool, units: frozenset[str]) -> Token | None:
    """The noun a number counts: "of X" after a vague amount, else the noun it modifies."""
    doc, root = span.doc, span.root
    if vague and span.end < len(doc) and doc[span.end].lower_ == "of":
        noun = _child(doc[span.end], "pobj")
        return noun if noun is not None and _is_unit(noun) else None
    head = root.head
    if root.dep_ in _MODIFIER_DEPS and _is_unit(head) and 0 <= head.i - span.end <= _MAX_GAP:
        return _compound_head(head, units)
    # The parser sometimes misses the link: take the first noun after the number, past adjectives
    # and names ("28,000 Andy Warhol photographs"); a demonym only if no noun follows.
    demonym = None
    for token in doc[span.end:span.end + _MAX_GAP]:
        if token.pos_ == "NOUN" and token.is_alpha:
            return _compound_head(token, units)
        if token.pos_ not in ("ADJ", "PROPN"):
            break
        demonym = demonym or (token if _is_unit(token) else None)
    return demonym


def _compound_head(noun: Token, units: frozenset[str]) -> Token:
    """The last noun of a compound ("asylum seekers"), unless the first is a unit ("20 minute walk")."""
    while (noun.dep_ == "compound" and noun.lower_ not in units and noun.head.pos_ == "NOUN"
           and 0 < noun.head.i - noun.i <= 2):
        noun = noun.head
    return noun


def _phrase(noun: Token) -> str:
    """The noun with its modifiers and prepositional phrases, without clauses or leading article."""
    keep, stack = set(), [noun]
    while stack:
        token = stack.pop()
        keep.add(token.i)
        stack.extend(c for c in token.children if c.dep_ not in _CLAUSE_DEPS)
    start = end = noun.i
    while start - 1 in keep:
        start -= 1
    while end + 1 in keep:
        end += 1
    doc = noun.doc
    while start < noun.i and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    return doc[start:end + 1].text


@Language.factory("detente_figures", default_config={"lexicon_path": None})
def make_figure_extractor(nlp: Language, name: str, lexicon_path: str | None) -> FigureExtractor:
    """`lexicon_path`: a YAML lexicon like resources/figures/lexicon.yaml (None: the bundled one)."""
    return FigureExtractor(nlp, load_lexicon(Path(lexicon_path) if lexicon_path else None))
