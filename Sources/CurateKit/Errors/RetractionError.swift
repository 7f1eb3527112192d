import Foundation

/// Why `curate retract` retracted nothing (an unknown record or run is a ``ShowError`` or
/// ``ExportError``, as for `curate show` and `curate flag`).
public enum RetractionError: LocalizedError, Sendable, Equatable {
    /// An ingest selector that is not an ingest id; `last` is the latest one, nil before the first ingest.
    case unknownIngest(selector: String, last: Int64?)
    /// An ingest that stored no label: every record it read was stored already, by an earlier ingest.
    case ingestWithoutLabels(id: String)

    public var errorDescription: String? {
        switch self {
        case .unknownIngest(let selector, let last):
            guard let last else { return "no ingest \"\(selector)\": nothing has been ingested into this store yet" }
            return "no ingest \"\(selector)\": ingests are numbered 1 to \(last); 'curate ingest' prints the number of each "
                + "and 'curate show ID' the ingest of a label"
        case .ingestWithoutLabels(let id):
            return "ingest \(id) stored no labels: every record it read was stored already, by an earlier ingest; "
                + "'curate show ID' names the ingest that stored a label"
        }
    }
}
