/// The `--output-matches` and `--exclude-output-matches` rules of a selection, checked
/// against each label's output.
struct OutputFilter: Sendable {
    /// Patterns of which a label's output must match one (none: every output passes).
    let include: [OutputPattern]
    /// Patterns whose matching outputs are dropped.
    let exclude: [OutputPattern]

    /// Whether there is no rule.
    var isEmpty: Bool { include.isEmpty && exclude.isEmpty }

    /// Whether a label whose output is `output` (canonical JSON) passes.
    func accepts(output: String) -> Bool {
        guard !isEmpty else { return true }
        if !include.isEmpty, !include.contains(where: { $0.matches(output: output) }) { return false }
        return !exclude.contains { $0.matches(output: output) }
    }
}

extension OutputPattern {
    /// Whether the pattern matches a label's output, given as canonical JSON: a string output
    /// is searched as its text, any other output as its canonical JSON.
    public func matches(output: String) -> Bool {
        var text = output
        return text.withUTF8 { bytes in
            // A string without escapes is its bytes between the quotes; others are decoded.
            guard bytes.first == UInt8(ascii: "\""), bytes.count >= 2 else { return matches(utf8: UnsafeRawBufferPointer(bytes)) }
            if !bytes.contains(UInt8(ascii: "\\")) {
                return matches(utf8: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[1..<(bytes.count - 1)]))
            }
            guard case .string(let decoded)? = try? JSONParser.parse(UnsafeRawBufferPointer(bytes)) else {
                return matches(utf8: UnsafeRawBufferPointer(bytes))
            }
            return matches(decoded)
        }
    }
}
