import HTTP

/// A Huawei Cloud access key pair. Both halves are `Redacted`: neither prints.
public struct AccessKey: Sendable, Hashable, CustomStringConvertible {
    public var accessKey: Redacted<String>
    public var secretKey: Redacted<String>

    public init(accessKey: Redacted<String>, secretKey: Redacted<String>) {
        self.accessKey = accessKey
        self.secretKey = secretKey
    }

    public var description: String { "access key <redacted>" }
}

/// An IAM user's password login, exchanged for a project-scoped token (`POST /v3/auth/tokens`).
public struct IAMPassword: Sendable, Hashable, CustomStringConvertible {
    public var user: String
    public var password: Redacted<String>
    /// The account (domain) name the user belongs to.
    public var domain: String

    public init(user: String, password: Redacted<String>, domain: String) {
        self.user = user
        self.password = password
        self.domain = domain
    }

    public var description: String { "IAM user \(user) of account \(domain)" }
}

/// Who the client is to CCE: an AK/SK pair that signs each request, or an IAM password login whose token
/// goes in `X-Auth-Token`; and the project whose resources it manages.
public struct CCECredentials: Sendable, Hashable, CustomStringConvertible {
    /// How requests are authenticated.
    public enum Method: Sendable, Hashable {
        case accessKey(AccessKey)
        case password(IAMPassword)
    }

    public var method: Method
    /// The project (region-scoped) ID in `/api/v3/projects/{project_id}/…` and `X-Project-Id`.
    public var projectID: String

    public init(_ method: Method, projectID: String) {
        self.method = method
        self.projectID = projectID
    }

    public var description: String {
        switch method {
        case .accessKey(let key): "\(key) for project \(projectID)"
        case .password(let login): "\(login) for project \(projectID)"
        }
    }
}

/// Credentials that could not be found or were refused; the message names where they were looked for and
/// never quotes a secret.
public struct CCECredentialsError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
