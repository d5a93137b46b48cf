import MSSPReport

/// Generates deterministic customer lists for the benchmark: realistic names in many scripts, quoted fields,
/// and about 1% invalid rows.
struct CustomerListGenerator {
    private var state: UInt64

    init(seed: UInt64 = 0x5EED_1234_ABCD_0001) {
        state = seed
    }

    /// A SplitMix64 step: fast, deterministic, good enough for test data.
    fileprivate mutating func next() -> UInt64 {
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

    fileprivate mutating func guid() -> String {
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
            text += Self.csvLine(customer(index))
        }
        return Array(text.utf8)
    }

    /// One customer as a line of the CSV list, quoted where the name needs it.
    private static func csvLine(_ customer: (name: String, tenantID: String, domain: String)) -> String {
        let name =
            customer.name.contains(",") || customer.name.contains("\"")
            ? "\"" + customer.name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : customer.name
        return "\(name),\(customer.tenantID),\(customer.domain)\n"
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

extension CustomerListGenerator {
    /// Days from 1970-01-01 to 2026-12-06, the day the access runs are judged on (`--as-of 2026-12-06`).
    static let asOfDay = 20_793
    static let asOf = "2026-12-06"

    private static let roles = [
        "5d6b6bb7-de71-4623-b4af-96380a352509", "5f2222b1-57c3-48ba-8ad5-d4759f1fde6f",
        "194ae4cb-b126-40b2-bd5b-6091b380977d", "29232cdf-9323-42fd-ade2-1d097af3e4de",
        "fe930be7-5e62-47db-91af-98c3a49a38b1",
    ]

    /// A CSV list of `count` customers and Graph's relationships export for them (`{"value": [...]}`, written
    /// as Graph Explorer saves it, about 900 bytes a relationship): most customers active (a tenth with a second
    /// relationship, one per SOC tier), and, as an MSSP's real export has them, a few expiring, pending, ended,
    /// without a Defender role or without any relationship.
    mutating func listAndRelationships(count: Int) -> (csv: [UInt8], json: [UInt8]) {
        var csv = "Customer Name,Tenant ID,Domain\n"
        csv.reserveCapacity(count * 80)
        var json =
            "{\n  \"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#tenantRelationships/delegatedAdminRelationships\",\n  \"value\": [\n"
        json.reserveCapacity(count * 1_000)
        var first = true
        for index in 0..<count {
            let customer = customer(index)
            csv += Self.csvLine(customer)
            let kind = next() % 1000
            guard kind < 980, !customer.tenantID.hasPrefix("not-") else { continue }
            let tiers = next() % 10 == 0 ? 2 : 1
            for tier in 1...tiers {
                var status = "active"
                var end: Int? = Self.asOfDay + 31 + Int(next() % 670)
                var roles = [Self.roles[Int(next() % 3)], Self.roles[3 + Int(next() % 2)]]
                switch kind {
                case 900..<930: end = Self.asOfDay + Int(next() % 31)
                case 930..<945: (status, end) = ("approvalPending", nil)
                case 945..<960: (status, end) = ("expired", Self.asOfDay - 1 - Int(next() % 300))
                case 960..<980: roles = [Self.roles[3]]
                default: break
                }
                if !first { json += ",\n" }
                first = false
                json += relationship(
                    customer: customer, name: customer.name, tier: tier, status: status, end: end, roles: roles,
                    autoExtends: next() % 7 == 0)
            }
        }
        json += "\n  ]\n}\n"
        return (Array(csv.utf8), Array(json.utf8))
    }

    private mutating func relationship(
        customer: (name: String, tenantID: String, domain: String), name: String, tier: Int, status: String,
        end: Int?, roles: [String], autoExtends: Bool
    ) -> String {
        let escaped = name.replacingOccurrences(of: "\"", with: "\\\"")
        let created = CalendarDay(number: (end ?? Self.asOfDay) - 730).description
        let endText = end.map { "\"\(CalendarDay(number: $0))T09:30:00.4508397Z\"" } ?? "null"
        let activated = end == nil ? "null" : "\"\(created)T09:30:00Z\""
        let unifiedRoles = roles.map { "\n          {\n            \"roleDefinitionId\": \"\($0)\"\n          }" }
            .joined(separator: ",")
        return """
                {
                  "@odata.type": "#microsoft.graph.delegatedAdminRelationship",
                  "id": "\(guid())-8777b240-c6f0-4469-9e98-a3205431b836",
                  "displayName": "SOC tier \(tier) - \(escaped)",
                  "duration": "P730D",
                  "status": "\(status)",
                  "autoExtendDuration": "\(autoExtends ? "P180D" : "PT0S")",
                  "createdDateTime": "\(created)T09:00:00Z",
                  "lastModifiedDateTime": "\(created)T09:30:00Z",
                  "activatedDateTime": \(activated),
                  "endDateTime": \(endText),
                  "customer": {
                    "tenantId": "\(customer.tenantID)",
                    "displayName": "\(escaped)"
                  },
                  "accessDetails": {
                    "unifiedRoles": [\(unifiedRoles)
                    ]
                  }
                }
            """
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
