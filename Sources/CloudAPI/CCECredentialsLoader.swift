import Foundation
import HTTP

/// Finds CCE credentials in the environment or in a credentials file, never in specs.
///
/// Looked for in order:
/// 1. `TENANTCTL_CCE_AK` + `TENANTCTL_CCE_SK`, else `HUAWEICLOUD_SDK_AK` + `HUAWEICLOUD_SDK_SK`;
/// 2. `TENANTCTL_IAM_USER` + `TENANTCTL_IAM_PASSWORD` + `TENANTCTL_IAM_DOMAIN` (token login);
/// 3. the credentials file `TENANTCTL_CCE_CREDENTIALS_FILE`, else `HUAWEICLOUD_SDK_CREDENTIALS_FILE`, else
///    `~/.huaweicloud/credentials` — the Huawei SDK's INI format, section `[basic]` (or the profile asked
///    for) with `ak`, `sk`, `project_id`, or `iam_user`, `iam_password`, `iam_domain`. The file must not be
///    readable by group or others (mode 0600 or stricter); otherwise it is refused.
///
/// The project ID comes from the caller (the cluster inventory), else `TENANTCTL_CCE_PROJECT_ID` /
/// `HUAWEICLOUD_SDK_PROJECT_ID`, else the file's `project_id`.
public struct CCECredentialsLoader: Sendable {
    public var environment: [String: String]
    public var homeDirectory: String?

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        homeDirectory: String? = ProcessInfo.processInfo.environment["HOME"]
    ) {
        self.environment = environment
        self.homeDirectory = homeDirectory
    }

    /// Loads credentials; `projectID` (from the inventory) wins over any other source of the project.
    public func load(projectID: String? = nil, profile: String = "basic") throws(CCECredentialsError)
        -> CCECredentials
    {
        let envProject = value("TENANTCTL_CCE_PROJECT_ID") ?? value("HUAWEICLOUD_SDK_PROJECT_ID")
        if let method = methodFromEnvironment() {
            guard let project = projectID ?? envProject else {
                throw CCECredentialsError(
                    "credentials come from the environment but no project ID was given: set it in the cluster "
                        + "inventory (cce.projectID) or TENANTCTL_CCE_PROJECT_ID")
            }
            return CCECredentials(method, projectID: project)
        }
        guard let path = credentialsFilePath() else {
            throw CCECredentialsError(
                "no CCE credentials: set TENANTCTL_CCE_AK and TENANTCTL_CCE_SK (or HUAWEICLOUD_SDK_AK/_SK), "
                    + "or write a credentials file (TENANTCTL_CCE_CREDENTIALS_FILE)")
        }
        let file = try Self.readFile(path, profile: profile)
        guard let project = projectID ?? envProject ?? file.projectID else {
            throw CCECredentialsError(
                "credentials file \(path) has no project_id in [\(profile)] and none was given")
        }
        return CCECredentials(file.method, projectID: project)
    }

    /// Reads the `[profile]` section of an INI credentials file after checking its permissions.
    public static func readFile(_ path: String, profile: String = "basic") throws(CCECredentialsError)
        -> (method: CCECredentials.Method, projectID: String?)
    {
        try checkPermissions(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CCECredentialsError("credentials file \(path) cannot be read")
        }
        let section = INISection.parse(String(decoding: data, as: UTF8.self), section: profile)
        if let ak = section["ak"], let sk = section["sk"] {
            let key = AccessKey(accessKey: Redacted(ak), secretKey: Redacted(sk))
            return (.accessKey(key), section["project_id"])
        }
        if let user = section["iam_user"], let password = section["iam_password"], let domain = section["iam_domain"] {
            return (
                .password(IAMPassword(user: user, password: Redacted(password), domain: domain)), section["project_id"]
            )
        }
        throw CCECredentialsError(
            "credentials file \(path) has neither ak and sk nor iam_user, iam_password and iam_domain in [\(profile)]")
    }

    /// Refuses a file that group or others may read or write: secrets must be mode 0600 (or stricter).
    public static func checkPermissions(_ path: String) throws(CCECredentialsError) {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw CCECredentialsError("credentials file \(path) does not exist or cannot be read")
        }
        guard let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue else {
            throw CCECredentialsError("credentials file \(path): cannot read its permissions")
        }
        if mode & 0o077 != 0 {
            let octal = String(mode & 0o777, radix: 8)
            throw CCECredentialsError(
                "credentials file \(path) has permissions 0\(octal): it holds secrets and must not be accessible "
                    + "to group or others; run `chmod 600 \(path)`")
        }
    }

    private func methodFromEnvironment() -> CCECredentials.Method? {
        for (akName, skName) in [
            ("TENANTCTL_CCE_AK", "TENANTCTL_CCE_SK"), ("HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK"),
        ] {
            if let ak = value(akName), let sk = value(skName) {
                return .accessKey(AccessKey(accessKey: Redacted(ak), secretKey: Redacted(sk)))
            }
        }
        if let user = value("TENANTCTL_IAM_USER"), let password = value("TENANTCTL_IAM_PASSWORD"),
            let domain = value("TENANTCTL_IAM_DOMAIN")
        {
            return .password(IAMPassword(user: user, password: Redacted(password), domain: domain))
        }
        return nil
    }

    private func credentialsFilePath() -> String? {
        if let path = value("TENANTCTL_CCE_CREDENTIALS_FILE") ?? value("HUAWEICLOUD_SDK_CREDENTIALS_FILE") {
            return path
        }
        guard let home = homeDirectory else { return nil }
        let path = home + "/.huaweicloud/credentials"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    private func value(_ name: String) -> String? {
        guard let text = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty
        else { return nil }
        return text
    }
}

/// The `key = value` lines of one `[section]` of an INI file; `#` and `;` start comments.
enum INISection {
    static func parse(_ text: String, section wanted: String) -> [String: String] {
        var current: String?
        var values: [String: String] = [:]
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                current = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                continue
            }
            guard current == wanted, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if !value.isEmpty { values[key] = value }
        }
        return values
    }
}
