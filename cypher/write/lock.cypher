// name: lock
// description: Take the load lock inside the load's transaction: concurrent `kg load`
//   runs queue here and apply one after another (the lock is released at commit/rollback).
// param: run: string — the load run id
// returns: nothing
MERGE (l:KgLock {id: 'load'})
SET l.run = $run
