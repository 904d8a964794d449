import Foundation
import TestSupport
import Testing

/// The binary links the system's libyaml and libcurl (Debian's), not vendored copies.
@Suite struct BinaryLinkageTests {
    @Test func linksTheSystemLibraries() throws {
        let binary = try CommandRunner(workingDirectory: URL(fileURLWithPath: "/")).executable
        let output = try Tool.run("ldd", [binary.path])
        let libraries = output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(
            libraries.contains {
                $0.hasPrefix("libyaml-0.so") && ($0.contains("=> /lib/") || $0.contains("=> /usr/lib/"))
            })
        #expect(
            libraries.contains {
                $0.hasPrefix("libcurl.so") && ($0.contains("=> /lib/") || $0.contains("=> /usr/lib/"))
            })
    }
}
