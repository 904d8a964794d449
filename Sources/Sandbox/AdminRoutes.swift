import Foundation
import Hummingbird
import JSON

/// The sandbox's own API, for tests in other processes (authenticated like everything else):
///
/// - `GET /_sandbox/faults` lists faults, `POST` adds one (JSON form of ``Fault``), `DELETE` clears them.
/// - `GET /_sandbox/requests` answers the API requests served since the last reset, by method and by the HTTP
///   version that carried them, e.g.
///   `{"byMethod": {"GET": 3, "POST": 1}, "byProtocol": {"HTTP/2": 3, "HTTP/1.1": 1}, "total": 4}`;
///   `DELETE` resets the counts.
struct AdminRoutes: Sendable {
    let faults: FaultInjector
    let counter: RequestCounter

    func register(on router: Router<SandboxRequestContext>) {
        let group = router.group("_sandbox")
        group.get("faults") { _, _ in KubeResponse.json(.array(faults.faults.map(\.json))) }
        group.post("faults") { request, context in
            do {
                let buffer = try await request.body.collect(upTo: context.maxUploadSize)
                guard let json = try? JSONValue.parse(Data(buffer.readableBytesView)) else {
                    throw KubeStatusError.badRequest("a fault is a JSON object")
                }
                let fault = try Fault(json: json)
                faults.add(fault)
                return KubeResponse.json(fault.json, status: .created)
            } catch let error as KubeStatusError {
                return KubeResponse.error(error)
            }
        }
        group.delete("faults") { _, _ in
            faults.clear()
            return KubeResponse.json(.array([]))
        }
        group.get("requests") { _, _ in KubeResponse.json(Self.json(counter.snapshot)) }
        group.delete("requests") { _, _ in
            counter.reset()
            return KubeResponse.json(Self.json(RequestCounts()))
        }
    }

    static func json(_ counts: RequestCounts) -> JSONValue {
        [
            "byMethod": .object(counts.byMethod.mapValues { .int(Int64($0)) }),
            "byProtocol": .object(counts.byProtocol.mapValues { .int(Int64($0)) }),
            "total": .int(Int64(counts.total)),
        ]
    }
}
