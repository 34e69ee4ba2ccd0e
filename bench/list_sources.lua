-- wrk script of the benchmark suite (dev.syncview.bench.QueryLoad starts wrk with it).
--
-- BENCH_MODE=list (default): random list_sources queries: a random tenant, its full-access token
--   or (one time in five, where the tenant has one) a key scoped to two of its databases; no
--   filter, database_name, source_type or both (one in four each); limit=100; order_by asc or desc.
-- BENCH_MODE=health: GET /health, the HTTP ceiling.
-- BENCH_TENANTS: a Lua file returning { {token=, dbs={..}, scoped=, scoped_dbs={..}}, ... }
-- BENCH_DELAY_MS: if > 0, each connection waits this long between requests (a paced load).
-- done() prints one line "BENCH key=value ..." (latencies in microseconds) for the suite to parse.

local mode = os.getenv("BENCH_MODE") or "list"
local tenants = dofile(os.getenv("BENCH_TENANTS"))
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
local kinds = { "github", "web_scrape", "s3" }
local threads = 0

if delay_ms > 0 then
  function delay()
    return delay_ms
  end
end

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  math.randomseed(os.time() * 1000 + (id or 0) * 7919)
end

function request()
  if mode == "health" then
    return wrk.format("GET", "/health")
  end
  local t = tenants[math.random(#tenants)]
  local token, dbs = t.token, t.dbs
  if t.scoped and math.random(5) == 1 then
    token, dbs = t.scoped, t.scoped_dbs
  end
  local q = "limit=100"
  local filter = math.random(4)
  if filter == 2 or filter == 4 then
    q = q .. "&database_name=" .. dbs[math.random(#dbs)]
  end
  if filter == 3 or filter == 4 then
    q = q .. "&source_type=" .. kinds[math.random(#kinds)]
  end
  if math.random(2) == 1 then
    q = q .. "&order_by=asc"
  else
    q = q .. "&order_by=desc"
  end
  return wrk.format("GET", "/api/v1/sources?" .. q, { ["x-chroma-token"] = token })
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d bytes=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout))
end
