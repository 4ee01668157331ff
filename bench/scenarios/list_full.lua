-- The list scenario with whole records (no fields=): what an API client that wants every field gets.
-- No target of its own; it shows what the projection saves.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
paths = list_page_paths("")
