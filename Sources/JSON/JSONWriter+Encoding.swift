extension JSONWriter {
    /// Writes `value` as `JSONValue(encoding:)` gives it. An encoding that writes each object's members in key order
    /// (as a plan's does) is written as it runs, building nothing (`StreamingEncoder`); any other is written from the
    /// value `JSONValue(encoding:)` builds.
    public mutating func encode(_ value: some Encodable) throws {
        if try !stream(value) { write(try JSONValue(encoding: value)) }
    }

    /// Writes `value` as its encoding runs (`StreamingEncoder`); false, with nothing written, when it cannot be.
    mutating func stream(_ value: some Encodable) throws -> Bool {
        let start = mark
        let encoder = StreamingEncoder(StreamingEncoder.Stream())
        swap(&self, &encoder.stream.writer)  // the bytes move to the encoder and back, never copied
        let result = Result { try encoder.encodeValue(value) }
        swap(&self, &encoder.stream.writer)
        let needsFoundation = if case .failure(is EncodedScalars.NeedsFoundation) = result { true } else { false }
        guard !encoder.stream.failed, !needsFoundation else {
            rollBack(to: start)
            return false
        }
        try result.get()
        return true
    }
}
