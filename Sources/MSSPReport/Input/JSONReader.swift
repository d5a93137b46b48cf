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
        var result = InputReadResult()
        let utf8: [UInt8]
        switch TextDecoding.utf8Bytes(of: bytes) {
        case .success(let decoded): utf8 = decoded
        case .failure(let problem):
            result.diagnostics.append(
                .error(.invalidEncoding, problem.message, at: SourceLocation(file: file, line: 1, column: 1)))
            result.isUnusable = true
            return result
        }
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
        var roles: [String: ColumnRole?] = [:]
        for object in objects {
            if let record = record(from: object, roles: &roles, diagnostics: &result.diagnostics) {
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
                ColumnMapping.missingColumnsDiagnostic(
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
            switch values[0] {
            case .array(let elements, _):
                return elements
            case .object(let members, let location):
                for key in ["customers", "value"] {
                    if let member = members.first(where: { $0.key == key }) {
                        guard case .array(let elements, _) = member.value else {
                            diagnostics.append(
                                .error(
                                    .unexpectedJSONShape,
                                    "\"\(key)\" holds \(member.value.kindName); \(shape)", at: member.value.location))
                            return nil
                        }
                        return elements
                    }
                }
                _ = location
                return values
            default:
                diagnostics.append(
                    .error(
                        .unexpectedJSONShape, "the file holds \(values[0].kindName); \(shape)", at: values[0].location))
                return nil
            }
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

    /// - Parameter roles: The role of each key seen so far: objects repeat their keys, and matching a key
    ///   against the aliases is not free.
    private func record(
        from value: JSONValue, roles: inout [String: ColumnRole?], diagnostics: inout [Diagnostic]
    )
        -> CustomerRecord?
    {
        guard case .object(let members, let location) = value else {
            diagnostics.append(
                .error(.unexpectedJSONShape, "expected a customer object, found \(value.kindName)", at: value.location))
            return nil
        }
        var record = CustomerRecord(location: location)
        var chosenKey: [ColumnRole: String] = [:]
        var valid = true
        // Every key with a text value, by its dotted path: nested objects (Graph's `customer` of a GDAP
        // relationship) are read as `customer.tenantId`, `customer.displayName`.
        var flattened: [(key: String, keyLocation: SourceLocation, value: JSONValue)] = []
        func flatten(_ members: [JSONValue.Member], prefix: String) {
            for member in members {
                let key = prefix.isEmpty ? member.key : "\(prefix).\(member.key)"
                if case .object(let inner, _) = member.value, prefix.split(separator: ".").count < 3 {
                    flatten(inner, prefix: key)
                } else {
                    flattened.append((key, member.keyLocation, member.value))
                }
            }
        }
        flatten(members, prefix: "")
        var seen: [String: (text: String?, location: SourceLocation)] = [:]
        for member in flattened {
            let role: ColumnRole?
            if let known = roles[member.key] {
                role = known
            } else {
                role = ColumnRole.matching(member.key)
                roles[member.key] = role
            }
            var scalarText: String?
            if case .string(let string, _) = member.value { scalarText = string }
            // The same key twice in one object: an error where it is a customer field with another value.
            if let first = seen[member.key] {
                if role != nil, first.text != scalarText {
                    diagnostics.append(
                        .error(
                            .duplicateKey,
                            "\"\(member.key)\" is given twice in this object, with different values; the first is at \(first.location)",
                            at: member.keyLocation))
                    valid = false
                } else {
                    diagnostics.append(
                        .warning(
                            .duplicateKey,
                            "\"\(member.key)\" is given twice in this object; the first, at \(first.location), is used",
                            at: member.keyLocation))
                }
                continue
            }
            seen[member.key] = (scalarText, member.keyLocation)
            let text: String
            switch member.value {
            case .string(let string, _):
                if Self.isFlattenedByPowerShell(string) {
                    diagnostics.append(
                        .error(
                            .wrongValueType,
                            "\"\(member.key)\" holds \(string.quotedForDiagnostic), what ConvertTo-Json writes for an object nested deeper than its -Depth (2 by default); export again with ConvertTo-Json -Depth 5",
                            at: member.value.location))
                    valid = false
                    continue
                }
                text = string
            case .number(let number, _) where role == nil:
                text = number
            case .bool(let flag, _) where role == nil:
                text = flag ? "true" : "false"
            default:
                if let role {
                    let expected = role == .tenantID ? "a tenant ID" : "text"
                    diagnostics.append(
                        .error(
                            .wrongValueType,
                            "\"\(member.key)\" holds \(member.value.kindName); expected \(expected) in double quotes",
                            at: member.value.location))
                    valid = false
                }
                continue
            }
            let field = RecordField(text, at: member.value.location)
            if let role {
                if let current = chosenKey[role], let chosen = self.field(role, of: record) {
                    // Keys at one level that disagree are an error; a nested customer's name beside the top
                    // level's (a GDAP relationship's own name) is not: the nested one wins by preference.
                    func level(_ key: String) -> Substring {
                        key.split(separator: ".").dropLast().joined(separator: ".")[...]
                    }
                    if level(current) == level(member.key), !role.agrees(chosen.value, text) {
                        diagnostics.append(
                            .error(
                                .conflictingColumns,
                                "\"\(current)\" and \"\(member.key)\" both give the \(role.label) and disagree: \(chosen.value.quotedForDiagnostic) and \(text.quotedForDiagnostic)",
                                at: member.value.location))
                        valid = false
                    }
                    if ColumnRole.preference(of: current, for: role) <= ColumnRole.preference(of: member.key, for: role)
                    {
                        record.otherFields.append(.init(key: member.key, field: field))
                        continue
                    }
                    record.otherFields.append(.init(key: current, field: chosen))
                }
                chosenKey[role] = member.key
                switch role {
                case .name: record.name = field
                case .tenantID: record.tenantID = field
                case .domain: record.domain = field
                case .initialDomain: record.initialDomain = field
                case .defaultDomain: record.defaultDomain = field
                }
            } else {
                record.otherFields.append(.init(key: member.key, field: field))
            }
        }
        return valid ? record : nil
    }

    private func field(_ role: ColumnRole, of record: CustomerRecord) -> RecordField? {
        switch role {
        case .name: record.name
        case .tenantID: record.tenantID
        case .domain: record.domain
        case .initialDomain: record.initialDomain
        case .defaultDomain: record.defaultDomain
        }
    }
}
