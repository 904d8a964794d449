import CCESigning
import Foundation
import HTTP

/// Signs every attempt with an AK/SK pair (a fresh `X-Sdk-Date` each time) and sends `X-Project-Id`.
struct AccessKeyAuthorizer: RequestAuthorizer {
    let key: AccessKey
    let projectID: String
    let clock: any CCEClock

    func authorize(_ request: inout HTTPRequest) async throws {
        request.headers.removeAll { $0.name.caseInsensitiveCompare("X-Project-Id") == .orderedSame }
        request.headers.append((name: "X-Project-Id", value: projectID))
        CCESigner.sign(&request, with: key, date: clock.now())
    }

    /// A signature does not go stale between attempts; a 401 is final.
    func invalidate() async -> Bool { false }
}

/// Sends a project-scoped IAM token in `X-Auth-Token`, fetching it on first use and again shortly before
/// it expires or after the server refuses it.
struct TokenAuthorizer: RequestAuthorizer {
    let tokens: IAMTokenCache
    let projectID: String

    func authorize(_ request: inout HTTPRequest) async throws {
        let token = try await tokens.token()
        request.headers.removeAll {
            $0.name.caseInsensitiveCompare("X-Auth-Token") == .orderedSame
                || $0.name.caseInsensitiveCompare("X-Project-Id") == .orderedSame
        }
        request.headers.append((name: "X-Auth-Token", value: token.revealed))
        request.headers.append((name: "X-Project-Id", value: projectID))
    }

    func invalidate() async -> Bool {
        await tokens.invalidate()
        return true
    }
}
