/// Bounds that keep parsing hostile or broken input cheap: every limit is checked while reading,
/// before the work it guards is done, and exceeding one is a `YAMLError` at the offending node.
public struct YAMLLimits: Sendable, Hashable {
    /// The largest input accepted, in bytes.
    public var maxInputBytes: Int
    /// The deepest nesting of collections, counting the document's root as depth 1.
    /// Aliases count with the depth of the node they copy.
    public var maxDepth: Int
    /// The most nodes a stream may hold after alias expansion (billion-laughs protection):
    /// an alias counts every node of the subtree it copies.
    public var maxNodes: Int
    /// The longest scalar accepted, in UTF-8 bytes after unescaping.
    public var maxScalarBytes: Int

    public init(maxInputBytes: Int, maxDepth: Int, maxNodes: Int, maxScalarBytes: Int) {
        self.maxInputBytes = maxInputBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxScalarBytes = maxScalarBytes
    }

    /// 32 MiB of input, 512 levels, 1,000,000 nodes, 1 MiB scalars (the size Kubernetes allows a whole
    /// ConfigMap or Secret).
    public static let `default` = YAMLLimits(
        maxInputBytes: 32 << 20, maxDepth: 512, maxNodes: 1_000_000, maxScalarBytes: 1 << 20)
}
