"""The `detente_quotes` component: who said what, read off the pipeline's one parse.

Steps, each in one place:
1. quoted stretches from the quotation marks (`marks.quoted_spans`, per paragraph, tolerant);
2. cue tokens from the speech lexicon (a spaCy Matcher; cues inside quotations are the quoted
   person's words, not attributions);
3. direct quotes: a quotation right next to a cue's clause ("“…,” Mr. Lavrov said",
   "said Lawrence Freedman", "he told reporters: “…”"), the nearest cue winning;
4. indirect and mixed quotes: the reported content of each remaining cue (its clause
   complement, the host clause of a parenthetical "he said", the object of "called on … to");
   mixed when it holds quoted words, which are then part of it rather than quotes of their own;
5. labels and continuations: a name and a colon before a quotation (a transcript's "Clinton:
   “…”") attribute it with no cue; a quotation standing as whole sentences with no cue of its
   own belongs to the attribution just before it, in its paragraph or closing the previous one.
The speaker's actor comes from the actors stage (`mention_at`), never from here.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from detente.actors import mention_at
from detente.model import Quote, Span, Speaker
from detente.quotes.attribution import (
    cue_span,
    is_according,
    mention_head,
    mention_range,
    reported_content,
    subject_of,
    trim,
)
from detente.quotes.lexicon import AUDIENCE_VERBS, DIRECT_ONLY_VERBS, FRAMING_VERBS, SPEECH_VERBS
from detente.quotes.marks import Quoted, ends_with_mark, quoted_spans, starts_with_mark

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)

# Longest stretch of attribution words allowed between a quotation and its cue.
MAX_GAP_TOKENS = 30
# What a quotation may end with when its cue follows (“…,” he said / “…?” she asked).
_HANDS_ON = re.compile(r"[,?!—–\-…:;]\s*$|\.\.\.\s*$")
_SENTENCE_END = re.compile(r"[.?!…]\W*$")
_EDGE = " \t\r\n,;:"
_PARAGRAPH_BREAK = re.compile(r"\n+")
_SPEAKING_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


@dataclass(slots=True)
class _Attribution:
    cue: Token | None  # None for a speaker label ("Clinton: “…”")
    cue_range: tuple[int, int] | None
    speaker: Speaker | None


class QuoteExtractor:
    """Sets `doc._.quotes` (list[model.Quote]), sorted by position."""

    def __init__(self, nlp: Language, name: str = "detente_quotes",
                 continue_across_paragraphs: bool = True) -> None:
        self.name = name
        self.continue_across_paragraphs = continue_across_paragraphs
        self.matcher = Matcher(nlp.vocab)
        self.matcher.add("SPEECH", [[{"LEMMA": {"IN": sorted(SPEECH_VERBS)}, "POS": "VERB"}]])
        self.matcher.add("FRAMING", [[{"LEMMA": {"IN": sorted(FRAMING_VERBS)}, "POS": "VERB"}]])
        self.matcher.add("DIRECT_ONLY", [[{"LEMMA": {"IN": sorted(DIRECT_ONLY_VERBS - SPEECH_VERBS)}, "POS": "VERB"}]])
        self.matcher.add("ACCORDING", [[{"LOWER": "according"}, {"LOWER": "to"}]])
        self._kinds = {nlp.vocab.strings[name]: name for name in ("SPEECH", "FRAMING", "DIRECT_ONLY", "ACCORDING")}

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = _Extraction(doc, self).quotes()
        return doc


@Language.factory("detente_quotes", default_config={"continue_across_paragraphs": True})
def make_quote_extractor(nlp: Language, name: str, continue_across_paragraphs: bool) -> QuoteExtractor:
    return QuoteExtractor(nlp, name, continue_across_paragraphs)


class _Extraction:
    """The work on one Doc (state kept here, not on the shared component)."""

    def __init__(self, doc: Doc, settings: QuoteExtractor) -> None:
        self.doc = doc
        self.text = doc.text
        self.settings = settings
        self.starts = [t.idx for t in doc]
        self.quoted = quoted_spans(self.text)
        self.open_marks = [q.open_mark for q in self.quoted]
        self.quote_starts = [q.start for q in self.quoted]
        self.paragraph_starts = [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(self.text)]
        self.mark_tokens = {self._token_at(q.open_mark) for q in self.quoted} | {
            self._token_at(q.close_mark) for q in self.quoted if q.close_mark is not None}
        self.cues = self._cues()

    # -- positions ---------------------------------------------------------------------------
    def _token_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def _paragraph(self, char: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, char) - 1

    def _inside_quote(self, token: Token) -> bool:
        # Quotations do not overlap, so only the last one opening before the token can hold it.
        n = bisect.bisect_left(self.open_marks, token.idx) - 1
        if n < 0:
            return False
        q = self.quoted[n]
        return token.idx < (q.close_mark if q.close_mark is not None else q.end)

    def _near(self, cue: Token) -> range:
        """Indexes of the quotations in the cue's paragraph and the next (the only candidates)."""
        paragraph = self._paragraph(cue.idx)
        # One step back: a quotation carried over from earlier paragraphs may close in this one.
        first = max(0, bisect.bisect_left(self.open_marks, self.paragraph_starts[paragraph]) - 1)
        limit = paragraph + 2
        end_char = self.paragraph_starts[limit] if limit < len(self.paragraph_starts) else len(self.text)
        return range(first, bisect.bisect_left(self.open_marks, end_char))

    # -- cues --------------------------------------------------------------------------------
    def _cues(self) -> list[tuple[Token, str]]:
        """(cue token, SPEECH | FRAMING | DIRECT_ONLY | ACCORDING), outside quotations, in order."""
        found: dict[int, tuple[Token, str]] = {}
        for match_id, start, _end in self.settings.matcher(self.doc):
            token = self.doc[start]
            if self._inside_quote(token):
                continue
            kind = self.settings._kinds[match_id]
            if token.i not in found or kind in ("SPEECH", "ACCORDING"):
                found[token.i] = (token, kind)
        return [found[i] for i in sorted(found)]

    def _attribution(self, cue: Token) -> _Attribution:
        subject = subject_of(cue)
        speaker = None
        if subject is not None:
            start, end = mention_range(subject)
            head = mention_head(subject)
            mention = mention_at(head)
            span = self.doc[start:end]
            speaker = Speaker(span.start_char, span.end_char, span.text,
                              actor=mention.actor if mention else None)
        return _Attribution(cue, cue_span(cue), speaker)

    # -- step 3: direct quotations next to a cue ---------------------------------------------
    def _gap_distance(self, q: Quoted, cue: Token, attribution_tokens: set[int]) -> int | None:
        """Tokens between quotation and cue clause if they are adjacent, else None."""
        doc = self.doc
        if q.close_mark is not None and q.close_mark < cue.idx:
            first = self._token_at(q.close_mark) + 1
            gap = range(first, cue.i)
            inner = self.text[q.start:q.end]
            lower_next = first < len(doc) and doc[first].text[:1].islower()
            if not (_HANDS_ON.search(inner) or (_SENTENCE_END.search(inner) and lower_next)):
                return None
            if not self._opens_sentence(q) and not self._complements(q, cue):
                # "spoke of an “American backstop,” saying …": a fragment, not the said words;
                # but "Whatever his impact, “his chances are slim,” says …" is the said clause.
                return None
        elif q.open_mark > cue.idx:
            last = self._token_at(q.open_mark)
            gap = range(cue.i + 1, last)
            tail = [i for i in gap if not doc[i].is_space]
            if tail and doc[tail[-1]].text not in (",", ":", "that", "—", "–") and tail[-1] >= cue_span(cue)[1]:
                return None
            if any(doc[i].pos_ in ("VERB", "AUX") and i not in attribution_tokens for i in gap):
                return None
            if (not tail or doc[tail[-1]].lower_ == "that") and not self._ends_sentence(q):
                return None  # "says “the game is screwed up” because …": words woven into a paraphrase
        else:
            return None
        if len(gap) > MAX_GAP_TOKENS:
            return None
        for i in gap:
            token = doc[i]
            if "\n" in token.text and i > cue.i and i == gap[-1] and doc[i - 1].text == ":":
                continue  # "he declared:" closing a paragraph, the quotation opening the next
            if i in self.mark_tokens or token.text in ".?!" or "\n" in token.text:
                return None
            if i not in attribution_tokens and not token.is_punct:
                return None
        return len(gap)

    def _attribution_tokens(self, cue: Token) -> set[int]:
        """The cue's own clause minus its complements: speaker, cue words, adverbials."""
        own = {t.i for t in cue.subtree}
        for child in cue.children:
            if child.dep_ in ("ccomp", "xcomp", "parataxis") or (
                    child.dep_ == "dobj" and cue.lemma_ not in AUDIENCE_VERBS
                    and not (cue_span(cue)[0] <= child.i < cue_span(cue)[1])):
                own -= {t.i for t in child.subtree}
        if is_according(cue):
            own |= {t.i for t in cue.nbor(1).subtree}
        subject = subject_of(cue)
        if subject is not None and subject.i not in own and subject.sent == cue.sent:
            own |= {t.i for t in subject.subtree}  # subject of a climbed-to verb
        return own

    def quotes(self) -> list[Quote]:
        doc = self.doc
        attributions = {cue.i: self._attribution(cue) for cue, _ in self.cues}
        owners: dict[int, int] = {}  # quoted index -> cue index
        best: dict[int, int] = {}
        for cue, kind in self.cues:
            if kind == "FRAMING":
                continue  # framing verbs ("described them as “…”") never frame a free quotation
            own = self._attribution_tokens(cue)
            for n in self._near(cue):
                q = self.quoted[n]
                distance = self._gap_distance(q, cue, own)
                if distance is not None and (n not in best or distance < best[n]):
                    best[n], owners[n] = distance, cue.i
        results: list[Quote] = []
        direct_tokens: set[int] = set()
        for n, cue_i in owners.items():
            q = self.quoted[n]
            results.append(self._direct(q, attributions[cue_i]))
            direct_tokens.update(range(self._token_at(q.open_mark), self._token_at(q.end) + 1))

        consumed: set[int] = set(owners)
        attributed_at: list[tuple[int, _Attribution]] = [(self.quoted[n].end, attributions[c])
                                                        for n, c in owners.items()]
        # Speech cues first: a quoted fragment inside a nested "saying …" belongs to that saying,
        # not to a framing verb around it ("denounced supporters …, saying he doesn’t want “…”").
        for cue, kind in sorted(self.cues, key=lambda pair: pair[1] == "FRAMING"):
            if kind == "DIRECT_ONLY":
                continue
            speech = kind != "FRAMING"
            attribution = attributions[cue.i]
            content = reported_content(cue, cue_span(cue)[1], speech=speech)
            if content is None:
                continue
            start, end = self._within_paragraph(*content)
            if end <= start or any(i in direct_tokens for i in range(start, end)):
                continue
            end_char = doc[end - 1].idx + len(doc[end - 1])
            inside = list(range(bisect.bisect_left(self.quote_starts, doc[start].idx),
                                bisect.bisect_left(self.quote_starts, end_char)))
            if not speech:
                inside = [n for n in inside if n not in consumed]
            for n in inside:  # the marks belong with their quoted words
                start = min(start, self._token_at(self.quoted[n].open_mark))
                closing = self.quoted[n].close_mark
                if closing is not None and self._paragraph(closing) == self._paragraph(doc[start].idx):
                    end = max(end, self._token_at(closing) + 1)
            if not speech and not inside:
                continue
            keep = frozenset(i for n in inside for i in (self._token_at(self.quoted[n].open_mark),
                             self._token_at(self.quoted[n].close_mark or self.quoted[n].end)))
            start, end = trim(doc, start, end, keep)
            if sum(1 for t in doc[start:end] if not t.is_punct) < 2:
                continue
            span = doc[start:end]
            consumed.update(inside)
            results.append(Quote(span.start_char, span.end_char, span.text,
                                 kind="mixed" if inside else "indirect",
                                 speaker=attribution.speaker, cue=self._cue(attribution)))
            attributed_at.append((span.end_char, attribution))

        results.extend(self._continuations(consumed, attributed_at))
        results.sort(key=lambda quote: (quote.start, quote.end))
        return results

    def _within_paragraph(self, start: int, end: int) -> tuple[int, int]:
        """Reported content never runs past the paragraph it starts in."""
        paragraph = self._paragraph(self.doc[start].idx)
        for i in range(start, end):
            if self._paragraph(self.doc[i].idx) != paragraph:
                return start, i
        return start, end

    def _direct(self, q: Quoted, attribution: _Attribution) -> Quote:
        start, end = q.start, q.end
        while start < end and self.text[start] in _EDGE:
            start += 1
        while end > start and self.text[end - 1] in _EDGE:
            end -= 1
        return Quote(start, end, self.text[start:end], kind="direct",
                     speaker=attribution.speaker, cue=self._cue(attribution))

    def _cue(self, attribution: _Attribution) -> Span | None:
        if attribution.cue_range is None:
            return None
        span = self.doc[attribution.cue_range[0]:attribution.cue_range[1]]
        return Span(span.start_char, span.end_char, span.text)

    def _label(self, q: Quoted) -> _Attribution | None:
        """A name and a colon right before the quotation, as in a transcript ("Clinton: “…”")."""
        colon = self._token_at(q.open_mark) - 1
        if colon < 1 or self.doc[colon].text != ":":
            return None
        start = colon
        while start > 0 and colon - start < 4 and self.doc[start - 1].pos_ == "PROPN":
            start -= 1
        if start == colon or not any(t.ent_type_ in _SPEAKING_ENTITIES for t in self.doc[start:colon]):
            return None
        before = self.doc[start - 1] if start > 0 else None
        if before is not None and not ("\n" in before.text or before.text in ".?!"
                                       or before.i in self.mark_tokens):
            return None
        span = self.doc[start:colon]
        mention = mention_at(self.doc[colon - 1])
        return _Attribution(None, None, Speaker(span.start_char, span.end_char, span.text,
                                                actor=mention.actor if mention else None))

    # -- step 5: continuations ---------------------------------------------------------------
    def _continuations(self, consumed: set[int], attributed_at: list[tuple[int, _Attribution]]) -> list[Quote]:
        found: list[Quote] = []
        attributed_at = sorted(attributed_at, key=lambda pair: pair[0])
        for n, q in enumerate(self.quoted):
            if n in consumed:
                continue
            labelled = self._label(q)
            if labelled is not None:
                found.append(self._direct(q, labelled))
                attributed_at.append((q.end, labelled))
                attributed_at.sort(key=lambda pair: pair[0])
                continue
            if not self._stands_alone(q):
                continue
            paragraph = self._paragraph(q.open_mark)
            previous = [a for end, a in attributed_at if end <= q.open_mark]
            if not previous:
                continue
            attribution = previous[-1]
            last_end = max(end for end, a in attributed_at if a is attribution and end <= q.open_mark)
            same = self._paragraph(last_end) == paragraph
            adjacent = (self.settings.continue_across_paragraphs
                        and self._paragraph(last_end) == paragraph - 1
                        and self._opens_paragraph(q)
                        and not self._paragraph_has_cue(paragraph))
            if not (same or adjacent):
                continue
            quote = self._direct(q, attribution)
            found.append(quote)
            attributed_at.append((q.end, attribution))
            attributed_at.sort(key=lambda pair: pair[0])
        return found

    def _stands_alone(self, q: Quoted) -> bool:
        """The quotation is one or more whole sentences (nothing of the sentence outside it)."""
        if not self._opens_sentence(q) or self.text[q.open_mark - 1:q.open_mark] == ":":
            return False
        inner = self.text[q.start:q.end].rstrip()
        if not _SENTENCE_END.search(inner) and q.close_mark is not None:
            return False
        after = self.text[q.after:q.after + 3].lstrip(" \t")
        return not after or after[0] in "\n(" or after[0].isupper() or starts_with_mark(after)

    def _complements(self, q: Quoted, cue: Token) -> bool:
        """The quoted words are a clause the cue verb governs (its ccomp, or it their parataxis)."""
        first, last = self._token_at(q.start), self._token_at(max(q.start, q.end - 1))
        for token in self.doc[first:last + 1]:
            if token.head.i == cue.i and token.dep_ in ("ccomp", "parataxis"):
                return True
            if cue.head.i == token.i and cue.dep_ == "parataxis":
                return True
        return False

    def _ends_sentence(self, q: Quoted) -> bool:
        """Nothing of the sentence follows the quotation (or it was never closed)."""
        if q.close_mark is None or _SENTENCE_END.search(self.text[q.start:q.end].rstrip()):
            return True
        after = self.text[q.after:q.after + 3].lstrip(" \t")
        return not after or after[0] in ".?!\n"

    def _opens_sentence(self, q: Quoted) -> bool:
        p_start = self.paragraph_starts[self._paragraph(q.open_mark)]
        before = self.text[p_start:q.open_mark].rstrip()
        return not before or before[-1] in ".?!…:—" or ends_with_mark(before)

    def _opens_paragraph(self, q: Quoted) -> bool:
        p_start = self.paragraph_starts[self._paragraph(q.open_mark)]
        return not self.text[p_start:q.open_mark].strip()

    def _paragraph_has_cue(self, paragraph: int) -> bool:
        return any(self._paragraph(cue.idx) == paragraph for cue, kind in self.cues if kind != "FRAMING")
