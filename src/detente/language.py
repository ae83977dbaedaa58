"""Which language an article is in, and whether detente analyses it.

detente's analysis (spaCy's English pipeline, English lexicons and knowledge-base names) is
English-only: an article in another language is kept with its text and metadata but not
analysed, and says so. The language comes from py3langid, a naive Bayes model over byte
n-grams shipped inside its PyPI package, chosen by measurement against lingua, langdetect and
CLD2 (BENCHMARKS.md, "Language"). It is restricted to the languages that have an ISO 639-1
code, which is what the contract reports (its Wu Chinese or Nigerian Pidgin labels otherwise
took short Mandarin and English headlines).

A text the identifier is unsure of (short, or unlike any language), or whose parts disagree
with one of them in English (mixed), is analysed as English with a note rather than dropped:
reading a foreign text as English costs a little noise, not reading an English one loses it.
"""

from __future__ import annotations

from collections import defaultdict
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
# The identifier reads a few windows spread over the text (start, middle, end), not all of it:
# enough to tell the language and to see a page that changes language, at a fixed cost.
WINDOW_CHARS = 300
MAX_WINDOWS = 3


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """The language an article is taken to be in, and how that was decided."""

    language: str  # ISO 639-1
    confidence: float  # the identifier's probability for `detected`; 1.0 when forced
    detected: str | None = None  # the identifier's best language; None when forced
    reason: str | None = None  # "unsure" or "mixed" when `language` is the fallback, else None

    @property
    def analysed(self) -> bool:
        return self.language in ANALYSED_LANGUAGES

    @property
    def note(self) -> str | None:
        """One line for the user when the article is not analysed or its language was assumed."""
        if self.reason == "unsure":
            return (f"language unsure (best guess {self.detected}, {self.confidence:.2f}): "
                    f"analysed as {language_name(self.language)}")
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

    def __init__(self, *, min_confidence: float = MIN_CONFIDENCE, window_chars: int = WINDOW_CHARS,
                 max_windows: int = MAX_WINDOWS) -> None:
        self.min_confidence = min_confidence
        self.window_chars = window_chars
        self.max_windows = max_windows
        weights, priors, labels, moves, rows, outputs = load_model(MODEL_DIR / MODEL_FILE)
        # The model's own set_languages() would keep the full table as well, and its column
        # slice is not contiguous, which halves the scoring speed: slice once, contiguously.
        keep = [i for i, code in enumerate(labels) if len(code) == 2]
        self._model = _NaiveBayes(np.ascontiguousarray(np.asarray(weights)[:, keep]), np.asarray(priors)[keep],
                                  [labels[i] for i in keep], moves, outputs, norm_probs=True, tk_row=rows)

    def __call__(self, text: str) -> LanguageGuess:
        votes = [self._model.classify(window) for window in self.windows(text)]
        support: dict[str, float] = defaultdict(float)
        for code, probability in votes:
            support[code] += probability / len(votes)
        best = max(support, key=support.__getitem__)
        if best not in ANALYSED_LANGUAGES and any(
                code == FALLBACK_LANGUAGE and p >= self.min_confidence for code, p in votes):
            return LanguageGuess(FALLBACK_LANGUAGE, support[best], best, "mixed")
        if support[best] < self.min_confidence:
            return LanguageGuess(FALLBACK_LANGUAGE, support[best], best, "unsure")
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
