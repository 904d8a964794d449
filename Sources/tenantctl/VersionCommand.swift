import ArgumentParser

/// `tenantctl version`: which build this is, for bug reports; `tenantctl --version` prints the same text.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Show the version, git commit, build date, Swift version and the libcurl and libyaml in use.",
        discussion: """
            The version is the newest v* git tag (1.2.0, or 1.2.0+3.gabc1234 three commits past it; 0.0.0-dev+N.gHASH
            before the first tag), written into the binary when it was built, with the commit and whether the tree
            had uncommitted changes (clean or dirty). The library versions are those the binary runs with now.
            """)

    @Option(name: [.short, .customLong("output")], help: "Output format: text or json.")
    var output: OutputFormat = .text

    func validate() throws {
        if output == .markdown { throw ValidationError("version prints text or json, not markdown") }
    }

    func run() {
        let report = VersionReport.current
        print(output == .json ? report.json : report.text, terminator: "")
    }
}
