import Foundation
import KubeAPI
import TestSupport
import Testing

/// Finding, merging and path-resolving kubeconfig files the way kubectl does.
@Suite final class KubeconfigLoadingTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }
    deinit { directory.remove() }

    static let first = """
        apiVersion: v1
        kind: Config
        current-context: alpha
        clusters:
        - name: shared
          cluster: {server: "https://first.example:6443", certificate-authority: certs/ca.crt}
        users:
        - name: admin
          user: {token: first-token, client-certificate: certs/admin.crt, client-key: certs/admin.key}
        contexts:
        - name: alpha
          context: {cluster: shared, user: admin, namespace: tenant-a}
        """

    static let second = """
        apiVersion: v1
        kind: Config
        current-context: beta
        clusters:
        - name: shared
          cluster: {server: "https://second.example:6443"}
        - name: other
          cluster: {server: "https://other.example:6443", insecure-skip-tls-verify: true}
        users:
        - name: admin
          user: {token: second-token}
        - name: viewer
          user: {tokenFile: ../tokens/viewer}
        contexts:
        - name: alpha
          context: {cluster: other, user: viewer}
        - name: beta
          context: {cluster: other, user: viewer}
        """

    func writeBoth() throws -> (String, String) {
        (try directory.write("one/config", Self.first), try directory.write("two/config", Self.second))
    }

    @Test func theFirstFileToSetANameOrTheCurrentContextWins() throws {
        let (one, two) = try writeBoth()
        let loader = KubeconfigLoader(environment: ["KUBECONFIG": "\(one):\(two)"])
        let config = try loader.load()
        #expect(config.currentContext == "alpha")
        #expect(config.clusters.map(\.name) == ["shared", "other"])
        #expect(config.clusters[0].cluster.server == "https://first.example:6443")
        #expect(config.users.map(\.name) == ["admin", "viewer"])
        #expect(config.users[0].user.token?.revealed == "first-token")
        #expect(config.contexts.first { $0.name == "alpha" }?.context.cluster == "shared")
        let connection = try loader.connection()
        #expect(connection.server.absoluteString == "https://first.example:6443")
        #expect(connection.namespace == "tenant-a")
        #expect(connection.contextName == "alpha")
    }

    @Test func theOrderOfKUBECONFIGDecides() throws {
        let (one, two) = try writeBoth()
        let config = try KubeconfigLoader(environment: ["KUBECONFIG": "\(two)::\(one)"]).load()
        #expect(config.currentContext == "beta")
        #expect(config.clusters.first { $0.name == "shared" }?.cluster.server == "https://second.example:6443")
    }

    @Test func aFileWithoutCurrentContextLetsALaterOneSetIt() throws {
        let plain = try directory.write("plain", "clusters: []\nusers:\ncontexts:\n")
        let (_, two) = try writeBoth()
        #expect(try KubeconfigLoader(environment: ["KUBECONFIG": "\(plain):\(two)"]).load().currentContext == "beta")
    }

    @Test func missingFilesInKUBECONFIGAreSkipped() throws {
        let (one, _) = try writeBoth()
        let loader = KubeconfigLoader(environment: ["KUBECONFIG": "\(directory.path)/absent:\(one)"])
        #expect(try loader.files() == [one])
    }

    @Test func explicitKubeconfigOverridesTheEnvironment() throws {
        let (one, two) = try writeBoth()
        let loader = KubeconfigLoader(explicitPath: two, environment: ["KUBECONFIG": one])
        #expect(try loader.connection().contextName == "beta")
        let missing = KubeconfigLoader(explicitPath: "\(directory.path)/nope", environment: ["KUBECONFIG": one])
        #expect(throws: KubeconfigError(.fileNotFound(path: "\(directory.path)/nope"))) { try missing.load() }
    }

    @Test func homeConfigIsTheFallback() throws {
        try directory.write(".kube/config", Self.first)
        let loader = KubeconfigLoader(environment: ["HOME": directory.path])
        #expect(try loader.connection().contextName == "alpha")
        #expect(try KubeconfigLoader(environment: [:]).load() == Kubeconfig())
    }

    @Test func relativePathsResolveAgainstTheirOwnFile() throws {
        let (one, two) = try writeBoth()
        let config = try KubeconfigLoader(environment: ["KUBECONFIG": "\(one):\(two)"]).load()
        #expect(config.clusters[0].cluster.certificateAuthority == "\(directory.path)/one/certs/ca.crt")
        #expect(config.users[0].user.clientKey == "\(directory.path)/one/certs/admin.key")
        #expect(config.users[1].user.tokenFile == "\(directory.path)/tokens/viewer")
    }

    @Test func execCommandsWithAPathResolveAndBareNamesDoNot() throws {
        let path = try directory.write(
            "cfg/config",
            """
            users:
            - name: local
              user:
                exec: {apiVersion: client.authentication.k8s.io/v1, command: ./bin/login, args: [--x]}
            - name: onpath
              user:
                exec: {apiVersion: client.authentication.k8s.io/v1, command: aws-iam-authenticator}
            """)
        let config = try KubeconfigLoader.read(path)
        #expect(config.users[0].user.exec?.command == "\(directory.path)/cfg/bin/login")
        #expect(config.users[1].user.exec?.command == "aws-iam-authenticator")
    }

    @Test func anEmptyFileIsAnEmptyConfig() throws {
        let path = try directory.write("empty", "# nothing yet\n")
        #expect(try KubeconfigLoader.read(path) == Kubeconfig())
    }

    @Test func aFolderOrABinaryFileSaysWhatItIs() throws {
        let folder = directory.url.appendingPathComponent("folder").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let binary = directory.url.appendingPathComponent("binary").path
        try Data([0x00, 0xff, 0xfe, 0x41]).write(to: URL(fileURLWithPath: binary))
        for (path, says) in [(folder, "it is a folder"), (binary, "it is not UTF-8 text (a binary file?)")] {
            let error = #expect(throws: KubeconfigError.self) { try KubeconfigLoader.read(path) }
            #expect(error?.description == "kubeconfig \(path) cannot be read: \(says)")
        }
    }

    @Test func aMissingContextNamesTheFilesRead() throws {
        let empty = try directory.write("empty", "")
        let loader = KubeconfigLoader(environment: ["KUBECONFIG": "\(empty):\(directory.url.path)/absent"])
        let error = #expect(throws: KubeconfigError.self) { try loader.connection(context: "prod") }
        #expect(
            error?.description
                == "context \"prod\" is not in the kubeconfig (it defines no contexts); read from \(empty)")
        let none = KubeconfigLoader(environment: ["HOME": directory.url.appendingPathComponent("nobody").path])
        let nothing = #expect(throws: KubeconfigError.self) { try none.connection() }
        #expect(
            nothing?.description.hasSuffix(
                "no kubeconfig file was found: give --kubeconfig, set KUBECONFIG or write ~/.kube/config") == true)
    }

    @Test func syntaxErrorsPointAtTheLine() throws {
        let path = try directory.write("broken", "clusters:\n- name: x\n  cluster: {server: [unclosed\n")
        let error = #expect(throws: KubeconfigError.self) { try KubeconfigLoader.read(path) }
        #expect(error?.description.hasPrefix("\(path):") == true)
    }

    @Test func aMistypedTokenIsReportedWithoutItsValue() throws {
        let path = try directory.write("typed", "users:\n- name: u\n  user:\n    token: 98765432123456789\n")
        let error = #expect(throws: KubeconfigError.self) { try KubeconfigLoader.read(path) }
        let text = error?.description ?? ""
        #expect(text.contains("\(path):4:"))
        #expect(text.contains("users[0].user.token"))
        #expect(!text.contains("98765432123456789"))
    }
}
