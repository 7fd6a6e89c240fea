"""`newsflow serve ingest`: the HTTP intake in front of Kafka."""

from newsflow_ingest.app import create_app
from newsflow_ingest.ids_topic import IdsFollower
from newsflow_ingest.recent_ids import RecentIds
from newsflow_ingest.service import IngestService
from newsflow_shared.kafka_connection import KafkaConnection
from newsflow_shared.kafka_transport import KafkaPublisher
from newsflow_shared.kafka_admin import ensure_pipeline_topics
from newsflow_shared.runner import http_server, run_services, tune_gc_for_serving
from newsflow_shared.settings import Settings


def ingest_publisher(settings: Settings) -> KafkaPublisher:
    # Only newsflow reads articles.raw and articles.ids: "auto" picks the cheapest codec.
    return KafkaPublisher(
        KafkaConnection.from_settings(settings),
        request_timeout_ms=settings.kafka_request_timeout_ms,
        client_id="newsflow-ingest",
        compression=settings.kafka_compression or "auto",
        linger_ms=settings.kafka_linger_ms,
    )


async def serve(settings: Settings) -> None:
    publisher = ingest_publisher(settings)
    recent = RecentIds()
    service = IngestService(publisher, topic=settings.topic_raw, recent=recent, ids_topic=settings.topic_ids,
                            status_topic=settings.topic_status)
    app = create_app(service, settings, IdsFollower(KafkaConnection.from_settings(settings), settings.topic_ids, recent),
                     prepare=lambda: ensure_pipeline_topics(settings))
    tune_gc_for_serving()
    await run_services(servers=[http_server(app, settings)])
