/// The rule that decides whether a task's outputs are categorical, and how a category reads,
/// shared by the label distribution (``LabelCounter``) and the audit (`OutputCategories`).
enum CategoricalOutput {
    /// Whether `output` (canonical JSON) can be a category: a string, number or boolean, not an
    /// object, an array or null. A task stays categorical while every output can be one and
    /// there are at most ``Manifest/LabelDistribution/maximumCategories`` distinct ones.
    static func isScalar(_ output: String) -> Bool {
        let first = output.utf8.first
        return first != UInt8(ascii: "{") && first != UInt8(ascii: "[") && first != UInt8(ascii: "n")
    }

    /// The label a person reads for `output` (canonical JSON): a string as its text, any other value as its JSON.
    static func label(_ output: String) -> String {
        if case .string(let text)? = try? JSONParser.parse(output) { return text }
        return output
    }
}
