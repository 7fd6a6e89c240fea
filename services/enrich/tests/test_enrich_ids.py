"""The same canonical actor gets the same id in every article, whichever spelling each one uses."""

MONDAY = (
    "Finnish Trade Minister Sergey Morozov met German Chancellor Angela Merkel in Berlin on Monday. "
    '"We spoke for two hours," Morozov said. The International Refugee Council welcomed the meeting. '
    "Dmitry Orlov, the mayor of Kelby, was not invited."
)
THURSDAY = (
    'Sergei Morozov flew to Paris on Thursday. "Nothing has changed," Mr Morozov told reporters. '
    "The IRC, or International Refugee Council, said it was disappointed. Dmitri Orlov, the mayor, agreed."
)


def test_transliteration_variants_get_one_id_across_articles(enrich_many):
    monday, thursday = enrich_many(
        (MONDAY, [("We spoke for two hours", "Morozov")]),
        (THURSDAY, [("Nothing has changed", "Mr Morozov")]),
    )

    assert monday.entities["Sergey Morozov"].id == thursday.entities["Sergei Morozov"].id
    assert monday.entities["Dmitry Orlov"].id == thursday.entities["Dmitri Orlov"].id
    assert monday.article.quotes[0].actor_id == thursday.article.quotes[0].actor_id == monday.entities["Sergey Morozov"].id


def test_an_organization_gets_one_id_with_or_without_its_acronym_and_article(enrich_many):
    monday, thursday = enrich_many((MONDAY, []), (THURSDAY, []))

    refugees = monday.entities["International Refugee Council"]
    assert refugees.id == thursday.entities["International Refugee Council"].id
    assert "IRC" in thursday.entities["International Refugee Council"].aliases


def test_different_people_get_different_ids(enrich_many):
    [monday] = enrich_many((MONDAY, []))

    people = [entity.id for entity in monday.article.entities if entity.type == "person"]
    assert len(people) == len(set(people)) == 3


def test_entities_that_end_up_with_one_id_become_one():
    from newsflow_enrich.entities import merge_same_id
    from newsflow_shared.events import Entity, Mention

    full = Entity(id="ent_x", name="Dara Ohlin", type="person", titles=["Irish actor"],
                  mentions=[Mention(start=0, end=10, text="Dara Ohlin")])
    completed = Entity(id="ent_x", name="Dara Ohlin", type="person", aliases=["Ohlin"], titles=["Oscar nominee"],
                       mentions=[Mention(start=40, end=45, text="Ohlin"), Mention(start=0, end=10, text="Dara Ohlin")])
    other = Entity(id="ent_y", name="Port Ellery", type="place")
    (one, place) = merge_same_id([full, other, completed])
    assert place.id == "ent_y"
    assert one.aliases == ["Ohlin"] and one.titles == ["Irish actor", "Oscar nominee"]
    assert [(m.start, m.end) for m in one.mentions] == [(0, 10), (40, 45)]
