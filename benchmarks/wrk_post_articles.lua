-- wrk script for the ingest-alone measurement: POST distinct plain-text articles to /articles.
--
-- Bodies come from BENCH_BODIES (articles separated by the ASCII record separator, byte 30).
-- Each request appends a line naming the run, thread and request number, so every article
-- is new to ingest (a repeat would be answered 200 "duplicate" without touching Kafka).
-- A thread stops after BENCH_MAX_REQUESTS_PER_THREAD answers (0: only wrk's -d bounds it).
-- done() prints one JSON line: counts and the latency percentiles in microseconds.

local threads = {}

function setup(thread)
  thread:set("thread_number", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  bodies = {}
  local file = assert(io.open(os.getenv("BENCH_BODIES"), "rb"))
  local data = file:read("*a")
  file:close()
  for body in string.gmatch(data, "([^\030]+)") do
    table.insert(bodies, body)
  end
  run_tag = os.getenv("BENCH_RUN") or "run"
  max_requests = tonumber(os.getenv("BENCH_MAX_REQUESTS_PER_THREAD") or "0")
  sent, answered, accepted, other = 0, 0, 0, 0
  headers = { ["Content-Type"] = "text/plain; charset=utf-8" }
end

function request()
  sent = sent + 1
  local body = bodies[(sent - 1) % #bodies + 1]
    .. "\n\nBenchmark run " .. run_tag .. ", thread " .. thread_number .. ", request " .. sent .. "."
  return wrk.format("POST", "/articles", headers, body)
end

function response(status, headers, body)
  answered = answered + 1
  if status == 202 then accepted = accepted + 1 else other = other + 1 end
  if max_requests > 0 and answered >= max_requests then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local total_accepted, total_other = 0, 0
  for _, thread in ipairs(threads) do
    total_accepted = total_accepted + thread:get("accepted")
    total_other = total_other + thread:get("other")
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "accepted": %d, "other_status": %d, "duration_us": %d, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, '
      .. '"latency_us": {"p50": %d, "p90": %d, "p95": %d, "p99": %d, "max": %d, "mean": %.1f}}\n',
    summary.requests, total_accepted, total_other, summary.duration,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99), latency.max, latency.mean))
end
