import YAML

extension WorkspaceLoader {
    /// Reads a `kind: PriceCatalog` document into the workspace; a second catalog is an error.
    static func readCatalog(_ document: Node, _ context: ReadContext, file: String, into workspace: inout Workspace) {
        guard
            let root = MappingReader(
                context, document, path: FieldPath(), keys: ["apiVersion", "kind", "metadata", "spec"]),
            let catalog = PriceCatalog.read(root)
        else { return }
        if let existing = workspace.catalogSource {
            context.error(
                "a second price catalog; the first is in \(existing.file)", at: document.mark, path: FieldPath())
            return
        }
        workspace.catalog = catalog
        workspace.catalogSource = SourceMap(file: file, marks: context.marks, root: document.mark)
    }
}
