-- A list page of 50 filtered by category and province (region prefix: 2 digits of the GB/T 2260
-- code select a province with everything below it), sorted by name: every category × province.
-- Like the web list page it asks only for its columns (list_fields_param, common.lua);
-- list_full.lua is the same page with every field.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
paths = {}
for _, c in ipairs(bench.categories) do
  for _, p in ipairs(bench.provinces) do
    paths[#paths + 1] = "/api/v1/customers?category=" .. c .. "&region%5BstartsWith%5D=" .. p ..
                        "&sort=name&page=1&pageSize=50" .. list_fields_param
  end
end
