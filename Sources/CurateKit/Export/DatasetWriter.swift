import Foundation

/// Writes one dataset's files into its staging folder as rows arrive: a data file per
/// split and the record sidecar, each hashed while it is written.
final class DatasetWriter {
    private let folder: URL
    private let spec: SplitSpec
    private let format: ExportFormat
    /// One writer and one output per split.
    private var rows: [any RowWriter] = []
    private var outputs: [HashingFileOutput] = []
    private let sidecar: HashingFileOutput

    /// Creates the (empty) files in `folder`.
    init(folder: URL, spec: SplitSpec, format: ExportFormat) throws(ExportError) {
        self.folder = folder
        self.spec = spec
        self.format = format
        for split in spec.splits {
            let output = try HashingFileOutput(path: folder.appendingPathComponent("\(split.name).\(format.fileExtension)").path)
            let writer = RowColumns.writer(for: format)
            writer.header.withUnsafeBytes { output.buffer.append($0) }
            rows.append(writer)
            outputs.append(output)
        }
        sidecar = try HashingFileOutput(path: folder.appendingPathComponent(Manifest.RecordList.fileName).path)
    }

    /// Appends `row` to the data file of split number `split`, and its id to the sidecar.
    func write(_ row: StoredLabel, producer: ProducerColumns, split: Int) throws(ExportError) {
        let output = outputs[split]
        do {
            try rows[split].append(row, producer: producer, split: spec.splits[split].name, to: &output.buffer)
        } catch {
            throw .cannotWrite(path: output.path, reason: error.errorDescription ?? "\(error)")
        }
        output.records += 1
        try output.flushIfFull()
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

    /// Finishes every file.
    /// - Returns: the data files and the record list, as the manifest lists them.
    func finish() throws(ExportError) -> (files: [Manifest.DataFile], records: Manifest.RecordList) {
        var files: [Manifest.DataFile] = []
        for (index, (split, output)) in zip(spec.splits, outputs).enumerated() {
            do {
                try rows[index].finish(to: &output.buffer)
            } catch {
                throw .cannotWrite(path: output.path, reason: error.errorDescription ?? "\(error)")
            }
            let digest = try output.finish()
            files.append(Manifest.DataFile(
                path: "\(split.name).\(format.fileExtension)", split: split.name, format: format,
                records: output.records, sha256: digest))
        }
        let records = Manifest.RecordList(count: sidecar.records, sha256: try sidecar.finish())
        return (files, records)
    }
}
