import KubeAPI

extension Kubeconfig {
    /// Makes every cluster entry that sets `insecure-skip-tls-verify` verify with the CA data that another entry
    /// carries (CCE's `externalCluster` beside `internalCluster`); nothing changes when no entry has CA data.
    mutating func verifyClustersThatSkipVerification() {
        guard
            let authority = clusters.compactMap(\.cluster.certificateAuthorityData).first(where: { !$0.isEmpty })
        else { return }
        for index in clusters.indices where clusters[index].cluster.insecureSkipTLSVerify == true {
            clusters[index].cluster.insecureSkipTLSVerify = nil
            clusters[index].cluster.certificateAuthorityData = authority
        }
    }
}
