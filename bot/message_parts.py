"""One officer message → the questions in it, each with the statements around it.

Officers send several questions at once ("brp saksi? boleh bareng ga?"), tails that only ask
"jam brp?", greetings, and statements that set the scene ("ada pemilih pingsan."). The engine
answers each question once, searching it together with its statements. A chat sends such a
tail as a message of its own too, right after the question it follows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from knowledge.keyword import stem, tokenize

# A piece ends at "?", a line break, or "." closing a sentence ("… pakai pickup. apa yg hrs
# kami periksa?"), not the "." inside "07.00". Splitting at "." too, over eleven sets: 4 fewer
# answerable questions declined (a word only in the statement before the question), 1 more
# unanswerable one answered; hit@1 unchanged on ten sets, probe13 0.633 → 0.617.
_PIECE = re.compile(r"((?:[^?.\n]|\.(?!\s|$))*)(\?*)\.*")
# Abbreviations written with a full stop end no sentence: "grup PPS Kel. Tegalrejo".
_ABBREVIATION_STOP = re.compile(
    r"\b(kel|kec|kab|prov|ds|dsn|jl|jln|no|tgl|pkl|bpk|sdr|yth|dr|drs|ir|hj)\.(?=\s)", re.I
)
MAX_PARTS = 3
# "then", joining two dictated questions; the question word of the first is near its end.
_THEN = re.compile(r"\b(?:terus|trus|trs|lalu)\b")
_ASKING_END = 3
# Words that make a piece without "?" a question, in the standard forms the thesaurus gives
# ("gmn" is "bagaimana" by then); a tag "… tidak" / "… belum" at the end asks too ("sah ga").
_ASKING = re.compile(
    r"\b(?:apa|apakah|bagaimana|berapa|kapan|siapa|mana|dimana|kemana|kenapa|mengapa|boleh"
    r"|bolehkah|bisa|bisakah|dapatkah|kah|ngapain|diapain|mohon|tolong)\b"
    r"|\b(?:tidak|belum|bukan)\W*$"
)

# Words of degree or duration say nothing of their own: "paling lambat?", "maksimal brp lama?"
# (which the thesaurus makes "paling banyak berapa lama") are tails like "jam brp?".
_DEGREE = frozenset(
    {"paling", "banyak", "sedikit", "lama", "lambat", "cepat", "singkat", "kurang", "lebih"}
)


@dataclass(frozen=True)
class Part:
    """One question of a message: the piece that asks, and the statements around it."""

    asked: str
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    follows: str = ""  # the officer's earlier message this one only adds to ("jam brp?")

    @property
    def text(self) -> str:
        """What is searched: the question with its context, in the officer's order."""
        earlier = [self.follows] if self.follows else []
        return ". ".join([*earlier, *self.before, self.asked, *self.after])

    @property
    def own_question(self) -> str | None:
        """The piece that asks, when statements or an earlier question surround it."""
        return self.asked if self.before or self.after or self.follows else None


def split_questions(
    text: str, normalize: Callable[[str], str] = str.lower, earlier: str = ""
) -> list[Part]:
    """Several questions in one message ("brp saksi? boleh bareng ga?"), each with enough
    words of its own. A short tail ("jam brp?") stays with the question before it, and a
    statement ("ada pemilih pingsan.", "kita sudah cari tapi tidak dapat") is context of the
    question after it, or before it when it comes last: answered alone it fetched a passage
    about nothing the officer asked.

    ``normalize`` gives a piece's standard words (the engine passes the thesaurus), so "jam
    brp" counts as one word ("pukul"; "berapa" asks, it says nothing). ``earlier`` is the
    officer's previous question in a chat: a message that opens with such a tail ("jam brp?",
    "trus gmn?") follows it, by the same rule. A message with no word of substance ("halo
    min", "makasih") has no question: the list is empty.
    """
    parts: list[Part] = []
    context: list[str] = []
    said = False  # whether any piece has a word of substance
    pieces: list[tuple[str, str]] = []  # each piece and the "?" it ends with
    for match in _PIECE.finditer(_ABBREVIATION_STOP.sub(r"\1", text)):
        *asked, last = _spoken_questions(match.group(1).strip(" ,.;"), normalize)
        pieces += [(question, "?") for question in asked] + [(last, match.group(2))]
    for piece, mark in pieces:
        if not piece:
            continue
        standard = normalize(piece)
        words = substantive_words(standard)
        said = said or bool(tokenize(standard))  # "maksimal brp?" says something
        # A request ("mohon dijelaskan ...") asks too, though the thesaurus drops its polite
        # words; a greeting or "mohon info" before any question says nothing of its own.
        asks = mark or _ASKING.search(standard) or _ASKING.search(piece.lower())
        if asks and earlier and not parts and not context and len(words) < 2:
            parts.append(Part(piece, follows=earlier))
        elif not asks or (not words and not parts):
            context.append(piece)
        elif parts and not context and len(words) < 2:
            parts[-1] = replace(parts[-1], asked=f"{parts[-1].asked}? {piece}")
        else:
            parts.append(Part(piece, before=tuple(context)))
            context = []
    if not said and not parts:
        return []  # "halo min", "makasih": nothing asked, nothing to search
    if context:
        if not parts:
            return [Part(text)]
        parts[-1] = replace(parts[-1], after=tuple(context))
    if len(parts) > MAX_PARTS:
        rest = parts[MAX_PARTS - 1 :]
        parts = [*parts[: MAX_PARTS - 1], Part(" ".join(p.text for p in rest))]
    return parts or [Part(text)]


def _spoken_questions(piece: str, normalize: Callable[[str], str]) -> list[str]:
    """A dictated message has no "?": "… paling telat kapan terus boleh gak pake speaker"
    asks twice. It is cut before "terus"/"lalu" where the words just before it ask (a
    question word among the last three) and the rest asks too; "… kerja di kota terus
    suratnya gimana" tells a story first and stays whole."""
    out: list[str] = []
    start = 0
    for cut in _THEN.finditer(piece):
        before, after = piece[start : cut.start()], piece[cut.start() :]
        ending = " ".join(normalize(before).split()[-_ASKING_END:])
        if _ASKING.search(ending) and _ASKING.search(normalize(after)):
            out.append(before.strip())
            start = cut.start()
    return [*out, piece[start:].strip()]


def substantive_words(standard: str) -> list[str]:
    """The words of a piece (in standard form) that can name a subject: fewer than two, and
    it only asks something of a subject named elsewhere ("jam brp?", "paling lambat?")."""
    return [w for w in tokenize(standard) if w not in _DEGREE]


_BACK_REFERENCE = re.compile(r"\b[a-z]{3,}nya\b")
# "... ada cara lain gak? trus paling telat hrs kekirim jam brp?": "then" goes on with the
# same thing, and "honor kpps brp? sama kayak pemilu kmrn gak?" compares it.
_GOING_ON = re.compile(
    r"^(?:trus|terus|trs|lalu|lantas|(?:kalau|kalo|klo) gitu|(?:abis|habis|setelah|stlh) itu"
    r"|(?:sama|beda)\s+(?:kayak|kaya|kyk|kek|kayag|dengan|dgn|sama|ama|seperti|dari|dr))\b"
)


def refers_back(part: str, missing: list[str]) -> bool:
    """A follow-up pointing back with "-nya" ("cairnya kapan?", "warnanya ditentuin ga?") or
    going on with "trus" ("trus paling telat jam brp?"), or naming the same missing subject
    again ("parkiran motor gmn? jarak parkir brp?")."""
    if _BACK_REFERENCE.search(part.lower()) or _GOING_ON.search(part.lower().lstrip()):
        return True
    return bool({stem(w) for w in missing} & set(tokenize(part)))
