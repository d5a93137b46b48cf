/// The audit of the access states of an HTML, Confluence or fragment index, when relationships were given: each
/// customer's state sentence (`CustomerAccess.text`) must be the whole text of one element, in document order,
/// as each customer's portal link must be there once. A template that drops the column, or shows one
/// customer's state beside another, fails.
final class AccessAudit {
    private let log: ProblemLog
    /// The expected sentences in document order, as UTF-8: this audit's own copies, for the reason `LinkAudit`
    /// keeps its own.
    private let expected: [[UInt8]]
    private let names: [String]
    /// The next customer whose sentence is expected.
    private var next = 0
    /// The text of the current innermost element so far.
    private var text: [UInt8] = []

    /// An audit of `model`, or `nil` when it has no access data.
    init?(model: IndexModel, log: ProblemLog) {
        guard model.access != nil else { return nil }
        self.log = log
        expected = (0..<model.count).map { Array(model.access(at: $0)!.text.utf8) }
        names = (0..<model.count).map(model.name(at:))
        text.reserveCapacity(256)
    }

    /// An element starts: its text is read afresh.
    @inline(__always)
    func startElement() {
        text.removeAll(keepingCapacity: true)
    }

    /// Text of the current element.
    @inline(__always)
    func characters(_ bytes: UnsafeRawBufferPointer) {
        // Only text that can still be a state sentence is kept (no state is this long).
        if text.count < 512 { text.append(contentsOf: bytes) }
    }

    /// An element ends: its text is compared with the next expected sentence.
    @inline(__always)
    func endElement() {
        if next < expected.count, text == expected[next] { next += 1 }
        text.removeAll(keepingCapacity: true)
    }

    /// Reports the first customer whose state was not found in order.
    func finish() {
        guard next < expected.count else { return }
        let sentence = String(decoding: expected[next], as: UTF8.self)
        log.report(
            line: 0,
            "the access state \(sentence.quotedForDiagnostic) of customer \(names[next].quotedForDiagnostic) is missing (each customer's state must be the whole text of one element, in the order of the customers)"
        )
    }
}
