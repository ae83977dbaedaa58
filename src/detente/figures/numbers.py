"""Numbers as news writes them: "300", "1,500", "2.5bn", "four", "twenty-five", "a dozen", "2 million".

A small parser of our own (no dependency): the extractor finds where a number is with spaCy's
Matcher and hands the words here for the value. Plural scale words ("tens", "hundreds of
thousands") are vague on purpose and give no value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
# These multiply what precedes them within a group ("three hundred", "two dozen");
# scales below close a group ("2 million").
MULTIPLIERS = {"hundred": 100, "dozen": 12}
SCALES = {
    "thousand": 1e3, "k": 1e3,
    "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "bln": 1e9,
    "trillion": 1e12, "tn": 1e12, "trn": 1e12,
}
# Plural scales make an amount vague: "tens of thousands", "hundreds of billions", "dozens".
VAGUE = {"tens", "dozens", "scores", "hundreds", "thousands", "millions", "billions", "trillions"}

NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS) | frozenset(MULTIPLIERS) | frozenset(SCALES)

# A numeral, possibly with a scale glued on ("2.5bn", "5m").
_NUMERAL = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([a-z]+)?$")


def parse_number(words: Sequence[str]) -> float | None:
    """The value of a number written in words and/or digits, or None if it is vague or not a number.

    >>> parse_number(["2.5bn"]), parse_number(["a", "dozen"]), parse_number(["half", "a", "million"])
    (2500000000.0, 12.0, 500000.0)
    """
    total = 0.0  # closed groups ("2 million" in "2 million 300 thousand")
    group = 0.0  # the group being built ("three hundred")
    seen = False
    for raw in words:
        word = raw.lower()
        if word in ("-", "and", "a", "an"):
            continue  # "twenty-five", "one hundred and ten", "a dozen", "a million"
        if word == "half":  # "half a million", "two and a half billion": scales multiply it
            group += 0.5
            seen = True
            continue
        if word in VAGUE:
            return None
        match = _NUMERAL.match(word)
        if match:
            digits, decimals, suffix = match.groups()
            value = float(digits.replace(",", "") + (decimals or ""))
            if suffix:
                if suffix not in SCALES:
                    return None
                value *= SCALES[suffix]
                total += group + value
                group = 0.0
            else:
                group += value
            seen = True
        elif word in UNITS:
            group += UNITS[word]
            seen = True
        elif word in TENS:
            group += TENS[word]
            seen = True
        elif word in MULTIPLIERS:
            group = (group or 1) * MULTIPLIERS[word]
            seen = True
        elif word in SCALES:
            total += (group or 1) * SCALES[word]
            group = 0.0
            seen = True
        else:
            return None
    return total + group if seen else None


def is_vague(words: Sequence[str]) -> bool:
    """True for amounts given only by plural scales: "tens of thousands", "hundreds of billions"."""
    return any(w.lower() in VAGUE for w in words)
