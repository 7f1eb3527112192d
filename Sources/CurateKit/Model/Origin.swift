/// Who produced a label: the LLM, or a person.
public enum Origin: String, Sendable, Codable, CaseIterable {
    case llm
    case human
}
