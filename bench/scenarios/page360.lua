-- The customer 360° page (web/src/views/records/detail/index.vue): the calls the web UI makes for
-- one customer, cycled for random visible ids: the record; the approval panel's instances; the
-- related tabs (contacts, customers whose dealer / parent company it is); attachments; and, for
-- actors allowed to read it (admins, executives), the history tab's audit list.
-- wrk keeps no per-connection state, so one page's calls go out on different connections of the
-- thread at once, much as a browser sends them in parallel. Each call counts as one request.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local calls = {
  "/api/v1/customers/%d",
  "/api/v1/approvals?entity=customers&recordId=%d&pageSize=20",
  "/api/v1/contacts?page=1&pageSize=20&sort=-isPrimary%%2Cid&customerId=%d",
  "/api/v1/customers?page=1&pageSize=20&dealerId=%d",
  "/api/v1/customers?page=1&pageSize=20&parentCompanyId=%d",
  "/api/v1/files?recordEntity=customers&recordId=%d",
}
local step, id = 0, 0

function init_scenario()
  if bench.audit then calls[#calls + 1] = "/api/v1/audit?entity=customers&recordId=%d" end
end

function request()
  if step % #calls == 0 then id = bench.ids[math.random(#bench.ids)] end
  step = step + 1
  return wrk.format("GET", string.format(calls[(step - 1) % #calls + 1], id))
end
