/// One input (a task and an `input_id`) as a selection streams it: every selected label,
/// the flags that matched each, the labels its resolution chose, and the retracted ones.
struct InputLabels {
    /// Every selected label of the input that no retraction took, flagged ones included, in
    /// (created_at, id) order; empty when a retraction took every one.
    let labels: [StoredLabel]
    /// The kinds of the flags that matched each label, index for index with ``labels``.
    let flags: [FlagKinds]
    /// The labels the resolution chose, oldest first; empty when no label was a candidate
    /// (every one flagged, without `--include-flagged`, or retracted).
    let chosen: ArraySlice<StoredLabel>
    /// The selected labels of the input that a retraction took out, oldest first: as if they
    /// were not stored, they are never candidates; `stale` reads them only to regenerate an
    /// input that has no other label.
    let retracted: [StoredLabel]

    /// The input's task.
    var task: String { first.task }
    /// The input's id.
    var inputID: String { first.inputID }

    /// A label of the group: there is always one, retracted or not.
    private var first: StoredLabel { labels.first ?? retracted[0] }
}
