/// The secure (Kata micro-VM) runtime as workloads select it (G10): the RuntimeClass `kata` with the `kata`
/// handler — the upstream convention; CCE's own name is unconfirmed, so plans read the live object.
public enum SecureRuntime {
    public static let className = "kata"
}
