"""ingest: validate posted articles, give each a stable id, publish to articles.raw."""
