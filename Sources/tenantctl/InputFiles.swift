import ArgumentParser
import Foundation
import TenancyCore

/// Expands the paths users name (files or folders) into the YAML files they mean, and reads them.
enum InputFiles {
    /// Files under each path: a file as named, a folder's `*.yaml` / `*.yml` files (recursively, sorted).
    static func expand(_ paths: [String]) throws -> FileList {
        var files = FileList()
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ValidationError("no such file or folder: \(path)")
            }
            guard isDirectory.boolValue else {
                files.insert(path)
                continue
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            let found = (fm.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
                .sorted()
            for file in found { files.insert("\(base)/\(file)") }
        }
        return files
    }

    /// `path` from the root, without `.` or `..` parts: how a saved plan names the files it was made from.
    static func absolute(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }

    /// Reads files; an unreadable file is a usage error naming it and why.
    static func read(_ paths: [String]) throws -> [SourceFile] {
        let (files, problems) = readable(paths)
        if let problem = problems.first { throw ValidationError(problem.message) }
        return files
    }

    /// Reads the files that can be read; each that cannot is a diagnostic at its first line saying why, so that one
    /// bad file in a folder does not hide the others' problems.
    static func readable(_ paths: [String]) -> (files: [SourceFile], problems: [Diagnostic]) {
        var files: [SourceFile] = []
        var problems: [Diagnostic] = []
        for path in paths {
            if let why = problem(path) {
                problems.append(
                    Diagnostic(
                        file: path, line: 1, column: 1, path: "", message: "cannot read \(path.terminalSafe): \(why)"))
            } else if let data = FileManager.default.contents(atPath: path) {
                files.append(SourceFile(path: path, bytes: [UInt8](data)))
            } else {
                problems.append(
                    Diagnostic(
                        file: path, line: 1, column: 1, path: "",
                        message: "cannot read \(path.terminalSafe): \(String(cString: strerror(errno)))"))
            }
        }
        return (files, problems)
    }

    /// Why `path` is not a regular file tenantctl can read (a folder, a FIFO, a link that loops), or nil.
    private static func problem(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return String(cString: strerror(errno)).lowercased() }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "it is a folder"
        case S_IFIFO: return "it is a FIFO; tenantctl reads regular files only"
        default: return "it is not a regular file; tenantctl reads regular files only"
        }
    }

    /// The cluster inventory to use when none was named: `clusters.yaml` beside the inputs, else `Tenants/clusters.yaml`.
    static func defaultInventory(for paths: [String], files: FileList) -> String? {
        var candidates: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            let isFolder =
                FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            let folder = isFolder ? path : (path as NSString).deletingLastPathComponent
            candidates.append(((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent("clusters.yaml"))
        }
        candidates.append("Tenants/clusters.yaml")
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate) {
            return files.contains(candidate) ? nil : candidate
        }
        return nil
    }
}
