-- POST /api/v1/review for wrk: one card, rating Good, a fresh idempotency key per request.
-- The card and the session cookie come from the environment (BENCH_CARD_ID, BENCH_COOKIE):
-- headers given to wrk.format replace those of -H.
local card_id = os.getenv("BENCH_CARD_ID")
local headers = {["Content-Type"] = "application/json", ["Cookie"] = os.getenv("BENCH_COOKIE")}
local counter = 0
local thread_tag = tostring(math.random(1, 1e9))

function init(args)
  thread_tag = tostring(math.random(1, 1e9)) .. "-" .. tostring(os.time())
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"card_id": %s, "rating": 3, "idempotency_key": "bench-%s-%d"}', card_id, thread_tag, counter)
  return wrk.format("POST", "/api/v1/review", headers, body)
end
