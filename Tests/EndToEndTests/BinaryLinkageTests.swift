import Foundation
import TestSupport
import Testing

/// The binary links the system's libyaml and libcurl (Debian's), not vendored copies.
@Suite struct BinaryLinkageTests {
    @Test func linksTheSystemLibraries() throws {
        let binary = try CommandRunner(workingDirectory: URL(fileURLWithPath: "/")).executable
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        process.arguments = [binary.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
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
