import Foundation
import HTTP
import JSON

/// The credentials one request carries.
struct Credentials: Sendable {
    var authorization: Redacted<String>?
    var clientCertificate: ClientCertificate?
}

/// Produces each request's credentials from an `Authentication`: re-reads the token file, and asks the exec
/// plugin (which caches until expiry) for its token or certificate.
struct CredentialSource: Sendable {
    let authentication: Authentication
    private let plugin: ExecCredentialPlugin?

    init(_ authentication: Authentication, cluster: JSONValue?, log: LogHandler?) {
        self.authentication = authentication
        self.plugin = authentication.exec.map { ExecCredentialPlugin(config: $0, cluster: cluster, log: log) }
    }

    func current() async throws -> Credentials {
        var token = authentication.token
        if let path = authentication.tokenFile { token = try Self.readToken(path) }
        var certificate = authentication.clientCertificate
        if let plugin {
            let credential = try await plugin.credential()
            token = credential.token ?? token
            certificate = credential.clientCertificate ?? certificate
        }
        return Credentials(
            authorization: token.map { Redacted("Bearer \($0.revealed)") }, clientCertificate: certificate)
    }

    /// Drops cached plugin credentials after a 401; true when there was something to refresh.
    func invalidate() async -> Bool {
        guard let plugin else { return false }
        await plugin.invalidate()
        return true
    }

    private static func readToken(_ path: String) throws(TokenFileError) -> Redacted<String> {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw TokenFileError(path: path, problem: "cannot be read (\((error as NSError).localizedDescription))")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw TokenFileError(path: path, problem: "is empty") }
        return Redacted(token)
    }
}

/// A `tokenFile` that cannot supply a token.
public struct TokenFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "token file \(path) \(problem)" }
}
