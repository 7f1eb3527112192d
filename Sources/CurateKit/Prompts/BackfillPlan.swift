/// What `curate backfill --from-git` will do: for each prompt version with labels of
/// `unknown` or `ambiguous` hash, the texts its file had in git history and which
/// labels fall in each text's span of commit time.
///
/// Labels created before the file's first commit, or while it was deleted, are left
/// as they were and reported. Planning reads the store and git and writes nothing;
/// ``apply(to:)`` moves the labels in one transaction. Running it again finds nothing
/// left to do, so it is idempotent.
public struct BackfillPlan: Sendable {
    /// One plan per version label with unplaced labels, sorted by version.
    public var versions: [VersionPlan]

    /// The plan for one version label.
    public struct VersionPlan: Sendable {
        /// The version label the labels name.
        public var version: PromptVersion
        /// The file whose history was read; nil when there is none.
        public var path: String?
        /// Each text span of the file's history with the labels it gets (possibly none).
        public var eras: [Era]
        /// Labels older than the file's first commit: left as they were.
        public var beforeFirstCommit: [UnplacedLabel]
        /// Labels made while the file was deleted or had another name: left as they were.
        public var inGaps: [UnplacedLabel]
        /// Why the history could not be read, when it could not.
        public var problem: Problem?
        /// Whether the work tree's file differs from its last committed text; labels after the
        /// last commit still get the committed text, the only one history can vouch for.
        public var uncommittedChange: Bool
        /// When the file's history starts.
        public var firstCommitAt: Timestamp?

        /// Labels this plan leaves as they were.
        public var leftAlone: [UnplacedLabel] { beforeFirstCommit + inGaps + unplacedWithoutHistory }
        /// Labels of a version whose history could not be read: left as they were.
        public var unplacedWithoutHistory: [UnplacedLabel]
    }

    /// One text of a file's history with the labels created while it was in effect.
    public struct Era: Sendable {
        /// The span of commit time the text was in effect.
        public var span: PromptTimeline.Span
        /// The text's hash.
        public var sha256: String
        /// The labels created in the span.
        public var labels: [UnplacedLabel]
    }

    /// Why a version's history could not be used.
    public enum Problem: Sendable, Equatable {
        /// No file for the version in the work tree or in git history.
        case noHistory
        /// Several work-tree files claim the version label.
        case severalFiles([String])
    }

    /// The label moves this plan makes.
    public var assignments: [PromptAssignment] {
        versions.flatMap { plan in
            plan.eras.filter { !$0.labels.isEmpty }.map { era in
                PromptAssignment(labels: era.labels, prompt: plan.version.ref(sha256: era.sha256), text: era.span.text?.text, hashStatus: .inferredGit)
            }
        }
    }

    /// How many labels the plan assigns a text.
    public var assignedCount: Int { versions.reduce(0) { $0 + $1.eras.reduce(0) { $0 + $1.labels.count } } }

    /// How many labels the plan leaves as they were.
    public var leftCount: Int { versions.reduce(0) { $0 + $1.leftAlone.count } }

    /// Plans the backfill of every unplaced label in `store`.
    /// - Parameters:
    ///   - unplaced: the labels to place (``Store/unplacedLabels()``).
    ///   - discovery: the workspace's template files.
    ///   - git: the workspace's history.
    public static func make(unplaced: [UnplacedLabel], discovery: PromptDiscovery, git: GitHistory) throws(PromptError) -> BackfillPlan {
        let byVersion = Dictionary(grouping: unplaced, by: \.version)
        var paths: [PromptVersion: String] = [:]
        var problems: [PromptVersion: Problem] = [:]
        for version in byVersion.keys {
            let files = discovery.filesByVersion[version] ?? []
            if files.count > 1 {
                problems[version] = .severalFiles(files.map(\.path))
            } else if let path = try git.path(of: version, in: discovery) {
                paths[version] = path
            } else {
                problems[version] = .noHistory
            }
        }
        let timelines = try git.timelines(paths)
        var plans: [VersionPlan] = []
        for (version, labels) in byVersion {
            var plan = VersionPlan(
                version: version, path: paths[version], eras: [], beforeFirstCommit: [], inGaps: [],
                problem: problems[version], uncommittedChange: false, firstCommitAt: nil, unplacedWithoutHistory: [])
            if let timeline = timelines[version], !timeline.spans.isEmpty {
                plan.place(labels, on: timeline, currentFile: discovery.filesByVersion[version]?.first)
            } else {
                plan.problem = plan.problem ?? .noHistory
                plan.unplacedWithoutHistory = labels
            }
            plans.append(plan)
        }
        return BackfillPlan(versions: plans.sorted { $0.version < $1.version })
    }

    /// Moves the planned labels to their texts (`inferred-git`), in one transaction.
    /// - Returns: how many labels moved.
    @discardableResult
    public func apply(to store: Store) throws -> Int {
        try store.backend.reassignPrompts(assignments)
    }
}

extension BackfillPlan.VersionPlan {
    fileprivate mutating func place(_ labels: [UnplacedLabel], on timeline: PromptTimeline, currentFile: PromptFile?) {
        firstCommitAt = timeline.firstCommitAt
        var bySpan: [Int: [UnplacedLabel]] = [:]
        for label in labels {
            switch timeline.placement(of: label.createdAt) {
            case .beforeFirstCommit:
                beforeFirstCommit.append(label)
            case .span(let index):
                if timeline.spans[index].text == nil { inGaps.append(label) } else { bySpan[index, default: []].append(label) }
            }
        }
        for (index, span) in timeline.spans.enumerated() {
            guard let text = span.text else { continue }
            eras.append(BackfillPlan.Era(span: span, sha256: text.sha256, labels: bySpan[index] ?? []))
        }
        if let currentFile, let last = timeline.spans.last {
            uncommittedChange = last.text?.sha256 != currentFile.sha256
        }
    }
}
