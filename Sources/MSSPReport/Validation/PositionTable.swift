/// A hash set of positions (in the customer list), keyed by whatever the positions point at: an open-
/// addressing table of 8-byte slots holding a 32-bit hash and the position. The keys themselves are not
/// stored; on a hash match the caller compares them.
///
/// At a million customers, `Dictionary<TenantID, …>` and a dictionary of name hashes took well over 100 MB
/// (and every page of them was touched by random inserts); two of these take 32 MB.
struct PositionTable {
    /// 0 for an empty slot; otherwise the hash in the high 32 bits and position + 1 in the low 32.
    private var slots = [UInt64](repeating: 0, count: 1024)
    private var count = 0

    /// The stored position under `hash` whose key `isSame` confirms, if any.
    func find(hash: UInt32, isSame: (Int32) -> Bool) -> Int32? {
        var slot = Self.home(of: hash, in: slots.count)
        let mask = slots.count - 1
        while slots[slot] != 0 {
            let stored = slots[slot]
            if UInt32(truncatingIfNeeded: stored >> 32) == hash {
                let candidate = Int32(truncatingIfNeeded: stored & 0xFFFF_FFFF) - 1
                if isSame(candidate) { return candidate }
            }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Stores `position` under `hash` (after `find` found no equal key).
    mutating func insert(hash: UInt32, position: Int32) {
        var slot = Self.home(of: hash, in: slots.count)
        let mask = slots.count - 1
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = UInt64(hash) << 32 | UInt64(UInt32(position + 1))
        count += 1
        if count * 2 > slots.count { grow() }
    }

    /// The slot a hash starts probing at: Fibonacci hashing of all 32 bits, so the table can be rebuilt from
    /// the stored hashes alone.
    private static func home(of hash: UInt32, in size: Int) -> Int {
        let bits = size.trailingZeroBitCount
        return Int(truncatingIfNeeded: (UInt64(hash) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        for stored in old where stored != 0 {
            var slot = Self.home(of: UInt32(truncatingIfNeeded: stored >> 32), in: slots.count)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = stored
        }
    }
}
