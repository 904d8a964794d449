// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "tenantctl",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tenantctl", targets: ["tenantctl"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-http2", from: "1.46.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
    ],
    targets: [
        // libcurl from the system (Debian: libcurl4-openssl-dev), with inline shims for its variadic calls.
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        // libyaml from the system (Debian: libyaml-dev).
        .systemLibrary(
            name: "CYAML", pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]),
        // A Sendable JSON value: the dynamic shape of Kubernetes objects and API bodies.
        .target(name: "JSON"),
        // IPv4 addresses and CIDR ranges: parsing and overlap, for the inventory's checks and the sandbox's CCE.
        .target(name: "IPv4"),
        // Processes by id (still there? started as what? for pid files and lock owners) and spawned without Foundation.
        .target(name: "Processes"),
        // libyaml binding: node tree with line:column marks, Codable decoding, emitting.
        .target(name: "YAML", dependencies: ["CYAML", "JSON"]),
        // CCE v3 bodies (cluster, node pool, pool update, add-on) as Codable types: one shape for core and client.
        .target(name: "CCEModel", dependencies: ["JSON"]),
        // The pure model and logic: specs, validation, quantities, decisions, plans. No I/O.
        .target(name: "TenancyCore", dependencies: ["YAML", "JSON", "IPv4", "CCEModel"]),
        // HTTP over libcurl: requests and responses, TLS material, transfer limits, retries, redaction, logs.
        .target(name: "HTTP", dependencies: ["CCurl"]),
        // Kubernetes REST: kubeconfig, auth, the generic resource client, discovery, API errors.
        .target(name: "KubeAPI", dependencies: ["HTTP", "JSON", "YAML", "Processes"]),
        // Huawei Cloud's AK/SK request signature (SDK-HMAC-SHA256): signing and verifying, shared by client and sandbox.
        .target(name: "CCESigning", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // Huawei Cloud CCE v3 client: clusters, node pools, add-ons, jobs, IAM tokens and AK/SK signing.
        .target(
            name: "CloudAPI",
            dependencies: [
                "HTTP", "KubeAPI", "JSON", "CCESigning", "CCEModel",
            ]),
        // Reads live state for plans, applies, resumes and rolls back runs with their journal and locks, offboards:
        // the Kubernetes and CCE clients over the pure core.
        .target(
            name: "Engine",
            dependencies: ["TenancyCore", "HTTP", "KubeAPI", "CloudAPI", "CCEModel", "JSON", "Processes"]),
        // An embedded Kubernetes and CCE API server on loopback for tests and the demo, with fault injection; HTTPS
        // (HTTP/2 through ALPN) with a certificate authority it makes in-process.
        .target(
            name: "Sandbox",
            dependencies: [
                "JSON", "YAML", "CCESigning", "IPv4", "Processes",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdHTTP2", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // Fakes and helpers shared by the tests.
        .target(name: "TestSupport", dependencies: ["Sandbox", "HTTP", "KubeAPI", "JSON", "Engine", "Processes"]),
        // Writes the build's version, git commit and tree state, date and Swift version into a target
        // (scripts/build-info), again whenever a source file or the git HEAD changes.
        .plugin(name: "BuildInfoPlugin", capability: .buildTool()),
        // The command-line interface: thin commands over the modules (CCurl and CYAML for `version` alone).
        .executableTarget(
            name: "tenantctl",
            dependencies: [
                "TenancyCore", "Engine", "HTTP", "KubeAPI", "CloudAPI", "Sandbox", "YAML", "JSON", "CCurl", "CYAML",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["BuildInfoPlugin"]),

        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "YAMLTests", dependencies: ["YAML", "JSON"]),
        .testTarget(name: "TenancyCoreTests", dependencies: ["TenancyCore", "YAML", "IPv4"], exclude: ["Fixtures"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP"]),
        .testTarget(name: "KubeAPITests", dependencies: ["HTTP", "KubeAPI", "TestSupport", "Sandbox"]),
        .testTarget(
            name: "CloudAPITests",
            dependencies: [
                "CloudAPI", "CCEModel", "CCESigning", "TestSupport", "HTTP", "KubeAPI", "Sandbox", "TenancyCore",
            ]),
        .testTarget(
            name: "EngineTests",
            dependencies: ["Engine", "CCEModel", "TenancyCore", "TestSupport", "HTTP", "KubeAPI", "Sandbox", "JSON"]),
        .testTarget(
            name: "SandboxTests", dependencies: ["Sandbox", "TestSupport", "JSON", "HTTP", "KubeAPI", "Processes"]),
        .testTarget(
            name: "EndToEndTests", dependencies: ["TestSupport", "JSON", "CloudAPI", "CCEModel", "Engine"],
            exclude: ["Golden", "Hostile"]),
        .testTarget(name: "TestSupportTests", dependencies: ["TestSupport"]),
        .testTarget(name: "RepositoryTests"),
    ]
)
