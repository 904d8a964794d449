import JSON
import YAML

/// A value in a playbook that may hold `${…}` expressions: a Kubernetes object, a cloud action body,
/// a `forEach` or a `when`. Keeps the position of every string so render errors point at the source.
public struct Template: Sendable, Hashable {
    /// What the template is made of.
    public indirect enum Shape: Sendable, Hashable {
        /// A value with no expressions in it (a whole list or mapping too): rendering hands it out as it is.
        case value(JSONValue)
        /// A string that is one whole expression: renders to the expression's value, keeping its type.
        case expression(PlaybookExpression)
        /// A string mixing text and expressions: renders to a string.
        case interpolation([Part])
        case array([Template])
        /// A mapping's members in source order, so that the first problem found is the first in the file.
        case object([Member])
    }

    /// A member of a mapping: its key and its value.
    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: Template
    }

    /// A piece of an interpolated string.
    public enum Part: Sendable, Hashable {
        case text(String)
        case expression(PlaybookExpression)
    }

    public var shape: Shape
    /// Where the value starts in its file.
    public var mark: Mark
    /// The field the value is at, like `spec.steps[0].kubernetes.object.metadata.name`.
    public var path: FieldPath
}

extension Template {
    /// The template at a path of mapping keys inside this one, when it is spelled out there.
    func member(_ keys: String...) -> Template? {
        var template = self
        for key in keys {
            guard case .object(let members) = template.shape, let next = members.first(where: { $0.key == key }) else {
                return nil
            }
            template = next.value
        }
        return template
    }

    /// Reads `node` as a template; syntax errors in its strings are reported in `context` at the bad token.
    static func read(_ node: Node, path: FieldPath, _ context: ReadContext) -> Template? {
        switch node.content {
        case .scalar(let scalar):
            guard case .string(let text) = scalar.resolved else {
                return (try? node.toJSON()).map { Template(shape: .value($0), mark: node.mark, path: path) }
            }
            do {
                return Template(shape: try shape(of: Array(text)), mark: node.mark, path: path)
            } catch {
                context.error(error.message, at: mark(of: error.offset, in: node, scalar), path: path)
                return nil
            }
        case .sequence(let items):
            var templates: [Template] = []
            for (index, item) in items.enumerated() {
                if let template = read(item, path: path.appending(index: index), context) { templates.append(template) }
            }
            guard templates.count == items.count else { return nil }
            return Template(shape: folded(.array(templates)), mark: node.mark, path: path)
        case .mapping(let pairs):
            var members: [Member] = []
            var ok = true
            for pair in pairs {
                guard let key = pair.key.scalar?.keyString else {
                    context.error(
                        "a field name must be a plain string, found \(pair.key.readableKind)", at: pair.key.mark,
                        path: path)
                    ok = false
                    continue
                }
                if let template = read(pair.value, path: path.appending(key), context) {
                    members.append(Member(key: key, value: template))
                } else {
                    ok = false
                }
            }
            return ok ? Template(shape: folded(.object(members)), mark: node.mark, path: path) : nil
        }
    }

    /// A list or mapping of plain values as one value, read once instead of rebuilt at every render.
    private static func folded(_ shape: Shape) -> Shape {
        func constant(_ template: Template) -> JSONValue? {
            if case .value(let value) = template.shape { return value }
            return nil
        }
        switch shape {
        case .array(let items):
            let values = items.compactMap(constant)
            return values.count == items.count ? .value(.array(values)) : shape
        case .object(let members):
            let values = members.compactMap { member in constant(member.value).map { (member.key, $0) } }
            return values.count == members.count ? .value(.object(Dictionary(values, uniquingKeysWith: { $1 }))) : shape
        default: return shape
        }
    }

    /// The first string (in source order) whose expressions read `root`, if any.
    func firstUse(of root: String) -> Template? {
        switch shape {
        case .value: return nil
        case .expression(let expression): return expression.roots.contains(root) ? self : nil
        case .interpolation(let parts):
            let uses = parts.contains { part in
                if case .expression(let expression) = part { return expression.roots.contains(root) }
                return false
            }
            return uses ? self : nil
        case .array(let items): return items.lazy.compactMap { $0.firstUse(of: root) }.first
        case .object(let members): return members.lazy.compactMap { $0.value.firstUse(of: root) }.first
        }
    }

    /// Splits a string into text and `${…}` expressions; `$${` stands for a literal `${`.
    static func shape(of text: [Character]) throws(ExpressionSyntaxError) -> Shape {
        var parts: [Part] = [], literal = "", index = 0
        while index < text.count {
            if text[index] == "$", index + 2 < text.count, text[index + 1] == "$", text[index + 2] == "{" {
                literal += "${"
                index += 3
            } else if text[index] == "$", index + 1 < text.count, text[index + 1] == "{" {
                let end = try closingBrace(in: text, from: index + 2)
                if !literal.isEmpty { parts.append(.text(literal)) }
                literal = ""
                parts.append(.expression(try ExpressionParser.parse(Array(text[(index + 2)..<end]), offset: index + 2)))
                index = end + 1
            } else {
                literal.append(text[index])
                index += 1
            }
        }
        if !literal.isEmpty { parts.append(.text(literal)) }
        guard parts.count == 1, let only = parts.first else {
            return parts.isEmpty ? .value(.string("")) : .interpolation(parts)
        }
        switch only {
        case .text(let text): return .value(.string(text))
        case .expression(let expression): return .expression(expression)
        }
    }

    /// The index of the `}` closing an expression that starts at `start`, skipping quoted strings.
    private static func closingBrace(in text: [Character], from start: Int) throws(ExpressionSyntaxError) -> Int {
        var quote: Character?
        for index in start..<text.count {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "}" {
                return index
            }
        }
        throw ExpressionSyntaxError(message: "unterminated expression: '${' without a closing '}'", offset: start - 2)
    }

    /// The position of the character at `offset` in a one-line scalar; the scalar's start otherwise.
    private static func mark(of offset: Int, in node: Node, _ scalar: Scalar) -> Mark {
        guard !scalar.text.contains("\n") else { return node.mark }
        switch scalar.style {
        case .plain: return Mark(line: node.mark.line, column: node.mark.column + offset)
        case .singleQuoted, .doubleQuoted: return Mark(line: node.mark.line, column: node.mark.column + 1 + offset)
        case .literal, .folded: return node.mark
        }
    }
}
