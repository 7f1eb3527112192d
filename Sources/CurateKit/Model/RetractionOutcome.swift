/// What one `curate retract` did: the retraction it stored, or why it stored none.
public struct RetractionOutcome: Sendable, Hashable {
    /// The retraction stored; nil when every label the selector named was retracted already,
    /// and the store was left as it was.
    public var retraction: Retraction?
    /// Labels the new retraction took out.
    public var retracted: Int
    /// Labels the selector named that earlier retractions had taken.
    public var alreadyRetracted: Int
    /// The ids of those earlier retractions, ascending.
    public var earlierRetractions: [Int64]

    /// An outcome with every part given.
    public init(retraction: Retraction?, retracted: Int, alreadyRetracted: Int, earlierRetractions: [Int64]) {
        self.retraction = retraction
        self.retracted = retracted
        self.alreadyRetracted = alreadyRetracted
        self.earlierRetractions = earlierRetractions
    }

    /// Labels the selector named, retracted before or now.
    public var matched: Int { retracted + alreadyRetracted }
}
