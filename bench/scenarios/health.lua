-- The server's floor: GET /api/v1/health (a SELECT 1, no session lookup), measured in the same run
-- as the other scenarios so their throughput can be stated as a ratio to it.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
paths = {"/api/v1/health"}
