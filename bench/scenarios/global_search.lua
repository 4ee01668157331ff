-- The header's global search: GET /api/v1/search?q=… with every kind of term (2- and 3-character
-- Chinese substrings, pinyin initials).
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
paths = {}
for _, kind in ipairs({"q2", "q3", "pinyin"}) do
  for _, term in ipairs(bench.terms[kind]) do paths[#paths + 1] = "/api/v1/search?q=" .. term end
end
