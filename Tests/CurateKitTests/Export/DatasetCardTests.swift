import Foundation
import Testing
@testable import CurateKit

@Suite("The dataset card: configs Hugging Face reads, and a body made from the manifest")
struct DatasetCardTests {
    /// Exports `labels` split `spec` in `format` and returns the manifest and the card on disk.
    func export(
        _ labels: [String], split spec: String = "train=0.5,holdout=0.5", format: ExportFormat = .jsonl
    ) throws -> (Manifest, String, ExportFixture) {
        let fixture = try ExportFixture(labels)
        let (manifest, _) = try fixture.export("c", ExportOptions(split: try SplitSpec(parsing: spec, seed: 0), format: format))
        return (manifest, try fixture.read("c", DatasetCard.fileName), fixture)
    }

    /// The YAML between the two `---` lines.
    func frontMatter(_ card: String) -> [String] {
        Array(card.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().prefix { $0 != "---" }.map(String.init))
    }

    @Test("configs: default names every split with records, whatever its name, each task its own; the card on disk is the rendering")
    func configs() throws {
        let (manifest, card, _) = try export(ExporterTests.corpus)
        #expect(card == DatasetCard(manifest: manifest).text)
        #expect(card.hasPrefix("---\npretty_name: \"c\"\n"))
        let yaml = frontMatter(card)
        let configs = yaml.prefix { $0 != "dataset_info:" }.joined(separator: "\n")
        var expected = "configs:"
        for (name, task) in [("default", nil), ("intent", "intent"), ("sentiment", "sentiment")] as [(String, String?)] {
            expected += "\n- config_name: \"\(name)\"" + (task == nil ? "\n  default: true" : "") + "\n  data_files:"
            for split in ["holdout", "train"] {
                let files = manifest.files.filter { $0.split == split && $0.records > 0 && (task == nil || $0.task == task) }
                if files.isEmpty { continue }
                expected += "\n  - split: \"\(split)\"\n    path:" + files.map { "\n    - \"\($0.path)\"" }.joined()
            }
        }
        #expect(configs.hasSuffix(expected), "\(configs)")
        #expect(Set(manifest.files.map(\.split)) == ["holdout", "train"])
    }

    @Test("features: ids strings in every format; input and output JSON in JSON Lines; created_at a UTC timestamp in Parquet", arguments: ExportFormat.allCases)
    func features(_ format: ExportFormat) throws {
        let (manifest, text, _) = try export(ExporterTests.corpus, format: format)
        // Three configs, each with every column.
        #expect(frontMatter(text).filter { $0 == "  - name: input_id" }.count == 3)
        let features = DatasetCard(manifest: manifest).features(task: nil)
        let types = Dictionary(uniqueKeysWithValues: features.map { ($0.name, $0.type.joined(separator: " ")) })
        #expect(Set(types.keys) == Set(RowColumns.names))
        for id in ["input_id", "id", "supersedes", "task", "model"] { #expect(types[id] == "dtype: string") }
        #expect(types["input"] == (format == .jsonl ? "dtype: json" : "dtype: string"))
        #expect(types["created_at"] == (format == .parquet ? "dtype: \"timestamp[ns, tz=UTC]\"" : "dtype: string"))
    }

    @Test("output is a ClassLabel of one task's names when they cover every label it exported; otherwise it stays as it is")
    func classLabel() throws {
        let (manifest, _, _) = try export(ExporterTests.corpus, format: .csv)
        let card = DatasetCard(manifest: manifest, labelNames: ["sentiment": ["negative", "neutral", "positive"], "intent": ["billing"]])
        let output = card.features(task: "sentiment").first { $0.name == "output" }?.type
        #expect(output == ["dtype:", "  class_label:", "    names:", "      '0': \"negative\"", "      '1': \"neutral\"", "      '2': \"positive\""])
        // intent exported "refund" too: its names do not cover it.
        #expect(card.features(task: "intent").first { $0.name == "output" }?.type == ["dtype: string"])
        // The default config holds two tasks: no one set of names fits.
        #expect(card.features(task: nil).first { $0.name == "output" }?.type == ["dtype: string"])
        #expect(card.text.contains("    dtype:\n      class_label:\n        names:\n          '0': \"negative\""))
    }

    @Test("a split without records is left out of the configs and said so; a task that cannot be a config name gets none")
    func emptySplitAndOddTasks() throws {
        let labels = [Label.llm("only", task: "a/b"), Label.llm("other", task: "default")]
        let (manifest, card, _) = try export(labels, split: "train=0.999,rare=0.001")
        #expect(manifest.files.contains { $0.split == "rare" && $0.records == 0 && $0.task == nil })
        #expect(!frontMatter(card).contains("  - split: \"rare\""))
        #expect(card.contains("No records fell in `rare`"))
        #expect(DatasetCard(manifest: manifest).configs.map(\.name) == ["default"])
        #expect(card.contains("Tasks without a config of their own (their name cannot be a config name):\na/b, default.\n"))
    }

    @Test("values from the data are quoted in YAML and escaped in Markdown, so they cannot break either")
    func hostileValues() throws {
        #expect(DatasetCard.yaml("a\"b\\c") == "\"a\\\"b\\\\c\"")
        #expect(DatasetCard.yaml("line\nnext\u{7F}\u{85}\u{2028}\u{FEFF}é😀") == "\"line\\x0Anext\\x7F\\x85\\u2028\\uFEFFé😀\"")
        #expect(DatasetCard.cell("a|b *c* <i>\u{1B}") == "a\\|b \\*c\\* \\<i\\>\\\\x1b")
        let (_, card, _) = try export([Label.llm("x", "pipe | and\nnewline", task: "say \"hi\"")])
        #expect(card.contains("- config_name: \"say \\\"hi\\\"\""))
        #expect(card.contains("| pipe \\| and\\\\x0anewline |"))
    }

    @Test("the body: rules, provenance tuples, labels per split, loading recipes that keep ids strings, files")
    func body() throws {
        let (manifest, card, _) = try export(ExporterTests.corpus, format: .parquet)
        for section in ["# c\n", "## How it was made", "## Provenance", "## Labels", "### sentiment", "## Loading", "## Files"] {
            #expect(card.contains(section), "\(section)")
        }
        #expect(card.contains("| splits | holdout=0.5,train=0.5, seed 0, by input_id |"))
        #expect(card.contains("load_dataset(\"datasets/c\")  # every split: holdout, train"))
        #expect(card.contains("load_dataset(\"datasets/c\", \"intent\")"))
        #expect(card.contains("pl.read_parquet(\"datasets/c/data/train-*.parquet\")"))
        #expect(card.contains("- `records.ids`:"))
        for file in manifest.files { #expect(card.contains("| \(file.path.replacingOccurrences(of: "_", with: "\\_")) |")) }
        for entry in manifest.provenance { #expect(card.contains(" | \(entry.records) |")) }
        // Readable as text: no line of prose or table rows of this card runs past 140 columns.
        #expect(card.split(separator: "\n").allSatisfy { $0.count <= 140 || $0.hasPrefix("| ") }, "\(card)")
    }
}
