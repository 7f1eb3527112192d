/// How many labels of one task and provenance tuple a store being copied holds, with the span
/// of their `created_at`: a row of the counts that stats, prompts and export read.
struct CopiedTupleCount: Sendable, Equatable {
    var task: String
    var tupleID: Int64
    var labels: Int64
    var firstCreatedAt: Timestamp
    var lastCreatedAt: Timestamp
}
