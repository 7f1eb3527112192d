import ArgumentParser
import CurateKit

// Export's enumerations as command-line values; the names are the raw values.
extension ResolvePolicy: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}
extension FlagKind: ExpressibleByArgument {}
extension RetractionKind: ExpressibleByArgument {}
extension SplitSpec.SplitKey: ExpressibleByArgument {}
