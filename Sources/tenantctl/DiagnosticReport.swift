import Foundation
import JSON
import TenancyCore

/// The result of `validate`, rendered as compiler-style lines or JSON.
struct DiagnosticReport {
    let files: [String]
    let workspace: Workspace

    func render(_ format: OutputFormat) -> String {
        format == .json ? json() : text()
    }

    private var counts: (errors: Int, warnings: Int) {
        let errors = workspace.diagnostics.filter { $0.severity == .error }.count
        return (errors, workspace.diagnostics.count - errors)
    }

    private func text() -> String {
        var lines = workspace.diagnostics.map(\.description)
        let (errors, warnings) = counts
        let clusters = workspace.inventory?.clusters.count ?? 0
        let summary =
            errors == 0
            ? "\(files.count) file(s) valid: \(workspace.tenants.count) tenant(s), \(clusters) cluster(s)"
            : "\(errors) error(s) in \(Set(workspace.diagnostics.filter { $0.severity == .error }.map(\.file)).count) of \(files.count) file(s)"
        lines.append(warnings > 0 ? "\(summary), \(warnings) warning(s)" : summary)
        return lines.joined(separator: "\n") + "\n"
    }

    private func json() -> String {
        let (errors, warnings) = counts
        let diagnostics: [JSONValue] = workspace.diagnostics.map { d in
            [
                "severity": .string(d.severity.rawValue), "file": .string(d.file), "line": .int(Int64(d.line)),
                "column": .int(Int64(d.column)), "path": .string(d.path), "message": .string(d.message),
            ]
        }
        let value: JSONValue = [
            "valid": .bool(errors == 0),
            "files": .array(files.map { .string($0) }),
            "tenants": .array(workspace.tenants.map { .string($0.spec.name) }),
            "clusters": .array((workspace.inventory?.clusters ?? []).map { .string($0.name) }),
            "errors": .int(Int64(errors)),
            "warnings": .int(Int64(warnings)),
            "diagnostics": .array(diagnostics),
        ]
        return value.jsonString(pretty: true) + "\n"
    }
}
