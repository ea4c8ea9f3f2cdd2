"""Questions for a specific value: a limit ("umur maksimal jadi KPPS brp?"), a colour
("tinta warnanya apa?"), a measure in a unit ("di bilik boleh brp menit?"), a sum of money
("uang makan kpps brp per org?"), a form ("surat mandat saksi pake formulir model apa?"), an
application ("dilaporin lewat aplikasi apa?"), a regulation's number ("pedoman teknis itu
keputusan KPU nomor brp?") or a sanction ("kpps telat dateng kena sanksi apa?").

Such a question is answered only by a passage that states such a value about the thing asked.
The nearest rule about the same thing is no answer: the documents give a minimum age for
voters and say nothing of a maximum age for KPPS members, so "berusia paling rendah 17 tahun"
would mislead an officer asking for the maximum; "seragam, warna, atau atribut" (a campaign
ban) names no colour for a uniform. The retrieval scores cannot tell this apart (the words
match well), so the engine checks the retrieved passages' sentences.

A value of the officer's own area (a local date, count or phone number) is never in the
documents at all: ``asks_local_data`` spots such questions before any passage is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

from knowledge.keyword import STOPWORDS, joined_words, split_sentences, stem, tokenize
from knowledge.query import ASKS_SANCTION, Query

# Markers of a limit in the normalised question: the thesaurus has already turned "maksimal"
# / "max" into "paling banyak" and "minimal" into "paling sedikit".
_ASKED_LIMIT = {
    "upper": re.compile(r"\b(maksimal|maksimum|paling (?:banyak|tinggi|tua)|batas atas)\b"),
    "lower": re.compile(r"\b(minimal|minimum|paling (?:sedikit|rendah|muda|kurang)|batas bawah)\b"),
}
# How the documents state a limit. "sudah berumur 17 tahun" (the voter's age) is a lower one.
_STATED_LIMIT = {
    "upper": re.compile(
        r"\b(maksimal|maksimum|paling (?:banyak|tinggi|lama|lambat)|sebanyak-banyaknya"
        r"|selambat-lambatnya|tidak (?:melebihi|lebih dari)|sampai dengan|terbanyak|tertinggi)\b"
    ),
    "lower": re.compile(
        r"\b(minimal|minimum|paling (?:sedikit|rendah|singkat|cepat|kurang)"
        r"|sekurang-kurangnya|sudah|telah|genap|terendah|tersedikit)\b"
    ),
}
_OPPOSITE = {"upper": "lower", "lower": "upper"}
# Words between a limit and what it limits: "batas umur maksimal jadi anggota", "minimal
# harus punya berapa persen kursi".
_LINKING = frozenset({"batas", "jadi", "buat", "punya", "mempunyai", "memiliki"})
# Asking for a colour, as typed: "warnanya apa?", "wajib warna apa?", "ada aturan warnanya?"
# ("kaos warna paslon boleh dipake?" asks about campaign colours, not for a colour).
_ASKED_COLOUR = re.compile(r"\bwarna(?:nya)?\s+(?:apa|apaan|apakah)\b|\bwarnanya\b")
_COLOURS = frozenset(
    {"merah", "kuning", "hijau", "biru", "ungu", "abu", "abu-abu", "putih", "hitam", "coklat"}
    | {"cokelat", "oranye", "jingga"}
)
_COLOUR = re.compile(r"\b(" + "|".join(sorted(_COLOURS, key=len, reverse=True)) + r")\b")
_LIMIT_NAMES = {"upper": "batas paling tinggi", "lower": "batas paling rendah"}
# Asking for a measure in a unit: "brp menit", "jaraknya berapa meter", "berapa rangkap".
# Not "jam berapa" (a time of day), nor units the documents give in other terms (penalties in
# months for "brp tahun", ballots as "DPT + 2,5%" for "brp lembar"). Of 120 unanswerable sweep
# questions it declines 4 more (minutes in the booth, a ramp's degrees, copies of a form, a
# monitor's distance); no answerable gold question changes; of the 1,600 vocabulary-sweep
# questions it declines 4: copies of C hasil (not given) and a tent's size in metres (the
# documents give the TPS's, not the tent's). Centimetres are not metres: "bilik tingginya brp
# senti" (+1 declined over the sets, none wrongly). Counts ("brp biji") are not units: the
# documents count with the noun ("2 (dua) kursi"), and a dev question was wrongly declined.
_UNITS = r"(menit|meter|kilometer|km|derajat|rangkap|senti|cm|sentimeter|centimeter)"
_UNIT_FORMS = {
    **dict.fromkeys(("km", "kilometer"), "(?:km|kilometer)"),
    **dict.fromkeys(("senti", "cm", "sentimeter", "centimeter"), "(?:cm|sentimeter|centimeter)"),
}
_ASKED_MEASURE = re.compile(rf"\bberapa\s+{_UNITS}\b|\b{_UNITS}(?:nya)?\s+berapa\b")
_SENTENCE_END = re.compile(r"[.?!](?:\s|$)")
# Asking for a sum of money: a money word and "berapa" / "nominal" / "per orang" in one clause
# ("honor kpps brp", "dendanya berapa", "ada jatah anggaran per org?"). The documents state
# sums only as fines and campaign-fund caps, in rupiah; "uang makan kpps berapa" is not
# answered by the campaign rule on meal money, which names no sum.
_MONEY_WORDS = frozenset(
    {"uang", "duit", "gaji", "honor", "honorarium", "upah", "bayaran", "insentif", "biaya"}
    | {"ongkos", "dana", "anggaran", "tunjangan", "santunan", "denda", "tarif", "sumbangan"}
)
_MONEY_STEMS = frozenset(stem(word) for word in _MONEY_WORDS)
# Asking for a form's name or code: "dicatat di form apa?", "pakai formulir model apa?",
# "kodenya apa?". The documents name forms as "formulir Model C.HASIL-KWK".
_ASKED_FORM = re.compile(r"\b(?:formulir|form|model|kode)\w*\s+(?:model\s+)?(?:apa|apaan)\b")
_STATED_FORM = re.compile(
    r"\b(?:formulir|fomulir|model)\s+(?:model\s+)?[a-z]{1,2}\s?[.-]\s?[a-z]|\bmodel\s+[a-z]\b",
    re.I,
)
# Asking for an application or a website by name: "dilaporin lewat aplikasi apa?",
# "aplikasi resmi buat input rekap itu namanya apa?", "ngecek DPT di website apa?". The
# documents name few (SIDALIH, cekdptonline.kpu.go.id); over the gold sets every question
# asking for one was unanswerable but for the voter data system, and the nearest rule on the
# report or the upload ("KPPS menyampaikan laporan kepada PPS") read as an answer.
_ASKED_APP = re.compile(
    r"\b(?:(?:lewat|melalui|via|pakai|di|ke)\s+)?(?:aplikasi|apk|app|website|web|situs|laman|link)\w*"
    r"\s+(?:resmi\s+)?(?:apa|apaan)\b"
    r"|\b(?:aplikasi|apk|website|situs)\w*\b(?:\W+\w+){0,12}?\W+namanya\s+apa\b"
)
# A system's name in capitals ("SIDALIH", "SIREKAP") or a web address.
_STATED_APP = re.compile(r"\bSI[A-Z]{3,}\b|\b[\w.-]+\.(?:go\.id|com|id)\b|\bwww\.")
# Asking for the number of a regulation or a decision: "pedoman teknis pungut hitung itu
# keputusan KPU nomor brp?". The module's bibliography lists it as "Nomor … Tahun 2023" (no
# number) beside the logistics decision "Nomor 1395 Tahun 2023", which the search found and
# an officer would have cited. Nine such questions over the sets, all unanswerable. "KPPS
# nomor brp" asks for a member, not a regulation ("ngatur" reads as "peraturan": not a marker).
_REGULATION = (
    r"(?:keputusan|pkpu|perppu|perpu|uu|undang|sk|perbawaslu|perda"
    r"|peraturan\s+(?:kpu|pemerintah|bawaslu|daerah))"
)
_ASKED_NUMBER = re.compile(
    rf"\b{_REGULATION}\b[^.?!]*?\bnomor(?:nya)?\s+(?:berapa|apa)\b"
    rf"|\bnomor(?:nya)?\s+(?:berapa|apa)\b[^.?!]*?\b{_REGULATION}\b"
)
# A numbered title: "Nomor 1395 Tahun 2023 tentang Pedoman Teknis Tata Kelola Logistik".
_STATED_NUMBER = re.compile(
    r"\bnomor\s+\d[\d/.-]*(?:\s+tahun\s+\d{4})?\s+tentang\s+"
    r"((?:(?!\(|\bsebagaimana\b|\bmenjadi\b|\bnomor\b)[^.;\n])*)",
    re.I,
)
_NUMBER_WORDS = frozenset(
    stem(word)
    for word in (
        *("keputusan", "pkpu", "perppu", "uu", "undang", "undangundang", "sk", "kpu"),
        *("peraturan", "nomor", "berapa", "tahun", "komisi", "pemilihan", "umum", "tentang"),
    )
)
_ASKED_SUM = re.compile(
    r"\b(?:berapa|nominal\w*|besaran\w*|besarnya|per\s+(?:orang|hari|bulan|kepala))\b"
)
# "berapa" followed by another unit asks for a term, a share or a count, not a sum.
_NOT_MONEY = re.compile(
    r"\s+(?:tahun|bulan|minggu|hari|jam|menit|lama|kali|persen|orang|lembar|kursi|suara)\b"
)
# How the documents state one: a penal article's "dipidana … denda", the module's
# "diberhentikan" or "dikeluarkan dari TPS".
_STATED_SANCTION = re.compile(
    r"\b(?:dipidana|pidana|denda|sanksi|diberhentikan|pemberhentian|teguran|peringatan"
    r"|dikeluarkan|diskualifikasi|dibatalkan)\b",
    re.I,
)
# Asking about pay or a charge, with or without "berapa": "ada uang lembur buat kpps ga?",
# "santunan klaimnya ke mana?", "harus bayar ganti rugi?". Such a rule must name the pay in
# a sentence about the thing asked: the campaign rule's "uang makan" is no KPPS meal money.
_ASKED_PAY = re.compile(
    r"\b(?:honor(?:arium)?(?:nya)?|gaji\w*|upah\w*|insentif\w*|lemburan|santunan\w*"
    r"|tunjangan\w*|pajak\w*|konsumsi\w*|bayar\w*|dibayar\w*|ganti\s+rugi"
    r"|uang\s+(?:makan|saku|transport\w*|lelah|duka|lembur))\b"
)
_STATED_SUM = re.compile(
    r"\brp\.?\s?\d|\d[\d.,]*\s*(?:\(\D*?)?\)?\s*(?:rupiah|ribu|juta|miliar|milyar)\b"
)


@dataclass(frozen=True)
class AskedValue:
    """The value a question asks for: its kind and the thing it is about ("umur")."""

    # "upper" or "lower" (a limit), "colour", "sum", "form", "app", "number", "sanction",
    # "pay", or a unit
    kind: str
    word: str  # the thing, as the officer's normalised question has it ("" for "maksimal?")
    terms: frozenset[str]  # its stem, and for a limit or colour the terms it expands to
    clause: str = ""  # the part of the question that asks it, no marker ("ukuran tps")


# Words that say where the officer read a rule, not what it is about: "ukuran minimal TPS
# menurut modul kpps 2024?". A passage need not repeat them to state the value.
_SOURCE_WORDS = frozenset(
    stem(word)
    for word in (
        *("menurut", "sesuai", "berdasarkan", "modul", "pedoman", "bimtek", "pelatihan"),
        *("materi", "buku", "slide", "pkpu", "peraturan", "undang", "uu"),
    )
)
_YEAR = re.compile(r"(?:19|20)\d\d")


def names_a_source(terms: Collection[str]) -> bool:
    """Whether a word of the question (its ``terms``) only names a document or its year."""
    return all(term in _SOURCE_WORDS or _YEAR.fullmatch(term) for term in terms)


def asked_value(query: Query, rarity: Callable[[str], float]) -> AskedValue | None:
    """The value asked for, if any. ``rarity`` (IDF, 0 for a word no document uses) finds
    the thing a colour is asked of: the question's rarest word ("seragam kpps pas hari H
    wajib warna apa?": "seragam", not "hari")."""
    return (
        _asked_measure(query, rarity)
        or _asked_limit(query)
        or _asked_sum(query)
        or _asked_name(query, _ASKED_FORM, "form", "formulir")
        or _asked_name(query, _ASKED_APP, "app", "aplikasi")
        or _asked_number(query)
        or _asked_colour(query, rarity)
        or _asked_sanction(query)
        or _asked_pay(query)
    )


def describe(asked: AskedValue) -> str:
    """What the documents do not state, for the officer: "batas paling tinggi untuk «umur»".
    The thing of a colour or a measure is the question's rarest word, not always the one the
    officer means ("tinta buat jari": "jari"), so it is not named."""
    if asked.kind == "colour":
        return "warna yang ditanyakan"
    if asked.kind == "sum":
        return f"besaran uang (rupiah) untuk «{asked.word}»"
    if asked.kind == "form":
        return "nama atau kode formulir untuk hal yang ditanyakan"
    if asked.kind == "app":
        return "nama aplikasi atau alamat situs untuk hal yang ditanyakan"
    if asked.kind == "sanction":
        return "sanksi untuk hal yang ditanyakan"
    if asked.kind == "pay":
        return f"«{asked.word}» untuk hal yang ditanyakan"
    if asked.kind == "number":
        return "nomor peraturan atau keputusan yang ditanyakan"
    if asked.kind not in _LIMIT_NAMES:  # the rarest word, like a colour's: not named
        return f"angka dalam satuan «{asked.kind}» untuk hal yang ditanyakan"
    return f"{_LIMIT_NAMES[asked.kind]} untuk «{asked.word}»"


def states_value(asked: AskedValue, text: str) -> bool:
    """Whether a passage has a sentence about the thing that states a value of the kind."""
    if asked.kind == "form":
        return bool(_STATED_FORM.search(text))
    if asked.kind == "app":
        return bool(_STATED_APP.search(text))
    if asked.kind == "sanction":
        return bool(_STATED_SANCTION.search(text))
    if asked.kind == "number":  # the numbered title must be the one asked about
        return any(
            len(asked.terms & set(tokenize(title.group(1)))) >= len(asked.terms) / 2
            for title in _STATED_NUMBER.finditer(text)
        )
    for sentence in split_sentences(text.lower()):
        if asked.terms & set(tokenize(sentence)) and _states(asked.kind, sentence):
            return True
    return False


def _states(kind: str, sentence: str) -> bool:
    if kind == "pay":  # naming the pay is stating it
        return True
    if kind == "colour":
        return bool(_COLOUR.search(sentence))
    if kind == "sum":
        return bool(_STATED_SUM.search(sentence))
    if kind not in _LIMIT_NAMES:  # "3 (tiga) meter", "30 menit"
        unit = _UNIT_FORMS.get(kind, kind)
        return bool(re.search(rf"\d[\d.,]*\s*(?:\([^)]*\)\s*)?{unit}\b", sentence))
    if _STATED_LIMIT[kind].search(sentence):
        return True
    # A number with no limit of the other direction: "2,5% ... sebagai cadangan" answers
    # "cadangan maksimal brp persen".
    return bool(re.search(r"\d", sentence)) and not _STATED_LIMIT[_OPPOSITE[kind]].search(sentence)


def _asked_limit(query: Query) -> AskedValue | None:
    """The thing limited is the word just before the marker ("umur maksimal"), else the one
    just after ("maksimal umur"), looked for first in the asking clause; none in "maksimal
    brp?", which no passage can answer."""
    found = [
        (match, kind)
        for kind, marker in _ASKED_LIMIT.items()
        for match in marker.finditer(query.text)
    ]
    if not found:
        return None
    # The last marker is the officer's latest question: "… paling banyak brp pemilih?. paling
    # sedikit?" (a follow-up read with its earlier question) asks for the lower limit.
    match, kind = max(found, key=lambda item: item[0].start())
    # The thesaurus keeps the typed marker beside its standard form ("minimal paling
    # sedikit"): no marker is the thing limited.
    text = query.text
    # "batas usia minimal dan maksimal": "dan" joins two markers, not two things asked.
    start, end = _clause_bounds(text, match.start(), match.end(), _PUNCTUATION)
    # The thing is in the asking clause if it is named there: in "partai mau ngusung
    # jagoannya sendirian, minimal harus punya berapa persen kursi?" it is the seats, not
    # "sendirian". A follow-up ("paling sedikit?") names it in the question before.
    words = (
        _limited(text[start : match.start()])
        or _content_words(_without_markers(text[match.end() : end]))[:1]
        or _limited(text[: match.start()])
        or _content_words(_without_markers(text[match.end() :]))[:1]
    )
    word = words[0] if words else ""
    terms = frozenset().union(*(_terms(query, w) for w in words)) if words else frozenset()
    return AskedValue(kind, word, terms, _without_markers(text[start:end]))


# Words that put a thing somewhere: in "debat paslon di TV maksimal berapa kali" the limit
# is on the debates held on TV, so both "debat" and "tv" name it.
_PLACING = frozenset({"di", "ke", "dari", "pada", "dalam"})


def _limited(before: str) -> list[str]:
    """The thing a limit is on, from the text ``before`` its marker: the last content word
    ("umur maksimal"), and if that is a place, the thing placed there first: the words
    before the place, whose head comes first ("debat publik paslon bupati di tv")."""
    tokens = joined_words(_without_markers(before))
    content = [i for i, w in enumerate(tokens) if w not in STOPWORDS and w not in _LINKING]
    if not content:
        return []
    last = content[-1]
    if last < 2 or tokens[last - 1] not in _PLACING or last - 2 not in content:
        return [tokens[last]]
    first = last - 2
    while first - 1 in content:
        first -= 1
    return list(dict.fromkeys([tokens[first], tokens[last - 2], tokens[last]]))


# Where one asked thing ends: "berapa ukuran minimal tps dan jarak kotak suara dari bilik,
# lahan kami sempit" asks the minimum of the TPS's size only.
_CLAUSE_END = re.compile(r"[.?!,;]|\bdan\b")
_PUNCTUATION = re.compile(r"[.?!,;]")


def _clause(text: str, start: int, end: int) -> str:
    """The clause of ``text`` around the span ``start:end``."""
    first, last = _clause_bounds(text, start, end)
    return text[first:last]


def _clause_bounds(
    text: str, start: int, end: int, ends: re.Pattern[str] = _CLAUSE_END
) -> tuple[int, int]:
    before = [m.end() for m in ends.finditer(text, 0, start)]
    after = ends.search(text, end)
    return (before or [0])[-1], after.start() if after else len(text)


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` around the span ``start:end``."""
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    ends = _SENTENCE_END.search(text, end)
    return text[(starts or [0])[-1] : ends.start() if ends else len(text)]


def _without_markers(text: str) -> str:
    for marker in _ASKED_LIMIT.values():
        text = marker.sub(" ", text)
    return text


def _asked_measure(query: Query, rarity: Callable[[str], float]) -> AskedValue | None:
    match = _ASKED_MEASURE.search(query.text)
    if match is None:
        return None
    unit = match.group(1) or match.group(2)
    # The thing is in the sentence that asks: in "lahan buat TPS di gang kami sempit. ukuran
    # minimal TPS brp meter?" the land sets the scene. And it is the thing itself, not the
    # terms it expands to: "bilik" stands for "bilik suara", and "penundaan pemungutan suara
    # 30 menit" says nothing of minutes in the booth.
    starts = [m.end() for m in _SENTENCE_END.finditer(query.text, 0, match.start())]
    word = _rarest(
        query,
        rarity,
        skip=lambda w: w.startswith(unit) or w == "berapa",
        text=query.text[(starts or [0])[-1] :],
        expanded=False,
    )
    return None if word is None else AskedValue(unit, word, frozenset({stem(word)}))


def _asked_sum(query: Query) -> AskedValue | None:
    """The money word of the clause that asks "berapa"; its terms are every money word of
    that clause ("kalo ngasih uang ke pemilih dendanya berapa": "denda" or "uang")."""
    for match in _ASKED_SUM.finditer(query.text):
        if _NOT_MONEY.match(query.text, match.end()):
            continue  # "berapa tahun penjara buat yang bagi duit"
        clause = _clause(query.text, match.start(), match.end())
        money = [w for w in joined_words(clause) if stem(w) in _MONEY_STEMS]
        if money:
            terms = frozenset(stem(w) for w in money) | {"rupiah"}  # the unit, not the thing
            # What the sum is for is often said before a comma: "kalau pemilih moto surat
            # suara di bilik, dendanya berapa?" asks the fine for that act.
            sentence = _sentence(query.text, match.start(), match.end())
            word = money[-1].removesuffix("nya")  # the officer is told «denda», not «dendanya»
            return AskedValue("sum", word, terms, sentence.replace(match.group(0), " "))
    return None


def _asked_name(query: Query, asking: re.Pattern[str], kind: str, word: str) -> AskedValue | None:
    """A form's name or code ("dicatat di form apa?", "kodenya apa?") or an application's
    ("dilaporin lewat aplikasi apa?") asked for. The form may be named in another sentence of
    the passage than the thing ("kepala suku ... menggunakan formulir Model C.KEJADIAN
    KHUSUS"), so the passage as a whole must name one and carry the asking sentence's words."""
    match = asking.search(query.text)
    if match is None:
        return None
    sentence = _sentence(query.text, match.start(), match.end())
    return AskedValue(kind, word, frozenset(), sentence.replace(match.group(0), " "))


def _asked_number(query: Query) -> AskedValue | None:
    """A regulation's or a decision's number asked for; its terms are the asking sentence's
    words that say which one ("pedoman teknis pemungutan dan penghitungan suara")."""
    match = _ASKED_NUMBER.search(query.text)
    if match is None:
        return None
    sentence = _sentence(query.text, match.start(), match.end())
    stems = frozenset(stem(word) for word in _content_words(sentence) if not word.isdigit())
    terms = stems - _NUMBER_WORDS - _SOURCE_WORDS - {""}
    return AskedValue("number", "nomor", terms, sentence)


def _asked_sanction(query: Query) -> AskedValue | None:
    """A sanction asked for ("kpps telat dateng kena sanksi apa?", "golput ada dendanya?");
    the act it is for is the rest of the asking sentence."""
    match = ASKS_SANCTION.search(query.text)
    if match is None:
        return None
    sentence = _sentence(query.text, match.start(), match.end())
    terms = frozenset(stem(w) for m in ASKS_SANCTION.finditer(sentence) for w in m.group(0).split())
    return AskedValue("sanction", "sanksi", terms, ASKS_SANCTION.sub(" ", sentence))


def _asked_pay(query: Query) -> AskedValue | None:
    """Pay or a charge asked about; the thing it is for is the rest of the asking sentence."""
    match = _ASKED_PAY.search(query.text)
    if match is None:
        return None
    sentence = _sentence(query.text, match.start(), match.end())
    # "uang makan" is named by "makan", "ganti rugi" by "rugi".
    terms = frozenset(stem(w) for w in joined_words(match.group(0)) if w not in ("uang", "ganti"))
    return AskedValue("pay", match.group(0), terms, sentence.replace(match.group(0), " "))


def _asked_colour(query: Query, rarity: Callable[[str], float]) -> AskedValue | None:
    if not _ASKED_COLOUR.search(query.original.lower()):
        return None
    word = _rarest(query, rarity, skip=lambda w: w.startswith("warna") or w in _COLOURS)
    if word is None:
        return None
    return AskedValue("colour", word, _terms(query, word), query.text)


def _rarest(
    query: Query,
    rarity: Callable[[str], float],
    skip: Callable[[str], bool],
    text: str | None = None,
    expanded: bool = True,
) -> str | None:
    """The rarest word of ``text`` (the question) that the documents use, as typed or, if
    ``expanded``, through the terms it expands to: the thing a value is asked of ("seragam
    kpps pas hari H wajib warna apa?": "seragam", not "hari")."""
    best: tuple[float, str] | None = None
    for word in _content_words(query.text if text is None else text):
        if skip(word):
            continue
        terms = _terms(query, word) if expanded else {stem(word)}
        weight = max((rarity(term) for term in terms), default=0.0)
        if weight > 0 and (best is None or weight > best[0]):
            best = (weight, word)
    return None if best is None else best[1]


def _terms(query: Query, word: str) -> frozenset[str]:
    stemmed = stem(word)
    return frozenset(next((c.terms for c in query.concepts if stemmed in c.terms), {stemmed}))


def _content_words(text: str) -> list[str]:
    return [w for w in joined_words(text) if w not in STOPWORDS and w not in _LINKING]


# A place of the officer's own ("kecamatan kami", "daerah kita", "desa sini") with a question
# for a date, a number or a contact, and nothing asking what is allowed or how: "jadwal pleno
# di kabupaten kami tanggal berapa", "nomor hp ppk kecamatan kami", "dpt desa kami berapa
# orang". Only the local office holds such data; regulations never do, and the nearest rule
# ("Pemilih untuk setiap TPS paling banyak 800 orang") would read as an answer. Over the eight
# gold sets no answerable question matches; of 120 unanswerable sweep questions 5 do, and 4
# of the 1,600 vocabulary-sweep questions, all asking for local data.
_OWN_PLACE = re.compile(
    r"\b(?:daerah|desa|kelurahan|kecamatan|kabupaten|kota|provinsi|wilayah|kampung|dusun)"
    r"\s+(?:kita|kami|saya|sini|gue|gw|aku|ini)\b"
)
_LOCAL_VALUE = re.compile(r"\b(?:tanggal|jadwal\w*|kapan|nomor|no|jumlah\w*|berapa)\b")
_RULE_ASKED = re.compile(
    r"\b(?:boleh|bisa|dapat|wajib|harus|sah|bagaimana|gimana|gmn|jam|pukul|cara\w*|siapa"
    r"|maksimal|minimal|paling)\b"
)


# A phone number or hotline ("nomor WA pengaduan bawaslu brp?", "hotline KPU ada?"): the
# documents list none, and the nearest rule on complaints would read as an answer.
_CONTACT = re.compile(
    r"\b(?:nomor|nomer|no|nmr)\.?\s+(?:telepon|telpon|telp|tlp|hp|wa|whatsapp|hotline|kontak"
    r"|call\s*cent(?:er|re)|pengaduan)\b|\bhotline\b|\bcall\s*cent(?:er|re)\b"
)


def asks_local_data(query: Query) -> bool:
    """Whether the question asks for a fact of the officer's own area, or a contact number,
    not for a rule."""
    text = query.text
    if _CONTACT.search(query.original.lower()):
        return True
    return bool(
        _OWN_PLACE.search(text) and _LOCAL_VALUE.search(text) and not _RULE_ASKED.search(text)
    )
