#!/usr/bin/env python3
"""Print each enriched article's quotes with their speakers, as they arrive on articles.enriched.

A starting point for any team consuming newsflow: copy it, it needs only
aiokafka. Commits after printing, so a restart resumes where it stopped.

    pip install aiokafka
    python consume_enriched.py --bootstrap-servers localhost:9094 --group my-team

Over TLS and SASL: add --security-protocol SASL_SSL --ssl-cafile ca.pem
--sasl-mechanism SCRAM-SHA-512 --sasl-username my-team, with the password in
KAFKA_SASL_PASSWORD.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os

from aiokafka import AIOKafkaConsumer
from aiokafka.helpers import create_ssl_context

ENRICHED_V1 = "newsflow.article.enriched.v1"


def describe(article: dict) -> list[str]:
    """Lines for one article: its title, then each quote as `speaker: "text"`."""
    entities = {entity["id"]: entity for entity in article.get("entities", [])}
    title = (article.get("metadata") or {}).get("title") or "(untitled)"
    lines = [f"{article['article_id']}  {title}"]
    for quote in article.get("quotes", []):
        actor = entities.get(quote.get("actor_id"))
        speaker = actor["name"] if actor else quote.get("speaker") or "unknown speaker"
        lines.append(f"  {speaker} ({quote['kind']}): \u201c{quote['text']}\u201d")
    return lines


def security_options(args: argparse.Namespace) -> dict:
    """TLS and SASL options for aiokafka, from the command line (the password from the environment)."""
    options: dict = {"security_protocol": args.security_protocol}
    if args.security_protocol in ("SSL", "SASL_SSL"):
        options["ssl_context"] = create_ssl_context(cafile=args.ssl_cafile)
    if args.security_protocol.startswith("SASL_"):
        options.update(sasl_mechanism=args.sasl_mechanism, sasl_plain_username=args.sasl_username,
                       sasl_plain_password=os.environ.get("KAFKA_SASL_PASSWORD"))
    return options


async def consume(bootstrap_servers: str, topic: str, group: str, max_articles: int | None,
                  security: dict | None = None) -> None:
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap_servers,
        **(security or {}),
        group_id=group,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    await consumer.start()
    seen = 0
    try:
        while max_articles is None or seen < max_articles:
            batches = await consumer.getmany(timeout_ms=1000)
            for records in batches.values():
                for record in records:
                    headers = dict(record.headers)
                    # Route on the CloudEvents type; a future v2 would be published beside v1.
                    if headers.get("ce_type", b"").decode() != ENRICHED_V1:
                        continue
                    print("\n".join(describe(json.loads(record.value))), flush=True)
                    seen += 1
            if batches:
                await consumer.commit()
    finally:
        await consumer.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap-servers", default="localhost:9092")
    parser.add_argument("--topic", default="articles.enriched")
    parser.add_argument("--group", default="enriched-printer")
    parser.add_argument("--max-articles", type=int, default=None, help="stop after this many (default: run forever)")
    parser.add_argument("--security-protocol", default="PLAINTEXT",
                        choices=["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"])
    parser.add_argument("--sasl-mechanism", default="SCRAM-SHA-512", choices=["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"])
    parser.add_argument("--sasl-username", help="with SASL; the password comes from KAFKA_SASL_PASSWORD")
    parser.add_argument("--ssl-cafile", help="the CA that signed the brokers' certificates")
    args = parser.parse_args()
    asyncio.run(consume(args.bootstrap_servers, args.topic, args.group, args.max_articles, security_options(args)))


if __name__ == "__main__":
    main()
