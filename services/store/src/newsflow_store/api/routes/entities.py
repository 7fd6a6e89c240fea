from fastapi import APIRouter, Query

from newsflow_shared.events import EntityType
from newsflow_store import crud
from newsflow_store.api.deps import SessionDep
from newsflow_store.api.pagination import Limit, Offset
from newsflow_store.convert import entity_public
from newsflow_store.models import EntityPublic, Page

router = APIRouter(prefix="/entities", tags=["entities"])


@router.get("", summary="Entities as each stored article names them, by canonical name")
def read_entities(
    session: SessionDep,
    limit: Limit = 20,
    offset: Offset = 0,
    type: EntityType | None = Query(default=None, description="Only entities of this type"),
) -> Page[EntityPublic]:
    rows = crud.list_entities(session, offset=offset, limit=limit, type=type)
    return Page(
        items=[entity_public(row) for row in rows],
        total=crud.count_entities(session, type=type),
        limit=limit,
        offset=offset,
    )
