-- The customer list's search box: GET /api/v1/customers?q=… with 3-character Chinese substrings (网联科, 恒通电 …),
-- the query the web list sends (first page of 20, default sort, its columns).
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
paths = {}
for _, term in ipairs(bench.terms.q3) do
  paths[#paths + 1] = "/api/v1/customers?page=1&pageSize=20&q=" .. term .. list_fields_param
end
