-- wrk script for `powchain bench http --load wrk` (bench/WrkLoad.java writes it to a temporary
-- file and runs wrk with it). By hand, against a node started with demo accounts u0..u999 funded:
--   wrk -t2 -c16 -d5s -s wrk-accounts.lua http://127.0.0.1:PORT -- '/addtx?sender=u%d&to=B&amount=1&fee=1' 1000 2
-- Arguments after "--": a path with one %d, the number of accounts, and wrk's thread count (-t).
-- Request number i of thread k (k = 0, 1, ...) is the path with %d = (k + i * threads) % accounts,
-- so the threads between them walk the accounts in turn, as the JDK client's requests do.

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  template = args[1]
  accounts = tonumber(args[2])
  stride = tonumber(args[3])
  n = id
end

function request()
  local path = string.format(template, n % accounts)
  n = n + stride
  return wrk.format("GET", path)
end
