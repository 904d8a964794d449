import Hummingbird
import JSON

/// A `?watch=true` response: one JSON event per line (`{"type":"ADDED","object":{…}}`) as objects change.
///
/// Without `resourceVersion` (or with `0`) it starts with the current objects as ADDED; with one it replays
/// the changes the store still remembers after that version. It ends at `timeoutSeconds`, when the client
/// goes away, or when the sandbox stops.
struct WatchStream: Sendable {
    let store: KubeStore
    let type: ResourceType
    let namespace: String?
    let selector: LabelSelector
    let fields: FieldSelector
    let resourceVersion: String?
    let timeout: Duration?

    init(store: KubeStore, type: ResourceType, namespace: String?, query: QueryParameters) throws(KubeStatusError) {
        self.store = store
        self.type = type
        self.namespace = namespace
        self.selector = try LabelSelector(parsing: query["labelSelector"] ?? "")
        self.fields = try FieldSelector(parsing: query["fieldSelector"] ?? "")
        self.resourceVersion = query["resourceVersion"].flatMap { $0.isEmpty || $0 == "0" ? nil : $0 }
        self.timeout = query["timeoutSeconds"].flatMap { Int($0) }.map { .seconds($0) }
    }

    func response() async throws(KubeStatusError) -> Response {
        let (initial, events) = try await store.watch(type, namespace: namespace, since: resourceVersion)
        // No length: HTTP/1.1 frames the body chunked, HTTP/2 in DATA frames (where `Transfer-Encoding` is illegal).
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        let body = ResponseBody { [self] writer in
            let (stream, continuation) = AsyncStream<StoreEvent>.makeStream()
            let forwarder = Task {
                for await event in events { continuation.yield(event) }
                continuation.finish()
            }
            let timer = timeout.map { timeout in
                Task {
                    try? await Task.sleep(for: timeout)
                    continuation.finish()
                }
            }
            defer {
                forwarder.cancel()
                timer?.cancel()
            }
            for event in initial where matches(event) { try await write(event, to: &writer) }
            for await event in stream where matches(event) { try await write(event, to: &writer) }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    private func matches(_ event: StoreEvent) -> Bool {
        let object = event.object
        return event.type.groupResource == type.groupResource
            && (namespace == nil || object["metadata"]?["namespace"]?.stringValue == namespace)
            && selector.matches(KubeStore.labels(of: object)) && fields.matches(object)
    }

    private func write(_ event: StoreEvent, to writer: inout any ResponseBodyWriter) async throws {
        let line: JSONValue = ["type": .string(event.kind.rawValue), "object": event.object]
        var buffer = ByteBuffer(bytes: line.jsonData())
        buffer.writeString("\n")
        try await writer.write(buffer)
    }
}
