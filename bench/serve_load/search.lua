-- wrk script for bench/serve_load.sh: each connection cycles through the
-- request paths in REQUESTS_LUA (written by queries.py), starting at a
-- different offset per thread; done() prints the figures the script reports
-- as one "serve_load:" line (latency in microseconds).
local paths = dofile(os.getenv("REQUESTS_LUA"))
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 997)
end

function init(args)
  index = offset or 0
end

function request()
  index = index + 1
  return wrk.format("GET", paths[(index % #paths) + 1])
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "serve_load: requests=%d seconds=%.1f rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d " ..
    "non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status, e.connect, e.read, e.write, e.timeout))
end
