-- PATCH /api/v1/customers/{id} {"version":V,"remarks":…} on ids the actor may edit (the rep's own
-- customers; for the admin, customers not owned by the rep). API.md: a PATCH carries the version it
-- read and a stale version answers 409 with the current record, so the script keeps each id's
-- version, never sends a second PATCH for an id whose first is still in flight, and takes the new
-- version from each answer (200: the record; 409: "current"). Each wrk thread patches its own
-- slice of the ids, so threads never race for one record. A 409 still counts as an error.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local ring = {}      -- {id=, version=} of this thread's slice
local by_id = {}
local busy = {}
local pos, counter = 0, 0
collisions = 0       -- requests sent while every id of the thread was in flight
extra_counters = {"collisions"}

function init_scenario()
  local n = 0
  for i, e in ipairs(bench.editable) do
    if (i - 1) % bench.threads == (tid - 1) then
      n = n + 1
      ring[n] = {id = e[1], version = e[2]}
      by_id[e[1]] = ring[n]
    end
  end
end

function request()
  local r
  for _ = 1, #ring do
    pos = pos % #ring + 1
    if not busy[ring[pos].id] then r = ring[pos]; break end
  end
  if not r then  -- more connections than free ids: send anyway, a 409 will show it
    collisions = collisions + 1
    pos = pos % #ring + 1
    r = ring[pos]
  end
  busy[r.id] = true
  counter = counter + 1
  local body = string.format('{"version":%d,"remarks":"压测修改 %d-%d"}', r.version, tid, counter)
  return wrk.format("PATCH", "/api/v1/customers/" .. r.id, json_headers, body)
end

function response(status, hdrs, body)
  count_response(status)
  local id, version = body:match('^{"id":(%d+),"version":(%d+)')
  if not id then id, version = body:match('"current":{"id":(%d+),"version":(%d+)') end
  if id then
    local r = by_id[tonumber(id)]
    if r then
      r.version = tonumber(version)
      busy[r.id] = nil
    end
  end
end
