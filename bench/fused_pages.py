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
are only scored (never read) to check that a change carries over. A third list, UNSEEN, holds
page lines in the shapes real publishers print (rights notices, licensing links on captions,
brand and section labels, print-edition notes), written at once and held out like LOCKED; the
"unseen" pool lays them out on the locked stories.

Three more hands wrote page lines without reading these lists or the cleaner
(bench/page_lines_second.py, bench/page_lines_third.py, bench/page_lines_fourth.py): the second
hand's SECOND_TUNING and the third hand's THIRD_TUNING join the tuning pool; the second hand's
SECOND_HELD is held out like LOCKED, and the "second" pool lays it out on the locked stories. The
fourth hand's lines are split by their place in each list: the even ones make the
"fourth-tuning" pool (on the tuning stories, read while tuning), the odd ones the held-out
"fourth" pool (on the locked stories).

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

from page_lines_fourth import FOURTH
from page_lines_second import SECOND_HELD, SECOND_TUNING
from page_lines_third import THIRD_TUNING

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

# Page lines as real publishers print them (wire services, broadsheets, broadcasters' sites,
# political trade sites), in our own wording: credits with licensing links, rights notices,
# print-edition and funding notes, brand and section labels, gallery counters. Written for this
# generator (issue 10, fifth pass).
TUNING_PUBLISHER: dict[str, list[str]] = {
    "paywall": [
        "Try 1 month for $1",
        "Already have a subscription?",
        "As a subscriber, you have {n} gift articles to give each month.",
        "Support the Ledger",
        "Subscribe to unlock",
        "Get {n}% off your first year",
        "Limited time offer",
        "Read the full story with a free account",
        "This story is free to read for a limited time.",
        "Pro members only",
    ],
    "video": [
        "Please turn on JavaScript. Media requires JavaScript to play.",
        "Watch: {name} says the talks were a first step",
        "Media caption, {name} on {topic}",
        "Video caption {name} in {place}",
        "Listen {n} min",
        "Listen to this story",
        "Play",
        "Watch again",
        "{name} on {topic} (1:12)",
    ],
    "photo": [
        "Item {n} of 9 {name} speaks in {place}. REUTERS/{name2} Purchase Licensing Rights",
        "Purchase Licensing Rights, opens new tab",
        "View image in fullscreen",
        "Image source, {agency}",
        "Image caption, {name} in {place} on {day}",
        "{agency}",
        "{name} in {place} on {day}. {NAGENCY}/{name2}",
        "{name} in {place}. Photographer: {name2}/Bloomberg",
        "{name2}/The Daily Ledger",
        "Photo: {name2} for The Ledger",
        "Show caption",
        "Hide caption",
        "toggle caption {agency}",
    ],
    "related": [
        "Explore more",
        "Most viewed",
        "Most Read World",
        "Related Topics",
        "Suggested Topics:",
        "See more on: {name}, {name2}",
        "Read more of our coverage",
        "Click here to read more.",
        "Follow our coverage of {topic} at example.com/hub/{n}",
        "Key events",
        "Show key events only",
        "In focus",
        "Around the web",
        "Further coverage",
    ],
    "sponsored": [
        "Deals",
        "Ad Choices",
        "Sponsored: {name} explains {n} ways to save",
        "Content by Northwind Bank",
        "Paid promotional link",
    ],
    "share": [
        "Share Facebook Copy Link copied Print Email X LinkedIn Bluesky Flipboard Pinterest Reddit",
        "Gift Article",
        "Follow this author",
        "Save",
        "Reuse this content",
        "This story has been shared {n},204 times.",
        "Share options",
        "Copied",
    ],
    "comments": [
        "Read {n}1 comments",
        "Comment",
        "{n} replies",
        "Show more comments",
        "Commenting has been turned off for this article.",
    ],
    "promo": [
        "Sign up here.",
        "Sign up for our Morning Briefing newsletter",
        "Skip past newsletter promotion",
        "after newsletter promotion",
        "Get weekly news and analysis on {topic} with our newsletter. Sign up here.",
        "Privacy notice: newsletters may carry information about charities, ads and content funded by others.",
        "Leer en español",
        "Subscribe to {topic} Weekly",
        "Download the Ledger app",
    ],
    "time": [
        "Updated 2:31 PM GMT, November {n}, 2016",
        "Updated November {n}, 2016 at 5:02 p.m. EST",
        "Published {n} November 2016",
        "{day}, November {n}, 2016",
        "November {n}, 2016 11:20 AM ET",
        "Updated {n}:15 PM",
    ],
    "ad": [
        "SKIP ADVERTISEMENT",
        "Supported by",
        "Advertisement - Scroll to Continue",
        "ADVERTISING",
    ],
    "rights": [
        "Copyright 2016 The Associated Press. All rights reserved.",
        "All rights reserved.",
        "© Northwind Media 2016",
        "Copyright © 2016 The Daily Ledger",
        "This material may not be reproduced or redistributed without permission.",
        "Our Standards: the Ledger's editorial principles.",
        "The Ledger is solely responsible for all content.",
        "Reprints and permissions",
    ],
    "label": [
        "POLITICO Pro",
        "Playbook",
        "The Washington Post",
        "Democracy Dies in Darkness",
        "World",
        "Europe",
        "Live updates",
        "Opinion",
        "Middle East crisis",
        "Elections {n}16",
    ],
    "note": [
        "A version of this article appears in print on Nov. {n}, 2016, Section A, Page 1 of the New York edition.",
        "The Ledger receives support from private foundations for its coverage of {topic}.",
        "This story was produced in partnership with the Alder Health Foundation.",
        "This article is part of our series on {topic}.",
    ],
}
for _kind, _more in TUNING_PUBLISHER.items():
    TUNING.setdefault(_kind, []).extend(_more)

# Page lines written by a second hand (bench/page_lines_second.py), who never read these lists
# nor the cleaner: one part joins the tuning pool, the other is held out as the "second" pool.
for _kind, _more in SECOND_TUNING.items():
    TUNING.setdefault(_kind, []).extend(_more)
# and by a third hand (bench/page_lines_third.py), for the kinds that leaked most: notes, comment
# sections, players, stamps, rights lines and photo credits in many more wordings
for _kind, _more in THIRD_TUNING.items():
    TUNING.setdefault(_kind, []).extend(_more)

# and by a fourth hand (bench/page_lines_fourth.py), written late and kept apart from the tuning
# pool: its even lines of each kind may be read while tuning ("fourth-tuning" pages, on the tuning
# stories), its odd lines are held out ("fourth" pages, on the locked stories)
FOURTH_TUNING = {kind: lines[0::2] for kind, lines in FOURTH.items()}
FOURTH_HELD = {kind: lines[1::2] for kind, lines in FOURTH.items()}

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

# The unseen pool: page lines in publishers' own shapes (as TUNING_PUBLISHER), a held-out list
# written at once before any tuning on them (2026-12-07), in new kinds too (rights notices, brand
# and section labels, print-edition and funding notes). Laid out on the locked stories; only
# their figures are ever printed. Written for this generator.
UNSEEN = {
    "paywall": [
        "Keep reading for $1",
        "Get unlimited access to {place} news for less than 25 cents a week.",
        "Subscribers can read this story in full.",
        "Sign up to read the full story",
        "This is a subscriber-only article",
        "Register to read 3 articles a month for free",
        "Continue reading your article with a membership",
        "Want to read more? Choose your plan.",
    ],
    "video": [
        "Video caption: {name} arrives in {place}",
        "Watch: {name} reacts to the vote",
        "{name} speaks in {place} (2:41)",
        "Media caption, {name} said the talks were useful",
        "Replay video",
        "Video duration 01:52",
        "Now playing",
        "Watch the moment {name} takes the stage",
    ],
    "photo": [
        "{name} at a news conference in {place} on {day}. {NAGENCY}/{name2}",
        "Image source, {agency}",
        "{name} leaves the meeting in {place}. | {agency}",
        "A protester holds a sign in {place} on {day}. Photographer: {name2}/{agency}",
        "{name} pictured in {place} last month",
        "Photo: {name2} for The Daily Ledger",
        "Item 2 of 5 {name} speaks in {place}. {NAGENCY}/{name2}",
        "Open in gallery",
    ],
    "related": [
        "Related reading",
        "Read next: {headline}",
        "Explore more on these topics",
        "More on {topic}",
        "Top headlines",
        "Most viewed in World",
        "Editor's choice",
        "What we're reading",
    ],
    "sponsored": [
        "Sponsored links",
        "Promoted content by Taboola",
        "Paid partner content",
        "Ad from our partner",
        "Supported by Halcyon Travel",
        "Offers for you",
    ],
    "share": [
        "Share page",
        "Share this with Facebook",
        "Copy link to clipboard",
        "Gift this story",
        "Share full article",
        "Email | Facebook | X",
    ],
    "comments": [
        "Join the conversation below",
        "{n} comments so far",
        "View comments",
        "Comments are moderated and may take a while to appear.",
        "Add your comment",
        "Write a response",
    ],
    "promo": [
        "Sign up for our newsletter and get the day's top stories.",
        "Follow {place} Post on social media",
        "Get our free app",
        "Receive alerts on your phone when news breaks.",
        "Listen to our podcast on your favourite app",
        "Like this story? Forward it to a friend.",
        "Get in touch: send us your questions.",
        "Newsletter: the week in politics",
    ],
    "time": [
        "{day} {n} November 2016",
        "{n} hours ago",
        "Published {day} at 7:30 am",
        "Updated: Nov. {n}, 2016, 8:15 a.m. ET",
        "Last update: {day}",
        "Nov {n} 2016 - 11:05",
    ],
    "ad": [
        "Advertisement · Scroll to continue",
        "Ad · Content continues below",
        "Sponsored message",
        "AD CONTENT",
    ],
    "rights": [
        "© 2016 The Daily Ledger. All rights reserved.",
        "Copyright 2016 Northwind Media Group. Reproduction without permission is prohibited.",
        "This article may not be republished or redistributed without written consent.",
        "All content © Example News Ltd",
        "Copyright © 2016, The {place} Times",
    ],
    "label": [
        "Politics",
        "World news",
        "US elections",
        "The Daily Ledger",
        "Breaking",
        "Topics",
        "In this article",
        "Follow",
    ],
    "note": [
        "A version of this story ran in the {day} print edition.",
        "This story appears in the {place} edition of our weekend magazine.",
        "Our coverage of {place} is funded in part by a grant from the Alder Foundation.",
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
    corpus: str = ""  # polnear, wcxb or gum: figures per corpus tell wire stories from web articles


@dataclass(slots=True)
class GoldStory:
    headline: str
    style: str
    body: list[str]
    credits: list[str] = field(default_factory=list)
    corpus: str = ""


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
            out.append(Source(_norm(title).rstrip("."), body, author, "polnear"))
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
            out.append(Source(title, body, truth.get("author"), "wcxb"))
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
            out.append(Source(title, body, corpus="gum"))
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
    headline = rng.choice(headlines)
    agency = rng.choice(AGENCIES[pool])  # drawn in this order so that the locked pages stay the same
    return template.format(headline=headline, name=first, name2=second, NAME=first.upper(), agency=agency,
                           NAGENCY=agency.split("/")[0].upper(), n=rng.randint(2, 59), place=rng.choice(PLACES[pool]),
                           day=rng.choice(DAYS), topic=rng.choice(TOPICS[pool]))


def make_pages(pool: str, count: int, seed: int = 7, half: int | None = None,
               balanced: bool = False) -> list[Page]:
    """`count` pages of 2-4 stories each from `pool` ("tuning", "locked", "unseen", "second" or
    "fourth": the locked stories with the held-out page lines of UNSEEN, of the second or of the
    fourth hand; "fourth-tuning": the tuning stories with the fourth hand's tuning lines); with
    `half` (0 or 1),
    only the stories of that half of the pool (by a checksum of the title), so that a model
    trained on one half can be scored on stories it has never seen. `balanced` (for training)
    draws the stories of each corpus about equally often: PolNeAR has ten times the stories of
    the others, and its stories have almost no subheadings, lists or questions inside them, which
    the web articles are full of; a model trained on pages drawn as they come would rarely see one."""
    rng = random.Random(seed)
    lines = {"tuning": TUNING, "locked": LOCKED, "unseen": UNSEEN, "second": SECOND_HELD,
             "fourth": FOURTH_HELD, "fourth-tuning": FOURTH_TUNING}[pool]
    name = pool
    # the unseen and the second and fourth hands' held-out lines are laid out on the locked stories
    pool = "locked" if pool in ("unseen", "second", "fourth") else "tuning" if pool == "fourth-tuning" else pool
    corpora = [polnear(pool), wcxb(pool), gum(pool)]
    if half is not None:
        corpora = [[s for s in c if zlib.crc32(s.title.encode("utf-8")) % 2 == half] for c in corpora]
    items = [s for c in corpora for s in c]
    if balanced:
        largest = max(len(c) for c in corpora)
        items = [s for c in corpora for s in c * max(1, round(largest / max(len(c), 1) / 2))]
    rng.shuffle(items)
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
                rail = [k for k in ("related", "sponsored", "share", "comments", "promo", "ad", "rights", "label", "note")
                        if k in lines]
                for kind in rng.sample(rail, rng.randint(1, 3)):
                    furnish(kind)
            stories.append(GoldStory(headline, style, list(source.paragraphs), credits, source.corpus))
        pages.append(Page(f"{name}-{number:03d}", "\n\n".join(out) + "\n", stories, furniture))
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
