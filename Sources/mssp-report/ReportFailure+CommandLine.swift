import MSSPReport

extension ReportFailure {
    /// The process exit code for this failure, as documented in the README and `--help`.
    var exitCode: Int32 {
        switch self {
        case .invalidData, .inputUnusable, .templateInvalid, .linkCatalogInvalid, .shrinkRefused: 1
        case .inputUnreadable: 66
        case .outputCheckFailed: 70
        case .outputUnwritable: 73
        }
    }

    /// The failure as diagnostics to print after those about the data: the template's problems, the check's
    /// problems at their place in the rendered document, or one line saying why the run stopped.
    func diagnostics(writingTo output: OutputDestination, format: OutputFormat) -> [Diagnostic] {
        switch self {
        case .invalidData, .inputUnusable:
            return []
        case .templateInvalid(let diagnostics), .linkCatalogInvalid(let diagnostics):
            return diagnostics
        case .inputUnreadable:
            return [.error(.unreadableInput, description, at: nil)]
        case .outputUnwritable:
            return [.error(.unwritableOutput, description, at: nil)]
        case .shrinkRefused:
            return [.error(.indexWouldShrink, description, at: nil)]
        case .outputCheckFailed(let problems):
            let document: String
            switch output {
            case .standardOutput: document = "<rendered \(format.rawValue)>"
            case .file(let path): document = "\(path) (rendered, not written)"
            }
            return problems.map { problem in
                guard problem.line > 0 else { return .error(.outputCheck, "\(document): \(problem.message)", at: nil) }
                return .error(
                    .outputCheck, problem.message,
                    at: SourceLocation(file: document, line: problem.line, column: max(problem.column, 1)))
            }
        }
    }
}
