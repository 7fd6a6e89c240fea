"""Headline attributions get the speaker's entity by name only (issue 19): a role or pronoun stays unresolved."""

import pytest

from newsflow_shared.events import ArticleMetadata, ParsedArticle, PipelineVersions, QuotePart, TitleQuote
from newsflow_shared.integrity import InconsistentArticle
from newsflow_enrich.pipeline import enrich_articles

BODY = ("Helena Marsh, the chief executive of the Ardmoor Health Board, said on Tuesday that the board's four rural "
        "clinics would stay open on weekends. Marsh said six nurses had been hired to cover the extra shifts.")


def headline_quote(title: str, text: str, speaker: str, n: int = 1) -> TitleQuote:
    start, speaker_start = title.index(text), title.index(speaker)
    return TitleQuote(id=f"a-t{n}", text=text, kind="indirect", start=start, end=start + len(text),
                      parts=[QuotePart(start=start, end=start + len(text))], speaker=speaker,
                      speaker_start=speaker_start, speaker_end=speaker_start + len(speaker),
                      found_by="headline-colon", speaker_by="headline-colon")


def enriched_title_quotes(title: str, quotes: list[tuple[str, str]]):
    article = ParsedArticle(
        article_id="a", metadata=ArticleMetadata(title=title), body=BODY,
        title_quotes=[headline_quote(title, text, speaker, n) for n, (text, speaker) in enumerate(quotes, start=1)],
        pipeline=PipelineVersions(parse="0.10.0"))
    (enriched,) = enrich_articles([article])
    names = {entity.id: entity.name for entity in enriched.entities}
    return [(q.text, names.get(q.actor_id) if q.actor_id else None) for q in enriched.title_quotes]


@pytest.mark.parametrize(("title", "speaker"), [
    ("Marsh: Rural clinics to stay open on weekends", "Marsh"),  # a surname the body names in full
    ("Helena Marsh: Rural clinics to stay open on weekends", "Helena Marsh"),
    ("Helena Marsh on weekend care: Rural clinics to stay open on weekends", "Helena Marsh on weekend care"),
])
def test_a_headline_speaker_resolves_to_the_entity_it_names(title, speaker):
    assert enriched_title_quotes(title, [("Rural clinics to stay open on weekends", speaker)]) == [
        ("Rural clinics to stay open on weekends", "Helena Marsh")]


def test_a_group_nominal_in_a_headline_stands_for_the_organization_named_so():
    assert enriched_title_quotes("Rural clinics to stay open, health board says",
                                 [("Rural clinics to stay open", "health board")]) == [
        ("Rural clinics to stay open", "Ardmoor Health Board")]


def test_a_role_or_an_unknown_name_in_a_headline_stays_unresolved():
    assert enriched_title_quotes("Health chief: Rural clinics to stay open on weekends",
                                 [("Rural clinics to stay open on weekends", "Health chief")]) == [
        ("Rural clinics to stay open on weekends", None)]
    assert enriched_title_quotes("Okafor: Rural clinics to stay open on weekends",
                                 [("Rural clinics to stay open on weekends", "Okafor")]) == [
        ("Rural clinics to stay open on weekends", None)]


def test_a_headline_quote_pointing_outside_the_title_is_refused():
    title = "Marsh: Clinics open"
    bad = headline_quote(title, "Clinics open", "Marsh").model_copy(update={"end": 400})
    article = ParsedArticle(article_id="a", metadata=ArticleMetadata(title=title), body=BODY, title_quotes=[bad],
                            pipeline=PipelineVersions(parse="0.10.0"))
    with pytest.raises(InconsistentArticle, match="title quote a-t1 spans 7..400, outside the title of 19"):
        enrich_articles([article])
