"""The ids this ingest process accepted lately, to answer "duplicate" to a re-post.

Bounded (least recently seen forgotten first), per process: it saves the
pipeline repeated work. Exactly-once storage does not rest on it: store
upserts by article id, so a duplicate slipping past another replica changes nothing.
"""

from collections import OrderedDict


class RecentIds:
    def __init__(self, capacity: int = 200_000) -> None:
        self._ids: OrderedDict[str, None] = OrderedDict()
        self._capacity = capacity

    def __contains__(self, article_id: str) -> bool:
        if article_id in self._ids:
            self._ids.move_to_end(article_id)
            return True
        return False

    def add(self, article_id: str) -> None:
        self._ids[article_id] = None
        self._ids.move_to_end(article_id)
        while len(self._ids) > self._capacity:
            self._ids.popitem(last=False)

    def discard(self, article_id: str) -> None:
        self._ids.pop(article_id, None)
