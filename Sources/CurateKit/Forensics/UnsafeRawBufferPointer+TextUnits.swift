extension UnsafeRawBufferPointer {
    /// The text unit (see ``UnitSet``) that starts at `offset` and its length in bytes: a
    /// scalar of well-formed UTF-8, or one byte that is not part of one.
    @inline(__always)
    func textUnit(at offset: Int) -> (unit: UInt32, length: Int) {
        let lead = self[offset]
        return lead < 0x80 ? (UInt32(lead), 1) : multiByteUnit(at: offset, lead: lead)
    }

    /// The text unit that ends just before `end`, a unit boundary above 0: the one a forward
    /// reading meets there, since no well-formed sequence covers another's lead byte.
    func textUnit(endingAt end: Int) -> UInt32 {
        for length in 2...4 where end - length >= 0 {
            let (unit, decoded) = textUnit(at: end - length)
            if decoded == length { return unit }
        }
        let byte = self[end - 1]
        return byte < 0x80 ? UInt32(byte) : UnitSet.invalidByteBase + UInt32(byte)
    }

    /// A unit whose lead byte is 0x80 or above, checked as the Unicode standard's table of
    /// well-formed UTF-8 sequences (no overlong forms, surrogates or scalars past U+10FFFF).
    private func multiByteUnit(at offset: Int, lead: UInt8) -> (unit: UInt32, length: Int) {
        let invalid = (UnitSet.invalidByteBase + UInt32(lead), 1)
        func continuation(_ index: Int, in allowed: ClosedRange<UInt8> = 0x80...0xBF) -> UInt32? {
            let position = offset + index
            guard position < count, allowed.contains(self[position]) else { return nil }
            return UInt32(self[position] & 0x3F)
        }
        switch lead {
        case 0xC2...0xDF:
            guard let second = continuation(1) else { return invalid }
            return (UInt32(lead & 0x1F) << 6 | second, 2)
        case 0xE0...0xEF:
            let allowed: ClosedRange<UInt8> = lead == 0xE0 ? 0xA0...0xBF : lead == 0xED ? 0x80...0x9F : 0x80...0xBF
            guard let second = continuation(1, in: allowed), let third = continuation(2) else { return invalid }
            return (UInt32(lead & 0x0F) << 12 | second << 6 | third, 3)
        case 0xF0...0xF4:
            let allowed: ClosedRange<UInt8> = lead == 0xF0 ? 0x90...0xBF : lead == 0xF4 ? 0x80...0x8F : 0x80...0xBF
            guard let second = continuation(1, in: allowed), let third = continuation(2), let fourth = continuation(3) else { return invalid }
            return (UInt32(lead & 0x07) << 18 | second << 12 | third << 6 | fourth, 4)
        default:
            return invalid
        }
    }
}
