/// Text from the store, a manifest or the command line made safe to show on a terminal.
///
/// Labels, tasks, models, input ids, runs, reasons and paths are data: a value holding
/// ESC, an OSC 8 hyperlink, BEL, CR or a bidi override (U+202E) would otherwise recolor,
/// rewrite, hide or reorder what a person reads. Every human-readable output shows such
/// characters as visible escapes instead:
///
/// - control characters (C0 U+0000–U+001F, DEL U+007F, C1 U+0080–U+009F) as `\xHH`,
///   two lowercase hex digits: ESC is `\x1b`, CR `\x0d`, a line feed inside a value `\x0a`;
/// - format characters (Unicode category Cf: the bidi marks, embeddings, overrides and
///   isolates U+200E/F, U+202A–U+202E, U+2066–U+2069, zero-width space U+200B, word
///   joiner, BOM U+FEFF, soft hyphen, tag characters …) and the line and paragraph
///   separators U+2028/U+2029 as `\u{HHHH}`, uppercase hex: `\u{202E}`. The zero-width
///   joiner and non-joiner (U+200C/D) are kept, since emoji sequences and several scripts
///   need them and they cannot reorder text.
///
/// Every other character, backslashes included, is shown as it is, so regular expressions
/// and Windows paths stay readable. The form is still unambiguous: a backslash that would
/// otherwise read as the start of an escape (one followed by a backslash, by an escaped
/// character, by `x` and two hex digits, or by `u{`) is doubled. Reading `\\` as `\`,
/// `\xHH` and `\u{…}` as their characters, and any other backslash as itself, gives back
/// the exact value. JSON outputs (`--json`) are not escaped this way: JSON has its own
/// escaping and keeps every value exact.
public enum TerminalText {
    /// `value` with every control, format and separator character written as a visible
    /// escape (see the type's documentation); the exact value can be read back from it.
    public static func escaped(_ value: String) -> String {
        let scalars = Array(value.unicodeScalars)
        guard scalars.contains(where: { needsEscape($0) || $0 == "\\" }) else { return value }
        var text = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if needsEscape(scalar) {
                text.append(contentsOf: escape(scalar).unicodeScalars)
            } else {
                text.append(scalar)
                if scalar == "\\", startsEscape(scalars[(index + 1)...]) { text.append("\\") }
            }
        }
        return String(text)
    }

    /// `text` with every control, format and separator character but the line feed written
    /// as a visible escape, backslashes left alone: the last guard before a whole report or
    /// message reaches a terminal, so nothing a call site forgot to escape reaches it raw.
    /// Text already made with ``escaped(_:)`` comes out unchanged.
    public static func sanitized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 != "\n" && needsEscape($0) }) else { return text }
        var safe = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar != "\n", needsEscape(scalar) { safe.append(contentsOf: escape(scalar).unicodeScalars) } else { safe.append(scalar) }
        }
        return String(safe)
    }

    /// How many terminal columns `text` takes: one per character, two for East Asian wide
    /// and fullwidth characters and emoji shown as pictures. Meant for escaped text.
    public static func width(_ text: String) -> Int {
        text.reduce(0) { total, character in
            guard let first = character.unicodeScalars.first else { return total }
            let wide = isWide(first) || character.unicodeScalars.contains("\u{FE0F}")
            return total + (wide ? 2 : 1)
        }
    }

    /// Whether `scalar` is shown as an escape: a control, format or separator character.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: true
        case .format: scalar != "\u{200C}" && scalar != "\u{200D}"
        default: false
        }
    }

    /// `\xHH` up to U+00FF, else `\u{HHHH}`.
    private static func escape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        if scalar.value <= 0xFF { return "\\x" + (hex.count < 2 ? "0" : "") + hex }
        return "\\u{" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex.uppercased() + "}"
    }

    /// Whether what follows a backslash would make it read as the start of an escape.
    private static func startsEscape(_ rest: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let next = rest.first else { return false }
        if next == "\\" || needsEscape(next) { return true }
        let after = rest.dropFirst()
        if next == "u" { return after.first == "{" }
        guard next == "x", after.count >= 2 else { return false }
        return after.prefix(2).allSatisfy { $0.properties.isASCIIHexDigit }
    }

    /// East Asian wide or fullwidth, or an emoji presented as a picture by default.
    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isEmojiPresentation { return true }
        return switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            true
        default:
            false
        }
    }
}
