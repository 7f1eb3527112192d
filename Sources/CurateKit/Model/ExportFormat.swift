/// The file format of an export's data files.
public enum ExportFormat: String, Sendable, Hashable, CaseIterable {
    /// JSON Lines: one canonical JSON object per line, keys sorted.
    case jsonl
    /// RFC 4180 CSV: a header row, CRLF line ends, UTF-8.
    case csv
    /// Apache Parquet: typed columns, zstd-compressed, written by curate itself (``ParquetRowWriter``).
    case parquet

    /// The file extension, without a dot (the same as the raw value).
    public var fileExtension: String { rawValue }
}
