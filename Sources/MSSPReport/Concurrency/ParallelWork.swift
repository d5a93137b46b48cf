import Dispatch

/// Two pieces of work at once, on the two cores.
enum ParallelWork {
    /// Runs `first` and `second` at the same time and returns when both are done. The closures may use
    /// anything the caller holds (they do not outlive the call), but must not touch the same memory.
    static func run(_ first: () -> Void, _ second: () -> Void) {
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                // concurrentPerform returns only when both parts are done, so neither closure outlives this call.
                let parts = UncheckedSendable((first, second))
                DispatchQueue.concurrentPerform(iterations: 2) { part in
                    if part == 0 { parts.value.0() } else { parts.value.1() }
                }
            }
        }
    }
}
