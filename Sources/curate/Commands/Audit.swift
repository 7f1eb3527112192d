import ArgumentParser
import CurateKit

/// `curate audit`: how the labels of each provenance tuple are distributed, and how well
/// LLM labels agree with human labels and with each other.
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Audit labels: per provenance tuple, against human labels, between prompt texts and between models.",
        discussion: """
            Takes the same selection as 'curate export' (flagged labels are left out unless \
            --include-flagged) and counts every selected label, superseded ones too, in one \
            pass. It prints four sections. "tuples": each provenance tuple with its labels, its \
            distinct inputs and its top labels with their shares. "against human labels": each \
            LLM tuple on the inputs that also have a human label, with n, agreement, Cohen's \
            kappa and the most frequent confusions (human label → LLM label). "between prompt \
            texts" and "between models": every two prompt texts, and every two models, of a task \
            on the inputs both labeled, with n, agreement and kappa.

            A rater's label of an input is its newest label of that input (an input's human \
            label is its newest human label). Agreement is the share of shared inputs with \
            equal outputs, compared as canonical JSON. Kappa is (po - pe) / (1 - pe), pe from \
            the two raters' label distributions over the shared inputs; it needs a categorical \
            task (scalar outputs, at most 1000 distinct) and is - when n is 0 or pe is 1. A \
            task with objects, arrays or more distinct free text gets exact-match agreement \
            only. A prompt text is NAME@VERSION#HASH12, so an in-place edit of a version is two \
            texts; labels whose hash is ambiguous or unknown are one text, NAME@VERSION#unknown.

            --json prints one object with four arrays (sorted keys; shares and kappa as \
            numbers with four decimals, null where the text shows -). "tuples": {task, origin, \
            model, annotator, prompt, hash_status, labels, inputs, categorical, \
            distinct_labels, top_labels: [{label, count, share}]}. "against_human": {task, \
            origin, model, annotator, prompt, hash_status, n, agreed, agreement, kappa, \
            confusions: [{human, llm, count}]}. "between_prompt_texts": {task, a, b (each \
            {name, version, sha256}), n, agreed, agreement, kappa}. "between_models": {task, \
            a, b, n, agreed, agreement, kappa}.

            Exit codes: 0 audited (even nothing); 2 usage error or unknown selector; 3 store failure.

            Examples:
              curate audit
              curate audit --task sentiment --exclude-prompt v1
              curate audit --include-model 'claude-*' --since 2026-08-15
              curate audit --json | jq '.against_human[] | [.model, .kappa]'
            """
    )

    @OptionGroup(title: "Selection") var selection: SelectionOptions

    @Flag(help: "Print one JSON object (sorted keys) instead of the tables.")
    var json = false

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.openStore().store
        let result = try Auditor(store: store).audit(try selection.selection())
        if json { Terminal.writeJSON(AuditReport.json(result)) } else { Terminal.write(AuditReport.text(result)) }
    }
}
