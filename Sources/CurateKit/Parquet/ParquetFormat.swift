/// The constants of the Parquet format that curate writes and reads, as `parquet.thrift`
/// numbers them (apache/parquet-format).
enum ParquetFormat {
    /// The four bytes at the start and at the end of every file.
    static let magic: [UInt8] = Array("PAR1".utf8)
    /// `FileMetaData.version`: 2, for the RLE_DICTIONARY encoding.
    static let version: Int32 = 2

    /// `Type`: the physical types used.
    enum PhysicalType: Int32 {
        case boolean = 0
        case int64 = 2
        case double = 5
        case byteArray = 6
    }

    /// `FieldRepetitionType`.
    enum Repetition: Int32 {
        case required = 0
        case optional = 1
    }

    /// `Encoding`: the encodings used.
    enum Encoding: Int32 {
        case plain = 0
        /// The RLE / bit-packing hybrid (``HybridRLE``) of definition levels.
        case rle = 3
        /// Dictionary indices, bit width first, then ``HybridRLE``.
        case rleDictionary = 8
    }

    /// `PageType`: the page types used.
    enum PageType: Int32 {
        case dataPage = 0
        case dictionaryPage = 2
    }

    /// `CompressionCodec`: the codecs used.
    enum Codec: Int32, Sendable {
        case uncompressed = 0
        case zstd = 6
    }

    /// `ConvertedType.UTF8`, the legacy annotation of a string column.
    static let convertedUTF8: Int32 = 0
}
