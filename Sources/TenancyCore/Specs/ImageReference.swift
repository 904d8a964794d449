/// A container image reference read as the container runtime reads it (the distribution library's
/// normalisation, which containerd, CRI-O and Docker share): the first path component is the registry host when
/// it holds a `.` or a `:`, is `localhost`, or has an uppercase letter; otherwise the image is on Docker Hub, and
/// a one-component name is under `library/`. So `nginx` and `nginx:1.27` are `docker.io/library/nginx`,
/// `localhost/x` is on `localhost`. The tag and the digest are kept apart: `registry.example.com:5000/team/app@sha256:…`
/// is registry `registry.example.com:5000`, repository `team/app`, no tag.
public struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    /// Docker Hub, the registry of every image whose name does not start with a host.
    public static let dockerHub = "docker.io"
    /// Docker Hub's old name, which the runtime reads as `docker.io`.
    static let legacyDockerHub = "index.docker.io"

    public var registry: String
    /// The path within the registry: `library/nginx`, `team/app`.
    public var repository: String
    public var tag: String?
    /// `sha256:…`, without the `@`.
    public var digest: String?

    public init(_ reference: String) {
        var name = Substring(reference)
        if let at = name.firstIndex(of: "@") {
            digest = String(name[name.index(after: at)...])
            name = name[..<at]
        }
        if let colon = name.lastIndex(of: ":"), !name[colon...].contains("/") {
            tag = String(name[name.index(after: colon)...])
            name = name[..<colon]
        }
        if let slash = name.firstIndex(of: "/"), Self.namesRegistry(name[..<slash]) {
            registry = String(name[..<slash])
            repository = String(name[name.index(after: slash)...])
        } else {
            registry = Self.dockerHub
            repository = String(name)
        }
        if registry == Self.legacyDockerHub { registry = Self.dockerHub }
        if registry == Self.dockerHub, !repository.contains("/") { repository = "library/" + repository }
    }

    /// Whether the runtime reads `component`, the first of an image name with more than one, as a registry host.
    static func namesRegistry(_ component: Substring) -> Bool {
        component.contains(".") || component.contains(":") || component == "localhost"
            || component.contains(where: \.isUppercase)
    }

    /// The full reference: `docker.io/library/nginx:1.27`.
    public var description: String {
        "\(registry)/\(repository)" + (tag.map { ":\($0)" } ?? "") + (digest.map { "@\($0)" } ?? "")
    }
}
