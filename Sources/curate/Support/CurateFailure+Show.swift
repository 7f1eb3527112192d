import CurateKit
import Foundation

extension CurateFailure {
    /// Runs `body`, reporting a ``ShowError`` (something asked for that is not there) as bad
    /// input, exit 2.
    static func reportingShowErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ShowError {
            throw CurateFailure(message: error.errorDescription ?? "\(error)", exitCode: badInput)
        }
    }
}
