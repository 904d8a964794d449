import CloudAPI
import Foundation
import KubeAPI
import Sandbox

/// The sandbox's CCE credentials: a generated AK/SK pair and project ID in the Huawei SDK's credentials-file
/// format (`[basic]` with `ak`, `sk`, `project_id`; mode 0600) in the sandbox's directory, read back through
/// the client's own loader so that what the sandbox accepts is what `TENANTCTL_CCE_CREDENTIALS_FILE` gives.
enum SandboxCCECredentials {
    static let projectID = "sandbox-project"

    /// Writes a fresh pair to `file`, readable by its owner only.
    static func create(at file: URL) throws {
        func random(_ count: Int, from alphabet: String) -> String {
            let characters = Array(alphabet)
            return String((0..<count).compactMap { _ in characters.randomElement() })
        }
        let accessKey = "SANDBOX" + random(13, from: "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        let secretKey = random(40, from: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        let text = "[basic]\nak = \(accessKey)\nsk = \(secretKey)\nproject_id = \(projectID)\n"
        guard
            FileManager.default.createFile(
                atPath: file.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path]) }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
    }

    /// The CCE API configuration accepting the pair in `file`; nil when there is no file.
    static func configuration(from file: URL, transitionDelay: TimeInterval) throws -> CCEConfiguration? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let read = try CCECredentialsLoader.readFile(file.path)
        guard case .accessKey(let key) = read.method else { return nil }
        return CCEConfiguration(
            projectID: read.projectID ?? projectID, transitionDelay: transitionDelay,
            accessKeys: [key.accessKey.revealed: key.secretKey.revealed])
    }

    /// What the sandbox's CCE API is and which credentials it accepts.
    static func usage(file: URL, port: Int) -> String {
        """
          CCE API:    https://127.0.0.1:\(port)  (CCE v3 and IAM; created clusters get a Kubernetes API at /clusters/ID)
          CCE creds:  \(file.path)   (AK/SK, project \(projectID))
        """
    }

    /// The variables that point tenantctl's CCE client at the sandbox and make it trust the sandbox's CA.
    static func exports(file: URL, port: Int, certificateAuthority: URL) -> String {
        """
          export \(CCEClient.Endpoints.cceVariable)=https://127.0.0.1:\(port)
          export TENANTCTL_CCE_CREDENTIALS_FILE=\(file.path)
          export \(CCEClient.Endpoints.certificateAuthorityVariable)=\(certificateAuthority.path)
        """
    }
}
