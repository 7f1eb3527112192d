import CurateKit

/// What `curate backfill` prints: per version, each era of its file with the labels it got.
struct BackfillReport {
    let plan: BackfillPlan
    let dryRun: Bool
    /// Labels actually moved (nil on a dry run).
    var moved: Int?
    /// The columns the tables fit in.
    var width = Terminal.columns

    init(plan: BackfillPlan, dryRun: Bool) {
        self.plan = plan
        self.dryRun = dryRun
    }

    func render() -> String {
        var text = ""
        for version in plan.versions {
            text += section(version) + "\n"
        }
        let assigned = moved ?? plan.assignedCount
        let left = plan.leftCount
        if dryRun {
            text += "dry run: would assign \(labels(assigned)) (inferred-git) and leave \(left) as they are; nothing changed\n"
        } else {
            text += "assigned \(labels(assigned)) (inferred-git); left \(left) as they were\n"
        }
        return text
    }

    private func section(_ version: BackfillPlan.VersionPlan) -> String {
        let total = version.eras.reduce(0) { $0 + $1.labels.count } + version.leftAlone.count
        var text = "\(TerminalText.escaped(version.version.description)): \(labels(total)) to place"
        switch version.problem {
        case .noHistory:
            let source = version.path.map { "\(TerminalText.escaped($0)) has no commits" }
                ?? "no file \(TerminalText.escaped("prompts/\(version.version.name)/\(version.version.version)")).* in the work tree or in git history"
            return text + "\n  \(source); left \(labels(version.leftAlone.count)) as they were\n"
        case .severalFiles(let paths):
            return text + "\n  several files claim it (\(paths.map(TerminalText.escaped).joined(separator: ", "))); keep one; left \(labels(version.leftAlone.count)) as they were\n"
        case nil:
            break
        }
        let eraCount = version.eras.count
        text += ", history of \(version.path.map(TerminalText.escaped) ?? "?") (\(eraCount) text\(eraCount == 1 ? "" : "s"))\n"
        var table = TextTable(header: ["prompt", "from", "until", "commit", dryRun ? "would assign" : "assigned"], rightAligned: [4])
        for era in version.eras {
            table.append([
                version.version.ref(sha256: era.sha256).shortForm, DisplayForm.time(era.span.from), era.span.until.map(DisplayForm.time) ?? "now",
                String(era.span.commit.prefix(7)), String(era.labels.count),
            ])
        }
        text += table.render(indent: "  ", width: width)
        if !version.beforeFirstCommit.isEmpty, let first = version.firstCommitAt {
            text += "  left as they were: \(labels(version.beforeFirstCommit.count)) created before the file's first commit "
                + "(\(DisplayForm.time(first))), \(span(version.beforeFirstCommit))\n"
        }
        if !version.inGaps.isEmpty {
            text += "  left as they were: \(labels(version.inGaps.count)) created while the file was deleted or had another name, "
                + "\(span(version.inGaps))\n"
        }
        if version.uncommittedChange {
            text += "  note: \(version.path.map(TerminalText.escaped) ?? "the file") has uncommitted changes; labels after its last commit got the last committed text\n"
        }
        return text
    }

    private func labels(_ count: Int) -> String {
        "\(count) label\(count == 1 ? "" : "s")"
    }

    private func span(_ labels: [UnplacedLabel]) -> String {
        let times = labels.map(\.createdAt)
        guard let first = times.min(), let last = times.max() else { return "" }
        return first == last ? "created_at \(DisplayForm.time(first))" : "created_at \(DisplayForm.time(first)) – \(DisplayForm.time(last))"
    }
}

extension BackfillReport {
    /// `--json`: `{"dry_run","assigned","left","versions":[{"prompt","path","problem","eras":[{"prompt",
    /// "sha256","from","until","commit","labels"}],"left":{"before_first_commit","in_gaps","without_history"},
    /// "uncommitted_change"}]}`.
    func json() -> String {
        let versions = plan.versions.map { version -> JSONValue in
            let problem: JSONValue = switch version.problem {
            case .noHistory: .string("no-history")
            case .severalFiles: .string("several-files")
            case nil: .null
            }
            return .object([
                ("prompt", .string(version.version.description)), ("path", version.path.map(JSONValue.string) ?? .null),
                ("problem", problem),
                ("eras", .array(version.eras.map { era in
                    .object([
                        ("prompt", .string(version.version.ref(sha256: era.sha256).shortForm)), ("sha256", .string(era.sha256)),
                        ("from", .string(era.span.from.rfc3339)), ("until", era.span.until.map { .string($0.rfc3339) } ?? .null),
                        ("commit", .string(era.span.commit)), ("labels", .number(String(era.labels.count))),
                    ])
                })),
                ("left", .object([
                    ("before_first_commit", .number(String(version.beforeFirstCommit.count))),
                    ("in_gaps", .number(String(version.inGaps.count))),
                    ("without_history", .number(String(version.unplacedWithoutHistory.count))),
                ])),
                ("uncommitted_change", .bool(version.uncommittedChange)),
            ])
        }
        return JSONWriter.pretty(.object([
            ("dry_run", .bool(dryRun)), ("assigned", .number(String(moved ?? plan.assignedCount))),
            ("left", .number(String(plan.leftCount))), ("versions", .array(versions)),
        ]))
    }
}
