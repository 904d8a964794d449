import Foundation
import JSON
import TestSupport
import Testing

/// `scripts/package --binary`: the .deb's name, its files unpacked with `dpkg -x`, the unpacked binary run, and its
/// `Depends:` held against what the binary links (readelf) and where ldd finds it (dpkg -S names the owner).
///
/// It packages the suite's debug binary, not a release build (that takes many minutes; scripts/package without
/// `--binary` makes one). The debug binary links the Swift runtime from the toolchain rather than statically, so
/// those libraries, owned by no Debian package, are checked to be the toolchain's and left out of the comparison;
/// every other library must be owned by a package in `Depends:` or by one of the C and C++ runtimes that every
/// Debian system has, and each package in `Depends:` must own one of them.
@Suite(
    .enabled(if: debianToolsArePresent, "needs dpkg-deb, dpkg, ldd and readelf"),
    .enabled(if: BuiltBinaries.generateManual != nil, BuiltBinaries.missingGenerateManual))
struct PackageTests {
    /// The C and C++ runtimes that every Debian system has (apt needs them): no package names them in Depends.
    static let baseSystem: Set<String> = ["libc6", "libgcc-s1", "libstdc++6"]

    /// The spellings dpkg may list a library file under: as ldd found it or resolved, under /lib or /usr/lib.
    static func spellings(of path: String) -> [String] {
        [path, URL(fileURLWithPath: path).resolvingSymlinksInPath().path].flatMap { spelling in
            let unmerged = spelling.hasPrefix("/usr/") ? String(spelling.dropFirst(4)) : spelling
            return [spelling, unmerged, "/usr" + unmerged]
        }
    }

    /// The package that owns each path dpkg knows (one `dpkg -S` for all: it exits 1 when some are unknown).
    static func owners(of paths: [String]) throws -> [String: String] {
        let output = try Tool.run("sh", ["-c", "dpkg -S \"$@\" 2>/dev/null; true", "sh"] + paths)
        var owners: [String: String] = [:]
        for line in output.split(separator: "\n") {  // "libcurl4:amd64: /usr/lib/x86_64-linux-gnu/libcurl.so.4"
            guard let separator = line.range(of: ": ") else { continue }
            owners[String(line[separator.upperBound...])] = String(line[..<separator.lowerBound].prefix { $0 != ":" })
        }
        return owners
    }

    @Test func debUnpacksToABinaryThatRunsWithDependsMatchingItsLibraries() throws {
        let binary = try #require(BuiltBinaries.tenantctl)
        let output = try TemporaryDirectory(prefix: "package")
        defer { output.remove() }
        try Tool.run(
            BuiltBinaries.repository.appendingPathComponent("scripts/package").path,
            ["--binary", binary.path, "--output", output.path])

        let version = try #require(
            JSONValue.parse(try Tool.run(binary.path, ["version", "-o", "json"]))["version"]?.stringValue)
        let debianVersion = version.replacing("-", with: "~", maxReplacements: 1)
        let architecture = try Tool.run("dpkg", ["--print-architecture"]).trimmingCharacters(
            in: .whitespacesAndNewlines)
        let name = "tenantctl_\(debianVersion)_\(architecture).deb"
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path) == [name])
        let deb = output.url.appendingPathComponent(name).path
        func field(_ name: String) throws -> String {
            try Tool.run("dpkg-deb", ["-f", deb, name]).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(try field("Package") == "tenantctl")
        #expect(try field("Version") == debianVersion)
        #expect(try field("Architecture") == architecture)

        let root = output.url.appendingPathComponent("root")
        try Tool.run("dpkg", ["-x", deb, root.path])
        for file in [
            "usr/bin/tenantctl", "usr/share/bash-completion/completions/tenantctl",
            "usr/share/zsh/vendor-completions/_tenantctl",
            "usr/share/fish/vendor_completions.d/tenantctl.fish", "usr/share/man/man1/tenantctl.1.gz",
            "usr/share/man/man1/tenantctl.version.1.gz", "usr/share/man/man1/tenantctl.apply.1.gz",
        ] {
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(file).path), "\(file)")
        }
        let unpacked = root.appendingPathComponent("usr/bin/tenantctl").path
        let report = try JSONValue.parse(try Tool.run(unpacked, ["version", "-o", "json"]))
        #expect(report["version"]?.stringValue == version)

        let needed = try Tool.run("readelf", ["-d", unpacked]).matches(of: /\(NEEDED\).*\[(.+)\]/).map { String($0.1) }
        let ldd = try Tool.run("ldd", [unpacked])
        #expect(!ldd.contains("not found"), "\(ldd)")
        var paths: [String: String] = [:]  // library -> where ldd finds it
        for library in needed {
            // "\tlibcurl.so.4 => /lib/x86_64-linux-gnu/libcurl.so.4 (0x…)", "\t/lib64/ld-linux-x86-64.so.2 (0x…)"
            let fields = ldd.split(separator: "\n").map { $0.split(whereSeparator: \.isWhitespace) }
                .first { $0.first == library[...] || $0.first?.hasSuffix("/" + library) == true }
            paths[library] = try #require(
                fields?.first { $0.hasPrefix("/") }.map(String.init), "\(library) is not in ldd's output")
        }
        let known = try Self.owners(of: paths.values.flatMap(Self.spellings))
        var owners: Set<String> = []
        for path in paths.values {
            if let owner = Self.spellings(of: path).lazy.compactMap({ known[$0] }).first {
                owners.insert(owner)
            } else {
                #expect(path.contains("/lib/swift/"), "\(path) is in no Debian package and not the Swift toolchain's")
            }
        }
        let depends = Set(try field("Depends").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(depends == owners.subtracting(Self.baseSystem))
        #expect(depends.isSuperset(of: ["libcurl4", "libyaml-0-2"]))
    }
}

private var debianToolsArePresent: Bool {
    ["dpkg-deb", "dpkg", "ldd", "readelf"].allSatisfy { (try? Tool.run("sh", ["-c", "command -v \($0)"])) != nil }
}
