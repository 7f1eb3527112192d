/// A retracted label of a store being copied: its record id and the retraction that took it.
struct CopiedRetractedLabel: Sendable, Equatable {
    var labelID: String
    var retractionID: Int64
}
