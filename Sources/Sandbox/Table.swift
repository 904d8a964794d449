import Foundation
import JSON

/// `meta.k8s.io/v1` Table answers for `kubectl get`: Name, a status column for kinds that have one, and Age.
/// Rows carry the object's metadata as PartialObjectMetadata, as the real server's default does.
enum Table {
    static func isRequested(by accept: String?) -> Bool {
        accept?.contains("as=Table") ?? false
    }

    static func make(_ type: ResourceType, _ objects: [JSONValue], resourceVersion: String, now: Date = Date())
        -> JSONValue
    {
        let statusColumn = type.isNamespace || type.plural == "persistentvolumeclaims" || type.plural == "pods"
        var columns: [JSONValue] = [column("Name", format: "name", "Name must be unique within a namespace.")]
        if statusColumn { columns.append(column("Status", "The phase of the object.")) }
        columns.append(column("Age", "CreationTimestamp is the time the object was created."))
        let rows: [JSONValue] = objects.map { object in
            var cells: [JSONValue] = [object["metadata"]?["name"] ?? ""]
            if statusColumn { cells.append(object["status"]?["phase"] ?? "") }
            cells.append(.string(age(object["metadata"]?["creationTimestamp"]?.stringValue, now: now)))
            let metadata = object["metadata"] ?? [:]
            return [
                "cells": .array(cells),
                "object": ["kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": metadata],
            ]
        }
        return [
            "kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": ["resourceVersion": .string(resourceVersion)],
            "columnDefinitions": .array(columns), "rows": .array(rows),
        ]
    }

    private static func column(_ name: String, format: String = "", _ description: String) -> JSONValue {
        [
            "name": .string(name), "type": "string", "format": .string(format), "description": .string(description),
            "priority": 0,
        ]
    }

    /// Ages the way kubectl prints them: `45s`, `3m12s`, `25m`, `5h3m`, `20h`, `3d4h`, `12d`.
    static func age(_ timestamp: String?, now: Date) -> String {
        guard let timestamp, let created = try? Date(timestamp, strategy: .iso8601) else { return "<unknown>" }
        let seconds = max(0, Int(now.timeIntervalSince(created)))
        let minutes = seconds / 60, hours = minutes / 60, days = hours / 24
        switch seconds {
        case ..<120: return "\(seconds)s"
        case ..<600: return seconds % 60 == 0 ? "\(minutes)m" : "\(minutes)m\(seconds % 60)s"
        case ..<10_800: return "\(minutes)m"
        case ..<28_800: return minutes % 60 == 0 ? "\(hours)h" : "\(hours)h\(minutes % 60)m"
        case ..<172_800: return "\(hours)h"
        case ..<691_200: return hours % 24 == 0 ? "\(days)d" : "\(days)d\(hours % 24)h"
        default: return "\(days)d"
        }
    }
}
