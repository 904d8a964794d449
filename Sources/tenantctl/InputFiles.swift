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

    /// Reads files; an unreadable file is a usage error naming it.
    static func read(_ paths: [String]) throws -> [SourceFile] {
        try paths.map { path in
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ValidationError("cannot read \(path)")
            }
            return SourceFile(path: path, bytes: [UInt8](data))
        }
    }

    /// The cluster inventory to use when none was named: `clusters.yaml` beside the inputs, else `Tenants/clusters.yaml`.
    static func defaultInventory(for paths: [String], files: FileList) -> String? {
        var candidates: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            let isFolder = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
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
