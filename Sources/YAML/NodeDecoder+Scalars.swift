/// Strict conversions from resolved scalars to Swift's primitive types, with the messages users see.
extension NodeDecoder {
    func unboxBool(_ node: Node, _ path: DecodingPath) throws -> Bool {
        guard case .bool(let value)? = node.scalar?.resolved else { throw mismatch("a boolean", node, path) }
        return value
    }

    func unboxString(_ node: Node, _ path: DecodingPath) throws -> String {
        guard case .string(let value)? = node.scalar?.resolved else { throw mismatch("a string", node, path) }
        return value
    }

    func unboxDouble(_ node: Node, _ path: DecodingPath) throws -> Double {
        switch node.scalar?.resolved {
        case .float(let value)?: return value
        case .int(let value)?: return Double(value)
        default: throw mismatch("a number", node, path)
        }
    }

    func unboxFloat(_ node: Node, _ path: DecodingPath) throws -> Float {
        let value = try unboxDouble(node, path)
        let narrowed = Float(value)
        guard narrowed.isFinite || !value.isFinite else {
            throw error(at: node.mark, path, "the number \(value) does not fit in a 32-bit float")
        }
        return narrowed
    }

    /// Integers, and floats with no fractional part (`1e3`), that fit in `T`.
    func unboxInteger<T: FixedWidthInteger>(_ type: T.Type, _ node: Node, _ path: DecodingPath) throws -> T {
        let wide: Int64
        switch node.scalar?.resolved {
        case .int(let value)?:
            wide = value
        case .float(let value)? where value == value.rounded(.towardZero) && value.isFinite:
            guard let exact = Int64(exactly: value) else { throw outOfRange(type, node, path) }
            wide = exact
        default:
            throw mismatch("an integer", node, path)
        }
        guard let value = T(exactly: wide) else { throw outOfRange(type, node, path) }
        return value
    }

    private func outOfRange<T: FixedWidthInteger>(_ type: T.Type, _ node: Node, _ path: DecodingPath)
        -> YAMLDecodingError
    {
        mismatch("an integer between \(T.min) and \(T.max)", node, path)
    }
}
