from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query

from newsflow_shared.events import QuoteKind
from newsflow_store import crud
from newsflow_store.api.deps import SessionDep
from newsflow_store.api.pagination import Cursor, FromMoment, Limit, ToMoment, after_cursor, page_of
from newsflow_store.crud.quotes import NEWEST_FIRST, OLDEST_FIRST, entity_names
from newsflow_store.models import StatementRow
from newsflow_store.schemas import Page, StatementDetail, StatementSummary
from newsflow_store.api.views import statement_detail, statement_summary

router = APIRouter(prefix="/quotes", tags=["quotes"])

DESCRIPTION = (
    "A quote here is a statement: one thing said, however many outlets reported it. Reports are grouped "
    "when their normalized texts (case, punctuation, quote marks and spacing folded) are equal, when one "
    "appears in the other (a partial quote, five words or more), or when their word sets overlap by a "
    "Jaccard index of 0.8 or more; and their speakers agree (the same actor, or one unresolved)."
)


def summaries(session, statements: list[StatementRow]) -> list[StatementSummary]:
    reports = crud.reports_of(session, statement_ids=[s.id for s in statements])
    names = entity_names(session, entity_ids={s.actor_id for s in statements if s.actor_id})
    return [statement_summary(s, reports[s.id], names) for s in statements]


@router.get("", summary="Statements, newest first, each with the outlets that reported it", description=DESCRIPTION)
def read_quotes(
    session: SessionDep,
    q: Annotated[str | None, Query(min_length=1, max_length=500, examples=["safe crossing"],
                                   description="Words the statement contains (all of them, any order)")] = None,
    actor: Annotated[str | None, Query(description="Only statements by this speaker (entity id)")] = None,
    kind: Annotated[QuoteKind | None, Query(description="direct, indirect or mixed")] = None,
    reported_from: Annotated[FromMoment, Query(description="First reported on or after (date or date-time)")] = None,
    reported_to: Annotated[ToMoment, Query(description="First reported on or before (a date includes the day)")]
    = None,
    order: Annotated[Literal["desc", "asc"], Query(description="By first report: newest (desc) or oldest first")]
    = "desc",
    limit: Limit = 20,
    cursor: Cursor = None,
) -> Page[StatementSummary]:
    ordering = NEWEST_FIRST if order == "desc" else OLDEST_FIRST
    filters = crud.StatementFilters(search=q, actor_id=actor, kind=kind, reported_from=reported_from,
                                    reported_before=reported_to)
    rows = crud.list_statements(session, filters=filters, ordering=ordering, after=after_cursor(ordering, cursor),
                                limit=limit + 1)
    return page_of(rows, limit=limit, ordering=ordering, present=lambda shown: summaries(session, shown))


@router.get("/{statement_id}", summary="One statement with every article that reported it",
            responses={404: {"description": "No such statement"}})
def read_quote(session: SessionDep, statement_id: str) -> StatementDetail:
    statement = crud.get_statement(session, statement_id=statement_id)
    if statement is None:
        raise HTTPException(404, f"No statement with id {statement_id!r}")
    reports = crud.reports_of(session, statement_ids=[statement.id])[statement.id]
    names = entity_names(session, entity_ids={statement.actor_id} if statement.actor_id else set())
    return statement_detail(statement, reports, names)
