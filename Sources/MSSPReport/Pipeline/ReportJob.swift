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

    /// Records handed from the reading thread to validation at a time.
    private static let batchSize = 4096

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
        let customers = try readAndValidate(into: &outcome)
        try buildRenderCheckAndWrite(consume customers, template: template, into: &outcome)
    }

    /// Diagnostics sorted by input (in command-line order), line and column, as a reader goes through the
    /// files; diagnostics at the same place keep the order they were found in.
    private func inFileOrder(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var fileRank: [String: Int] = [:]
        for (rank, input) in options.inputs.enumerated() where fileRank[input.displayName] == nil {
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

    /// One warning per customer and missing identifier when a requested link kind needs what the row lacks:
    /// it names the column to add.
    private func missingIdentifierWarnings(_ customers: CustomerList) -> [Diagnostic] {
        let kinds = options.linkKinds.filter { $0.identifiers != [.tenantID] }
        guard !kinds.isEmpty else { return [] }
        var warnings: [Diagnostic] = []
        for position in customers.indices {
            let customer = customers[position]
            var missing: [(identifier: LinkIdentifier, titles: [String])] = []
            for kind in kinds {
                guard let identifier = kind.identifiers.first(where: { customer.value(of: $0) == nil }) else {
                    continue
                }
                if let index = missing.firstIndex(where: { $0.identifier == identifier }) {
                    missing[index].titles.append(kind.title)
                } else {
                    missing.append((identifier, [kind.title]))
                }
            }
            for (identifier, titles) in missing {
                warnings.append(
                    .warning(
                        .missingLinkIdentifier,
                        "customer \(customer.name.quotedForDiagnostic) has no \(identifier.missingValue), so the index has no \(titles.joined(separator: " or ")) link for it; add or fill in \(identifier.columnToAdd)",
                        at: customer.location))
            }
        }
        return warnings
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

    /// What the reading thread hands to validation.
    private enum ReadEvent: Sendable {
        /// The next records, in input order.
        case records([CustomerRecord])
        /// An input has been read: its diagnostics and dropped rows (its records came before).
        case finished(InputReadResult)
        /// An input could not be read; nothing after it is read.
        case failed(ReportFailure)
    }

    /// Reads every input on one thread while the records are validated on this one, collecting every
    /// diagnostic before stopping for data errors, so that one run shows every problem. No list of all the
    /// records is kept: each batch is validated and let go.
    private func readAndValidate(into outcome: inout ReportOutcome) throws(ReportFailure) -> CustomerList {
        options.progress?(.read, 0)
        var run = CustomerValidator.Run()
        // Each row is at least a tenant ID long; the names and domains are part of the input. Room reserved
        // and not used is never touched.
        let inputBytes = options.inputs.reduce(0) { $0 + $1.sizeHint }
        run.reserveCapacity(records: inputBytes / 36, inputBytes: inputBytes)
        let (inputs, format, delimiter) = (options.inputs, options.inputFormat, options.delimiter)
        let afterOpen = options.hooks.afterInputOpened
        var read = InputReadResult()
        var failure: ReportFailure?
        let timings = ChunkPipeline.run(
            produce: { (emit: @escaping (ReadEvent) -> Bool) in
                var batch: [CustomerRecord] = []
                batch.reserveCapacity(Self.batchSize)
                for input in inputs {
                    do throws(ReportFailure) {
                        let result = try input.read(
                            format: format, delimiter: delimiter,
                            afterOpen: afterOpen.map { hook in { hook(input.displayName) } }
                        ) { (record: consuming CustomerRecord) in
                            batch.append(record)
                            if batch.count == Self.batchSize {
                                _ = emit(.records(batch))
                                batch.removeAll(keepingCapacity: true)
                            }
                        }
                        if !batch.isEmpty { _ = emit(.records(batch)) }
                        batch.removeAll(keepingCapacity: true)
                        _ = emit(.finished(result))
                    } catch {
                        _ = emit(.failed(error))
                        return
                    }
                }
            },
            consume: { (event: ReadEvent) in
                switch event {
                case .records(let records):
                    for index in records.indices { run.add(records[index]) }
                case .finished(let result):
                    read.append(result)
                case .failed(let error):
                    failure = error
                    return false
                }
                return true
            })
        if let failure { throw failure }
        outcome.timings.record(.read, seconds: timings.producer)
        outcome.timings.record(.validate, seconds: timings.consumer)
        let validation = run.result
        outcome.diagnostics += read.diagnostics
        outcome.recordCount = validation.recordCount + read.droppedRowCount
        options.progress?(.validate, outcome.recordCount)
        outcome.diagnostics += validation.diagnostics
        outcome.diagnostics += missingIdentifierWarnings(validation.customers)
        if let column = options.groupBy, !validation.customers.isEmpty,
            !validation.customers.indices.contains(where: { validation.customers[$0].fieldValue(column) != nil })
        {
            outcome.diagnostics.append(
                .warning(
                    .missingGroupColumn,
                    "no customer has a \(column.quotedForDiagnostic) column or key to group by; all are under \(IndexBuilder.ungroupedTitle(column).quotedForDiagnostic)",
                    at: nil))
        }
        outcome.diagnostics = inFileOrder(outcome.diagnostics)
        outcome.customerCount = validation.customers.count
        outcome.skippedCount = read.droppedRowCount + validation.invalidRecordCount

        if read.isUnusable { throw .inputUnusable(errorCount: outcome.errorCount) }
        let blocking = outcome.errorCount + (options.warningsAsErrors ? outcome.warningCount : 0)
        if blocking > 0, !options.skipInvalid {
            throw .invalidData(errorCount: blocking)
        }
        return validation.customers
    }

    /// Builds the model, then renders, checks and writes the document as a stream of chunks: the rendering
    /// thread renders each chunk and writes it to the temporary file, this thread checks it; the file is put in
    /// place only if the whole document passes.
    private func buildRenderCheckAndWrite(
        _ customers: consuming CustomerList,
        template: CompiledTemplate,
        into outcome: inout ReportOutcome
    ) throws(ReportFailure) {
        let skipped = outcome.skippedCount
        options.progress?(.build, outcome.recordCount)
        let model = outcome.timings.measure(.build) {
            IndexBuilder(
                title: options.title, portal: options.portal, linkKinds: options.linkKinds,
                groupBy: options.groupBy, generatedOn: options.generatedOn
            )
            .build(customers: customers, skippedCount: skipped)
        }
        _ = consume customers
        if !options.allowShrink, case .file(let path) = options.output,
            let existing = ExistingIndex.customerCount(at: path),
            model.count * 2 < existing
        {
            throw .shrinkRefused(path: path, existing: existing, new: model.count)
        }
        options.progress?(.render, outcome.recordCount)
        let renderer = IndexRenderer(template: template)
        let format = options.format
        var timings = StageTimings()
        var bodySeconds = 0.0
        let clock = ContinuousClock()
        // The check's set-up (the audit's table of expected links) is part of checking.
        let check = timings.measure(.check) { OutputCheck(model: model, format: format, script: template.script) }
        let writeStart = clock.now
        if !options.releasesMemory {
            // The process ends with the job: what the check holds (cmark-gfm's tree of a Markdown index) is left
            // to the system instead of being freed node by node.
            _ = Unmanaged.passRetained(check)
        }
        try options.output.write(beforeRename: options.hooks.beforeOutputRenamed) { output throws(ReportFailure) in
            let bodyStart = clock.now
            defer { bodySeconds = (clock.now - bodyStart).seconds }
            // The rendering thread is the only one to write to `output` until the pipeline has joined it.
            let output = UncheckedSendable(output)
            let writeClock = WriteClock()
            let buffers = BufferPool()
            let pipeline = ChunkPipeline.run(
                produce: { emit in
                    renderer.render(model) { chunk in
                        let start = ContinuousClock.now
                        let written = output.value.write(chunk)
                        writeClock.seconds += start.secondsElapsed
                        return written && emit(buffers.filled(with: chunk))
                    }
                },
                consume: { (chunk: [UInt8]) in
                    let wanted = chunk.withUnsafeBytes { check.feed($0) }
                    buffers.giveBack(chunk)
                    return wanted
                })
            let problems = timings.measure(.check) { check.finish() }
            timings.record(.check, seconds: pipeline.consumer)
            timings.record(.render, seconds: max(0, pipeline.producer - writeClock.seconds))
            timings.record(.write, seconds: writeClock.seconds)
            if !problems.isEmpty { throw .outputCheckFailed(problems) }
        }
        // Writing also takes what the output does after the document: flushing the file to disk and renaming it.
        timings.record(.write, seconds: max(0, (clock.now - writeStart).seconds - bodySeconds))
        for stage in [StageTimings.Stage.render, .check, .write] {
            outcome.timings.record(stage, seconds: timings.seconds[stage] ?? 0)
        }
        outcome.written = options.output
    }
}

/// The time the rendering thread spends writing, read after it has finished.
private final class WriteClock: @unchecked Sendable {
    var seconds: Double = 0
}
