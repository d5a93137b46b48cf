/// Generates deterministic customer lists for the benchmark: realistic names in many scripts, quoted fields,
/// and about 1% invalid rows.
struct CustomerListGenerator {
    private var state: UInt64

    init(seed: UInt64 = 0x5EED_1234_ABCD_0001) {
        state = seed
    }

    /// A SplitMix64 step: fast, deterministic, good enough for test data.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

    private static let first = [
        "Contoso", "Fabrikam", "Northwind", "Tailspin", "Woodgrove", "Adatum", "Litware", "Proseware", "Müller",
        "Société", "Ærøskøbing", "Łódź", "Şişecam", "Ελληνική", "Москва", "さくら", "株式会社", "北京", "서울",
        "القاهرة", "תל אביב", "Zürich", "São Paulo", "Kraków", "Ørsted",
    ]
    private static let second = [
        "Bank", "Toys", "Traders", "Logistik", "Health", "Energía", "Pharma", "Insurance", "Ναυτιλιακή", "Строй",
        "精機", "电子", "물산", "للتجارة", "טכנולוגיות", "& Söhne", "Holdings", "Retail", "Cloud",
    ]
    private static let suffix = ["Ltd", "GmbH", "Inc.", "S.A.", "A.Ş.", "ApS", "K.K.", "AG", "LLC", "plc"]

    private mutating func guid() -> String {
        let hex = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(36)
        let (a, b) = (next(), next())
        for index in 0..<32 {
            if index == 8 || index == 12 || index == 16 || index == 20 { bytes.append(UInt8(ascii: "-")) }
            let word = index < 16 ? a : b
            bytes.append(hex[Int((word >> UInt64((15 - index % 16) * 4)) & 0xF)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One customer: name, tenant ID (1% invalid), domain.
    mutating func customer(_ index: Int) -> (name: String, tenantID: String, domain: String) {
        var name = "\(pick(Self.first)) \(pick(Self.second)) \(pick(Self.suffix)) \(index)"
        if next() % 10 == 0 { name = "\(pick(Self.first)), \"\(pick(Self.second))\" \(index)" }
        let tenantID = next() % 100 == 0 ? "not-a-guid-\(index)" : guid()
        return (name, tenantID, "tenant\(index).onmicrosoft.com")
    }

    /// A CSV list of `count` customers.
    mutating func csv(count: Int) -> [UInt8] {
        var text = "Customer Name,Tenant ID,Domain\n"
        text.reserveCapacity(count * 80)
        for index in 0..<count {
            let customer = customer(index)
            let name =
                customer.name.contains(",") || customer.name.contains("\"")
                ? "\"" + customer.name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : customer.name
            text += "\(name),\(customer.tenantID),\(customer.domain)\n"
        }
        return Array(text.utf8)
    }

    /// A JSON list (`{"value": [...]}`) of `count` customers.
    mutating func json(count: Int) -> [UInt8] {
        var text = "{\"value\": [\n"
        text.reserveCapacity(count * 110)
        for index in 0..<count {
            let customer = customer(index)
            let name = customer.name.replacingOccurrences(of: "\"", with: "\\\"")
            text +=
                "  {\"displayName\": \"\(name)\", \"customerId\": \"\(customer.tenantID)\", \"defaultDomainName\": \"\(customer.domain)\"}"
            text += index + 1 < count ? ",\n" : "\n"
        }
        text += "]}\n"
        return Array(text.utf8)
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
