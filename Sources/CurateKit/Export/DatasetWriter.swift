import Foundation

/// Writes one dataset's files into its staging folder as rows arrive: a data file per
/// split and task (see ``DatasetLayout``) and the record sidecar, each hashed while it is
/// written.
///
/// Rows come in task order, so only the current task's files are open. A file is written
/// under a provisional name and renamed once the number of files of its split is known.
final class DatasetWriter {
    private let folder: URL
    private let spec: SplitSpec
    private let format: ExportFormat
    /// The struct shape of each task's outputs, where its schema declares one.
    private let outputStructs: [String: OutputStruct]
    /// The task whose rows are being written.
    private var task: String?
    /// The current task's file in each split, once that split has a row of it.
    private var open: [Shard?]
    /// The finished files of each split, in task order.
    private var finished: [[Manifest.DataFile]]
    private let sidecar: HashingFileOutput

    /// One data file being written.
    private struct Shard {
        /// Its provisional path inside the folder.
        let path: String
        let writer: any RowWriter
        let output: HashingFileOutput
    }

    /// Creates `folder`'s data folder and the (empty) sidecar.
    /// - Parameter outputStructs: the struct shape of each task's outputs, where its schema
    ///   declares one (Parquet writes `output` as a struct then).
    init(folder: URL, spec: SplitSpec, format: ExportFormat, outputStructs: [String: OutputStruct] = [:]) throws(ExportError) {
        self.folder = folder
        self.spec = spec
        self.format = format
        self.outputStructs = outputStructs
        open = Array(repeating: nil, count: spec.splits.count)
        finished = Array(repeating: [], count: spec.splits.count)
        let data = folder.appendingPathComponent(DatasetLayout.dataFolder)
        do {
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: false)
        } catch {
            throw .cannotWrite(path: data.path, reason: error.localizedDescription)
        }
        sidecar = try HashingFileOutput(path: folder.appendingPathComponent(Manifest.RecordList.fileName).path)
    }

    /// Appends `row` to the data file of its task in split number `split`, and its id to the sidecar.
    func write(_ row: StoredLabel, producer: ProducerColumns, split: Int) throws(ExportError) {
        if row.task != task {
            try finishTask()
            task = row.task
        }
        if open[split] == nil { open[split] = try startShard(split, task: row.task) }
        guard let shard = open[split] else { return }
        do throws(ParquetError) {
            try shard.writer.append(row, producer: producer, split: spec.splits[split].name, to: &shard.output.buffer)
        } catch .outputMismatch(let reason) {
            throw .outputOutsideStruct(id: row.id, task: row.task, schemaPath: outputStructs[row.task]?.schemaPath ?? "", reason: reason)
        } catch {
            throw .cannotWrite(path: shard.output.path, reason: error.errorDescription ?? "\(error)")
        }
        shard.output.records += 1
        try shard.output.flushIfFull()
        sidecar.buffer.append("{\"id\":")
        JSONLRowWriter.writeString(row.id, to: &sidecar.buffer)
        sidecar.buffer.append(",\"input_id\":")
        JSONLRowWriter.writeString(row.inputID, to: &sidecar.buffer)
        sidecar.buffer.append(",\"task\":")
        JSONLRowWriter.writeString(row.task, to: &sidecar.buffer)
        sidecar.buffer.append("}\n")
        sidecar.records += 1
        try sidecar.flushIfFull()
    }

    /// Finishes every file and gives each data file its final name.
    /// - Returns: the data files, sorted by path, and the record list, as the manifest lists them.
    func finish() throws(ExportError) -> (files: [Manifest.DataFile], records: Manifest.RecordList) {
        try finishTask()
        var files: [Manifest.DataFile] = []
        for index in spec.splits.indices {
            // A split without records still has its (empty) file.
            if finished[index].isEmpty {
                try finishShard(try startShard(index, task: nil), split: index, task: nil)
            }
            let shards = finished[index]
            for (number, shard) in shards.enumerated() {
                var file = shard
                file.path = DatasetLayout.dataFilePath(split: file.split, shard: number, of: shards.count, format: format)
                try rename(from: shard.path, to: file.path)
                files.append(file)
            }
        }
        let records = Manifest.RecordList(count: sidecar.records, sha256: try sidecar.finish())
        return (files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }, records)
    }

    /// Opens the next file of split number `split`, for the rows of `task`, under its provisional name.
    private func startShard(_ split: Int, task: String?) throws(ExportError) -> Shard {
        let path = "\(DatasetLayout.dataFolder)/\(spec.splits[split].name)-\(finished[split].count).partial"
        let output = try HashingFileOutput(path: folder.appendingPathComponent(path).path)
        let writer = RowColumns.writer(for: format, outputStruct: task.flatMap { outputStructs[$0] })
        writer.header.withUnsafeBytes { output.buffer.append($0) }
        return Shard(path: path, writer: writer, output: output)
    }

    /// Finishes the current task's files.
    private func finishTask() throws(ExportError) {
        for index in open.indices {
            guard let shard = open[index] else { continue }
            try finishShard(shard, split: index, task: task)
            open[index] = nil
        }
    }

    private func finishShard(_ shard: Shard, split: Int, task: String?) throws(ExportError) {
        do {
            try shard.writer.finish(to: &shard.output.buffer)
        } catch {
            throw .cannotWrite(path: shard.output.path, reason: error.errorDescription ?? "\(error)")
        }
        let digest = try shard.output.finish()
        finished[split].append(Manifest.DataFile(
            path: shard.path, split: spec.splits[split].name, task: task, format: format, records: shard.output.records, sha256: digest))
    }

    private func rename(from old: String, to new: String) throws(ExportError) {
        let target = folder.appendingPathComponent(new)
        do {
            try FileManager.default.moveItem(at: folder.appendingPathComponent(old), to: target)
        } catch {
            throw .cannotWrite(path: target.path, reason: error.localizedDescription)
        }
    }
}
