import YAML

extension Playbook {
    static let stepKeys = ["id", "dependsOn", "forEach", "when", "kubernetes", "cloud"]
    static let actionKeys = ["kubernetes", "cloud"]
    static let kubernetesKeys = ["ensure", "adopt", "object"]

    /// Reads a `kind: Playbook` document; returns nil when anything is wrong (all reported in the context).
    static func read(_ root: MappingReader) -> Playbook? {
        let context = root.context
        let errorsBefore = context.diagnostics.count
        let metadata = root.mapping("metadata", keys: ["name"], required: true)
        if let name = metadata?.string("name", required: true), let problem = Names.dnsLabelProblem(name),
            let node = metadata?.value("name")
        {
            context.error(problem, at: node.mark, path: FieldPath("metadata", "name"))
        }
        let spec = root.mapping("spec", keys: ["steps"], required: true)
        let steps = spec?.list("steps", required: true) { node, path in readStep(node, path, context) } ?? []
        let source = SourceMap(file: context.file, marks: context.marks, root: root.node.mark)
        let order = PlaybookGraph.order(steps, source, context)
        guard let name = metadata?.string("name"), context.diagnostics.count == errorsBefore, let order else {
            return nil
        }
        return Playbook(name: name, steps: steps, order: order, source: source)
    }

    private static func readStep(_ node: Node, _ path: FieldPath, _ context: ReadContext) -> Step? {
        guard let step = MappingReader(context, node, path: path, keys: stepKeys) else { return nil }
        let id = step.value("id", required: true).flatMap { TenantSpec.readName($0, path.appending("id"), context) }
        let dependsOn = step.list("dependsOn") { ScalarReader.string($0, path: $1, context) } ?? []
        let forEach = step.value("forEach").flatMap { Template.read($0, path: path.appending("forEach"), context) }
        let when = step.value("when").flatMap { Template.read($0, path: path.appending("when"), context) }
        let read = readAction(step)
        let action = read?.action
        if forEach == nil, let use = ([when] + [action?.template]).compactMap({ $0?.firstUse(of: "item") }).first {
            context.error("${item} is only available in a step with forEach", at: use.mark, path: use.path)
            return nil
        }
        guard let id, let action else { return nil }
        return Step(
            id: id, dependsOn: dependsOn, forEach: forEach, when: when, action: action, adopt: read?.adopt ?? false,
            path: path)
    }

    /// The step's one action and whether it adopts existing objects; none or two actions are errors.
    private static func readAction(_ step: MappingReader) -> (action: Action, adopt: Bool)? {
        let present = actionKeys.filter(step.has)
        guard present.count == 1 else {
            let message =
                present.isEmpty
                ? "a step needs one action: \(actionKeys.joined(separator: " or "))"
                : "a step has exactly one action; found both \(present.joined(separator: " and ")) (split it into two steps)"
            let mark = present.last.flatMap { step.value($0)?.mark } ?? step.node.mark
            step.context.error(message, at: mark, path: present.count > 1 ? step.path.appending(present[1]) : step.path)
            return nil
        }
        if let kubernetes = step.mapping("kubernetes", keys: kubernetesKeys) {
            let ensure = kubernetes.choice("ensure", Ensure.self) ?? .present
            guard let object = kubernetes.value("object", required: true) else { return nil }
            let objectPath = kubernetes.path.appending("object")
            let template = Template.read(object, path: objectPath, step.context)
            // A mapping, or one whole expression that yields one (`${item}` over found objects).
            var wholeExpression = false
            if case .expression? = template?.shape { wholeExpression = true }
            guard object.mapping != nil || wholeExpression else {
                step.context.error(
                    "expected a Kubernetes object (a mapping), found \(object.readableKind)", at: object.mark,
                    path: objectPath)
                return nil
            }
            let adopt = kubernetes.bool("adopt") ?? false
            return template.map { (.kubernetes(ensure: ensure, object: $0), adopt) }
        }
        guard let cloud = step.mapping("cloud", keys: ["ensure"] + CloudResource.allCases.map(\.rawValue)) else {
            return nil
        }
        let resources = CloudResource.allCases.filter { cloud.has($0.rawValue) }
        guard let resource = resources.first, resources.count == 1 else {
            let names = CloudResource.allCases.map(\.rawValue).joined(separator: ", ")
            step.context.error("a cloud action names exactly one of \(names)", at: cloud.node.mark, path: cloud.path)
            return nil
        }
        let ensure = cloud.choice("ensure", Ensure.self) ?? .present
        guard let body = cloud.value(resource.rawValue) else { return nil }
        return Template.read(body, path: cloud.path.appending(resource.rawValue), step.context).map {
            (.cloud(resource, ensure: ensure, body: $0), false)
        }
    }
}

extension Playbook.Action {
    /// The object or body template of the action.
    var template: Template {
        switch self {
        case .kubernetes(_, let object): return object
        case .cloud(_, _, let body): return body
        }
    }
}
