/// Builds node trees from libyaml events without recursion, enforcing `YAMLLimits` as it goes:
/// depth is checked when a collection opens (so libyaml never has to go deeper than the limit),
/// and every alias is charged the full size of the subtree it copies.
struct Composer {
    /// A collection still being read.
    private struct Frame {
        var isMapping: Bool
        var mark: Mark
        var tag: String?
        var anchor: String?
        var items: [Node] = []
        var pairs: [Pair] = []
        var pendingKey: Node?
        var keyMarks: [String: Mark] = [:]
        /// Nodes in this subtree so far, itself included.
        var size = 1
        /// Height of the tallest child so far (a scalar has height 1).
        var childHeight = 0
    }

    /// A node that an anchor names, with what copying it costs.
    private struct Anchored {
        var node: Node
        var size: Int
        var height: Int
    }

    let source: SourceText
    private let limits: YAMLLimits
    private var stack: [Frame] = []
    private var anchors: [String: Anchored] = [:]
    private var root: Node?
    private var nodeCount = 0

    init(source: SourceText, limits: YAMLLimits) {
        self.source = source
        self.limits = limits
    }

    /// Reads the whole stream: one node per document.
    mutating func compose(_ parser: LibYAMLParser) throws(YAMLError) -> [Node] {
        var documents: [Node] = []
        while true {
            let event = try parser.next()
            switch event.kind {
            case .streamStart:
                continue
            case .streamEnd:
                return documents
            case .documentStart:
                anchors = [:]
                root = nil
            case .documentEnd:
                documents.append(root ?? Node(.scalar(Scalar.plain("")), mark: event.mark))
            case .alias(let name):
                try alias(name, at: event.mark)
            case .scalar(let scalar):
                try checkDepth(adding: 1, at: event.mark)
                try count(1, at: event.mark)
                let node = Node(
                    .scalar(try resolve(scalar, at: event.mark)), mark: event.mark, tag: Self.shortTag(scalar.tag))
                try attach(node, size: 1, height: 1, anchor: scalar.anchor)
            case .sequenceStart(let anchor, let tag), .mappingStart(let anchor, let tag):
                try checkDepth(adding: 1, at: event.mark)
                try count(1, at: event.mark)
                var isMapping = false
                if case .mappingStart = event.kind { isMapping = true }
                let short = Self.shortTag(tag)
                try checkCollectionTag(short, isMapping: isMapping, at: event.mark)
                stack.append(Frame(isMapping: isMapping, mark: event.mark, tag: short, anchor: anchor))
            case .sequenceEnd, .mappingEnd:
                guard let frame = stack.popLast() else { continue }
                let content: Node.Content =
                    frame.isMapping ? .mapping(try expandingMergeKeys(frame.pairs)) : .sequence(frame.items)
                let node = Node(content, mark: frame.mark, tag: frame.tag)
                try attach(node, size: frame.size, height: frame.childHeight + 1, anchor: frame.anchor)
            }
        }
    }

    private func checkDepth(adding height: Int, at mark: Mark) throws(YAMLError) {
        guard stack.count + height <= limits.maxDepth else {
            throw source.error(at: mark, "nesting is deeper than the limit of \(limits.maxDepth) levels")
        }
    }

    private mutating func count(_ nodes: Int, at mark: Mark) throws(YAMLError) {
        nodeCount += nodes
        guard nodeCount <= limits.maxNodes else {
            throw source.error(
                at: mark, "the document has more than \(limits.maxNodes) nodes once aliases are expanded")
        }
    }

    private mutating func alias(_ name: String, at mark: Mark) throws(YAMLError) {
        guard let anchored = anchors[name] else {
            if stack.contains(where: { $0.anchor == name }) {
                throw source.error(
                    at: mark, "alias *\(name) refers to a node that contains it; recursive aliases are not allowed")
            }
            throw source.error(at: mark, "unknown alias *\(name): no anchor &\(name) comes before it in this document")
        }
        try checkDepth(adding: anchored.height, at: mark)
        try count(anchored.size, at: mark)
        var node = anchored.node
        node.mark = mark
        try attach(node, size: anchored.size, height: anchored.height, anchor: nil)
    }

    /// Adds a finished node to the open collection (or makes it the document's root).
    private mutating func attach(_ node: Node, size: Int, height: Int, anchor: String?) throws(YAMLError) {
        if let anchor { anchors[anchor] = Anchored(node: node, size: size, height: height) }
        guard var frame = stack.popLast() else {
            root = node
            return
        }
        frame.size += size
        frame.childHeight = max(frame.childHeight, height)
        if !frame.isMapping {
            frame.items.append(node)
        } else if let key = frame.pendingKey {
            frame.pairs.append(Pair(key: key, value: node))
            frame.pendingKey = nil
        } else {
            if case .scalar(let scalar) = node.content {
                let name = scalar.keyString
                if let first = frame.keyMarks[name] {
                    throw source.error(
                        at: node.mark,
                        "duplicate key \"\(name)\" (first defined at line \(first.line), column \(first.column))")
                }
                frame.keyMarks[name] = node.mark
            }
            frame.pendingKey = node
        }
        stack.append(frame)
    }

    private func checkCollectionTag(_ tag: String?, isMapping: Bool, at mark: Mark) throws(YAMLError) {
        switch tag {
        case nil, "!": return
        case "!!map" where isMapping, "!!seq" where !isMapping: return
        case "!!map", "!!seq":
            throw source.error(at: mark, "the tag \(tag ?? "") does not fit a \(isMapping ? "mapping" : "sequence")")
        default:
            throw source.error(at: mark, "unsupported tag \(tag ?? ""); only the YAML core tags are allowed")
        }
    }

    /// `tag:yaml.org,2002:str` → `!!str`; other tags unchanged.
    static func shortTag(_ tag: String?) -> String? {
        guard let tag else { return nil }
        let prefix = "tag:yaml.org,2002:"
        return tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
    }
}
