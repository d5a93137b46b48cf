/// Reads customer records from JSON: an array of objects; an object holding that array under `customers`
/// or `value` (Graph and CIPP API responses); or JSON Lines / NDJSON, one object per line.
public struct JSONReader: Sendable {
    /// `.json` when the input was declared JSON (`--input-format json`): then it must be one value.
    public var format: InputFormat?

    /// Creates a reader; `format` is the declared format, if any.
    public init(format: InputFormat? = nil) {
        self.format = format
    }

    /// What ConvertTo-Json writes for an object nested deeper than its `-Depth` (2 by default).
    static func isFlattenedByPowerShell(_ text: String) -> Bool {
        text == "System.Collections.Hashtable" || text == "System.Object[]"
            || (text.hasPrefix("@{") && text.hasSuffix("}") && text.contains("="))
    }

    /// Reads the records of one input.
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - file: The name diagnostics use for this input.
    public func read(_ bytes: [UInt8], file: String) -> InputReadResult {
        let utf8: [UInt8]
        switch TextDecoding.utf8Bytes(of: bytes, file: file) {
        case .success(let decoded): utf8 = decoded
        case .failure(let unusable): return unusable.result
        }
        var result = InputReadResult()
        let values: [JSONValue]
        do {
            values = try utf8.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
                var parser = JSONParser(bytes: buffer, file: file)
                return try parser.parseValues()
            }
        } catch {
            result.diagnostics.append(.error(.invalidJSON, error.message, at: error.location))
            result.isUnusable = true
            return result
        }
        let start = SourceLocation(file: file, line: 1, column: 1)
        guard let objects = customerObjects(in: values, start: start, diagnostics: &result.diagnostics) else {
            result.isUnusable = true
            return result
        }
        var claims: [String: ColumnClaim?] = [:]
        for object in objects {
            if let record = record(from: object, claims: &claims, diagnostics: &result.diagnostics) {
                result.records.append(record)
            } else {
                result.droppedRowCount += 1
            }
        }
        // A key that no object has is one error for the file, not one per customer; a key that only some
        // objects lack is reported per customer by validation.
        var missing: [ColumnRole] = []
        if !result.records.contains(where: { $0.name != nil }) { missing.append(.name) }
        if !result.records.contains(where: { $0.tenantID != nil }) { missing.append(.tenantID) }
        if !result.records.isEmpty, !missing.isEmpty {
            result.diagnostics.append(
                ColumnRole.missingColumnsDiagnostic(
                    missing, at: result.records[0].location, noun: "customer objects"))
            result.droppedRowCount += result.records.count
            result.records = []
            result.isUnusable = true
        }
        return result
    }

    /// The values that should be customer objects, or `nil` after an error about the document's shape.
    private func customerObjects(
        in values: [JSONValue], start: SourceLocation, diagnostics: inout [Diagnostic]
    )
        -> [JSONValue]?
    {
        let shape =
            "expected an array of customer objects, an object with a \"customers\" or \"value\" array, or one object per line"
        switch values.count {
        case 0:
            diagnostics.append(.error(.emptyInput, "the file holds no JSON; \(shape)", at: start))
            return nil
        case 1:
            return customerObjects(in: values[0], shape: shape, diagnostics: &diagnostics)
        default:
            // Several values: JSON Lines, one customer object per line. After an array or a wrapper (one JSON
            // text), or in a file declared JSON, anything more is trailing data.
            let wrapped: Bool
            if case .object(let members, _) = values[0] {
                wrapped = members.contains { $0.key == "customers" || $0.key == "value" }
            } else {
                wrapped = true
            }
            if wrapped || format == .json {
                diagnostics.append(
                    .error(
                        .invalidJSON,
                        "unexpected data after the JSON value; a JSON text holds one value (for one object per line, name the file .ndjson or .jsonl)",
                        at: values[1].location))
                return nil
            }
            return values
        }
    }

    /// The customer objects of a file that holds one JSON value: the elements of an array, of the array under
    /// `customers` or `value`, or the one object itself.
    private func customerObjects(
        in value: JSONValue, shape: String, diagnostics: inout [Diagnostic]
    ) -> [JSONValue]? {
        switch value {
        case .array(let elements, _):
            return elements
        case .object(let members, _):
            guard
                let member = members.first(where: { $0.key == "customers" })
                    ?? members.first(where: { $0.key == "value" })
            else { return [value] }
            guard case .array(let elements, _) = member.value else {
                diagnostics.append(
                    .error(
                        .unexpectedJSONShape, "\"\(member.key)\" holds \(member.value.kindName); \(shape)",
                        at: member.value.location))
                return nil
            }
            return elements
        default:
            diagnostics.append(
                .error(.unexpectedJSONShape, "the file holds \(value.kindName); \(shape)", at: value.location))
            return nil
        }
    }

    /// A key of a customer object with a value that is not an object, by its dotted path: nested objects
    /// (Graph's `customer` of a GDAP relationship) are read as `customer.tenantId`, `customer.displayName`.
    private struct FlatMember {
        var key: String
        /// The length of the path of the object the key is in (`customer` of `customer.tenantId`), 0 at the top
        /// level.
        var levelLength: Int
        var keyLocation: SourceLocation
        var value: JSONValue
    }

    /// The members of an object and of the objects in it, three levels deep, in document order.
    private static func flattened(_ members: [JSONValue.Member], level: String = "") -> [FlatMember] {
        var flat: [FlatMember] = []
        for member in members {
            let key = level.isEmpty ? member.key : "\(level).\(member.key)"
            if case .object(let inner, _) = member.value, level.split(separator: ".").count < 3 {
                flat += flattened(inner, level: key)
            } else {
                flat.append(
                    FlatMember(
                        key: key, levelLength: level.utf8.count, keyLocation: member.keyLocation, value: member.value))
            }
        }
        return flat
    }

    /// The record an object makes, or `nil` after an error about it.
    /// - Parameter claims: What each key seen so far claims: objects repeat their keys, and matching a key
    ///   against the aliases is not free.
    private func record(
        from value: JSONValue, claims: inout [String: ColumnClaim?], diagnostics: inout [Diagnostic]
    ) -> CustomerRecord? {
        guard case .object(let members, let location) = value else {
            diagnostics.append(
                .error(.unexpectedJSONShape, "expected a customer object, found \(value.kindName)", at: value.location))
            return nil
        }
        var record = CustomerRecord(location: location)
        var builder = RecordBuilder()
        var valid = true
        var seen: [String: (text: String?, location: SourceLocation)] = [:]
        for member in Self.flattened(members) {
            let claim: ColumnClaim?
            if let known = claims[member.key] {
                claim = known
            } else {
                claim = ColumnClaim(key: member.key)
                claims[member.key] = claim
            }
            if let duplicate = Self.duplicateProblem(member, claim: claim, seen: &seen) {
                diagnostics.append(duplicate)
                if duplicate.severity == .error { valid = false }
                continue
            }
            switch Self.text(of: member, claim: claim) {
            case .text(let text):
                builder.add(
                    RecordField(text, at: member.value.location), key: member.key, claim: claim,
                    levelLength: member.levelLength, to: &record)
            case .nothing:
                continue
            case .invalid(let problem):
                diagnostics.append(problem)
                valid = false
            }
        }
        let agree = builder.finish(record, naming: .keys, diagnostics: &diagnostics)
        return valid && agree ? record : nil
    }

    /// The problem with a key given a second time in one object: an error where it is a customer field with
    /// another value, a warning otherwise (the first is used). `nil` the first time.
    private static func duplicateProblem(
        _ member: FlatMember, claim: ColumnClaim?, seen: inout [String: (text: String?, location: SourceLocation)]
    ) -> Diagnostic? {
        var scalarText: String?
        if case .string(let string, _) = member.value { scalarText = string }
        guard let first = seen[member.key] else {
            seen[member.key] = (scalarText, member.keyLocation)
            return nil
        }
        if claim != nil, first.text != scalarText {
            return .error(
                .duplicateKey,
                "\"\(member.key)\" is given twice in this object, with different values; the first is at \(first.location)",
                at: member.keyLocation)
        }
        return .warning(
            .duplicateKey, "\"\(member.key)\" is given twice in this object; the first, at \(first.location), is used",
            at: member.keyLocation)
    }

    /// What a member's value gives a record.
    private enum MemberText {
        /// The value as text.
        case text(String)
        /// Nothing: a value of another kind in a key that plays no role.
        case nothing
        /// An error: a customer field that is not text.
        case invalid(Diagnostic)
    }

    /// A member's value as text: strings as they are, numbers and booleans of keys that play no role as
    /// written.
    private static func text(of member: FlatMember, claim: ColumnClaim?) -> MemberText {
        switch member.value {
        case .string(let string, _):
            guard isFlattenedByPowerShell(string) else { return .text(string) }
            return .invalid(
                .error(
                    .wrongValueType,
                    "\"\(member.key)\" holds \(string.quotedForDiagnostic), what ConvertTo-Json writes for an object nested deeper than its -Depth (2 by default); export again with ConvertTo-Json -Depth 5",
                    at: member.value.location))
        case .number(let number, _) where claim == nil:
            return .text(number)
        case .bool(let flag, _) where claim == nil:
            return .text(flag ? "true" : "false")
        default:
            guard let claim else { return .nothing }
            let expected = claim.role == .tenantID ? "a tenant ID" : "text"
            return .invalid(
                .error(
                    .wrongValueType,
                    "\"\(member.key)\" holds \(member.value.kindName); expected \(expected) in double quotes",
                    at: member.value.location))
        }
    }
}
