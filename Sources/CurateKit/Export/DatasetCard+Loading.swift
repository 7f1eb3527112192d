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
}
