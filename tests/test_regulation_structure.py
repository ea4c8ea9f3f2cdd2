"""Structure of the real laws: parts, articles, amendments and in-force status."""

from __future__ import annotations

import re
from functools import cache

import pytest

from ingest.amendments import resolve
from ingest.identify import identify
from ingest.pdf_reader import text_lines
from ingest.regulation import ParsedRegulation, parse_regulation
from knowledge.models import DocumentInfo
from tests.conftest import require_corpus

pytestmark = pytest.mark.integration


@cache
def parsed(name: str) -> tuple[DocumentInfo, ParsedRegulation]:
    text = (require_corpus() / name).read_text(encoding="utf-8")
    return identify(name, text[:3000], text, {}), parse_regulation(text_lines(text))


def laws() -> list[tuple[DocumentInfo, ParsedRegulation]]:
    return [parsed(n) for n in ("uu-1-2015.md", "uu-8-2015.md", "uu-10-2016.md")]


def test_uu_1_2015_four_parts_told_apart() -> None:
    _, law = parsed("uu-1-2015.md")
    by_part: dict[str, list[str]] = {}
    for article in law.articles:
        by_part.setdefault(article.part, []).append(article.pasal)
    assert by_part["penetapan"] == ["1", "2"]
    assert by_part["penjelasan-penetapan"] == ["1", "2"]
    body = by_part["body"]
    assert len(body) == 206 and body[0] == "1" and body[-1] == "206"
    assert len(set(body)) == 206
    assert set(by_part["penjelasan"]) <= set(body) and len(by_part["penjelasan"]) > 150
    pasal_91 = next(a for a in law.body() if a.pasal == "91")
    assert pasal_91.bab.startswith("BAB XIII PEMUNGUTAN SUARA")
    assert pasal_91.ayat[0].items[0] == ("a", "membuka kotak suara;")


def test_identity_from_title_page() -> None:
    info = [i for i, _ in laws()]
    assert [i.short_name for i in info] == ["UU 1/2015", "UU 8/2015", "UU 10/2016"]
    assert info[0].amends == () and info[1].amends == ("uu-1-2015",)
    assert info[2].amends == ("uu-1-2015",)
    assert all(i.scope == "pilkada" for i in info)


@pytest.mark.parametrize("name", ["uu-8-2015.md", "uu-10-2016.md"])
def test_every_numbered_change_is_found(name: str) -> None:
    text = (require_corpus() / name).read_text(encoding="utf-8")
    pasal_i = text[text.index("\nPasal I\n") : text.index("\nPasal II\n")]
    in_text = {
        int(m.group(1)) for m in re.finditer(r"^(\d+)\. (?:Ketentuan|Di antara|BAB)", pasal_i, re.M)
    }
    _, law = parsed(name)
    assert {c.number for c in law.changes} == in_text
    assert len(in_text) > 60


def test_amendments_applied_to_the_right_articles() -> None:
    documents = laws()
    versions = resolve(documents)
    (_, uu1), (_, uu8), (_, uu10) = documents

    def body(law: ParsedRegulation, pasal: str):  # type: ignore[no-untyped-def]
        return next(a for a in law.body() if a.pasal == pasal)

    # Pasal 91 (opening the ballot box): replaced by UU 8/2015, change 56.
    old_91, new_91 = body(uu1, "91"), body(uu8, "91")
    assert versions[id(old_91)].status == "diubah"
    assert versions[id(old_91)].replaced_by == "uu-8-2015.md#body#91"
    assert versions[id(new_91)].status == "berlaku" and new_91.change_no == 56
    assert versions[id(new_91)].chain == ["UU 8/2015"]
    # Pasal 100: deleted by UU 8/2015.
    assert versions[id(body(uu1, "100"))].status == "dihapus"
    assert "UU 8/2015" in versions[id(body(uu1, "100"))].note
    # Pasal 22B: inserted by UU 8/2015, changed again by UU 10/2016.
    assert versions[id(body(uu8, "22B"))].status == "diubah"
    assert versions[id(body(uu8, "22B"))].replaced_by == "uu-10-2016.md#body#22B"
    assert versions[id(body(uu10, "22B"))].chain == ["UU 8/2015", "UU 10/2016"]
    # An article no amendment touched stays in force in the base law.
    assert versions[id(body(uu1, "92"))].status == "berlaku"
    # Every article an amendment restates supersedes the base text of the same number.
    for change in uu8.changes:
        for article in change.articles:
            base = [a for a in uu1.body() if a.pasal == article.pasal]
            if base and not article.partial:
                assert versions[id(base[0])].status in ("diubah", "dihapus")


@pytest.mark.parametrize("name", ["uu-1-2015", "uu-8-2015"])
def test_pdf_gives_the_same_articles_as_text(name: str) -> None:
    from ingest.pdf_reader import read_pdf, regulation_lines

    pdf = require_corpus().parent / "fixtures" / "rendered" / f"{name}.pdf"
    if not pdf.is_file():
        pytest.skip(f"{pdf} not found")
    from_pdf = parse_regulation(regulation_lines(read_pdf(pdf)))
    _, from_text = parsed(f"{name}.md")
    assert [(a.part, a.pasal, a.text) for a in from_pdf.articles] == [
        (a.part, a.pasal, a.text) for a in from_text.articles
    ]
    assert [(c.number, c.targets) for c in from_pdf.changes] == [
        (c.number, c.targets) for c in from_text.changes
    ]
    # The PDF path also knows where each article stands.
    assert all(a.pages for a in from_pdf.body())
