"""`newsflow serve store`: the store stage, the status feeds and the query API, in one process."""

from newsflow_shared.kafka_admin import ensure_pipeline_topics
from newsflow_shared.runner import http_server, kafka_stage_worker, run_services
from newsflow_shared.settings import Settings
from newsflow_store.app import create_app
from newsflow_store.db import make_engine, migrate
from newsflow_store.handler import build_stage
from newsflow_store.status_barrier import KafkaStatusBarrier
from newsflow_store.status_worker import kafka_status_workers, received_feed


async def serve(settings: Settings) -> None:
    await ensure_pipeline_topics(settings)
    engine = make_engine(settings.database_url)
    migrate(engine)
    received = received_feed(settings)
    barrier = KafkaStatusBarrier(settings.kafka_bootstrap_servers, received.input_topic, received.name)
    await barrier.start()
    try:
        await run_services(
            workers=[kafka_stage_worker(build_stage(engine, settings), settings),
                     *kafka_status_workers(engine, settings)],
            servers=[http_server(create_app(engine, barrier), settings)],
        )
    finally:
        await barrier.stop()
        engine.dispose()
