import Foundation

/// Renders a ``ManifestDiff`` as JSON for machines: sorted keys, indented, one final newline.
///
/// Top-level keys: `same` (bool), `differences` (the parts that differ), `ignored`
/// (metadata that differs but does not count), `before` and `after` (source, name,
/// created_at, tool, records, store), `selection`, `provenance`, `files`, `records`, `labels`,
/// `flags`, `retractions`, `metadata_files`.
public enum DiffJSONRenderer {
    /// The JSON text of `diff`.
    public static func render(_ diff: ManifestDiff) -> String {
        JSONWriter.pretty(value(diff))
    }

    /// The JSON value of `diff`.
    public static func value(_ diff: ManifestDiff) -> JSONValue {
        .object([
            ("same", .bool(diff.isSame)),
            ("differences", .array(diff.differences.map(JSONValue.string))),
            ("ignored", .array(diff.ignoredDifferences.map(JSONValue.string))),
            ("before", info(diff.before)),
            ("after", info(diff.after)),
            ("selection", .array(diff.selection.map { change in
                .object([("field", .string(change.field)), ("before", change.before ?? .null), ("after", change.after ?? .null)])
            })),
            ("provenance", .array(diff.tuples.map { change in
                .object([
                    ("change", .string(change.kind)), ("tuple", change.tuple.jsonValue),
                    ("before", integer(change.before)), ("after", integer(change.after)),
                ])
            })),
            ("files", .array(diff.files.map { change in
                .object([("change", .string(change.kind)), ("path", .string(change.path)), ("before", file(change.before)), ("after", file(change.after))])
            })),
            ("records", records(diff.records)),
            ("labels", .array(diff.labels.map(shift))),
            ("flags", .array(diff.flags.map { change in
                .object([
                    ("kind", .string(change.flag.kind.rawValue)), ("target", .string(change.flag.target)),
                    ("reason", .string(change.flag.reason)), ("created_at", .string(change.flag.createdAt.rfc3339)),
                    ("before", change.before.map(integer) ?? .null), ("after", change.after.map(integer) ?? .null),
                ])
            })),
            ("retractions", .array(diff.retractions.map { change in
                .object([
                    ("id", .number(String(change.retraction.id))), ("kind", .string(change.retraction.kind.rawValue)),
                    ("target", .string(change.retraction.target)), ("reason", .string(change.retraction.reason)),
                    ("created_at", .string(change.retraction.createdAt.rfc3339)),
                    ("before", change.before.map(integer) ?? .null), ("after", change.after.map(integer) ?? .null),
                ])
            })),
            ("metadata_files", .array(diff.metadataFiles.map { change in
                .object([
                    ("change", .string(change.kind)), ("path", .string(change.path)),
                    ("before_sha256", change.before.map(JSONValue.string) ?? .null), ("after_sha256", change.after.map(JSONValue.string) ?? .null),
                ])
            })),
        ])
    }

    private static func info(_ info: ManifestDiff.DatasetInfo) -> JSONValue {
        .object([
            ("source", .string(info.source)), ("name", .string(info.name)), ("created_at", .string(info.createdAt.rfc3339)),
            ("tool", .object([("name", .string(info.tool.name)), ("version", .string(info.tool.version))])),
            ("records", integer(info.records)), ("store", info.store?.jsonValue ?? .null),
        ])
    }

    private static func file(_ file: Manifest.DataFile?) -> JSONValue {
        file?.jsonValue ?? .null
    }

    private static func records(_ records: RecordChanges) -> JSONValue {
        .object([
            ("added", integer(records.added)), ("removed", integer(records.removed)),
            ("relabeled", integer(records.relabeled)), ("replaced", integer(records.replaced)),
            ("unchanged", integer(records.unchanged)), ("digest_changed", .bool(records.digestChanged)),
            ("examples", .array(records.examples.map { example in
                .object([
                    ("change", .string(example.kind.rawValue)), ("task", .string(example.task)), ("input_id", .string(example.inputID)),
                    ("before", .array(example.before.map(label))), ("after", .array(example.after.map(label))),
                ])
            })),
        ])
    }

    private static func label(_ label: RecordLabel) -> JSONValue {
        .object([
            ("id", .string(label.id)), ("output", .string(label.output)), ("producer", .string(label.producer)),
            ("supersedes", label.supersedes.map(JSONValue.string) ?? .null),
        ])
    }

    private static func shift(_ shift: TaskLabelShift) -> JSONValue {
        .object([
            ("task", .string(shift.task)), ("changed", .bool(shift.isChanged)),
            ("before", .string(shift.before.rawValue)), ("after", .string(shift.after.rawValue)),
            ("before_total", integer(shift.beforeTotal)), ("after_total", integer(shift.afterTotal)),
            ("labels", .array(shift.labels.map { label in
                .object([
                    ("label", .string(label.label)), ("before", integer(label.before)), ("after", integer(label.after)),
                    ("share_before", share(label.shareBefore)), ("share_after", share(label.shareAfter)),
                ])
            })),
        ])
    }

    private static func integer(_ value: Int) -> JSONValue {
        .number(String(value))
    }

    /// A share as a JSON number with four decimals (`0.4167`), the same bytes on every machine.
    private static func share(_ value: Double) -> JSONValue {
        .number(String(format: "%.4f", value))
    }
}
