import Testing

@testable import TenancyCore

/// Image references read as the container runtime reads them: the registry host, the repository, and the tag and
/// digest apart.
@Suite struct ImageReferenceTests {
    static let digest = "sha256:" + String(repeating: "0123456789abcdef", count: 4)

    @Test(
        arguments: [
            ("nginx", "docker.io", "library/nginx", nil, nil),
            ("nginx:1.27", "docker.io", "library/nginx", "1.27", nil),
            ("docker.io/library/nginx", "docker.io", "library/nginx", nil, nil),
            ("index.docker.io/library/nginx:1.27", "docker.io", "library/nginx", "1.27", nil),
            ("team/app:1.0", "docker.io", "team/app", "1.0", nil),
            ("registry.example.com:5000/team/app@\(digest)", "registry.example.com:5000", "team/app", nil, digest),
            (
                "registry.example.com:5000/team/app:2.1@\(digest)", "registry.example.com:5000", "team/app", "2.1",
                digest
            ),
            ("nginx@\(digest)", "docker.io", "library/nginx", nil, digest),
            ("localhost/x", "localhost", "x", nil, nil),
            ("localhost:5000/x:dev", "localhost:5000", "x", "dev", nil),
            ("localhost", "docker.io", "library/localhost", nil, nil),
            ("Team/app", "Team", "app", nil, nil),
            (
                "swr.ap-southeast-1.myhuaweicloud.com/acme/web:3", "swr.ap-southeast-1.myhuaweicloud.com", "acme/web",
                "3", nil
            ),
        ] as [(String, String, String, String?, String?)])
    func readsAsTheRuntimeDoes(
        _ reference: String, _ registry: String, _ repository: String, _ tag: String?, _ digest: String?
    ) {
        let image = ImageReference(reference)
        #expect(image.registry == registry, "\(reference)")
        #expect(image.repository == repository, "\(reference)")
        #expect(image.tag == tag, "\(reference)")
        #expect(image.digest == digest, "\(reference)")
    }

    @Test func printsTheFullReference() {
        #expect(ImageReference("nginx:1.27").description == "docker.io/library/nginx:1.27")
        #expect(
            ImageReference("registry.example.com:5000/team/app@\(Self.digest)").description
                == "registry.example.com:5000/team/app@\(Self.digest)")
    }
}
