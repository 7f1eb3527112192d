/// Splits one RFC 4180 CSV record into its fields.
enum CSVFields {
    /// The fields of `record` (without its line end): quoted fields unquoted, doubled
    /// quotes undoubled, bytes decoded as UTF-8.
    static func split(_ record: ArraySlice<UInt8>) -> [String] {
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var index = record.startIndex
        while index < record.endIndex {
            let byte = record[index]
            index += 1
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index < record.endIndex, record[index] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: "\"") {
                inQuotes = true
            } else if byte == UInt8(ascii: ",") {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            } else {
                field.append(byte)
            }
        }
        fields.append(String(decoding: field, as: UTF8.self))
        return fields
    }
}
