/// Counts how often two raters gave the same output on the inputs both labeled: a total
/// and an agreed count, and, while the task is categorical, a confusion matrix.
///
/// Its size never depends on the number of inputs: at most one cell per pair of
/// categories (``Manifest/LabelDistribution/maximumCategories`` squared), and just the two
/// counts once the task is known not to be categorical.
struct AgreementCounter {
    private(set) var total = 0
    private(set) var agreed = 0
    /// Counts by cell `first × maximumCategories + second`; nil when the task is not categorical.
    private var cells: [Int: Int]?

    /// A counter that keeps a confusion matrix when `categorical`.
    init(categorical: Bool) {
        cells = categorical ? [:] : nil
    }

    /// Counts one input labeled `first` by one rater and `second` by the other, both rated on that input.
    mutating func add(_ first: InputRatings.Rating, _ second: InputRatings.Rating) {
        total += 1
        if first.output == second.output { agreed += 1 }
        guard cells != nil else { return }
        guard let row = first.category, let column = second.category else {
            cells = nil
            return
        }
        cells?[row * Manifest.LabelDistribution.maximumCategories + column, default: 0] += 1
    }

    /// Forgets the confusion matrix: the task turned out not to be categorical.
    mutating func dropCategories() {
        cells = nil
    }

    /// The numbers people read.
    /// - Parameters:
    ///   - categories: the task's categories, to name the confused labels.
    ///   - confusions: how many of the most frequent confusions to list.
    func agreement(categories: OutputCategories, confusions limit: Int) -> Agreement {
        guard let cells, total > 0 else { return Agreement(n: total, agreed: agreed, kappa: nil, confusions: []) }
        let size = Manifest.LabelDistribution.maximumCategories
        var rows: [Int: Int] = [:]
        var columns: [Int: Int] = [:]
        for (cell, count) in cells {
            rows[cell / size, default: 0] += count
            columns[cell % size, default: 0] += count
        }
        // po = agreed / n and pe = Σ rows[k] · columns[k] / n², so
        // kappa = (po − pe) / (1 − pe) = (agreed · n − Σ) / (n² − Σ), in exact integers until the division.
        let chance = rows.reduce(0) { $0 + $1.value * (columns[$1.key] ?? 0) }
        let square = total * total
        let kappa = square == chance ? nil : Double(agreed * total - chance) / Double(square - chance)
        let confusions = cells.filter { $0.key / size != $0.key % size }
            .map { Agreement.Confusion(reference: categories.label($0.key / size), label: categories.label($0.key % size), count: $0.value) }
            .sorted { ($1.count, $0.reference, $0.label) < ($0.count, $1.reference, $1.label) }
        return Agreement(n: total, agreed: agreed, kappa: kappa, confusions: Array(confusions.prefix(limit)))
    }
}
