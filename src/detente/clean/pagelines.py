"""Short lines that belong to the page, not to a story: labels, links, captions, stamps, share bars.

They are recognised by their shape, not by their wording:
- a line in brackets or parentheses of its own ("[Video: …]", "(Credit: …)"): an insert;
- a line made only of the page's own vocabulary (media, sharing, commerce, navigation, stamps)
  and function words or numbers ("Tweet Share Email", "Story continues below advertisement",
  "Comments (214)", "Play video 2:14");
- a label and a colon in front of a link or a credit ("Read more: <another headline>",
  "Photo: <agency>"), when the label is page vocabulary;
- a time stamp: a short line of time words and numbers with at most a stamp verb
  ("Updated 3 hours ago", "Last modified on Tuesday 12 November 2016 09.30 GMT");
- a caption: a sentence closed by a credit ("… in Reno. (Bloomberg)", "… Capitol. Getty Images").

The vocabulary is a handful of word classes (what a page says about itself), one word at a
time; no phrase of any one site is listed.
"""

from __future__ import annotations

import re
from itertools import islice

from detente.clean.datelines import is_date_line

# Word classes of the page talking about itself (lower case, whole words).
_MEDIA = "player playback loading unavailable live video videos photo photos photograph photographs photography " \
         "pic pics photographer picture pictures pictured image images media clip clips " \
         "gallery slideshow audio podcast watch watching play playing replay listen caption captions credit credits " \
         "enlarge autoplay copyright illustration length fullscreen unmute mute subtitles subtitle pause paused " \
         "volume transcript transcripts screen courtesy duration"
_SHARING = "share shares shared sharing tweet email e-mail print copy copied link links facebook twitter linkedin " \
           "whatsapp instagram reddit pinterest telegram flipboard messenger save bookmark app apps spotify youtube " \
           "bluesky x pin gift reuse url"
_COMMENTS = "comment comments commenting reply replies conversation discussion community upvote upvotes " \
            "downvote downvotes moderated moderation"
# The comment section's own words, rare in news prose ("declined to comment" is the exception the
# rule below leaves alone: it needs the page's voice too)
_COMMENT_SECTION = "comments commenting commenter commenters moderation moderated moderator moderators " \
                   "upvote upvotes upvoted downvote replies off-topic"
# The page's rules and corrections, as its footer names them.
_HOUSE = "policy policies guidelines rules standards corrections correction error errors contact " \
         "reprints permissions licensing rights reserved terms privacy cookies"
_COMMERCE = "sponsored sponsor sponsors promoted promotion partner partners advertiser advertisers advertisement " \
            "advertisements advert advertising ad ads ad-free paid presented feedback partnership brought premium " \
            "deals offer offers distributed syndicated powered advertorial advertorials adchoices"
_NAVIGATION = "read more related recommended also see view show next previous continue continues continued " \
              "below above after top back skip trending popular latest stories story article articles coverage " \
              "content post posts you might like scroll picks reading site miss don't " \
              "toggle expand collapse hide fullscreen sort sorted newest oldest showing full exit " \
              "tags tagged topics categories category uncategorized"
# The sections a news site files its stories under: a line of these words alone is the page's
# navigation or a section label ("World", "Europe", "US elections 2016"), not a story's line.
_SECTIONS = "world europe european asia africa americas australia middle east global international national " \
            "local regional us u.s. uk politics political opinion opinions business economy markets money " \
            "finance personal technology tech science health wellness climate environment education culture " \
            "arts books film movies music tv television style fashion food travel lifestyle sport sports " \
            "football weather news elections election analysis features investigations editorials letters " \
            "columns columnists commentary obituaries crossword puzzles games jobs property motoring cars"
_STAMP = "updated published posted modified changed last first edited originally filed created revised reviewed date " \
         "dated as update original"
_TIME = "ago h m min mins minute minutes hr hrs hour hours day days week weeks sec secs seconds am pm a.m. p.m. " \
        "et est edt pt pst cet bst gmt utc today yesterday now monday tuesday wednesday thursday friday " \
        "saturday sunday mon tue tues wed thu thur thurs fri sat sun " \
        "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april " \
        "june july august september october november december"
# "Just now", "Yesterday": a stamp that says how recent, with no number at all
# the same in the languages of Europe's big papers, as their stamps print them
# ("14.03.2024, 08:15 Uhr", "19 de abril de 2025, 10:42", "mis à jour le 5 juin")
_TIME_ABROAD = "uhr enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre " \
               "diciembre janvier février fevrier mars avril mai juin juillet août aout octobre décembre " \
               "januar jänner februar märz juni juli oktober dezember gennaio febbraio aprile maggio giugno " \
               "luglio settembre ottobre dicembre janeiro fevereiro março maio junho julho setembro outubro " \
               "novembro dezembro januari februari maart mei augustus lunes martes miércoles jueves viernes " \
               "sábado domingo lundi mardi mercredi jeudi vendredi samedi dimanche montag dienstag mittwoch " \
               "donnerstag freitag samstag sonntag"
_STAMP_ABROAD = "actualizado publicado aktualisiert veröffentlicht publié mis jour aggiornato pubblicato " \
                "atualizado de del le el um à às"
_RECENT = "now today yesterday tonight just earlier"
# "4 min read", "Listen · 6 min": how long the story takes, printed beside its stamp
_DURATION = "read reading listen watch"
_FUNCTION = "a an the this that these our us on of in to for by via with and or at from it is here all up now " \
            "most so far later"

FUNCTION_WORDS = frozenset(_FUNCTION.split())
COMMENT_SECTION_WORDS = frozenset(_COMMENT_SECTION.split())
MEDIA_WORDS = frozenset(_MEDIA.split()) - frozenset("live watch watching play playing listen".split())
PAGE_WORDS = frozenset((_MEDIA + " " + _SHARING + " " + _COMMENTS + " " + _COMMERCE + " " + _NAVIGATION + " "
                        + _HOUSE).split())
# Words that make a colon label a link or credit ("Read more:", "Photo:"); "The Latest:" and
# "Trending:" open real headlines too.
_LABEL_WORDS = PAGE_WORDS - frozenset("you might like story stories article articles content coverage latest trending "
                                      "popular top live".split())
# The page's own things, named in a line put to the reader ("Leave a comment below."): nouns only,
# since the verbs (share, watch, read) are everyday words of news prose.
PAGE_THINGS = frozenset("video videos photo photos picture pictures image images gallery slideshow podcast "
                        "comment comments conversation app apps article articles story stories advertisement "
                        "ads subscription subscriptions membership player playback device journalism "
                        "podcasts newsletter".split())
_STAMP_WORDS = frozenset(_STAMP.split()) | frozenset(_STAMP_ABROAD.split())
SECTION_WORDS = frozenset(_SECTIONS.split())
SECTION_MAX_WORDS = 4
_COMMERCE_WORDS = frozenset(_COMMERCE.split())
_TIME_WORDS = frozenset(_TIME.split()) | frozenset(_TIME_ABROAD.split())
TIME_WORDS = _TIME_WORDS
STAMP_WORDS = _STAMP_WORDS
_FUNCTION_WORDS = frozenset(_FUNCTION.split())
COMMENT_SECTION_WORDS = frozenset(_COMMENT_SECTION.split())
MEDIA_WORDS = frozenset(_MEDIA.split()) - frozenset("live watch watching play playing listen".split())

_AGE_UNITS = frozenset("h m min hr d w wk mo y yr".split())
_RECENT_WORDS = frozenset(_RECENT.split())
_CALENDAR_WORDS = frozenset("today yesterday tonight monday tuesday wednesday thursday friday saturday sunday mon tue "
                            "tues wed thu thur thurs fri sat sun jan feb mar apr may jun jul aug sep sept oct nov dec "
                            "january february march april june july august september october november december".split()
                            ) | frozenset(_TIME_ABROAD.split()) - {"uhr"}
_DURATION_WORDS = frozenset(_DURATION.split())
_MINUTES = frozenset("min mins minute minutes".split())
# every word a time stamp may hold, besides its numbers
_STAMP_VOCABULARY = _TIME_WORDS | _STAMP_WORDS | _FUNCTION_WORDS | _RECENT_WORDS | _DURATION_WORDS | _AGE_UNITS
STAMP_MAX_WORDS = 24  # "Published: 10:42 GMT, 19 March 2025 | Updated: 12:01 GMT, 19 March 2025"
# numbers as stamps print them: "10:42", "19/02/2025", "2025-02-19T08:15:00Z"
_TOKEN = re.compile(r"[A-Za-z][A-Za-z.'’-]*|\d[\d:.,/]*(?:-\d[\d:.,/]*)*(?:T[\d:.]+(?:Z|[+-]\d[\d:]*)?)?")
# a time zone as a stamp prints it after the clock: "08:15 IST", "10:32 AEDT"
_ZONE = re.compile(r"(\d(?:[ap]\.?m\.?)?\s+)\(?([A-Z]{2,5})\b\)?")
_INSERT = re.compile(r"^[\[(][^\[\]()]{1,200}[\])]\.?$")
_LABELLED = re.compile(r"^\[?([A-Za-z][\w ]{0,24}?)\s*[:|]\s*(\S.*)$")
_NUMBERISH = re.compile(r"^\d[\d:.,]*$")
_DIGIT = re.compile(r"\d")
_DOTTED_DATE = re.compile(r"^\d{1,2}\.\d{1,2}\.(?:\d\d){1,2}$")  # "19.02.2025", as much of Europe prints it
_STAMP_NUMBER = re.compile(r"^\d[\d:.,/]*(?:-\d[\d:.,/]*)*(?:t[\d:.]+(?:z|[+-]\d[\d:]*)?)?$")
_TERMINAL = re.compile(r"[.!?…][\"”’)]*$")
_ELLIPSIS = re.compile(r"(?:\.\.\.|…)$")
# "Photo by X", "Image copyright X", "Brought to you by X", "In partnership with X": a few lower-case
# words naming the page's media or its money, then whom they belong to
_CREDIT_LINE = re.compile(r"^([A-Z][a-z]*(?: [a-z]+){0,4}) (?:by|with|copyright|courtesy of|from)[:]? "
                          r"([A-Z][\w.’'&-]*(?:[ /][A-Z][\w.’'&-]*|/| of| the| and){0,6})$")
# a sentence closed by a labelled credit: "… in Iowa on Monday. Photo: Reuters", "… Credit: AFP",
# "… Photo / Jane Doe", "… Image by Reuters" (with a stop after it, the credit is a sentence of the
# caption some corpora keep in the text)
_LABELLED_CREDIT = re.compile(r"[.!?][\"”’]?\s+([A-Z][a-z]+(?: [a-z]+)?)(?::|\s/|\s+by)\s+([A-Z][^.!?]{1,50})$")
# "(Photo: Agency)", "(Bloomberg)", "(AP Photo/Evan Vucci)" closing a sentence; or a bare credit after it.
_CLOSING_CREDIT = re.compile(r"[.!?][\"”’]?\s+"
                             r"(?:\(([^()]{2,60})\)|([A-Z][\w.’'-]*(?:[ /][A-Z][\w.’'-]*){0,4}))$")

MAX_WORDS = 12
# who made the story ("Podcast produced by …") is its credit, not the page's
_MAKING = frozenset("produced written edited reported compiled hosted narrated".split())
_COPULAS = frozenset("is are was were be been has have had will would can could".split())
RIGHTS_MAX_WORDS = 20
_RIGHTS_HINTS = ("©", "(c)", "opyright", "ights reserved", "ermission", "onsent", "esponsible", "o part of",
                 "owner", "ommons", "CC BY")  # cheap test first
# "Image caption …", "Photo credit …", "Image source, …": a caption or credit under a two-word label
_CAPTION_LABEL_WORDS = MEDIA_WORDS | {"source"}
# The page's legal lines. A news sentence may name copyright ("sued for copyright infringement"),
# so the word counts only as a notice: the sign, "Copyright" with a year or the sign, the reserved
# rights, or a ban on copying put as a rule that ends the line ("may not be reproduced … without
# permission."; not "… without permission, the court ruled").
_RIGHTS = re.compile(r"©|\(c\) (?:19|20)\d\d|\(c\) copyright|^copyright (?:(?:19|20)\d\d|©)|\ball rights reserved\b"
                     r"|^no part of this\b|\bproperty of (?:their|its) (?:respective )?owners?\b|\bcreative commons\b"
                     r"|\bCC BY\b"
                     r"|\b(?:may|must|can)(?:not| not)\b[^.;]{0,40}\b(?:reproduced|republished|redistributed|rewritten"
                     r"|broadcast|copied|reprinted)\b[^.;]{0,60}\bwithout\b[^.;]{0,20}\b(?:permission|consent)\b[^,;]{0,40}$"
                     r"|\bsolely responsible for (?:all |the )?content\b", re.I)


# A note the page puts on a story about the page or its business, under its label: "Disclosure: …",
# "Disclaimer: …", "Archived article: …". (An editor's note, a correction or an update is the
# newsroom speaking of the story itself: it stays with the story, as the papers print it.)
_NOTE_LABEL = re.compile(r"^(?:disclosures?|disclaimers?|(?:affiliate|transparency) (?:note|disclosure)"
                         r"|archived? (?:article|story|content|page))\s*[:—–-]\s*\S", re.I)
# The words of the page's legal lines: two in one short line that reports nothing are a notice
# ("Unauthorised reproduction is prohibited.", "For syndication requests, contact our licensing team.")
_RIGHTS_WORDS = frozenset("copyright copyrighted reproduction reproduced reproduce republication republish republished "
                          "syndication syndicated licensing licence license licensed reprint reprints reuse reused "
                          "unauthorised unauthorized prohibited permission permissions trademark trademarks "
                          "rights reserved protected scraping permitted licensed reprinted".split())
RIGHTS_WORDS_NEEDED = 2
_RIGHTS_WORD_HINTS = ("opyright", "eproduc", "epublic", "yndicat", "icen", "eprint", "euse", "nauthori", "rohibit",
                      "ermission", "rademark", "ights", "rotected", "craping", "ermitted")  # substrings, any case
_SAYS = frozenset("said says told according court judge ruled sued lawsuit".split())


# A link's arrow at the end of a line ("… talks ›", "More »"): the line points somewhere else.
_LINK_ARROW = re.compile(r"\s[›»→]$")
# Separators of a navigation line: a breadcrumb, a footer's links, a tag list, a share bar.
_NAV_SEPARATOR = re.compile(r"\s+[|/›»>·•]\s+")
_SEPARATOR_CHAR = re.compile(r"[|/›»>·•]")  # (a cheap test first)
NAV_SEGMENT_WORDS = 4
PAIR_SEGMENT_WORDS = 2


# A gallery's or a player's counter: "3 of 12", "Photo 2/5", "Item 4 of 9", "1:02 / 3:45"; or
# the page counting its readers' doings: "12K followers", "1.2M views", "3.4K shares"
_COUNT_OR_CLOCK = r"(?:\d{1,3}|\d{1,2}:\d{2}(?::\d{2})?)"
_COUNTER = re.compile(rf"^(?:[A-Za-z]+ )?{_COUNT_OR_CLOCK} ?(?:of|/) ?{_COUNT_OR_CLOCK}$"
                      r"|^\d[\d.,]*\s?[KkMm]?\s+(?:followers|subscribers|likes|views|shares|reactions)$")
# A photographer and the paper or agency she works for, alone on a line: "Jane Doe/The Daily Ledger"
# (a name of two words at least: "Pick-Up/Drop-Off Catering" is a subheading)
# (no final stop: a credit some papers print as the last sentence of a caption stays with the text)
_SLASH_CREDIT = re.compile(r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3} ?/ ?(?:[Tt]he )?[A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*){0,4}"
                           r"(?<!\.)$")


def page_line(line: str) -> str | None:
    """Why `line` belongs to the page rather than to a story, or None if it may be news."""
    line = line.strip()
    words = line.count(" ") + 1
    if words > 40:
        return None
    if _INSERT.match(line) and words <= MAX_WORDS and any(_word(t) in PAGE_WORDS or _word(t) in _STAMP_WORDS
                                                          for t in _TOKEN.findall(line)):
        return "an insert in brackets"  # "[Video: …]", "(Credit: …)"; not "(SOUNDBITE OF …)"
    caption = _caption(line)
    if caption:
        return caption
    if words <= RIGHTS_MAX_WORDS and any(hint in line for hint in _RIGHTS_HINTS) and _RIGHTS.search(line):
        return "a rights notice"  # "© 2016 …", "All rights reserved.", "may not be reproduced without permission"
    digits = _DIGIT.search(line) is not None  # (cheap tests first: every paragraph of a page comes here)
    if digits and _COUNTER.match(line):
        return "a counter of a gallery, a player or the page's readers"
    if "/" in line and _SLASH_CREDIT.match(line):
        return "a credit: a name and the paper or agency it works for"
    if line[-1:] in "›»→" and _LINK_ARROW.search(line):
        return "a link: it ends with an arrow"
    if _SEPARATOR_CHAR.search(line) and _NAV_SEPARATOR.search(line):
        if _is_navigation(line):
            return "a navigation line: short parts between separators"
        if _stamp_beside_a_label(line):
            return "a time stamp beside a name or a label"
    if (":" in line or "—" in line or "–" in line or "-" in line) and _NOTE_LABEL.match(line):
        return "a note the page puts on the story"
    labelled = _LABELLED.match(line)
    if labelled:
        label = [t.lower() for t in _TOKEN.findall(labelled.group(1))]
        rest = labelled.group(2).split()
        linked = len(rest) <= 15 or (len(rest) <= 25 and not _TERMINAL.search(line))  # a link, not prose
        # the label is the page's words, or a few lower-case words around one ("Further reading:")
        # (a lower-case label names a place of the page; one with a verb is a headline's first
        # half: "Bill is back: …")
        plain = all(t in PAGE_WORDS or t in _FUNCTION_WORDS for t in label) or \
            (labelled.group(1).strip()[1:] == labelled.group(1).strip()[1:].lower() and not set(label) & _COPULAS)
        # (a label that says "no" is a headline's first half: "Spoiler no more: …", "Not done yet: …")
        if label and len(label) <= 4 and linked and plain and any(t in _LABEL_WORDS for t in label) \
                and not {"no", "not", "never"} & set(label):
            return f"a page label in front of a link or credit: {labelled.group(1).strip()}"
    if words <= 25 and line[:1].isupper():
        first = [_word(m.group()) for m in islice(_TOKEN.finditer(line), 3)]  # (no need to read on)
        if len(first) == 3 and first[0] in MEDIA_WORDS and first[1] in _CAPTION_LABEL_WORDS:
            return "a caption or credit under its label: " + " ".join(first[:2])  # "Image caption …", "Photo credit …"
    if words > STAMP_MAX_WORDS:
        return None
    # (a longer line is read word by word only if it may be a stamp or a notice: every paragraph of
    # a page comes here, and most are prose)
    if words > MAX_WORDS and not digits and not any(hint in line for hint in _RIGHTS_WORD_HINTS):
        return None
    legal = any(hint in line for hint in _RIGHTS_WORD_HINTS)
    tokens = [_word(t) for t in _TOKEN.findall(line)]
    if not tokens:
        return None
    zoned = _ZONE.sub(r"\1gmt", line) if digits else line
    if _only_stamp(tokens if zoned == line else [_word(t) for t in _TOKEN.findall(zoned)]) \
            and not is_date_line(line):  # a date line is the splitter's (datelines.py)
        return "a time stamp"
    if legal and words <= RIGHTS_MAX_WORDS and (
            sum(t in _RIGHTS_WORDS for t in tokens) >= RIGHTS_WORDS_NEEDED
            or (words <= MAX_WORDS and set(tokens) & _RIGHTS_WORDS and set(tokens) & MEDIA_WORDS)) \
            and _reads_as_notice(tokens):
        # two words of the legal vocabulary, or one beside a photo's ("image may be subject to copyright")
        return "a rights notice: " + ", ".join(dict.fromkeys(t for t in tokens if t in _RIGHTS_WORDS))
    if words > MAX_WORDS:
        return None
    page = [t for t in tokens if t in PAGE_WORDS]
    if page and all(t in PAGE_WORDS or t in _FUNCTION_WORDS or t in _TIME_WORDS or _NUMBERISH.match(t)
                    for t in tokens) \
            and not _TERMINAL.search(line):
        return "made of page words only: " + ", ".join(dict.fromkeys(page))
    if len(tokens) <= 8 and tokens[0] in _COMMERCE_WORDS and tokens[1:2] == ["by"]:
        return "a sponsor's label"
    if _ELLIPSIS.search(line) and page and all(t in PAGE_WORDS or t in _FUNCTION_WORDS or _NUMBERISH.match(t)
                                              for t in tokens):
        return "made of page words only: " + ", ".join(dict.fromkeys(page))
    credit = _CREDIT_LINE.match(line)
    if credit and len(tokens) <= 10:
        lead = [_word(t) for t in credit.group(1).split()]
        if any(t in PAGE_WORDS for t in lead) and all(t in PAGE_WORDS or t in _FUNCTION_WORDS for t in lead[1:]) \
                or (any(t in MEDIA_WORDS for t in lead) and not set(lead) & _MAKING):  # "Handout photo released by …"
            return "a credit or sponsor line: " + credit.group(1)
    return None


def _is_navigation(line: str) -> bool:
    """Short parts, none a sentence, between separators: "News > UK > Home News", "Terms |
    Privacy | Cookies", "Tags: Ferries · Baltic · Weather" ("Opinion | Why the talks failed" is
    a headline under its label: its second part is long)."""
    parts = _NAV_SEPARATOR.split(line)
    if len(parts) < 2 or (len(parts) == 2 and any(p.count(" ") + 1 > PAIR_SEGMENT_WORDS for p in parts)):
        return False  # two parts: a label on a short headline ("Opinion | The Ferry Problem") may be one
    if ("|" in line or "/" in line) and (any(c.isdigit() for c in line) or line.startswith(("|", "/")) or not any(
            _word(t) in PAGE_WORDS or _word(t) in SECTION_WORDS for t in _TOKEN.findall(line))):
        # a row of a table ("Ball State | $346 | $464"), or its header row, or a few words set
        # apart by slashes ("rain / sleet / snow"), which have the text's words; a footer's links
        # and a breadcrumb ("Home / News / Iowa") have the page's
        return False
    return all(p.count(" ") + 1 <= NAV_SEGMENT_WORDS and not _TERMINAL.search(p) for p in parts)


def _stamp_beside_a_label(line: str) -> bool:
    """"Anonymous · 2 hours ago", "Posted by ferryfan · 3h": a few words and a time stamp, between
    separators (a comment's or a feed's header)."""
    parts = _NAV_SEPARATOR.split(line)
    return len(parts) == 2 and all(p.count(" ") < NAV_SEGMENT_WORDS for p in parts) and any(
        _only_stamp([_word(t) for t in _TOKEN.findall(p)]) for p in parts)


_PASSIVE_AFTER = frozenset("be is are was were been being not".split())


def _reads_as_notice(tokens: list[str]) -> bool:
    """A rule or a label, not a news sentence: no reporting, no subject opened by an article, no
    verb in the past ("The band lost the rights to reprint …" is news). A participle after a form
    of "be" is the passive a rule is written in ("may not be used", "is not permitted"), and one
    opening the line qualifies its subject ("Automated access … is not permitted")."""
    return not _SAYS & set(tokens) and tokens[0] not in ("the", "a", "an") \
        and not any(t.endswith("ed") and t not in _RIGHTS_WORDS and k and tokens[k - 1] not in _PASSIVE_AFTER
                    for k, t in enumerate(tokens))



def _word(token: str) -> str:
    """A token as the word classes spell it: lower case, a final period kept only where it belongs ("p.m.")."""
    lower = token.lower()
    return lower if lower in _TIME_WORDS else lower.rstrip(".,")


def _only_stamp(tokens: list[str]) -> bool:
    """Time words and numbers with a stamp verb or an "ago" ("Updated 3 hours ago", "12 hrs ago");
    a bare clock time ("11:20 p.m.") heads a live-blog entry and stays."""
    if any(t not in _STAMP_VOCABULARY and not t[:1].isdigit() for t in tokens):
        return False  # a word no stamp holds (most lines end here)
    if all(t in _RECENT_WORDS or t in _FUNCTION_WORDS for t in tokens) and set(tokens) & _RECENT_WORDS:
        return True  # "Just now", "Yesterday", "Just in"
    timely = [t for t in tokens if t in _TIME_WORDS or _STAMP_NUMBER.match(t)]
    if not timely:
        return False
    rest = [t for t in tokens if t not in _TIME_WORDS and not _STAMP_NUMBER.match(t) and t not in _AGE_UNITS]
    timed = bool(_MINUTES & set(tokens))  # "4 min read": how long the story takes
    if not all(t in _STAMP_WORDS or t in _FUNCTION_WORDS or t in _RECENT_WORDS
               or (timed and t in _DURATION_WORDS) for t in rest):
        return False
    if set(rest) & _STAMP_WORDS or any(t in ("ago", "hrs", "mins") for t in tokens) or (timed and rest):
        return True
    if not set(rest) - _FUNCTION_WORDS and any(_NUMBERISH.match(t) for t in tokens) \
            and any(t in _CALENDAR_WORDS for t in tokens):
        return True  # "Feb 19 2025 - 10:42 AM", "Yesterday at 9:15 PM", "Monday, January 19"
    machine = [t for t in timely if t[:1].isdigit() and (not _NUMBERISH.match(t) or _DOTTED_DATE.match(t))]
    if machine and (len(timely) >= 2 or "t" in machine[0] or _DOTTED_DATE.match(machine[0])):
        return True  # "19/02/2025 08:15 IST", "2025-02-19T08:15:00Z": a machine's stamp
    if len(tokens) == 2 and _NUMBERISH.match(tokens[0]) and tokens[1] in _AGE_UNITS:
        return True  # "20m", "5 h": how long ago, as a feed prints it
    # A clock time alone heads a live-blog entry and stays; a date line (with or without its time)
    # is the story's date under its headline, so the splitter decides (clean/datelines.py).
    return False


def _caption(line: str) -> str | None:
    """A photo caption: a sentence followed by its credit, in parentheses or bare."""
    labelled = _LABELLED_CREDIT.search(line)
    if labelled and line.count(" ") >= 4:
        label = [_word(t) for t in labelled.group(1).split()]
        if any(t in PAGE_WORDS for t in label) and all(t in PAGE_WORDS or t in _FUNCTION_WORDS for t in label):
            return "a caption with its credit"
    match = _CLOSING_CREDIT.search(line)
    if not match:
        return None
    if line[:match.start()].count(" ") < 3:
        return None  # "1. Multimeter": a numbered item, not a sentence with its credit
    credit = match.group(1) or match.group(2)
    tokens = [t.lower() for t in _TOKEN.findall(credit)]
    if match.group(1):
        # "(Photo: Reuters)", "(AP Photo/Evan Vucci)", "(Bloomberg)": a credit, not an aside in prose
        if _TERMINAL.search(credit):
            return None  # "(Labor is more spread out.)": an aside, not a credit
        if any(t in PAGE_WORDS for t in tokens) or "/" in credit or \
                all(w[:1].isupper() for w in credit.split()) and len(credit.split()) <= 4:
            return "a caption with its credit"
        return None
    # a bare credit after the last sentence: a few capitalised words, an agency or a photographer
    # after a full stop that closes a real word ("Capitol.", not "vs." or a question)
    before = line[:match.start() + 1]
    named = len(credit.split()) >= 2 or "/" in credit or (credit.isupper() and len(credit) >= 2)
    if line[:1].isupper() and before.endswith(".") and re.search(r"[a-z]{3,}\.$", before) \
            and len(credit.split()) <= 4 and named and not _TERMINAL.search(credit):
        return "a caption with its credit"
    return None


def section_words(line: str) -> set[str]:
    """The section names a line is made of ("World", "US elections 2016"), or none if it holds any
    other word: such a line is a section label, or a subheading of the same words."""
    line = line.strip()
    if line.count(" ") > 2 * SECTION_MAX_WORDS:
        return set()  # a paragraph: not read word by word (every line of a page comes here)
    tokens = [_word(t) for t in _TOKEN.findall(line)]
    if not tokens or len(tokens) > SECTION_MAX_WORDS or _TERMINAL.search(line):
        return set()
    if not all(t in SECTION_WORDS or t in _FUNCTION_WORDS or _NUMBERISH.match(t) for t in tokens):
        return set()
    return {t for t in tokens if t in SECTION_WORDS}

