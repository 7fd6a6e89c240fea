"""Titles and roles from premodifiers and appositions."""

import pytest

from newsflow_enrich.roles import apposition_after, apposition_before, premodifier_title

STORY = """Ukrainian Foreign Minister Andriy Kovalenko met Brunner's spokesman Karl Hofer and EU trade chief Maria Lind in Vienna.

Helga Brunner, a press officer at Austria's embassy in Rome, joined them. A longtime adviser, Piet de Vries, stayed away.

Secretary of the Interior Ruth Adler, from the Civic Rights Alliance, said nothing. After meeting the president, Tom Wells left, and Nina Kahl, who said she was tired, went home."""

LABELS = {
    "Ukrainian": "NORP",
    "Andriy Kovalenko": "PERSON",
    "Brunner": "PERSON",
    "Karl Hofer": "PERSON",
    "EU": "ORG",
    "Maria Lind": "PERSON",
    "Vienna": "GPE",
    "Helga Brunner": "PERSON",
    "Austria": "GPE",
    "Rome": "GPE",
    "Piet de Vries": "PERSON",
    "Ruth Adler": "PERSON",
    "the Civic Rights Alliance": "ORG",
    "Tom Wells": "PERSON",
    "Nina Kahl": "PERSON",
}


def test_titles_from_premodifiers_and_appositions(enrich_labelled):
    entities = enrich_labelled(STORY, LABELS).entities
    titles = {name: entity.titles for name, entity in entities.items() if entity.type == "person"}

    assert titles["Andriy Kovalenko"] == ["Ukrainian Foreign Minister"]
    assert titles["Karl Hofer"] == ["Brunner's spokesman"]
    assert titles["Maria Lind"] == ["EU trade chief"]
    assert titles["Helga Brunner"] == ["press officer at Austria's embassy in Rome"]
    assert titles["Piet de Vries"] == ["longtime adviser"]
    assert titles["Ruth Adler"] == ["Secretary of the Interior"]


def test_affiliations_clauses_and_relative_clauses_are_not_titles(enrich_labelled):
    entities = enrich_labelled(STORY, LABELS).entities

    assert entities["Tom Wells"].titles == []  # "After meeting the president," opens a clause
    assert entities["Nina Kahl"].titles == []  # ", who said ..." is no role
    assert "from the Civic Rights Alliance" not in entities["Ruth Adler"].titles


@pytest.mark.parametrize(
    ("before_name", "title"),
    [
        ("Speaking on Monday, the city's deputy mayor ", "city's deputy mayor"),
        ("a meeting with High Representative of the Union for Foreign Affairs ", "High Representative of the Union for Foreign Affairs"),
        ("President ", "President"),
        ("Senate Majority Leader ", "Senate Majority Leader"),
        ("The protest was led by ", None),
        ("Yesterday ", None),
        ("the board and ", None),
        ("Democratic activists ", None),
    ],
)
def test_premodifier_title(before_name, title):
    assert premodifier_title(before_name + "Jane Roe said.", 0, len(before_name)) == title


def test_appositions_after_and_before_a_name():
    after = "Jane Roe, the Republican attorney general of Ohio, sued."
    assert apposition_after(after, len("Jane Roe"), len(after)) == "Republican attorney general of Ohio"
    assert apposition_after("Jane Roe, 45, sued.", len("Jane Roe"), 19) is None
    assert apposition_after("Jane Roe, and her lawyers, sued.", len("Jane Roe"), 30) is None
    before = "His former business partner, Jane Roe, disagreed."
    assert apposition_before(before, 0, before.index("Jane"), before.index(", disagreed")) == "former business partner"
    assert apposition_before("In the end, Jane Roe, 45, sued.", 0, 12, 20) is None


@pytest.mark.parametrize(
    "before",
    [
        '"After long thought, I will back the party nominee, Jane Roe, and nobody else," Tom Wells wrote.',
        "The truth, the senator said, was that the mayor had insulted his sister, Jane Roe, and her son.",
    ],
)
def test_a_clause_before_a_name_is_not_its_title(before):
    start = before.index("Jane Roe")
    assert apposition_before(before, 0, start, start + len("Jane Roe")) is None


def test_a_clause_or_another_persons_phrase_after_a_name_is_not_its_title():
    other = "For Jane Roe, Governor Tom Wells's approval rating looks weak."
    assert apposition_after(other, other.index(","), len(other)) is None
    clause = "Jane Roe, who praised the aide to Tom Wells whom she met, spoke."
    relative = "Jane Roe, chief of staff to Governor Tom Wells whom she met, spoke."
    assert apposition_after(clause, len("Jane Roe"), len(clause)) is None
    assert apposition_after(relative, len("Jane Roe"), len(relative)) == "chief of staff to Governor Tom Wells"
