import Foundation

/// Canonicalizing without a tree: validate a value and append its canonical form
/// (as ``JSONWriter/canonical(_:)`` would write it) straight from the input bytes.
///
/// This is the ingest hot path: a string without escapes is copied as is, and an
/// object whose keys already come in order is never re-sorted.
extension JSONParser {
    /// Buffers the canonicalizer reuses from value to value: keep one per thread.
    struct CanonicalScratch {
        /// Where each member of the objects being read sits in the output.
        var spans: [MemberSpan] = []
        /// An object's members in key order, before they replace the unsorted ones.
        var sortedBody: [UInt8] = []
    }

    /// Where one object member sits in the output: `"key":value`.
    struct MemberSpan {
        let start: Int
        let keyEnd: Int
        let end: Int
        let keyOffset: Int
        let keyHasEscapes: Bool
    }

    /// Validates the value at the current byte and appends its canonical form to `output`.
    mutating func canonicalizeValue(into output: inout [UInt8], scratch: inout CanonicalScratch) throws(SyntaxError) {
        guard let byte = current else { throw error("unexpected end of input, expected a value") }
        switch byte {
        case UInt8(ascii: "{"): try canonicalizeObject(into: &output, scratch: &scratch)
        case UInt8(ascii: "["): try canonicalizeArray(into: &output, scratch: &scratch)
        case UInt8(ascii: "\""): _ = try canonicalizeString(into: &output)
        case UInt8(ascii: "t"): try expectLiteral("true"); output.append(contentsOf: "true".utf8)
        case UInt8(ascii: "f"): try expectLiteral("false"); output.append(contentsOf: "false".utf8)
        case UInt8(ascii: "n"): try expectLiteral("null"); output.append(contentsOf: "null".utf8)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = index
            try scanNumber()
            appendBytes(start..<index, to: &output)
        default: throw error("unexpected character, expected a value")
        }
    }

    /// Appends a string in canonical form; returns whether that form holds escapes.
    private mutating func canonicalizeString(into output: inout [UInt8]) throws(SyntaxError) -> Bool {
        let token = try scanString()
        guard let decoded = token.decoded else {
            output.append(UInt8(ascii: "\""))
            appendBytes(token.raw, to: &output)
            output.append(UInt8(ascii: "\""))
            return false
        }
        let before = output.count
        decoded.withUnsafeBufferPointer { JSONWriter.writeStringBytes($0, to: &output) }
        return output[before..<output.count].contains(UInt8(ascii: "\\"))
    }

    private mutating func canonicalizeArray(into output: inout [UInt8], scratch: inout CanonicalScratch) throws(SyntaxError) {
        try enterContainer()
        defer { depth -= 1 }
        index += 1
        output.append(UInt8(ascii: "["))
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            output.append(UInt8(ascii: "]"))
            return
        }
        while true {
            try canonicalizeValue(into: &output, scratch: &scratch)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                index += 1
                output.append(UInt8(ascii: ","))
                skipWhitespace()
            case UInt8(ascii: "]"):
                index += 1
                output.append(UInt8(ascii: "]"))
                return
            default:
                throw error("expected ',' or ']' in an array")
            }
        }
    }

    private mutating func canonicalizeObject(into output: inout [UInt8], scratch: inout CanonicalScratch) throws(SyntaxError) {
        try enterContainer()
        defer { depth -= 1 }
        index += 1
        output.append(UInt8(ascii: "{"))
        let bodyStart = output.count
        let base = scratch.spans.count
        defer { scratch.spans.removeSubrange(base...) }
        skipWhitespace()
        if current != UInt8(ascii: "}") {
            while true {
                guard current == UInt8(ascii: "\"") else { throw error("expected a string key in an object") }
                let keyOffset = index
                let start = output.count
                let keyHasEscapes = try canonicalizeString(into: &output)
                let keyEnd = output.count
                skipWhitespace()
                guard current == UInt8(ascii: ":") else { throw error("expected ':' after an object key") }
                index += 1
                skipWhitespace()
                output.append(UInt8(ascii: ":"))
                try canonicalizeValue(into: &output, scratch: &scratch)
                scratch.spans.append(MemberSpan(start: start, keyEnd: keyEnd, end: output.count, keyOffset: keyOffset, keyHasEscapes: keyHasEscapes))
                skipWhitespace()
                if current == UInt8(ascii: ",") {
                    index += 1
                    output.append(UInt8(ascii: ","))
                    skipWhitespace()
                } else if current == UInt8(ascii: "}") {
                    break
                } else {
                    throw error("expected ',' or '}' in an object")
                }
            }
        }
        index += 1
        try sortMembers(of: &output, from: bodyStart, scratch: &scratch, spansFrom: base)
        output.append(UInt8(ascii: "}"))
    }

    /// Puts an object's members in key order (they usually are already) and refuses duplicate keys.
    private func sortMembers(of output: inout [UInt8], from bodyStart: Int, scratch: inout CanonicalScratch, spansFrom base: Int) throws(SyntaxError) {
        guard scratch.spans.count - base > 1 else { return }
        var inOrder = true
        for (previous, next) in zip(scratch.spans[base...], scratch.spans[(base + 1)...]) {
            switch Self.compareKeys(previous, next, in: output) {
            case .orderedAscending: continue
            case .orderedSame: throw duplicateKey(next, in: output)
            case .orderedDescending: inOrder = false
            }
        }
        if inOrder { return }
        // Sorted through a buffer pointer: sorting `spans[base...]` would copy the slice first.
        scratch.spans.withUnsafeMutableBufferPointer { spans in
            var members = UnsafeMutableBufferPointer(rebasing: spans[base...])
            members.sort { Self.compareKeys($0, $1, in: output) == .orderedAscending }
        }
        for (previous, next) in zip(scratch.spans[base...], scratch.spans[(base + 1)...]) where Self.compareKeys(previous, next, in: output) == .orderedSame {
            throw duplicateKey(next, in: output)
        }
        scratch.sortedBody.removeAll(keepingCapacity: true)
        output.withUnsafeBufferPointer { bytes in
            for (position, span) in scratch.spans[base...].enumerated() {
                if position > 0 { scratch.sortedBody.append(UInt8(ascii: ",")) }
                scratch.sortedBody.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[span.start..<span.end]))
            }
        }
        output.replaceSubrange(bodyStart..., with: scratch.sortedBody)
    }

    private func duplicateKey(_ span: MemberSpan, in output: [UInt8]) -> SyntaxError {
        let key = String(decoding: Self.decodedKey(span, in: output), as: UTF8.self)
        return SyntaxError(offset: span.keyOffset, reason: "duplicate key \"\(key)\" in an object")
    }

    /// Orders keys by their decoded UTF-8 bytes, as ``JSONWriter`` does.
    private static func compareKeys(_ a: MemberSpan, _ b: MemberSpan, in output: [UInt8]) -> ComparisonResult {
        if a.keyHasEscapes || b.keyHasEscapes {
            return compare(decodedKey(a, in: output)[...], decodedKey(b, in: output)[...])
        }
        return output.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return .orderedSame }
            let left = (a.start + 1)..<(a.keyEnd - 1), right = (b.start + 1)..<(b.keyEnd - 1)
            let order = memcmp(base + left.lowerBound, base + right.lowerBound, min(left.count, right.count))
            if order != 0 { return order < 0 ? .orderedAscending : .orderedDescending }
            return left.count == right.count ? .orderedSame : left.count < right.count ? .orderedAscending : .orderedDescending
        }
    }

    private static func compare(_ left: ArraySlice<UInt8>, _ right: ArraySlice<UInt8>) -> ComparisonResult {
        if left.elementsEqual(right) { return .orderedSame }
        return left.lexicographicallyPrecedes(right) ? .orderedAscending : .orderedDescending
    }

    /// A canonical key's bytes with its escapes undone.
    private static func decodedKey(_ span: MemberSpan, in output: [UInt8]) -> [UInt8] {
        Array(decodedString(ofCanonical: output[span.start..<span.keyEnd]).utf8)
    }

    /// The text of a string in canonical form (`quoted` includes the quotes), read by the
    /// parser's own string scanner when it holds escapes.
    static func decodedString(ofCanonical quoted: ArraySlice<UInt8>) -> String {
        let inner = quoted.dropFirst().dropLast()
        guard inner.contains(UInt8(ascii: "\\")) else { return String(decoding: inner, as: UTF8.self) }
        return quoted.withUnsafeBytes { bytes in
            var parser = JSONParser(bytes)
            return (try? parser.parseString()) ?? String(decoding: inner, as: UTF8.self)
        }
    }
}
