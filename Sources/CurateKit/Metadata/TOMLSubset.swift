/// A strict reader of the part of TOML that `curate.toml` uses: `[table]` and `[table.sub]`
/// headers, `key = "value"` pairs whose value is a string (basic `"…"` with escapes, literal
/// `'…'`, or multi-line `"""…"""` / `'''…'''`), comments and blank lines.
///
/// Anything else (numbers, booleans, arrays, inline tables, dotted or quoted keys) is refused
/// with the file and line, so a value is never misread.
enum TOMLSubset {
    /// One `key = value` pair.
    struct Entry: Sendable, Equatable {
        /// The table it is in (`dataset.creator`); empty before the first header.
        var table: String
        var key: String
        var value: String
        /// The line the pair starts on (1-based).
        var line: Int
    }

    /// The pairs of `text`, in file order, and the tables named by headers with their lines.
    /// - Parameter path: the file's path, for messages.
    /// - Throws: ``MetadataError/syntax(path:line:reason:)`` or ``MetadataError/duplicateKey(path:line:key:firstLine:)``.
    static func parse(_ text: String, path: String) throws(MetadataError) -> (entries: [Entry], tables: [(name: String, line: Int)]) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        if lines.last == "" { lines.removeLast() }
        var entries: [Entry] = []
        var tables: [(name: String, line: Int)] = []
        var table = ""
        var seen: [String: Int] = [:]
        var index = 0
        while index < lines.count {
            let number = index + 1
            let line = lines[index].trimmingTOMLSpace()
            index += 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            func fail(_ reason: String) -> MetadataError { .syntax(path: path, line: number, reason: reason) }
            if line.hasPrefix("[") {
                guard !line.hasPrefix("[["), let close = line.firstIndex(of: "]") else {
                    throw fail("a table header is [NAME] or [NAME.SUB]; arrays of tables ([[…]]) are not supported")
                }
                let name = String(line[line.index(after: line.startIndex)..<close]).trimmingTOMLSpace()
                guard name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(isBareKey) else {
                    throw fail("\"\(name)\" is not a table name (letters, digits, '_' and '-', parts joined by '.')")
                }
                try expectEnd(line[line.index(after: close)...], fail)
                if let first = seen["[\(name)]"] { throw .duplicateKey(path: path, line: number, key: "[\(name)]", firstLine: first) }
                seen["[\(name)]"] = number
                table = name
                tables.append((name, number))
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { throw fail("expected key = \"value\", a [table] header or a # comment") }
            let key = String(line[..<equals]).trimmingTOMLSpace()
            guard isBareKey(key) else {
                throw fail("\"\(key)\" is not a key curate reads (letters, digits, '_' and '-'; no dots or quotes)")
            }
            let full = table.isEmpty ? key : "\(table).\(key)"
            if let first = seen[full] { throw .duplicateKey(path: path, line: number, key: key, firstLine: first) }
            seen[full] = number
            var rest = Substring(String(line[line.index(after: equals)...]).trimmingTOMLSpace())
            let value: String
            if rest.hasPrefix("\"\"\"") || rest.hasPrefix("'''") {
                let quote = String(rest.prefix(3))
                rest = rest.dropFirst(3)
                var body = String(rest)
                var lineCount = 0
                while !body.contains(quote) {
                    guard index < lines.count else { throw fail("the string opened with \(quote) is never closed") }
                    body += "\n" + lines[index]
                    index += 1
                    lineCount += 1
                }
                // A newline right after the opening quotes is not part of the string.
                if body.hasPrefix("\n") { body.removeFirst() }
                guard let close = body.range(of: quote) else { throw fail("the string opened with \(quote) is never closed") }
                let raw = String(body[..<close.lowerBound])
                value = quote == "'''" ? raw : try unescape(raw, fail)
                try expectEnd(body[close.upperBound...], { reason in MetadataError.syntax(path: path, line: number + lineCount, reason: reason) })
            } else if let quote = rest.first, quote == "\"" || quote == "'" {
                rest = rest.dropFirst()
                var raw = ""
                var closed = false
                var escaped = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if quote == "\"", escaped {
                        raw.append(character)
                        escaped = false
                    } else if quote == "\"", character == "\\" {
                        raw.append(character)
                        escaped = true
                    } else if character == quote {
                        closed = true
                        break
                    } else {
                        raw.append(character)
                    }
                }
                guard closed else { throw fail("the string of \"\(key)\" is not closed on its line (use \"\"\" for several lines)") }
                value = quote == "'" ? raw : try unescape(raw, fail)
                try expectEnd(rest, fail)
            } else {
                throw fail("the value of \"\(key)\" must be a string in double quotes, e.g. \(key) = \"…\"")
            }
            entries.append(Entry(table: table, key: key, value: value, line: number))
        }
        return (entries, tables)
    }

    /// Whether `key` is a bare TOML key: ASCII letters, digits, `_` and `-`, not empty.
    private static func isBareKey<S: StringProtocol>(_ key: S) -> Bool {
        !key.isEmpty && key.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") }
    }

    /// Refuses anything but spaces and a comment after a value or header.
    private static func expectEnd(_ rest: Substring, _ fail: (String) -> MetadataError) throws(MetadataError) {
        let tail = String(rest).trimmingTOMLSpace()
        guard tail.isEmpty || tail.hasPrefix("#") else { throw fail("unexpected \"\(tail)\" after the value; put a comment after #") }
    }

    /// The value of a basic string's body: `\"`, `\\`, `\b`, `\t`, `\n`, `\f`, `\r`, `\uXXXX`, `\UXXXXXXXX`.
    private static func unescape(_ raw: String, _ fail: (String) -> MetadataError) throws(MetadataError) -> String {
        var result = ""
        var characters = Substring(raw)
        while let character = characters.first {
            characters = characters.dropFirst()
            guard character == "\\" else {
                result.append(character)
                continue
            }
            guard let code = characters.first else { throw fail("a string ends in a lone backslash; write \\\\ for a backslash") }
            characters = characters.dropFirst()
            switch code {
            case "\"": result.append("\"")
            case "\\": result.append("\\")
            case "b": result.append("\u{08}")
            case "t": result.append("\t")
            case "n": result.append("\n")
            case "f": result.append("\u{0C}")
            case "r": result.append("\r")
            case "u", "U":
                let digits = code == "u" ? 4 : 8
                let hex = characters.prefix(digits)
                guard hex.count == digits, let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
                    throw fail("\\\(code) must be followed by \(digits) hex digits of a Unicode scalar")
                }
                result.unicodeScalars.append(scalar)
                characters = characters.dropFirst(digits)
            default:
                throw fail("\\\(code) is not a TOML escape; write \\\\ for a backslash, or use a 'literal string'")
            }
        }
        return result
    }
}

extension String {
    /// The string without TOML whitespace (spaces and tabs) at either end.
    fileprivate func trimmingTOMLSpace() -> String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
