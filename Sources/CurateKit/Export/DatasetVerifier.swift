import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks a dataset against its manifest: every file's SHA-256, every data file's record
/// count, and the manifest's own totals.
public enum DatasetVerifier {
    /// Verifies the dataset at `url`: its folder or its `manifest.json`.
    /// - Throws: ``ExportError/datasetMissing(path:)`` or ``ExportError/invalidManifest(path:reason:)``
    ///   when there is no readable manifest; differences are reported, not thrown.
    public static func verify(_ url: URL) throws(ExportError) -> VerificationReport {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
        guard exists else { throw .datasetMissing(path: url.path) }
        let folder = isFolder.boolValue ? url : url.deletingLastPathComponent()
        let manifestURL = isFolder.boolValue ? url.appendingPathComponent(Manifest.fileName) : url
        let manifest = try Manifest.read(from: manifestURL)
        return VerificationReport(manifest: manifest, problems: try problems(of: manifest, in: folder, manifestPath: manifestURL.path))
    }

    /// Every way the files in `folder` differ from `manifest`, in the manifest's order: data
    /// files, the record sidecar, the metadata files (the card …; their checksums only).
    /// - Parameter manifestPath: where the manifest was read, for messages.
    /// - Throws: ``ExportError/invalidManifest(path:reason:)`` when the manifest names a file
    ///   outside the folder.
    static func problems(of manifest: Manifest, in folder: URL, manifestPath: String) throws(ExportError) -> [VerificationReport.Problem] {
        var problems: [VerificationReport.Problem] = []
        for file in manifest.files {
            let kind: RecordCounter.Kind = switch file.format {
            case .jsonl: .lines
            case .csv: .csv
            case .parquet: .parquet
            }
            problems += try check(file.path, in: folder, sha256: file.sha256, records: (file.records, kind), manifest: manifestPath)
        }
        problems += try check(
            manifest.records.path, in: folder, sha256: manifest.records.sha256, records: (manifest.records.count, .lines), manifest: manifestPath)
        for file in manifest.metadataFiles {
            problems += try check(file.path, in: folder, sha256: file.sha256, records: nil, manifest: manifestPath)
        }

        let inFiles = manifest.files.reduce(0) { $0 + $1.records }
        if inFiles != manifest.records.count {
            problems.append(.inconsistentManifest(reason: "its files hold \(inFiles) records but records.count is \(manifest.records.count)"))
        }
        let inTuples = manifest.provenance.reduce(0) { $0 + $1.records }
        if inTuples != manifest.records.count {
            problems.append(.inconsistentManifest(reason: "its provenance counts \(inTuples) records but records.count is \(manifest.records.count)"))
        }
        return problems
    }

    /// How the file at `path` differs from its checksum and, when given, its record count.
    /// - Throws: ``ExportError/invalidManifest(path:reason:)`` when `path` is not inside the folder.
    private static func check(
        _ path: String, in folder: URL, sha256: String, records: (count: Int, kind: RecordCounter.Kind)?, manifest: String
    ) throws(ExportError) -> [VerificationReport.Problem] {
        guard DatasetLayout.isInsideFolder(path) else {
            throw .invalidManifest(path: manifest, reason: "file path \"\(path)\" is not a path inside the dataset folder")
        }
        let digest: String
        let count: Result<Int, ParquetError>
        do {
            (digest, count) = try digestAndCount(folder.appendingPathComponent(path), in: folder, kind: records?.kind ?? .lines)
        } catch {
            switch error {
            case .missing: return [.missingFile(path: path)]
            case .refused(let reason), .unreadable(let reason): return [.refusedFile(path: path, reason: reason)]
            }
        }
        var problems: [VerificationReport.Problem] = []
        if digest != sha256 { problems.append(.checksumMismatch(path: path, expected: sha256, actual: digest)) }
        guard let records else { return problems }
        switch count {
        case .success(let count) where count != records.count:
            problems.append(.recordCountMismatch(path: path, expected: records.count, actual: count))
        case .failure(let error):
            problems.append(.uncountableFile(path: path, reason: error.errorDescription ?? "\(error)"))
        case .success:
            break
        }
        return problems
    }

    /// The file's SHA-256 and record count, read in chunks; a Parquet file's count is
    /// the row count in its footer, or why that cannot be read.
    /// - Throws: why the file was not read (see ``DatasetFileOpener``).
    private static func digestAndCount(
        _ url: URL, in folder: URL, kind: RecordCounter.Kind
    ) throws(DatasetFileOpener.Refusal) -> (String, Result<Int, ParquetError>) {
        let descriptor = try DatasetFileOpener.openForReading(url.path, inside: folder.path)
        defer { close(descriptor) }
        var hasher = SHA256()
        var counter = RecordCounter(kind: kind)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count < 0 { throw .unreadable(reason: String(cString: strerror(errno))) }
            guard count > 0 else { break }
            chunk.withUnsafeBytes { bytes in
                let part = UnsafeRawBufferPointer(rebasing: bytes[0..<count])
                hasher.update(bufferPointer: part)
                counter.consume(part)
            }
        }
        guard kind == .parquet else { return (SHA256Hex.hex(hasher.finalize()), .success(counter.records)) }
        return (SHA256Hex.hex(hasher.finalize()), Result { () throws(ParquetError) in try ParquetFileReader(descriptor: descriptor).rows })
    }
}

/// Counts records in a stream of bytes: lines, or RFC 4180 CSV records after the header.
struct RecordCounter {
    enum Kind {
        /// One record per line (JSON Lines, the sidecar).
        case lines
        /// CSV: line breaks inside quoted fields do not end a record; the header is not a record.
        case csv
        /// Parquet: the bytes are not counted; the footer holds the row count.
        case parquet
    }

    let kind: Kind
    private var breaks = 0
    private var inQuotes = false
    private var lastByte: UInt8?

    init(kind: Kind) {
        self.kind = kind
    }

    mutating func consume(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes {
            if byte == UInt8(ascii: "\""), kind == .csv {
                inQuotes.toggle()
            } else if byte == 0x0A, !inQuotes {
                breaks += 1
            }
        }
        if let last = bytes.last { lastByte = last }
    }

    /// Records seen: line ends, plus an unterminated last line, minus a CSV header.
    var records: Int {
        let lines = breaks + (lastByte.map { $0 != 0x0A } ?? false ? 1 : 0)
        return kind == .csv ? max(0, lines - 1) : lines
    }
}
