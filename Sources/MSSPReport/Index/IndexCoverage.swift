/// What the index will lack for want of data, as warnings: a link a customer has no identifier for (naming the
/// column to add), and a `--group-by` column no customer has.
struct IndexCoverage {
    /// The extra link kinds asked for (`--links`).
    var linkKinds: [LinkKind]
    /// The column that groups the customers (`--group-by`).
    var groupBy: String?

    /// The warnings for `customers`, in customer order; the group column's has no location.
    func warnings(for customers: CustomerList) -> [Diagnostic] {
        var warnings = missingIdentifierWarnings(customers)
        if let column = groupBy, !customers.isEmpty,
            !customers.indices.contains(where: { customers.otherFields(at: $0).value(ofColumn: column) != nil })
        {
            warnings.append(
                .warning(
                    .missingGroupColumn,
                    "no customer has a \(column.quotedForDiagnostic) column or key to group by; all are under \(IndexBuilder.ungroupedTitle(column).quotedForDiagnostic)",
                    at: nil))
        }
        return warnings
    }

    /// One warning per customer and missing identifier when a requested link kind needs what the row lacks.
    private func missingIdentifierWarnings(_ customers: CustomerList) -> [Diagnostic] {
        let kinds = linkKinds.filter { $0.identifiers != [.tenantID] }
        guard !kinds.isEmpty else { return [] }
        var warnings: [Diagnostic] = []
        for position in customers.indices {
            // The identifiers the row lacks, in the order of the kinds, each with the titles of the kinds it
            // keeps out.
            var missing: [(identifier: LinkIdentifier, titles: [String])] = []
            for kind in kinds {
                guard let identifier = kind.identifiers.first(where: { customers.value(of: $0, at: position) == nil })
                else { continue }
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
                        "customer \(customers.name(at: position).quotedForDiagnostic) has no \(identifier.missingValue), so the index has no \(titles.joined(separator: " or ")) link for it; add or fill in \(identifier.columnToAdd)",
                        at: customers.location(at: position)))
            }
        }
        return warnings
    }
}
