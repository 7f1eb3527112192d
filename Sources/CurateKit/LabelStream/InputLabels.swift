/// One input (a task and an `input_id`) as a selection streams it: every selected label,
/// the flags that matched each, and the labels its resolution chose.
struct InputLabels {
    /// Every selected label of the input, flagged ones included, in (created_at, id) order.
    let labels: [StoredLabel]
    /// The kinds of the flags that matched each label, index for index with ``labels``.
    let flags: [FlagKinds]
    /// The labels the resolution chose, oldest first; empty when no label was a candidate
    /// (every one flagged, without `--include-flagged`).
    let chosen: ArraySlice<StoredLabel>

    /// The input's task.
    var task: String { labels[0].task }
    /// The input's id.
    var inputID: String { labels[0].inputID }
}
