// The template variables, as the renderer looks them up. Templates/README.md documents each and
// `TemplateSchema` lists them; a test holds the three together.
//
// Names are resolved to `TemplateKey`s when a template is compiled, so a lookup while rendering is a switch on
// two small enums, with no string hashing, reflection or dynamic casts: with swift-mustache, those look-ups
// were most of the time of rendering a large index.

/// The index model as templates see it.
struct TemplateData {
    let model: IndexModel
    let hasDomains: Bool
    /// The customers in document order, valid while `with` runs: read without building strings, so that
    /// rendering changes no reference count the checking thread also uses.
    private let customers: IndexModel.CustomersInOrder
    /// The portal's links, built without strings.
    let portalPattern: URLPattern

    /// The page script, if the template set has one.
    let script: PageScript?
    /// The access of the customer last asked for: a row asks for several of its values in turn.
    private let lastAccess = LastAccess()

    private final class LastAccess {
        var position = -1
        var access: CustomerAccess?
    }

    private func access(at position: Int) -> CustomerAccess? {
        if lastAccess.position != position {
            lastAccess.position = position
            lastAccess.access = model.access(at: position)
        }
        return lastAccess.access
    }

    /// Calls `body` with the data of `model`.
    static func with<Result>(_ model: IndexModel, script: PageScript?, _ body: (TemplateData) -> Result) -> Result {
        model.withCustomersInOrder { customers in
            body(TemplateData(model: model, customers: customers, script: script))
        }
    }

    private init(model: IndexModel, customers: IndexModel.CustomersInOrder, script: PageScript?) {
        self.model = model
        self.script = script
        self.customers = customers
        portalPattern = model.portal.makePattern()
        hasDomains = customers.anyHasDomain
    }

    /// The link kind at `kind` of the run (`link.<kind>`) in `frame`; `.missing` where it is not one.
    func linkKind(_ kind: Int, in frame: TemplateFrame) -> TemplateValue {
        guard case .linksByKind(let customer) = frame, model.linkKinds.indices.contains(kind) else { return .missing }
        return .object(.entryLink(customer: customer, kind: kind))
    }

    /// The value of `key` in `frame`; `.missing` where the frame has no such variable.
    func value(_ key: TemplateKey, in frame: TemplateFrame) -> TemplateValue {
        switch frame {
        case .customer(let index):
            return customerValue(key, index)
        case .linksByKind:
            return .missing
        case .entryLink(let customer, let kind):
            let linkKind = model.linkKinds[kind]
            switch key {
            case .id: return .text(linkKind.id)
            case .title: return .text(linkKind.title)
            case .label: return .text(linkKind.label)
            case .url: return model.link(linkKind, at: customer).map(TemplateValue.text) ?? .missing
            case .hasUrl: return .flag(model.hasLink(linkKind, at: customer))
            default: return .missing
            }
        case .index:
            switch key {
            case .title: return .text(model.title)
            case .portal: return .object(.portal)
            case .multitenantView: return .object(.multitenantView)
            case .linkKinds: return .list(.linkKinds)
            case .customers: return .list(.customers(0..<customers.count))
            case .relatedTopics: return .list(.relatedTopics)
            case .sourceArticle: return .object(.sourceArticle)
            case .accessNote: return .text(model.accessNote)
            case .summary: return .object(.summary)
            case .generatedOn: return model.generatedOn.map(TemplateValue.text) ?? .missing
            case .hasDomains: return .flag(hasDomains)
            case .groups: return .list(.groups)
            case .isGrouped: return .flag(model.isGrouped)
            case .script: return script == nil ? .missing : .object(.script)
            case .access: return model.access == nil ? .missing : .object(.access)
            default: return .missing
            }
        case .access:
            return accessValue(key)
        case .accessCount(let index):
            guard let (state, count) = model.access?.counts[index] else { return .missing }
            switch key {
            case .state: return .text(state.rawValue)
            case .label: return .text(state.label)
            case .count: return .number(count)
            case .filter: return .text(state.filterToken)
            default: return .missing
            }
        case .customerAccess(let customer):
            guard let access = access(at: customer) else { return .missing }
            switch key {
            case .state: return .text(access.state.rawValue)
            case .label: return .text(access.state.label)
            case .text: return .text(access.text)
            case .roles: return access.roles.map(TemplateValue.text) ?? .missing
            case .approvalUrl: return access.approvalURL.map(TemplateValue.text) ?? .missing
            case .filter: return .text(access.state.filterToken)
            default: return .missing
            }
        case .script:
            switch key {
            case .source: return script.map { .text($0.source) } ?? .missing
            case .hash: return script.map { .text($0.hash) } ?? .missing
            default: return .missing
            }
        case .portal:
            return linkKindValue(key, model.portal)
        case .linkKind(let index):
            return linkKindValue(key, model.linkKinds[index])
        case .summary:
            switch key {
            case .customerCount: return .number(model.summary.customerCount)
            case .skippedCount: return .number(model.summary.skippedCount)
            case .hasSkipped: return .flag(model.summary.skippedCount > 0)
            case .isEmpty: return .flag(model.summary.customerCount == 0)
            default: return .missing
            }
        case .relatedTopic(let index):
            return linkValue(key, model.relatedTopics[index])
        case .sourceArticle:
            return linkValue(key, model.sourceArticle)
        case .multitenantView:
            return linkValue(key, model.multitenantView)
        case .group(let index):
            let group = model.groups[index]
            switch key {
            case .title: return .text(group.title)
            case .anchor: return .text(group.anchor)
            case .count: return .number(group.range.count)
            case .customers: return .list(.customers(group.range))
            default: return .missing
            }
        }
    }

    /// A value of the customer at `position` in the document.
    @inline(__always)
    private func customerValue(_ key: TemplateKey, _ position: Int) -> TemplateValue {
        switch key {
        case .name: return .bytes(customers.name(at: position))
        case .tenantId: return .tenantID(customers.tenantID(at: position))
        case .portalUrl: return .portalURL(customers.tenantID(at: position))
        case .anchor: return .anchor(customers.tenantID(at: position))
        case .domain: return customers.domain(at: position).map(TemplateValue.bytes) ?? .missing
        case .aliases: return model.aliases(at: position).map(TemplateValue.text) ?? .missing
        case .links: return .list(.entryLinks(customer: position))
        case .link: return .object(.linksByKind(customer: position))
        case .access: return model.access == nil ? .missing : .object(.customerAccess(customer: position))
        default: return .missing
        }
    }

    /// A value of the index's access summary.
    private func accessValue(_ key: TemplateKey) -> TemplateValue {
        guard let access = model.access else { return .missing }
        switch key {
        case .asOf: return .text(access.asOf.description)
        case .source: return .text(access.source)
        case .expiringWithin: return .number(access.expiringWithin)
        case .counts: return .list(.accessCounts)
        case .canOpenDefender: return .number(access.defenderCount)
        case .tenantLimit: return .number(AccessReport.multitenantTenantLimit)
        case .overLimit: return .flag(access.defenderCount > AccessReport.multitenantTenantLimit)
        case .usesAssignments: return .flag(access.usesAssignments)
        default: return .missing
        }
    }

    private func linkKindValue(_ key: TemplateKey, _ kind: LinkKind) -> TemplateValue {
        switch key {
        case .id: .text(kind.id)
        case .title: .text(kind.title)
        case .label: .text(kind.label)
        case .labelLength: .number(kind.label.count)
        default: .missing
        }
    }

    private func linkValue(_ key: TemplateKey, _ link: Link) -> TemplateValue {
        switch key {
        case .title: .text(link.title)
        case .url: .text(link.url)
        default: .missing
        }
    }

    /// The number of items in `list`.
    func count(of list: TemplateList) -> Int {
        switch list {
        case .linkKinds: model.linkKinds.count
        case .relatedTopics: model.relatedTopics.count
        case .groups: model.groups.count
        case .customers(let range): range.count
        case .entryLinks: model.linkKinds.count
        case .accessCounts: model.access?.counts.count ?? 0
        }
    }

    /// Item `position` (counted from 0) of `list`.
    func item(_ position: Int, of list: TemplateList) -> TemplateFrame {
        switch list {
        case .linkKinds: .linkKind(position)
        case .relatedTopics: .relatedTopic(position)
        case .groups: .group(position)
        case .customers(let range): .customer(range.lowerBound + position)
        case .entryLinks(let customer): .entryLink(customer: customer, kind: position)
        case .accessCounts: .accessCount(position)
        }
    }
}
