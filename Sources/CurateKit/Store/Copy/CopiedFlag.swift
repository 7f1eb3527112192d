/// One flag of a store being copied, with its id.
struct CopiedFlag: Sendable, Equatable {
    var id: Int64
    var flag: LabelFlag
}
