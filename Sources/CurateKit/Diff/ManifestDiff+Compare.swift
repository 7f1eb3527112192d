import Foundation

/// Computing the difference of two datasets.
extension ManifestDiff {
    /// Compares two datasets: their manifests, then their records, streamed from the data
    /// files of both in (task, input_id) order.
    /// - Parameter examples: how many example inputs to keep for each kind of record change.
    /// - Throws: ``DiffError`` when a data file is missing or is not a curate data file.
    public static func compare(_ before: DatasetSource, _ after: DatasetSource, examples: Int = 5) throws(DiffError) -> ManifestDiff {
        var records = try RecordComparison.compare(
            InputGroupStream(manifest: before.manifest, folder: before.folder.path),
            InputGroupStream(manifest: after.manifest, folder: after.folder.path),
            examples: max(0, examples))
        records.digestChanged = before.manifest.records.sha256 != after.manifest.records.sha256
        return compare(before.manifest, after.manifest, records: records, beforeLabel: before.label, afterLabel: after.label)
    }

    /// Compares two manifests, given the record changes already found.
    public static func compare(_ before: Manifest, _ after: Manifest, records: RecordChanges, beforeLabel: String, afterLabel: String) -> ManifestDiff {
        ManifestDiff(
            before: DatasetInfo(source: beforeLabel, manifest: before),
            after: DatasetInfo(source: afterLabel, manifest: after),
            selection: selectionChanges(before, after),
            tuples: tupleChanges(before, after),
            files: fileChanges(before, after),
            records: records,
            labels: labelShifts(before, after),
            flags: flagChanges(before, after),
            retractions: retractionChanges(before, after),
            metadataFiles: metadataFileChanges(before, after))
    }

    /// Every leaf of the manifests' `selection` objects that differs, by dotted path.
    static func selectionChanges(_ before: Manifest, _ after: Manifest) -> [FieldChange] {
        var old: [String: JSONValue] = [:]
        var new: [String: JSONValue] = [:]
        flatten(before.jsonValue["selection"] ?? .null, prefix: "", into: &old)
        flatten(after.jsonValue["selection"] ?? .null, prefix: "", into: &new)
        return sortedUnion(Array(old.keys), Array(new.keys)).compactMap { field in
            old[field] == new[field] ? nil : FieldChange(field: field, before: old[field], after: new[field])
        }
    }

    /// Objects become dotted paths; anything else (arrays included) is a leaf.
    private static func flatten(_ value: JSONValue, prefix: String, into fields: inout [String: JSONValue]) {
        guard case .object(let members) = value else {
            fields[prefix] = value
            return
        }
        for member in members {
            flatten(member.value, prefix: prefix.isEmpty ? member.key : "\(prefix).\(member.key)", into: &fields)
        }
    }

    static func tupleChanges(_ before: Manifest, _ after: Manifest) -> [TupleChange] {
        var counts: [ProvenanceTuple: (before: Int, after: Int)] = [:]
        for entry in before.provenance { counts[entry.tuple, default: (0, 0)].before += entry.records }
        for entry in after.provenance { counts[entry.tuple, default: (0, 0)].after += entry.records }
        return counts.filter { $0.value.before != $0.value.after }
            .map { TupleChange(tuple: $0.key, before: $0.value.before, after: $0.value.after) }
            .sorted { $0.tuple < $1.tuple }
    }

    static func fileChanges(_ before: Manifest, _ after: Manifest) -> [FileChange] {
        let old = Dictionary(before.files.map { ($0.path, $0) }) { first, _ in first }
        let new = Dictionary(after.files.map { ($0.path, $0) }) { first, _ in first }
        return sortedUnion(Array(old.keys), Array(new.keys)).compactMap { path in
            old[path] == new[path] ? nil : FileChange(path: path, before: old[path], after: new[path])
        }
    }

    static func metadataFileChanges(_ before: Manifest, _ after: Manifest) -> [MetadataFileChange] {
        let old = Dictionary(before.metadataFiles.map { ($0.path, $0.sha256) }) { first, _ in first }
        let new = Dictionary(after.metadataFiles.map { ($0.path, $0.sha256) }) { first, _ in first }
        return sortedUnion(Array(old.keys), Array(new.keys)).compactMap { path in
            old[path] == new[path] ? nil : MetadataFileChange(path: path, before: old[path], after: new[path])
        }
    }

    static func labelShifts(_ before: Manifest, _ after: Manifest) -> [TaskLabelShift] {
        let old = Dictionary(before.labels.map { ($0.task, $0.counts) }) { first, _ in first }
        let new = Dictionary(after.labels.map { ($0.task, $0.counts) }) { first, _ in first }
        func distribution(_ entry: [String: Int]??) -> TaskLabelShift.Distribution {
            switch entry {
            case nil: .absent
            case .some(nil): .notCategorical
            case .some(.some): .categorical
            }
        }
        return sortedUnion(Array(old.keys), Array(new.keys)).map { task in
            let oldCounts = (old[task] ?? nil) ?? [:]
            let newCounts = (new[task] ?? nil) ?? [:]
            let oldTotal = oldCounts.values.reduce(0, +)
            let newTotal = newCounts.values.reduce(0, +)
            let labels = sortedUnion(Array(oldCounts.keys), Array(newCounts.keys)).map { label in
                let was = oldCounts[label] ?? 0
                let now = newCounts[label] ?? 0
                return LabelShift(
                    label: label, before: was, after: now,
                    shareBefore: oldTotal == 0 ? 0 : Double(was) / Double(oldTotal),
                    shareAfter: newTotal == 0 ? 0 : Double(now) / Double(newTotal))
            }
            return TaskLabelShift(
                task: task, before: distribution(old[task]), after: distribution(new[task]),
                beforeTotal: oldTotal, afterTotal: newTotal, labels: labels)
        }
    }

    static func flagChanges(_ before: Manifest, _ after: Manifest) -> [FlagChange] {
        var counts: [LabelFlag: (before: Int?, after: Int?)] = [:]
        for applied in before.flags { counts[applied.flag, default: (nil, nil)].before = applied.labels }
        for applied in after.flags { counts[applied.flag, default: (nil, nil)].after = applied.labels }
        return counts.filter { $0.value.before != $0.value.after }
            .map { FlagChange(flag: $0.key, before: $0.value.before, after: $0.value.after) }
            .sorted { $0.flag < $1.flag }
    }

    static func retractionChanges(_ before: Manifest, _ after: Manifest) -> [RetractionChange] {
        var counts: [Retraction: (before: Int?, after: Int?)] = [:]
        for applied in before.retractions { counts[applied.retraction, default: (nil, nil)].before = applied.labels }
        for applied in after.retractions { counts[applied.retraction, default: (nil, nil)].after = applied.labels }
        return counts.filter { $0.value.before != $0.value.after }
            .map { RetractionChange(retraction: $0.key, before: $0.value.before, after: $0.value.after) }
            .sorted { $0.retraction.id < $1.retraction.id }
    }

    /// The strings of both lists, once each, sorted by UTF-8 bytes.
    static func sortedUnion(_ lhs: [String], _ rhs: [String]) -> [String] {
        Set(lhs + rhs).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
