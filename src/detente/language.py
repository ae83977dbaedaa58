"""Which language an article is in, and whether detente analyses it.

detente's analysis (spaCy's English pipeline, English lexicons and knowledge-base names) is
English-only: an article in another language is kept with its text and metadata but not
analysed, and says so. The language comes from py3langid, a naive Bayes model over byte
n-grams shipped inside its PyPI package, chosen by measurement against lingua, langdetect and
CLD2 (BENCHMARKS.md, "Language"). It is restricted to the languages that have an ISO 639-1
code, which is what the contract reports (its Wu Chinese or Nigerian Pidgin labels otherwise
took short Mandarin and English headlines).

A text the identifier is unsure of (short, or without words) where English is plausible, or
whose parts disagree with one of them in English (mixed), is analysed as English with a note
rather than left out: reading a foreign text as English costs a little noise, not reading an
English one loses it. A text unsure only between other languages (Russian or Bulgarian) is not
English and is not analysed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pycountry
from py3langid.langid import MODEL_DIR, MODEL_FILE
from py3langid.langid import LanguageIdentifier as _NaiveBayes
from py3langid.modelio import load_model

from detente.model import Article

# The languages detente's analysis reads; every other article keeps empty lists.
ANALYSED_LANGUAGES = frozenset({"en"})
# What an unsure or mixed text is read as.
FALLBACK_LANGUAGE = "en"
# The identifier's probability (calibrated by py3langid across lengths) below which it is
# unsure; at 0.5 the best language outweighs all the others together.
MIN_CONFIDENCE = 0.5
# When unsure, English is plausible if at least this fraction as likely as the best guess (short
# English headlines: 0.3 and up; a Cyrillic or Chinese line: 0).
ENGLISH_PLAUSIBLE = 0.25
# The identifier reads a few windows spread over the text (start, middle, end), not all of it:
# enough to tell the language and to see a page that changes language, at a fixed cost
# (about a third less than windows of 300 characters, and as accurate: BENCHMARKS.md).
WINDOW_CHARS = 200
MAX_WINDOWS = 3


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """The language an article is taken to be in, and how that was decided."""

    language: str  # ISO 639-1
    confidence: float  # the identifier's probability for `detected`; 1.0 when forced
    detected: str | None = None  # the identifier's best language; None when forced or without words
    reason: str | None = None  # "unsure" or "mixed" when `language` is the fallback, else None

    @property
    def analysed(self) -> bool:
        return self.language in ANALYSED_LANGUAGES

    @property
    def note(self) -> str | None:
        """One line for the user when the article is not analysed or its language was assumed."""
        if self.reason == "unsure":
            why = f"best guess {self.detected}, {self.confidence:.2f}" if self.detected else "no words"
            return f"language unsure ({why}): analysed as {language_name(self.language)}"
        if self.reason == "mixed":
            return f"mixed languages ({self.detected}, {self.language}): analysed as {language_name(self.language)}"
        if not self.analysed:
            return f"not analysed: language {self.language}"
        return None


def language_name(code: str) -> str:
    language = pycountry.languages.get(alpha_2=code)
    return language.name if language else code


def check_language(code: str) -> str:
    """An ISO 639-1 code as given by a user, lower-cased, or ValueError saying what is wrong."""
    code = code.strip().lower()
    if len(code) != 2 or pycountry.languages.get(alpha_2=code) is None:
        raise ValueError(f"{code!r} is not an ISO 639-1 language code (two letters, such as en, pt, ru)")
    return code


def forced(code: str) -> LanguageGuess:
    """The guess for a language the user gave (`--language`): taken as it is, no note."""
    return LanguageGuess(check_language(code), 1.0)


class LanguageIdentifier:
    """`identify(text) -> LanguageGuess`: the language of a text, with the fallback applied."""

    def __init__(self, *, min_confidence: float = MIN_CONFIDENCE, english_plausible: float = ENGLISH_PLAUSIBLE,
                 window_chars: int = WINDOW_CHARS, max_windows: int = MAX_WINDOWS) -> None:
        self.min_confidence = min_confidence
        self.english_plausible = english_plausible
        self.window_chars = window_chars
        self.max_windows = max_windows
        weights, priors, labels, moves, rows, outputs = load_model(MODEL_DIR / MODEL_FILE)
        # The model's own set_languages() would keep the full table as well, and its column
        # slice is not contiguous, which halves the scoring speed: slice once, contiguously.
        keep = [i for i, code in enumerate(labels) if len(code) == 2]
        self._model = _NaiveBayes(np.ascontiguousarray(np.asarray(weights)[:, keep]), np.asarray(priors)[keep],
                                  [labels[i] for i in keep], moves, outputs, norm_probs=True, tk_row=rows)

    def __call__(self, text: str) -> LanguageGuess:
        if not any(char.isalpha() for char in text):
            return LanguageGuess(FALLBACK_LANGUAGE, 0.0, None, "unsure")
        pieces = self.windows(text)
        votes = [self._model.classify(pieces[0])]
        if votes[0][0] == FALLBACK_LANGUAGE and votes[0][1] >= self.min_confidence:
            # One confidently English window makes a text English (below: alone or mixed), so an
            # English opening settles it, at a third of the cost; a page that goes on in another
            # language is then not noted as mixed.
            return LanguageGuess(FALLBACK_LANGUAGE, votes[0][1], FALLBACK_LANGUAGE)
        votes += [self._model.classify(piece) for piece in pieces[1:]]
        if len({code for code, _ in votes}) == 1 and min(p for _, p in votes) >= self.min_confidence:
            # The common case, one language throughout: the full ranking costs a third more.
            return LanguageGuess(votes[0][0], sum(p for _, p in votes) / len(votes), votes[0][0])
        windows = [dict(self._model.rank(piece)) for piece in pieces]
        support = {code: sum(w[code] for w in windows) / len(windows) for code in windows[0]}
        best = max(support, key=support.__getitem__)
        fallback = FALLBACK_LANGUAGE
        if best in ANALYSED_LANGUAGES:
            return LanguageGuess(best, support[best], best)
        if any(max(w, key=w.__getitem__) == fallback and w[fallback] >= self.min_confidence for w in windows):
            return LanguageGuess(fallback, support[best], best, "mixed")
        if support[best] < self.min_confidence and support[fallback] >= self.english_plausible * support[best]:
            return LanguageGuess(fallback, support[best], best, "unsure")
        return LanguageGuess(best, support[best], best)

    def windows(self, text: str) -> list[str]:
        """Up to `max_windows` pieces of `window_chars`, evenly spread, each starting on a word."""
        text = text.strip()
        count = min(self.max_windows, len(text) // self.window_chars) or 1
        if count == 1:
            return [text[:self.window_chars * self.max_windows]]
        step = (len(text) - self.window_chars) / (count - 1)
        pieces = []
        for i in range(count):
            start = int(i * step)
            space = text.find(" ", start, start + self.window_chars // 2) if start else -1
            if space >= 0:  # text without spaces (Chinese, Japanese) is cut where it falls
                start = space + 1
            pieces.append(text[start:start + self.window_chars])
        return pieces


@lru_cache(maxsize=1)
def load_identifier() -> LanguageIdentifier:
    """The identifier with detente's settings, loaded once per process (its model takes ~2 s)."""
    return LanguageIdentifier()


def article_sample(article: Article) -> str:
    """What the identifier reads: the headline, then the body."""
    return f"{article.headline}\n{article.text}" if article.headline else article.text


def set_language(article: Article, guess: LanguageGuess) -> Article:
    article.language = guess.language
    article.analysed = guess.analysed
    article.language_note = guess.note
    return article
