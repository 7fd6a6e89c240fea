"""The benchmark's results as a table, and the issue's targets checked against them. Pure functions."""

from __future__ import annotations

from benchmarks.stats import headline_rate, ratio

PARSE_ENRICH_RSS_LIMIT_MB = 600


def _get(results: dict, *path: str):
    node = results
    for key in path:
        if not isinstance(node, dict) or node.get(key) is None:
            return None
        node = node[key]
    return node


def _target(name: str, wanted: str, value, met: bool | None) -> dict:
    return {"target": name, "wanted": wanted, "measured": value, "met": met}


def _fmt(value, unit: str = "", digits: int = 2) -> str:
    if value is None:
        return "n/a"
    return f"{value:.{digits}f}{unit}"


def check_targets(results: dict) -> list[dict]:
    """Each target of issues 6 and 17 with its measured value; met is None where it was not measured.

    Issue 17 raised two of issue 6's (end to end 0.80 -> 0.95 of bare spaCy, now by CPU time too;
    half-load p99 2 s -> 0.5 s) and replaced its unquoted 1 -> 2 scale-out, which measured the
    machine's two cores, by the efficiency on simulated machines.
    """
    limit = headline_rate(_get(results, "limit"))
    full = headline_rate(_get(results, "end_to_end", "full"))
    e2e_ratio = ratio(full, limit)
    limit_cpu = _get(results, "limit", "cpu_ms_per_article")
    full_cpu = _get(results, "end_to_end", "full", "cpu_ms_per_article_total")
    cpu_ratio = ratio(limit_cpu, full_cpu)
    ingest_rate, ingest_p99 = _get(results, "ingest", "rate"), _get(results, "ingest", "latency_ms", "p99")
    half = _get(results, "end_to_end", "half", "latency") or {}
    rss = [row["peak_rss_mb"] for name in ("full_x1", "full", "half")
           for row in (_get(results, "end_to_end", name, "services") or []) if row["service"] in ("parse", "enrich")]
    rss += [mb for row in (_get(results, "scale_out", "replicas") or {}).values()
            for name, mb in (row.get("peak_rss_mb") or {}).items() if name.split("-")[0] in ("parse", "enrich") and mb]
    peak = max(rss) if rss else None
    writers = _get(results, "store_writers", "writers", "2", "speed_up")
    targets = [
        _target("end to end x2 vs bare spaCy (same cores), by rate", ">= 0.95", _fmt(e2e_ratio),
                None if e2e_ratio is None else e2e_ratio >= 0.95),
        _target("end to end x2 vs bare spaCy, by CPU time per article", ">= 0.95", _fmt(cpu_ratio),
                None if cpu_ratio is None else cpu_ratio >= 0.95),
        _target("ingest throughput, one process", ">= 2000 articles/s", _fmt(ingest_rate, "/s", 0),
                None if ingest_rate is None else ingest_rate >= 2000),
        _target("ingest request latency p99", "< 50 ms", _fmt(ingest_p99, " ms", 1),
                None if ingest_p99 is None else ingest_p99 < 50),
        _target("latency at half load, p50", "< 0.5 s", _fmt(half.get("p50"), " s"),
                None if half.get("p50") is None else half["p50"] < 0.5),
        _target("latency at half load, p99", "< 0.5 s", _fmt(half.get("p99"), " s"),
                None if half.get("p99") is None else half["p99"] < 0.5),
    ]
    for count in ("2", "4"):
        value = _get(results, "scale_out", "replicas", count, "efficiency")
        targets.append(_target(f"scale-out efficiency, {count} replicas of parse and enrich on CPU quotas", ">= 0.9",
                               _fmt(value), None if value is None else value >= 0.9))
    targets += [
        _target("2 store replicas vs 1, write rate on CPU quotas", ">= 1.8x", _fmt(writers, "x"),
                None if writers is None else writers >= 1.8),
        _target("peak RSS of each parse and enrich replica", f"< {PARSE_ENRICH_RSS_LIMIT_MB} MB", _fmt(peak, " MB", 0),
                None if peak is None else peak < PARSE_ENRICH_RSS_LIMIT_MB),
    ]
    return targets


def _latency_cells(latency: dict | None, scale: float = 1.0, unit: str = "s") -> list[str]:
    if not latency or not latency.get("count", 1):
        return ["", "", ""]
    digits = 1 if unit == "ms" else 2
    return [_fmt(latency.get(q) * scale if latency.get(q) is not None else None, f" {unit}", digits)
            for q in ("p50", "p95", "p99")]


def table_rows(results: dict) -> list[list[str]]:
    limit = headline_rate(_get(results, "limit"))
    rows: list[list[str]] = []

    def add(number: str, name: str, count, rate, latency: list[str], digits: int = 1, cpu_ms=None) -> None:
        rows.append([number, name, str(count), _fmt(rate, "", digits), _fmt(ratio(rate, limit)), *latency,
                     _fmt(cpu_ms, "", 0) if cpu_ms is not None else ""])

    def add_e2e(number: str, key: str, load: str) -> None:
        part = _get(results, "end_to_end", key)
        if part:
            if key == "half":
                load += f" ({_fmt(part.get('offered_rate'), '/s', 1)} offered)"
            add(number, f"end to end, parse+enrich x{part['replicas']['parse']}, {load}", part["readable"],
                headline_rate(part), _latency_cells(part.get("latency")), cpu_ms=part.get("cpu_ms_per_article_total"))

    no_latency = ["", "", ""]
    if spacy := _get(results, "limit"):
        each = " / ".join(f"{r:.1f}" for r in spacy.get("rate_of_each_run", []))
        add("1", f"bare spaCy sm (full pipeline), {spacy['processes']} processes"
            + (f" (mean of {each})" if len(spacy.get("rate_of_each_run", [])) > 1 else ""), spacy["articles"],
            headline_rate(spacy), no_latency, cpu_ms=spacy.get("cpu_ms_per_article"))
    if single := _get(results, "limit_one_process"):
        add("", "bare spaCy sm, 1 process (reference)", single["articles"], headline_rate(single), no_latency,
            cpu_ms=single.get("cpu_ms_per_article"))
    if process := _get(results, "process"):
        add("2", "newsflow process (CLI, 1 process)", process["articles"], headline_rate(process), no_latency,
            cpu_ms=process.get("cpu_ms_per_article"))
    add_e2e("3", "full", "full load")
    add_e2e("", "half", "half load")
    if ingest := _get(results, "ingest"):
        add("4", f"ingest alone ({ingest['client']}, {ingest['connections']} connections)", ingest["accepted"],
            ingest["rate"], _latency_cells(ingest["latency_ms"], unit="ms"), digits=0,
            cpu_ms=ingest.get("ingest_cpu_ms_per_article"))
    add_e2e("5", "full_x1", "full load")
    return rows


def render(results: dict) -> str:
    header = ["#", "measurement", "articles", "art/s", "x limit", "p50", "p95", "p99", "CPU ms/art"]
    rows = table_rows(results)
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda cells: "  ".join(str(c).ljust(w) if i < 2 else str(c).rjust(w)  # noqa: E731
                                   for i, (c, w) in enumerate(zip(cells, widths)))
    out = [line(header), line(["-" * w for w in widths]), *map(line, rows)]
    out.append("art/s: steady rate (10th to 90th percent of completions; overall rate if too short to show one); latency: 202 -> readable in the store API "
               "(end to end), request latency (ingest);\nCPU ms/art: CPU time per article of every process the run "
               "started (end to end: services, Kafka, PostgreSQL, client; ingest: the ingest process; CLI: start-up included)")

    scale = ratio(headline_rate(_get(results, "end_to_end", "full")), headline_rate(_get(results, "end_to_end", "full_x1")))
    if scale is not None:
        replicas = results["end_to_end"]["full"]["replicas"]["parse"]
        out.append(f"\n5  scale-out, parse+enrich x1 -> x{replicas}: {scale:.2f}x")
    limit_cpu = _get(results, "limit", "cpu_ms_per_article")
    full_cpu = _get(results, "end_to_end", "full", "cpu_ms_per_article_total")
    if limit_cpu and full_cpu:
        out.append(f"   by CPU time (barely moved by other work on the machine): limit {limit_cpu:.0f} ms/article, "
                   f"end to end {full_cpu:.0f} ms/article: {limit_cpu / full_cpu:.2f} x limit")
        jit = sum((_get(results, "end_to_end", "full", "infrastructure_jit_cpu_ms_per_article") or {}).values())
        if jit:
            out.append(f"   the same without the broker's JIT compiling ({jit:.1f} ms/article, a fresh JVM's): "
                       f"{limit_cpu / (full_cpu - jit):.2f} x limit")
    rss = peak_rss_by_service(results)
    if rss:
        out.append("6  peak RSS (VmHWM, MB, largest replica over all runs): "
                   + ", ".join(f"{name} {mb:.0f}" for name, mb in rss.items()))
    cpu = {**(_get(results, "end_to_end", "full", "cpu_ms_per_article") or {}),
           **(_get(results, "end_to_end", "full", "infrastructure_cpu_ms_per_article") or {})}
    jit = _get(results, "end_to_end", "full", "infrastructure_jit_cpu_ms_per_article") or {}
    if cpu:
        out.append("   CPU per article, end to end at full load (ms): "
                   + ", ".join(f"{n} {ms:.0f}" + (f" (of it JIT compiling {jit[n]:.1f})" if jit.get(n) else "")
                               for n, ms in cpu.items()))
    out.append("\ntargets:")
    for target in results.get("targets", []):
        verdict = {True: "met", False: "MISSED", None: "not measured"}[target["met"]]
        out.append(f"  {verdict:<12} {target['target']}: {target['measured']} (wanted {target['wanted']})")
    if note := (results.get("meta") or {}).get("note"):
        out.append(f"\nnote: {note}")
    noise = results.get("noise") or {}
    if noise:
        out.append("\nCPU used by other work on the machine during each phase (cores of "
                   f"{next(iter(noise.values()))['cores']}): "
                   + ", ".join(f"{phase} {n['others_cores']:.2f}" for phase, n in noise.items()))
    for part, reason in (results.get("skipped") or {}).items():
        out.append(f"skipped {part}: {reason}")
    for part, error in (results.get("errors") or {}).items():
        out.append(f"FAILED {part}: {error}")
    return "\n".join(out)


def peak_rss_by_service(results: dict) -> dict[str, float]:
    peaks: dict[str, float] = {}
    for run in (_get(results, "end_to_end") or {}).values():
        for row in run.get("services", []):
            peaks[row["service"]] = max(peaks.get(row["service"], 0.0), row["peak_rss_mb"])
    ingest = _get(results, "ingest", "peak_rss_mb")
    if ingest is not None:
        peaks["ingest (alone)"] = ingest
    return peaks
