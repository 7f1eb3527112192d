/// The tuple row of each provenance an ingest has met, by provenance number (see
/// ``ProvenanceNumbers``), and whether its prompt row is known to hold the prompt's text:
/// one array read per ingested record, for either backend's provenance rows.
struct NumberedTupleIDs {
    private var ids: [(id: Int64, hasText: Bool)?] = []

    /// The tuple row of `producer`, whose provenance is numbered `number`: the one remembered,
    /// unless there is none yet or `producer` carries its prompt's text and the prompt row is
    /// not known to hold it; then the one `find` finds or makes, remembered.
    mutating func id(for producer: LabelRecord.Producer, number: Int, find: (LabelRecord.Producer) throws -> Int64) rethrows -> Int64 {
        let carriesText = if case .llm(_, _, _?, _) = producer { true } else { false }
        // A record carrying its prompt's text needs the prompt row checked once: then it has the text.
        if number < ids.count, let known = ids[number], known.hasText || !carriesText { return known.id }
        let id = try find(producer)
        ids.extend(toInclude: number, with: nil)
        ids[number] = (id, ids[number]?.hasText == true || carriesText)
        return id
    }
}
