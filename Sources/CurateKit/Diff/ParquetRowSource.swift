#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rows of a Parquet data file as ``DatasetRow``s, read one row group at a time.
final class ParquetRowSource {
    private let descriptor: Int32
    private let path: String
    private let file: ParquetFileReader
    private var group = -1
    private var row = 0
    private var columns: [String: [String?]] = [:]
    /// The columns a diff reads; those of a producer and `supersedes` may be absent.
    private static let required = ["task", "input_id", "id", "output"]
    private static let optional = ["prompt", "model", "annotator", "supersedes"]

    /// Opens the Parquet file at `path`, inside the dataset folder `folder`, and reads its footer.
    /// - Throws: ``DiffError`` when the file is missing, unreadable, or not a Parquet file.
    init(path: String, folder: String) throws(DiffError) {
        descriptor = try RecordSplitter.openDataFile(path, inside: folder)
        self.path = path
        do {
            file = try ParquetFileReader(descriptor: descriptor)
        } catch {
            close(descriptor)
            throw .malformedDataFile(path: path, row: 0, reason: error.errorDescription ?? "\(error)")
        }
        for name in Self.required where !file.hasColumn(name) {
            close(descriptor)
            throw .malformedDataFile(path: path, row: 0, reason: "the Parquet file has no column \"\(name)\"")
        }
    }

    deinit {
        close(descriptor)
    }

    /// The next row, or nil at the end of the file; `number` is its row number, for messages.
    func next(number: Int) throws(DiffError) -> DatasetRow? {
        while group < 0 || row == file.rowGroupRows[group] {
            group += 1
            row = 0
            guard group < file.rowGroupRows.count else { return nil }
            do throws(ParquetError) {
                columns = [:]
                for name in Self.required + Self.optional where file.hasColumn(name) {
                    // A struct output reads back as the canonical JSON the JSON Lines export has.
                    let values = try file.texts(name, rowGroup: group)
                    guard values.count == file.rowGroupRows[group] else {
                        throw ParquetError.malformed(reason: "column \"\(name)\" has \(values.count) values in a row group of \(file.rowGroupRows[group]) rows")
                    }
                    columns[name] = values
                }
            } catch {
                throw .malformedDataFile(path: path, row: number, reason: error.errorDescription ?? "\(error)")
            }
        }
        defer { row += 1 }
        func value(_ name: String) -> String? { columns[name]?[row] ?? nil }
        func text(_ name: String) throws(DiffError) -> String {
            guard let text = value(name) else { throw .malformedDataFile(path: path, row: number, reason: "column \"\(name)\" is null") }
            return text
        }
        let producer = DataFileReader.producer(prompt: value("prompt"), model: value("model"), annotator: value("annotator"))
        return DatasetRow(task: try text("task"), inputID: try text("input_id"), label: RecordLabel(
            id: try text("id"), output: try text("output"), producer: producer, supersedes: value("supersedes")))
    }
}
