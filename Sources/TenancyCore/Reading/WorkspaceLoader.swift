import YAML

/// Reads tenant specs and cluster inventories from files and checks them, alone and together.
public enum WorkspaceLoader {
    static let apiVersion = "tenantctl.io/v1"
    static let kinds = ["Tenant", "ClusterInventory", "PriceCatalog", "Playbook"]

    /// Loads every document of every file; problems become diagnostics, valid documents are kept.
    public static func load(_ files: [SourceFile], options: LoadOptions = LoadOptions()) -> Workspace {
        var workspace = Workspace()
        for file in files {
            let documents: [Node]
            do {
                documents = try YAMLParser.parse(file.bytes, file: file.path)
            } catch {
                workspace.diagnostics.append(
                    Diagnostic(
                        file: file.path, line: error.mark.line, column: error.mark.column, path: "",
                        message: error.message))
                continue
            }
            if documents.allSatisfy(\.isNull) {
                workspace.diagnostics.append(
                    Diagnostic(file: file.path, line: 1, column: 1, path: "", message: "the file holds no document"))
            }
            for document in documents where !document.isNull {
                read(document, file: file.path, into: &workspace)
            }
        }
        let options = options.resolved(with: workspace)
        workspace.diagnostics += WorkspaceRules.check(workspace, options)
        workspace.diagnostics += CatalogRules.check(workspace, options)
        workspace.diagnostics = workspace.diagnostics.sortedByLocation()
        return workspace
    }

    private static func read(_ document: Node, file: String, into workspace: inout Workspace) {
        let context = ReadContext(file: file)
        defer { workspace.diagnostics += context.diagnostics }
        guard let kind = header(document, context) else { return }
        switch kind {
        case "Tenant":
            guard
                let root = MappingReader(
                    context, document, path: FieldPath(), keys: ["apiVersion", "kind", "metadata", "spec"])
            else { return }
            guard let spec = TenantSpec.read(root) else { return }
            let map = SourceMap(file: file, marks: context.marks, root: document.mark)
            workspace.diagnostics += TenantRules.check(spec, map)
            workspace.tenants.append(LoadedTenant(spec: spec, source: map))
        case "PriceCatalog":
            readCatalog(document, context, file: file, into: &workspace)
        case "Playbook":
            guard
                let root = MappingReader(
                    context, document, path: FieldPath(), keys: ["apiVersion", "kind", "metadata", "spec"])
            else { return }
            if let playbook = Playbook.read(root) { workspace.playbooks.append(playbook) }
        default:
            guard
                let root = MappingReader(
                    context, document, path: FieldPath(), keys: ["apiVersion", "kind", "clusters", "state"])
            else { return }
            let inventory = ClusterInventory.read(root)
            if let existing = workspace.inventorySource {
                context.error(
                    "a second cluster inventory; the first is in \(existing.file)", at: document.mark, path: FieldPath()
                )
                return
            }
            workspace.inventory = inventory
            workspace.inventorySource = SourceMap(file: file, marks: context.marks, root: document.mark)
        }
    }

    /// Checks `apiVersion` and `kind`; returns the kind when the document is one tenantctl reads.
    private static func header(_ document: Node, _ context: ReadContext) -> String? {
        guard case .mapping = document.content else {
            context.error(
                "expected a mapping with apiVersion and kind, found \(document.readableKind)", at: document.mark,
                path: FieldPath())
            return nil
        }
        let envelope = document
        let apiVersionNode = envelope["apiVersion"], kindNode = envelope["kind"]
        var ok = true
        if let node = apiVersionNode {
            if let version = ScalarReader.string(node, path: FieldPath("apiVersion"), context), version != apiVersion {
                context.error(
                    "unsupported apiVersion \"\(version)\"; expected \(apiVersion)", at: node.mark,
                    path: FieldPath("apiVersion"))
                ok = false
            }
        } else {
            context.error(
                "missing required field \"apiVersion\" (\(apiVersion))", at: document.mark,
                path: FieldPath("apiVersion"))
            ok = false
        }
        guard let kindNode else {
            context.error(
                "missing required field \"kind\" (one of \(kinds.joined(separator: ", ")))", at: document.mark,
                path: FieldPath("kind"))
            return nil
        }
        guard let kind = ScalarReader.string(kindNode, path: FieldPath("kind"), context) else { return nil }
        guard kinds.contains(kind) else {
            context.error(
                "unknown kind \"\(kind)\"\(Suggestion.hint(for: kind, in: kinds)); expected one of \(kinds.joined(separator: ", "))",
                at: kindNode.mark, path: FieldPath("kind"))
            return nil
        }
        return ok ? kind : nil
    }
}
