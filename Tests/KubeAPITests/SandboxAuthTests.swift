import Foundation
import JSON
import KubeAPI
import TestSupport
import Testing

/// Kubeconfig users against the sandbox: token, token file, exec plugin, and a KUBECONFIG merge.
@Suite final class SandboxAuthTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }
    deinit { directory.remove() }

    func listNamespaces(_ connection: ClusterConnection) async throws -> [String] {
        let client = KubeClient(connection: connection, options: .init(retry: .fast))
        return try await client.list(apiVersion: "v1", kind: "Namespace").items.compactMap {
            $0.value(at: ["metadata", "name"])?.stringValue
        }
    }

    @Test func aTokenInTheKubeconfig() async throws {
        try await withSandbox { sandbox in
            let path = try KubeconfigFixture.write(
                in: directory, server: sandbox.url, cluster: sandbox.kubeconfigCluster,
                user: ["token": .string(sandbox.token)], namespace: "kube-system")
            let connection = try KubeconfigLoader(explicitPath: path).connection()
            #expect(connection.namespace == "kube-system")
            #expect(try await listNamespaces(connection).contains("kube-system"))
        }
    }

    @Test func aTokenFileNextToTheKubeconfig() async throws {
        try await withSandbox { sandbox in
            try directory.write("creds/token", sandbox.token + "\n")
            let path = try KubeconfigFixture.write(
                in: directory, name: "creds/config", server: sandbox.url, cluster: sandbox.kubeconfigCluster,
                user: ["tokenFile": "token"])
            let connection = try KubeconfigLoader(explicitPath: path).connection()
            #expect(connection.authentication.tokenFile == "\(directory.path)/creds/token")
            #expect(try await listNamespaces(connection).contains("default"))
        }
    }

    @Test func anExecPluginNextToTheKubeconfig() async throws {
        try await withSandbox { sandbox in
            try directory.write(
                "bin/login.sh",
                """
                #!/bin/sh
                echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"\(sandbox.token)"}}'
                """, executable: true)
            let exec: JSONValue = [
                "apiVersion": "client.authentication.k8s.io/v1", "command": "./bin/login.sh",
                "interactiveMode": "Never",
            ]
            let path = try KubeconfigFixture.write(
                in: directory, server: sandbox.url, cluster: sandbox.kubeconfigCluster, user: ["exec": exec])
            let connection = try KubeconfigLoader(explicitPath: path).connection()
            #expect(try await listNamespaces(connection).contains("default"))
        }
    }

    @Test func mergedKubeconfigFilesInKUBECONFIGOrder() async throws {
        try await withSandbox { sandbox in
            let authority = Data(sandbox.certificateAuthorityPEM.utf8).base64EncodedString()
            let first = try directory.write(
                "first",
                """
                current-context: main
                contexts:
                - name: main
                  context: {cluster: sandbox, user: operator, namespace: kube-public}
                users:
                - name: operator
                  user: {token: "\(sandbox.token)"}
                """)
            let second = try directory.write(
                "second",
                """
                current-context: main
                clusters:
                - name: sandbox
                  cluster: {server: "\(sandbox.url.absoluteString)", certificate-authority-data: "\(authority)"}
                contexts:
                - name: main
                  context: {cluster: sandbox, user: operator}
                users:
                - name: operator
                  user: {token: stale-token}
                """)
            let merged = try KubeconfigLoader(environment: ["KUBECONFIG": "\(first):\(second)"]).connection()
            #expect(merged.namespace == "kube-public")
            #expect(try await listNamespaces(merged).contains("kube-public"))

            let reversed = try KubeconfigLoader(environment: ["KUBECONFIG": "\(second):\(first)"]).connection()
            let error = await #expect(throws: KubeAPIError.self) { try await self.listNamespaces(reversed) }
            #expect(error?.code == 401)
        }
    }
}
