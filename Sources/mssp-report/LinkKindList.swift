public import ArgumentParser
import Foundation

/// A `--links` value: comma-separated names of link kinds, looked up in the link catalog once it is read.
struct LinkKindList: ExpressibleByArgument {
    /// The names, in order, lowercased.
    let names: [String]

    init?(argument: String) {
        names = argument.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty }
    }
}
