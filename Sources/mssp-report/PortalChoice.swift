public import ArgumentParser

/// A `--portal` value: the name of a portal in the link catalog (the built-in one, or with `--link-catalog`),
/// looked up once the catalog is read.
struct PortalChoice: ExpressibleByArgument {
    /// The portal's name.
    let name: String

    init?(argument: String) {
        name = argument
    }
}
