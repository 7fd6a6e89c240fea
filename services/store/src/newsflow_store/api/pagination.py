"""The paging parameters every list endpoint takes."""

from typing import Annotated

from fastapi import Query

MAX_LIMIT = 100

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (1..{MAX_LIMIT})")]
Offset = Annotated[int, Query(ge=0, description="Items to skip")]
