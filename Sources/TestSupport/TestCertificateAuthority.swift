import Foundation

/// A throwaway certificate authority made at test time with the `openssl` CLI (EC P-256, valid two days),
/// which issues server certificates for 127.0.0.1 and client certificates.
public struct TestCertificateAuthority: Sendable {
    /// A certificate and its private key, as PEM files.
    public struct Issued: Sendable {
        public var certificatePath: String
        public var keyPath: String

        public func keyPEM() throws -> String { try String(contentsOfFile: keyPath, encoding: .utf8) }
    }

    public let directory: TemporaryDirectory
    public let certificatePath: String
    private let keyPath: String

    /// Makes a new CA in `directory`.
    public init(in directory: TemporaryDirectory, name: String = "tenantctl-test-ca") throws {
        self.directory = directory
        certificatePath = directory.url.appendingPathComponent("\(name).crt").path
        keyPath = directory.url.appendingPathComponent("\(name).key").path
        try Tool.run(
            "openssl",
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", keyPath, "-out", certificatePath, "-days", "2", "-subj", "/CN=\(name)",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ])
    }

    /// A server certificate for 127.0.0.1 and localhost.
    public func issueServer(name: String = "server") throws -> Issued {
        try issue(
            name: name, commonName: name,
            extensions: "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n")
    }

    /// A client certificate; Kubernetes reads the user from the CN and groups from O.
    public func issueClient(name: String = "client", user: String = "tenantctl-test") throws -> Issued {
        try issue(name: name, commonName: user, extensions: "extendedKeyUsage=clientAuth\n")
    }

    private func issue(name: String, commonName: String, extensions: String) throws -> Issued {
        let base = directory.url.appendingPathComponent(name).path
        let extensionsFile = try directory.write("\(name).ext", extensions)
        try Tool.run(
            "openssl",
            [
                "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "\(base).key", "-out", "\(base).csr", "-subj", "/CN=\(commonName)",
            ])
        try Tool.run(
            "openssl",
            [
                "x509", "-req", "-in", "\(base).csr", "-CA", certificatePath, "-CAkey", keyPath, "-CAcreateserial",
                "-out", "\(base).crt", "-days", "2", "-extfile", extensionsFile,
            ])
        return Issued(certificatePath: "\(base).crt", keyPath: "\(base).key")
    }
}
