-- GET /api/v1/customers/{id} for random ids the actor may see (collected through the API as that
-- actor by bench/lib/prepare.py, so the visibility filter is exercised and every answer is 200).
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
paths = {}
for _, id in ipairs(bench.ids) do paths[#paths + 1] = "/api/v1/customers/" .. id end
