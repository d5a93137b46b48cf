/// What one run of mssp-report should do: the command line, parsed and checked.
public struct ReportOptions: Sendable {
    /// The inputs, merged in order.
    public var inputs: [InputSource]
    /// The input format, or `nil` to go by each file's extension or content.
    public var inputFormat: InputFormat?
    /// The CSV delimiter, or `nil` to detect it.
    public var delimiter: UInt8?
    /// Graph `delegatedAdminRelationships` exports read beside the customer list (`--relationships`), joined by
    /// tenant ID. A customer list that is such an export gives its relationships too.
    public var relationships: [InputSource]
    /// Graph access-assignment exports, each item tagged with its relationship's ID (`--access-assignments`).
    public var accessAssignments: [InputSource]
    /// The day access is judged on (`--as-of`, else `SOURCE_DATE_EPOCH`, else today in UTC).
    public var asOf: CalendarDay
    /// A relationship that ends within this many days is expiring (`--expiring-within`).
    public var expiringWithin: Int
    /// Where the index goes.
    public var output: OutputDestination
    /// The document format.
    public var format: OutputFormat
    /// The portal each customer links to.
    public var portal: LinkKind
    /// Extra per-customer link kinds (`--links`).
    public var linkKinds: [LinkKind]
    /// The catalog the link kinds come from (for `link.<kind>` in templates).
    public var linkCatalog: LinkCatalog
    /// The column that groups the customers (`--group-by`).
    public var groupBy: String?
    /// A folder of templates replacing the defaults by name.
    public var templatesDirectory: String?
    /// The page title.
    public var title: String
    /// The generation date to show, if any.
    public var generatedOn: String?
    /// Write the index without the invalid rows instead of refusing.
    public var skipInvalid: Bool
    /// Read and validate only; write nothing.
    public var checkOnly: Bool
    /// Refuse to write when there is any warning, as when there is an error. (The job reports warnings as
    /// warnings; the command line prints them as errors.)
    public var warningsAsErrors: Bool
    /// Told when each stage starts, with the number of rows read so far (for a progress line).
    public var progress: (@Sendable (StageTimings.Stage, Int) -> Void)?
    /// Whether the job frees all it allocates. The command line, whose process ends with the job, sets this to
    /// `false`: the check of a Markdown index holds cmark-gfm's tree of the whole document, and freeing it node
    /// by node takes over a second at a million customers, so the job leaves it to the system, as compilers do
    /// with `-disable-free`. A long-lived process should leave it `true`.
    public var releasesMemory: Bool
    /// Replace an index even when the new one lists fewer than half of its customers.
    public var allowShrink: Bool
    /// Calls at fixed points of the run, for tests.
    public var hooks: ReportHooks

    /// Creates options; the defaults are those of the command line.
    public init(
        inputs: [InputSource],
        inputFormat: InputFormat? = nil,
        delimiter: UInt8? = nil,
        relationships: [InputSource] = [],
        accessAssignments: [InputSource] = [],
        asOf: CalendarDay = .today(),
        expiringWithin: Int = 30,
        output: OutputDestination = .standardOutput,
        format: OutputFormat = .html,
        portal: LinkKind = LinkCatalog.defender,
        linkKinds: [LinkKind] = [],
        linkCatalog: LinkCatalog = .builtIn,
        groupBy: String? = nil,
        templatesDirectory: String? = nil,
        title: String = IndexBuilder.defaultTitle,
        generatedOn: String? = nil,
        skipInvalid: Bool = false,
        checkOnly: Bool = false,
        warningsAsErrors: Bool = false,
        allowShrink: Bool = false,
        progress: (@Sendable (StageTimings.Stage, Int) -> Void)? = nil,
        releasesMemory: Bool = true,
        hooks: ReportHooks = ReportHooks()
    ) {
        self.inputs = inputs
        self.inputFormat = inputFormat
        self.delimiter = delimiter
        self.relationships = relationships
        self.accessAssignments = accessAssignments
        self.asOf = asOf
        self.expiringWithin = expiringWithin
        self.output = output
        self.format = format
        self.portal = portal
        self.linkKinds = linkKinds
        self.linkCatalog = linkCatalog
        self.groupBy = groupBy
        self.templatesDirectory = templatesDirectory
        self.title = title
        self.generatedOn = generatedOn
        self.skipInvalid = skipInvalid
        self.checkOnly = checkOnly
        self.warningsAsErrors = warningsAsErrors
        self.allowShrink = allowShrink
        self.progress = progress
        self.releasesMemory = releasesMemory
        self.hooks = hooks
    }
}
