"""The question's wording decides between a rule and a guide's how-to that say the same."""

from __future__ import annotations

from pathlib import Path

from bot.engine import AnswerEngine
from knowledge.kind_prior import KindPrior, fit, question_features
from knowledge.query import Normalizer
from tests.conftest import ROOT, make_settings

_RULE = (
    "PERATURAN KOMISI PEMILIHAN UMUM REPUBLIK INDONESIA NOMOR 9 TAHUN 2042 TENTANG "
    "PENYIAPAN TPS DALAM PEMILIHAN GUBERNUR DAN WAKIL GUBERNUR, BUPATI DAN WAKIL BUPATI, "
    "SERTA WALI KOTA DAN WAKIL WALI KOTA\nMEMUTUSKAN:\n"
    "Pasal 1\nKPPS wajib menyiapkan TPS paling lambat 1 (satu) hari sebelum hari "
    "pemungutan suara.\n"
    "Pasal 2\nKPPS bekerja sama dengan PPS.\n"
)
_GUIDE = (
    "PANDUAN SINGKAT KPPS PEMILIHAN 2042\nBAB I PERSIAPAN\nA. PENYIAPAN TPS\n"
    "KPPS menyiapkan TPS paling lambat 1 (satu) hari sebelum hari "
    "pemungutan suara.\n"
)
# Officers' questions labelled with the kind of document that answered them.
_LABELLED = [
    ("kpps wajib ga ngumumin hasil?", True),
    ("ppk wajib nyerahin berita acara ga?", True),
    ("pps wajib ga nempel dpt?", True),
    ("gmn masang bilik suara?", False),
    ("gmn nempel dpt di tps?", False),
    ("kursi disusun gmn?", False),
]


def _engine(tmp_path: Path, prior: Path) -> AnswerEngine:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    (corpus / "pkpu-9-2042.md").write_text(_RULE, encoding="utf-8")
    (corpus / "panduan-tps.md").write_text(_GUIDE, encoding="utf-8")
    from ingest.pipeline import run_ingest

    settings = make_settings(corpus, tmp_path / "data", kind_prior=prior)
    run_ingest(settings)
    return AnswerEngine(settings)


def test_a_how_to_question_gets_the_guide_and_a_duty_question_the_rule(
    tmp_path: Path,
) -> None:
    """Rule and guide page say the same; without a prior the rule comes first. With a prior
    fitted on labelled questions, "gmn" puts the guide's how-to first and "wajib
    ga" keeps the rule first."""
    normalizer = Normalizer.from_file(ROOT / "config" / "abbreviations.json")
    prior = fit((question_features(normalizer.normalize(q)), is_law) for q, is_law in _LABELLED)
    path = tmp_path / "kind_prior.json"
    prior.save(path, trained_on=["test"])

    how_to = "gmn kpps nyiapin tps sblm hari h?"
    neutral = _engine(tmp_path, tmp_path / "none.json").answer(how_to)
    assert neutral.passages[0].chunk.pasal == "1"

    engine = _engine(tmp_path, path)
    assert engine.answer(how_to).passages[0].chunk.pasal is None  # the guide page
    assert engine.answer("kpps wajib nyiapin tps sblm hari h ga?").passages[0].chunk.pasal == "1"


def test_the_model_reads_back_and_leans_on_the_words_it_was_fitted_on(tmp_path: Path) -> None:
    normalizer = Normalizer.from_file(ROOT / "config" / "abbreviations.json")
    prior = fit((question_features(normalizer.normalize(q)), is_law) for q, is_law in _LABELLED)
    path = tmp_path / "kind_prior.json"
    prior.save(path, trained_on=["test"])
    loaded = KindPrior.from_file(path)
    assert loaded.law_share(normalizer.normalize("wajib ga?")) > 0.6
    assert loaded.law_share(normalizer.normalize("gmn?")) < 0.4
    assert (
        KindPrior.from_file(tmp_path / "missing.json").law_share(normalizer.normalize("wajib ga?"))
        == 0.5
    )


def test_the_shipped_model_points_officers_wording_the_expected_way() -> None:
    """config/kind_prior.json, fitted on the project's question sets: the named election and
    penalties point to the law, a time of day and "gmn" to the module."""
    normalizer = Normalizer.from_file(ROOT / "config" / "abbreviations.json")
    prior = KindPrior.from_file(ROOT / "config" / "kind_prior.json")
    assert prior.weights
    assert prior.law_share(normalizer.normalize("pas pilkada paslon boleh kampanye?")) > 0.5
    assert prior.law_share(normalizer.normalize("kpps hrs dtg jam brp? gmn")) < 0.5
