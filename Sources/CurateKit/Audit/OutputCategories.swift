/// Numbers one task's outputs while they look categorical, so agreement can be counted
/// in a confusion matrix of small integers.
///
/// The rule is the label distribution's (``CategoricalOutput``): outputs are categorical
/// while every one is a scalar JSON value (a string, number or boolean) and there are at
/// most ``Manifest/LabelDistribution/maximumCategories`` distinct ones. The first output
/// that breaks the rule makes the task not categorical for good, and the numbering is dropped.
struct OutputCategories {
    /// The outputs as canonical JSON, by number.
    private(set) var outputs: [String] = []
    private var numbers: [String: Int] = [:]
    /// Whether every output so far keeps the task categorical.
    private(set) var isCategorical = true

    /// The number of `output` (canonical JSON), numbering it if it is new; nil once the
    /// task is not categorical, including when this output is what makes it so.
    mutating func number(of output: String) -> Int? {
        guard isCategorical else { return nil }
        if let number = numbers[output] { return number }
        guard CategoricalOutput.isScalar(output), outputs.count < Manifest.LabelDistribution.maximumCategories else {
            isCategorical = false
            outputs = []
            numbers = [:]
            return nil
        }
        numbers[output] = outputs.count
        outputs.append(output)
        return outputs.count - 1
    }

    /// The label a person reads for category `number`: a string output as its text, any other as its JSON.
    func label(_ number: Int) -> String {
        CategoricalOutput.label(outputs[number])
    }
}
