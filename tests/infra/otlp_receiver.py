"""A local OTLP/HTTP receiver for traces: what the services export, decoded, for a test to read."""

from __future__ import annotations

import gzip
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)


@dataclass(frozen=True)
class ReceivedSpan:
    service: str
    name: str
    trace_id: str
    span_id: str
    parent_span_id: str
    attributes: dict
    start_ns: int = 0
    end_ns: int = 0


class OtlpReceiver:
    def __init__(self) -> None:
        self.spans: list[ReceivedSpan] = []
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                if self.headers.get("content-encoding") == "gzip":
                    body = gzip.decompress(body)
                receiver._take(ExportTraceServiceRequest.FromString(body))
                answer = ExportTraceServiceResponse().SerializeToString()
                self.send_response(200)
                self.send_header("content-type", "application/x-protobuf")
                self.send_header("content-length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def _take(self, request: ExportTraceServiceRequest) -> None:
        for resource_spans in request.resource_spans:
            resource = {a.key: a.value.string_value for a in resource_spans.resource.attributes}
            for scope_spans in resource_spans.scope_spans:
                for span in scope_spans.spans:
                    attributes = {a.key: a.value.string_value or a.value.int_value for a in span.attributes}
                    with self._lock:
                        self.spans.append(ReceivedSpan(resource.get("service.name", ""), span.name,
                                                       span.trace_id.hex(), span.span_id.hex(),
                                                       span.parent_span_id.hex(), attributes,
                                                       span.start_time_unix_nano, span.end_time_unix_nano))

    def tree(self, trace_id: str) -> str:
        """The trace's spans as an indented tree, children under their parent, times from its start."""
        spans = sorted((s for s in self.spans if s.trace_id == trace_id), key=lambda s: s.start_ns)
        if not spans:
            return ""
        ids, origin = {s.span_id for s in spans}, spans[0].start_ns
        lines: list[str] = []

        def add(parent: str, depth: int) -> None:
            for span in spans:
                if span.parent_span_id == parent or (depth == 0 and span.parent_span_id not in ids and not parent):
                    lines.append(f"{'  ' * depth}{span.service}: {span.name}  "
                                 f"+{(span.start_ns - origin) / 1e6:.1f} ms, {(span.end_ns - span.start_ns) / 1e6:.1f} ms")
                    add(span.span_id, depth + 1)

        add("", 0)
        return f"trace {trace_id}\n" + "\n".join(lines)

    def env(self) -> dict[str, str]:
        """What a service is given to export its traces here."""
        return {"OTEL_TRACES_EXPORTER": "otlp", "OTEL_EXPORTER_OTLP_ENDPOINT": self.endpoint,
                "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf", "OTEL_BSP_SCHEDULE_DELAY": "200"}

    def stop(self) -> None:
        self._server.shutdown()
