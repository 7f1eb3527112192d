import Foundation

/// What rebuilding a dataset from its manifest found.
public struct RebuildOutcome: Sendable {
    /// The manifest the dataset was rebuilt from.
    public var recorded: Manifest
    /// The manifest of the rebuilt dataset.
    public var rebuilt: Manifest
    /// The counts behind the rebuilt dataset.
    public var summary: ExportSummary
    /// How the rebuilt dataset differs from the recorded one; nil when its data files and
    /// record list are byte-identical to those the manifest names (then it was installed).
    public var difference: ManifestDiff?

    /// Whether the data files and the record list came out byte-identical.
    public var isIdentical: Bool { difference == nil }
}

extension Exporter {
    /// Exports again what `recorded` describes, from the labels the store held when it was
    /// written (those of its last ingest and earlier ones), with its `created_at`, and
    /// installs the result at `folder` only when its data files and record list are
    /// byte-identical to those `recorded` names.
    /// - Parameters:
    ///   - recordedFolder: the folder holding `recorded`'s data files, if any: when they are
    ///     there and intact, a difference is shown record by record.
    ///   - labelNames: each task's label names in class order, where they are known, for the card.
    ///   - outputStructs: the struct shape of each task's outputs, where its schema declares one.
    ///   - replace: whether an existing dataset at `folder` may be replaced.
    /// - Returns: the outcome; nothing is installed when it is not identical.
    /// - Throws: ``ExportError`` as ``export(_:to:replace:createdAt:metadata:provenance:labelNames:outputStructs:)`` does.
    public func rebuild(
        from recorded: Manifest, recordedFolder: URL?, to folder: DatasetFolder, labelNames: [String: [String]] = [:],
        outputStructs: [String: OutputStruct] = [:], replace: Bool
    ) throws -> RebuildOutcome {
        let provenance = recorded.metadataFiles.contains { $0.path == ProvenanceDocument.fileName }
        if folder.exists, !replace { throw ExportError.datasetExists(path: folder.url.path) }
        var difference: ManifestDiff?
        let (rebuilt, summary) = try staged(
            recorded.options, metadata: recorded.dataset, provenance: provenance, labelNames: labelNames, outputStructs: outputStructs, for: folder,
            createdAt: recorded.createdAt, throughIngest: recorded.store?.lastIngest
        ) { staging, rebuilt in
            guard rebuilt.files != recorded.files || rebuilt.records != recorded.records else {
                try folder.install(staging, replace: replace)
                return true
            }
            difference = Self.difference(recorded, in: recordedFolder, rebuilt, in: staging)
            return false
        }
        return RebuildOutcome(recorded: recorded, rebuilt: rebuilt, summary: summary, difference: difference)
    }

    /// The difference record by record when the recorded data files are intact, else from
    /// the two manifests alone.
    private static func difference(_ recorded: Manifest, in recordedFolder: URL?, _ rebuilt: Manifest, in staging: URL) -> ManifestDiff {
        let before = "recorded", after = "rebuilt"
        if let recordedFolder, (try? DatasetVerifier.problems(of: recorded, in: recordedFolder, manifestPath: recordedFolder.path))?.isEmpty == true,
           let diff = try? ManifestDiff.compare(
               DatasetSource(label: before, manifest: recorded, folder: recordedFolder),
               DatasetSource(label: after, manifest: rebuilt, folder: staging)) {
            return diff
        }
        let records = RecordChanges(digestChanged: recorded.records.sha256 != rebuilt.records.sha256)
        return ManifestDiff.compare(recorded, rebuilt, records: records, beforeLabel: before, afterLabel: after)
    }
}
