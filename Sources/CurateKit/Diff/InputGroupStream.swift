/// All records of one input, `(task, input_id)`, in one dataset.
struct InputGroup {
    let task: String
    let inputID: String
    let labels: [RecordLabel]
}

/// Merges the rows of a dataset's data files (each sorted by task and input id, one per
/// split, or per split and task) into one stream of inputs in that order, each with all of its records.
///
/// Holds one row per file at a time, so memory does not grow with the dataset.
final class InputGroupStream {
    private let readers: [DataFileReader]
    private var heads: [DatasetRow?]

    /// Opens every data file of `manifest` inside `folder`.
    init(manifest: Manifest, folder: String) throws(DiffError) {
        var readers: [DataFileReader] = []
        var heads: [DatasetRow?] = []
        for file in manifest.files {
            guard DatasetLayout.isInsideFolder(file.path) else {
                throw .notAManifest(path: folder, reason: "file path \"\(file.path)\" is not a path inside the dataset folder")
            }
            let reader = try DataFileReader(path: folder + "/" + file.path, folder: folder, format: file.format)
            readers.append(reader)
            heads.append(try reader.next())
        }
        self.readers = readers
        self.heads = heads
    }

    /// The next input and its records, or nil when every file is read.
    func next() throws(DiffError) -> InputGroup? {
        var smallest: (task: String, inputID: String)?
        for head in heads {
            guard let head else { continue }
            if let current = smallest, DatasetRow.compareInputs(head.task, head.inputID, current.task, current.inputID) >= 0 { continue }
            smallest = (head.task, head.inputID)
        }
        guard let key = smallest else { return nil }
        var labels: [RecordLabel] = []
        for index in readers.indices {
            while let head = heads[index], DatasetRow.compareInputs(head.task, head.inputID, key.task, key.inputID) == 0 {
                labels.append(head.label)
                heads[index] = try readers[index].next()
            }
        }
        return InputGroup(task: key.task, inputID: key.inputID, labels: labels)
    }
}
