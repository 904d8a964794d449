import Foundation
import HTTP
import KubeAPI
import TestSupport
import Testing

/// Turning a kubeconfig context into a `ClusterConnection`.
@Suite final class KubeconfigConnectionTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }
    deinit { directory.remove() }

    static let config = """
        current-context: dev
        clusters:
        - name: prod
          cluster:
            server: https://10.0.0.1:5443
            certificate-authority: /etc/ca.crt
            certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==
        - name: dev
          cluster: {server: "http://127.0.0.1:8080", insecure-skip-tls-verify: true}
        - name: broken
          cluster: {server: "ftp://files"}
        - name: both
          cluster: {server: "https://b", insecure-skip-tls-verify: true, certificate-authority: /ca.crt}
        - name: renamed
          cluster: {server: "https://10.0.0.2", tls-server-name: api.internal}
        users:
        - name: ops
          user:
            client-certificate-data: Y2VydA==
            client-key-data: a2V5
            token: ops-token
        - name: half
          user: {client-certificate: /c.crt}
        - name: mangled
          user: {client-key-data: "!!!", client-certificate: /c.crt}
        - name: basic
          user: {username: admin, password: hunter2}
        - name: legacy
          user: {auth-provider: {name: gcp}}
        - name: plugin
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: /usr/local/bin/login
              args: [--cluster, prod]
              env: [{name: PROFILE, value: ops}]
              provideClusterInfo: true
              installHint: install login from the portal
        contexts:
        - {name: prod, context: {cluster: prod, user: ops, namespace: platform}}
        - {name: dev, context: {cluster: dev}}
        - {name: exec, context: {cluster: prod, user: plugin}}
        - {name: half, context: {cluster: prod, user: half}}
        - {name: mangled, context: {cluster: prod, user: mangled}}
        - {name: ghost-user, context: {cluster: prod, user: ghost}}
        - {name: ghost-cluster, context: {cluster: ghost}}
        - {name: broken, context: {cluster: broken}}
        - {name: both, context: {cluster: both}}
        - {name: renamed, context: {cluster: renamed}}
        - {name: basic, context: {cluster: prod, user: basic}}
        - {name: legacy, context: {cluster: prod, user: legacy}}
        """

    func load() throws -> Kubeconfig { try KubeconfigLoader.read(try directory.write("config", Self.config)) }

    @Test func theCurrentContextWithoutAUser() throws {
        let connection = try load().connection()
        #expect(connection.contextName == "dev")
        #expect(connection.server.absoluteString == "http://127.0.0.1:8080")
        #expect(connection.trust == ServerTrust(certificateAuthority: nil, insecureSkipVerify: true))
        #expect(connection.authentication == Authentication())
        #expect(connection.namespace == "default")
    }

    @Test func inlineDataWinsOverFiles() throws {
        let connection = try load().connection(context: "prod")
        #expect(connection.namespace == "platform")
        #expect(connection.trust.certificateAuthority == .data(Redacted(Array("-----BEGIN CERTIFICATE-----\n".utf8))))
        #expect(connection.authentication.token?.revealed == "ops-token")
        #expect(
            connection.authentication.clientCertificate
                == ClientCertificate(
                    certificate: .data(Redacted(Array("cert".utf8))), key: .data(Redacted(Array("key".utf8)))))
    }

    @Test func execPlugins() throws {
        let exec = try #require(try load().connection(context: "exec").authentication.exec)
        #expect(exec.command == "/usr/local/bin/login")
        #expect(exec.args == ["--cluster", "prod"])
        #expect(exec.env == [ExecConfig.Variable(name: "PROFILE", value: Redacted("ops"))])
        #expect(exec.provideClusterInfo)
        #expect(exec.installHint == "install login from the portal")
    }

    @Test func problemsAreNamed() throws {
        let config = try load()
        let cases: [(String?, KubeconfigError.Problem)] = [
            ("half", .incompleteClientCertificate(user: "half")),
            ("mangled", .notBase64(field: "client-key-data", entry: "mangled")),
            ("ghost-user", .userNotFound("ghost", context: "ghost-user")),
            ("ghost-cluster", .clusterNotFound("ghost", context: "ghost-cluster")),
            ("broken", .invalidServer(cluster: "broken", server: "ftp://files")),
            ("both", .insecureWithCertificateAuthority(cluster: "both")),
            ("renamed", .unsupported(field: "tls-server-name", entry: "renamed")),
            ("basic", .unsupported(field: "username", entry: "basic")),
            ("legacy", .unsupported(field: "auth-provider", entry: "legacy")),
        ]
        for (context, problem) in cases {
            #expect(throws: KubeconfigError(problem)) { try config.connection(context: context) }
        }
        let unknown = #expect(throws: KubeconfigError.self) { try config.connection(context: "staging") }
        #expect(
            unknown?.description
                == "context \"staging\" is not in the kubeconfig (it defines prod, dev, exec, half, mangled, ghost-user, ghost-cluster, broken, both, renamed, basic, legacy)"
        )
        #expect(throws: KubeconfigError(.noCurrentContext)) { try Kubeconfig().connection() }
    }
}
