/// The first position of each name, compared without regard to case. A `PositionTable` keyed by a 32-bit hash
/// of the lowercased bytes holds positions only, so that no key is stored per name; every slot with the same hash
/// is confirmed by lowercasing the stored name again and comparing the bytes, so names whose hashes collide are
/// told apart.
struct NameIndex {
    private var table = PositionTable()
    private var lowercaser = Lowercaser()
    private var key: [UInt8] = []
    private var candidateKey: [UInt8] = []

    /// The position recorded for a name equal to `name` ignoring case, or `nil` after recording `position`
    /// for it. Positions are those of `customers`.
    mutating func firstPosition(of name: String, at position: Int, in customers: CustomerList) -> Int? {
        key.removeAll(keepingCapacity: true)
        lowercaser.append(name, to: &key)
        var hasher = Hasher()
        key.withUnsafeBytes { hasher.combine(bytes: $0) }
        let hash = UInt32(truncatingIfNeeded: hasher.finalize())
        // The comparison lowercases the candidate with this index's own lowercaser and scratch buffer, moved
        // out for the call (a copy would duplicate the lowercaser's table).
        var lowercaser = Lowercaser()
        var candidateKey: [UInt8] = []
        swap(&lowercaser, &self.lowercaser)
        swap(&candidateKey, &self.candidateKey)
        let key = self.key
        let first = table.find(hash: hash) { candidate in
            candidateKey.removeAll(keepingCapacity: true)
            lowercaser.append(customers.name(at: Int(candidate)), to: &candidateKey)
            return candidateKey == key
        }
        swap(&lowercaser, &self.lowercaser)
        swap(&candidateKey, &self.candidateKey)
        if let first { return Int(first) }
        table.insert(hash: hash, position: Int32(position))
        return nil
    }
}
