/// The post-install script of a tenant's node pool: the G14 rule that stops the pool's containers reaching the
/// API server (chosen by network mode and persisted across reboots in `/etc/rc.local`), and the G7 switch of the
/// kubelet to webhook authorization where the cluster version still defaults to AlwaysAllow. Pure text.
enum NodeScript {
    /// The script, or nil when the pool needs none (API access allowed, or nothing applies to the network mode).
    static func postInstall(layout: Layout, cluster: ClusterProfile, version: KubernetesVersion) -> String? {
        var lines: [String] = []
        if let rule = apiServerRule(layout: layout, cluster: cluster) {
            lines += [
                "# G14: containers on this node cannot reach the API server",
                rule,
                "[ -e /etc/rc.local ] || printf '#!/bin/bash\\n' > /etc/rc.local",
                "grep -qxF '\(rule)' /etc/rc.local 2>/dev/null || echo '\(rule)' >> /etc/rc.local",
                "chmod +x /etc/rc.local",
            ]
        }
        if needsKubeletWebhook(version) {
            lines += [
                "# G7: kubelet authorizes through the API server",
                "sed -i s/AlwaysAllow/Webhook/g /var/paas/kubernetes/kubelet/kubelet_config.yaml; systemctl restart kubelet",
            ]
        }
        return lines.isEmpty ? nil : (["#!/bin/bash", "set -e"] + lines).joined(separator: "\n") + "\n"
    }

    /// The iptables rule for the cluster's network mode: FORWARD on the tunnel network, OUTPUT on the VPC
    /// network; none on Cloud Native 2.0 (pods use ENIs: the security groups fence them) or without addresses.
    static func apiServerRule(layout: Layout, cluster: ClusterProfile) -> String? {
        guard layout.apiServer == .blocked, case .shared = layout.site, let cidr = cluster.containerCIDR,
            let address = cluster.apiServerAddress
        else { return nil }
        switch cluster.networkMode {
        case .tunnel: return "iptables -I FORWARD -s \(cidr) -d \(address) -j REJECT"
        case .vpc: return "iptables -I OUTPUT -s \(cidr) -d \(address) -j REJECT"
        case .cloudNative2: return nil
        }
    }

    /// CCE clusters up to v1.15.6-r1 ran the kubelet with AlwaysAllow; the minor version is the finest the
    /// inventory gives, so every 1.15 and older cluster gets the fix.
    static func needsKubeletWebhook(_ version: KubernetesVersion) -> Bool {
        version < KubernetesVersion(major: 1, minor: 16)
    }
}
