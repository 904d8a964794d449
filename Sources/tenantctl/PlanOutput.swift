import Foundation
import TenancyCore

/// Where `plan` writes, plan by plan: standard output in the chosen format and, with `--out`, the saved plan.
/// The saved plan is written beside its path and moved there only once complete, so that a run that fails never
/// leaves half a plan (nor removes one saved before). Counts what the exit code depends on.
struct PlanOutput {
    /// A saved plan's destination, with what it records besides the plans: the inputs and the files read.
    struct Saved {
        let path: String
        let inputs: SavedPlan.Inputs
        let files: [String]
    }

    private var printer: PlanPrinter
    private var savedReport: PlanReport?
    private let savedFile: PendingFile?
    private(set) var conflicts = 0
    /// Whether any plan would write anything (or stop at a conflict).
    private(set) var hasChanges = false

    init(_ format: OutputFormat, colour: Bool, saving: Saved?) throws {
        printer = PlanPrinter(format, colour: colour)
        savedReport = try saving.map { try PlanReport(saving: $0.inputs, files: $0.files) }
        savedFile = try saving.map { try PendingFile($0.path) }
    }

    mutating func write(_ plan: Plan) throws {
        try FileHandle.standardOutput.write(contentsOf: printer.print(plan))
        try savedReport?.add(plan)
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
/// `path` once complete. Only a regular file is ever replaced: a path naming a device, a FIFO, a symbolic link or a
/// folder is refused before anything is written, with the reason.
final class PendingFile {
    /// Why the file cannot be written, in words.
    struct Refused: Error, CustomStringConvertible {
        var description: String
    }

    let path: String
    private let temporary: String
    private let handle: FileHandle

    init(_ path: String) throws {
        self.path = path
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            throw Refused(
                description:
                    "--out \(path.terminalSafe) is \(Self.kind(info.st_mode)), not a regular file; give the path of a file to write"
            )
        }
        let directory = (path as NSString).deletingLastPathComponent
        temporary =
            (directory.isEmpty ? "." : directory)
            + "/.\((path as NSString).lastPathComponent).\(UUID().uuidString).partial"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw Refused(
                description:
                    "--out \(path.terminalSafe): cannot create a file beside it: \(String(cString: strerror(errno)))")
        }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    func write(_ bytes: [UInt8]) throws { try handle.write(contentsOf: bytes) }

    func commit() throws {
        try handle.synchronize()
        try handle.close()
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw Refused(description: "--out \(path.terminalSafe): \(reason)")
        }
    }

    func discard() {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporary)
    }

    private static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a folder"
        case S_IFLNK: "a symbolic link"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFIFO: "a FIFO"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
    }
}
