"""Build ``config/nouns.txt``: everyday Indonesian nouns, from a part-of-speech-tagged corpus.

The bot declines a question whose subject the documents never name ("honor KPPS brp?",
"konsumsi hari H ditanggung siapa?"). An unknown system or place name is easy to spot, since
it is not an everyday word; "honor" and "konsumsi" are everyday words, so the bot needs to know
they are nouns (things a question is about) rather than chat words around the question ("susah",
"lupa", "adem"), which the documents lacking means nothing.

Source: the tagged corpus shipped in the PyPI package ``nlp-id`` (kumparan, MIT licence),
``nlp_id/data/dataset_postag.txt``. A word is listed when at least 70% of its occurrences are
tagged NN or NNP. Words of time ("kemarin", "sore") are left out: they set the scene of a
question ("sampai malam") and do not make its subject. Chat's verb forms ("ngambil", "nyari"),
which the corpus sometimes tags as nouns, are left out too.

Run once when updating the list (needs PyPI, not needed at run time):
    python scripts/build_noun_list.py [--wheel path/to/nlp_id-*.whl]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from knowledge.keyword import colloquial_forms, is_common_word

PACKAGE = "nlp-id==0.1.23.0"
DATASET = "nlp_id/data/dataset_postag.txt"
NOUN_SHARE = 0.7
# A name ("Garut", "Jakarta") is tagged NNP nearly always; a title or an office ("bapak",
# "gubernur", "desa") is tagged NNP only when it heads a name.
NAME_SHARE = 0.9
# Scene, not subject: the time of day or of the week an officer mentions.
TIME_WORDS = set(
    """
    kemarin besok lusa tadi semalam pagi siang sore petang malam subuh magrib maghrib isya
    dini fajar senja tengah hari minggu bulan tahun jam menit detik waktu saat kali
    senin selasa rabu kamis jumat sabtu
    """.split()  # noqa: SIM905 - a word list reads better as text
)
OUTPUT = Path(__file__).resolve().parent.parent / "config" / "nouns.txt"
HEADER = """\
# Kata benda umum bahasa Indonesia, satu per baris (dibuat oleh scripts/build_noun_list.py dari
# korpus berlabel kelas kata paket nlp-id, lisensi MIT). Nama diri (tempat, orang) berhuruf
# kapital di awal.
# Bila pertanyaan memuat kata benda yang tidak ada di dokumen mana pun dan tidak dikenal lewat
# abbreviations.json, bot menjawab bahwa dokumen tidak membahasnya (misalnya "honor", "konsumsi").
# Kata benda yang hanya menerangkan tempat atau orang ("kerja di pabrik", "bapak saya") tidak
# dihitung; nama diri selalu dihitung ("pilkada di Garut").
# Bila kata yang sering dipakai petugas punya padanan di dokumen, tambahkan padanannya di
# abbreviations.json ('expand'); bila sebuah kata bukan pokok pertanyaan, hapus dari daftar ini.
"""


def tagged_words(wheel: Path) -> dict[str, Counter[str]]:
    """Tag counts per lower-cased alphabetic word of the tagged corpus."""
    tags: dict[str, Counter[str]] = defaultdict(Counter)
    with zipfile.ZipFile(wheel) as archive:
        for line in archive.read(DATASET).decode("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) == 2 and parts[0].isalpha():
                tags[parts[0].lower()][parts[1]] += 1
    return tags


def is_chat_verb(word: str) -> bool:
    """Chat's nasal verb forms ("ngambil", "nyari", "ngecek"): the corpus often tags them as
    nouns, yet they say what someone does, not what the question is about."""
    return (
        word[:2] in ("ng", "ny")
        and not is_common_word(word)
        and any(is_common_word(form) for form in colloquial_forms(word)[1:])
    )


def nouns(tags: dict[str, Counter[str]]) -> list[str]:
    """Nouns in lower case, names capitalised."""
    listed = []
    for word, counts in tags.items():
        total = sum(counts.values())
        noun = counts["NN"] + counts["NNP"] >= NOUN_SHARE * total
        if len(word) < 2 or word in TIME_WORDS or not noun:
            continue
        if counts["NNP"] >= NAME_SHARE * total:
            listed.append(word.capitalize())  # a name: "Garut", "Ngurah"
        elif not is_chat_verb(word):
            listed.append(word)
    return sorted(listed, key=str.lower)


def download_wheel(folder: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(folder), PACKAGE],
        check=True,
    )
    return next(folder.glob("nlp_id-*.whl"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="nlp-id wheel already downloaded")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        wheel = args.wheel or download_wheel(Path(folder))
        words = nouns(tagged_words(wheel))
    args.output.write_text(HEADER + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} kata benda → {args.output}")


if __name__ == "__main__":
    main()
