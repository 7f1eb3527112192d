extension UnitSet {
    /// `\d`: the decimal digits of every script (general category Nd), as Python's and
    /// Rust's `\d` on text.
    static let decimalDigits = scalars { $0.generalCategory == .decimalNumber }

    /// `\w`: the word characters of Unicode's regular expression guidelines (UTS #18):
    /// alphabetic, marks, decimal digits, connector punctuation (`_`) and joiners.
    static let wordCharacters = scalars { properties in
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation:
            return true
        default:
            return properties.isAlphabetic || properties.isJoinControl
        }
    }

    /// `\s` and `[:space:]`: the scalars with Unicode's White_Space property.
    static let whitespace = scalars { $0.isWhitespace }

    /// `[:alpha:]`: the scalars with Unicode's Alphabetic property.
    static let alphabetic = scalars { $0.isAlphabetic }

    /// The bracket class `[:name:]` (POSIX names, meant as in a UTF-8 locale), or nil for an
    /// unknown name. `digit` and `xdigit` are ASCII only, as POSIX defines them.
    static func posixClass(named name: String) -> UnitSet? {
        switch name {
        case "alpha": return alphabetic
        case "digit": return UnitSet([0x30...0x39])
        case "alnum": return alphabetic.union(decimalDigits)
        case "upper": return uppercase
        case "lower": return lowercase
        case "space": return whitespace
        case "blank": return blank
        case "punct": return punctuation
        case "cntrl": return controls
        case "graph": return graphic
        case "print": return graphic.union(spaceSeparators)
        case "xdigit": return UnitSet([0x30...0x39, 0x41...0x46, 0x61...0x66])
        default: return nil
        }
    }

    /// The names ``posixClass(named:)`` knows, for messages.
    static let posixClassNames = ["alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "xdigit"]

    private static let uppercase = scalars { $0.isUppercase }
    private static let lowercase = scalars { $0.isLowercase }
    private static let spaceSeparators = scalars { $0.generalCategory == .spaceSeparator }
    private static let blank = spaceSeparators.union(UnitSet(unit: 0x09))
    private static let controls = scalars { $0.generalCategory == .control }

    /// `[:punct:]`: punctuation and symbols, as POSIX's ASCII punct (`$`, `+`, `<`, `^`, `|`
    /// are symbols in Unicode).
    private static let punctuation = scalars { properties in
        switch properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// `[:graph:]`: every assigned scalar that is not white space or a control, private use included.
    private static let graphic = scalars { properties in
        switch properties.generalCategory {
        case .control, .surrogate, .unassigned: return false
        default: return !properties.isWhitespace
        }
    }.union(UnitSet(privateUsePlanes))

    /// Planes 15 and 16: private use only (their last two scalars of each are noncharacters).
    private static let privateUsePlanes: [ClosedRange<UInt32>] = [0xF_0000...0xF_FFFD, 0x10_0000...0x10_FFFD]

    /// Where scalars are enumerated to build a class: planes 0–3 and 14. Planes 4–13 hold
    /// no assigned character and planes 15–16 only private use, which no class but
    /// `[:graph:]` and `[:print:]` includes; skipping them makes a class cost ~15 ms, not ~60.
    private static let enumeratedPlanes: [ClosedRange<UInt32>] = [0...0x3_FFFF, 0xE_0000...0xE_FFFF]

    /// The scalars whose properties satisfy `predicate`, built once per class and process.
    private static func scalars(where predicate: (Unicode.Scalar.Properties) -> Bool) -> UnitSet {
        var ranges: [ClosedRange<UInt32>] = []
        var runStart: UInt32?
        for plane in enumeratedPlanes {
            for value in plane {
                let included = Unicode.Scalar(value).map { predicate($0.properties) } ?? false
                if included, runStart == nil {
                    runStart = value
                } else if !included, let start = runStart {
                    ranges.append(start...(value - 1))
                    runStart = nil
                }
            }
            if let start = runStart {
                ranges.append(start...plane.upperBound)
                runStart = nil
            }
        }
        return UnitSet(ranges)
    }
}
