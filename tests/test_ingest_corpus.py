"""The reference corpus end to end: citations, in-force status, guides' printed pages."""

from __future__ import annotations

import pytest

from knowledge.index import load_generation
from knowledge.settings import Settings

pytestmark = pytest.mark.integration


def test_citations_name_the_amendment_chain(corpus_index: Settings) -> None:
    generation = load_generation(corpus_index.index_path)
    articles = generation.articles
    assert articles["uu-8-2015.md#body#91"].citation == (
        "Pasal 91 UU 1/2015 sebagaimana diubah dengan UU 8/2015"
    )
    assert articles["uu-1-2015.md#body#91"].status == "diubah"
    assert articles["uu-1-2015.md#body#100"].status == "dihapus"
    assert articles["uu-10-2016.md#body#22B"].citation == (
        "Pasal 22B UU 1/2015 sebagaimana diubah dengan UU 8/2015 dan UU 10/2016"
    )
    untouched = [c for c in generation.chunks if c.article_key == "uu-1-2015.md#body#92"]
    assert [c.citation for c in untouched] == ["Pasal 92 UU 1/2015"]
    long_article = [c for c in generation.chunks if c.article_key == "uu-10-2016.md#body#7"]
    assert any(c.citation.startswith("Pasal 7 ayat (2) huruf") for c in long_article) or any(
        c.citation.startswith("Pasal 7 ayat (2) UU 1/2015") for c in long_article
    )


def test_guide_pages_cite_printed_page_numbers(corpus_index: Settings) -> None:
    generation = load_generation(corpus_index.index_path)
    page_20 = generation.articles["modul-pelatihan-kpps-2024.pdf#page#20"]
    assert page_20.citation == "Modul Pelatihan KPPS, hlm. 15"
    assert page_20.pages == (20,)
    assert page_20.scope == "pemilu"
    slides = [c for c in generation.chunks if c.source.startswith("bimtek")]
    assert slides and all(c.pages for c in slides)
    kursi = [c for c in slides if "Kursi Prioritas" in c.text]
    assert kursi and "5 (lima) dari 25" in kursi[0].text


def test_report_counts_articles(corpus_index: Settings) -> None:
    generation = load_generation(corpus_index.index_path)
    files = generation.manifest["files"]
    assert files["uu-1-2015.md"]["articles"] == 206
    assert files["modul-pelatihan-kpps-2024.pdf"]["articles"] == 0
    assert files["uu-8-2015.md"]["articles"] > 90
