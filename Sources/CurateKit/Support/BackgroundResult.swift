import Foundation

/// A value worked out on a thread of its own while the caller does something else; the
/// caller takes it, waiting if need be, with ``value()``.
final class BackgroundResult<Value>: @unchecked Sendable {
    private let work: () throws -> Value
    private let condition = NSCondition()
    private var result: Result<Value, any Error>?  // guarded by `condition`

    /// Starts `work` on a new thread named `name`.
    init(named name: String, _ work: @escaping () throws -> Value) {
        self.work = work
        let thread = Thread { [self] in
            let outcome = Result { try self.work() }
            condition.lock()
            result = outcome
            condition.broadcast()
            condition.unlock()
        }
        thread.name = name
        thread.start()
    }

    /// Waits for the work to end: its value, or what it threw.
    func value() throws -> Value {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let result { return try result.get() }
            condition.wait()
        }
    }
}
