#pragma once
// The one way truce runs work on several threads. `work(t)` is called once for every share
// t in [0, shares); the caller's thread takes share 0. Results must depend only on the share
// index, never on which thread ran it: that is how every analysis stays identical for any
// --threads.
//
// Failures come back to the caller: an exception thrown by any share is rethrown after all
// threads have joined (the lowest share's first). When the system cannot start as many
// threads as asked (a huge --threads, a container's limit), the shares without a thread run
// on the calling thread afterwards: slower, same result, never an abort.

#include <functional>

namespace truce {

// 0 means one per hardware thread; never less than 1.
unsigned resolve_thread_count(unsigned requested);

void run_shares(unsigned shares, const std::function<void(unsigned share)>& work);

}  // namespace truce
