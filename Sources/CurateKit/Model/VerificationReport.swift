/// What `curate verify` found: the manifest it read and every way the dataset differs from it.
public struct VerificationReport: Sendable, Hashable {
    /// One difference between a dataset and its manifest.
    public enum Problem: Sendable, Hashable, CustomStringConvertible {
        /// A file the manifest lists is not there.
        case missingFile(path: String)
        /// A file's SHA-256 is not the one recorded.
        case checksumMismatch(path: String, expected: String, actual: String)
        /// A file holds another number of records than recorded.
        case recordCountMismatch(path: String, expected: Int, actual: Int)
        /// The manifest's own counts disagree with each other.
        case inconsistentManifest(reason: String)
        /// A file that was not read: not a regular file, or a link out of the dataset folder.
        case refusedFile(path: String, reason: String)
        /// A Parquet file whose footer, which holds its row count, cannot be read.
        case uncountableFile(path: String, reason: String)

        /// The file the problem is about (`manifest.json` for an inconsistent manifest).
        public var path: String {
            switch self {
            case .missingFile(let path), .checksumMismatch(let path, _, _), .recordCountMismatch(let path, _, _), .refusedFile(let path, _),
                 .uncountableFile(let path, _): path
            case .inconsistentManifest: Manifest.fileName
            }
        }

        /// One line for a person, the path (and every value from the manifest) shown
        /// through ``TerminalText/escaped(_:)``.
        public var description: String {
            switch self {
            case .missingFile(let path):
                "\(TerminalText.escaped(path)): missing"
            case .checksumMismatch(let path, let expected, let actual):
                "\(TerminalText.escaped(path)): sha256 is \(actual), the manifest says \(TerminalText.escaped(expected))"
            case .recordCountMismatch(let path, let expected, let actual):
                "\(TerminalText.escaped(path)): \(actual) records, the manifest says \(expected)"
            case .inconsistentManifest(let reason):
                "\(Manifest.fileName): \(TerminalText.escaped(reason))"
            case .refusedFile(let path, let reason):
                "\(TerminalText.escaped(path)): not read: \(TerminalText.escaped(reason)); a dataset's files must be regular files inside its folder"
            case .uncountableFile(let path, let reason):
                "\(TerminalText.escaped(path)): its records cannot be counted: \(TerminalText.escaped(reason))"
            }
        }
    }

    /// The manifest the dataset was checked against.
    public var manifest: Manifest
    /// Every difference found, in the manifest's file order.
    public var problems: [Problem]

    public init(manifest: Manifest, problems: [Problem]) {
        self.manifest = manifest
        self.problems = problems
    }

    /// Whether the dataset matches its manifest.
    public var isIntact: Bool { problems.isEmpty }
}
