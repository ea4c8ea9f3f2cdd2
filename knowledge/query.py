"""Officers' informal Indonesian → the words the regulations use.

Two general, editable lists in ``config/abbreviations.json``: ``replace`` turns abbreviations
and slang into standard words ("gmn" → "bagaimana"; "nyoblos" → "memberikan suara", the law's
words for voting), and ``expand`` adds the regulation's own terms for everyday words ("sobek" →
"rusak") at a lower weight, so the officer's words still count most. Admins extend the lists;
no rule targets a question.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.keyword import (
    STOPWORDS,
    NearWords,
    Vocabulary,
    is_common_word,
    is_everyday_word,
    stem,
    tokenize,
    word_tokens,
)

EXPANSION_WEIGHT = 0.5
# "pasal 98 ayat 4", "psl 61 ayat (4)", "ps. 112 ayat (2) huruf c", "pasal 98 (4)".
PASAL_REFERENCE = re.compile(
    r"\b(?:pasal|pasl|psl|ps)\.?\s*(\d+[a-z]?)\b"
    r"(?:\s*(?:ayat|ayt|ay\.)\s*\(?(\d+[a-z]?)\)?|\s*\((\d+[a-z]?)\))?",
    re.I,
)


# A law named by number and year ("uu 8 2015", "UU No. 10 Tahun 2016", "perppu 1/2014") says
# where the officer thinks the rule is, not what the question is about; searched, its words
# matched the amending laws' closing articles ("Pada saat Undang-Undang ini mulai berlaku").
LAW_REFERENCE = re.compile(
    r"\b(?:uu|undang[- ]?undang|perppu|perpu)\s*(?:no\.?|nomor|nmr|nomer)?\s*(\d{1,3})"
    r"\s*(?:/|tahun|thn|th\.?)?\s*(\d{4})\b",
    re.I,
)


# Words that name one election. "Pemilu" alone is not one: officers use it for any election.
_ELECTION_WORDS = {
    "pilkada": re.compile(
        r"\b(?:pilkada\w*|pilgub|pilbup|pilwalkot|pilwali|kepala daerah|gubernur|bupati|"
        r"wali ?kota|walkot)\b"
    ),
    "pemilu": re.compile(
        r"\b(?:pilpres|pileg|capres|cawapres|caleg|dpr|dprd|dpd|presiden|pemilu\s+2024)\b"
    ),
}


def named_election(question: str) -> str | None:
    """The election the question names, if it names exactly one."""
    text = question.lower()
    named = [election for election, words in _ELECTION_WORDS.items() if words.search(text)]
    return named[0] if len(named) == 1 else None


_ORDINALS = {
    "1": "ketua",
    "satu": "ketua",
    "2": "kedua",
    "dua": "kedua",
    "3": "ketiga",
    "tiga": "ketiga",
    "4": "keempat",
    "empat": "keempat",
    "5": "kelima",
    "lima": "kelima",
    "6": "keenam",
    "enam": "keenam",
    "7": "ketujuh",
    "tujuh": "ketujuh",
}
# "kpps 4", "anggota kpps ke-4", "kpps lima": the regulations number KPPS members by ordinal
# ("Anggota KPPS Keempat"); the first member is the Ketua. "kpps 7 orang" is a count.
_MEMBER_RE = re.compile(
    r"\b(?:anggota\s+)?kpps\s*(?:ke[- ]?)?(" + "|".join(_ORDINALS) + r")\b(?!\s*(?:orang|org))"
)


# Chat writes "dapat" as "dpt", which is also the voter list (DPT). After a word of aspect,
# negation or ability it is the verb: "blm dpt undangan", "ga dpt surat suara", "bisa dpt salinan".
_DAPAT_RE = re.compile(
    r"\b(blm|belum|sdh|sudah|udh|udah|ga|gak|nggak|ngga|tidak|tdk|bisa|bs|mau|akan|harus|hrs|"
    r"boleh|blh)\s+dpt\b"
)


# Chat's "abis" is "setelah" before what happened ("abis nyoblos"), but "habis" (run out) after
# a word of aspect, after a supply ("surat suara abis pas pemilih dtg") or at the end of a
# clause ("surat suara udh abis", "kalo abis?").
_HABIS_RE = re.compile(
    r"\b(?:(udh|udah|sudah|sdh|dah|telah|lagi|lg|mau|hampir|keburu|bakal|sampai|sampe"
    r"|suara|tinta|logistik|kertas|formulir|segel|stok|cadangan)\s+)"
    r"abis\b|\babis(?=\s*(?:[?!.,;]|$))"
)


def _habis(match: re.Match[str]) -> str:
    return f"{match.group(1)} habis" if match.group(1) else "habis"


# Chat's "cm" is "cuma" (only), except as a unit after a number or "brp" ("10 cm", "brp cm").
_CM_RE = re.compile(r"\b(?:(\d+|brp|berapa)\s+)?cm\b")


def _cuma(match: re.Match[str]) -> str:
    return match.group(0) if match.group(1) else "cuma"


# "1x", "brp x" are times ("diundur 1x", "boleh diganti brp x?"), as the documents' "1 (satu)
# kali"; "2x3 meter" is a size.
_TIMES_RE = re.compile(r"\b(\d{1,2})\s?x\b|(?<=\bberapa )x\b|(?<=\bbrp )x\b")


def _times(match: re.Match[str]) -> str:
    return f"{match.group(1)} kali" if match.group(1) else "kali"


# An amount of money ("100rb", "50 ribu", "rp 50.000", "1jt") is "uang" to the documents, whose
# rules on money ("menjanjikan atau memberikan uang") name no amount.
_MONEY_RE = re.compile(
    r"\brp\.?\s?\d[\d.,]*(?:\s?(?:rb|ribu|rebu|k|jt|juta))?\b"
    r"|\b\d[\d.,]*\s?(?:rb|ribu|rebu|k|jt|juta)\b"
)


# Speech-to-text writes an acronym as its letters' names: "te pe es" (TPS), "ka pe pe es" (KPPS),
# "de pe te be" (DPTb), "ka te pe" (KTP). Officers who dictate their questions send these.
_LETTER_NAMES = {
    "a": "a", "be": "b", "ce": "c", "de": "d", "e": "e", "ef": "f", "ge": "g", "ha": "h",
    "i": "i", "je": "j", "ka": "k", "el": "l", "em": "m", "en": "n", "o": "o", "pe": "p",
    "ki": "q", "er": "r", "es": "s", "te": "t", "u": "u", "ve": "v", "fe": "v", "we": "w",
    "eks": "x", "ye": "y", "zet": "z",
}  # fmt: skip


# Speech-to-text also hears "ka" as "ke" ("ke pe pe es"). "ke" is the everyday "to" ("ke te
# pe es"), so it counts as a letter only first, in an acronym that takes the whole run.
_SPOKEN_K = "ke"
_LETTER_NAME = "|".join(sorted(_LETTER_NAMES, key=len, reverse=True))
_LETTER_RUN = re.compile(rf"\b(?:{_SPOKEN_K}\s+)?(?:{_LETTER_NAME})(?:\s+(?:{_LETTER_NAME}))+\b")


def _join_spelled_letters(text: str, known: Callable[[str], bool]) -> str:
    """Runs of two or more letter names joined into the acronym they spell, when ``known``
    knows it: the longest such acronym from each run's start. Letter names are also words
    ("ka" for "ke", "pe" for "punya" in Manado, "es" for ice); alone, or spelling nothing
    known ("de pe mama": "dia punya mama"), they stay."""

    def join(run: re.Match[str]) -> str:
        words = run.group(0).split()
        out: list[str] = []
        i = 0
        if words[0] == _SPOKEN_K:
            whole = "k" + "".join(_LETTER_NAMES[w] for w in words[1:])
            if known(whole):
                return whole
            out.append(words[0])
            i = 1
        while i < len(words):
            for stop in range(len(words), i + 1, -1):
                acronym = "".join(_LETTER_NAMES[w] for w in words[i:stop])
                if known(acronym):
                    out.append(acronym)
                    i = stop
                    break
            else:
                out.append(words[i])
                i += 1
        return " ".join(out)

    return _LETTER_RUN.sub(join, text)


def _spelled_word(word: str, known: Callable[[str], bool]) -> str | None:
    """The acronym a word of run-together letter names spells ("erte" → "rt", "erwe" →
    "rw"), when ``known`` knows it."""
    if not 4 <= len(word) <= 12:
        return None
    spellings: dict[int, list[str]] = {0: [""]}  # letters so far, by position in the word
    if word.startswith(_SPOKEN_K):
        spellings[len(_SPOKEN_K)] = ["k"]  # "kepepes"
    for start in range(len(word)):
        for letters in spellings.get(start, []):
            for name, letter in _LETTER_NAMES.items():
                if word.startswith(name, start):
                    spellings.setdefault(start + len(name), []).append(letters + letter)
    return next((a for a in spellings.get(len(word), []) if len(a) > 1 and known(a)), None)


def _join_split_words(text: str, known: Callable[[str], bool]) -> str:
    """Two neighbours joined where voice typing split a word ("se gel", "lin mas", "pil
    bup"): when together they are ``known`` and one of them is neither ``known`` nor a
    function word ("gel" is a word, but not the documents')."""
    words = text.split(" ")
    out: list[str] = []
    i = 0
    while i < len(words):
        pair = words[i : i + 2]
        if (
            len(pair) == 2
            and all(w.isalpha() for w in pair)
            and not (_is_known(pair[0], known) and _is_known(pair[1], known))
            and known(pair[0] + pair[1])
        ):
            out.append(pair[0] + pair[1])
            i += 2
        else:
            out.append(words[i])
            i += 1
    return " ".join(out)


def _is_known(word: str, known: Callable[[str], bool]) -> bool:
    return known(word) or word in STOPWORDS


_CHAT_PREFIXES = ("", "di", "ke", "ter", "nge", "ng", "me", "ber")
_CHAT_SUFFIXES = ("", "in", "kan", "an", "nya")


def _member_ordinals(text: str) -> str:
    def name(match: re.Match[str]) -> str:
        ordinal = _ORDINALS[match.group(1)]
        return "ketua kpps" if ordinal == "ketua" else f"anggota kpps {ordinal}"

    return _MEMBER_RE.sub(name, text)


@dataclass
class Concept:
    """One word the officer typed and the document terms that stand for it.

    ``phrases`` keeps each way of saying it whole: the word itself, and each thesaurus phrase
    as its stems. A passage *mentions* the word when it has any of the ``terms``, and *says*
    it when it has a whole phrase: "masjid" → "tempat ibadah" is said by "di dalam ruangan
    tempat ibadah" and only mentioned by every "tempat pemungutan suara".
    """

    terms: set[str]
    phrases: list[frozenset[str]]

    @classmethod
    def of(cls, token: str) -> Concept:
        return cls({token}, [frozenset({token})])

    def add(self, phrases: Iterable[frozenset[str]]) -> None:
        """Add ways of saying the word, each a phrase's stems."""
        for stems in phrases:
            if stems:
                self.terms |= stems
                self.phrases.append(stems)

    def mentioned_in(self, words: frozenset[str]) -> bool:
        return bool(self.terms & words)

    def said_in(self, words: frozenset[str]) -> bool:
        return any(phrase <= words for phrase in self.phrases)


@dataclass
class Query:
    """A normalised question, ready for both retrieval sides."""

    original: str
    text: str  # normalised text for the embedder
    weights: dict[str, float] = field(default_factory=dict)  # stemmed keyword → weight
    # One per word the officer typed: the word and the document terms it expands to.
    concepts: list[Concept] = field(default_factory=list)
    pasal: str | None = None  # "isi pasal 91 apa?" names an article directly
    ayat: str | None = None
    election: str | None = None  # "pas pilkada", "buat capres": the election the officer named
    members: tuple[str, ...] = ()  # KPPS members named ("kpps 5" → "kelima"; 1 → "ketua")
    law_share: float = 0.5  # how likely a Pasal answers it rather than a guide (kind_prior)
    laws: tuple[tuple[str, str], ...] = ()  # laws named by (number, year): "uu 7 2017"
    names_body: bool = False  # names an election body ("pps", "ppk", "kpu", "panwas", ...)


class Normalizer:
    """Applies the abbreviation and expansion lists (loaded once)."""

    def __init__(
        self,
        replace: dict[str, str],
        expand: dict[str, list[str]],
        ignore: list[str] | tuple[str, ...] = (),
        names: frozenset[str] = frozenset(),
    ) -> None:
        # Chat fillers ("btw", "gan", "wkwk") are dropped: they carry no meaning, and a word no
        # document uses would otherwise make the bot decline the question.
        self.replace = {w.lower(): "" for w in ignore}
        self.replace.update({k.lower(): v for k, v in replace.items()})
        self.expand = {k.lower(): [t.lower() for t in v] for k, v in expand.items()}
        # Each entry's phrases as stems, tokenised once rather than per question.
        self._phrases = {
            key: [frozenset(tokenize(phrase)) for phrase in phrases]
            for key, phrases in self.expand.items()
        }
        self._replace_re = _phrase_regex(self.replace)
        self._expand_patterns = [
            (key, re.compile(r"(?<![\w-])" + re.escape(key) + r"(?![\w-])"))
            for key in sorted(self.expand, key=len, reverse=True)
        ]
        self._expand_words = frozenset(w for key in self.expand for w in key.split())
        # Typos of the thesaurus' own words ("masijd"), as of the documents' words.
        self._near_keys = NearWords(
            key for key in [*self.replace, *self.expand] if key.isalpha() and len(key) >= 5
        )
        # Neither thesaurus words ("telat") nor names ("batam") are spelling mistakes: the typo
        # fix would turn them into a document word one letter away ("tepat", "batas").
        self._not_typos = self._expand_words | names

    @classmethod
    def from_file(cls, path: Path, names: frozenset[str] = frozenset()) -> Normalizer:
        """The lists of ``path``; ``names`` (places, people) are never taken for typos."""
        if not path.is_file():
            return cls({}, {}, names=names)
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            data.get("replace", {}), data.get("expand", {}), data.get("ignore", []), names=names
        )

    def unused_terms(self, stems: set[str]) -> list[str]:
        """Expansion terms no indexed document uses: they can never match, so an admin
        extending the list sees them in the ingest report ("honorarium" where the documents
        say "hak keuangan")."""
        phrases = {phrase for terms in self.expand.values() for phrase in terms}
        return sorted(p for p in phrases if tokenize(p) and not set(tokenize(p)) & stems)

    def _thesaurus_base(self, match: re.Match[str]) -> str:
        """A thesaurus word with "-nya", krama "-(n)ipun" ("ukumanipun", "suaranipun"),
        Sundanese "-(a)na" ("kulawargana", "alesanana") or Javanese "-ne" ("suwene")."""
        word = match.group(1) or match.group(2) or match.group(3)
        for base in (word, word[:-1] if word[-1:] in ("n", "a") else ""):
            if base in self.replace or base in self.expand:
                return base
        return match.group(0)

    def _keeps(self, typed: str, vocabulary: Vocabulary | None) -> bool:
        """Whether an abbreviation stays beside the words it stands for: when the documents
        use it too. The module says "Linmas" and "DPT" where the law spells them out;
        replacing the officer's word would lose the module's pages."""
        spelled_out = tokenize(self.replace[typed])
        return (
            vocabulary is not None
            and len(spelled_out) > 1
            and tokenize(typed) == [typed]
            and typed in vocabulary.stems
            and typed not in spelled_out
        )

    def _knows(self, word: str, vocabulary: Vocabulary | None) -> bool:
        """A word of the thesaurus or of the documents."""
        return (
            word in self.replace
            or word in self.expand
            or (vocabulary is not None and word in vocabulary.stems)
        )

    def _knows_word(self, word: str, vocabulary: Vocabulary | None) -> bool:
        """A thesaurus word, or a word as the documents write it."""
        return (
            word in self.replace
            or word in self.expand
            or (vocabulary is not None and word in vocabulary.words)
        )

    def _thesaurus_word(self, word: str, vocabulary: Vocabulary | None) -> str:
        """The thesaurus word a typo stands for ("masijd": "masjid"), when it is the only one
        a letter away and the typed word is nobody's (not a document's, not everyday, not
        a name)."""
        if word in self._not_typos or self._knows_word(word, vocabulary):
            return word
        if is_everyday_word(word) or (vocabulary is not None and vocabulary.resolve(word)):
            return word
        near = self._near_keys.find(word)
        return near.pop() if len(near) == 1 else word

    def _spelled(self, word: str, vocabulary: Vocabulary | None) -> str | None:
        """The acronym of a word nobody knows that voice typing spelled ("erte": "rt")."""
        if self._knows_word(word, vocabulary) or is_everyday_word(word):
            return None
        return _spelled_word(word, lambda acronym: self._knows(acronym, vocabulary))

    def _expand_by_root(
        self,
        text: str,
        vocabulary: Vocabulary,
        weights: dict[str, float],
        concepts: dict[str, Concept],
    ) -> None:
        """Another form of a thesaurus word ("dicelup", "bosnya": entries "celup", "bos")
        takes that entry's terms, so one entry serves every form an officer types.

        The word counts as covered by those terms (coverage, the abstention check). They join
        the keywords only when no document uses the root: a root the documents use
        ("tugasnya": "tugas") already matches, and expanding it too cost dev hit@1.
        """
        for word in set(word_tokens(text)):
            typed = stem(word)
            root = self._entry_of(word)
            if word in self.expand or root is None:
                continue
            added = set().union(*self._phrases[root])
            if root not in vocabulary.stems:
                for token in added:
                    weights.setdefault(token, EXPANSION_WEIGHT)
            concepts.setdefault(typed, Concept.of(typed)).add(self._phrases[root])

    def _entry_of(self, word: str) -> str | None:
        """The expansion entry another form of a word belongs to: by its stem ("dicelup":
        "celup"), or, for a word the stemmer does not know, without a chat prefix or suffix
        ("ditipex", "ngetipex": "tipex")."""
        root = stem(word)
        if root != word and root in self.expand:
            return root
        for prefix in _CHAT_PREFIXES:
            for suffix in _CHAT_SUFFIXES:
                if word.startswith(prefix) and word.endswith(suffix):
                    bare = word[len(prefix) : len(word) - len(suffix)]
                    if bare != word and len(bare) >= 4 and bare in self.expand:
                        return bare
        return None

    def normalize(self, question: str, vocabulary: Vocabulary | None = None) -> Query:
        """Standard words, keyword weights and a cleaner text for the embedder.

        With the index ``vocabulary``, colloquial forms and typos are mapped onto words the
        documents contain ("nyiapin" → "disiapkan"), in the keywords and in the text.
        """
        lowered = " ".join(_without_accents(LAW_REFERENCE.sub(" ", question.lower())).split())
        # Drop repeated letters of chat typing ("bangettt").
        lowered = re.sub(r"([a-z])\1{2,}", r"\1", lowered)
        text = _join_spelled_letters(lowered, lambda acronym: self._knows(acronym, vocabulary))
        text = _join_split_words(text, lambda word: self._knows_word(word, vocabulary))
        text = re.sub(r"[a-z]{5,}", lambda m: self._thesaurus_word(m.group(0), vocabulary), text)
        text = re.sub(
            r"[a-z]+",
            lambda m: self._spelled(m.group(0), vocabulary) or m.group(0),
            text,
        )
        text = _DAPAT_RE.sub(r"\1 dapat", text)
        text = _HABIS_RE.sub(_habis, text)
        text = _CM_RE.sub(_cuma, text)
        text = _MONEY_RE.sub("uang", text)
        # "se-kecamatan", "se-desa": the whole district or village; the place is the word.
        text = re.sub(r"\bse-(?=[a-z])", "", text)
        # "KTP-el-ku", "hp-mu": "my", "your" written apart.
        text = re.sub(r"(?<=[a-z])-(?:ku|mu)\b", "", text)
        # The thesaurus spells out "2x" and "3x" itself.
        text = _TIMES_RE.sub(
            lambda m: m.group(0) if m.group(0) in self.replace else _times(m), text
        )
        # "foto2" is "foto-foto", "ikut2an" is "ikut-ikutan": one copy keeps the meaning.
        text = re.sub(r"\b([a-z]{3,})2([a-z]*)\b", r"\1\2", text)
        shares: dict[str, float] = {}
        kept: set[str] = set()  # abbreviations kept beside their spelled-out words

        def substitute(match: re.Match[str]) -> str:
            typed = match.group(0)
            if self._keeps(typed, vocabulary):
                kept.add(stem(typed))
                return f"{typed} {self.replace[typed]}"
            return self.replace[typed]

        if self.replace:
            # "napinya" is "napi" + "-nya" ("list-nya" in code-mixed chat), "karyawannya" is
            # "karyawan", krama "ukumanipun" is "ukuman", Javanese "suwene" is "suwe": look
            # the word up without it too.
            text = re.sub(
                r"\b([a-z]+)(?:-?nya|ipun)\b|\b([a-z]{4,})na\b|\b([a-z]{3,})ne\b",
                self._thesaurus_base,
                text,
            )
            shares = _replacement_shares(self._replace_re, self.replace, text)
            text = self._replace_re.sub(substitute, text)
        members = tuple(_ORDINALS[m.group(1)] for m in _MEMBER_RE.finditer(text))
        text = _member_ordinals(text)
        as_typed = text  # the thesaurus' keys are officers' words, looked up before resolution
        if vocabulary is not None:
            text = _to_document_words(text, vocabulary, keep=self._not_typos)
        weights: dict[str, float] = {}
        concepts: dict[str, Concept] = {}
        typed = set(tokenize(lowered))
        for token in tokenize(text):
            if token in kept:
                weights[token] = EXPANSION_WEIGHT
            else:
                weights[token] = 1.0 if token in typed else shares.get(token, 1.0)
            concepts.setdefault(token, Concept.of(token))
        for key, pattern in self._expand_patterns:
            # "dibuka?" and "narapidana," count as the word; "nganter" counts although the
            # resolution to document words made it "pengantar".
            if pattern.search(text) or pattern.search(as_typed):
                added = set().union(*self._phrases[key])
                for token in added:
                    weights.setdefault(token, EXPANSION_WEIGHT)
                for token in tokenize(key):
                    concepts.setdefault(token, Concept.of(token)).add(self._phrases[key])
        if vocabulary is not None:
            self._expand_by_root(as_typed, vocabulary, weights, concepts)
        query = Query(original=question, text=text, weights=weights, members=members)
        query.concepts = list(concepts.values())
        query.election = named_election(question)
        query.names_body = bool(_BODY_RE.search(text))
        query.laws = tuple((m.group(1), m.group(2)) for m in LAW_REFERENCE.finditer(question))
        match = PASAL_REFERENCE.search(question)
        if match:
            query.pasal = match.group(1).upper()
            query.ayat = match.group(2) or match.group(3)
        return query


# Asking for a penalty: "ada pidananya?", "sanksinya apa?", "ancamannya apa?", "trus kena
# apa?". Ranking boosts the penal articles for it; the answer must state one (specifics).
ASKS_SANCTION = re.compile(
    r"\b(?:pidana\w*|dipidana|sanksi\w*|hukuman\w*|dihukum|penjara|dipenjara|denda\w*"
    r"|didenda|ancamannya|kena apa)\b"
)

# Election bodies, as the normalised question names them.
_BODY_RE = re.compile(
    r"\b(?:kpps|pps|ppk|kpu|panwas\w*|bawaslu|pengawas|ppl|ptps|pantarlih|ppdp|panitia)\b"
)


def _without_accents(text: str) -> str:
    """Sundanese and Javanese spellings mark vowels ("kénging", "poé"); the documents and the
    thesaurus do not, and an accented letter would split the word in two."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# A common noun right after a word of place ("kerja di pabrik", "deket sungai") or right before
# a possessive ("bapak saya", "kampung kami") sets the scene; the question is about something
# else. A name is scenery only as where someone comes from, goes to or stays ("pulang dari
# Malaysia", "pindah ke Bekasi", "kuliah di Bandung"): "pilkada di Garut" asks about Garut.
_MOVEMENT_WORDS = frozenset({"dari", "ke"})
_PLACE_WORDS = frozenset(
    """di ke dari dekat deket sebelah samping depan belakang dalam luar sekitar antara pinggir
    tepi seberang lewat melewati ujung tengah""".split()  # noqa: SIM905
)
# Words of living, working or staying somewhere: a name after "di" that follows one is where a
# person is ("kerja di Malaysia", "kuliah di Bandung"), not what the question is about.
_STAYING_WORDS = frozenset(
    """kerja bekerja kuliah sekolah merantau rantau tinggal menetap dinas bertugas tugas mondok
    kos ngekos dirawat opname ditahan berada domisili berdomisili pindah lagi lg sedang masih
    liburan mudik umroh haji""".split()  # noqa: SIM905
)
# Officers introducing themselves ("sy ketua kpps di kampung ta di Bone, …", "beta KPPS di
# Kupang. …") name where they work, not what they ask about: see ``_is_own_post``.
_OFFICER_WORDS = frozenset(
    "kpps pps ppk ptps pantarlih petugas panitia anggota ketua sekretariat".split()  # noqa: SIM905
)
# Words of address before a person's name or title ("pak Budi", "bu Sri", "Pa Kuwu").
_HONORIFICS = frozenset(
    """pak pa bapak bu ibu mas mbak mba bang abang kak kakak om tante mang bi uda uni daeng
    kang akang teteh ceu bli lae cak mbok koh ci cik ustad ustaz""".split()  # noqa: SIM905
)
_SELF_WORDS = frozenset("saya sy aku ambo ulun beta kami kita awak sa kulo abdi".split())  # noqa: SIM905
_INTRODUCTION = 6
_CLAUSE_END = re.compile(r"[,.;:!?\n]")
_POSSESSIVES = frozenset("saya sy aku gue gw kami kita kamu anda dia mereka beliau".split())  # noqa: SIM905
# Units of a village. A name after one is where the officer works ("PPS desa Sukorejo"); a
# region's name ("pilkada kabupaten Bekasi") may be what a question about dates is about.
_VILLAGE_WORDS = frozenset("desa kelurahan dusun kampung rt rw".split())  # noqa: SIM905
# What happened around the question: a noun after a word of cause ("kena malaria", "karena
# gelombang", "ketumpahan kopi") or before a word of breaking down ("atap bocor", "lampu mati",
# "bilik roboh", also one word later: "atap tps bocor") is the situation; the question asks
# what to do about it.
_CAUSE_WORDS = frozenset(
    "karena akibat gara kena terkena ketumpahan kehujanan kebanjiran diterjang".split()  # noqa: SIM905
)
_STATE_WORDS = frozenset(
    """mati padam rusak bocor roboh ambruk putus hilang error macet mogok basah jebol tumbang
    lowbat drop terbakar kebakaran tenggelam""".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class NounList:
    """The everyday nouns of ``config/nouns.txt``: a word per line, names capitalised."""

    common: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()

    @classmethod
    def from_file(cls, path: Path) -> NounList:
        if not path.is_file():
            return cls()
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        words = [line for line in lines if line and not line.startswith("#")]
        return cls(
            frozenset(w for w in words if w.islower()),
            frozenset(w.lower() for w in words if not w.islower()),
        )

    def is_noun(self, word: str) -> bool:
        """A listed noun, or a root with the noun suffix "-an" ("santunan", "tunjangan").

        Measured on the tagged corpus the list comes from: 424 of 440 such words are nouns.
        Chat's "ke-...-an" ("ketauan", "kebagian") is a verb, and a function word's "-an"
        ("duluan") is not a subject.
        """
        if word in self.common or word in self.names:
            return True
        root = word[:-2]
        return (
            word.endswith("an")
            and not word.startswith("ke")
            and root not in STOPWORDS
            and stem(word) == root
            and is_common_word(root)
        )


# What someone wrote or said, quoted ("pemilih nulis 'amanah' di surat suara", "dia bilang
# "gaskeun""): the words are the content of the writing, not what the question is about.
_QUOTED_WORDS = re.compile(
    r"\b(?:\w*tulis\w*|nulis\w*|bilang|ngomong|teriak\w*|bunyinya|katanya)\s*[:,]?\s*"
    r"(['\"“‘])[^'\"“”‘’]{1,60}['\"”’]"
)


def unknown_words(query: Query, vocabulary: Vocabulary, nouns: NounList = NounList()) -> list[str]:
    """Words the officer typed that no document uses, directly or through the thesaurus, and
    that either are not everyday Indonesian (names of systems, places, foreign terms:
    "sirekap", "bekasi", "login") or are nouns naming what the question is about ("honor",
    "konsumsi"). An everyday word around the question ("susah", "lupa", "adem") and a noun
    that only sets the scene ("kerja di pabrik", "bapak saya") do not count. The word as typed
    is looked up, not its stem: "bekasi" stems to "bekas", an everyday word.
    """
    text = _QUOTED_WORDS.sub(" ", query.text)
    clauses = [word_tokens(clause) for clause in _CLAUSE_END.split(text)]
    words = [word for clause in clauses for word in clause]
    # The last two words of each clause: "… di Kutai Barat," ends one.
    closing = [i >= len(clause) - 2 for clause in clauses for i in range(len(clause))]
    found: list[str] = []
    for position, word in enumerate(words):
        if word in STOPWORDS or any(c.isdigit() for c in word) or word in found:
            continue
        if word in _LETTER_NAMES or word in _STATE_WORDS or word in _HONORIFICS:
            # What is left of a spelled acronym ("kapeh pe es"), how things stand ("pilkada
            # macet"), or a word of address ("Pa Kuwu"): never a subject.
            continue
        stemmed = stem(word)
        concept = next((c.terms for c in query.concepts if stemmed in c.terms), {stemmed})
        if stemmed in STOPWORDS or concept & vocabulary.stems:
            continue
        before = words[max(0, position - _INTRODUCTION) : position]
        after = words[position + 1 : position + 3]
        if not _is_own_post(before, closing[position]) and _names_the_subject(
            word, before, after, nouns
        ):
            found.append(word)
    return found


def _is_own_post(before: list[str], closes: bool) -> bool:
    """Where the officers work, as they introduce themselves: a place after "di" (or "di
    pedalaman", "di pulau") that ends its clause, with an officer's role before it or "kami"
    right before "di": "ambo KPPS di Pasaman, …", "kami di pedalaman Kutai Barat, …". A place
    the clause goes on about ("pilkada di Garut kapan", "di sirekap ga bisa login") is not."""
    at = next((i for i in (len(before) - 1, len(before) - 2) if i >= 0 and before[i] == "di"), -1)
    if not closes or at < 0:
        return False
    return bool(set(before[:at]) & _OFFICER_WORDS) or (at > 0 and before[at - 1] in _SELF_WORDS)


def _names_the_subject(word: str, before: list[str], after: list[str], nouns: NounList) -> bool:
    """Whether a word no document uses, between its neighbours (the words ``before`` it, up
    to ``_INTRODUCTION``, and the two ``after`` it), is what the question asks about rather
    than the scene around it."""
    previous = before[-1] if before else ""
    if previous in _VILLAGE_WORDS:
        return False  # "PPS desa Sukorejo": the officer's own village sets the scene
    if previous in _HONORIFICS:
        return False  # "ke rumah pak Budi", "bu Wati": a person in the story
    if word in nouns.names:
        # "pulang dari Malaysia", "kerja di Malaysia": where someone comes from or stays.
        staying = previous in _PLACE_WORDS and len(before) >= 2 and before[-2] in _STAYING_WORDS
        return previous not in _MOVEMENT_WORDS and not staying
    if not is_everyday_word(word):
        return True
    return (
        nouns.is_noun(word)
        and previous not in _PLACE_WORDS | _CAUSE_WORDS
        and not set(after[:1]) & _POSSESSIVES
        and not set(after) & _STATE_WORDS
    )


def _replacement_shares(
    pattern: re.Pattern[str], mapping: dict[str, str], text: str
) -> dict[str, float]:
    """Keyword weights of multi-word replacements: 1/√k each for k keywords.

    One typed word should weigh about one word: "linmas" spelled out as "petugas ketenteraman
    ketertiban dan keamanan" would otherwise outweigh the rest of the question four to one.
    Measured: dev set unchanged (strict hit@1 0.544, hit@3 0.842); held-out probe set strict
    hit@1 0.62 → 0.68, hit@3 0.79 → 0.82 (1/k: 0.65 / 0.82, and dev hit@3 falls to 0.79).
    """
    shares: dict[str, float] = {}
    for match in pattern.finditer(text):
        tokens = tokenize(mapping[match.group(0)])
        if len(tokens) > 1:
            for token in tokens:
                shares[token] = max(shares.get(token, 0.0), len(tokens) ** -0.5)
    return shares


def _to_document_words(text: str, vocabulary: Vocabulary, keep: frozenset[str]) -> str:
    """Replace words the documents never use by the document word they stand for."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        stemmed = stem(word)
        if word in STOPWORDS or stemmed in STOPWORDS or stemmed in vocabulary.stems:
            return word  # "setelah" is "telah", a function word, not a typo of "sebelah"
        resolved = vocabulary.resolve(word, typos=word not in keep)
        if resolved:
            return vocabulary.surface.get(resolved, word)
        parts = None if word in keep or is_everyday_word(word) else vocabulary.split(word)
        return " ".join(parts) if parts else word

    return re.sub(r"[a-z]+", swap, text)


def _phrase_regex(mapping: dict[str, str]) -> re.Pattern[str]:
    keys = sorted(mapping, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\w-])")
