-- Shared part of every load scenario (bench/run.sh runs them with wrk -s <scenario>.lua).
--
-- Contract: a scenario file does `dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")`, then
-- either sets `paths` (a list of GET paths; one is picked at random per request) or defines its
-- own request(), and may set `expect` (the one status that counts as success, default 200) and
-- `extra_counters` (names of per-thread numeric globals to sum into the result's "extra").
-- The actor's data comes from the file named by $BENCH_DATA (written by bench/lib/prepare.py):
-- a global table `bench` with the session cookie, CSRF token, visible ids and search terms.
-- Every response goes through response(): a status other than `expect` is an error. done()
-- prints one line "BENCH_RESULT {json}" that bench/lib/report.py reads (latencies in µs).

bench = dofile(os.getenv("BENCH_DATA"))

-- What the web customer list asks for with ?fields=: its title and default columns
-- (metadata/entities/customers.json listColumns). BENCH_LIST_FIELDS overrides; empty sends none.
list_fields = os.getenv("BENCH_LIST_FIELDS") or "name,code,category,region,phone,importance,ownerId,updatedAt"
list_fields_param = list_fields ~= "" and ("&fields=" .. list_fields) or ""

-- The list page of 50 filtered by category and province (region prefix: 2 digits of the GB/T 2260
-- code select a province with everything below it), sorted by name: every category × province,
-- each path ending in `tail` (list.lua: the page's fields=; list_full.lua: nothing).
function list_page_paths(tail)
  local out = {}
  for _, c in ipairs(bench.categories) do
    for _, p in ipairs(bench.provinces) do
      out[#out + 1] = "/api/v1/customers?category=" .. c .. "&region%5BstartsWith%5D=" .. p ..
                      "&sort=name&page=1&pageSize=50" .. tail
    end
  end
  return out
end

wrk.headers["Cookie"] = "kehu_session=" .. bench.cookie
wrk.headers["X-CSRF-Token"] = bench.csrf
wrk.headers["Accept-Language"] = "zh-CN"

expect = 200
statuses = {}  -- per thread: status code (string) -> count
bad = 0        -- per thread: responses whose status is not `expect`

local threads = {}
local next_tid = 0

function setup(thread)
  next_tid = next_tid + 1
  thread:set("tid", next_tid)
  table.insert(threads, thread)
end

-- Pre-formatted requests (wrk's advice: formatting a request per call costs client CPU that the
-- server would otherwise get). Scenarios with bodies that change per request format their own.
local prepared = {}

-- wrk.format uses the headers it is given instead of wrk.headers, so requests with a body take
-- this copy of them (session, CSRF) plus the content type.
json_headers = {}

function init(args)
  math.randomseed(os.time() * 100 + (tid or 0))
  for k, v in pairs(wrk.headers) do json_headers[k] = v end
  json_headers["Content-Type"] = "application/json"
  if paths then
    for i, p in ipairs(paths) do prepared[i] = wrk.format("GET", p) end
  end
  if init_scenario then init_scenario() end
end

function request()
  return prepared[math.random(#prepared)]
end

function count_response(status)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  if status ~= expect then bad = bad + 1 end
end

function response(status, headers, body)
  count_response(status)
end

-- A small JSON writer for the result line (numbers and flat string→number tables only).
local function encode(v)
  if type(v) == "table" then
    local parts = {}
    for k, x in pairs(v) do parts[#parts + 1] = string.format("%q:%s", tostring(k), encode(x)) end
    return "{" .. table.concat(parts, ",") .. "}"
  elseif type(v) == "string" then
    return string.format("%q", v)
  end
  return string.format("%.17g", v)
end

function done(summary, latency, requests)
  local all_statuses, all_bad = {}, 0
  for _, t in ipairs(threads) do
    all_bad = all_bad + (t:get("bad") or 0)
    for k, n in pairs(t:get("statuses") or {}) do all_statuses[k] = (all_statuses[k] or 0) + n end
  end
  local extra = {}
  for _, name in ipairs(extra_counters or {}) do
    extra[name] = 0
    for _, t in ipairs(threads) do extra[name] = extra[name] + (t:get(name) or 0) end
  end
  local e = summary.errors
  local result = {
    requests = summary.requests,
    duration_us = summary.duration,
    bytes = summary.bytes,
    socket_errors = e.connect + e.read + e.write + e.timeout,
    connect_errors = e.connect, read_errors = e.read, write_errors = e.write,
    timeouts = e.timeout,
    bad_status = all_bad,
    statuses = all_statuses,
    extra = extra,
    latency_us = {
      p50 = latency:percentile(50), p90 = latency:percentile(90), p99 = latency:percentile(99),
      max = latency.max, mean = latency.mean,
    },
  }
  io.write("BENCH_RESULT " .. encode(result) .. "\n")
end
