import JSON

/// A syntax error in a playbook string: what is wrong and at which character (0-based, in code points).
struct ExpressionSyntaxError: Error, Sendable, Hashable {
    let message: String
    let offset: Int
}

/// Parses the text between `${` and `}` into a `PlaybookExpression`.
/// Grammar: `or := and ('||' and)*`, `and := compare ('&&' compare)*`, `compare := unary (('=='|'!=') unary)?`,
/// `unary := '!' unary | postfix`, `postfix := primary ('.' name | '[' or ']')*`,
/// `primary := name | number | string | '(' or ')'`.
/// Bounded, so that hostile input gets an error at its place instead of exhausting the stack when parsed or
/// evaluated: nesting (parentheses, indexes, `!`) at most `maximumDepth` deep, at most `maximumOperators` binary
/// operators in one expression (a chain of them nests as deep when evaluated).
struct ExpressionParser {
    static let maximumDepth = 32
    static let maximumOperators = 64

    private enum Kind: Hashable { case name(String), number(JSONValue), string(String), symbol(String), end }
    private struct Token { let kind: Kind; let offset: Int }

    private var tokens: [Token] = []
    private var position = 0
    private var depth = 0
    private var operators = 0

    /// Parses `source`, whose first character stands at `offset` in the enclosing string.
    static func parse(_ source: [Character], offset: Int) throws(ExpressionSyntaxError) -> PlaybookExpression {
        var parser = ExpressionParser()
        parser.tokens = try tokenize(source, offset: offset)
        guard parser.tokens.count > 1 else { throw ExpressionSyntaxError(message: "empty expression", offset: offset) }
        let expression = try parser.parseOr()
        let rest = parser.tokens[parser.position]
        guard rest.kind == .end else {
            throw ExpressionSyntaxError(message: "unexpected \(describe(rest.kind))", offset: rest.offset)
        }
        return expression
    }

    private mutating func parseOr() throws(ExpressionSyntaxError) -> PlaybookExpression {
        var left = try parseAnd()
        while try takeOperator("||") { left = .or(left, try parseAnd()) }
        return left
    }

    private mutating func parseAnd() throws(ExpressionSyntaxError) -> PlaybookExpression {
        var left = try parseCompare()
        while try takeOperator("&&") { left = .and(left, try parseCompare()) }
        return left
    }

    private mutating func parseCompare() throws(ExpressionSyntaxError) -> PlaybookExpression {
        let left = try parseUnary()
        if try takeOperator("==") { return .equal(left, try parseUnary()) }
        if try takeOperator("!=") { return .notEqual(left, try parseUnary()) }
        return left
    }

    /// Takes a binary operator, counting it against `maximumOperators`.
    private mutating func takeOperator(_ symbol: String) throws(ExpressionSyntaxError) -> Bool {
        let offset = tokens[position].offset
        guard take(symbol) else { return false }
        operators += 1
        guard operators <= Self.maximumOperators else {
            throw ExpressionSyntaxError(
                message: "more than \(Self.maximumOperators) operators in one expression; split it over steps",
                offset: offset)
        }
        return true
    }

    /// Parses one level deeper (`!`, parentheses, an index), within `maximumDepth`.
    private mutating func nested(
        _ parse: (inout ExpressionParser) throws(ExpressionSyntaxError) -> PlaybookExpression
    ) throws(ExpressionSyntaxError) -> PlaybookExpression {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw ExpressionSyntaxError(
                message: "expression nested deeper than \(Self.maximumDepth) levels", offset: tokens[position].offset)
        }
        return try parse(&self)
    }

    private mutating func parseUnary() throws(ExpressionSyntaxError) -> PlaybookExpression {
        if take("!") {
            return .not(
                try nested { (parser: inout ExpressionParser) throws(ExpressionSyntaxError) in try parser.parseUnary() }
            )
        }
        var expression = try parsePrimary()
        while true {
            let step: PlaybookExpression.PathStep
            if take(".") {
                let token = tokens[position]
                guard case .name(let name) = token.kind else {
                    throw ExpressionSyntaxError(
                        message: "expected a field name after '.', found \(Self.describe(token.kind))",
                        offset: token.offset)
                }
                position += 1
                step = .member(name)
            } else if take("[") {
                let index = try nested { (parser: inout ExpressionParser) throws(ExpressionSyntaxError) in
                    try parser.parseOr()
                }
                try expect("]")
                step = .index(index)
            } else {
                return expression
            }
            if case .path(let root, let steps) = expression {
                expression = .path(root: root, steps + [step])
            } else {
                operators += 1  // each access nests the expression one level deeper
                guard operators <= Self.maximumOperators else {
                    throw ExpressionSyntaxError(
                        message: "more than \(Self.maximumOperators) operators in one expression; split it over steps",
                        offset: tokens[position - 1].offset)
                }
                expression = .access(expression, step)
            }
        }
    }

    private mutating func parsePrimary() throws(ExpressionSyntaxError) -> PlaybookExpression {
        let token = tokens[position]
        position += 1
        switch token.kind {
        case .number(let value): return .literal(value)
        case .string(let text): return .literal(.string(text))
        case .name("true"): return .literal(true)
        case .name("false"): return .literal(false)
        case .name("null"): return .literal(nil)
        case .name(let name):
            guard PlaybookExpression.roots.contains(name) else {
                let roots = PlaybookExpression.roots
                throw ExpressionSyntaxError(
                    message:
                        "unknown name \"\(name)\"\(Suggestion.hint(for: name, in: roots)); an expression starts from \(roots.joined(separator: ", ")) or a literal",
                    offset: token.offset)
            }
            return .path(root: name, [])
        case .symbol("("):
            let inner = try nested { (parser: inout ExpressionParser) throws(ExpressionSyntaxError) in
                try parser.parseOr()
            }
            try expect(")")
            return inner
        default:
            throw ExpressionSyntaxError(
                message: "expected a value, found \(Self.describe(token.kind))", offset: token.offset)
        }
    }

    private mutating func take(_ symbol: String) -> Bool {
        guard tokens[position].kind == .symbol(symbol) else { return false }
        position += 1
        return true
    }

    private mutating func expect(_ symbol: String) throws(ExpressionSyntaxError) {
        let token = tokens[position]
        guard take(symbol) else {
            throw ExpressionSyntaxError(
                message: "expected '\(symbol)', found \(Self.describe(token.kind))", offset: token.offset)
        }
    }

    private static func describe(_ kind: Kind) -> String {
        switch kind {
        case .name(let name): return "\"\(name)\""
        case .number(let value): return "the number \(value.interpolated ?? "")"
        case .string(let text): return "the string '\(text)'"
        case .symbol(let symbol): return "'\(symbol)'"
        case .end: return "the end of the expression"
        }
    }

    private static func tokenize(_ source: [Character], offset: Int) throws(ExpressionSyntaxError) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while index < source.count {
            let character = source[index], start = index
            if character == " " || character == "\t" {
                index += 1
                continue
            }
            if character.isLetter || character == "_" {
                while index < source.count,
                    source[index].isLetter || source[index].isNumber || source[index] == "_" || source[index] == "-"
                {
                    index += 1
                }
                tokens.append(Token(kind: .name(String(source[start..<index])), offset: offset + start))
            } else if character.isASCII && character.isNumber {
                while index < source.count, source[index].isASCII, source[index].isNumber || source[index] == "." {
                    index += 1
                }
                let text = String(source[start..<index])
                let value: JSONValue? = Int64(text).map(JSONValue.int) ?? Double(text).map(JSONValue.double)
                guard let value else {
                    throw ExpressionSyntaxError(message: "\"\(text)\" is not a number", offset: offset + start)
                }
                tokens.append(Token(kind: .number(value), offset: offset + start))
            } else if character == "'" || character == "\"" {
                index += 1
                while index < source.count, source[index] != character { index += 1 }
                guard index < source.count else {
                    throw ExpressionSyntaxError(message: "unterminated string", offset: offset + start)
                }
                index += 1
                tokens.append(Token(kind: .string(String(source[(start + 1)..<(index - 1)])), offset: offset + start))
            } else {
                let pair = index + 1 < source.count ? String(source[index...(index + 1)]) : ""
                if ["==", "!=", "&&", "||"].contains(pair) {
                    index += 2
                    tokens.append(Token(kind: .symbol(pair), offset: offset + start))
                } else if ".[]()!".contains(character) {
                    index += 1
                    tokens.append(Token(kind: .symbol(String(character)), offset: offset + start))
                } else {
                    throw ExpressionSyntaxError(message: "unexpected character '\(character)'", offset: offset + start)
                }
            }
        }
        tokens.append(Token(kind: .end, offset: offset + source.count))
        return tokens
    }
}
