extension CustomerList {
    /// What fills `identifier`'s placeholder in a link for the customer at `position`, or `nil` when the row
    /// lacks it: the one place a link's identifiers are looked up. No `Customer` is built: this runs once per
    /// link.
    func value(of identifier: LinkIdentifier, at position: Int) -> String? {
        switch identifier {
        case .tenantID: tenantID(at: position).description
        case .initialDomain: initialDomain(at: position)
        case .defaultDomain: defaultDomain(at: position)
        case .column(let name): columnValue(name, at: position)
        }
    }

    /// The trimmed value of a column or key (matched as column names are) of the customer at `position`, or
    /// `nil` when the row has none or only white space: what `{column:NAME}` and `--group-by` take.
    func columnValue(_ column: String, at position: Int) -> String? {
        Customer.columnValue(otherFields(at: position).value(ofColumn: column))
    }
}
