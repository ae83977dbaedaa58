"""Generated fused text pages: real stories laid out in many house styles, with page lines between.

    .venv/bin/python bench/fused_pages.py [--pool tuning] [--pages 3] [--seed 1]   # print pages

Stories are read at run time from ../shared (never copied into the repository):
  - PolNeAR articles (../shared/dev/polnear): train -> tuning pool, dev -> locked pool;
  - WCXB article pages' gold main text (../shared/dev/wcxb/ground-truth): even file ids ->
    tuning, odd -> locked;
  - GUM news documents (../shared/dev/gum-news): alternate documents to each pool.

Everything else on a page is written here: house styles of headlines (Title Case, sentence
case, ALL CAPS, a kicker or label above, a headline ending in a question mark or a quote), and
page lines of every kind (paywall and subscription prompts, video and photo captions and
credits, "read more"/related links, sponsored blocks, share bars, comment prompts, newsletter
and app promotions, timestamps, advertisements), bylines and closing credits. Two disjoint
pools of these are written: TUNING, used while developing the cleaner, and LOCKED, whose pages
are only scored (never read) to check that a change carries over.

The tuning page lines were widened three times (the third for the line-role model of
clean/lineroles.py: many more wordings and shapes of each kind); the locked list was never
changed or read. A story is cut to its first paragraphs, ending on one that ends a sentence.
`balanced=True` (for training only) draws each corpus's stories about equally often.

A page is the text of a Document plus its gold: for each story the headline and body
paragraphs, and the list of page lines (with their kind) that belong to no story.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "dev"

STYLES = ("title", "sentence", "caps", "kicker", "question", "quote")
MAX_BODY_PARAGRAPHS = 10

# --- page lines, written for this generator -------------------------------------------------
# Slots: {headline} another story's headline, {name} a person, {agency} a photo agency,
# {n} a small number, {place} a place, {day} a weekday, {topic} a short topic phrase.
# Each pool holds the same kinds of lines, in different wordings.

TUNING: dict[str, list[str]] = {
    "paywall": [
        "You have reached your limit of free articles this month.",
        "Subscribe for just $1 a week to keep reading.",
        "Already have an account? Log in",
        "This story is available to subscribers. Start your free trial today.",
        "Become a member to unlock this article.",
        "You're reading a preview. Subscribe to see the rest.",
        "Thanks for reading. Create an account to get three more stories free.",
        "Continue with a subscription: plans start at $4.99.",
        "Subscriber exclusive",
        "This content is reserved for members.",
        "Unlock unlimited access for 99 cents.",
        "Log in or register to read the rest of this story.",
    ],
    "video": [
        "[Video: {name} on the campaign trail in {place}]",
        "WATCH: {topic} explained in 90 seconds",
        "Video: {name} speaks to reporters",
        "Play video 2:14",
        "[Watch the full interview above]",
        "Video player loading",
        "Click to play the video",
        "Media playback is unsupported on your device",
        "This video can not be played",
        "Video length 3:05",
    ],
    "photo": [
        "{name} speaks at a rally in {place} on {day}. (Photo: {agency})",
        "Photo: {agency}",
        "{name} arrives at the Capitol. {agency}",
        "Image: {agency} via Getty Images",
        "(Credit: {agency})",
    ],
    "related": [
        "Read more: {headline}",
        "RELATED: {headline}",
        "Related Coverage",
        "See also: {headline}",
        "More from Politics",
    ],
    "sponsored": [
        "Sponsored Content",
        "Sponsored by Northwind Bank",
        "Promoted Stories",
        "Paid Post: Why thousands are switching their savings account",
    ],
    "share": [
        "Share on Facebook",
        "Share on Twitter",
        "Tweet Share Email",
        "Email this story",
        "Print | Email | Share",
    ],
    "comments": [
        "Comments (214)",
        "Join the conversation",
        "What do you think? Leave a comment below.",
        "View {n} comments",
        "Add a comment",
        "Be the first to comment",
        "Comment on this story",
        "Share your thoughts below.",
        "Readers' comments are moderated.",
    ],
    "promo": [
        "Get the morning headlines in your inbox every weekday.",
        "Download our app for the latest news on the go.",
        "Sign up for our Politics newsletter",
        "Follow us on Instagram for more.",
        "Never miss a headline: turn on alerts.",
        "The Briefing: our editors pick the day's essential stories.",
        "Want more stories like this? Get them every Friday.",
        "Listen to our daily podcast wherever you get your podcasts.",
        "Like us on Facebook to see more stories like this.",
        "Scan the code to get the app.",
    ],
    "time": [
        "Updated {n} hours ago",
        "Published 10:42 a.m. ET Nov. {n}, 2016",
        "Posted {n} minutes ago",
        "Last updated: {day} 4:15 PM EST",
    ],
    "ad": [
        "Advertisement",
        "Story continues below advertisement",
        "AD",
    ],
}

# More wordings of each kind for the tuning pool: the learned and shape-based parts must see
# variety, not one phrase per site (issue 10). Written for this generator.
TUNING_MORE: dict[str, list[str]] = {
    "paywall": [
        "Want to keep reading? Subscribe today.",
        "You've used all your free stories for this month.",
        "Already a subscriber? Sign in here",
        "Get full access from $2 a month.",
        "Subscribe now and save 50%",
        "This article is for paying readers only.",
        "Register for free to keep reading.",
        "{n} free articles left this month",
        "Support local journalism: subscribe today.",
        "Get unlimited digital access",
        "Your free preview has ended.",
        "Not a subscriber yet? See our offers.",
        "Keep reading with a digital plan.",
        "Upgrade your plan to read this story.",
        "Sign in to finish reading",
        "Premium",
        "Exclusive to members",
        "Start reading for just $1",
        "We need your support to keep our reporting free.",
        "Create a free account to continue",
    ],
    "video": [
        "Watch now",
        "Now watching: {topic}",
        "VIDEO: {name} responds",
        "Watch live: {topic}",
        "Click here to watch the full video",
        "Video unavailable",
        "Loading video...",
        "Up next",
        "Autoplay",
        "Press play to listen",
        "Listen to this article 4 min",
        "Audio: {name} on {topic}",
        "Video credit: {agency}",
        "Replay: {topic}",
        "Skip ad",
    ],
    "photo": [
        "{name} at an event in {place} on {day}. Photo: {agency}",
        "Supporters gather outside the hall in {place}. Credit: {agency}",
        "Image copyright {agency}",
        "Photo by {agency}",
        "Photos: {agency}",
        "Enlarge this image",
        "Image caption {name} in {place}",
        "View gallery",
        "1 of {n} photos",
        "Photo illustration by {agency}",
        "{name} (left) and aides in {place}. ({agency})",
    ],
    "related": [
        "Related: {headline}",
        "READ MORE: {headline}",
        "More on this story",
        "Top stories",
        "Most read",
        "Further reading: {headline}",
        "Also on our site: {headline}",
        "Trending now",
        "Don't miss: {headline}",
        "Editor's picks",
        "Keep reading: {headline}",
        "Latest from {place}",
    ],
    "sponsored": [
        "Sponsored",
        "Paid content",
        "Promoted by Northwind Bank",
        "Content from our partners",
        "Ads by Northwind",
        "Brought to you by Northwind Bank",
        "In partnership with Alder Health",
        "Sponsored: {n} retirement mistakes to avoid",
    ],
    "share": [
        "Share",
        "Share this",
        "Share story",
        "Facebook Twitter Email",
        "Send to a friend",
        "Save for later",
        "Copy the link",
        "Pin it",
        "Print this page",
        "Email | Print | Comment",
        "Gift this article",
    ],
    "comments": [
        "Leave a reply",
        "Post a comment",
        "Comments are closed.",
        "Read {n} comments",
        "Sign in to comment",
        "Join the discussion",
        "What's your view? Let us know below.",
        "Have a question? Ask it in the comments.",
        "We want to hear from you.",
        "Start the conversation",
        "Commenting is disabled for this story.",
        "Reply",
        "Comment",
        "Load more comments",
        "Our community guidelines apply to all comments.",
    ],
    "promo": [
        "Sign up for breaking news alerts.",
        "Get our weekly roundup delivered to your inbox.",
        "Download the app",
        "Follow us on Twitter",
        "Enjoying this story? Share it with a friend.",
        "Headlines on your lock screen: turn on notifications.",
        "Our podcast is out every Monday. Subscribe wherever you listen.",
        "Stay informed: sign up for our evening edition.",
        "Like this? Try our politics newsletter.",
        "Get alerts when we publish new stories.",
        "Join us on WhatsApp for daily updates.",
        "Find us on Instagram and TikTok.",
        "The best of our journalism, in your inbox every Sunday.",
        "Available on iPhone and Android",
        "Text NEWS to {n}00 for updates.",
        "Be the first to know: get our app.",
        "Our newsletter is free. Sign up now.",
        "Catch up on the week's biggest stories with our digest.",
    ],
    "time": [
        "Updated {day}",
        "{n} min read",
        "Published {n} hours ago",
        "Last updated {n} minutes ago",
        "Nov. {n}, 2016 at 3:40 p.m. EST",
        "Posted {day}, Nov. {n}",
        "Updated 9:14 AM ET",
    ],
    "ad": [
        "Advert",
        "Ad",
        "Sponsored ad",
        "Scroll to continue with content",
        "Content continues below",
        "Advertisement - scroll to continue",
        "Report this ad",
        "Ads help fund our journalism.",
    ],
}
for _kind, _more in TUNING_MORE.items():
    TUNING[_kind].extend(_more)

# Third widening of the tuning pool (issue 10, third pass): page lines of every kind in many more
# shapes (orders, questions, labels, prices, handles, numbers, links) so that the line-role model
# (clean/lineroles.py) learns what a page line is, not which words one site uses. Written for
# this generator.
TUNING_WIDER: dict[str, list[str]] = {
    "paywall": [
        "To read the full story, become a subscriber.",
        "Only $3.99 for your first three months",
        "Members get every story, ad-free. Join today.",
        "Hit your article limit? Plans from $6/month.",
        "Sign up free to read this and {n} more stories.",
        "Your trial ends in {n} days.",
        "Paying readers keep this site running. Will you join them?",
        "Already paying? Connect your print subscription.",
        "Subscriber-only story",
        "This piece is part of our premium tier.",
        "Restore full access by renewing now.",
        "Get {n} weeks for $1, cancel anytime.",
        "You are one of our most loyal readers. Make it official.",
        "Continue reading with an account",
        "Login required",
        "Unlock this story",
        "Verify your email to keep reading.",
        "See our plans",
        "Introductory offer: 80% off",
        "Gift subscriptions now available",
    ],
    "video": [
        "WATCH | {name} takes questions in {place}",
        "Video: Scenes from {place} on {day}",
        "Watch: what {name} said about {topic}",
        "0:45",
        "Duration 12:30",
        "Video ended",
        "Tap to unmute",
        "Playing in picture-in-picture",
        "Streaming now: {topic}",
        "Clip: {name} at the podium",
        "The video will start in 5 seconds",
        "More videos",
        "Full screen",
        "Captions off",
        "Listen: {name} on the {day} program",
        "Episode {n}: {topic}",
    ],
    "photo": [
        "{name} waves to supporters in {place}, {day}. (AP Photo/{name2})",
        "Photograph: {agency}",
        "A crowd outside the court in {place} on {day}. Picture: {agency}",
        "Pictured: {name}",
        "Photo courtesy of {agency}",
        "Illustration: {agency}",
        "Swipe for more photos",
        "Open gallery ({n} images)",
        "Photo {n}/24",
        "Handout photo released by {agency}",
        "File photo: {name} in {place}",
        "Images: {agency}",
        "{name}, centre, in {place} last week. {agency}/File",
        "Expand image",
    ],
    "related": [
        "More coverage: {headline}",
        "In other news: {headline}",
        "Previously: {headline}",
        "Background: {headline}",
        "You may also like",
        "Recommended for you",
        "Popular right now",
        "What to read next",
        "Go deeper: {headline}",
        "Explainer: {topic}",
        "Timeline: {topic}",
        "See more from {place}",
        "MORE FROM POLITICS",
        "Latest stories",
        "Read next",
        "Catch up: {headline}",
    ],
    "sponsored": [
        "Partner content",
        "Advertiser content from Alder Health",
        "Paid for by Northwind Bank",
        "Presented by Alder Health",
        "Sponsored story: why {n} families switched insurers this year",
        "From our sponsors",
        "Special advertising section",
        "This content was produced by our commercial team.",
        "SPONSORED",
        "Offers from our partners",
        "Ad feature: {n} ways to cut your energy bill",
        "Recommended by Northwind",
    ],
    "share": [
        "Share via email",
        "Share on WhatsApp",
        "Copy link",
        "Link copied!",
        "Share this article with a friend",
        "Tweet this",
        "Post to LinkedIn",
        "Twitter | Facebook | Reddit | Email",
        "Shares: {n}",
        "{n} shares",
        "Bookmark",
        "Save article",
        "Listen | Share | Save",
        "Send this story",
    ],
    "comments": [
        "Comments ({n})",
        "{n} Comments",
        "Show comments",
        "Hide comments",
        "Be respectful: read our commenting rules.",
        "What do you make of this? Tell us in the replies.",
        "Did we get something wrong? Contact our corrections desk.",
        "Got a view on this? Comment below.",
        "Sort by: Newest",
        "Most recommended comments",
        "Reply to this comment",
        "Report abuse",
        "Comments on this article are now closed.",
        "You must be logged in to comment.",
        "How would you vote? Leave your answer below.",
        "Let us know what you think in the comments.",
    ],
    "promo": [
        "Get the app: faster, and free.",
        "Breaking news, straight to your phone.",
        "Never miss a story: follow @thedailydesk",
        "Follow our live coverage on X.",
        "Want this in your inbox? Sign up here.",
        "New: our election podcast, every Tuesday.",
        "Listen on Spotify and Apple Podcasts",
        "Text ALERTS to 555-0100 to get updates by SMS.",
        "Join {n},000 readers who start the day with us.",
        "Morning Memo: the news in five minutes.",
        "Send us your tips: tips@dailydesk.example",
        "Visit dailydesk.example/newsletters to choose your emails.",
        "Our reporters answer your questions live on {day}.",
        "Try the crossword",
        "Quiz: how well do you know {topic}?",
        "Tickets on sale now for our live event in {place}.",
        "Shop our store",
        "Download on the App Store",
    ],
    "time": [
        "{n}h ago",
        "{n}m",
        "{day} {n} November 2016 14.20 GMT",
        "Last modified on {day} {n} Nov 2016",
        "Updated at 6:02 p.m.",
        "First published on {day}",
        "Published: 11/{n}/2016",
        "Reading time: {n} minutes",
        "{n} minute read",
        "Posted at 08:12 BST",
        "Originally published Nov. {n}",
        "Updated {day}, {n} Nov",
    ],
    "ad": [
        "ADVERTISEMENT",
        "Advertising",
        "Continue reading below",
        "Ad closed by Google",
        "Why this ad?",
        "Remove ads",
        "Go ad-free",
        "Article continues after this ad",
        "Paid advertisement",
        "Ad - content continues below",
    ],
}
for _kind, _more in TUNING_WIDER.items():
    TUNING[_kind].extend(_more)

LOCKED: dict[str, list[str]] = {
    "paywall": [
        "Only subscribers can read the full report. Join now.",
        "Your trial has expired. Renew to continue.",
        "Members get unlimited stories. Sign in or join.",
        "To read on, choose a plan that suits you.",
    ],
    "video": [
        "[Video: What happened in {place} on {day}]",
        "VIDEO: {topic}",
        "Now playing: {name} interview",
        "Watch: inside the race for {place}",
    ],
    "photo": [
        "{name} waves to supporters in {place}. ({agency})",
        "Picture: {agency}",
        "Photograph: {agency}",
        "Pictured: {name} in {place} last week",
    ],
    "related": [
        "Also read: {headline}",
        "MORE: {headline}",
        "You might also like",
        "Recommended stories",
    ],
    "sponsored": [
        "Partner content",
        "Presented by Halcyon Travel",
        "Advertiser content: the smart way to plan retirement",
        "From our sponsors",
    ],
    "share": [
        "Share this article",
        "Facebook Twitter LinkedIn WhatsApp",
        "Copy link",
        "Share via email",
    ],
    "comments": [
        "{n} Comments",
        "Have your say",
        "Tell us what you think in the comments.",
        "Show comments",
    ],
    "promo": [
        "Get breaking news sent straight to your phone.",
        "Our free daily briefing: the news you need, every morning.",
        "Install the app and never miss a story.",
        "Join {n},000 readers who get our evening email.",
    ],
    "time": [
        "{n} hrs ago",
        "Last modified on {day} {n} November 2016 09.30 GMT",
        "First published {day}",
        "Updated {day}, 6:02 p.m.",
    ],
    "ad": [
        "ADVERTISEMENT",
        "Ad Feedback",
        "Article continues after this ad",
    ],
}

KICKERS = {
    "tuning": ["ANALYSIS", "Live updates", "Opinion |", "EXCLUSIVE", "Fact check", "WORLD NEWS", "Politics",
               "BREAKING", "Analysis:", "The Debrief", "Campaign 2016", "OPINION", "Business |", "Q&A",
               "Inside the campaign", "WATCHDOG", "First Person", "Special report", "Editorial |", "SCIENCE",
               "Health", "Money Matters", "EXPLAINED", "Review"],
    "locked": ["Explainer", "NEWS ANALYSIS", "Perspective", "Investigation", "Commentary |", "U.S. POLITICS",
               "Election 2016", "The Big Read"],
}
NAMES = {
    "tuning": ["Dana Whitfield", "Marcus Oyelaran", "Priya Natarajan", "Tomas Reyes", "Hannah Kessler",
               "Li Wen", "Joe McAllister", "Fatima Al-Sayed", "Bo Carlsen", "Ana Paula Duarte"],
    "locked": ["Ellen Marsh", "Kwame Boateng", "Sofia Lindqvist", "Rahul Mehta", "Grace O'Neill"],
}
AGENCIES = {"tuning": ["Reuters", "AP Photo/Evan Vucci", "Getty Images", "AFP", "Xinhua", "Alamy",
                       "Jane Doe/The Daily Ledger", "Shutterstock"],
            "locked": ["Bloomberg", "EPA", "Pool photo", "Chip Somodevilla"]}
PLACES = {"tuning": ["Iowa", "Ohio", "Des Moines", "Cleveland", "London", "Lagos", "Manila", "Denver"], "locked": ["Nevada", "Florida", "Reno", "Tampa"]}
TOPICS = {"tuning": ["the debate", "the delegate math", "the polls"], "locked": ["the primaries", "the convention",
                                                                                 "the swing states"]}
CLOSING = {"tuning": ["Reporting by {name}; Editing by {name2}", "{name} contributed to this report.",
                      "Contact the author at desk@example.com.", "— {name}, {agency}",
                      "Compiled by {name}.", "{name} reported from {place}."],
           "locked": ["Additional reporting by {name}.", "Writing by {name}; editing by {name2}"]}
BYLINE = {"tuning": ["By {name}", "By {name} | {agency}", "{name}, Staff Writer", "By {name}, {name2}",
                     "Story by {name}", "By {NAME} | {place}"], "locked": ["By {name} and {name2}", "BY {NAME}"]}
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


@dataclass(slots=True)
class Source:
    title: str
    paragraphs: list[str]
    author: str | None = None


@dataclass(slots=True)
class GoldStory:
    headline: str
    style: str
    body: list[str]
    credits: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Page:
    page_id: str
    text: str
    stories: list[GoldStory]
    furniture: list[tuple[str, str]]  # (kind, line)


def _norm(line: str) -> str:
    return " ".join(line.split())


# --- reading the real stories -----------------------------------------------------------------

def _cut(paragraphs: list[str]) -> list[str]:
    """The first paragraphs of a story, ending where a paragraph ends a sentence: a story cut
    short for the page must not end on its own subheading or a list item's label, which no real
    story does (the cleaner would rightly take such a last line for a label above the next headline)."""
    body = paragraphs[:MAX_BODY_PARAGRAPHS]
    while len(body) > 1 and not body[-1].rstrip().endswith((".", "”", '"', "?", "!", "’", ")")):
        body.pop()
    return body


def _usable(paragraphs: list[str]) -> bool:
    prose = [p for p in paragraphs if p.endswith((".", "”", '"', "?", "!")) and len(p.split()) >= 8]
    return len(paragraphs) >= 2 and len(prose) >= 2


def polnear(pool: str) -> list[Source]:
    base = SHARED / "polnear"
    meta: dict[str, tuple[str, str | None]] = {}
    for row in (base / "metadata.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) >= 8:
            meta[cells[1]] = (cells[7], None if cells[6] in ("None", "") else cells[6])
    out = []
    folder = base / ("train" if pool == "tuning" else "dev") / "text"
    for path in sorted(folder.glob("*.txt")):
        title, author = meta.get(path.stem, (None, None))
        blocks = [_norm(b) for b in path.read_text(encoding="utf-8").split("\n\n")]
        blocks = [b for b in blocks if b]
        if not title or len(blocks) < 3:
            continue
        body = _cut(blocks[1:])
        if _usable(body):
            out.append(Source(_norm(title).rstrip("."), body, author))
    return out


def wcxb(pool: str) -> list[Source]:
    out = []
    for path in sorted((SHARED / "wcxb" / "ground-truth").glob("*.json")):
        if (int(path.stem) % 2 == 0) != (pool == "tuning"):
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["_internal"]["page_type"]["primary"] != "article":
            continue
        truth = data["ground_truth"]
        title = _norm(truth.get("title") or "")
        body = [_norm(p) for p in (truth.get("main_content") or "").split("\n\n")]
        body = [p for p in body if p]
        if body and title and body[0].casefold() == title.casefold():
            body = body[1:]
        body = _cut(body)
        if title and 3 <= len(title.split()) <= 25 and _usable(body):
            out.append(Source(title, body, truth.get("author")))
    return out


def gum(pool: str) -> list[Source]:
    out = []
    for index, path in enumerate(sorted((SHARED / "gum-news").glob("*.conllu"))):
        if (index % 2 == 0) != (pool == "tuning"):
            continue
        title, paragraphs, current, head = None, [], [], False
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# meta::title = "):
                title = _norm(line.split("=", 1)[1])
            elif line.startswith("# newpar"):
                if line.startswith("# newpar_block"):
                    head = "head" in line.split("=", 1)[1]
                    continue
                if current and not head:
                    paragraphs.append(_norm(" ".join(current)))
                current, head = [], False
            elif line.startswith("# text = "):
                current.append(line.split("=", 1)[1].strip())
        if current and not head:
            paragraphs.append(_norm(" ".join(current)))
        body = _cut(paragraphs)
        if title and _usable(body):
            out.append(Source(title, body))
    return out


def sources(pool: str) -> list[Source]:
    return polnear(pool) + wcxb(pool) + gum(pool)


# --- house styles -------------------------------------------------------------------------------

_MINOR = frozenset("a an and as at but by for from in into nor of on or the to with vs".split())
_WORD = re.compile(r"[A-Za-z][\w'’.-]*")


def _proper(body: list[str]) -> set[str]:
    """Words written with a capital inside a sentence of the body: names, kept capitalised."""
    seen: set[str] = set()
    for paragraph in body:
        words = paragraph.split()
        for before, word in zip(words, words[1:]):
            token = word.strip("\"'“”‘’(),.:;!?")
            if token[:1].isupper() and not before.endswith((".", "?", "!", ":", "”", '"')):
                seen.add(token)
    return seen


def sentence_case(title: str, proper: set[str]) -> str:
    words = title.split()
    out = []
    for i, word in enumerate(words):
        token = word.strip("\"'“”‘’(),.:;!?")
        keep = i == 0 or token in proper or (token.isupper() and len(token) > 1) or any(c.isdigit() for c in token)
        out.append(word if keep else word.lower())
    text = " ".join(out)
    return text[:1].upper() + text[1:]


def title_case(title: str) -> str:
    words = title.split()
    out = []
    for i, word in enumerate(words):
        if i and word.lower() in _MINOR:
            out.append(word.lower())
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out)


def styled(source: Source, style: str, rng: random.Random, kickers: list[str]) -> tuple[list[str], str]:
    """The headline as printed in `style`, with the kicker line above it if any: (lines above, headline)."""
    proper = _proper(source.paragraphs)
    bare = source.title.rstrip(".!?;: ")
    if style == "title":
        return [], title_case(bare)
    if style == "sentence":
        return [], sentence_case(bare, proper)
    if style == "caps":
        return [], bare.upper()
    if style == "kicker":
        kicker = rng.choice(kickers)
        face = rng.choice((title_case, lambda t: sentence_case(t, proper)))(bare)
        if kicker.endswith("|"):
            return [], f"{kicker} {face}"  # "Opinion | headline": one line
        return [kicker], face
    if style == "question":
        return [], sentence_case(bare, proper) + "?"
    # a headline that ends with a quotation: the words of someone in the story where there are any
    quoted = [q for p in source.paragraphs for q in re.findall(r"[“\"]([^”\"]{8,60})[”\"]", p)]
    quote = rng.choice(quoted).strip(" ,.") if quoted else "we are not done yet"
    return [], f"{sentence_case(bare, proper)}: ‘{quote}’"


# --- pages --------------------------------------------------------------------------------------

def _fill(template: str, rng: random.Random, pool: str, headlines: list[str]) -> str:
    names = NAMES[pool]
    first, second = rng.sample(names, 2)
    return template.format(headline=rng.choice(headlines), name=first, name2=second, NAME=first.upper(),
                           agency=rng.choice(AGENCIES[pool]), n=rng.randint(2, 59), place=rng.choice(PLACES[pool]),
                           day=rng.choice(DAYS), topic=rng.choice(TOPICS[pool]))


def make_pages(pool: str, count: int, seed: int = 7, half: int | None = None,
               balanced: bool = False) -> list[Page]:
    """`count` pages of 2-4 stories each from `pool` ("tuning" or "locked"); with `half` (0 or 1),
    only the stories of that half of the pool (by a checksum of the title), so that a model
    trained on one half can be scored on stories it has never seen. `balanced` (for training)
    draws the stories of each corpus about equally often: PolNeAR has ten times the stories of
    the others, and its stories have almost no subheadings, lists or questions inside them, which
    the web articles are full of; a model trained on pages drawn as they come would rarely see one."""
    rng = random.Random(seed)
    corpora = [polnear(pool), wcxb(pool), gum(pool)]
    if half is not None:
        corpora = [[s for s in c if zlib.crc32(s.title.encode("utf-8")) % 2 == half] for c in corpora]
    items = [s for c in corpora for s in c]
    if balanced:
        largest = max(len(c) for c in corpora)
        items = [s for c in corpora for s in c * max(1, round(largest / max(len(c), 1) / 2))]
    rng.shuffle(items)
    lines = TUNING if pool == "tuning" else LOCKED
    kinds = sorted(lines)
    other_titles = [s.title for s in items]
    pages = []
    cursor = 0
    for number in range(count):
        size = rng.randint(2, 4)
        if cursor + size > len(items):
            rng.shuffle(items)
            cursor = 0
        chosen = items[cursor:cursor + size]
        cursor += size
        if balanced:  # a story drawn twice for one page is shown once
            chosen = list({id(story): story for story in chosen}.values())
        out: list[str] = []
        stories: list[GoldStory] = []
        furniture: list[tuple[str, str]] = []

        def furnish(kind: str) -> None:
            line = _norm(_fill(rng.choice(lines[kind]), rng, pool, other_titles))
            out.append(line)
            furniture.append((kind, line))

        if rng.random() < 0.5:
            furnish(rng.choice(["share", "time", "ad", "promo"]))
        for source in chosen:
            style = rng.choice(STYLES)
            above, headline = styled(source, style, rng, KICKERS[pool])
            for kicker in above:
                out.append(kicker)
                furniture.append(("kicker", kicker))
            out.append(headline)
            if rng.random() < 0.3:  # the headline repeated under a page line (a paywall, a stamp)
                furnish(rng.choice(["paywall", "time", "share"]))
                out.append(headline)
            credits = []
            if rng.random() < 0.5:
                first, second = rng.sample(NAMES[pool], 2)
                byline = rng.choice(BYLINE[pool]).format(name=source.author or first, name2=second,
                                                         NAME=(source.author or first).upper(),
                                                         agency=rng.choice(AGENCIES[pool]),
                                                         place=PLACES[pool][len(second) % len(PLACES[pool])])
                out.append(byline)
                credits.append(byline)
            if rng.random() < 0.4:
                furnish("time")
            if rng.random() < 0.3:
                furnish(rng.choice(["photo", "video"]))
            for index, paragraph in enumerate(source.paragraphs):
                out.append(paragraph)
                if index < len(source.paragraphs) - 1 and rng.random() < 0.25:
                    furnish(rng.choice(kinds))
            if rng.random() < 0.25:
                closing = _norm(_fill(rng.choice(CLOSING[pool]), rng, pool, other_titles))
                out.append(closing)
                credits.append(closing)
            if rng.random() < 0.5:  # a rail between stories
                for kind in rng.sample(["related", "sponsored", "share", "comments", "promo", "ad"], rng.randint(1, 3)):
                    furnish(kind)
            stories.append(GoldStory(headline, style, list(source.paragraphs), credits))
        pages.append(Page(f"{pool}-{number:03d}", "\n\n".join(out) + "\n", stories, furniture))
    return pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pool", choices=("tuning",), default="tuning",
                        help="only the tuning pool can be printed: the locked pages are never read")
    parser.add_argument("--pages", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    for page in make_pages(args.pool, args.pages, args.seed):
        print(f"=== {page.page_id} ({', '.join(s.style for s in page.stories)})\n{page.text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
