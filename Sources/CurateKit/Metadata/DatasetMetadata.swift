/// What a dataset says about itself beyond its data: license, creator, version, citation,
/// description and home page, from the workspace's `curate.toml` and the export's flags.
///
/// Each value is as given, nil when not given; `croissant.json` fills what is missing with
/// documented defaults (``CroissantDocument``). The manifest records these values, so a
/// re-export from it states the same.
public struct DatasetMetadata: Sendable, Hashable {
    /// An SPDX license id (`CC-BY-4.0`) or the URL of a license.
    public var license: String?
    /// Who made the dataset.
    public var creator: Creator?
    /// The dataset's version, `MAJOR.MINOR.PATCH` (Semantic Versioning).
    public var version: String?
    /// How to cite the dataset, ideally BibTeX.
    public var citation: String?
    /// What the dataset is, in a sentence or a paragraph.
    public var description: String?
    /// The dataset's web page.
    public var url: String?

    /// Metadata with every part given, or none.
    public init(
        license: String? = nil, creator: Creator? = nil, version: String? = nil, citation: String? = nil,
        description: String? = nil, url: String? = nil
    ) {
        self.license = license
        self.creator = creator
        self.version = version
        self.citation = citation
        self.description = description
        self.url = url
    }

    /// A person or organization that made the dataset.
    public struct Creator: Sendable, Hashable {
        public var name: String
        public var kind: Kind
        public var url: String?
        public var email: String?

        public init(name: String, kind: Kind = .person, url: String? = nil, email: String? = nil) {
            self.name = name
            self.kind = kind
            self.url = url
            self.email = email
        }

        /// Whether the creator is a person or an organization (schema.org's two kinds).
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            case person
            case organization
        }
    }

    /// These values, each replaced by the one `overrides` gives (an export's flags over `curate.toml`).
    public func merged(with overrides: DatasetMetadata) -> DatasetMetadata {
        DatasetMetadata(
            license: overrides.license ?? license, creator: overrides.creator ?? creator,
            version: overrides.version ?? version, citation: overrides.citation ?? citation,
            description: overrides.description ?? description, url: overrides.url ?? url)
    }

    /// The URL of `license`: an SPDX id as its page on spdx.org, a URL as it is.
    public static func licenseURL(_ license: String) -> String {
        isWebURL(license) ? license : "https://spdx.org/licenses/\(license).html"
    }

    /// Checks one value of the metadata, as `curate.toml` or a flag gives it.
    /// - Parameters:
    ///   - key: the key's name in `curate.toml` (`license`, `version`, `url`, `creator.url`, `creator.type`).
    ///   - source: where the value came from, for the message (`curate.toml:3`, `--license`).
    /// - Throws: ``MetadataError/invalidValue(source:key:value:expected:)`` naming what is expected.
    public static func check(_ key: String, _ value: String, source: String) throws(MetadataError) {
        let expected: String? = switch key {
        case "license":
            isWebURL(value) || isSPDXIdentifier(value) ? nil
                : "an SPDX license id (e.g. CC-BY-4.0, MIT; see https://spdx.org/licenses/) or an http(s) URL"
        case "version": isSemanticVersion(value) ? nil : "a version MAJOR.MINOR.PATCH (e.g. 1.0.0; see https://semver.org)"
        case "url", "creator.url": isWebURL(value) ? nil : "an http(s) URL"
        case "creator.type": Creator.Kind(rawValue: value) == nil ? "person or organization" : nil
        default: value.isEmpty ? "a non-empty text" : nil
        }
        if let expected { throw .invalidValue(source: source, key: key, value: value, expected: expected) }
    }

    private static func isWebURL(_ text: String) -> Bool {
        (text.hasPrefix("https://") || text.hasPrefix("http://")) && !text.contains(where: \.isWhitespace)
            && text.split(separator: "/", omittingEmptySubsequences: true).count >= 2
    }

    /// An SPDX license id or `LicenseRef-…`: letters, digits, `.`, `-` and `+`, starting with a letter or digit.
    private static func isSPDXIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic || ("0"..."9").contains(first) else {
            return false
        }
        return text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || ".-+".unicodeScalars.contains($0)) }
    }

    /// `MAJOR.MINOR.PATCH` with an optional `-PRERELEASE` and `+BUILD`, no leading zeros.
    private static func isSemanticVersion(_ text: String) -> Bool {
        let core = text.split(separator: "+", maxSplits: 1, omittingEmptySubsequences: false)[0]
            .split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        let numbers = core[0].split(separator: ".", omittingEmptySubsequences: false)
        let extras = text.dropFirst(core[0].count)
        let extrasValid = extras.isEmpty || (extras.count > 1 && extras.dropFirst().allSatisfy {
            $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "+")
        })
        return numbers.count == 3 && extrasValid && numbers.allSatisfy { number in
            !number.isEmpty && number.allSatisfy { $0.isASCII && $0.isNumber } && (number == "0" || number.first != "0")
        }
    }
}
