import CZstd

/// Zstandard compression of Parquet pages through the system `libzstd`.
///
/// One compression context is kept and reused for every page of a file. The same input,
/// level and `libzstd` version give the same bytes, which keeps re-exports byte-identical.
final class Zstd {
    /// The level of every page: `libzstd`'s default, fast and within a few percent of level 9 on labels.
    static let level: Int32 = 3
    private let context: OpaquePointer?

    init() {
        context = ZSTD_createCCtx()
    }

    deinit {
        ZSTD_freeCCtx(context)
    }

    /// Compresses `source` as one frame into `output`, replacing what it held.
    ///
    /// The frame is written into uninitialized storage of the worst-case size, so the part
    /// of it the frame does not fill is never touched (nor resident).
    /// - Throws: ``ParquetError/compression(reason:)`` when `libzstd` reports an error.
    func compress(_ source: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(ParquetError) {
        guard let context else { throw .compression(reason: "no compression context (out of memory)") }
        var result = 0
        output = [UInt8](unsafeUninitializedCapacity: ZSTD_compressBound(source.count)) { target, count in
            result = ZSTD_compressCCtx(context, target.baseAddress, target.count, source.baseAddress, source.count, Self.level)
            count = ZSTD_isError(result) != 0 ? 0 : result
        }
        try Self.check(result)
    }

    /// Decompresses one frame that holds exactly `size` bytes.
    /// - Throws: ``ParquetError/compression(reason:)`` when the frame is damaged or of another size.
    static func decompress(_ source: UnsafeRawBufferPointer, size: Int) throws(ParquetError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: size)
        let written = output.withUnsafeMutableBytes { target in
            ZSTD_decompress(target.baseAddress, target.count, source.baseAddress, source.count)
        }
        try check(written)
        guard written == size else { throw .compression(reason: "a page holds \(written) bytes, its header says \(size)") }
        return output
    }

    private static func check(_ result: Int) throws(ParquetError) {
        if ZSTD_isError(result) != 0 { throw .compression(reason: String(cString: ZSTD_getErrorName(result))) }
    }
}
