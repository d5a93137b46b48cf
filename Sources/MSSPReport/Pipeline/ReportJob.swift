/// One run of the pipeline: read → validate → build → render → check → write.
///
/// Read and validate run together on both cores, as do render (with write) and check.
///
/// Bad data becomes diagnostics; failures of the run stop it and are returned in the outcome. Nothing is
/// written unless every earlier stage succeeded.
public struct ReportJob: Sendable {
    /// What to do.
    public var options: ReportOptions

    /// Creates a job.
    public init(options: ReportOptions) {
        self.options = options
    }

    /// Runs the job.
    public func run() -> ReportOutcome {
        var outcome = ReportOutcome()
        do throws(ReportFailure) {
            try run(into: &outcome)
        } catch {
            outcome.failure = error
        }
        return outcome
    }

    private func run(into outcome: inout ReportOutcome) throws(ReportFailure) {
        guard !options.checkOnly else {
            _ = try readAndValidate(into: &outcome)
            return
        }
        // A broken custom template should not wait for a large input to be read.
        let template = try loadTemplates(into: &outcome)
        // Each stage's input is let go as soon as the next stage has what it needs: at a million customers
        // the records, the customers and the document are each hundreds of megabytes.
        let (customers, access) = try readAndValidate(into: &outcome)
        let model = build(consume customers, access: access, into: &outcome)
        try refuseShrinking(to: model)
        try renderCheckAndWrite(model, template: template, into: &outcome)
        outcome.written = options.output
    }

    /// Loads and compiles the template.
    private func loadTemplates(into outcome: inout ReportOutcome) throws(ReportFailure) -> CompiledTemplate {
        options.progress?(.templates, 0)
        return try outcome.timings.measure(.templates) { () throws(ReportFailure) in
            let templates =
                if let directory = options.templatesDirectory {
                    try TemplateSet.overlaying(directory: directory)
                } else {
                    try TemplateSet.defaults()
                }
            return try templates.compile(
                for: options.format, linkKinds: options.linkKinds.map(\.id),
                knownLinkKinds: Set(options.linkCatalog.links.map(\.id)))
        }
    }

    /// Reads and validates every input, and judges each customer's access when relationships were given,
    /// collecting every diagnostic before stopping for data errors, so that one run shows every problem.
    private func readAndValidate(
        into outcome: inout ReportOutcome
    ) throws(ReportFailure) -> (CustomerList, AccessReport?) {
        options.progress?(.read, 0)
        var validator = CustomerValidator.Run()
        // Each row is at least a tenant ID long; the names and domains are part of the input. Room reserved
        // and not used is never touched.
        let inputBytes = options.inputs.reduce(0) { $0 + $1.sizeHint }
        validator.reserveCapacity(records: inputBytes / 36, inputBytes: inputBytes)
        // Relationships are judged as they come, against the customers validated before them: the customer
        // lists are read first, and a relationships export that is the list gives each customer before its
        // relationship.
        var accumulator = AccessAccumulator(
            evaluator: AccessEvaluator(asOf: options.asOf, expiringWithin: options.expiringWithin),
            usesAssignments: !options.accessAssignments.isEmpty)
        let read = try readInputs(
            validate: { records in for index in records.indices { validator.add(records[index]) } },
            judge: { relationships in
                for relationship in relationships { accumulator.add(relationship) { validator.position(of: $0) } }
            })
        outcome.timings.record(.read, seconds: read.timings.producer)
        outcome.timings.record(.validate, seconds: read.timings.consumer)
        let validation = validator.result
        outcome.recordCount = validation.recordCount + read.result.droppedRowCount
        options.progress?(.validate, outcome.recordCount)
        let coverage = IndexCoverage(linkKinds: options.linkKinds, groupBy: options.groupBy)
        let sources = read.relationshipSources
        let judgesAccess = !options.relationships.isEmpty || !options.accessAssignments.isEmpty || !sources.isEmpty
        let access =
            judgesAccess
            ? accumulator.finish(
                customers: validation.customers, assignments: read.result.accessAssignments,
                source: sources.isEmpty ? "the relationships export" : sources.joined(separator: ", ")) : nil
        outcome.access = access?.report
        outcome.diagnostics = inFileOrder(
            read.result.diagnostics + validation.diagnostics + coverage.warnings(for: validation.customers)
                + (access?.diagnostics ?? []))
        outcome.customerCount = validation.customers.count
        outcome.skippedCount = read.result.droppedRowCount + validation.invalidRecordCount

        if read.result.isUnusable { throw .inputUnusable(errorCount: outcome.errorCount) }
        let blocking = outcome.errorCount + (options.warningsAsErrors ? outcome.warningCount : 0)
        if blocking > 0, !options.skipInvalid {
            throw .invalidData(errorCount: blocking)
        }
        return (validation.customers, access?.report)
    }

    /// What the reading thread hands to validation.
    private enum ReadEvent: Sendable {
        /// The next records, in input order.
        case records([CustomerRecord])
        /// The next GDAP relationships, in input order (after the records of their customers).
        case relationships([RelationshipRecord])
        /// An input that gave relationships (for the index to name).
        case relationshipSource(String)
        /// An input has been read: its diagnostics and dropped rows (its records and relationships came before).
        case finished(InputReadResult)
        /// An input could not be read; nothing after it is read.
        case failed(ReportFailure)
    }

    /// Reads every input on another thread, handing its records to `validate` on this one in batches; no list
    /// of all the records is kept. Returns what the inputs said besides their records, and the names of those
    /// that gave relationships.
    private func readInputs(
        validate: ([CustomerRecord]) -> Void, judge: ([RelationshipRecord]) -> Void
    ) throws(ReportFailure) -> (
        result: InputReadResult, relationshipSources: [String], timings: ChunkPipeline.Timings
    ) {
        let inputs =
            options.inputs.map { ($0, InputPurpose.customers) }
            + options.relationships.map { ($0, InputPurpose.relationships) }
            + options.accessAssignments.map { ($0, InputPurpose.accessAssignments) }
        let (format, delimiter) = (options.inputFormat, options.delimiter)
        var sources: [String] = []
        let afterOpen = options.hooks.afterInputOpened
        var read = InputReadResult()
        var failure: ReportFailure?
        let timings = ChunkPipeline.run(
            produce: { emit in Self.read(inputs, format: format, delimiter: delimiter, afterOpen: afterOpen, emit: emit)
            },
            consume: { (event: ReadEvent) in
                switch event {
                case .records(let records): validate(records)
                case .relationships(let relationships): judge(relationships)
                case .relationshipSource(let file): if !sources.contains(file) { sources.append(file) }
                case .finished(let result): read.append(result)
                case .failed(let error):
                    failure = error
                    return false
                }
                return true
            })
        if let failure { throw failure }
        return (read, sources, timings)
    }

    /// Reads `inputs` in order on the reading thread, emitting their records in batches and each input's own
    /// result after its records; stops at the first input that cannot be read.
    private static func read(
        _ inputs: [(InputSource, InputPurpose)], format: InputFormat?, delimiter: UInt8?,
        afterOpen: (@Sendable (String) -> Void)?, emit: @escaping (ReadEvent) -> Bool
    ) {
        var batch = RecordBatch(emit: { _ = emit(.records($0)) })
        // A batch of relationships goes after the records read before it, whose customers it may name.
        var relationshipBatch = Batch<RelationshipRecord>(emit: { relationships in
            batch.flush()
            _ = emit(.relationships(relationships))
        })
        for (input, purpose) in inputs {
            do throws(ReportFailure) {
                let hook = afterOpen.map { hook in { hook(input.displayName) } }
                var gaveRelationships = false
                // The customer lists' format option is theirs; relationships and assignments are Graph's JSON.
                let result = try input.read(
                    format: purpose == .customers ? format : nil, delimiter: delimiter, purpose: purpose,
                    afterOpen: hook,
                    onRelationship: { relationship in
                        gaveRelationships = true
                        relationshipBatch.append(relationship)
                    }
                ) {
                    batch.append($0)
                }
                relationshipBatch.flush()
                batch.flush()
                if gaveRelationships { _ = emit(.relationshipSource(input.displayName)) }
                _ = emit(.finished(result))
            } catch {
                _ = emit(.failed(error))
                return
            }
        }
    }

    /// Diagnostics sorted by input (in command-line order), line and column, as a reader goes through the
    /// files; diagnostics at the same place keep the order they were found in.
    private func inFileOrder(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var fileRank: [String: Int] = [:]
        let files = options.inputs + options.relationships + options.accessAssignments
        for (rank, input) in files.enumerated() where fileRank[input.displayName] == nil {
            fileRank[input.displayName] = rank
        }
        let keyed = diagnostics.enumerated().map { offset, diagnostic in
            let location = diagnostic.location
            let key =
                location.map { (fileRank[$0.file] ?? Int.max, $0.line, $0.column, offset) } ?? (-1, 0, 0, offset)
            return (key: key, diagnostic: diagnostic)
        }
        return keyed.sorted { $0.key < $1.key }.map(\.diagnostic)
    }

    /// Sorts and groups the customers into the model of the document.
    private func build(
        _ customers: consuming CustomerList, access: AccessReport?, into outcome: inout ReportOutcome
    ) -> IndexModel {
        options.progress?(.build, outcome.recordCount)
        let skipped = outcome.skippedCount
        return outcome.timings.measure(.build) {
            IndexBuilder(
                title: options.title, portal: options.portal, linkKinds: options.linkKinds,
                groupBy: options.groupBy, generatedOn: options.generatedOn
            )
            .build(customers: customers, skippedCount: skipped, access: access)
        }
    }

    /// Refuses to replace an index with one that lists fewer than half its customers, unless allowed.
    private func refuseShrinking(to model: IndexModel) throws(ReportFailure) {
        guard !options.allowShrink, case .file(let path) = options.output,
            let existing = ExistingIndex.customerCount(at: path), model.count * 2 < existing
        else { return }
        throw .shrinkRefused(path: path, existing: existing, new: model.count)
    }

    /// Renders, checks and writes the document as a stream of chunks: the rendering thread renders each chunk
    /// and writes it to the temporary file, this thread checks it; the file is put in place only if the whole
    /// document passes.
    private func renderCheckAndWrite(
        _ model: IndexModel, template: CompiledTemplate, into outcome: inout ReportOutcome
    ) throws(ReportFailure) {
        options.progress?(.render, outcome.recordCount)
        // The check's set-up (the audit's table of expected links) is part of checking.
        let check = outcome.timings.measure(.check) {
            OutputCheck(model: model, format: options.format, script: template.script)
        }
        if !options.releasesMemory {
            // The process ends with the job: what the check holds (cmark-gfm's tree of a Markdown index) is left
            // to the system instead of being freed node by node.
            _ = Unmanaged.passRetained(check)
        }
        let renderer = IndexRenderer(template: template)
        var streamed = StreamTimings()
        var bodySeconds = 0.0
        let writing = ContinuousClock.now
        try options.output.write(beforeRename: options.hooks.beforeOutputRenamed) { output throws(ReportFailure) in
            let bodyStart = ContinuousClock.now
            defer { bodySeconds = bodyStart.secondsElapsed }
            streamed = Self.stream({ renderer.render(model, deliver: $0) }, to: output, checkedBy: check)
            let problems = outcome.timings.measure(.check) { check.finish() }
            if !problems.isEmpty { throw .outputCheckFailed(problems) }
        }
        outcome.timings.record(.render, seconds: streamed.rendering)
        outcome.timings.record(.check, seconds: streamed.checking)
        // Writing also takes what the output does after the document: flushing the file to disk and renaming it.
        outcome.timings.record(.write, seconds: max(0, writing.secondsElapsed - bodySeconds) + streamed.writing)
    }

    /// How the streaming of one document spent its time.
    private struct StreamTimings {
        var rendering = 0.0
        var writing = 0.0
        var checking = 0.0
    }

    /// Runs `render` on another thread, writing each chunk to `output` there, and checks each chunk here.
    private static func stream(
        _ render: @escaping @Sendable (_ emit: @escaping (UnsafeRawBufferPointer) -> Bool) -> Void,
        to output: DocumentOutput,
        checkedBy check: OutputCheck
    ) -> StreamTimings {
        // The rendering thread is the only one to write to `output` until the pipeline has joined it.
        let output = UncheckedSendable(output)
        let writeClock = WriteClock()
        let buffers = BufferPool()
        let pipeline = ChunkPipeline.run(
            produce: { emit in
                render { chunk in
                    let written = writeClock.measure { output.value.write(chunk) }
                    return written && emit(buffers.filled(with: chunk))
                }
            },
            consume: { (chunk: [UInt8]) in
                let wanted = chunk.withUnsafeBytes { check.feed($0) }
                buffers.giveBack(chunk)
                return wanted
            })
        return StreamTimings(
            rendering: max(0, pipeline.producer - writeClock.seconds), writing: writeClock.seconds,
            checking: pipeline.consumer)
    }
}

/// Records handed from the reading thread to validation in batches, so that the threads meet once per batch
/// rather than once per record.
private typealias RecordBatch = Batch<CustomerRecord>

/// Items handed from the reading thread to the other in batches.
private struct Batch<Item> {
    /// Items per batch.
    static var size: Int { 4096 }

    private var items: [Item] = []
    private let emit: ([Item]) -> Void

    init(emit: @escaping ([Item]) -> Void) {
        self.emit = emit
        items.reserveCapacity(Self.size)
    }

    /// Adds an item, handing the batch over when it is full.
    mutating func append(_ item: consuming Item) {
        items.append(consume item)
        if items.count == Self.size { flush() }
    }

    /// Hands over what is in the batch, if anything.
    mutating func flush() {
        guard !items.isEmpty else { return }
        emit(items)
        items.removeAll(keepingCapacity: true)
    }
}

/// The time the rendering thread spends writing, read after it has finished.
private final class WriteClock: @unchecked Sendable {
    private(set) var seconds: Double = 0

    /// Runs `body`, adding its duration.
    func measure<Value>(_ body: () -> Value) -> Value {
        let start = ContinuousClock.now
        defer { seconds += start.secondsElapsed }
        return body()
    }
}
