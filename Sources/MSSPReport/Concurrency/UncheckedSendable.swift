import Dispatch

/// A value handed to another thread by code that guarantees the two never use it at the same time.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}
