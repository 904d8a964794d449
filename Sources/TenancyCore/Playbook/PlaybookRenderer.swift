import JSON
import YAML

/// A step of a rendered playbook: one concrete action, with `forEach` expanded and `when` decided.
public struct RenderedStep: Sendable, Hashable {
    /// The step id, with the item for a `forEach` step: `ns-quota[acme-web]`.
    public var id: String
    /// The id of the playbook step this came from.
    public var stepID: String
    /// Rendered ids this step waits for (every expansion of a `forEach` step; skipped steps are left out).
    public var dependsOn: [String]
    public var action: Action
    /// Converge the object even when it exists without tenantctl's labels (see `Playbook.Step.adopt`).
    public var adopt: Bool

    public init(id: String, stepID: String, dependsOn: [String] = [], action: Action, adopt: Bool = false) {
        self.id = id
        self.stepID = stepID
        self.dependsOn = dependsOn
        self.action = action
        self.adopt = adopt
    }

    /// A concrete action: templates replaced by values.
    public enum Action: Sendable, Hashable {
        case kubernetes(ensure: Playbook.Ensure, object: JSONValue)
        case cloud(Playbook.CloudResource, ensure: Playbook.Ensure, body: JSONValue)
    }
}

/// Render failed: every problem found, each at the position of the template that caused it.
public struct PlaybookRenderError: Error, Sendable {
    public var diagnostics: [Diagnostic]
}

extension Playbook {
    /// Renders the steps in dependency order over `context`, an object with the roots
    /// `tenant`, `decision` and `cluster`, or `tenant` and `live` for offboarding (`item` is set for each
    /// `forEach` item; an item that is an object names its step by `metadata`: `access[acme-web/owners]`). Pure.
    /// Reports the first problem of each step, so one run shows every broken step.
    public func render(context: JSONValue) throws(PlaybookRenderError) -> [RenderedStep] {
        var rendered: [RenderedStep] = [], diagnostics: [Diagnostic] = []
        var expansions: [String: [String]] = [:]
        for index in order {
            let step = steps[index]
            let dependsOn = step.dependsOn.flatMap { expansions[$0] ?? [] }
            var ids: [String] = []
            do throws(TemplateError) {
                for (id, itemContext) in try instances(of: step, context) {
                    if let when = step.when {
                        let value = try when.render(in: itemContext)
                        guard let run = value.boolValue else {
                            throw TemplateError(
                                message: "when needs true or false, found \(value.readableKind)", template: when)
                        }
                        guard run else { continue }
                    }
                    rendered.append(
                        RenderedStep(
                            id: id, stepID: step.id, dependsOn: dependsOn,
                            action: try step.action.render(in: itemContext),
                            adopt: step.adopt))
                    ids.append(id)
                }
            } catch {
                let mark = error.template.mark
                diagnostics.append(
                    Diagnostic(
                        file: source.file, line: mark.line, column: mark.column, path: error.template.path.description,
                        message: error.message))
            }
            expansions[step.id] = ids
        }
        guard diagnostics.isEmpty else { throw PlaybookRenderError(diagnostics: diagnostics) }
        return rendered
    }

    /// The step's ids and contexts: one for a plain step, one per item for a `forEach` step.
    private func instances(of step: Step, _ context: JSONValue) throws(TemplateError) -> [(String, JSONValue)] {
        guard let forEach = step.forEach else { return [(step.id, context)] }
        let value = try forEach.render(in: context)
        guard let items = value.arrayValue else {
            throw TemplateError(message: "forEach needs a list, found \(value.readableKind)", template: forEach)
        }
        var instances: [(String, JSONValue)] = []
        var ids: Set<String> = []
        for (position, item) in items.enumerated() {
            let id = "\(step.id)[\(item.interpolated ?? item.objectName ?? String(position))]"
            guard ids.insert(id).inserted else {
                throw TemplateError(
                    message: "forEach yields \(item.readableKind) twice; step ids must be unique (\(id))",
                    template: forEach)
            }
            var itemContext = context
            itemContext["item"] = item
            instances.append((id, itemContext))
        }
        return instances
    }
}

extension JSONValue {
    /// `namespace/name` (or `name`) of an item that is a Kubernetes object or a cloud body, to name its step.
    fileprivate var objectName: String? {
        guard let name = self["metadata"]?["name"]?.stringValue else { return nil }
        return self["metadata"]?["namespace"]?.stringValue.map { "\($0)/\(name)" } ?? name
    }
}

extension Playbook.Action {
    func render(in context: JSONValue) throws(TemplateError) -> RenderedStep.Action {
        switch self {
        case .kubernetes(let ensure, let object):
            let rendered = try object.render(in: context)
            guard rendered.objectValue != nil else {
                throw TemplateError(
                    message: "expected a Kubernetes object (a mapping), found \(rendered.readableKind)",
                    template: object)
            }
            try Self.checkNames(rendered, template: object)
            return .kubernetes(ensure: ensure, object: rendered)
        case .cloud(let resource, let ensure, let body):
            return .cloud(resource, ensure: ensure, body: try body.render(in: context))
        }
    }

    /// A rendered object's name and namespace must be ones the API server takes (a namespace is a DNS-1123
    /// label), so that a template that renders `../../x` is an error at the template, never a request path.
    private static func checkNames(_ object: JSONValue, template: Template) throws(TemplateError) {
        let name = object["metadata"]?["name"]?.stringValue ?? ""
        let namespaceKind = object["kind"]?.stringValue == "Namespace"
        if let problem = namespaceKind ? Names.dnsLabelProblem(name) : Names.objectNameProblem(name) {
            throw TemplateError(
                message: "metadata.name \(problem)", template: template.member("metadata", "name") ?? template)
        }
        if let namespace = object["metadata"]?["namespace"]?.stringValue, let problem = Names.dnsLabelProblem(namespace)
        {
            throw TemplateError(
                message: "metadata.namespace \(problem)", template: template.member("metadata", "namespace") ?? template
            )
        }
    }
}
