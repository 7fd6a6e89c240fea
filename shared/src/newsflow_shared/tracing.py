"""Traces across the Kafka hops (OpenTelemetry): one trace per article, ingest to store.

Off unless configured, with the standard variables: OTEL_TRACES_EXPORTER (`otlp`,
`console`, or both comma-separated; unset or `none`: off), OTEL_EXPORTER_OTLP_ENDPOINT
and _PROTOCOL for OTLP (http/protobuf), OTEL_SERVICE_NAME (default `newsflow-<service>`),
OTEL_TRACES_SAMPLER, OTEL_RESOURCE_ATTRIBUTES. Off, no provider exists and the hot paths
create nothing: `batch_trace` hands out a stand-in whose methods do nothing.

The W3C trace context travels with each article as the CloudEvents distributed-tracing
extension: the `traceparent` (and `tracestate`) attributes, `ce_traceparent` headers in
Kafka's binary mode. Ingest starts a span per article (under the request's span); each
stage makes a span per article under the one that wrote its input, with a child span for
the work on it (the NLP, the database write), and writes its own context on its output.
A stage handles articles in batches, so an article's spans cover its batch's time.

opentelemetry-instrumentation-aiokafka is not used: it makes a span per record sent and
read, and carries the context in a plain `traceparent` header, where a batch consumer
needs one span per article and the CloudEvents extension puts it in `ce_traceparent`.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Sequence

if TYPE_CHECKING:
    from newsflow_shared.envelope import Message

TRACE_EXTENSIONS = ("traceparent", "tracestate")
_tracer: Any = None  # an opentelemetry Tracer once tracing is configured on


def configure_tracing(service: str) -> bool:
    """Turn tracing on if the environment asks for an exporter; True if it did."""
    global _tracer
    exporters = [name.strip().lower() for name in os.environ.get("OTEL_TRACES_EXPORTER", "").split(",")]
    exporters = [name for name in exporters if name and name != "none"]
    if not exporters or os.environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return False
    from opentelemetry import trace
    from opentelemetry.sdk.resources import SERVICE_NAME, Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SpanExporter

    resource = Resource.create({SERVICE_NAME: os.environ.get("OTEL_SERVICE_NAME") or f"newsflow-{service}"})
    provider = TracerProvider(resource=resource)  # sampler from OTEL_TRACES_SAMPLER; flushed at exit
    for name in exporters:
        exporter: SpanExporter
        if name == "otlp":
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

            exporter = OTLPSpanExporter()
        elif name == "console":
            exporter = ConsoleSpanExporter()
        else:
            raise ValueError(f"OTEL_TRACES_EXPORTER: {name!r} is not one of otlp, console, none")
        provider.add_span_processor(BatchSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    _tracer = trace.get_tracer("newsflow")
    return True


def enabled() -> bool:
    return _tracer is not None


def instrument_http(app: Any) -> None:
    """Server spans for an HTTP app's requests (opentelemetry-instrumentation-fastapi), when tracing is on."""
    if _tracer is not None:
        from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

        FastAPIInstrumentor.instrument_app(app, excluded_urls="healthz,readyz,metrics")


def ingest_extensions(article_id: str) -> dict[str, str]:
    """A span for an article ingest accepts (under the request's), and its context for the message."""
    if _tracer is None:
        return {}
    from opentelemetry.propagate import inject
    from opentelemetry.trace import SpanKind, set_span_in_context

    span = _tracer.start_span("ingest article", kind=SpanKind.PRODUCER,
                              attributes={"newsflow.article_id": article_id})
    carrier: dict[str, str] = {}
    inject(carrier, context=set_span_in_context(span))
    span.end()
    return carrier


class _NoTrace:
    """What a batch gets with tracing off: nothing is made."""

    def worked(self, what: str, started_ns: int, ended_ns: int) -> None:
        pass

    def extensions_for(self, message: Message) -> dict[str, str]:
        return {}

    def end(self, failed: Sequence[Message] = ()) -> None:
        pass


class BatchTrace(_NoTrace):
    """A span per article of a batch, each under the span that wrote the article's input."""

    def __init__(self, stage: str, messages: Sequence[Message]) -> None:
        from opentelemetry.propagate import extract
        from opentelemetry.trace import SpanKind

        self.stage = stage
        self._spans = {}
        for message in messages:
            carrier = {name: value for name in TRACE_EXTENSIONS if (value := message.header(f"ce_{name}"))}
            self._spans[id(message)] = _tracer.start_span(
                f"{stage} article", context=extract(carrier), kind=SpanKind.CONSUMER,
                attributes={"newsflow.article_id": message.article_id,
                            "messaging.destination.name": message.topic,
                            "messaging.kafka.partition": message.partition, "messaging.kafka.offset": message.offset})

    def worked(self, what: str, started_ns: int, ended_ns: int) -> None:
        """A child span per article for the batch's work (the NLP, the database write)."""
        from opentelemetry.trace import set_span_in_context

        for span in self._spans.values():
            _tracer.start_span(f"{self.stage} {what}", context=set_span_in_context(span),
                               start_time=started_ns).end(end_time=ended_ns)

    def extensions_for(self, message: Message) -> dict[str, str]:
        from opentelemetry.propagate import inject
        from opentelemetry.trace import set_span_in_context

        carrier: dict[str, str] = {}
        inject(carrier, context=set_span_in_context(self._spans[id(message)]))
        return carrier

    def end(self, failed: Sequence[Message] = ()) -> None:
        from opentelemetry.trace import Status, StatusCode

        failing = {id(message) for message in failed}
        for key, span in self._spans.items():
            if key in failing:
                span.set_status(Status(StatusCode.ERROR, "dead-lettered"))
            span.end()


def batch_trace(stage: str, messages: Sequence[Message]) -> _NoTrace:
    return BatchTrace(stage, messages) if _tracer is not None else _NoTrace()
