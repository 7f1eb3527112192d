import Foundation

/// Reads the counts out of the summary `curate ingest` prints (`  new   12`).
enum IngestSummaryText {
    /// The number on the summary line that starts with `name` (new, duplicates, rejected).
    static func count(_ name: String, in output: String) -> Int? {
        for line in output.split(separator: "\n") {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            if words.count == 2, words[0] == name, let number = Int(words[1]) { return number }
        }
        return nil
    }

    /// The new, duplicate and rejected counts, for comparing with `==`.
    static func counts(in output: String) -> Counts {
        Counts(new: count("new", in: output), duplicates: count("duplicates", in: output), rejected: count("rejected", in: output))
    }

    struct Counts: Equatable, CustomStringConvertible {
        var new: Int?
        var duplicates: Int?
        var rejected: Int?

        var description: String {
            "new \(new.map(String.init) ?? "?"), duplicates \(duplicates.map(String.init) ?? "?"), rejected \(rejected.map(String.init) ?? "?")"
        }
    }
}

extension IngestSummaryText.Counts {
    init(_ new: Int, _ duplicates: Int, _ rejected: Int) {
        self.init(new: new, duplicates: duplicates, rejected: rejected)
    }
}
