import Testing

@testable import MSSPReport

@Suite struct LowercaserTests {
    @Test func givesTheBytesOfStringLowercased() {
        let names = [
            "Contoso LTD", "Müller & SÖHNE", "İSTANBUL Şirketi", "ΣΟΦΊΑ Σ", "ǄUNGLA ǅ", "Москва СТРОЙ", "תל אביב 精機",
            "STRASSE ẞ", "Ａｄａｔｕｍ", "𐐀𐐁 Deseret", "👩‍💻 Team", "", "ÅNGSTRÖM Å",
        ]
        var lowercaser = Lowercaser()
        for name in names {
            var bytes: [UInt8] = []
            lowercaser.append(name, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == name.lowercased(), "\(name)")
            #expect(bytes == Array(name.lowercased().utf8), "\(name)")
        }
    }
}
