import Foundation
import HTTP
import JSON

/// Holds a project-scoped IAM token from `POST /v3/auth/tokens` (password login): the token comes in the
/// `X-Subject-Token` response header, its expiry in `token.expires_at`. A new one is fetched when less than
/// `refreshMargin` remains, and after `invalidate()`. Concurrent callers share one fetch.
actor IAMTokenCache {
    private let login: IAMPassword
    private let projectID: String
    private let iam: CCEExecutor
    private let refreshMargin: Duration
    private var current: (token: Redacted<String>, expiresAt: Date)?
    private var pending: Task<(token: Redacted<String>, expiresAt: Date), any Error>?

    init(login: IAMPassword, projectID: String, iam: CCEExecutor, refreshMargin: Duration) {
        self.login = login
        self.projectID = projectID
        self.iam = iam
        self.refreshMargin = refreshMargin
    }

    /// A token valid for at least `refreshMargin` more.
    func token() async throws -> Redacted<String> {
        if let current, iam.clock.now().addingTimeInterval(refreshMargin.timeInterval) < current.expiresAt {
            return current.token
        }
        if let pending { return try await pending.value.token }
        let task = Task { [iam, login, projectID] in try await Self.issue(iam: iam, login: login, projectID: projectID)
        }
        pending = task
        defer { pending = nil }
        let issued = try await task.value
        current = issued
        return issued.token
    }

    /// Forgets the token, so the next request logs in again.
    func invalidate() {
        current = nil
    }

    private static func issue(iam: CCEExecutor, login: IAMPassword, projectID: String) async throws
        -> (token: Redacted<String>, expiresAt: Date)
    {
        let body: JSONValue = [
            "auth": [
                "identity": [
                    "methods": ["password"],
                    "password": [
                        "user": [
                            "name": .string(login.user), "password": .string(login.password.revealed),
                            "domain": ["name": .string(login.domain)],
                        ]
                    ],
                ],
                "scope": ["project": ["id": .string(projectID)]],
            ]
        ]
        let call = CCECall(
            method: .post, path: "/v3/auth/tokens", query: [("nocatalog", "true")], body: body.jsonData())
        let response = try await iam.send(call)
        func malformed(_ reason: String) -> CCEError {
            CCEError(
                method: .post, path: call.target, failure: .undecodable(status: response.status, reason: reason),
                requestID: response.header("X-Request-Id"))
        }
        guard let token = response.header("X-Subject-Token"), !token.isEmpty else {
            throw malformed("no X-Subject-Token header")
        }
        guard let expiry = (try? JSONValue.parse(response.body))?.value(at: ["token", "expires_at"])?.stringValue,
            let expiresAt = parseTimestamp(expiry)
        else { throw malformed("no readable token.expires_at") }
        return (Redacted(token), expiresAt)
    }

    /// IAM's `2024-06-01T10:00:00.000000Z`: RFC 3339 with any number of fractional digits.
    static func parseTimestamp(_ text: String) -> Date? {
        var trimmed = text
        if let dot = text.firstIndex(of: "."),
            let zone = text[dot...].firstIndex(where: { $0 == "Z" || $0 == "+" || $0 == "-" })
        {
            trimmed = String(text[..<dot]) + String(text[zone...])
        }
        return ISO8601DateFormatter().date(from: trimmed)
    }
}
