/// Turns records into customers, reporting every problem as a diagnostic and never stopping early.
///
/// Rules (see docs/input.md): a tenant ID is a GUID; braced and unhyphenated GUIDs are accepted with a
/// warning; the nil GUID and Microsoft's personal-account tenant are errors; a tenant ID listed twice is
/// an error citing both places; one name with two tenant IDs is a warning; a name is required, at most
/// `maximumNameLength` characters, without control characters.
public struct CustomerValidator: Sendable {
    /// The longest accepted name, in characters. Entra ID allows 256 for a tenant's display name.
    public static let maximumNameLength = 256

    /// Creates a validator.
    public init() {}

    /// What validation produced.
    public struct Result: Sendable {
        /// The valid customers, in input order.
        public var customers = CustomerList()
        /// Every problem found.
        public var diagnostics: [Diagnostic] = []
        /// Records that had at least one error and were left out.
        public var invalidRecordCount = 0
        /// Records validated.
        public var recordCount = 0
    }

    /// Validates all records of all inputs together, so that duplicates are found across files.
    public func validate(_ records: [CustomerRecord]) -> Result {
        var run = Run()
        for record in records { run.add(record) }
        return run.result
    }

    /// A validation fed one record at a time, as the inputs are read: no list of all records is kept.
    public struct Run: Sendable {
        /// What has been found so far.
        public private(set) var result = Result()
        // The first customer of each tenant ID (with where its tenant ID was written) and of each name, as
        // positions in `result.customers`: the look-ups hold no strings.
        private var firstByTenant = PositionTable()
        private var firstByName = NameIndex()
        private let validator = CustomerValidator()

        /// Starts a validation.
        public init() {}

        /// The position in `result.customers` of the customer with `tenantID`, if one is valid so far.
        public func position(of tenantID: TenantID) -> Int? {
            var hasher = Hasher()
            hasher.combine(tenantID)
            let hash = UInt32(truncatingIfNeeded: hasher.finalize())
            return firstByTenant.find(hash: hash) { result.customers.tenantID(at: Int($0)) == tenantID }.map(Int.init)
        }

        /// Reserves room for about `count` records of `bytes` input bytes in all.
        public mutating func reserveCapacity(records count: Int, inputBytes bytes: Int) {
            result.customers.reserveCapacity(customers: count, textBytes: bytes)
        }

        /// Validates the next record.
        public mutating func add(_ record: CustomerRecord) {
            result.recordCount += 1
            var errors: [Diagnostic] = []
            var warnings: [Diagnostic] = []
            var repeated = false
            let name = validator.validateName(record, errors: &errors)
            let tenantID = validator.validateTenantID(record, errors: &errors, warnings: &warnings)
            let domains = validator.validateDomains(record, warnings: &warnings)

            if let tenantID, let name, errors.isEmpty {
                let location = record.tenantID?.location ?? record.location
                let position = result.customers.count
                var hasher = Hasher()
                hasher.combine(tenantID)
                let tenantHash = UInt32(truncatingIfNeeded: hasher.finalize())
                let first = firstByTenant.find(hash: tenantHash) { result.customers.tenantID(at: Int($0)) == tenantID }
                if let first {
                    let firstPosition = Int(first)
                    let firstLocation = result.customers.tenantIDLocation(at: firstPosition)
                    let written = record.tenantID?.value.trimmingWhitespace ?? tenantID.description
                    let firstName = result.customers.name(at: firstPosition)
                    if firstName.lowercased() == name.lowercased() {
                        // The same customer again: listed once. A GDAP relationships export names a customer once
                        // per relationship (one per SOC tier is the common design), which is expected; two
                        // exports that overlap are worth a warning.
                        if !record.isRelationship {
                            warnings.append(
                                .warning(
                                    .repeatedCustomer,
                                    "customer \(name.quotedForDiagnostic) (\(tenantID)) is listed again; the index lists it once, as at \(firstLocation)",
                                    at: location))
                        }
                        repeated = true
                    } else {
                        errors.append(
                            .error(
                                .duplicateTenantID,
                                "tenant ID \(written.quotedForDiagnostic) is listed twice: \(tenantID) is already at \(firstLocation) for customer \(firstName.quotedForDiagnostic)",
                                at: location))
                    }
                } else {
                    firstByTenant.insert(hash: tenantHash, position: Int32(position))
                    if let firstPosition = firstByName.firstPosition(of: name, at: position, in: result.customers) {
                        let firstTenantID = result.customers.tenantID(at: firstPosition)
                        if firstTenantID != tenantID {
                            warnings.append(
                                .warning(
                                    .nameWithSeveralTenantIDs,
                                    "customer \(name.quotedForDiagnostic) also appears at \(result.customers.location(at: firstPosition)) with another tenant ID (\(firstTenantID))",
                                    at: record.name?.location ?? record.location))
                        }
                    }
                }
            }

            if !errors.isEmpty { result.diagnostics += errors }
            if !warnings.isEmpty { result.diagnostics += warnings }
            if repeated { return }
            if let name, let tenantID, errors.isEmpty {
                result.customers.append(
                    name: name, tenantID: tenantID, initialDomain: domains.initial, defaultDomain: domains.default,
                    otherFields: record.otherFields,
                    location: record.location, tenantIDLocation: record.tenantID?.location ?? record.location)
            } else {
                result.invalidRecordCount += 1
            }
        }
    }

    fileprivate func validateName(_ record: CustomerRecord, errors: inout [Diagnostic]) -> String? {
        guard let field = record.name else {
            errors.append(.error(.missingName, "the customer has no name", at: record.location))
            return nil
        }
        let name = field.value.trimmingWhitespace
        if name.isEmpty {
            errors.append(.error(.missingName, "the customer name is empty", at: field.location))
            return nil
        }
        // Control characters (general category Cc) are exactly U+0000–U+001F and U+007F–U+009F: compare values
        // rather than look up Unicode properties (perf: the look-up was the largest cost of validation).
        let isPrintableASCII = name.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        if !isPrintableASCII, let bad = name.unicodeScalars.first(where: { $0.isControlOrNoncharacter }) {
            let code = "U+\(String(bad.value, radix: 16, uppercase: true).leftPadded(to: 4))"
            errors.append(
                .error(
                    .invalidName,
                    bad.isNoncharacter
                        ? "customer name \(name.quotedForDiagnostic) contains the noncharacter \(code), which Unicode reserves and no text may hold"
                        : "customer name \(name.quotedForDiagnostic) contains the control character \(code)",
                    at: field.location))
            return nil
        }
        // A name of only invisible characters (zero-width spaces, format characters, fillers) would show as an
        // empty-looking row.
        if !isPrintableASCII, name.unicodeScalars.allSatisfy(\.isInvisible) {
            errors.append(
                .error(
                    .invalidName,
                    "customer name \(name.quotedForDiagnostic) has no visible character (only spaces, format or invisible characters)",
                    at: field.location))
            return nil
        }
        // A name of no more bytes than the limit has no more characters either; count only longer ones.
        let length = name.utf8.count <= Self.maximumNameLength ? 0 : name.count
        if length > Self.maximumNameLength {
            errors.append(
                .error(
                    .nameTooLong,
                    "customer name \(String(name.prefix(40)).quotedForDiagnostic)… is \(length) characters long; the limit is \(Self.maximumNameLength)",
                    at: field.location))
            return nil
        }
        return name
    }

    fileprivate func validateTenantID(
        _ record: CustomerRecord, errors: inout [Diagnostic], warnings: inout [Diagnostic]
    )
        -> TenantID?
    {
        guard let field = record.tenantID else {
            errors.append(.error(.invalidTenantID, "the customer has no tenant ID", at: record.location))
            return nil
        }
        let text = field.value
        if text.trimmingWhitespace.isEmpty {
            errors.append(
                .error(
                    .invalidTenantID,
                    "the tenant ID is empty (expected a GUID from Entra ID > Properties > Tenant ID)",
                    at: field.location))
            return nil
        }
        guard let (id, form) = TenantID.parse(text) else {
            errors.append(
                .error(
                    .invalidTenantID,
                    "tenant ID \(text.quotedForDiagnostic) is not a GUID (expected 8-4-4-4-12 hex digits)",
                    at: field.location))
            return nil
        }
        if id == .placeholder {
            errors.append(
                .error(
                    .placeholderTenantID,
                    "tenant ID \(text.quotedForDiagnostic) is the nil GUID, a placeholder rather than a tenant",
                    at: field.location))
            return nil
        }
        if id == .personalAccounts {
            errors.append(
                .error(
                    .personalAccountTenantID,
                    "tenant ID \(text.quotedForDiagnostic) is Microsoft's tenant for personal accounts, not a customer organisation",
                    at: field.location))
            return nil
        }
        switch form {
        case .hyphenated:
            break
        case .braced:
            warnings.append(
                .warning(
                    .nonCanonicalTenantID,
                    "tenant ID \(text.quotedForDiagnostic) is written in braces; read as \(id)", at: field.location))
        case .unhyphenated:
            warnings.append(
                .warning(
                    .nonCanonicalTenantID,
                    "tenant ID \(text.quotedForDiagnostic) has no hyphens; read as \(id)", at: field.location))
        }
        return id
    }

    /// The record's initial and default domains. A plain domain column fills the initial domain when it ends in
    /// `.onmicrosoft.com`, else the default domain; a default domain that is a `*.onmicrosoft.com` domain (a
    /// tenant without a domain of its own, as Partner Center's "Primary domain name" often is) stands for the
    /// initial domain too when no column gives that.
    fileprivate func validateDomains(
        _ record: CustomerRecord, warnings: inout [Diagnostic]
    ) -> (initial: String?, default: String?) {
        guard record.domain != nil || record.initialDomain != nil || record.defaultDomain != nil else {
            return (nil, nil)
        }
        // The usual case, one plain domain column: no more work than that one field.
        if record.initialDomain == nil, record.defaultDomain == nil, let field = record.domain {
            guard let plain = validateDomain(field, warnings: &warnings) else { return (nil, nil) }
            return Customer.isInitialDomain(plain) ? (plain, nil) : (nil, plain)
        }
        let plain = record.domain.flatMap { validateDomain($0, warnings: &warnings) }
        var initial = record.initialDomain.flatMap { validateDomain($0, warnings: &warnings) }
        var defaultDomain = record.defaultDomain.flatMap { validateDomain($0, warnings: &warnings) }
        if let plain {
            if Customer.isInitialDomain(plain) {
                initial = initial ?? plain
            } else {
                defaultDomain = defaultDomain ?? plain
            }
        }
        if initial == nil, record.initialDomain == nil, let defaultDomain, Customer.isInitialDomain(defaultDomain) {
            initial = defaultDomain
        }
        return (initial, defaultDomain)
    }

    fileprivate func validateDomain(_ field: RecordField, warnings: inout [Diagnostic]) -> String? {
        var trimmed = field.value.trimmingWhitespace
        let isLowercaseASCII = trimmed.withUTF8 { bytes in
            !bytes.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") || $0 >= 0x80 }
        }
        let domain = isLowercaseASCII ? trimmed : trimmed.lowercased()
        if domain.isEmpty { return nil }
        let isHostName = Self.isHostName(domain)
        if !isHostName {
            warnings.append(
                .warning(
                    .invalidDomain,
                    "domain \(field.value.quotedForDiagnostic) is not a domain name; it is left out of the index",
                    at: field.location))
            return nil
        }
        return domain
    }
}

extension CustomerValidator {
    /// Whether the bytes are a DNS host name: at least two dot-separated labels of letters, digits and inner
    /// hyphens, each at most 63 bytes, 253 in all. Lowercase input expected.
    static func isHostName(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isHostName($0) }
    }

    static func isHostName(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= 253 else { return false }
        var labels = 0
        var length = 0
        var previous: UInt8 = UInt8(ascii: ".")
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard length > 0, previous != UInt8(ascii: "-") else { return false }
                labels += 1
                length = 0
            } else {
                guard byte.isASCIIAlphanumeric || (byte == UInt8(ascii: "-") && length > 0) else { return false }
                length += 1
                guard length <= 63 else { return false }
            }
            previous = byte
        }
        guard length > 0, previous != UInt8(ascii: "-") else { return false }
        return labels + 1 >= 2
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }
}

extension Unicode.Scalar {
    /// A control character (Cc), or U+FFFE, U+FFFF or another noncharacter, which XML does not allow either.
    fileprivate var isControlOrNoncharacter: Bool {
        value < 0x20 || (0x7F...0x9F).contains(value) || isNoncharacter
    }

    /// One of the 66 noncharacters: U+FDD0–U+FDEF and the last two code points of every plane.
    fileprivate var isNoncharacter: Bool {
        (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE
    }

    /// A character that shows nothing: white space, a format character (Cf, such as U+200B or U+2064), a
    /// default-ignorable code point (such as the Hangul fillers), or the blank Braille pattern.
    fileprivate var isInvisible: Bool {
        // One property look-up for most scalars (perf: three of them per name showed in validation's profile).
        if value < 0x80 { return value == 0x20 }
        switch properties.generalCategory {
        case .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .control: return true
        case .nonspacingMark: return properties.isDefaultIgnorableCodePoint
        case .otherLetter, .otherSymbol:
            // The Hangul fillers and the blank Braille pattern are letters and symbols that show nothing.
            return value == 0x115F || value == 0x1160 || value == 0x3164 || value == 0xFFA0 || value == 0x2800
        default: return false
        }
    }
}

extension UInt8 {
    fileprivate var isASCIIAlphanumeric: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
    }
}
