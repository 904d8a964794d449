import Foundation
import Hummingbird
import JSON
import YAML
import NIOCore

/// Serves one Kubernetes API (discovery, objects, node proxy) over one ``KubeStore``.
/// Mounted at the root for the sandbox cluster; more clusters can be mounted under path prefixes.
struct KubeAPIHandler: Sendable {
    let store: KubeStore
    let discovery: Discovery
    let openAPI: OpenAPIDocuments
    let kubeletConfigz: JSONValue

    /// The handler of a store, with discovery and node answers as the configuration says.
    init(store: KubeStore, configuration: SandboxConfiguration) {
        self.store = store
        self.discovery = Discovery(catalog: store.catalog, gitVersion: configuration.gitVersion)
        self.openAPI = OpenAPIDocuments(catalog: store.catalog, gitVersion: configuration.gitVersion)
        self.kubeletConfigz = configuration.kubeletConfigz
    }

    /// Answers a request whose path (after the mount prefix) is `segments`.
    func respond(to request: Request, segments: [String], context: SandboxRequestContext) async -> Response {
        do {
            return try await route(request, segments: segments, context: context)
        } catch let error as KubeStatusError {
            return KubeResponse.error(error)
        } catch {
            return KubeResponse.error(KubeStatusError(code: 500, reason: "InternalError", message: "\(error)"))
        }
    }

    private func route(_ request: Request, segments: [String], context: SandboxRequestContext) async throws -> Response
    {
        guard let path = APIPath(segments: segments) else { throw KubeStatusError.pageNotFound }
        let method = request.method
        let query = QueryParameters(request.uri.query)
        switch path {
        case .version, .healthz, .coreVersions, .groupList, .group, .resourceList, .openAPIRoot, .openAPIDocument:
            guard method == .get else { throw KubeStatusError.methodNotAllowed }
            return KubeResponse.json(try discoveryDocument(path, host: request.head.authority ?? "127.0.0.1"))
        case .openAPIV2:
            guard request.headers[.accept]?.contains("protobuf") == true else { return KubeResponse.json(openAPI.v2) }
            var headers = HTTPFields()
            headers[.contentType] = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf"
            return Response(
                status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: openAPI.v2Protobuf)))
        case .nodeProxy(let node, let rest):
            return try await nodeProxy(node: node, path: rest, method: method)
        case .collection(let location):
            let type = try resolve(location)
            switch method {
            case .get:
                if query.flag("watch") {
                    return try await WatchStream(store: store, type: type, namespace: location.namespace, query: query)
                        .response()
                }
                return try await list(type, location.namespace, query: query, accept: request.headers[.accept])
            case .post:
                let object = try await body(of: request, context: context, allowing: ["application/json"])
                let created = try await store.create(
                    object, as: type, namespace: location.namespace, options: try writeOptions(query, request))
                return KubeResponse.json(created, status: .created)
            case .delete:
                return try await deleteCollection(type, location.namespace, query: query)
            default:
                throw KubeStatusError.methodNotAllowed
            }
        case .object(let location, let name):
            let type = try resolve(location, object: true)
            return try await objectRequest(request, type, location.namespace, name, query: query, context: context)
        case .subresource(let location, let name, let subresource):
            let type = try resolve(location, object: true)
            guard subresource == "status", type.hasStatusSubresource, method != .delete, method != .post else {
                throw KubeStatusError.pageNotFound
            }
            return try await objectRequest(
                request, type, location.namespace, name, query: query, context: context, subresource: subresource)
        }
    }

    private func objectRequest(
        _ request: Request, _ type: ResourceType, _ namespace: String?, _ name: String, query: QueryParameters,
        context: SandboxRequestContext, subresource: String? = nil
    ) async throws -> Response {
        switch request.method {
        case .get:
            let object = try await store.get(type, namespace: namespace, name: name)
            if Table.isRequested(by: request.headers[.accept]) {
                return KubeResponse.json(Table.make(type, [object], resourceVersion: await store.resourceVersion))
            }
            return KubeResponse.json(object)
        case .put:
            let object = try await body(of: request, context: context, allowing: ["application/json"])
            let updated = try await store.update(
                object, as: type, namespace: namespace, name: name, subresource: subresource,
                options: try writeOptions(query, request))
            return KubeResponse.json(updated)
        case .patch:
            return try await patch(
                request, type, namespace, name, query: query, context: context, subresource: subresource)
        case .delete:
            return try await delete(request, type, namespace, name, query: query, context: context)
        default:
            throw KubeStatusError.methodNotAllowed
        }
    }

    private func resolve(_ location: APIPath.Resource, object: Bool = false) throws(KubeStatusError) -> ResourceType {
        guard let type = store.catalog.type(group: location.group, version: location.version, plural: location.plural)
        else { throw .pageNotFound }
        if !type.isNamespaced, location.namespace != nil { throw .pageNotFound }
        if type.isNamespaced, object, location.namespace == nil { throw .pageNotFound }
        return type
    }

    private func discoveryDocument(_ path: APIPath, host: String) throws(KubeStatusError) -> JSONValue {
        switch path {
        case .version: return discovery.version
        case .healthz: return "ok"
        case .coreVersions: return discovery.coreVersions(serverAddress: host)
        case .groupList: return discovery.groupList
        case .group(let name):
            guard let document = discovery.group(named: name) else { throw .pageNotFound }
            return document
        case .resourceList(let group, let version):
            guard let document = discovery.resourceList(group: group, version: version) else { throw .pageNotFound }
            return document
        case .openAPIRoot: return openAPI.root
        case .openAPIDocument(let group, let version):
            guard let document = openAPI.document(group: group, version: version) else { throw .pageNotFound }
            return document
        default:
            throw .pageNotFound
        }
    }

    /// `GET /api/v1/nodes/NAME/proxy/configz`: the kubelet's configuration, for an existing node.
    private func nodeProxy(node: String, path: [String], method: HTTPRequest.Method) async throws -> Response {
        let nodes = Builtin.type("nodes", store.catalog)
        guard let nodes, method == .get else { throw KubeStatusError.pageNotFound }
        _ = try await store.get(nodes, namespace: nil, name: node)
        guard path == ["configz"] else { throw KubeStatusError.pageNotFound }
        return KubeResponse.json(kubeletConfigz)
    }

    func writeOptions(_ query: QueryParameters, _ request: Request) throws(KubeStatusError) -> WriteOptions {
        let userAgent = request.headers[.userAgent] ?? ""
        let derived = userAgent.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
        return WriteOptions(
            dryRun: try query.dryRun(), fieldManager: query["fieldManager"] ?? (derived.isEmpty ? "unknown" : derived),
            force: query.flag("force"))
    }

    /// The request body as JSON. JSON encodings are understood, and YAML for server-side apply
    /// (`application/apply-patch+yaml`, whose documented form is YAML); protobuf bodies get 415.
    func body(of request: Request, context: SandboxRequestContext, allowing mediaTypes: Set<String>)
        async throws -> JSONValue
    {
        let contentType = request.headers[.contentType] ?? "application/json"
        let mediaType = Self.mediaType(contentType)
        guard mediaTypes.contains(mediaType) || mediaType == "*/*" else {
            throw KubeStatusError.unsupportedMediaType(contentType)
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        do {
            return try JSONValue.parse(Data(buffer.readableBytesView))
        } catch {
            guard mediaType == "application/apply-patch+yaml" else {
                throw KubeStatusError.badRequest("the request body is not valid JSON: \(error)")
            }
            do {
                let documents = try YAMLParser.parse(Array(buffer.readableBytesView), file: "body")
                guard documents.count == 1, let document = documents.first else {
                    throw KubeStatusError.badRequest("the apply body holds \(documents.count) YAML documents, not one")
                }
                return try document.toJSON()
            } catch let error as KubeStatusError {
                throw error
            } catch {
                throw KubeStatusError.badRequest("error decoding YAML: \(error)")
            }
        }
    }

    /// The media type of a Content-Type header, without parameters, lower-cased.
    static func mediaType(_ contentType: String?) -> String {
        String((contentType ?? "application/json").split(separator: ";").first ?? "").trimmingSpaces.lowercased()
    }
}
