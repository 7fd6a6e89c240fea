"""What the routes get injected: a database session on the app's store engine."""

from __future__ import annotations

from typing import Annotated, Iterator

from fastapi import Depends, Request
from sqlmodel import Session


def get_session(request: Request) -> Iterator[Session]:
    # The engine sits on app.state so that any app (the store's own or the embedded one) can mount the routes.
    with Session(request.app.state.store_engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
