/// The audit of the access states of an HTML, Confluence or fragment index, when relationships were given: each
/// customer's state sentence (`CustomerAccess.text`) must be the whole text of one element, in document order,
/// as each customer's portal link must be there once. A template that drops the column, or shows one
/// customer's state beside another, fails.
final class AccessAudit {
    private let log: ProblemLog
    /// The model's access report and order, this audit's own copies (the audit runs while the document is
    /// rendered on the other core; see `LinkAudit`).
    private let access: AccessReport
    private let order: [Int32]
    /// The next customer whose sentence is expected, and that sentence as UTF-8 (made when it is needed).
    private var next = 0
    private var expected: [UInt8] = []
    /// The text of the current innermost element so far.
    private var text: [UInt8] = []
    private let model: IndexModel

    /// An audit of `model`, or `nil` when it has no access data.
    init?(model: IndexModel, log: ProblemLog) {
        guard let access = model.access else { return nil }
        self.log = log
        self.access = access
        self.model = model
        order = model.documentOrder
        text.reserveCapacity(256)
        expectNext()
    }

    private func expectNext() {
        expected = next < order.count ? Array(access.text(at: Int(order[next])).utf8) : []
    }

    /// An element starts: its text is read afresh.
    @inline(__always)
    func startElement() {
        text.removeAll(keepingCapacity: true)
    }

    /// Text of the current element.
    @inline(__always)
    func characters(_ bytes: UnsafeRawBufferPointer) {
        // Only text that can still be the sentence expected is kept.
        if text.count + bytes.count <= expected.count {
            text.append(contentsOf: bytes)
        } else {
            text.removeAll(keepingCapacity: true); text.append(0)
        }
    }

    /// An element ends: its text is compared with the next expected sentence.
    @inline(__always)
    func endElement() {
        if next < order.count, text == expected {
            next += 1
            expectNext()
        }
        text.removeAll(keepingCapacity: true)
    }

    /// Reports the first customer whose state was not found in order.
    func finish() {
        guard next < order.count else { return }
        let sentence = String(decoding: expected, as: UTF8.self)
        log.report(
            line: 0,
            "the access state \(sentence.quotedForDiagnostic) of customer \(model.name(at: next).quotedForDiagnostic) is missing (each customer's state must be the whole text of one element, in the order of the customers)"
        )
    }
}
