/// One problem found in the input or in a template, with the place it was found.
///
/// Bad customer data never throws: every stage reports what it finds as diagnostics and keeps going,
/// so that the user sees every problem in one run.
public struct Diagnostic: Hashable, Sendable {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    /// Error or warning.
    public var severity: Severity
    /// A stable identifier for tooling, for example `invalid-tenant-id`.
    public var code: Code
    /// A full sentence for a person; quoted values are already made printable.
    public var message: String
    /// Where the problem is; `nil` for problems that belong to no place (an empty input list).
    public var location: SourceLocation?

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ code: Code, _ message: String, at location: SourceLocation?) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
    }

    /// Creates an error.
    public static func error(_ code: Code, _ message: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.error, code, message, at: location)
    }

    /// Creates a warning.
    public static func warning(_ code: Code, _ message: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.warning, code, message, at: location)
    }
}

extension Diagnostic {
    /// The stable diagnostic codes. docs/input.md lists them; tooling may rely on them.
    public enum Code: String, Sendable, CaseIterable {
        // Reading
        case unreadableInput = "unreadable-input"
        case invalidEncoding = "invalid-encoding"
        case unterminatedQuote = "unterminated-quote"
        case malformedCSV = "malformed-csv"
        case fieldCount = "field-count"
        case missingColumn = "missing-column"
        case invalidJSON = "invalid-json"
        case unexpectedJSONShape = "unexpected-json-shape"
        case wrongValueType = "wrong-value-type"
        case duplicateKey = "duplicate-key"
        case conflictingColumns = "conflicting-columns"
        case emptyInput = "empty-input"
        case inputTooLarge = "input-too-large"
        case fieldTooLong = "field-too-long"
        case tooManyColumns = "too-many-columns"
        case tooManyRows = "too-many-rows"
        // Validation
        case invalidTenantID = "invalid-tenant-id"
        case nonCanonicalTenantID = "non-canonical-tenant-id"
        case placeholderTenantID = "placeholder-tenant-id"
        case personalAccountTenantID = "personal-account-tenant-id"
        case duplicateTenantID = "duplicate-tenant-id"
        case repeatedCustomer = "repeated-customer"
        case nameWithSeveralTenantIDs = "name-with-several-tenant-ids"
        case missingName = "missing-name"
        case invalidName = "invalid-name"
        case nameTooLong = "name-too-long"
        case invalidDomain = "invalid-domain"
        case missingLinkIdentifier = "missing-link-identifier"
        case missingGroupColumn = "missing-group-column"
        // Access (GDAP relationships)
        case accessExpiring = "access-expiring"
        case accessEnded = "access-ended"
        case accessPending = "access-pending"
        case accessNoDefenderRole = "access-no-defender-role"
        case accessNoRelationship = "access-no-relationship"
        case relationshipWithoutCustomer = "relationship-without-customer"
        case relationshipCustomerNotListed = "relationship-customer-not-listed"
        case relationshipUnreadable = "relationship-unreadable"
        case assignmentUnmatched = "assignment-unmatched"
        // Templates and output
        case templateSyntax = "template-syntax"
        case invalidLinkCatalog = "invalid-link-catalog"
        case outputCheck = "output-check"
        case unwritableOutput = "unwritable-output"
        case indexWouldShrink = "index-would-shrink"
    }
}
