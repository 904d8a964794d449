import CYAML

/// Turns libyaml's terse `problem` and `context` strings into sentences a spec author can act on,
/// placed at the most useful mark (usually where the problem is; for an unclosed quote, where it opened).
extension SourceText {
    func error(from parser: yaml_parser_t) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        let context = parser.context.map { String(cString: $0) }
        switch parser.error {
        case YAML_READER_ERROR:
            let offset = Int(parser.problem_offset)
            return error(at: mark(atByteOffset: offset), readerMessage(problem, value: parser.problem_value))
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            let problemMark = Self.mark(parser.problem_mark)
            let contextMark = Self.mark(parser.context_mark)
            return syntaxError(problem: problem, context: context, problemMark: problemMark, contextMark: contextMark)
        case YAML_MEMORY_ERROR:
            return error(at: Mark(line: 1, column: 1), "libyaml ran out of memory")
        default:
            return error(at: Self.mark(parser.problem_mark), problem)
        }
    }

    private static func mark(_ mark: yaml_mark_t) -> Mark {
        Mark(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private func readerMessage(_ problem: String, value: Int32) -> String {
        switch problem {
        case "control characters are not allowed":
            if value == 0 { return "found a NUL byte; YAML text cannot contain control characters" }
            let code = String(UInt32(bitPattern: value), radix: 16, uppercase: true)
            return "found the control character U+\(String(repeating: "0", count: max(0, 4 - code.count)))\(code); "
                + "YAML text cannot contain control characters"
        case "invalid leading UTF-8 octet", "incomplete UTF-8 octet sequence", "invalid trailing UTF-8 octet",
            "invalid length of a UTF-8 sequence", "invalid Unicode character":
            var message = "the input is not valid UTF-8 (\(problem)"
            if value >= 0 { message += " 0x" + String(UInt32(bitPattern: value), radix: 16, uppercase: true) }
            return message + ")"
        default:
            return "could not read the input: \(problem)"
        }
    }

    private func syntaxError(problem: String, context: String?, problemMark: Mark, contextMark: Mark) -> YAMLError {
        let opened = "line \(contextMark.line), column \(contextMark.column)"
        let found = character(at: problemMark)
        if let found, "]}".unicodeScalars.contains(found),
            problem == "did not find expected key" || problem == "did not find expected '-' indicator"
                || problem == "did not find expected <document start>"
        {
            return error(at: problemMark, "found an unexpected '\(found)' that closes no flow collection")
        }
        switch (context, problem) {
        case (_, "found character that cannot start any token"):
            guard let found else { break }
            if found == "\t" {
                return error(
                    at: problemMark, "found a tab character that violates indentation; indent YAML with spaces")
            }
            return error(
                at: problemMark, "found the character '\(found)', which cannot start a YAML value; quote the value")
        case (_, "found a tab character that violate indentation"),
            (_, "found a tab character that violates indentation"):
            return error(at: problemMark, "found a tab character that violates indentation; indent YAML with spaces")
        case ("while scanning a quoted scalar", "found unexpected end of stream"):
            return error(at: contextMark, "this quoted string is never closed: the input ends before its closing quote")
        case ("while scanning a quoted scalar", "found unexpected document indicator"):
            return error(
                at: contextMark, "this quoted string is never closed: a document marker comes before its closing quote")
        case (_, "found unknown escape character"):
            return error(at: problemMark, "unknown escape sequence in this double-quoted string")
        case ("while scanning an alias", _), ("while scanning an anchor", _):
            let sigil = context == "while scanning an alias" ? "*" : "&"
            return error(
                at: contextMark, "expected a name of letters, digits, '-' or '_' after '\(sigil)'")
        case ("while scanning a simple key", "could not find expected ':'"):
            return error(at: problemMark, "expected ':' after the key at \(opened)")
        case (_, "mapping values are not allowed in this context") where problemMark.column > 1024:
            return error(
                at: problemMark,
                "a mapping value (': ') is not allowed here; a key must be on one line and shorter than 1024 characters"
            )
        case (_, "mapping values are not allowed in this context"):
            return error(
                at: problemMark,
                "a mapping value (': ') is not allowed here; check the indentation, or quote a value that contains ': '"
            )
        case (_, "block sequence entries are not allowed in this context"):
            return error(at: problemMark, "a sequence entry ('- ') is not allowed here; check the indentation")
        case ("while parsing a block mapping", "did not find expected key"):
            return error(
                at: problemMark,
                "bad indentation: expected a key of the mapping that starts at \(opened), or the end of that mapping")
        case ("while parsing a block collection", "did not find expected '-' indicator"):
            return error(
                at: problemMark,
                "bad indentation: expected a '- ' item of the sequence that starts at \(opened), or its end")
        case ("while parsing a flow sequence", "did not find expected ',' or ']'"):
            return error(at: problemMark, "expected ',' or ']' in the flow sequence that starts at \(opened)")
        case ("while parsing a flow mapping", "did not find expected ',' or '}'"):
            return error(at: problemMark, "expected ',' or '}' in the flow mapping that starts at \(opened)")
        case (_, "did not find expected <document start>"):
            return error(
                at: problemMark, "expected the end of the document or '---' before new content; check the indentation")
        case (_, "did not find expected node content"):
            return error(at: problemMark, "expected a value here")
        default:
            break
        }
        if let context { return error(at: problemMark, "\(problem) \(context) that starts at \(opened)") }
        return error(at: problemMark, problem)
    }
}
