/// A JSON syntax error with the place it was found.
struct JSONSyntaxError: Error, Sendable {
    var message: String
    var location: SourceLocation
}
