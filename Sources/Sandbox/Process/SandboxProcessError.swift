/// A sandbox process that would not start or stop, in one sentence.
public struct SandboxProcessError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) { self.description = description }
}
