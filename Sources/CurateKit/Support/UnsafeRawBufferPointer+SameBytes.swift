import Foundation

extension UnsafeRawBufferPointer {
    /// Whether `other` holds the same bytes: one `memcmp`, for digests compared once per label.
    func sameBytes(as other: UnsafeRawBufferPointer) -> Bool {
        guard count == other.count else { return false }
        guard count > 0, let base = baseAddress, let otherBase = other.baseAddress else { return true }
        return memcmp(base, otherBase, count) == 0
    }
}
