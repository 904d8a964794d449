import CYAML

/// The failure of libyaml's emitter, or of a tree too deep to emit.
public struct YAMLEmitterError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(message: String) { self.message = message }

    public var description: String { "cannot emit YAML: \(message)" }
}

/// Owns a libyaml emitter configured for block style, 2-space indentation, no line folding and raw
/// UTF-8, collecting its output in memory. `deinit` frees the emitter.
final class LibYAMLEmitter {
    /// Where libyaml's write handler appends; passed to C as an unretained pointer while `self` lives.
    private final class Output {
        var bytes: [UInt8] = []
    }

    private let emitter: UnsafeMutablePointer<yaml_emitter_t>
    private let output = Output()

    init() throws(YAMLEmitterError) {
        emitter = UnsafeMutablePointer<yaml_emitter_t>.allocate(capacity: 1)
        guard yaml_emitter_initialize(emitter) != 0 else {
            emitter.deallocate()
            throw YAMLEmitterError(message: "libyaml could not allocate an emitter")
        }
        let handler: @convention(c) (UnsafeMutableRawPointer?, UnsafeMutablePointer<UInt8>?, Int) -> Int32 = {
            data, buffer, size in
            guard let data else { return 0 }
            let output = Unmanaged<Output>.fromOpaque(data).takeUnretainedValue()
            if let buffer { output.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size)) }
            return 1
        }
        yaml_emitter_set_output(emitter, handler, Unmanaged.passUnretained(output).toOpaque())
        yaml_emitter_set_indent(emitter, 2)
        yaml_emitter_set_width(emitter, -1)
        yaml_emitter_set_unicode(emitter, 1)
        yaml_emitter_set_break(emitter, YAML_LN_BREAK)
    }

    deinit {
        yaml_emitter_delete(emitter)
        emitter.deallocate()
    }

    /// Builds one event with `initialize` and hands it to libyaml, which takes ownership of it.
    private func emit(_ initialize: (UnsafeMutablePointer<yaml_event_t>) -> Int32) throws(YAMLEmitterError) {
        var event = yaml_event_t()
        guard initialize(&event) != 0 else { throw YAMLEmitterError(message: "libyaml could not create an event") }
        guard yaml_emitter_emit(emitter, &event) != 0 else {
            let problem = emitter.pointee.problem.map { String(cString: $0) } ?? "unknown problem"
            throw YAMLEmitterError(message: problem)
        }
    }

    func streamStart() throws(YAMLEmitterError) {
        try emit { yaml_stream_start_event_initialize($0, YAML_UTF8_ENCODING) }
    }
    func streamEnd() throws(YAMLEmitterError) { try emit { yaml_stream_end_event_initialize($0) } }
    func documentStart() throws(YAMLEmitterError) {
        try emit { yaml_document_start_event_initialize($0, nil, nil, nil, 1) }
    }
    func documentEnd() throws(YAMLEmitterError) { try emit { yaml_document_end_event_initialize($0, 1) } }
    func sequenceEnd() throws(YAMLEmitterError) { try emit { yaml_sequence_end_event_initialize($0) } }
    func mappingEnd() throws(YAMLEmitterError) { try emit { yaml_mapping_end_event_initialize($0) } }

    func sequenceStart() throws(YAMLEmitterError) {
        try emit { yaml_sequence_start_event_initialize($0, nil, nil, 1, YAML_BLOCK_SEQUENCE_STYLE) }
    }

    func mappingStart() throws(YAMLEmitterError) {
        try emit { yaml_mapping_start_event_initialize($0, nil, nil, 1, YAML_BLOCK_MAPPING_STYLE) }
    }

    /// A scalar without a tag: `style` is a request that libyaml downgrades (plain → single → double quoted)
    /// when the text needs it.
    func scalar(_ text: String, style: yaml_scalar_style_t) throws(YAMLEmitterError) {
        let bytes = Array(text.utf8) + [0]
        let length = Int32(clamping: bytes.count - 1)
        try bytes.withUnsafeBufferPointer { (buffer) throws(YAMLEmitterError) in
            try emit { yaml_scalar_event_initialize($0, nil, nil, buffer.baseAddress, length, 1, 1, style) }
        }
    }

    /// Everything emitted since the last call, after flushing libyaml's buffer.
    func take() throws(YAMLEmitterError) -> String {
        guard yaml_emitter_flush(emitter) != 0 else {
            throw YAMLEmitterError(message: "libyaml could not flush its output")
        }
        defer { output.bytes.removeAll(keepingCapacity: true) }
        return String(decoding: output.bytes, as: UTF8.self)
    }
}
