"""Boilerplate lines: paywall, subscription, newsletter and interface text, recognised by what it is.

A page's furniture talks to the reader about the page, not about the news: it addresses the
reader ("you", "your inbox"), tells them to do something (subscribe, sign up, log in, continue
reading, tap, share), asks them questions ("Want to stay updated…?", "Already a subscriber?"),
leaves broken fragments where a link was cut out (" , and we'll send…"), and uses the
vocabulary of subscriptions and screens. News prose reports what someone else said and did.

So a line is boilerplate when it is addressed to the reader (second person, imperative,
question to the reader, or link-stripped fragment) *and* enough signals add up; reporting
("said", "told", "according to") outside quotation marks counts against. Text inside
quotation marks is ignored, since a quoted "Sign up for the army" is news. Short labels made
only of interface words ("Advertisement", "Share this article") and page stamps ("5 min
read", "Updated Feb. 18, 2025") are boilerplate too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from detente.clean.credits import is_byline, is_credit
from detente.clean.pagelines import COMMENT_SECTION_WORDS, FUNCTION_WORDS, PAGE_THINGS, PAGE_WORDS, page_line

# Quoted speech is news, not interface: drop it before looking at the line.
_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?")

# The publisher speaking of itself ("our editors", "like us"): outside quotations, a page line.
_FIRST_PLURAL = re.compile(r"\b(?:[Oo]ur|[Uu]s|[Ww]e)\b")  # not "US$", not "U.S."
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself|you['’](?:ll|re|ve|d))\b", re.I)

# The publisher telling who pays for its journalism: "… support from X for its coverage of Y".
_FUNDING = r"support from\b[^.]{0,60}\bfor (?:its|our) (?:coverage|reporting|journalism)"

# Words a page uses about itself: subscribing, reading on, inboxes, accounts. Strong evidence.
_SUBSCRIPTION = re.compile(
    r"\b(?:"
    r"subscri(?:be|bed|bes|bing|ber|bers)|newsletters?|inbox(?:es)?|paywall"
    r"|free (?:articles|stories|previews?|reads)|(?:articles|stories) (?:left|remaining)"
    r"|^sign(?:ing)?[ -]?up|sign(?:ing)?[ -]?up (?:now|today|here|free|for (?:free|our|the latest|updates|alerts))"
    r"|sign(?:ed)?[ -]?in|log(?:ging|ged)?[ -]?(?:in|on|out)|create (?:a |an |your )?(?:free )?account"
    r"|register (?:now|for free|today|here)|free trial|unlimited (?:access|articles|reading)"
    r"|(?:digital|full|unlimited|exclusive) access|granted access|access granted|any key|access (?:to )?(?:this|the full|all) (?:article|story|content)"
    r"|(?:continue|keep|start|finish) reading|read (?:more|the full|the rest)|(?:full|whole) (?:story|article)"
    r"|cancel (?:at )?any ?time|news ?tips?|(?:our|the) newsroom|contact us|write to us"
    r"|we['’](?:ll| will) (?:send|email|deliver)|delivered (?:straight |right )?to your|stay (?:updated|informed|up to date|in the know)"
    r"|our (?:latest|best|top|free|daily|weekly) (?:coverage|stories|news|journalism|reporting|newsletters?|emails?)"
    r"|(?:morning|evening|daily|weekly|nightly) (?:briefing|newsletter|digest|email|roundup)"
    r"|(?:support|supporting|fund) (?:our|independent|quality) journalism|thanks? (?:you )?for reading"
    r"|(?:never|don['’]t) miss|(?:enjoy(?:ed|ing)?|like[ds]?|love[ds]?) (?:this|the|our) (?:story|article|post|read|newsletter)"
    r"|follow us|terms of (?:service|use)|privacy policy|all rights reserved|subscribers? only"
    r"|(?:turn on|enable|allow|get|sign up for) (?:push |breaking[- ]news |our )?(?:notifications|news alerts|alerts)"
    r"|listen to this (?:article|story)|(?:enable|turn on) javascript|javascript (?:is )?(?:disabled|required)"
    r"|(?:disable|turn off) (?:your |the )?ad[ -]?blocker|(?:accept|allow) (?:all )?cookies|cookie (?:policy|settings|preferences)"
    r"|(?:appears?|appeared) in print|print edition"
    r"|(?:please )?try again(?: later)?|an error (?:has )?occurred|something went wrong"
    rf"|(?:receives?|received) (?:financial )?{_FUNDING}"
    r")\b",
    re.I,
)
# Words about screens and sharing: common in how-to prose too, so weak evidence.
_SCREEN = re.compile(
    r"\b(?:click(?:ing)?|tap(?:ping)?|keyboard|scroll(?:ing)?|button|browser|javascript|cookies?|ad[ -]?blockers?"
    r"|subscriptions?|(?:the|our) app|notifications?|alerts?|share (?:this|it|on|via)|sign(?:ing)?[ -]?up"
    r"|latest news|any part of the world|you select|with (?:a )?friends?)\b",
    re.I,
)

# A sentence that starts by telling the reader to do something ("Subscribe now…", "Log in…").
_IMPERATIVE = re.compile(
    r"(?:please\s+)?(?:subscribe|sign|log|register|get|download|follow|share|click|tap|read|continue"
    r"|listen|watch|join|become|support|donate|enable|disable|accept|manage|upgrade|unlock|try"
    r"|start|see|learn|discover|explore|create|enter|update|keep|stay|find|check|visit|tell"
    r"|email|contact|save|claim|grab|don['’]t|never|turn|allow|use|press|hit|swipe|scroll|go|write|send|cancel"
    r"|scan|install|leave|add|like|comment|be|choose|pick|renew|activate|report|print|let)(?![\w'’-])",
    re.I,
)
_SENTENCE_GAP = re.compile(r"[.!?:]\s+")
_PLEASE = re.compile(r"\bplease\s+\w", re.I)

# A question put to the reader: "Want to stay updated…?", "Already a subscriber?", "Have a tip?"
_READER_QUESTION = re.compile(
    r"^(?:want|already|have (?:a|an|any|you)|interested|looking for|enjoying|enjoyed|like|love|got a"
    r"|need|ready|curious|missed|do you|are you|not a)\b[^?]{0,160}\?",
    re.I,
)

# The page talking about itself: "This article is for subscribers only."
# A sentence whose subject is the page or the reader's access to it: "This article is for
# subscribers", "Comments are closed.", "Your subscription has lapsed."
_SELF_REFERENCE = re.compile(r"^(?:(?:this|the|your|our|readers['’]?)\s+)?(?:free\s+)?"
                             r"(?:article|story|page|content|video|feature|newsletter|subscription|trial|membership"
                             r"|comment|commenting|player|playback)s?\s+"
                             r"(?:is|are|was|has|have|will|requires?|can|cannot|could|may|must)\b", re.I)
# "… for this article", "… to this story", "the full story": the page pointing at itself, anywhere;
# and the publisher telling who pays for "its coverage"
_THIS_PAGE = re.compile(r"\b(?:this|the full|the rest of this) (?:article|story|page|report|piece)\b"
                        rf"|\b{_FUNDING}\b", re.I)

# The page telling how its text was made or paid for: "This content was created in partnership with
# …", "This story originally appeared in …", "Voiced by artificial intelligence", "Machine translated
# from …", "This article is more than 2 years old."
_TEXT_NOUN = r"(?:article|story|report|piece|post|interview|column|content|transcript|episode|feature|page|blog" \
             r"|newsletter|podcast|live blog|coverage|journalism|reporting|headline|caption|photo caption|graphic" \
             r"|chart|map|series|essay|review|q&a|explainer|analysis|video|audio|clip|guide|gallery|slideshow)"
# (nouns that name only a piece of writing may take any word before them: "this edited transcript";
# "this annual report" may be news)
_WRITING = r"(?:article|story|piece|post|interview|column|transcript|episode|newsletter|podcast|essay|headline" \
           r"|caption)"
# what is done to a page's text for the page and its business: translated, republished, paid for,
# made by a machine. (A correction, an update or an editor's note is the newsroom speaking of the
# story itself, "This article has been updated to include …", "An earlier version misstated …":
# it stays with the story, as the papers print it.)
_EDITED = r"(?:drafted|produced|created|translated|republished|funded|sponsored|supported|paid|protected|generated" \
          r"|made possible|archived|adapted|excerpted)"
_OWN_MAKING = re.compile(
    rf"\b(?:this|our) (?:(?:free |sponsored |paid |independent |live )?{_TEXT_NOUN}|[\w-]+ {_WRITING})\b[^.;]{{0,40}}?"
    r"\b(?:has been|have been|was|were|is|are|will be|may be|may|reflects?|contains?|includes?)\s+(?:\w+ly\s+)?"
    rf"(?:{_EDITED}\b|the views?|affiliate|out of date|part of\b|adapted from\b|brought to you\b"
    r"|(?:\w+ )?(?:images|scenes|footage|content|material|language)\b)"
    # what kind of text it is: "This is an archived article", "This is a sponsored post"
    rf"|\bthis is an? (?:archived|sponsored|paid|partner|promoted|syndicated) {_TEXT_NOUN}\b"
    # the page's money and its authors' ties: "… may earn us a commission", "The author reports no
    # financial ties …"
    r"|\bearn (?:us |me )?an? (?:small )?(?:affiliate )?commission\b"
    r"|\bauthors?\b[^.;]{0,30}\b(?:reports?|declares?|discloses?|has|have) no (?:financial|competing|conflicts?)\b"
    # a player counting down: "Next video will play in 5 seconds"
    r"|\b(?:next|this) (?:video|clip|episode)\b[^.;]{0,20}\b(?:will (?:start|play|begin)|starts|plays|begins) in\b"
    rf"|\b(?:this|our) (?:{_TEXT_NOUN}) (?:originally|first) (?:appeared|ran|aired|published)\b"
    rf"|^\W*(?:originally|first) (?:published|appeared|ran|aired) (?:in|on|by|at)\b"
    # made by a machine: "Voiced by artificial intelligence", "Machine translated from …"
    r"|\b(?:generated|produced|voiced|narrated|written|created|drafted|translated|read)(?: \w+){0,3} (?:by|with|using|from)"
    r" (?:an? )?(?:artificial intelligence|AI|generative AI|automated)\b"
    r"|\b(?:machine|automatic(?:ally)?|automated|AI)[- ]translat\w*"
    # what was done to this text, said the other way round: "Context has been added to this story."
    rf"|\b(?:has|have|was|were) been {_EDITED}\b[^.;]{{0,30}}\b(?:to|in|from|for) (?:this|our) {_TEXT_NOUN}\b"
    # its age: "This article is more than 2 years old."
    rf"|\bthis {_TEXT_NOUN} is (?:more than |over )?\w+ (?:years?|months?|days?) old\b"
    # a disclaimer: "The views expressed in the comments are those of the readers."
    r"|\b(?:views|opinions) expressed (?:in|here|on|by)\b[^.;]{0,60}\b(?:are (?:solely )?(?:those|the)|do not (?:necessarily )?reflect)\b"
    # a player telling that it failed: "The media could not be loaded", "No compatible source was found"
    r"|\b(?:media|video|audio|player|stream|file|format)\b[^.;]{0,40}\b(?:could not|cannot|can['’]t|couldn['’]t|failed to|unable to)"
    r" (?:be )?(?:load(?:ed)?|play(?:ed)?|supported|displayed)\b|\bno compatible source\b",
    re.I)
OWN_MAKING_MAX_WORDS = 30
# the newsroom correcting or updating the story: the story's own note, never the page's
_STORY_NOTE = re.compile(r"\b(?:updat(?:e|ed|es|ing)|correct(?:ed|ion|ions)|clarif(?:y|ied|ication)|amended|misstated"
                         r"|errors?|editor['’]?s?['’]? note)\b", re.I)
# Words without which _OWN_MAKING cannot match (substrings, a cheap test first: every line comes here)
_MAKING_HINTS = ("this ", "our ", "original", "first ", "been", " ai ", " ai.", "intelligence", "automat", "translat",
                 "expressed", "could not", "cannot", "can't", "can’t", "couldn", "failed to", "unable to",
                 "compatible", "brought to", "commission", "author", "video", "clip", "episode")


def _may_tell_its_making(own: str) -> bool:
    lower = own.lower()
    return any(hint in lower for hint in _MAKING_HINTS)

# Where a link was cut out of a sentence: ", and we'll send…", "updated on Gaza? , and…"
_FRAGMENT_START = re.compile(r"^\W*[,;:]")
# One space before a comma is where a link was; two are where a quotation was taken out of the
# line (own words: 'the word “taxes”, it is' must not read as a cut link).
_CUT_LINK = re.compile(r"(?<! ) [,;]")

# Someone else's words being reported: the mark of news prose.
_REPORTING = re.compile(r"\b(?:said|says|told|tells|according to|announced|added|wrote|asked|stated|testified"
                        r"|warned|noted|argued|insisted|explained|claimed|reported|recalled"
                        r"|declined|did not respond|could not be reached|requests? for comment)\b",
                        re.I)

# Page labels and stamps: a whole line of page furniture.
_WHEN = (r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}"
         r"|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* \d{4}|\d{4}-\d{2}-\d{2})"
         r"(?:,? (?:at )?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?: [A-Z]{2,4})?)?")
_LABEL = re.compile(
    r"^(?:advertisement|supported by|skip (?:to|advertisement)\b.*|share(?: (?:this|the|full))?(?: article| story)?"
    r"|(?:read|see|view|show|load) (?:all |more )?(?:[\d,]+ )?comments?|[\d,]+ comments?"
    r"|listen(?: to this (?:article|story))?(?: ?[·|•:-] ?[\d:]+ ?min\w*)?|read in app|image|photo|video"
    r"|credits?\s*(?:\.{2,}|…|:).*"
    r"|continue reading the main story|related(?: coverage| articles| stories| content)?|more (?:on|about|from) [^.!?]{1,60}"
    r"|most (?:popular|read)|trending(?: now)?|editors['’] picks|recommended(?: for you)?|comments?(?: \d+)?"
    r"|\d+ min(?:ute)?s? (?:read|listen)"
    rf"|updated(?: on)?:? {_WHEN}|(?:published|posted)(?: on)?:? {_WHEN};? (?:updated|modified):? {_WHEN}"
    r"|(?:published|updated|posted):? \d+ (?:minutes?|hours?|days?) ago"
    r")$",
    re.I,
)
_NO_LETTERS = re.compile(r"^[\W_]*$")
_TERMINAL = re.compile(r"[.!?…][\"”’)]*$")

THRESHOLD = 2
SHORT_LINE_WORDS = 16
PUBLISHER_LINE_WORDS = 12
BUTTON_LABEL_WORDS = 4
SELF_LINE_WORDS = 8
COMMENT_LINE_WORDS = 24
LEAD_IN_WORDS = 6
READER_LINE_WORDS = 10
BUTTON_WORDS = 7  # an order about the page's things this short is a button or a prompt
_PAGE_TOKEN = re.compile(r"[a-z][a-z'-]*")
_PAGE_SPOT = re.compile(r"\b(?:below|above|here|in the comments|on (?:facebook|twitter|instagram|whatsapp|tiktok|x))\b",
                        re.I)
_STEP = re.compile(r"^(?:\d|[Ss]tep\b|[Tt]ip\b|#)|:$|\w:\s")
LONG_LINE_WORDS = 60  # a long paragraph needs more evidence: it is usually prose


@dataclass(frozen=True, slots=True)
class Verdict:
    boilerplate: bool
    score: int
    reasons: tuple[str, ...]


def judge(line: str) -> Verdict:
    """Whether one line (paragraph) is page furniture, with the signals that decided it."""
    verdict = _judge(line)
    if verdict.boilerplate and (is_credit(line) or is_byline(line)):
        # the story's credits, even where they name the page ("contributed to this report",
        # "Story by …"): the splitter keeps them with their story
        return Verdict(False, 0, ("a credit line",))
    return verdict


def _judge(line: str) -> Verdict:
    line = line.strip()
    if not line or _NO_LETTERS.match(line):
        return Verdict(True, 0, ("no letters or digits",))
    if line.count(" ") < 12 and _LABEL.match(line):
        return Verdict(True, 0, ("page label",))
    page = page_line(line)
    if page:
        return Verdict(True, 0, (page,))
    own = _own_words(line)
    words = line.count(" ") + 1  # paragraphs come with single spaces
    addressed = _address_signals(own)
    publisher = words <= PUBLISHER_LINE_WORDS and _FIRST_PLURAL.search(own) is not None
    if words <= BUTTON_LABEL_WORDS and "imperative" in addressed and not _TERMINAL.search(line):
        rest = _PAGE_TOKEN.findall(own.lower())[1:]
        if rest and all(w in PAGE_WORDS or w in FUNCTION_WORDS for w in rest):
            # "Leave a reply", "Watch now", "Join the discussion": an order about the page alone
            return Verdict(True, 0, ("imperative", "a button: " + ", ".join(w for w in rest if w in PAGE_WORDS)))
    making = _OWN_MAKING.search(own) if words <= OWN_MAKING_MAX_WORDS and _may_tell_its_making(own) else None
    if making and not _REPORTING.search(own[:making.start()] + " " + own[making.end():]):
        return Verdict(True, 0, ("the text tells of its own making", "a note about the page"))
    if not addressed and not publisher and words > 6:
        # Most lines of a page end here: prose that does not address the reader is kept.
        return Verdict(False, 0, ("not addressed to the reader",))
    reasons: list[str] = []
    strong = {m.group(0).lower() for m in _SUBSCRIPTION.finditer(own)}
    weak = {m.group(0).lower() for m in _SCREEN.finditer(own)} - strong
    # the page's own things (comments, the app, this article) named in a short line; the first
    # word is left out ("Share prices fell" is news, its verb is no order)
    things = {w for w in _PAGE_TOKEN.findall(own.lower())[1:] if w in PAGE_THINGS} - weak - strong \
        if words <= SHORT_LINE_WORDS else set()
    if things:
        reasons.append("the page's things: " + ", ".join(sorted(things)))
    if strong:
        reasons.append("subscription words: " + ", ".join(sorted(strong)))
    if weak:
        reasons.append("screen words: " + ", ".join(sorted(weak)))
    reasons.extend(addressed)
    reporting = bool(_REPORTING.search(own))
    if reporting:
        reasons.append("reports speech (against)")
    fragment = "link-stripped fragment" in addressed
    score = min(len(strong), 2) + min(len(weak), 1) + len(addressed) - 2 * reporting
    if words <= 6 and strong and not _TERMINAL.search(line):
        return Verdict(True, score, (*reasons, "interface label"))
    if publisher:
        reasons.append("the publisher speaks")
    # "The video was posted on Tuesday." is news: with "the", the page is not speaking of itself
    about_itself = "the page about itself" in addressed and not own.lower().startswith("the ")
    lead_in = line.endswith(":") and words >= LEAD_IN_WORDS  # "In this guide, we list the best …:" opens a list
    if words <= SHORT_LINE_WORDS and not reporting and not lead_in and (strong or weak or things) \
            and (about_itself or publisher or "question to the reader" in addressed
                 or ("addresses the reader" in addressed and len(addressed) >= 2)):
        # a short line where the page speaks of itself or talks to the reader about its own
        # things ("You've used all your free stories.", "Our editors pick the day's stories.")
        return Verdict(True, score, (*reasons, "short page line"))
    second = "addresses the reader" in addressed
    if words <= READER_LINE_WORDS and not reporting and _plain_sentence(line) and (
            ("imperative" in addressed and _FIRST_PLURAL.search(own))
            or (publisher and second)
            or ("imperative" in addressed and second and _PAGE_SPOT.search(own))):
        # a short sentence that turns to the reader about the page: an order with the publisher in
        # it ("Find us on …", "Let us know below."), the publisher and the reader together ("We want
        # to hear from you."), or an order to the reader pointing at a spot of the page ("Share your
        # thoughts below."); news prose reports on others, and a how-to's steps and subheadings
        # (numbered, title-cased, ending in a colon) are kept
        return Verdict(True, score, (*reasons, "a short line to the reader"))
    section = [w for w in _PAGE_TOKEN.findall(own.lower()) if w in COMMENT_SECTION_WORDS]
    if section and words <= COMMENT_LINE_WORDS and not reporting and not _STEP.search(line) \
            and line[:1] not in "-•*–" and (
            second or _FIRST_PLURAL.search(own) or _PLEASE.search(own) or "imperative" in addressed
            or "the page about itself" in addressed or len(set(section)) >= 2):
        # the comment section speaking: its rules, its prompts, its counts ("Please keep comments
        # civil.", "Comments are moderated and may take a while to appear."); news names comments
        # without the page's voice
        return Verdict(True, score, (*reasons, "the comment section: " + ", ".join(dict.fromkeys(section))))
    if words <= SELF_LINE_WORDS and about_itself and not reporting:
        return Verdict(True, score, (*reasons, "a short line about the page"))
    if words <= OWN_MAKING_MAX_WORDS and not reporting and not lead_in and "the page about itself" in addressed \
            and not _STORY_NOTE.search(own) \
            and (second or _FIRST_PLURAL.search(own)):
        # the page turning to the reader about itself ("We may earn a commission on links on this page.")
        return Verdict(True, score, (*reasons, "a note about the page"))
    if words <= BUTTON_WORDS and things and "imperative" in addressed and not reporting:
        return Verdict(True, score, (*reasons, "a button"))  # "Join the conversation", "Add a comment"
    # Addressing the reader is not enough (how-to prose does it): the line must also be about
    # the page itself (subscription words) or be a fragment left where a link was cut out.
    needed = THRESHOLD + (2 if words > LONG_LINE_WORDS else 0)
    verdict = bool(addressed) and bool(strong or fragment) and score >= needed
    return Verdict(verdict, score, tuple(reasons))


def _plain_sentence(line: str) -> bool:
    """A sentence in sentence case, not a how-to's numbered step or title-cased subheading."""
    if _STEP.search(line):
        return False
    if _TERMINAL.search(line):
        return True  # a subheading has no final stop; names may fill a sentence with capitals
    later = [w for w in line.split()[1:] if len(w) > 3 and w[:1].isalpha()]
    return not later or sum(w[:1].isupper() for w in later) / len(later) < 0.5


def talks_about_the_page(line: str) -> bool:
    """Whether a line shows any mark of page furniture at all: it talks to the reader (second
    person, orders, questions, fragments) or uses the page's subscription words."""
    own = _own_words(line.strip())
    return bool(_address_signals(own) or _SUBSCRIPTION.search(own))


def own_words(line: str) -> str:
    """The writer's own words of a line: quotations removed."""
    return _own_words(line)


def address_signals(own: str) -> list[str]:
    """How a line (its own words) turns to the reader: "addresses the reader", "imperative",
    "question to the reader", "the page about itself", "link-stripped fragment"."""
    return _address_signals(own)


def subscription_words(own: str) -> bool:
    """Whether a line uses the page's words about subscribing, reading on, inboxes, accounts."""
    return bool(_SUBSCRIPTION.search(own))


def reports_speech(own: str) -> bool:
    """Whether a line reports what someone said (the mark of news prose)."""
    return bool(_REPORTING.search(own))


def _own_words(line: str) -> str:
    """The writer's own words: quotations removed."""
    return _QUOTED.sub(" ", line) if ('"' in line or "“" in line) else line


def _address_signals(own: str) -> list[str]:
    addressed = []
    lower = own.lower()
    if "you" in lower and _SECOND_PERSON.search(own):
        addressed.append("addresses the reader")
    if _imperative(own.lstrip(" •·-–—*>"), lower):
        addressed.append("imperative")
    if _READER_QUESTION.match(own):
        addressed.append("question to the reader")
    if _SELF_REFERENCE.match(own) or (("this" in lower or "full" in lower or "support" in lower)
                                      and _THIS_PAGE.search(own)):
        addressed.append("the page about itself")
    if _FRAGMENT_START.match(own) or _CUT_LINK.search(own):
        addressed.append("link-stripped fragment")
    return addressed


def _imperative(text: str, lower: str) -> bool:
    """Whether any sentence of `text` starts with an order to the reader (or says "please")."""
    if _IMPERATIVE.match(text) or ("please" in lower and _PLEASE.search(text)):
        return True
    return any(_IMPERATIVE.match(text, gap.end()) for gap in _SENTENCE_GAP.finditer(text))


def is_boilerplate(line: str) -> bool:
    return judge(line).boilerplate
