public import ArgumentParser

/// A `--delimiter` value: `,`, `;` or `tab` (also a literal tab or `\t`).
struct CSVDelimiter: ExpressibleByArgument {
    /// The delimiter byte.
    let byte: UInt8

    init?(argument: String) {
        switch argument {
        case ",": byte = UInt8(ascii: ",")
        case ";": byte = UInt8(ascii: ";")
        case "tab", "\t", "\\t": byte = UInt8(ascii: "\t")
        default: return nil
        }
    }

    /// The help text lists the values; ArgumentParser's "(values: ,, ;, tab)" would only blur them.
    static var allValueStrings: [String] { [] }
}
