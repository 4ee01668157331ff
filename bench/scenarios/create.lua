-- POST /api/v1/customers: a new customer per request with a unique name, mobile and e-mail (so
-- 查重 raises no confirmation_required warning), in a random city and category. Only 201 counts.
-- Uniqueness: bench.create_prefix (one digit per actor) · thread id · per-thread counter.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
expect = 201

local counter = 0

function request()
  counter = counter + 1
  -- 9 digits: prefix (1) + thread (1) + counter (7) → mobile 19xxxxxxxxx, never generated data.
  local seq = string.format("%d%d%07d", bench.create_prefix, tid % 10, counter % 10000000)
  local city = bench.cities[math.random(#bench.cities)]
  local word = bench.words[math.random(#bench.words)]
  local trade = bench.trades[math.random(#bench.trades)]
  local category = bench.categories[math.random(#bench.categories)]
  local body = string.format(
      '{"name":"%s%s%s压测%s有限公司","category":"%s","region":"%s","address":"%s人民路%d号",' ..
      '"phone":"19%s","email":"b%s@bench.example.com","importance":"b","source":"website"}',
      city.name, word, trade, seq, category, city.region, city.name, counter % 999 + 1, seq, seq)
  return wrk.format("POST", "/api/v1/customers", json_headers, body)
end
