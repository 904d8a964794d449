import Foundation
import JSON
import YAML

/// Prints rendered manifests one at a time: YAML documents, or one JSON `v1` `List` written item by item, so that
/// a fleet's manifests go out as they are rendered and never sit in memory together.
struct ManifestPrinter {
    private var yaml: YAMLEmitter.Stream?
    private var json: JSONWriter?

    init(_ format: RenderCommand.Format) throws {
        switch format {
        case .yaml: yaml = try YAMLEmitter.Stream()
        case .json:
            var writer = JSONWriter(pretty: true)
            writer.beginObject()
            writer.key("apiVersion")
            writer.write("v1")
            writer.key("items")
            writer.beginArray()
            json = writer
        }
    }

    mutating func print(_ manifest: JSONValue) throws {
        if let yaml { return try Self.output(Array(try yaml.write(manifest).utf8)) }
        json?.element()
        json?.write(manifest)
        try Self.output(json?.take() ?? [])
    }

    mutating func finish() throws {
        if let yaml { return try Self.output(Array(try yaml.finish().utf8)) }
        json?.end()
        json?.key("kind")
        json?.write("List")
        json?.end()
        try Self.output((json?.take() ?? []) + [UInt8(ascii: "\n")])
    }

    private static func output(_ bytes: [UInt8]) throws { try FileHandle.standardOutput.write(contentsOf: bytes) }
}
