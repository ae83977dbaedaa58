"""Credit lines: who reported, wrote or contributed, kept apart from the story's body.

"Andrew E. Kramer contributed reporting from Kyiv, Ukraine." is unmistakable anywhere in a
story; "X reported from Y." and "Produced by X." are credits only at the end of a story;
"By X and Y" bylines only at its start.
"""

from __future__ import annotations

import re

_NAME = r"[A-Z][\w.’'-]*(?:\s+(?:[A-Z][\w.’'-]*|de|van|von|der|al|bin|el|da|di|le|la))*"
_NAMES = rf"{_NAME}(?:\s*,\s*{_NAME})*(?:,?\s+and\s+{_NAME})?"

_CREDIT_ANYWHERE = re.compile(
    r"\bcontribut(?:ed|ing) (?:reporting|research|to this (?:report|article|story))\b"
    r"|^(?:additional )?(?:reporting|research) (?:was )?(?:contributed )?by\b"
    r"|^(?:additional|contributing) reporting\b",
    re.I,
)
_CREDIT_AT_END = re.compile(
    rf"^{_NAMES}\s+(?:reported|wrote|reported and wrote) (?:from|this)\b"
    r"|^(?:produced|edited|editing|written|photographs?|graphics|design|video|illustrations?) (?:and \w+ )?by\b"
    rf"|^[—–]\s*{_NAMES}(?:,\s*{_NAME}(?:/{_NAME})?)?\.?$"
    r"|^[\w\s,]{0,40}\b(?:compiled|written) by\b",
    re.I,
)
# names keep their capitals: not "By the end of…"; a word for the text may come first ("Story by X",
# "BYLINE: X"); names are listed with commas and "and", the last one after a comma too
_BYLINE = re.compile(rf"^(?:(?i:story|words|text|written|article|report)\s+|(?i:byline):\s*)?(?i:by\s+)?"
                     rf"{_NAME}(?:\s*,\s*(?:and\s+)?{_NAME})*(?:,?\s+and\s+{_NAME})?$")
_BYLINE_LEAD = re.compile(r"^(?:(?:story|words|text|written|article|report)\s+)?by\s|^byline:", re.I)
# "Ana Ruiz, Staff Writer", "By Ana Ruiz, Chief Correspondent", "Ana Ruiz, Baltic Wire, Staff Writer":
# the names, the paper perhaps, and their role on it
_ROLE = re.compile(rf"^(?:(?i:by)\s+)?{_NAME},\s+(?:[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){{0,3}},\s+)?"
                   r"(?:[A-Z][a-z]+\s+){0,2}"
                   r"(?:Writer|Reporter|Correspondent|Editor|Columnist|Contributor|Journalist|Critic)s?$")
MAX_CREDIT_CHARS = 300
_BYLINE_SEPARATOR = re.compile(r"\s+[|·•–—-]\s+")


def is_credit(line: str) -> bool:
    """A credit line that can stand anywhere in a story."""
    line = _unwrapped(line)
    return len(line) <= MAX_CREDIT_CHARS and bool(_CREDIT_ANYWHERE.search(line))


def is_closing_credit(line: str) -> bool:
    """A credit line as it closes a story ("X reported from Y.", "Produced by Z.", in
    parentheses or not)."""
    line = _unwrapped(line)
    return len(line) <= MAX_CREDIT_CHARS and (is_credit(line) or bool(_CREDIT_AT_END.search(line)))


def is_byline(line: str) -> bool:
    """"By X and Y" under a headline."""
    line = line.strip()
    if len(line) > 150:
        return False
    # "By Ana Ruiz | Reuters", "By Ana Ruiz - Associated Press": the names before the separator
    names = _BYLINE_SEPARATOR.split(line, maxsplit=1)[0].strip().rstrip(".")
    return bool((_BYLINE_LEAD.match(names) and _BYLINE.match(names)) or _ROLE.match(names)
                or _BY_PERSON_AND_MORE.match(line))


# "By Ana Ruiz, Sr. Director of Operations, Baltic Lines", "Story by Ana Ruiz, @aruiz, BALTIC WIRE": a
# person's name after "by", then a comma and whatever the paper adds (a role, a handle, a company)
_BY_PERSON_AND_MORE = re.compile(r"^(?:(?i:story|words|text|written|article|report)\s+)?(?i:by)\s+"
                                 r"[A-Z][a-z’'-]+(?: [A-Z]\.)?(?: [A-Z][a-z’'-]+){1,2},\s+\S")


def _unwrapped(line: str) -> str:
    """The line without the parentheses around all of it ("(Reporting by X; Editing by Y.)")."""
    line = line.strip()
    if line.startswith("(") and line.endswith((")", ").")) and line.count("(") == 1:
        return line.lstrip("(").rstrip(".").rstrip(")").strip()
    return line


# "Jonna Virtanen in Helsinki", "Ana Ruiz and Li Wen in Moscow": names (two or three words each)
# and where they filed from. Read only right under a headline: anywhere else the shape is also a
# headline's ("Protests Erupt in Paris").
_PERSON = r"[A-Z][a-z’'-]+(?: [A-Z][a-z’'.-]+){1,2}"
_FILED_FROM = re.compile(rf"^{_PERSON}(?:(?:, | and ){_PERSON})* in [A-Z][\w’'-]+(?: [A-Z][\w’'-]+){{0,2}}$")


def is_byline_under_headline(line: str) -> bool:
    """A byline as some papers print it under the headline: the names and where they filed from."""
    line = line.strip()
    return is_byline(line) or (len(line) <= 120 and bool(_FILED_FROM.match(line)))

