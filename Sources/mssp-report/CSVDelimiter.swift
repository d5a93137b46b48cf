public import ArgumentParser

/// A `--delimiter` value: `tab` (also a literal tab or `\t`), or any one ASCII punctuation character but the
/// double quote, which CSV keeps for quoting (`,`, `;`, `|`, `:` …).
struct CSVDelimiter: ExpressibleByArgument {
    /// The delimiter byte.
    let byte: UInt8

    init?(argument: String) {
        switch argument {
        case "tab", "\t", "\\t": byte = UInt8(ascii: "\t")
        default:
            guard argument.utf8.count == 1, let only = argument.utf8.first, only != UInt8(ascii: "\""),
                (0x21...0x7E).contains(only), !Character(Unicode.Scalar(only)).isLetter,
                !Character(Unicode.Scalar(only)).isNumber
            else { return nil }
            byte = only
        }
    }

    /// The help text lists the values; ArgumentParser's "(values: ,, ;, tab)" would only blur them.
    static var allValueStrings: [String] { [] }
}
