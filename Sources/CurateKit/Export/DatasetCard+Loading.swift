/// The card's loading recipes: Hugging Face `datasets`, pandas, polars and DuckDB, for the
/// dataset's format, each keeping ids strings.
extension DatasetCard {
    var loading: String {
        let folder = "datasets/\(manifest.name)"
        let format = manifest.options.format
        let splits = configs.first?.splits.map(\.split) ?? []
        let split = splits.contains("train") ? "train" : splits.first ?? "train"
        let glob = "\(folder)/\(DatasetLayout.dataFolder)/\(split)-*.\(format.fileExtension)"
        var huggingFace = """
            from datasets import load_dataset

            dataset = load_dataset("\(folder)")  # every split: \(splits.joined(separator: ", "))
            """
        if let task = configTasks.first {
            huggingFace += "\none_task = load_dataset(\"\(folder)\", \(JSONWriter.canonical(.string(task))))  # that task's rows only"
        }
        let pandas: String
        let polars: String
        let duckDB: String
        switch format {
        case .jsonl:
            pandas = "pd.read_json(path, lines=True, engine=\"pyarrow\")"
            polars = "pl.read_ndjson(\"\(glob)\")"
            duckDB = "read_json('\(glob)')"
        case .csv:
            pandas = "pd.read_csv(path, dtype=str, keep_default_na=False)"
            polars = "pl.read_csv(\"\(glob)\", infer_schema=False)"
            duckDB = "read_csv('\(glob)', all_varchar = true)"
        case .parquet:
            pandas = "pd.read_parquet(path)"
            polars = "pl.read_parquet(\"\(glob)\")"
            duckDB = "read_parquet('\(glob)')"
        }
        return """
            ## Loading

            From the folder that holds `\(folder)`. Ids (`input_id`, `id`, `supersedes`) stay strings in
            each of these. The configs above name every split, and each task has a config of its own.
            \(columnTypes)

            ```python
            \(huggingFace)
            ```

            ```python
            import glob
            import pandas as pd

            paths = sorted(glob.glob("\(glob)"))
            \(split) = pd.concat([\(pandas) for path in paths], ignore_index=True)
            ```

            ```python
            import polars as pl

            \(split) = \(polars)
            ```

            ```python
            import duckdb

            \(split) = duckdb.sql("SELECT * FROM \(duckDB)")
            ```

            """
    }

    /// What the `input` and `output` columns hold, in the dataset's format.
    private var columnTypes: String {
        switch manifest.options.format {
        case .jsonl:
            return "`input` and `output` are JSON values."
        case .csv:
            return "`input` and `output` are text: a JSON string as itself, any other value as its JSON."
        case .parquet:
            let structs = structTasks
            guard !structs.isEmpty else {
                return "`input` and `output` are text columns: a JSON string as itself, any other value as its JSON."
            }
            return "`input` is a text column (a JSON string as itself, any other value as its JSON); `output` is a\n"
                + "struct of typed fields (from the label schema) in the files of \(structs.map { "`\(Self.cell($0))`" }.joined(separator: ", ")),\n"
                + "and text like `input` in the others: load one task's config or files when their columns differ."
        }
    }
}
