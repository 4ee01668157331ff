-- A list page of 50 filtered by category and province (region prefix: 2 digits of the GB/T 2260
-- code select a province with everything below it), sorted by name: every category × province.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
paths = {}
for _, c in ipairs(bench.categories) do
  for _, p in ipairs(bench.provinces) do
    paths[#paths + 1] = "/api/v1/customers?category=" .. c .. "&region%5BstartsWith%5D=" .. p ..
                        "&sort=name&page=1&pageSize=50"
  end
end
