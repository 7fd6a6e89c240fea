"""`newsflow serve store`: the consumer of articles.enriched and the query API, in one process."""

from newsflow_shared.kafka_admin import ensure_pipeline_topics
from newsflow_shared.runner import http_server, kafka_stage_worker, run_services
from newsflow_shared.settings import Settings
from newsflow_store.app import create_app
from newsflow_store.db import create_schema, make_engine
from newsflow_store.handler import build_stage


async def serve(settings: Settings) -> None:
    await ensure_pipeline_topics(settings)
    engine = make_engine(settings.database_url)
    create_schema(engine)
    try:
        await run_services(
            workers=[kafka_stage_worker(build_stage(engine, settings), settings)],
            servers=[http_server(create_app(engine), settings)],
        )
    finally:
        engine.dispose()
