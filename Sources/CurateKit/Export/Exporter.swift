import Foundation

/// Exports a training set: select labels, choose one per input, assign splits,
/// write the data files and the manifest, and put the dataset in place whole.
///
/// Rows stream from the store in (task, input_id, created_at, id) order and are
/// written as they come, so memory stays flat however many records there are; a
/// second thread reads them from the store meanwhile (see ``RowPrefetcher``).
public struct Exporter {
    private let store: any StoreBackend

    /// An exporter reading from `store`.
    public init(store: Store) {
        self.store = store.backend
    }

    /// Resolves the selection and counts what an export would write, writing nothing.
    /// - Parameter countingLabels: whether to count each task's labels (``ExportSummary/labels``,
    ///   ``ExportSummary/labelsPerSplit``), which needs the chosen labels' outputs; without, those
    ///   are empty. An unsplit dry run without them, where ``IndexedChoice`` applies, is counted
    ///   from the store's export index alone: no label row is read, so none is re-hashed either
    ///   (`curate check` does that, and an export for every row it writes).
    /// - Throws: ``ExportError`` for an unknown or ambiguous selector.
    public func dryRun(_ options: ExportOptions, countingLabels: Bool = true) throws -> ExportSummary {
        var summary = try store.readSnapshot {
            var plan = try SelectionPlan.resolve(options.selection, in: store)
            if !countingLabels, options.split.splits.count == 1, let indexed = store as? any IndexedLabelReads,
               IndexedChoice.applies(to: plan, policy: options.resolve) {
                return try countFromIndex(plan, options, indexed)
            }
            // No row is written: an input's payload matters only to split by it or to count payloads shared by splits.
            plan.query.readsInputs = options.split.key == .input || options.split.splits.count > 1
            return try stream(plan, options) { _, _, _ in }
        }
        if !countingLabels {
            summary.labels = []
            summary.labelsPerSplit = []
        }
        return summary
    }

    /// An unsplit dry run's counts from the export index entries of `plan`'s labels, each
    /// input's choice made by ``IndexedChoice``; no output is read, so no label is counted.
    private func countFromIndex(_ plan: SelectionPlan, _ options: ExportOptions, _ store: any IndexedLabelReads) throws -> ExportSummary {
        let choice = IndexedChoice(
            plan: plan, humanPriority: options.humanPriority, includeFlagged: options.selection.includeFlagged,
            storeLocation: store.location)
        var tally = ExportTally(plan: plan, splits: options.split.splits.map(\.name))
        let counts = try choice.forEachInput(try store.labelKeyReader(plan.query)) { input in
            guard let chosen = input.chosen else { return }
            tally.input()
            guard plan.tuples[chosen.tupleID] != nil else { return }
            tally.export(task: input.task, tupleID: chosen.tupleID, createdAt: chosen.createdAt, output: nil, split: 0)
        }
        return tally.summary(counts)
    }

    /// Writes the dataset `folder` from the labels `options` select: its data files, the
    /// metadata documents rendered from the manifest (``MetadataDocument/all(for:provenance:labelNames:outputStructs:)``),
    /// then the manifest listing them all.
    /// - Parameters:
    ///   - replace: whether an existing dataset of that name may be replaced (`--force`).
    ///   - createdAt: the manifest's `created_at` (inject a fixed time for stable output).
    ///   - metadata: license, creator, version, citation and description, for the manifest
    ///     and `croissant.json`.
    ///   - provenance: whether to write `provenance.json` (PROV-JSON) too.
    ///   - labelNames: each task's label names in class order, where they are known, for the card.
    ///   - outputStructs: the struct shape of each task's outputs, where its schema declares
    ///     one: Parquet writes `output` as a struct then, and the card and Croissant say so.
    /// - Returns: the manifest written, and the counts behind it.
    /// - Throws: ``ExportError`` for an unknown or ambiguous selector, an existing dataset,
    ///   an empty selection or a failed write; nothing is left behind then.
    @discardableResult
    public func export(
        _ options: ExportOptions, to folder: DatasetFolder, replace: Bool, createdAt: Timestamp,
        metadata: DatasetMetadata = DatasetMetadata(), provenance: Bool = false, labelNames: [String: [String]] = [:],
        outputStructs: [String: OutputStruct] = [:]
    ) throws -> (manifest: Manifest, summary: ExportSummary) {
        if folder.exists, !replace { throw ExportError.datasetExists(path: folder.url.path) }
        return try staged(
            options, metadata: metadata, provenance: provenance, labelNames: labelNames, outputStructs: outputStructs, for: folder,
            createdAt: createdAt, throughIngest: nil
        ) { staging, _ in
            try folder.install(staging, replace: replace)
            return true
        }
    }

    /// Writes the dataset into a staging folder and hands it to `finish`, which installs it
    /// and returns true, or returns false to have it deleted.
    /// - Parameter ingest: only labels of this ingest and earlier ones; nil for all.
    func staged(
        _ options: ExportOptions, metadata: DatasetMetadata, provenance: Bool, labelNames: [String: [String]],
        outputStructs: [String: OutputStruct], for folder: DatasetFolder, createdAt: Timestamp, throughIngest ingest: Int64?,
        finish: (URL, Manifest) throws -> Bool
    ) throws -> (manifest: Manifest, summary: ExportSummary) {
        var options = options
        options.selection = options.selection.normalized
        let staging = try folder.makeStaging()
        do {
            var result = try store.readSnapshot {
                var plan = try SelectionPlan.resolve(options.selection, in: store)
                plan.query.ingestedThrough = ingest
                let writer = try DatasetWriter(folder: staging, spec: options.split, format: options.format, outputStructs: outputStructs)
                let summary = try stream(plan, options) { row, producer, split in
                    try writer.write(row, producer: producer, split: split)
                }
                guard summary.records > 0 else { throw ExportError.nothingToExport(name: folder.name) }
                // The store's state is read while the data files are finished (a Parquet file's
                // pages are compressed then): the stream has ended, so the connection is free,
                // and the state is taken before anything else can throw.
                let storeState = BackgroundResult(named: "curate.store.state") { [store] in try store.state(throughIngest: ingest) }
                let finished = Result { try writer.finish() }
                let state = Result { try storeState.value() }
                var (files, records) = try finished.get()
                records.newestCreatedAt = summary.newestCreatedAt
                let manifest = Manifest(
                    name: folder.name, createdAt: createdAt, options: options,
                    resolvedPrompts: plan.resolvedPrompts, resolvedModels: plan.resolvedModels,
                    provenance: summary.tuples.map { Manifest.TupleCount(tuple: $0.tuple, records: $0.records) },
                    files: files, records: records, labels: summary.labels, flags: summary.flags,
                    labelsBySplit: Dictionary(uniqueKeysWithValues: zip(summary.splits, summary.labelsPerSplit)),
                    inputsInSeveralSplits: summary.inputsInSeveralSplits, retractions: summary.retractions,
                    store: try state.get(), dataset: metadata)
                return (manifest, summary)
            }
            for document in MetadataDocument.all(
                for: result.0, provenance: provenance, labelNames: labelNames, outputStructs: outputStructs) {
                let sha256 = try write(document.text, to: staging.appendingPathComponent(document.path))
                result.0.metadataFiles.append(Manifest.MetadataFile(path: document.path, sha256: sha256))
            }
            result.0.metadataFiles.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
            _ = try write(result.0.jsonText, to: staging.appendingPathComponent(Manifest.fileName))
            if try !finish(staging, result.0) { folder.discard(staging) }
            return result
        } catch {
            folder.discard(staging)
            throw error
        }
    }

    /// Writes `text` to the new file `url`.
    /// - Returns: the lowercase hex SHA-256 of its bytes.
    private func write(_ text: String, to url: URL) throws(ExportError) -> String {
        let file = try HashingFileOutput(path: url.path)
        file.buffer.append(utf8: text)
        return try file.finish()
    }

    /// Streams the plan's labels through the shared ``LabelStream`` and split assignment,
    /// handing each exported record to `sink` with its provenance columns and split number.
    private func stream(
        _ plan: SelectionPlan, _ options: ExportOptions, sink: (StoredLabel, ProducerColumns, Int) throws -> Void
    ) throws -> ExportSummary {
        let labels = LabelStream(
            store: store, plan: plan, policy: options.resolve, humanPriority: options.humanPriority,
            includeFlagged: options.selection.includeFlagged)
        let assigner = SplitAssigner(spec: options.split)
        let producers = plan.tuples.mapValues(ProducerColumns.init)
        var tally = ExportTally(plan: plan, splits: options.split.splits.map(\.name))
        let byPayload = options.split.key == .input
        // Identical payloads share a split when they are the key; otherwise count those that do not.
        var shared = options.split.splits.count > 1 && !byPayload ? SharedInputs() : nil
        let counts = try labels.forEachChosen { chosen in
            guard let first = chosen.first else { return }
            let split = assigner.splitIndex(for: byPayload ? first.input ?? first.inputID : first.inputID)
            if let input = first.input { shared?.note(input, split: split) }
            tally.input()
            for label in chosen {
                guard let producer = producers[label.tupleID] else { continue }
                tally.export(task: label.task, tupleID: label.tupleID, createdAt: label.createdAt, output: label.output, split: split)
                try sink(label, producer, split)
            }
        }
        var summary = tally.summary(counts)
        summary.inputsInSeveralSplits = shared?.inSeveralSplits ?? 0
        return summary
    }
}
