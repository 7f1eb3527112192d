import ArgumentParser
import CurateKit

/// `--license`, `--creator`, `--dataset-version`, `--citation`, `--description`, `--dataset-url`:
/// an export's dataset metadata, each over the value of the workspace's `curate.toml`.
struct MetadataOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The dataset's license: an SPDX id (CC-BY-4.0, MIT) or a URL.", valueName: "license"))
    var license: String?

    @Option(help: ArgumentHelp("Who made the dataset (a person's name; curate.toml can name an organization, with URL and email).", valueName: "name"))
    var creator: String?

    @Option(name: .customLong("dataset-version"), help: ArgumentHelp("The dataset's version, MAJOR.MINOR.PATCH (default 1.0.0).", valueName: "version"))
    var version: String?

    @Option(help: ArgumentHelp("How to cite the dataset, ideally BibTeX (default: a @misc entry made from the manifest).", valueName: "text"))
    var citation: String?

    @Option(help: ArgumentHelp("What the dataset is (default: a sentence made from the manifest).", valueName: "text"))
    var description: String?

    @Option(name: .customLong("dataset-url"), help: ArgumentHelp("The dataset's web page, an http(s) URL.", valueName: "url"))
    var url: String?

    func validate() throws {
        let given: [(key: String, flag: String, value: String?)] = [
            ("license", "--license", license), ("creator.name", "--creator", creator), ("version", "--dataset-version", version),
            ("citation", "--citation", citation), ("description", "--description", description), ("url", "--dataset-url", url),
        ]
        for (key, flag, value) in given {
            guard let value else { continue }
            do {
                try DatasetMetadata.check(key, value, source: flag)
            } catch {
                throw ValidationError(error.errorDescription ?? "\(error)")
            }
        }
    }

    /// The values the flags give, to lay over `curate.toml`'s.
    var overrides: DatasetMetadata {
        DatasetMetadata(
            license: license, creator: creator.map { DatasetMetadata.Creator(name: $0) }, version: version,
            citation: citation, description: description, url: url)
    }
}
