import Foundation

extension String {
    /// Compares two strings by their UTF-8 bytes, the store's and the exports' order (`==` and
    /// `<` on `String` follow Unicode canonical equivalence instead).
    /// - Returns: a negative number, zero or a positive number.
    static func compareUTF8(_ lhs: String, _ rhs: String) -> Int {
        var lhs = lhs
        var rhs = rhs
        return lhs.withUTF8 { left in
            rhs.withUTF8 { right in UnsafeRawBufferPointer.compareBytes(UnsafeRawBufferPointer(left), UnsafeRawBufferPointer(right)) }
        }
    }
}

extension UnsafeRawBufferPointer {
    /// Compares two byte strings byte by byte, a prefix before what it begins.
    /// - Returns: a negative number, zero or a positive number.
    static func compareBytes(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> Int {
        let common = Swift.min(left.count, right.count)
        if common > 0, let leftStart = left.baseAddress, let rightStart = right.baseAddress {
            let order = memcmp(leftStart, rightStart, common)
            if order != 0 { return order < 0 ? -1 : 1 }
        }
        return left.count == right.count ? 0 : left.count < right.count ? -1 : 1
    }
}
