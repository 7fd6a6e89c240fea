"""The benchmark corpus: BBC News (2,225 plain-text articles in five topic folders).

It lives outside the repository (copyright BBC, research use only), at
../shared/corpora/bbc relative to the repository root; nothing of it is ever
copied into the repository. Every measurement reads the same list, so they
all see the same articles in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain, zip_longest
from pathlib import Path

from newsflow_ingest.identity import article_id_for

REPO_ROOT = Path(__file__).resolve().parents[1]
BBC_CORPUS = REPO_ROOT.parent / "shared" / "corpora" / "bbc"
# One file of the corpus is Windows-1252 ("£" as byte 0xA3), the rest UTF-8.
FALLBACK_ENCODING = "cp1252"


class CorpusMissing(RuntimeError):
    pass


@dataclass(frozen=True)
class CorpusArticle:
    name: str  # "topic/NNN.txt"
    text: str
    article_id: str  # what ingest will call it


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode(FALLBACK_ENCODING)


def load_corpus(root: Path = BBC_CORPUS, *, limit: int | None = None) -> list[CorpusArticle]:
    """The corpus's distinct articles, topics interleaved so that any prefix (--limit) mixes them.

    Only the topic folders hold articles (README.TXT at the top does not).
    Articles whose text ingest would give the same id are kept once: the
    pipeline would accept only the first, and every measurement must process
    the same set.
    """
    topics = sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    per_topic = [sorted(topic.glob("*.txt")) for topic in topics]
    if not any(per_topic):
        raise CorpusMissing(f"no BBC corpus at {root} (expected topic folders of .txt files)")
    interleaved = [path for path in chain.from_iterable(zip_longest(*per_topic)) if path is not None]
    articles, seen = [], set()
    for path in interleaved:
        text = _decode(path.read_bytes())
        article_id = article_id_for(text)
        if article_id in seen or not text.strip():
            continue
        seen.add(article_id)
        articles.append(CorpusArticle(f"{path.parent.name}/{path.name}", text, article_id))
        if limit is not None and len(articles) >= limit:
            break
    return articles


def write_corpus(articles: list[CorpusArticle], folder: Path) -> Path:
    """The articles as UTF-8 .txt files in `folder` (a temporary one), named so they sort in corpus order."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, article in enumerate(articles):
        (folder / f"{number:05d}-{article.name.replace('/', '-')}").write_text(article.text, encoding="utf-8")
    return folder
