/// A template that cannot be parsed.
struct TemplateSyntaxError: Error {
    /// The diagnostic to print.
    var diagnostic: Diagnostic
}
