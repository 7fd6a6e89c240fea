"""newsflow store: enriched articles into SQL, idempotently, and the query API over them."""
