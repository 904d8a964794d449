/// A 1-based position in a YAML source. Columns count Unicode code points (not UTF-8 bytes, not
/// grapheme clusters); a tab is one column.
public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The mark of a node that was not read from a source (built from JSON, say): 0:0.
    public static let unknown = Mark(line: 0, column: 0)

    public static func < (a: Mark, b: Mark) -> Bool { (a.line, a.column) < (b.line, b.column) }
    public var description: String { "\(line):\(column)" }
}

/// One node of a parsed YAML document, with the position where it starts.
/// Aliases are already expanded: an alias node is a copy of its anchor's node, marked where the alias stands.
public struct Node: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        case scalar(Scalar)
        case sequence([Node])
        case mapping([Pair])
    }

    public var content: Content
    public var mark: Mark
    /// An explicit tag such as `!!str`, if the source had one.
    public var tag: String?

    public init(_ content: Content, mark: Mark, tag: String? = nil) {
        self.content = content
        self.mark = mark
        self.tag = tag
    }
}

/// A key and its value in a mapping, in source order.
public struct Pair: Sendable, Hashable {
    public var key: Node
    public var value: Node

    public init(key: Node, value: Node) {
        self.key = key
        self.value = value
    }
}

/// A scalar: its text as written and what it resolves to under Kubernetes' YAML rules.
public struct Scalar: Sendable, Hashable {
    public enum Style: Sendable, Hashable { case plain, singleQuoted, doubleQuoted, literal, folded }

    /// What a scalar means: plain scalars resolve like Kubernetes YAML (true/false, null, integers, floats);
    /// quoted and block scalars, and `!!str`, stay strings.
    public enum Resolved: Sendable, Hashable {
        case null
        case bool(Bool)
        case int(Int64)
        case float(Double)
        case string(String)
    }

    public var text: String
    public var style: Style
    public var resolved: Resolved

    public init(text: String, style: Style, resolved: Resolved) {
        self.text = text
        self.style = style
        self.resolved = resolved
    }
}
