/// Runs a compiled template over the index model, writing to a `ByteSink`.
struct TemplateRenderer {
    let template: CompiledTemplate
    let data: TemplateData

    /// Renders the whole document into `sink` (and flushes it), stopping early if the sink is stopped.
    static func render(_ template: CompiledTemplate, _ model: IndexModel, into sink: ByteSink) {
        TemplateData.with(model, script: template.script) { data in
            var stack: [TemplateValue] = [.object(.index)]
            stack.reserveCapacity(16)
            TemplateRenderer(template: template, data: data).run(template.operations, stack: &stack, sink: sink)
        }
        sink.flush()
    }

    private func run(_ operations: [CompiledTemplate.Operation], stack: inout [TemplateValue], sink: ByteSink) {
        for operation in operations {
            switch operation {
            case .text(let bytes):
                bytes.withUnsafeBytes { sink.append($0) }
            case .value(let accessor, let escaping):
                write(resolve(accessor, in: stack), escaping, to: sink)
            case .section(let accessor, let body):
                let value = resolve(accessor, in: stack)
                if case .list(let list) = value {
                    for position in 0..<data.count(of: list) {
                        if sink.isStopped { return }
                        stack.append(.object(data.item(position, of: list)))
                        run(body, stack: &stack, sink: sink)
                        stack.removeLast()
                    }
                } else if value.isTruthy {
                    stack.append(value)
                    run(body, stack: &stack, sink: sink)
                    stack.removeLast()
                }
            case .invertedSection(let accessor, let body):
                let value = resolve(accessor, in: stack)
                let isEmpty: Bool
                if case .list(let list) = value {
                    isEmpty = data.count(of: list) == 0
                } else {
                    isEmpty = !value.isTruthy
                }
                if isEmpty { run(body, stack: &stack, sink: sink) }
            }
        }
    }

    @inline(__always)
    private func resolve(_ accessor: CompiledTemplate.Accessor, in stack: [TemplateValue]) -> TemplateValue {
        var value = stack[stack.count - 1 - accessor.depth]
        for name in accessor.keys {
            guard case .object(let frame) = value else { return .missing }
            switch name {
            case .key(let key): value = data.value(key, in: frame)
            case .linkKind(let kind): value = data.linkKind(kind, in: frame)
            }
        }
        return value
    }

    private func write(_ value: TemplateValue, _ escaping: Escaping, to sink: ByteSink) {
        switch value {
        case .text(let text):
            escaping.append(text, to: sink)
        case .bytes(let bytes):
            escaping.append(bytes, to: sink)
        case .portalURL(let tenantID):
            data.portalPattern.withURL(for: tenantID) { escaping.append($0, to: sink) }
        case .number(let number):
            sink.append(decimal: number)
        case .flag(let flag):
            sink.append(flag ? "true" : "false")
        case .tenantID(let tenantID):
            tenantID.writeCanonical(to: sink.reserve(36))
            sink.commit(36)
        case .anchor(let tenantID):
            sink.append("tenant-")
            tenantID.writeCanonical(to: sink.reserve(36))
            sink.commit(36)
        case .missing, .object, .list:
            break
        }
    }
}
