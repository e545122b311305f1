import Foundation

/// Number parsing straight from bytes, for the millions of lines of spike files.
enum ByteNumbers {
    /// An unsigned decimal integer at `cursor`; advances past it. Nil if no digit is there.
    @inline(__always)
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>, _ cursor: inout Int, _ end: Int) -> Int? {
        var value = 0
        let start = cursor
        while cursor < end, bytes[cursor] &- UInt8(ascii: "0") < 10, cursor - start < 18 {
            value = value * 10 + Int(bytes[cursor] &- UInt8(ascii: "0"))
            cursor += 1
        }
        return cursor > start ? value : nil
    }

    /// Powers of ten that are exact doubles.
    private static let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

    /// A decimal number at `cursor` (sign, digits, point, digits, exponent); advances past it.
    /// Short plain decimals (≤ 15 digits, no exponent) are computed as mantissa / 10^k, which
    /// IEEE division rounds correctly, so the result equals `strtod`'s (and Python's `float`).
    /// Anything else goes through `strtod` on the text.
    @inline(__always)
    static func decimal(_ bytes: UnsafeBufferPointer<UInt8>, _ cursor: inout Int, _ end: Int) -> Double? {
        let start = cursor
        var negative = false
        if cursor < end && (bytes[cursor] == UInt8(ascii: "-") || bytes[cursor] == UInt8(ascii: "+")) {
            negative = bytes[cursor] == UInt8(ascii: "-")
            cursor += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var sawPoint = false
        while cursor < end {
            let byte = bytes[cursor]
            if byte &- UInt8(ascii: "0") < 10 {
                mantissa = mantissa &* 10 &+ UInt64(byte &- UInt8(ascii: "0"))
                digits += 1
                if sawPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            cursor += 1
        }
        guard digits > 0 else { cursor = start; return nil }
        let exponentFollows = cursor < end && (bytes[cursor] | 0x20) == UInt8(ascii: "e")
        if digits <= 15 && !exponentFollows {
            let value = Double(mantissa) / powersOfTen[fractionDigits]
            return negative ? -value : value
        }
        if exponentFollows {
            cursor += 1
            if cursor < end && (bytes[cursor] == UInt8(ascii: "-") || bytes[cursor] == UInt8(ascii: "+")) { cursor += 1 }
            let exponentStart = cursor
            while cursor < end && bytes[cursor] &- UInt8(ascii: "0") < 10 { cursor += 1 }
            guard cursor > exponentStart else { cursor = start; return nil }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<cursor]), as: UTF8.self)
        return Double(text)
    }
}
