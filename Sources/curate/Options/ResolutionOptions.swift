import ArgumentParser
import CurateKit

/// How one label per input is chosen, shared by `export`, `stale` and `audit`.
struct ResolutionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("How to choose among an input's labels: latest, majority or all.", valueName: "policy"))
    var resolve: ResolvePolicy = .latest

    @Flag(inversion: .prefixedNo, help: "Let an input's human labels replace its LLM labels as the candidates.")
    var humanPriority = true
}
