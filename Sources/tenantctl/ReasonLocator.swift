import TenancyCore
import YAML

/// Finds where the fields behind a reason stand: in the tenant's spec, the inventory or the catalog, so
/// warnings and errors print as `file:line:col: error: path: message`.
struct ReasonLocator {
    let tenant: LoadedTenant
    let workspace: Workspace

    func location(of field: FieldRef) -> (file: String, mark: Mark)? {
        switch field {
        case .spec(let path):
            return (tenant.source.file, tenant.source.mark(of: path))
        case .cluster(let name, let key):
            guard let source = workspace.inventorySource,
                let index = workspace.inventory?.clusters.firstIndex(where: { $0.name == name })
            else { return nil }
            var path = FieldPath("clusters").appending(index: index)
            for part in key.split(separator: ".") { path = path.appending(String(part)) }
            return (source.file, source.mark(of: path))
        case .catalog(let path):
            return workspace.catalogSource.map { ($0.file, $0.mark(of: path)) }
        case .option:
            return nil
        }
    }

    /// The reason as a diagnostic at its first field that has a place in a file (else at the tenant).
    func diagnostic(_ reason: Reason) -> Diagnostic {
        let severity: Diagnostic.Severity = reason.kind == .error ? .error : .warning
        for field in reason.fields {
            if let found = location(of: field) {
                return Diagnostic(
                    severity: severity, file: found.file, line: found.mark.line, column: found.mark.column,
                    path: field.description,
                    message: reason.text)
            }
        }
        let mark = tenant.source.mark(of: FieldPath("metadata", "name"))
        return Diagnostic(
            severity: severity, file: tenant.source.file, line: mark.line, column: mark.column, path: "",
            message: reason.text)
    }
}
