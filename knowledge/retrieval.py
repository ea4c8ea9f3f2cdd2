"""Hybrid retrieval: dense (Chroma) and keyword (BM25) rankings fused, then cleaned up.

Officers paraphrase ("kotak kapan boleh dibuka") where the regulation says "membuka kotak
suara"; the embedder catches paraphrase, BM25 catches exact terms (form names, numbers, "DPTb").
Their scores are normalised per question and fused with weights measured on real questions.
After fusion, hits are collapsed per article (one Pasal answers once) and superseded texts
are swapped for the text that replaced them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from knowledge.index import Generation, chroma_client, open_collection
from knowledge.keyword import BM25Index, Vocabulary, split_sentences, tokenize
from knowledge.kind_prior import kind_factor
from knowledge.models import ArticleRecord, Chunk
from knowledge.query import ASKS_SANCTION, Concept, Query
from knowledge.settings import Settings

CANDIDATES = 60
# Weight of the dense side in the fused score. Measured on the dev set (strict hit@1/hit@3,
# Sastrawi BM25): reciprocal rank fusion 0.40/0.72; score fusion with the dense side at 0.1
# 0.49/0.72, 0.2–0.3 0.49–0.51/0.75, 0.5 0.47/0.75, 0.7 0.44/0.70. The small e5 model ranks
# officers' slang less reliably than BM25 does, but still adds what keywords miss.
DENSE_WEIGHT = 0.3
TIE_BREAK = 0.01  # a chunk's own score only chooses which chunk stands for its article
# The keyword side also scores each passage by its best line (an ayat, a list item, a
# sentence), with this weight beside the passage's own score: a Pasal of five ayat, one of
# which answers the question, otherwise loses to a one-line guide passage for its length.
# Measured over the seven gold sets and the fresh probe8 (384 answerable, strict): hit@1 266 →
# 270, hit@3 347 unchanged (probe8 alone 31 → 32 and 44); 0.3 → 272 / 345 with more churn;
# 1.0 (lines only) → 223 / 295 on the first seven sets. Raised to 0.3 once a number spelled
# out after its digits stopped counting twice (keyword.tokenize), which had made the lines of
# penal and deadline articles match any number word: over dev and 48 sets (2,436 answerable)
# hit@1 1,768 → 1,762 / 1,776 / 1,781 / 1,777 at 0.15 / 0.25 / 0.3 / 0.35, hit@3 2,203 →
# 2,205 at 0.3 (19 sets up, 5 down; dev unchanged), 2 more unanswerable questions answered.
LINE_WEIGHT = 0.3


@dataclass
class Hit:
    """One retrieved chunk with the evidence behind its rank."""

    chunk: Chunk
    score: float
    dense: float = 0.0  # cosine similarity to the question (0 if not in the dense top)
    keyword: float = 0.0  # BM25 score
    replaced: Chunk | None = None  # the superseded chunk this hit stands in for
    extra: dict[str, Any] = field(default_factory=dict)


def fuse(
    dense: list[tuple[int, float]],
    keyword: list[tuple[int, float]],
    article_of: Callable[[int], str],
) -> dict[int, float]:
    """Score fusion: each side normalised to [0, 1] over its candidates, weighted, and added
    per article; every chunk carries its article's score, its own as a tie-break.

    Scores (not ranks) are fused so that a side that is much surer about its first hit counts
    more than one that found many near-equal candidates. The sides meet per article because
    they often pick different ayat of the right Pasal (the embedder the lead, keywords a
    huruf): measured on the dev set, strict hit@3 0.737 → 0.772 against fusing per chunk.
    """
    dense_norm: dict[int, float] = {}
    if dense:
        sims = [s for _, s in dense]
        low, high = min(sims), max(sims)
        dense_norm = {i: DENSE_WEIGHT * (s - low) / (high - low + 1e-9) for i, s in dense}
    keyword_norm: dict[int, float] = {}
    if keyword:
        top = keyword[0][1] or 1.0
        keyword_norm = {i: s / top for i, s in keyword}
    best: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for side, scores in enumerate((dense_norm, keyword_norm)):
        for index, score in scores.items():
            article = best[article_of(index)]
            article[side] = max(article[side], score)
    return {
        index: sum(best[article_of(index)])
        + TIE_BREAK * (dense_norm.get(index, 0.0) + keyword_norm.get(index, 0.0))
        for index in dense_norm.keys() | keyword_norm.keys()
    }


# Passages of the deployment's election (KPPS_ELECTION) rank first among near-equals; the other
# election's passage still shows, labelled, as the companion under "Lihat juga". Measured with
# the ranked list in display order (strict hit@1 / hit@3 / MRR): dev set 1.05 → 0.544 / 0.842 /
# 0.703, 1.15 → 0.579 / 0.825 / 0.721, 1.3 → 0.561 / 0.807 / 0.708; probe set 1.05 → 0.676 /
# 0.824 / 0.765, 1.15 → 0.706 / 0.824 / 0.779. (Before the display order, 1.2 cost hit@1.)
SCOPE_BOOST = 1.15
# When the officer names the election ("pas pilkada", "saksi capres"), its passages rank first
# more firmly than the deployment's default. Measured on the dev set (few questions name one):
# no change at 1.05–2.0; on a held-out probe set written for this (34 answerable, many naming
# Pilkada): strict hit@1 0.53 → 0.59 at 1.2, 0.62 at 1.5; hit@3 0.76 → 0.79. Raised to 2.0 when
# a set comparing the two ("pemilu kmrn X, kalo pilkada?", probe40) showed the Pemilu practice
# the officer describes pulling the module above the Pilkada article: probe40 hit@1 0.54 →
# 0.56, hit@3 0.82 → 0.88; over 1,936 answerable questions of 39 sets hit@1 +1, hit@3 +4.
NAMED_SCOPE_BOOST = 2.0
# Definitions (Pasal 1, "Ketentuan Umum") mention every term, so they match any question about a
# role or a thing; they answer "what is X", not "what does X do". Measured on the dev set:
# strict hit@1 0.49 → 0.51 with the penalty, hit@3 unchanged.
DEFINITION_PENALTY = 0.7
_DEFINITION_INTENT = re.compile(
    r"\b(arti|artinya|maksud|maksudnya|singkatan|kepanjangan|pengertian|definisi|apa itu|adalah)\b"
)


def is_penal(chunk: Chunk) -> bool:
    return "KETENTUAN PIDANA" in chunk.heading.upper()


_DUTY_LEAD = re.compile(r"\b(?:tugas|bertugas|wewenang|kewajiban|wajib)\b[^\n]*:\s*$", re.I)


def is_duty_list(chunk: Chunk) -> bool:
    """A list of someone's duties: its lead line (first or second, after a section title)
    names duties and opens the list with a colon."""
    return any(_DUTY_LEAD.search(line) for line in chunk.text.split("\n")[:2])


# Most officers asking are KPPS. "abis ngitung, kotak suara yg udh disegel dibawa kmn?" names
# no body, and the duties of PPS ("meneruskan kotak suara ... kepada PPK pada hari yang sama")
# read like those of KPPS ("menyerahkan kotak suara tersegel ... kepada PPK melalui PPS"); "c
# hasil ada coretan, masih dihitung?" is about counting at the TPS, not the PPK's recount. A
# Pasal opening with another body ranks this much lower when the question names no body.
# Over dev and 48 sets (2,436 answerable): hit@1 1,783 → 1,803, hit@3 2,209 → 2,216 (a body
# named as where something comes from, "surat pemberitahuan dari PPS", counted too: 1,805 /
# 2,217, but dev uu-024 lost its Pasal 95). At 0.9: 1,804 / 2,216. Only duty lists ("Tugas ...
# PPS meliputi:"): 1,789 / 2,217; the opening's first 8 or 12 words instead of 20: 1,799 /
# 1,800; the whole passage: 1,797. Boosting every passage naming KPPS instead lost 7 to 37.
OTHER_BODY_FACTOR = 0.85
# A body acting, not one something comes from or goes to ("surat pemberitahuan dari PPS").
_OTHER_BODY = re.compile(
    r"(?<!\bdari )(?<!\bkepada )(?<!\boleh )(?<!\bmelalui )(?<!\bke )"
    r"\b(?:PPS|PPK|KPU|Bawaslu|Panwas|PPL|Pengawas)\b"
)
_OPENING_WORDS = 20
_AYAT_NUMBER = re.compile(r"^\(\d+[a-z]?\)\s*")


def opens_with_other_body(chunk: Chunk) -> bool:
    """A Pasal (or ayat) whose opening names a body other than KPPS ("PPK membuat berita
    acara ...", "Tugas, wewenang, dan kewajiban PPS meliputi:")."""
    if not chunk.pasal:
        return False
    opening = " ".join(_AYAT_NUMBER.sub("", chunk.text).split()[:_OPENING_WORDS])
    return bool(_OTHER_BODY.search(opening)) and "KPPS" not in opening


_COUNT = re.compile(
    r"\b\d+\s*\([a-z ]+\)\s*(?:orang|lembar|buah|kali)\b|\d+(?:,\d+)?\s*%|\bpersen\b", re.I
)


def states_a_count(chunk: Chunk) -> bool:
    """A passage giving a number of people, sheets or times, or a percentage."""
    return bool(_COUNT.search(chunk.text))


# "paling lambat pukul 06.00", "Paling lambat pada pukul 07.30": a deadline at a time of day.
_CLOCK_DEADLINE = re.compile(r"paling (?:lambat|cepat|lama)\W+(?:\w+\W+){0,3}?pukul\s+\d", re.I)


def states_a_clock_deadline(chunk: Chunk) -> bool:
    """A passage setting the latest (or earliest) time of day for something."""
    return bool(_CLOCK_DEADLINE.search(chunk.text))


_VALIDITY = re.compile(r"\b(?:sah|keabsahan)\b", re.I)


def states_validity(chunk: Chunk) -> bool:
    """A passage saying what is valid or not ("Surat suara ... dinyatakan sah jika")."""
    return bool(_VALIDITY.search(chunk.text))


@dataclass(frozen=True)
class QuestionKind:
    """A kind of question ("ada pidananya?") and the passages of the kind that answers it
    (the penal provisions), which rank ``boost`` times higher when the officer asks it.

    ``asks`` is looked for in the question as typed and as normalised, so the thesaurus'
    spellings count too: "kudu wis tekan TPS jam piro" is "harus ... pukul berapa", and "kena
    apa2" is "kena apa". Over ten sets (504 answerable): hit@1 387 unchanged (p12-18 5 → 1,
    mod-019 1 → 2), hit@3 465 → 466."""

    asks: re.Pattern[str]
    answers: Callable[[Chunk], bool]
    boost: float
    # The answer is a whole list ("tugasnya apa aja"): quote a Pasal's list from its first
    # piece (huruf a), which a long list cut into pieces may not be the best-matching one.
    whole_list: bool = False


QUESTION_KINDS = (
    # "Ada pidananya?", "sanksinya apa?": the penal provisions (Ketentuan Pidana) name the
    # offence in the law's words ("mengaku dirinya sebagai orang lain"), which a chatty
    # description ("ngaku2 jadi dia") barely matches. Measured on the second probe set (4 such
    # questions; dev and probe have none): hit@3 0.879 → 0.897 at 1.3, 0.914 at 1.5 and 1.6;
    # hit@1 0.690 → 0.707.
    QuestionKind(ASKS_SANCTION, is_penal, 1.5),
    # "kpps 5 ngapain aja?", "pps tugasnya apa?", "ptps wewenangnya apa aja?": a role's duties,
    # given as lists opened by a lead line ("Tugas, wewenang, dan kewajiban PPS meliputi:",
    # "Anggota KPPS Kelima bertugas:"). Without the boost, an article naming the role and its
    # place more often ("PPS berkedudukan di Desa") ranked first. "kpps hrs ngapain?" asks
    # what to do in a situation. Measured (strict hit@1 / hit@3): dev 0.596 / 0.895 → 0.649 /
    # 0.895; probe6, a fresh set of 25 duty and 10 situation questions (as delivered 0.543 /
    # 0.857) → 0.629 / 0.886; the five other probe sets unchanged. 1.3 moves nothing, 1.6 is
    # the same as 1.5, 2.0 costs hit@3.
    QuestionKind(
        re.compile(
            r"\b(?:tugas|kerjaan|tanggung ?jawab|wewenang|kewajiban|fungsi)(?:nya)?\b"
            r"(?:\W+\w+){0,3}?\W+(?:apa|apaan)\b"
            r"|(?<!harus )(?<!hrs )(?<!wajib )\bngapain (?:aja|saja)\b|\bngerjain apa|\bbagian apa"
        ),
        is_duty_list,
        1.5,
        whole_list=True,
    ),
    # "linmas brp org?", "surat suara cadangan brp persen?", "ganti surat suara brp kali?": a
    # number of people, sheets or times, or a percentage. 16 such answerable questions over
    # the seven sets; pooled strict hit@1 231 → 234 of 334, hit@3 297 → 299 (dev, probe,
    # probe4, probe5), no question lost; 1.15 and 1.3 gain less, 2.0 the same as 1.5.
    QuestionKind(
        re.compile(
            r"\b(?:brp|berapa|brapa)\s+(?:org|orang|lembar|buah|kali|persen|%)|\bjumlahnya\b"
        ),
        states_a_count,
        1.5,
    ),
    # "hari h kita kumpul di tps paling telat jam brp", "jam brp paling lambat mulai nyoblos":
    # the latest time of day. The article on voting hours ("pukul 07.00 sampai dengan pukul
    # 13.00") matched as well as the module's "hadir di TPS paling lambat pukul 06.00".
    # Pooled over the eight sets: hit@1 276 → 277 at 1.3, 278 at 1.5 (dev mod-021 3 → 1,
    # p4-29 3 → 1; mod-054 3 → 2), no question lower. "kpps hrs dtg jam brp" (a time one must
    # keep) too: p4-26 8 → 3 over nine sets, none lower. The same boost for deadlines in days
    # ("paling lambat 3 hari") lost dev uu-073 (1 → 2 at 1.2, → 7 at 1.5): too many articles
    # set one.
    QuestionKind(
        re.compile(
            r"\bpaling (?:telat|lambat|cepet|cepat|lama)\b(?:\W+\w+){0,6}?\W+(?:jam|pukul)\b"
            r"|\b(?:jam|pukul) (?:brp|berapa|brapa)\b(?:\W+\w+){0,6}?\W+"
            r"paling (?:telat|lambat|cepet|cepat|lama)\b"
            r"|\b(?:hrs|harus|wajib|musti|mesti)\b(?:\W+\w+){0,5}?\W+"
            r"(?:jam|pukul) (?:brp|berapa|brapa)\b"
        ),
        states_a_clock_deadline,
        1.5,
    ),
    # "kertas suara lupa diteken ketua kpps, sah ga?", "BA nya tetep sah?": whether something
    # is valid, which the passages stating validity answer (42 of 1,436). The one on the
    # chair's duties (sign the ballots, count them) shared more of the officer's words. Over
    # nine sets (444 answerable, about 20 asking "sah"): hit@1 337 → 340 at 1.2, 1.3 and 1.4
    # (p-26 and p8-22 3 → 1, p11-19 2 → 1), none lower; the sweeps decline the same.
    QuestionKind(re.compile(r"\bsah\b"), states_validity, 1.3),
)


# "kpps 5 ngapain aja?", "anggota kpps ke2 pegang bagian apa": the module lists each member's
# duties under "e. Anggota KPPS Kelima bertugas:", and a passage naming another member (or all of
# them, "Pembagian Tugas Anggota KPPS") otherwise matched as well. 10 questions over the eight
# sets name a member; at 1.3 and 1.5 two move up (dev mod-029 3 → 1, p6-06 7 → 4), none down.
MEMBER_BOOST = 1.5


def names_member(chunk: Chunk, members: tuple[str, ...]) -> bool:
    """Whether the passage names one of the KPPS members asked about (the chair as "KPPS
    Kesatu": "Ketua KPPS" is in nearly every passage)."""
    text = chunk.text.lower()
    return any(f"kpps {'kesatu' if member == 'ketua' else member}" in text for member in members)


def is_definition(chunk: Chunk) -> bool:
    return "yang dimaksud dengan" in chunk.text or "KETENTUAN UMUM" in chunk.heading.upper()


# A passage that contains more of what the officer asked about ranks higher: its fused score is
# multiplied by 1 + COVERAGE_WEIGHT × the share of the question's words it contains, each word
# weighted by its rarity (IDF). BM25 already sums the words' weights, but it lets one rare word
# repeated in a short passage outrank a passage that has all of them. Measured, strict hit@1 /
# hit@3: dev set 0.579 / 0.825 → 0.596 / 0.895; probe, probe2, probe3 pooled (142 questions)
# unchanged at 0.690 / 0.880; probe4, measured before anything was tuned on it, 0.600 / 0.740 →
# 0.560 / 0.820. At 0.5: dev 0.596 / 0.877, probe4 0.580 / 0.780. Unweighted shares at 0.3:
# dev 0.579 / 0.860, pooled 0.711 / 0.880, probe4 0.580 / 0.780. Raised to 1.5 with 40 sets at
# hand (dev and 39 project sets, 1,986 answerable): hit@1 1,429 → 1,434 / 1,439 / 1,435 / 1,435
# at 1.25 / 1.5 / 1.75 / 2.0, hit@3 1,794 → 1,797 at 1.5 (14 sets up, 4 down; dev 39 → 40 of
# 57). A model fitting every factor of the score jointly, leave-one-set-out, also put it near 2.
COVERAGE_WEIGHT = 1.5


def _lines(text: str) -> list[list[str]]:
    """A passage's lines (ayat, list items, sentences) as tokens; a passage of one line is
    its own line. Lines of fewer than three words (a lone "huruf a.") are left out."""
    lines = [tokens for part in split_sentences(text) if len(tokens := tokenize(part)) >= 3]
    return lines if len(lines) > 1 else [tokenize(text)]


def covered_share(
    concepts: list[tuple[Concept, float]], words: frozenset[str], loosely: bool = False
) -> float:
    """Weighted share of the question's words that a passage with ``words`` says: as typed or
    as a whole thesaurus phrase. ``loosely``, a word counts when any of its terms is there.

    Ranking wants the whole phrase: "tps di dalem masjid" is answered by "ruangan tempat
    ibadah", and "tempat" alone is in every "tempat pemungutan suara". Measured over nine sets
    (444 answerable, strict): hit@1 340 → 343, hit@3 414 → 415, MRR 0.850 → 0.855 (16
    questions up, 8 down; half credit for a part of a phrase: 344 / 412). The abstention check
    asks whether the question's subject is in the passage at all, and stays loose: whole
    phrases there wrongly declined one more question (probe3) and no more unanswerable ones.
    """
    total = sum(weight for _, weight in concepts)
    found = sum(
        weight
        for concept, weight in concepts
        if (concept.mentioned_in(words) if loosely else concept.said_in(words))
    )
    return found / total if total else 0.0


# Table cells and name lists rank below prose, as a Penjelasan does below the body. Measured
# on the dev set: no change in hit@k at 0.5–0.9 (no gold passage is one); it keeps a logistics
# table ("Kotak / C. HASIL-DPR / Masing-masing / Kotak ...") out of "Lihat juga".
FRAGMENT_PENALTY = 0.8
_FRAGMENT_LINES = 6


def is_title(chunk: Chunk) -> bool:
    """A guide passage that answers nothing, so it is never returned: a few words (a cover
    page line, a closing slide's "Terima Kasih": a short text scores high on the one word it
    has, "ngasih" → "kasih"), or a table of contents ("BAB II PERSIAPAN ........ 8"), which
    names every topic and states none."""
    if chunk.pasal:
        return False
    lines = [line for line in chunk.text.splitlines() if line.strip()]
    contents = sum("....." in line for line in lines)
    return len(chunk.text.split()) < 5 or contents * 2 >= len(lines)


# Titles that open a guide's front matter: the foreword, the credits, the table of contents.
_FRONT_MATTER = re.compile(
    r"^\s*(?:KATA PENGANTAR|PENGANTAR|SAMBUTAN|DAFTAR ISI|PELINDUNG|TIM PENYUSUN|PENYUSUN)\b"
    r"|\bPenulis\s*:"
)
_COVER_WORDS = 25
_COVER_LOWERCASE = 3


def front_matter_pages(chunks: list[Chunk]) -> set[tuple[str, int]]:
    """(source, page) of the guide pages before the content: the cover (a first page of a
    few words) and the pages of a foreword, credits or contents. They name the guide's
    topics ("Modul Pelatihan KPPS", "nikmat sehat") and state no rule, yet matched questions
    on training or health: in 1,720 sweep questions the cover or foreword was the answer
    twice and under "Lihat juga" eight times."""
    words: dict[tuple[str, int], list[str]] = defaultdict(list)
    front: set[tuple[str, int]] = set()
    for chunk in chunks:
        if chunk.pasal or len(chunk.pages) != 1:
            continue
        page = (chunk.source, chunk.pages[0])
        words[page] += chunk.text.split()
        if _FRONT_MATTER.search(chunk.text):
            front.add(page)
    # A cover is a title in capitals ("MODUL PELATIHAN KPPS ... 5 Maret 2023"); a one-page
    # guide's first page of sentences is content.
    covers = {
        page
        for page, said in words.items()
        if page[1] == 1
        and len(said) < _COVER_WORDS
        and sum(word != word.upper() for word in said) <= _COVER_LOWERCASE
    }
    return front | covers


def is_fragment(chunk: Chunk) -> bool:
    """A guide passage made of table cells or a list of names (the module's credits): mostly
    lines of one to three words. It repeats a term ("Kotak", "Kotak", ...) without saying
    anything about it, so keywords overrate it and it makes a poor quote."""
    if chunk.pasal:
        return False  # a Pasal's list ("a. kotak suara; b. surat suara;") is the rule itself
    lines = [line for line in chunk.text.splitlines() if line.strip()]
    short = sum(1 for line in lines if len(line.split()) <= 3)
    return len(lines) >= _FRAGMENT_LINES and short / len(lines) >= 0.7


class HybridRetriever:
    """Searches one index generation; cheap to build from a loaded generation."""

    def __init__(
        self,
        settings: Settings,
        generation: Generation,
        embedder: Embeddings,
        election: str = "pilkada",
    ) -> None:
        self.settings = settings
        self.generation = generation
        self.embedder = embedder
        self.election = election
        self.chunks = generation.chunks
        self.by_id = {c.id: i for i, c in enumerate(self.chunks)}
        tokens = [tokenize(c.index_text) for c in self.chunks]
        self.bm25 = BM25Index(tokens)
        self.words = [frozenset(t) for t in tokens]  # for coverage and closest-chunk lookups
        self.vocabulary = Vocabulary(c.index_text for c in self.chunks)
        lines = [(i, line) for i, c in enumerate(self.chunks) for line in _lines(c.index_text)]
        self.line_owner = [i for i, _ in lines]
        self.line_bm25 = BM25Index(line for _, line in lines)
        self.definitions = {i for i, c in enumerate(self.chunks) if is_definition(c)}
        self.fragments = {i for i, c in enumerate(self.chunks) if is_fragment(c)}
        self.other_body = {i for i, c in enumerate(self.chunks) if opens_with_other_body(c)}
        front = front_matter_pages(self.chunks)
        self.titles = {
            i
            for i, c in enumerate(self.chunks)
            if is_title(c) or (c.pages and all((c.source, page) in front for page in c.pages))
        }
        # The passages of each kind of question, found once.
        self.kinds = [
            (kind, {i for i, c in enumerate(self.chunks) if kind.answers(c)})
            for kind in QUESTION_KINDS
        ]
        client = chroma_client(settings, Path(generation.path))
        self.collection = open_collection(client, generation.collection_name, embedder)
        self.vectors = self._load_vectors()
        self.by_article: dict[str, list[int]] = {}
        for index, chunk in enumerate(self.chunks):
            self.by_article.setdefault(chunk.article_key, []).append(index)

    @property
    def articles(self) -> dict[str, ArticleRecord]:
        return self.generation.articles

    def _load_vectors(self) -> np.ndarray:
        """The stored chunk vectors, one unit-length row per chunk (zeros if missing).

        Searched exactly with one matrix product rather than through Chroma's HNSW graph: the
        graph is approximate, and measured here it left a Pasal with similarity 0.853 out of
        the top 60 (whose lowest was 0.841) in half the runs, so the same question got a
        different answer after a restart. A few thousand chunks take well under a millisecond.
        """
        stored = self.collection.get(include=["embeddings"])
        dimension = len(stored["embeddings"][0]) if len(stored["ids"]) else 0
        vectors = np.zeros((len(self.chunks), dimension), dtype=np.float32)
        for chunk_id, vector in zip(stored["ids"], stored["embeddings"], strict=True):
            if chunk_id in self.by_id:
                vectors[self.by_id[chunk_id]] = vector
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0.0, 1.0, norms)

    def dense(self, vector: np.ndarray, n: int = CANDIDATES) -> list[tuple[int, float]]:
        """(chunk index, cosine similarity), best first."""
        if not self.vectors.size:
            return []
        unit = vector / (float(np.linalg.norm(vector)) or 1.0)
        # einsum, not "@": BLAS would start threads for this small product, and two bot
        # processes on two cores then slow each other down (bench_query: 138 → 67 questions/s).
        sims = np.einsum("ij,j->i", self.vectors, unit)
        top = np.argsort(-sims, kind="stable")[:n]
        return [(int(i), float(sims[i])) for i in top if self.vectors[i].any()]

    def keyword(self, query: Query, n: int = CANDIDATES) -> list[tuple[int, float]]:
        """(chunk index, BM25 score blended with its best line's), best first."""
        scores = self.bm25.scores(query.weights)
        best_line: dict[int, float] = {}
        for line, score in self.line_bm25.scores(query.weights).items():
            owner = self.line_owner[line]
            best_line[owner] = max(best_line.get(owner, 0.0), score)
        top = max(scores.values(), default=0.0) or 1.0
        top_line = max(best_line.values(), default=0.0) or 1.0
        blended = {
            i: top
            * (
                (1 - LINE_WEIGHT) * scores.get(i, 0.0) / top
                + LINE_WEIGHT * best_line.get(i, 0.0) / top_line
            )
            for i in scores.keys() | best_line.keys()
        }
        return sorted(blended.items(), key=lambda kv: -kv[1])[:n]

    def search(self, query: Query, k: int = 10, mode: str = "hybrid") -> list[Hit]:
        """Fused, article-collapsed hits, in-force texts standing in for superseded ones.

        ``mode`` "dense" or "keyword" uses one side only (for measuring what each adds).
        """
        vector = self.embed(query.text)  # also for the similarity of keyword-only hits
        dense = self.dense(vector) if mode != "keyword" else []
        keyword = self.keyword(query) if mode != "dense" else []
        fused = fuse(dense, keyword, lambda index: self.chunks[index].article_key)
        wants_definition = bool(_DEFINITION_INTENT.search(query.original.lower()))
        asked = [
            (kind, indexes)
            for kind, indexes in self.kinds
            if kind.asks.search(query.original.lower()) or kind.asks.search(query.text)
        ]
        preferred, scope_boost = (
            (query.election, NAMED_SCOPE_BOOST) if query.election else (self.election, SCOPE_BOOST)
        )
        concepts = self.weighted_concepts(query)
        dense_of = dict(dense)
        keyword_of = dict(keyword)
        hits: list[Hit] = []
        for index, score in fused.items():
            if index in self.titles:
                continue
            chunk = self.chunks[index]
            if chunk.scope == preferred:
                score *= scope_boost
            if chunk.part != "body":
                score *= 0.8  # a Penjelasan explains; the body is the rule
            if chunk.status == "dihapus":
                score *= 0.5  # shown only when nothing in force matches nearly as well
            if index in self.definitions and not wants_definition:
                score *= DEFINITION_PENALTY
            if index in self.fragments:
                score *= FRAGMENT_PENALTY
            if index in self.other_body and not query.names_body:
                score *= OTHER_BODY_FACTOR
            for kind, indexes in asked:
                if index in indexes:
                    score *= kind.boost
            if query.members and names_member(chunk, query.members):
                score *= MEMBER_BOOST
            score *= kind_factor(chunk, query.law_share)
            score *= 1 + COVERAGE_WEIGHT * covered_share(concepts, self.words[index])
            hits.append(
                Hit(
                    chunk, score, dense=dense_of.get(index, 0.0), keyword=keyword_of.get(index, 0.0)
                )
            )
        hits.sort(key=lambda h: -h.score)
        found = self._collapse(self._in_force(hits), k)
        for kind, indexes in asked:
            if kind.whole_list:
                found = [self._list_start(hit, indexes) for hit in found]
        self._measure_dense(found[:3], vector)
        return found

    def weighted_concepts(self, query: Query) -> list[tuple[Concept, float]]:
        """Each word the officer typed (with the document terms it stands for) and its weight:
        the IDF of its rarest term the documents use. A word no document uses is left out, as
        no passage could cover it."""
        weighted = []
        for concept in query.concepts:
            known = [self.bm25.idf(t) for t in concept.terms if t in self.bm25.postings]
            if known:
                weighted.append((concept, max(known)))
        return weighted

    def embed(self, text: str) -> np.ndarray:
        return np.asarray(self.embedder.embed_query(text), dtype=np.float32)

    def _measure_dense(self, hits: list[Hit], vector: np.ndarray) -> None:
        """The embedder's similarity for top hits found by keywords alone.

        Abstention weighs it: a hit outside the embedder's top candidates has no similarity
        yet, and reading that as 0 would decline questions the keywords answered well.
        """
        if not self.vectors.size:
            return
        unit = vector / (float(np.linalg.norm(vector)) or 1.0)
        for hit in hits:
            if hit.dense == 0.0:
                hit.dense = float(self.vectors[self.by_id[hit.chunk.id]] @ unit)

    def _in_force(self, hits: list[Hit]) -> list[Hit]:
        """Swap a superseded chunk for the best chunk of the article that replaced it."""
        result = []
        for hit in hits:
            chunk = hit.chunk
            seen: set[str] = set()
            replaced = None
            while chunk.status == "diubah" and chunk.replaced_by and chunk.replaced_by not in seen:
                seen.add(chunk.replaced_by)
                newer = self._best_in_article(chunk.replaced_by, chunk)
                if newer is None:
                    break
                replaced = replaced or hit.chunk
                chunk = newer
            result.append(Hit(chunk, hit.score, hit.dense, hit.keyword, replaced))
        return result

    def _best_in_article(self, key: str, like: Chunk) -> Chunk | None:
        """The chunk of article ``key`` whose words are closest to ``like``: the amended text
        of the same ayat or huruf, even when the amendment renumbered or reordered them.

        Matching on the ayat/huruf label alone failed where list items carry no label: an
        officer asking about sealing the box was shown huruf a of the new Pasal 20 in place of
        the old huruf o it had matched ("menyerahkan ... kotak suara").
        """
        indexes = self.by_article.get(key, [])
        if not indexes:
            return None
        words = self.words[self.by_id[like.id]] if like.id in self.by_id else frozenset()

        def closeness(index: int) -> tuple[float, bool]:
            other = self.words[index]
            shared = len(words & other) / (len(words | other) or 1)
            same_place = (
                self.chunks[index].ayat == like.ayat and self.chunks[index].huruf == like.huruf
            )
            return shared, same_place

        return self.chunks[max(indexes, key=closeness)]

    def _collapse(self, hits: list[Hit], k: int) -> list[Hit]:
        seen: dict[str, Hit] = {}
        ordered: list[Hit] = []
        for hit in hits:
            key = hit.chunk.article_key
            if key in seen:
                # No bonus for several matching ayat: it favoured long articles (measured:
                # strict hit@1 0.19 with a 0.3 bonus, 0.33 without, on the dev set).
                continue
            seen[key] = hit
            ordered.append(hit)
        return ordered[:k]

    def _list_start(self, hit: Hit, lists: set[int]) -> Hit:
        """The hit, quoted from the first piece of the Pasal's list it belongs to (same ayat,
        in ``lists``). A guide page holds several lists (one per KPPS member) and stays."""
        chunk = hit.chunk
        if not chunk.pasal or self.by_id[chunk.id] not in lists:
            return hit
        for index in self.by_article.get(chunk.article_key, []):
            if index in lists and self.chunks[index].ayat == chunk.ayat:
                return replace(hit, chunk=self.chunks[index])
        return hit

    def article_chunks(self, key: str) -> list[Chunk]:
        return [self.chunks[i] for i in self.by_article.get(key, [])]

    def find_pasal(self, pasal: str) -> list[ArticleRecord]:
        """Articles numbered ``pasal`` in a regulation's body, in-force first."""
        found = [a for a in self.articles.values() if a.pasal == pasal and a.part == "body"]
        return sorted(found, key=lambda a: (not a.in_force, a.scope != self.election, a.source))
