"""The keyword side of retrieval: Indonesian tokenisation and a small BM25 index.

A hand-written BM25 (instead of a library) because queries carry per-term weights: words the
officer typed count fully, words added by query expansion count less. The index is a plain
inverted list, small enough to rebuild from the chunks at start-up in well under a second.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

# A number with separators is one token: "2,5" (percent) is not "2", and in "07.00" and
# "12.00" the "00" would otherwise tie every time of day together.
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)+|[a-z0-9]+")

STOPWORDS = frozenset(
    """
    yang dan di ke dari dengan untuk pada dalam atau ini itu adalah oleh sebagai
    sebagaimana dimaksud tersebut akan telah juga bahwa serta para suatu setiap
    apa apakah bagaimana gimana berapa kapan siapa dimana mana kah nya lah pun
    saya kami kita aku gue gw sih dong deh kok ya yah nih tuh mau bisa boleh harus
    ada tidak tak ga gak nggak engga enggak bukan belum sudah udah kalau kalo jika apabila
    saja aja dulu biar dia mereka kamu anda enak enaknya pas kayak gitu begitu lalu trus
    terus tolong mohon dong min kak pak bu bang mas mbak sama nanti sekarang memang
    karena tetapi tapi namun agar supaya cuma hanya padahal jangan
    """.split()  # noqa: SIM905 - a word list reads better as text
)


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


def is_common_word(word: str) -> bool:
    """An everyday Indonesian root ("buat", "pakai") rather than a name or foreign term
    ("sirekap", "login", "cm"); from Sastrawi's dictionary of root words."""
    return bool(_stemmer().delegatedStemmer.dictionary.contains(word))


def is_everyday_word(word: str) -> bool:
    """A function word or everyday word, also in its colloquial forms ("sebelum", "diapain"),
    or an everyday root with a prefix ("pemungutan"). A word that merely ends like a root
    ("bekasi": "bekas" + "i") is not: place and system names often do."""
    forms = [word, *colloquial_forms(word)]
    if any(f in STOPWORDS or stem(f) in STOPWORDS or is_common_word(f) for f in forms):
        return True
    return any(_prefixed_root(form) for form in forms)


def _prefixed_root(word: str) -> bool:
    root = stem(word)
    return root != word and not word.startswith(root) and is_common_word(root)


# "Anggota KPPS Kelima" is one person; stemmed to "lima" it would match every "5 (lima)".
_ORDINAL_RE = re.compile(r"^ke(dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh)$")
# Words whose root means something else: "meninggal" (dunia) is dying, "tinggal" is living
# somewhere, and "bertempat tinggal" is in every article on voters; a "penduduk" (resident,
# also in "Kartu Tanda Penduduk") is not "duduk" (to sit: the module's "tempat duduk"); a
# "petugas" (an officer: "petugas ketertiban TPS") is a person, not a "tugas" (a duty).
# Measured for "petugas" (384 answerable questions of eight sets, strict): hit@1 272 → 274,
# hit@3 349 unchanged.
_KEEP_WHOLE = {
    "meninggal": "meninggal",
    "meninggalnya": "meninggal",
    "penduduk": "penduduk",
    "penduduknya": "penduduk",
    "kependudukan": "penduduk",
    "petugas": "petugas",
    "petugasnya": "petugas",
    "undangan": "undangan",  # the invitation; see _LAW_PHRASE_RE below
    "undangannya": "undangan",
    "undangundang": "undangundang",
}
# Sastrawi does not know the compound root "tanda tangan": the laws' "ditandatangani", the
# module's "menandatangani" and an officer's "ttd" (tanda tangan) would be three words, and
# "tanda tangan" would match "tanda khusus" (the ink) and "tangan" (the hand).
_SIGN_RE = re.compile(
    r"^(?:di|ber)?tandatangan(?:i|an)?(?:nya)?$|^(?:me|pe)nandatangan(?:i|an)?(?:nya)?$"
)
_SIGN_PHRASE_RE = re.compile(r"\b(ber)?tanda[\s-]+tangan")
# "Undang-Undang" (a law) and "undangan" (the invitation to vote) share the root "undang".
# The law's name is one word, so "undangan" keeps its own meaning (even inside
# "perundang-undangan", which would otherwise split into "perundang" + "undangan").
_LAW_PHRASE_RE = re.compile(r"\b(?:per)?undang-undang(?:an)?\b")
# The laws spell every number out after its digits: "3 (tiga) hari", "paling lama 72 (tujuh
# puluh dua) bulan". The words in brackets repeat the digits, and made every penal article
# match "dua" or "lima" ("nyoblos dua kali" found Pasal 178C by its "tujuh puluh dua"), so
# only the digits count, with the unit a bracket may carry ("2,5% (dua koma lima persen)").
# The thesaurus expands an officer's "tiga" to "3". Measured over dev and 48 sets (2,436
# answerable): hit@1 1,751 → 1,768, hit@3 2,203 → 2,201, declines unchanged; dropping only
# compound numbers ("tujuh puluh dua", keeping "(tiga)") gave 1,761 / 2,203.
_SPELLED_NUMBER_RE = re.compile(
    r"(\d[\d.,/]*\s*%?)\s*\((?:nol|se|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)"
    r"[a-z\s-]*\)",
    re.I,
)
_BRACKET_UNIT_RE = re.compile(r"\b(persen|rupiah)\b", re.I)


def _digits_only(match: re.Match[str]) -> str:
    unit = _BRACKET_UNIT_RE.search(match.group(0))
    return match.group(1) + (f" {unit.group(1)}" if unit else "")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Indonesian root of a word (PySastrawi, dictionary-based), cached per word.

    Measured on the dev questions, BM25 alone: strict hit@1 0.39 with a hand-written
    prefix/suffix stripper, 0.51 with Sastrawi (which knows where "pemilih" and "memilih"
    meet and where "berlaku" must stay whole).
    """
    if len(word) <= 3 or word.isdigit() or _ORDINAL_RE.match(word):
        return word
    if word in _KEEP_WHOLE:
        return _KEEP_WHOLE[word]
    if _SIGN_RE.match(word):
        return "tandatangan"
    return str(_stemmer().stem(word)) or word


_SENTENCE_END = re.compile(r"(?<=[.;:])\s+|\n")


def split_sentences(text: str) -> list[str]:
    """A passage's sentences, list items and ayat: split after ". ; :" and at line breaks."""
    return _SENTENCE_END.split(text)


def word_tokens(text: str) -> list[str]:
    """All lower-case word tokens, function words included (to read a word's neighbours)."""
    return _TOKEN_RE.findall(text.lower())


def joined_words(text: str) -> list[str]:
    """Word tokens with the documents' two-word terms as one ("tanda tangan" is
    "tandatangan", as in "ditandatangani"; "undang-undang" is one law)."""
    return word_tokens(
        _LAW_PHRASE_RE.sub("undangundang", _SIGN_PHRASE_RE.sub(r"\1tandatangan", text.lower()))
    )


def tokenize(text: str, *, stemmed: bool = True) -> list[str]:
    """Lower-case word tokens without stopwords, stemmed for matching across word forms.
    A number written out after its digits counts once, as its digits."""
    if stemmed:
        text = _SPELLED_NUMBER_RE.sub(_digits_only, text)
    words = [w for w in joined_words(text) if w not in STOPWORDS]
    return [stem(w) for w in words] if stemmed else words


class BM25Index:
    """Okapi BM25 over token lists, with weighted query terms."""

    def __init__(self, documents: Iterable[list[str]], k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.lengths: list[int] = []
        for index, tokens in enumerate(documents):
            self.lengths.append(len(tokens))
            for token, count in Counter(tokens).items():
                self.postings[token].append((index, count))
        self.size = len(self.lengths)
        self.average = (sum(self.lengths) / self.size) if self.size else 0.0

    def idf(self, token: str) -> float:
        df = len(self.postings.get(token, ()))
        return math.log(1 + (self.size - df + 0.5) / (df + 0.5))

    def scores(self, query: dict[str, float]) -> dict[int, float]:
        """BM25 score of every document that shares a term with the weighted query."""
        result: dict[int, float] = defaultdict(float)
        for token, weight in query.items():
            postings = self.postings.get(token)
            if not postings:
                continue
            idf = self.idf(token) * weight
            for index, tf in postings:
                norm = self.k1 * (1 - self.b + self.b * self.lengths[index] / self.average)
                result[index] += idf * tf * (self.k1 + 1) / (tf + norm)
        return result


class Vocabulary:
    """The words of the indexed documents, to map officers' spellings onto them.

    Colloquial Indonesian forms words the regulations never use ("nyiapin" for "menyiapkan",
    "ngitung" for "menghitung", "didiriin" for "didirikan") and phones add typos. Candidate
    spellings are generated by rule and kept only if the documents contain them, so the rules
    can be loose without inventing matches.
    """

    def __init__(self, texts: Iterable[str]) -> None:
        surfaces: dict[str, Counter[str]] = defaultdict(Counter)
        for text in texts:
            for word in _TOKEN_RE.findall(text.lower()):
                stemmed = stem(word)
                if word not in STOPWORDS and stemmed not in STOPWORDS:  # "apapun" is "apa"
                    surfaces[stemmed][word] += 1
        self.stems = set(surfaces)
        self.surface = {s: c.most_common(1)[0][0] for s, c in surfaces.items()}
        self.words = {word for counts in surfaces.values() for word in counts}
        self._stem_of: dict[str, str] = {}
        self._count: Counter[str] = Counter()
        for stemmed, counts in surfaces.items():
            for word in {stemmed, *counts}:
                if len(word) >= 5 and not word.isdigit():
                    self._stem_of[word] = stemmed
                    self._count[word] += counts.get(word, 0)
        self._near = NearWords(self._stem_of)
        # Chat drops vowels ("srt" for "surat", "dbntu" for "dibantu"): document words by their
        # consonant skeleton, with how often each occurs.
        self._resolved: dict[tuple[str, bool], str | None] = {}
        self._skeletons: dict[str, Counter[str]] = defaultdict(Counter)
        for counts in surfaces.values():
            for word, count in counts.items():
                if len(word) >= 4 and word.isalpha():
                    self._skeletons[_skeleton(word)][word] += count

    def resolve(self, word: str, typos: bool = True) -> str | None:
        """The document stem an officer's word stands for, or None if none fits.

        ``typos=False`` for words known to be spelled right (thesaurus entries). Answers are
        remembered: officers reuse the same few hundred words."""
        key = (word, typos)
        if key not in self._resolved:
            if len(self._resolved) > 50_000:
                self._resolved.clear()
            self._resolved[key] = self._resolve(word, typos)
        return self._resolved[key]

    def _resolve(self, word: str, typos: bool) -> str | None:
        stemmed = stem(word)
        if stemmed in self.stems or word.isdigit() or len(word) < 3:
            return stemmed
        for candidate in colloquial_forms(word):
            if stem(candidate) in self.stems:
                return stem(candidate)
        # A typo is one letter off a document word. A real Indonesian word is not a typo
        # ("protes" is not "proses", "siang" is not "sidang"), and short stems are left alone:
        # "bekasi" stems to "bekas", one letter from "bebas"; a place name must stay unknown.
        if not typos or is_everyday_word(word):
            return None
        if len(word) >= 5:
            found = self._typo(word) or (self._typo(stemmed) if len(stemmed) >= 6 else None)
            if found:
                return found
        return self._unvowelled(word)

    def split(self, word: str) -> tuple[str, str] | None:
        """Two document words run together, as voice typing writes them ("kotaksuara"):
        both of at least four letters, so that "sekali" is not "se" + "kali"."""
        for cut in range(_COMPOUND_PART, len(word) - _COMPOUND_PART + 1):
            left, right = word[:cut], word[cut:]
            if left in self.words and right in self.words:
                return left, right
        return None

    def _unvowelled(self, word: str) -> str | None:
        """The commonest document word with the same consonants, when the officer dropped
        vowels ("wjb" → "wajib", "dbuatin" → "dibuatkan"). At least three consonants, so
        that the skeleton still says which word it is."""
        for form in [word, *colloquial_forms(word)]:
            skeleton = _skeleton(form)
            if len(skeleton) < 3 or not form.isalpha():
                continue
            candidates = [w for w in self._skeletons.get(skeleton, ()) if len(w) > len(form)]
            if candidates:
                best = max(candidates, key=lambda w: (self._skeletons[skeleton][w], w))
                return stem(best)
        return None

    def _typo(self, word: str) -> str | None:
        """The stem of a document word one letter away (deleted, inserted, changed or two
        swapped), with the same first letter."""
        found = self._near.find(word)
        if not found:
            return None
        # Phones drop letters more often than they add them; then the commoner word wins.
        return self._stem_of[
            min(found, key=lambda f: (len(f) != len(word) + 1, -self._count[f], f))
        ]


_COMPOUND_PART = 4


class NearWords:
    """Known words one letter away from a typed one (deleted, inserted, changed or two
    swapped), with the same first letter: phone typos ("pemilh", "masijd")."""

    def __init__(self, words: Iterable[str]) -> None:
        self._words = set(words)
        self._deletions: dict[str, set[str]] = defaultdict(set)
        for word in self._words:
            for variant in _deletions(word):
                self._deletions[variant].add(word)

    def find(self, word: str) -> set[str]:
        candidates: set[str] = set(self._deletions.get(word, ()))
        for variant in _deletions(word):
            if variant in self._words:
                candidates.add(variant)
            candidates |= self._deletions.get(variant, set())
        return {c for c in candidates if c[:1] == word[:1] and _one_edit(word, c)}


def _skeleton(word: str) -> str:
    """The first letter and the consonants after it: "dibantu" → "dbnt"."""
    return word[:1] + "".join(c for c in word[1:] if c not in _VOWELS)


def _one_edit(a: str, b: str) -> bool:
    """Damerau distance at most 1 (the symmetric deletions above also pair words two apart)."""
    if a == b:
        return True
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long = sorted((a, b), key=len)
    return len(long) - len(short) == 1 and any(
        long[:i] + long[i + 1 :] == short for i in range(len(long))
    )


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


_VOWELS = "aiueo"


_MINANG_ENDINGS = (
    ("iang", "ing"),
    ("uang", "ung"),
    ("uak", "uk"),
    ("iak", "ik"),
    ("uik", "ut"),
    ("ua", "ur"),
    ("ek", "at"),
)


def colloquial_forms(word: str) -> list[str]:
    """Formal spellings a colloquial word may stand for, most likely first."""
    bases = [word]
    # A key held down or hit twice: "persiss", "lampunyaa", "ngajakk".
    if len(word) >= 5 and word[-1] == word[-2] and word[-1].isalpha():
        word = word[:-1]
        bases.append(word)
    # Javanese writes a final "a" as "o" ("deso", "didendo") and "-nya" after a consonant as
    # "-e" ("hukumane", "lungguhe").
    if word.endswith("o") and len(word) >= 4:
        bases.append(word[:-1] + "a")
    if word.endswith("e") and len(word) >= 6 and word[-2] not in _VOWELS:
        bases.append(word[:-1])
    # "kerjaannya" → "kerjaan" → "kerja"; Minang writes "-nyo" ("hitungannyo"); "-ku"/"-mu"
    # are "my"/"your" ("temenku", "giliranku").
    for possessive in ("ku", "mu"):
        if word.endswith(possessive) and len(word) - len(possessive) >= 4:
            word = word[: -len(possessive)]
            bases.append(word)
            break
    # Javanese krama "-(n)ipun" is "-nya": "suaranipun", "laporanipun", "tugasipun".
    if word.endswith("ipun") and len(word) >= 8:
        if word.endswith("nipun") and word[-6] in _VOWELS:
            bases.append(word[:-5])
        word = word[:-4]
        bases.append(word)
    if word.endswith("anana") and len(word) >= 8:
        bases.append(word[:-3])  # Sundanese "-ana" after "-an": "aturanana" → "aturan"
    # "-nya" is Sundanese "-na" ("dendana"), Javanese "-ne" ("suarane"), Malay "-nye".
    for particle in ("nya", "nyo", "nye", "na", "ne", "an"):
        if word.endswith(particle) and len(word) - len(particle) >= 4:
            word = word[: -len(particle)]
            bases.append(word)
    if word.endswith("in") and len(word) >= 5:  # "nyiapin", "didiriin" → -kan forms
        bare = word[:-2]
        bases += [bare + "kan", bare]
    # "-kan" is Sundanese "-keun" ("ngumumkeun"), Javanese "-ke" ("nyerahke"), krama
    # "-aken" ("tetepaken"), Madurese "-aghi" ("tetepaghi") and East Javanese "-(k)no"
    # ("nyiapno", "didirikno").
    for suffix in ("keun", "aken", "aghi", "ken", "kno", "ke", "no"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            bases.append(word[: -len(suffix)] + "kan")
            break
    # Minang final syllables: "umua" umur, "paliang" paling, "kampuang" kampung, "masuak"
    # masuk, "baliak" balik, "dibuek" dibuat, "takuik" takut.
    for ending, formal in _MINANG_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            bases.append(word[: -len(ending)] + formal)
    forms: list[str] = []
    for base in bases:
        forms.append(base)
        if base.startswith("nge") and len(base) > 5:
            forms.append(base[3:])
        if base.startswith("ng") and len(base) > 4 and base[2] in _VOWELS:
            rest = base[2:]
            forms += [rest, "k" + rest, "h" + rest, "g" + rest]
        elif base.startswith("ny") and len(base) > 4 and base[2] in _VOWELS:
            rest = base[2:]
            forms += ["s" + rest, "c" + rest]
        elif base.startswith("n") and len(base) > 3 and base[1] in _VOWELS:
            forms.append("t" + base[1:])
        elif base.startswith("m") and len(base) > 3 and base[1] in _VOWELS:
            forms.append("p" + base[1:])
        if base.startswith(("ngl", "ngr")) and len(base) > 5:
            forms.append("me" + base[2:])  # Javanese "ng-" before l, r: "nglaporkan"
        if base.startswith(("mam", "man")) and len(base) > 5:
            forms.append("me" + base[2:])  # Minang, Banjar: "mancermati" → "mencermati"
        if base.startswith("nga") and len(base) > 5 and base[3] not in _VOWELS:
            forms.append(base[3:])  # Sundanese "nga-": "ngabagikan" → "bagikan"
        if base.startswith("ba") and len(base) > 5 and base[2] != "r":
            forms += ["ber" + base[2:], base[2:]]  # Banjar, Malay "ba-": "bakampanye"
        if base.startswith("dipun") and len(base) > 7:
            forms.append("di" + base[5:])  # krama "dipun-": "dipuntempel" → "ditempel"
        if base.startswith("di") and len(base) > 4 and base[2] in _VOWELS:
            forms.append("dih" + base[2:])  # "diitung" → "dihitung"
        if base.startswith("ke") and len(base) > 5 and base[2] not in _VOWELS:
            forms.append("ter" + base[2:])  # chat's passive: "ketuker" → "tertukar"
        if base.startswith("ka") and len(base) > 5 and base[2] not in _VOWELS:
            forms.append("ter" + base[2:])  # Sundanese "ka-": "kapilih" → "terpilih"
    if word[:1] in _VOWELS:
        forms.append("h" + word)  # a dropped h: "ilang" → "hilang", "itung" → "hitung"
    if word[:1] == "d" and word[1:2] not in _VOWELS + "h":
        forms.append("di" + word[1:])  # chat writes "d" for "di-": "dbawa" → "dibawa"
    # Jakarta vowels: "bener" → "benar", "dalem" → "dalam", "nganter" → "anter" → "antar".
    forms += [f[:-3] + f[-3:].replace("e", "a") for f in forms if "e" in f[-3:]]
    return forms
