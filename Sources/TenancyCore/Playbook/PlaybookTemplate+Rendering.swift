import JSON
import YAML

/// A template that could not be rendered, and the template (so its position) that failed.
struct TemplateError: Error, Sendable {
    let message: String
    let template: Template
}

extension Template {
    /// The value of this template over `context`: whole expressions keep their type, interpolations are strings.
    func render(in context: JSONValue) throws(TemplateError) -> JSONValue {
        switch shape {
        case .value(let value): return value
        case .expression(let expression): return try evaluate(expression, context)
        case .interpolation(let parts):
            var text = ""
            for part in parts {
                switch part {
                case .text(let literal): text += literal
                case .expression(let expression):
                    let value = try evaluate(expression, context)
                    guard let piece = value.interpolated else {
                        throw TemplateError(
                            message:
                                "cannot put \(value.readableKind) inside a string; make the value one whole expression to keep its type",
                            template: self)
                    }
                    text += piece
                }
            }
            return .string(text)
        case .array(let items):
            var values: [JSONValue] = []
            for item in items { values.append(try item.render(in: context)) }
            return .array(values)
        case .object(let members):
            var values: [String: JSONValue] = [:]
            for member in members { values[member.key] = try member.value.render(in: context) }
            return .object(values)
        }
    }

    private func evaluate(_ expression: PlaybookExpression, _ context: JSONValue) throws(TemplateError) -> JSONValue {
        do {
            return try expression.evaluate(in: context)
        } catch {
            throw TemplateError(message: error.message, template: self)
        }
    }
}
