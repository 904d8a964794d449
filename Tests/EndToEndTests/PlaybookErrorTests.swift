import Foundation
import TestSupport
import Testing

/// A broken playbook stops `plan` and `render` before anything connects, with each problem at its file,
/// line and column and the field path.
@Suite struct PlaybookErrorTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let cli: CommandRunner

    init() throws { cli = try CommandRunner(workingDirectory: Self.repository) }

    @Test func errorsPointAtTheirLineAndColumn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("playbook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let playbook = folder.appendingPathComponent("broken.yaml")
        try """
        apiVersion: tenantctl.io/v1
        kind: Playbook
        metadata: {name: broken}
        spec:
          steps:
            - id: namespace
              dependsOn: [quota]
              kubernetes:
                object: {apiVersion: v1, kind: Namespace, metadata: {name: "${tenant.name"}}
            - id: quota
              dependsOn: [namespace]
              kubernetes:
                obejct: {apiVersion: v1, kind: ResourceQuota}
        """.write(to: playbook, atomically: true, encoding: .utf8)
        for command in ["plan", "render"] {
            let result = try cli.run(
                [command, "Tenants/acme.yaml", "--playbook", playbook.path, "--offline"].filter {
                    command == "plan" || $0 != "--offline"
                })
            #expect(result.status == 1, "\(command): \(result.stdout)\(result.stderr)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(
                lines.contains {
                    $0.hasPrefix(
                        "\(playbook.path):9:69: error: spec.steps[0].kubernetes.object.metadata.name: unterminated expression"
                    )
                }, "\(lines)")
            #expect(
                lines.contains {
                    $0.hasPrefix("\(playbook.path):13:9: error: spec.steps[1].kubernetes.obejct: unknown field")
                        && $0.contains("did you mean \"object\"")
                }, "\(lines)")
        }
    }
}
