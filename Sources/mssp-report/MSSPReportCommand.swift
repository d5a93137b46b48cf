public import ArgumentParser
import Foundation
import MSSPReport

@main
struct MSSPReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mssp-report",
        abstract: "Build a checked index of Microsoft Defender portal links for every customer tenant of an MSSP.",
        discussion: """
            Reads the customer list (CSV or JSON), validates every tenant ID, renders an index (an HTML page, \
            Markdown, Confluence storage format or an HTML fragment) of \
            per-customer portal links with the related topics of Microsoft's article "Access the Microsoft \
            Defender MSSP customer portal", proves the document with libxml2 (cmark-gfm for Markdown), and only then writes it.

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
        help: ArgumentHelp(
            "A Microsoft Graph delegatedAdminRelationships export (JSON; repeat for several pages): each customer's GDAP access to Defender (active, expiring, pending, ended, ...) goes beside its link, joined by tenant ID. Alone, without a customer list, it is the customer list too. See docs/access.md.",
            valueName: "file"))
    var relationships: [String] = []

    @Option(
        help: ArgumentHelp(
            "Access assignments of those relationships (JSON, each item with its relationshipId; repeatable): a role then counts only when an active assignment grants it.",
            valueName: "file"))
    var accessAssignments: [String] = []

    @Option(
        help: ArgumentHelp(
            "The day access is judged on (UTC). By default SOURCE_DATE_EPOCH's day, else today.",
            valueName: "YYYY-MM-DD"))
    var asOf: String?

    @Option(
        help: ArgumentHelp(
            "A relationship that ends within this many days and does not auto-extend is expiring (Partner Center warns at 30, 7 and 1).",
            valueName: "days"))
    var expiringWithin: Int = 30

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

    /// Milliseconds a FIFO or device may take to deliver its first byte (5,000 by default); tests set less.
    @Option(help: .private)
    var firstByteTimeout: Int32 = InputLimits.firstByteTimeoutMilliseconds

    /// Seconds before the progress line appears (1 by default); tests set 0 to see it on a small input.
    @Option(help: .private)
    var progressAfter: Double = 1

    func validate() throws {
        if listLinks { return }
        if inputs.isEmpty, relationships.isEmpty {
            throw ValidationError(
                "Name at least one customer list to read, or '-' for standard input (or a --relationships export alone)."
            )
        }
        if let asOf, CalendarDay(date: asOf) == nil {
            throw ValidationError("--as-of \(asOf): expected a date as YYYY-MM-DD, for example 2026-12-06.")
        }
        if !(0...730).contains(expiringWithin) {
            throw ValidationError(
                "--expiring-within takes 0 to 730 days (a GDAP relationship lasts at most two years).")
        }
        if (inputs + relationships + accessAssignments).count(where: { $0 == "-" }) > 1 {
            throw ValidationError("Standard input ('-') can be read only once.")
        }
        if check, output != nil {
            throw ValidationError("--check writes nothing; drop -o, or drop --check to write the index.")
        }
        if warningsAsErrors, skipInvalid {
            throw ValidationError(
                "--warnings-as-errors refuses any warning, --skip-invalid writes despite errors; choose one.")
        }
        if let portalURL, let problem = LinkKind.problem(withURLTemplate: portalURL) {
            throw ValidationError("--portal-url: \(problem).")
        }
        if portalURL != nil, portal != nil {
            throw ValidationError("--portal and --portal-url both choose the portal; give one of them.")
        }
        if let output, OutputDestination(output).format(requested: format) == nil {
            throw ValidationError(
                "Cannot tell the format from \(output); name it .html, .md, .confluence.xml or .fragment.html, or give --format html, markdown, confluence or fragment."
            )
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let stderrIsTerminal = isatty(STDERR_FILENO) == 1
        let report = OutcomeReport(
            printer: DiagnosticPrinter(
                style: diagnostics, colored: diagnostics == .text && stderrIsTerminal && environment["NO_COLOR"] == nil),
            quiet: quiet, warningsAsErrors: warningsAsErrors)
        let catalog: LinkCatalog
        do throws(ReportFailure) {
            catalog =
                try linkCatalog.map { file throws(ReportFailure) in try LinkCatalog.builtIn.overlaying(file: file) }
                ?? LinkCatalog.builtIn
        } catch {
            // The run cannot start: say why as the run itself would.
            var outcome = ReportOutcome()
            outcome.failure = error
            try finish(outcome, report: report, output: .standardOutput, format: .html)
            return
        }
        if listLinks {
            print(catalog.listing)
            return
        }
        let progress = stderrIsTerminal && !quiet ? ProgressLine(delay: progressAfter) : nil
        let options = try reportOptions(catalog: catalog, environment: environment, progress: progress)
        let outcome = ReportJob(options: options).run()
        progress?.finish()
        try finish(outcome, report: report, output: options.output, format: options.format)
    }

    /// The command line as the job's options: the one place they are set.
    private func reportOptions(
        catalog: LinkCatalog, environment: [String: String], progress: ProgressLine?
    ) throws -> ReportOptions {
        let destination = OutputDestination(output)
        let (portalKind, linkKinds): (LinkKind, [LinkKind])
        do throws(LinkCatalog.UnknownKind) {
            portalKind = try catalog.portal(named: portal?.name, url: portalURL)
            linkKinds = try catalog.links(named: links?.names ?? [])
        } catch {
            throw ValidationError(error.description)
        }
        var reporter: (@Sendable (StageTimings.Stage, Int) -> Void)?
        if let progress { reporter = { stage, rows in progress.update(stage, rows: rows) } }
        let source = { (path: String) in InputSource(path: path, firstByteTimeoutMilliseconds: firstByteTimeout) }
        // A relationships export alone is the customer list too: each relationship's customer is a customer.
        let (lists, beside) = inputs.isEmpty ? (relationships, []) : (inputs, relationships)
        return ReportOptions(
            inputs: lists.map(source),
            inputFormat: inputFormat,
            delimiter: delimiter?.byte,
            relationships: beside.map(source),
            accessAssignments: accessAssignments.map(source),
            asOf: asOf.flatMap { CalendarDay(date: $0) } ?? IndexBuilder.dayFromSourceDateEpoch(environment)
                ?? .today(),
            expiringWithin: expiringWithin,
            output: destination,
            format: destination.format(requested: format) ?? .html,
            portal: portalKind,
            linkKinds: linkKinds,
            linkCatalog: catalog,
            groupBy: groupBy,
            templatesDirectory: templates,
            title: title,
            generatedOn: IndexBuilder.dateFromSourceDateEpoch(environment),
            skipInvalid: skipInvalid,
            checkOnly: check,
            warningsAsErrors: warningsAsErrors,
            allowShrink: allowShrink,
            progress: reporter,
            // The process ends with the job: what the job allocated last is left to the system.
            releasesMemory: false,
            hooks: testSeam?.hooks ?? ReportHooks()
        )
    }

    /// Prints what the run found and did on standard error, and ends with the outcome's exit code.
    private func finish(
        _ outcome: ReportOutcome, report: OutcomeReport, output: OutputDestination, format: OutputFormat
    ) throws {
        var lines = report.lines(for: outcome, output: output, format: format)
        if timings { lines += report.timingLines(for: outcome) }
        if !lines.isEmpty {
            FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}

extension OutputFormat: ExpressibleByArgument {}
extension InputFormat: ExpressibleByArgument {}
extension DiagnosticPrinter.Style: ExpressibleByArgument {}
