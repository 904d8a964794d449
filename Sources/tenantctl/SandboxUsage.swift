import Foundation
import Sandbox

/// What `sandbox start` and `status` print: where the sandbox serves, its files, and the `export` lines that point
/// kubectl and tenantctl at it (the demo evaluates them).
enum SandboxUsage {
    static func text(_ directory: SandboxDirectory, port: Int, pid: Int32) -> String {
        let kubeconfig = directory.kubeconfig.path, credentials = directory.cceCredentials
        let cce = FileManager.default.fileExists(atPath: credentials.path)
        return """
            sandbox running (pid \(pid)) at https://127.0.0.1:\(port)
              kubeconfig: \(kubeconfig)
              CA:         \(directory.certificateAuthority.path)   (the sandbox's own; the kubeconfig trusts it)
              try:        KUBECONFIG=\(kubeconfig) kubectl get ns
            """
                + (cce ? "\n" + SandboxCCECredentials.usage(file: credentials, port: port) : "")
                + "\npoint tenantctl at it:\n  export KUBECONFIG=\(kubeconfig)"
                + (cce
                    ? "\n"
                        + SandboxCCECredentials.exports(
                            file: credentials, port: port, certificateAuthority: directory.certificateAuthority) : "")
    }
}
