/// Calls a job makes at fixed points of its run, for tests that must act at exactly that point (change an input
/// while it is read, interrupt a run whose document is complete). Every hook is optional; none is called by
/// default.
public struct ReportHooks: Sendable {
    /// Called with the input's name once a regular file is open, before a byte of it is read.
    public var afterInputOpened: (@Sendable (String) -> Void)?
    /// Called when the finished document is in its temporary file, just before it replaces the old index.
    public var beforeOutputRenamed: (@Sendable () -> Void)?

    /// No hooks.
    public init(
        afterInputOpened: (@Sendable (String) -> Void)? = nil,
        beforeOutputRenamed: (@Sendable () -> Void)? = nil
    ) {
        self.afterInputOpened = afterInputOpened
        self.beforeOutputRenamed = beforeOutputRenamed
    }
}
