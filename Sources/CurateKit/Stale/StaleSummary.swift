/// What `curate stale` found: stale inputs per task and reason.
public struct StaleSummary: Sendable, Hashable {
    /// Inputs the selection has (with at least one selected label).
    public var inputs = 0
    /// Inputs whose chosen label is stale.
    public var staleInputs = 0
    /// Inputs decided by a human label, never stale.
    public var humanDecided = 0
    /// Stale inputs per task.
    public var staleByTask: [String: Int] = [:]
    /// Stale inputs per task and reason (an input counts once for each of its reasons).
    public var byTaskAndReason: [String: [StaleReason: Int]] = [:]

    /// Counts one stale input.
    mutating func count(_ input: StaleInput) {
        count(task: input.task, why: input.why)
    }

    /// Counts one stale input of `task`, stale for the reasons `why`.
    mutating func count(task: String, why: [StaleReason]) {
        staleInputs += 1
        staleByTask[task, default: 0] += 1
        for reason in why { byTaskAndReason[task, default: [:]][reason, default: 0] += 1 }
    }
}
