-- The list scenario with whole records (no fields=): what an API client that wants every field gets.
-- No target of its own; it shows what the projection saves.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
paths = {}
for _, c in ipairs(bench.categories) do
  for _, p in ipairs(bench.provinces) do
    paths[#paths + 1] = "/api/v1/customers?category=" .. c .. "&region%5BstartsWith%5D=" .. p ..
                        "&sort=name&page=1&pageSize=50"
  end
end
