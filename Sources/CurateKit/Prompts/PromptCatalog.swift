/// One line of `curate prompts`: a prompt text (or a version's labels with no known text),
/// its labels and its standing against the workspace's files and lock.
public struct PromptListing: Sendable, Equatable {
    /// The prompt; `sha256` is nil on the line for labels whose text is not known.
    public var prompt: PromptRef
    /// How the text stands against the files and the lock.
    public var status: Status
    /// Whether the version label is known with more than one hash (lock, files, store).
    public var severalHashes: Bool
    /// Whether the lock holds this hash for the version.
    public var inLock: Bool
    /// The template file whose current text this is.
    public var file: String?
    /// Labels by hash status.
    public var labels: [HashStatus: Int]
    /// The earliest and latest `created_at` of its labels.
    public var firstUsed: Timestamp?
    /// The latest `created_at` of its labels.
    public var lastUsed: Timestamp?

    /// How a prompt text stands.
    public enum Status: String, Sendable, CaseIterable {
        /// The lock's current hash for its version (normally also the file's text).
        case locked
        /// The file's text differs from the lock's current hash for its version.
        case editedInPlace = "edited-in-place"
        /// The file's text, and the version is not in the lock.
        case notYetLocked = "not-yet-locked"
        /// A text the version had before: neither the file's nor the lock's current one.
        case earlierText = "earlier-text"
        /// Labels refer to it, but the version's file is gone.
        case onlyInStore = "only-in-store"
        /// The lock holds it, but the version's file is gone and no label refers to it.
        case onlyInLock = "only-in-lock"
        /// Labels whose text is not known (hash status `ambiguous` or `unknown`).
        case hashNotKnown = "hash-not-known"
    }

    /// Total labels.
    public var labelCount: Int { labels.values.reduce(0, +) }

    /// The status as a person reads it.
    public var statusDescription: String {
        var text: String
        switch status {
        case .locked: text = file == nil ? "locked (the file no longer has this text)" : "locked"
        case .editedInPlace: text = "edited in place (file differs from the lock)"
        case .notYetLocked: text = "not yet locked"
        case .earlierText: text = inLock ? "earlier text (locked)" : "earlier text"
        case .onlyInStore: text = "only in the store (file gone)"
        case .onlyInLock: text = "only in the lock (file gone)"
        case .hashNotKnown:
            let parts = [HashStatus.ambiguous, .unknown].compactMap { status in labels[status].map { "\($0) \(status.rawValue)" } }
            text = "hash not known: " + parts.joined(separator: ", ") + "; curate backfill --from-git may place them"
        }
        if severalHashes, status != .hashNotKnown { text += "; several hashes under one label" }
        return text
    }
}

/// Builds the `curate prompts` listing from the template files, the lock and the store.
public enum PromptCatalog {
    /// Every prompt text known, sorted by version; within a version by first use, then lock order.
    /// - Parameters:
    ///   - discovery: the workspace's template files.
    ///   - lock: the lock file (empty when there is none).
    ///   - usage: the store's labels per prompt (``Store/promptUsage()``); empty without a store.
    public static func listings(discovery: PromptDiscovery, lock: LockFile, usage: [PromptUsage]) -> [PromptListing] {
        let files = discovery.filesByVersion
        let usageByVersion = Dictionary(grouping: usage, by: \.prompt.promptVersion)
        let versions = Set(files.keys).union(lock.entries.keys).union(usageByVersion.keys).sorted()
        return versions.flatMap { version in
            listings(of: version, files: files[version] ?? [], locked: lock.hashes(of: version), usage: usageByVersion[version] ?? [])
        }
    }

    private static func listings(of version: PromptVersion, files: [PromptFile], locked: [String], usage: [PromptUsage]) -> [PromptListing] {
        var hashes = Set(locked).union(files.map(\.sha256))
        hashes.formUnion(usage.compactMap(\.prompt.sha256))
        let severalHashes = hashes.count > 1
        var rows = hashes.map { sha256 -> PromptListing in
            let file = files.first { $0.sha256 == sha256 }
            var row = PromptListing(
                prompt: version.ref(sha256: sha256), status: .locked, severalHashes: severalHashes,
                inLock: locked.contains(sha256), file: file?.path, labels: [:])
            row.addUsage(usage.filter { $0.prompt.sha256 == sha256 })
            row.status = status(of: row, fileExists: !files.isEmpty, lockedCurrent: locked.last, versionLocked: !locked.isEmpty)
            return row
        }
        rows.sort { lhs, rhs in
            let left = (lhs.firstUsed ?? Timestamp(nanosecondsSinceEpoch: .max), locked.firstIndex { $0 == lhs.prompt.sha256 } ?? .max, lhs.prompt.sha256 ?? "")
            let right = (rhs.firstUsed ?? Timestamp(nanosecondsSinceEpoch: .max), locked.firstIndex { $0 == rhs.prompt.sha256 } ?? .max, rhs.prompt.sha256 ?? "")
            return left < right
        }
        let unplaced = usage.filter { $0.prompt.sha256 == nil }
        if !unplaced.isEmpty {
            var row = PromptListing(
                prompt: version.ref(sha256: nil), status: .hashNotKnown, severalHashes: severalHashes,
                inLock: false, file: nil, labels: [:])
            row.addUsage(unplaced)
            rows.append(row)
        }
        return rows
    }

    private static func status(of row: PromptListing, fileExists: Bool, lockedCurrent: String?, versionLocked: Bool) -> PromptListing.Status {
        guard fileExists else { return row.labelCount > 0 ? .onlyInStore : .onlyInLock }
        if row.prompt.sha256 == lockedCurrent { return .locked }
        guard row.file != nil else { return .earlierText }
        return versionLocked ? .editedInPlace : .notYetLocked
    }
}

extension PromptListing {
    fileprivate mutating func addUsage(_ usage: [PromptUsage]) {
        for entry in usage {
            labels[entry.hashStatus, default: 0] += entry.labels
            firstUsed = min(firstUsed ?? entry.firstCreatedAt, entry.firstCreatedAt)
            lastUsed = max(lastUsed ?? entry.lastCreatedAt, entry.lastCreatedAt)
        }
    }
}
