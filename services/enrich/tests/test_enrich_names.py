"""Name keys: what two spellings of one actor's name share, and what keeps two actors apart."""

import pytest

from newsflow_enrich.entities import entity_id
from newsflow_shared.names import acronym_letters, display_form, initials, is_acronym, name_key


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Sergey Morozov", "Sergei Morozov"),
        ("Dmitry Orlov", "Dmitri Orlov"),
        ("Aleksei Ivanov", "Alexei Ivanov"),
        ("Mikhail Zotov", "Mihail Zotov"),
        ("Yury Belov", "Yuri Belov"),
        ("Andriy Kovalenko", "Andrii Kovalenko"),
        ("Gennady Popov", "Genady Popov"),
        ("Joël Mercier", "Joel Mercier"),
        ("Mr Morozov", "Morozov"),
        ("Laurence H. Tribble", "Laurence Tribble"),
        ("the U.N.", "UN"),
        ("Ivanov’s", "IVANOV"),
        ("Kelby Air Corp.", "Kelby Air"),
        ("Halvard & Co", "Halvard"),
        ("Nordvik Shipping Ltd", "Nordvik Shipping"),
        ("Brauwerk AG", "Brauwerk"),
        ("Tessel Foods, Inc.", "Tessel Foods"),
    ],
)
def test_spelling_variants_of_one_name_share_a_key(one, other):
    assert name_key(one) == name_key(other)


@pytest.mark.parametrize(("one", "other"), [("Ivan Petrov", "Ivan Petrova"), ("Anna Berg", "Hanna Berg"), ("Mr Morozov", "Mrs Morozova"),
                                             ("Kelby Air Corp.", "Kelby Corp.")])
def test_different_names_keep_different_keys(one, other):
    assert name_key(one) != name_key(other)


def test_entity_ids_follow_the_key_and_the_type():
    assert entity_id("person", "Sergey Morozov") == entity_id("person", "Sergei Morozov")
    assert entity_id("person", "Sergey Morozov") != entity_id("organization", "Sergey Morozov")
    assert entity_id("organization", "The Civic Rights Alliance") == entity_id("organization", "Civic Rights Alliance")


def test_acronyms_and_initials():
    assert is_acronym("NLF") and is_acronym("U.N.") and is_acronym("MoD")
    assert not is_acronym("Ivanov") and not is_acronym("A") and not is_acronym("Civic Rights")
    assert acronym_letters("U.N.") == "UN" and acronym_letters("MoD") == "MD"
    assert initials("the Northern Ledger Foundation") == "NLF"
    assert initials("Ministry of Defence") == "MD"
    assert initials("Department of the Interior") == "DI"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [("Ivanov’s", "Ivanov"), ("[UN] Rights  Council", "UN Rights Council"), ("U.N.", "U.N."), ("Kelby.", "Kelby"), ("Acme Inc.", "Acme Inc.")],
)
def test_display_form(raw, shown):
    assert display_form(raw) == shown
