/// Where and how a label's output falls outside its task's schema.
public struct SchemaViolation: Sendable, Equatable, CustomStringConvertible {
    /// The place in the record, as errors name fields: `output`, `output.level`, `output.tags[2]`.
    public var path: String
    /// What is wrong and what was expected: `"Positive" is not one of "positive", "negative", "neutral"`.
    public var problem: String
    /// The allowed value the output most likely meant (`positive` for `Positive`), when one is near.
    public var suggestion: String?

    /// A violation at `path`.
    public init(path: String, problem: String, suggestion: String? = nil) {
        self.path = path
        self.problem = problem
        self.suggestion = suggestion
    }

    /// `PROBLEM; did you mean "SUGGESTION"?`, without the path.
    public var description: String {
        problem + (suggestion.map { "; did you mean \(JSONWriter.canonical(.string($0)))?" } ?? "")
    }
}
