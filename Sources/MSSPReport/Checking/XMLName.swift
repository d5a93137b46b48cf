import CXMLCheck

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A NUL-terminated name or value from the parser.
struct XMLName {
    let pointer: UnsafePointer<CChar>

    /// Whether the bytes equal `text` (ASCII).
    func equals(_ text: StaticString) -> Bool {
        strcmp(pointer, UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
    }

    /// The bytes as a Swift string.
    var string: String { String(cString: pointer) }
}
