"""What a store derives across articles, read so that two stores can be compared whatever their save order."""

from __future__ import annotations

from sqlmodel import Session, select

from newsflow_store.models import EntityLinkRow, EntityNameRow, EntityRow, QuoteRow, StatementRow


def snapshot(engine) -> dict:
    """Everything derived across articles, independent of the order things were saved in."""
    with Session(engine) as session:
        entities = {e.id: (e.name, e.type, e.article_count, e.quote_count, e.mention_count)
                    for e in session.exec(select(EntityRow)).all() if e.article_count > 0}
        names = {(n.entity_id, n.kind, n.value): n.article_count for n in session.exec(select(EntityNameRow)).all()}
        links = {(link.person_id, link.organization_id): link.article_count
                 for link in session.exec(select(EntityLinkRow)).all()}
        groups: dict[str, set] = {}
        for quote in session.exec(select(QuoteRow)).all():
            groups.setdefault(quote.statement_id, set()).add((quote.article_id, quote.id))
        statements = {
            frozenset(groups[s.id]): (s.text, s.kind, s.actor_id, s.report_count, s.outlet_count)
            for s in session.exec(select(StatementRow)).all()
        }
        assert set(groups) <= {s.id for s in session.exec(select(StatementRow)).all()}
    return {"entities": entities, "names": names, "links": links, "statements": statements}


def snapshot_of_nothing() -> dict:
    return {"entities": {}, "names": {}, "links": {}, "statements": {}}
