import Foundation
import HTTP

/// What an exec plugin prints: an `ExecCredential` whose status holds a token or a client certificate.
struct ExecCredential: Decodable {
    struct Status: Decodable {
        var token: Redacted<String>?
        var clientCertificateData: Redacted<String>?
        var clientKeyData: Redacted<String>?
        var expirationTimestamp: String?
    }

    var apiVersion: String?
    var kind: String?
    var status: Status?
}

/// A credential from a plugin, valid until `expiry` (forever when the plugin gave no expiry).
struct PluginCredential: Sendable {
    var token: Redacted<String>?
    var clientCertificate: ClientCertificate?
    var expiry: Date?

    func isValid(at now: Date) -> Bool {
        expiry.map { now < $0 } ?? true
    }

    /// Reads plugin output; the problem never quotes the output, which holds secrets.
    static func parse(_ output: Data, expectedAPIVersion: String) throws(ExecPluginError.Problem) -> PluginCredential {
        let credential: ExecCredential
        do {
            credential = try JSONDecoder().decode(ExecCredential.self, from: output)
        } catch {
            throw .badOutput("its output is not an ExecCredential JSON object")
        }
        guard credential.kind == "ExecCredential", credential.apiVersion == expectedAPIVersion else {
            throw .badOutput("its output is not an ExecCredential of apiVersion \(expectedAPIVersion)")
        }
        guard let status = credential.status else { throw .badOutput("its ExecCredential has no status") }
        var expiry: Date?
        if let stamp = status.expirationTimestamp {
            guard let date = parseTimestamp(stamp) else {
                throw .badOutput("status.expirationTimestamp \"\(stamp)\" is not an RFC 3339 time")
            }
            expiry = date
        }
        var certificate: ClientCertificate?
        switch (status.clientCertificateData, status.clientKeyData) {
        case (let cert?, let key?):
            certificate = ClientCertificate(
                certificate: .data(Redacted(Array(cert.revealed.utf8))), key: .data(Redacted(Array(key.revealed.utf8))))
        case (nil, nil):
            break
        default:
            throw .badOutput("its ExecCredential has only one of clientCertificateData and clientKeyData")
        }
        guard status.token != nil || certificate != nil else {
            throw .badOutput("its ExecCredential has neither a token nor a client certificate")
        }
        return PluginCredential(token: status.token, clientCertificate: certificate, expiry: expiry)
    }

    private static func parseTimestamp(_ text: String) -> Date? {
        (try? Date(text, strategy: .iso8601))
            ?? (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
    }
}

/// An exec credential plugin that could not provide a credential.
public struct ExecPluginError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong; never quotes the plugin's output.
    public enum Problem: Error, Sendable, Hashable {
        case notFound(installHint: String?)
        case cannotStart(String)
        case exited(status: Int32)
        case timedOut(seconds: Int)
        case badOutput(String)
        case unsupported(String)
    }

    public var command: String
    public var problem: Problem

    public init(command: String, problem: Problem) {
        self.command = command
        self.problem = problem
    }

    public var description: String {
        let what = "exec credential plugin \"\(command)\""
        switch problem {
        case .notFound(let hint): return "\(what) was not found" + (hint.map { ": \($0)" } ?? "")
        case .cannotStart(let reason): return "\(what) could not start: \(reason)"
        case .exited(let status): return "\(what) exited with status \(status)"
        case .timedOut(let seconds): return "\(what) did not finish within \(seconds) s and was stopped"
        case .badOutput(let reason): return "\(what) failed: \(reason)"
        case .unsupported(let reason): return "\(what) cannot be used: \(reason)"
        }
    }
}
