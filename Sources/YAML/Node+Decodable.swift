import JSON

/// A `Node` field in a `Decodable` type keeps the subtree with its marks when decoded by `YAMLDecoder`,
/// so validators can report positions inside it later. Other decoders build it from a `JSONValue`.
extension Node: Decodable {
    public init(from decoder: any Decoder) throws {
        if let nodeDecoder = decoder as? NodeDecoder {
            self = nodeDecoder.node
        } else {
            self.init(json: try JSONValue(from: decoder))
        }
    }
}
