-- A list page of 50 filtered by category and province, sorted by name (list_page_paths,
-- common.lua). Like the web list page it asks only for its columns (list_fields_param);
-- list_full.lua is the same page with every field.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
paths = list_page_paths(list_fields_param)
