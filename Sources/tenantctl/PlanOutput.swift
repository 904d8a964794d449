import Foundation
import JSON
import TenancyCore

/// Where `plan` writes, plan by plan: standard output in the chosen format and, with `--out`, the saved plan.
/// The saved plan is written beside its path and moved there only once complete, so that a run that fails never
/// leaves half a plan (nor removes one saved before). Counts what the exit code depends on.
struct PlanOutput {
    /// A saved plan's destination, with what it records besides the plans.
    struct Saved {
        let path: String
        let files: [String]
        let arguments: JSONValue
    }

    private var printer: PlanPrinter
    private var savedReport: PlanReport?
    private let savedFile: PendingFile?
    private(set) var conflicts = 0
    /// Whether any plan would write anything (or stop at a conflict).
    private(set) var hasChanges = false

    init(_ format: OutputFormat, colour: Bool, saving: Saved?) throws {
        printer = PlanPrinter(format, colour: colour)
        savedReport = try saving.map { try PlanReport(savedFrom: $0.files, arguments: $0.arguments) }
        savedFile = try saving.map { try PendingFile($0.path) }
    }

    mutating func write(_ plan: Plan) throws {
        try FileHandle.standardOutput.write(contentsOf: printer.print(plan))
        savedReport?.add(plan)
        try savedFile?.write(savedReport?.take() ?? [])
        conflicts += plan.count(.conflict)
        hasChanges = hasChanges || plan.hasChanges
    }

    /// Ends the output; the saved plan is kept only when `complete` (no tenant failed to plan).
    mutating func finish(complete: Bool) throws {
        try FileHandle.standardOutput.write(contentsOf: printer.finish())
        guard let savedFile else { return }
        guard complete else { return savedFile.discard() }
        savedReport?.finish()
        try savedFile.write((savedReport?.take() ?? []) + [UInt8(ascii: "\n")])
        try savedFile.commit()
    }

    /// Drops the saved plan written so far (the run failed).
    func discard() { savedFile?.discard() }
}

/// A file written in pieces under a temporary name beside `path`, readable by its owner only, and moved to
/// `path` once complete.
final class PendingFile {
    let path: String
    private let temporary: String
    private let handle: FileHandle

    init(_ path: String) throws {
        self.path = path
        temporary = "\(path).partial"
        guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: temporary)
        else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        self.handle = handle
    }

    func write(_ bytes: [UInt8]) throws { try handle.write(contentsOf: bytes) }

    func commit() throws {
        try handle.close()
        guard rename(temporary, path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    func discard() {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporary)
    }
}
