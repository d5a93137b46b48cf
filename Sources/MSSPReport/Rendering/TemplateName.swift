/// One step of a compiled (dotted) name: a variable of `TemplateSchema`, or one of the run's link kinds under a
/// customer's `link` (`{{link.exchange.url}}`), by its position in `--links`.
enum TemplateName: Sendable, Equatable {
    case key(TemplateKey)
    /// A link kind of the run; -1 for a kind of the catalog that this run does not request (it renders as
    /// missing, so that one template serves runs with different `--links`).
    case linkKind(Int)
}
