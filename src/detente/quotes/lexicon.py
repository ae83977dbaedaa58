"""The words that introduce reported speech, written by us.

Two tiers. SPEECH_VERBS report an utterance on their own ("said that…", "warned…"), so their
complement clause is an indirect quote. FRAMING_VERBS only report speech when they carry a
quoted fragment ("dismissed talk of peacekeepers as “completely premature”", "called on members
to increase spending to “considerably more…”"); without one they are ordinary actions, so they
make a quote only when the content holds quotation marks. Verbs of belief and feeling (think,
believe, hope, want) are deliberately absent: they are not speech.
"""

from __future__ import annotations

SPEECH_VERBS: frozenset[str] = frozenset({
    "say", "tell", "add", "warn", "insist", "argue", "note", "write", "claim", "state",
    "explain", "announce", "declare", "report", "reply", "respond", "answer", "acknowledge",
    "admit", "concede", "contend", "maintain", "assert", "stress", "emphasize", "emphasise",
    "predict", "promise", "vow", "pledge", "suggest", "recall", "repeat", "reiterate", "confirm",
    "deny", "testify", "tweet", "post", "complain", "boast", "joke", "quip", "caution",
    "urge", "observe", "conclude", "counter", "allege", "assure", "inform", "remark",
    "comment", "proclaim", "mention", "disclose", "reveal", "recount", "retort", "scoff",
    "shout", "yell", "whisper", "exclaim", "lament", "muse", "concur", "propose", "demand",
    "ask", "estimate", "advise", "opine", "charge", "protest", "affirm", "speculate", "tout",
    "brag", "grumble", "mutter", "hint", "imply", "recommend", "clarify", "confess",
})

FRAMING_VERBS: frozenset[str] = frozenset({
    "describe", "call", "dismiss", "characterize", "characterise", "label", "brand",
    "praise", "criticize", "criticise", "accuse", "blame", "deride", "hail", "condemn",
    "denounce", "slam", "blast", "mock", "speak", "refer", "decry", "term", "question",
    "defend", "attack", "thank", "applaud", "welcome", "reject", "offer", "express", "voice",
    "seek", "plead", "beg", "signal", "threaten",
})

# Verbs that frame a quotation standing next to them ("“…,” he continued", "the headline
# reads: “…”") but report nothing on their own: never an indirect quote.
DIRECT_ONLY_VERBS: frozenset[str] = frozenset({
    "continue", "echo", "read", "begin", "chime", "interject", "laugh", "sigh", "confess",
    "plead", "quote", "cite", "sing", "chant", "scream", "cry", "shoot", "snap", "fire", "go",
})

# `tell`-like verbs whose object is the audience, part of the cue ("told reporters").
AUDIENCE_VERBS: frozenset[str] = frozenset({"tell", "inform", "assure", "warn", "remind", "advise"})

# Nouns of a medium that belong to the cue when they follow the verb ("wrote in an online essay").
MEDIUM_NOUNS: frozenset[str] = frozenset({
    "statement", "interview", "essay", "speech", "letter", "post", "tweet", "message",
    "column", "article", "op-ed", "editorial", "release", "conference", "briefing", "memo",
    "email", "e-mail", "video", "podcast", "broadcast", "address", "remarks", "testimony",
    "hearing", "rally", "call", "appearance", "book", "report", "filing", "blog", "op", "note",
})

RELATIVE_PRONOUNS: frozenset[str] = frozenset({"who", "which", "that", "whom"})
