public import ArgumentParser
import Foundation
import MSSPReport

@main
struct MSSPReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mssp-report",
        abstract: "Build a checked index of Microsoft Defender portal links for every customer tenant of an MSSP.",
        discussion: """
            Reads the customer list (CSV or JSON), validates every tenant ID, renders an HTML index of \
            per-customer portal links with the related topics of Microsoft's article "Access the Microsoft \
            Defender MSSP customer portal", proves the document with libxml2, and only then writes it.

            EXAMPLES:
              mssp-report samples/customers.csv -o index.html
              mssp-report cipp-tenants.json partner-center.csv -o index.md
                  (a Markdown index for a GitHub, GitLab or Azure DevOps wiki)
              mssp-report customers.csv --check
                  (in CI: validate the customer list, write nothing)

            EXIT CODES:
              0   index written (or --check passed); warnings may have been printed
              1   the customer data or a custom template has errors; nothing written
              64  usage error (unknown option, conflicting options)
              66  an input cannot be opened or read
              70  the rendered output failed its own libxml2 check; nothing written
              73  the output cannot be written
            """,
        version: MSSPReportVersion.current
    )

    @Argument(help: "The customer lists to read (CSV or JSON), merged in order; '-' reads standard input.")
    var inputs: [String] = []

    @Option(
        name: [.short, .long],
        help: ArgumentHelp(
            "The index to write, replaced atomically. '-' or no -o writes it to standard output.", valueName: "path"))
    var output: String?

    @Option(
        help:
            "The document format: html; markdown (GitHub Flavored, inert in other renderers too); confluence (Confluence storage format, for its REST API); or fragment (HTML without page, style or script, for documentation tools). By default it follows the output's extension (.html, .htm, .md, .markdown, .confluence.xml, .fragment.html), else html."
    )
    var format: OutputFormat?

    @Option(
        help:
            "The input format for every input. By default each input's extension decides (.csv, .tsv, .json, .ndjson, .jsonl), else its content."
    )
    var inputFormat: InputFormat?

    @Option(
        help:
            "The CSV delimiter: 'tab' or one ASCII punctuation character other than '\"' (',', ';', '|', ...). By default ',', ';' or tab is detected from each header line."
    )
    var delimiter: CSVDelimiter?

    @Option(
        help:
            "The portal each customer links to: defender (https://security.microsoft.com/?tid=…) or securitycenter (the 2021 article's https://securitycenter.windows.com/?tid=…). The default is defender."
    )
    var portal: PortalChoice?

    @Option(
        help: ArgumentHelp(
            "Any other portal: an https:// URL with {tenantId} exactly once, where each tenant ID goes. Not with --portal.",
            valueName: "template"))
    var portalURL: String?

    @Option(
        help: ArgumentHelp(
            "Extra per-customer links, comma-separated, from the catalog that --list-links prints (for example entra,intune,exchange). By default only the portal link.",
            valueName: "kind,..."))
    var links: LinkKindList?

    @Option(
        help: ArgumentHelp(
            "Group the customers by the values of this column or key (for example group, tier or region): one section per value, with counts and a table of contents. By default one list.",
            valueName: "column"))
    var groupBy: String?

    @Option(
        help: ArgumentHelp(
            "A link catalog of your own (YAML, in the form of the built-in Catalog/links.yaml): each kind replaces the built-in one of the same name or adds one, for --portal and --links.",
            valueName: "file"))
    var linkCatalog: String?

    @Flag(
        help:
            "Print the catalog of link kinds (--portal and --links, with --link-catalog laid over it): URL forms, identifiers and sources; then exit."
    )
    var listLinks = false

    @Option(
        help: ArgumentHelp(
            "A folder of *.mustache files, each replacing the built-in template of the same name (see Templates/README.md). By default the built-in templates are used.",
            valueName: "dir"))
    var templates: String?

    @Option(help: "The title of the index page.")
    var title: String = IndexBuilder.defaultTitle

    @Flag(help: "Validate the inputs only and write nothing; exit 0 when they are valid, 1 otherwise.")
    var check = false

    @Flag(help: "Write the index without the invalid rows instead of refusing; the index states how many were skipped.")
    var skipInvalid = false

    @Flag(help: "Treat warnings as errors: exit 1 and write nothing when there is any (for strict CI jobs).")
    var warningsAsErrors = false

    @Flag(
        help:
            "Replace the index even when the new one lists fewer than half of its customers (by default such a run is refused: the export is more likely broken than the customers gone)."
    )
    var allowShrink = false

    @Option(
        help:
            "How diagnostics are printed on standard error: text (file:line:column: error: message) or json (one object per line)."
    )
    var diagnostics: DiagnosticPrinter.Style = .text

    @Flag(name: [.short, .long], help: "Print only errors, not warnings or the summary line.")
    var quiet = false

    @Flag(help: .private)
    var timings = false

    /// Stops the run at a seam for an end-to-end test (see `TestSeam`).
    @Option(help: .private)
    var testSeam: TestSeam?

    func validate() throws {
        if listLinks { return }
        if inputs.isEmpty {
            throw ValidationError("Name at least one customer list to read, or '-' for standard input.")
        }
        if check, output != nil {
            throw ValidationError("--check writes nothing; drop -o, or drop --check to write the index.")
        }
        if warningsAsErrors, skipInvalid {
            throw ValidationError(
                "--warnings-as-errors refuses any warning, --skip-invalid writes despite errors; choose one.")
        }
        if inputs.count(where: { $0 == "-" }) > 1 {
            throw ValidationError("Standard input ('-') can be read only once.")
        }
        if let portalURL, let problem = LinkKind.problem(withURLTemplate: portalURL) {
            throw ValidationError("--portal-url: \(problem).")
        }
        if portalURL != nil, portal != nil {
            throw ValidationError("--portal and --portal-url both choose the portal; give one of them.")
        }
        if let output, output != "-", format == nil, OutputFormat.fromExtension(of: output) == nil,
            !Self.isDeviceOrPipe(output)
        {
            throw ValidationError(
                "Cannot tell the format from \(output); name it .html, .md, .confluence.xml or .fragment.html, or give --format html, markdown, confluence or fragment."
            )
        }
    }

    /// Whether `path` is a character device or a FIFO (`/dev/null`, a named pipe): written like standard
    /// output, and like it given HTML unless `--format` says otherwise.
    static func isDeviceOrPipe(_ path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else { return false }
        let type = status.st_mode & S_IFMT
        return type == S_IFCHR || type == S_IFIFO
    }

    /// The peak resident memory of this process image (Linux: `VmHWM`), for the benchmark. A parent's
    /// `ru_maxrss` for a child started with `posix_spawn` also counts the parent's own memory at the moment of
    /// the `exec`, so the benchmark asks the process itself.
    static func peakResidentKiB() -> Int? {
        // /proc files report a size of 0: read to the end rather than by size.
        guard let data = FileHandle(forReadingAtPath: "/proc/self/status")?.readDataToEndOfFile(),
            let line = String(decoding: data, as: UTF8.self).split(separator: "\n")
                .first(where: { $0.hasPrefix("VmHWM:") })
        else { return nil }
        return Int(line.dropFirst("VmHWM:".count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
    }

    func run() throws {
        let catalog: LinkCatalog
        do throws(ReportFailure) {
            catalog =
                try linkCatalog.map { file throws(ReportFailure) in try LinkCatalog.builtIn.overlaying(file: file) }
                ?? LinkCatalog.builtIn
        } catch {
            // The run cannot start: say why as the run itself would.
            var outcome = ReportOutcome()
            outcome.failure = error
            try report(outcome, writingTo: .standardOutput, format: .html)
            return
        }
        if listLinks {
            print(Self.catalogText(catalog))
            return
        }
        let portalKind: LinkKind
        if let portalURL {
            portalKind = try LinkKind(portalURL: portalURL)
        } else if let name = portal?.name {
            guard let kind = catalog.portal(named: name) else {
                let names = catalog.portals.map(\.id).joined(separator: ", ")
                throw ValidationError("--portal must be one of \(names); use --portal-url for any other portal.")
            }
            portalKind = kind
        } else {
            portalKind = catalog.portals[0]
        }
        var linkKinds: [LinkKind] = []
        for name in links?.names ?? [] {
            guard let kind = catalog.link(named: name) else {
                let names = catalog.links.map(\.id).joined(separator: ", ")
                throw ValidationError(
                    "--links: unknown link kind '\(name)'; the kinds are \(names) (see --list-links).")
            }
            linkKinds.append(kind)
        }
        let environment = ProcessInfo.processInfo.environment
        let stderrIsTerminal = isatty(STDERR_FILENO) == 1
        // MSSP_REPORT_PROGRESS_AFTER (seconds, default 1) exists so that tests can see the line on small inputs.
        let delay = environment["MSSP_REPORT_PROGRESS_AFTER"].flatMap(Double.init) ?? 1
        let progress = stderrIsTerminal && !quiet ? ProgressLine(delay: delay) : nil
        var options = ReportOptions(
            inputs: inputs.map(InputSource.init(path:)),
            inputFormat: inputFormat,
            delimiter: delimiter?.byte,
            output: OutputDestination(output),
            format: format ?? output.flatMap(OutputFormat.fromExtension(of:)) ?? .html,
            portal: portalKind,
            templatesDirectory: templates,
            title: title,
            generatedOn: IndexBuilder.dateFromSourceDateEpoch(ProcessInfo.processInfo.environment),
            skipInvalid: skipInvalid,
            checkOnly: check,
            warningsAsErrors: warningsAsErrors,
            progress: progress.map(Self.reporter(for:))
        )
        options.linkKinds = linkKinds
        options.linkCatalog = catalog
        options.allowShrink = allowShrink
        options.groupBy = groupBy
        if let testSeam { options.hooks = testSeam.hooks }
        // The process ends with the job: what the job allocated last is left to the system.
        options.releasesMemory = false
        let outcome = ReportJob(options: options).run()
        progress?.finish()

        try report(outcome, writingTo: options.output, format: options.format)
    }

    /// Prints the diagnostics, what stopped the run and the summary on standard error, and ends with the exit
    /// code of the outcome.
    private func report(_ outcome: ReportOutcome, writingTo output: OutputDestination, format: OutputFormat) throws {
        let exitCode = outcome.failure?.exitCode ?? 0
        let colored =
            diagnostics == .text && isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let printer = DiagnosticPrinter(style: diagnostics, colored: colored)
        var shown = outcome
        if warningsAsErrors {
            // Warnings stopped the run as errors would have: print them as what they were treated as.
            for index in shown.diagnostics.indices { shown.diagnostics[index].severity = .error }
        }
        var lines: [String] = []
        let data = shown.diagnostics.filter { !(quiet && $0.severity == .warning) }
        // A flood of data diagnostics helps nobody on a terminal: show the first ones and count the rest. JSON is
        // for tools, which get everything. What stopped the run (a failed check, an unwritable output) is always
        // shown, after them.
        let limit = diagnostics == .json ? Int.max : Self.textDiagnosticLimit
        lines += data.prefix(limit).map(printer.format)
        if data.count > limit {
            lines.append(
                "mssp-report: note: \(data.count - limit) more diagnostics not shown; --diagnostics json prints them all"
            )
        }
        let failureDiagnostics = outcome.failure?.diagnostics(writingTo: output, format: format) ?? []
        lines += failureDiagnostics.map(printer.format)
        shown.diagnostics += failureDiagnostics
        if !quiet { lines.append(printer.summary(of: shown, exitCode: exitCode)) }
        if timings {
            lines.append("mssp-report: timings (ms): \(outcome.timings.summary)")
            if let peak = Self.peakResidentKiB() { lines.append("mssp-report: peak resident memory (KiB): \(peak)") }
        }
        if !lines.isEmpty {
            FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
        if exitCode != 0 { throw ExitCode(exitCode) }
    }

    /// The link catalog as `--list-links` prints it.
    static func catalogText(_ catalog: LinkCatalog) -> String {
        func describe(_ kind: LinkKind) -> [String] {
            let pad = String(repeating: " ", count: 17)
            var lines = ["  \(kind.id.padding(toLength: 15, withPad: " ", startingAt: 0))\(kind.title) (\(kind.label))"]
            lines.append("\(pad)\(kind.urlTemplate)")
            lines.append("\(pad)needs: \(kind.identifiers.map(\.placeholder).joined(separator: ", "))")
            lines.append("\(pad)\(kind.evidence.rawValue): \(kind.source)")
            return lines
        }
        var lines = ["Portals (--portal; the first is the default):"]
        for kind in catalog.portals { lines += describe(kind) }
        lines.append("")
        lines.append("Links (--links kind,...):")
        for kind in catalog.links { lines += describe(kind) }
        return lines.joined(separator: "\n")
    }

    private static func reporter(for line: ProgressLine) -> @Sendable (StageTimings.Stage, Int) -> Void {
        { stage, rows in line.update(stage, rows: rows) }
    }

    /// How many diagnostics the text form prints before it summarises the rest.
    static let textDiagnosticLimit = 50
}

extension OutputFormat: ExpressibleByArgument {}
extension InputFormat: ExpressibleByArgument {}
extension DiagnosticPrinter.Style: ExpressibleByArgument {}
