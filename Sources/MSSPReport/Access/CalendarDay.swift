import Foundation

/// A day of the Gregorian calendar in UTC, counted from 1970-01-01: what access is judged on (`--as-of`) and
/// what a relationship's `endDateTime` falls on.
public struct CalendarDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public var number: Int

    /// The day `number` days after 1970-01-01.
    public init(number: Int) {
        self.number = number
    }

    /// The day of `year`-`month`-`day`, or `nil` when there is no such day.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= Self.length(ofMonth: month, in: year)
        else { return nil }
        // Days from the civil date, counting years from March so that the leap day ends a year.
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        number = era * 146_097 + dayOfEra - 719_468
    }

    /// The day a `YYYY-MM-DD` date names, or `nil`.
    public init?(date text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = Self.number(bytes[0..<4]), let month = Self.number(bytes[5..<7]),
            let day = Self.number(bytes[8..<10])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The UTC day of a moment as Graph writes it (ISO 8601, `2026-05-31T18:43:20.4508397Z` or with an offset
    /// such as `+02:00`), or as Windows PowerShell's ConvertTo-Json writes a DateTime (`/Date(1780252800000)/`).
    public init?(dateTime text: String) {
        let bytes = Array(text.utf8)
        if text.hasPrefix("/Date("), text.hasSuffix(")/") {
            // Milliseconds since 1970, optionally followed by an offset that only says how it was displayed.
            let inner = bytes[6..<(bytes.count - 2)]
            let digits = inner.prefix { $0 == UInt8(ascii: "-") || ($0 >= 0x30 && $0 <= 0x39) }
            guard let milliseconds = Int(String(decoding: digits, as: UTF8.self)) else { return nil }
            self.init(number: Self.floorDivide(milliseconds, 86_400_000))
            return
        }
        guard bytes.count >= 10, var day = CalendarDay(date: text.prefix(10)) else { return nil }
        guard bytes.count > 10 else {
            self = day
            return
        }
        guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "), bytes.count >= 16,
            let hour = Self.number(bytes[11..<13]), bytes[13] == UInt8(ascii: ":"),
            let minute = Self.number(bytes[14..<16]), hour < 24, minute < 60
        else { return nil }
        // The offset, if any, after the seconds and their fraction.
        var index = 16
        while index < bytes.count, bytes[index] != UInt8(ascii: "Z"), bytes[index] != UInt8(ascii: "+"),
            bytes[index] != UInt8(ascii: "-")
        {
            let byte = bytes[index]
            guard byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".") || (byte >= 0x30 && byte <= 0x39) else {
                return nil
            }
            index += 1
        }
        var offsetMinutes = 0
        if index < bytes.count, bytes[index] != UInt8(ascii: "Z") {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            let rest = bytes[(index + 1)...].filter { $0 != UInt8(ascii: ":") }
            guard rest.count == 4, let hours = Self.number(rest.prefix(2)), let minutes = Self.number(rest.suffix(2))
            else { return nil }
            offsetMinutes = sign * (hours * 60 + minutes)
        } else if index < bytes.count, index != bytes.count - 1 {
            return nil
        }
        // The moment in UTC is the local time minus the offset.
        let minuteOfDay = hour * 60 + minute - offsetMinutes
        day.number += Self.floorDivide(minuteOfDay, 1440)
        self = day
    }

    /// The day `days` later.
    public func adding(days: Int) -> CalendarDay { CalendarDay(number: number + days) }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (year, month, day) = civil
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// The year, month and day.
    var civil: (year: Int, month: Int, day: Int) {
        let shifted = number + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool { lhs.number < rhs.number }

    private static func length(ofMonth month: Int, in year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func number(_ digits: some Collection<UInt8>) -> Int? {
        var value = 0
        for digit in digits {
            guard digit >= 0x30, digit <= 0x39 else { return nil }
            value = value * 10 + Int(digit - 0x30)
        }
        return digits.isEmpty ? nil : value
    }

    private static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }
}

extension CalendarDay {
    /// Today in UTC, by the system clock.
    public static func today() -> CalendarDay {
        CalendarDay(seconds: Int(Date().timeIntervalSince1970.rounded(.down)))
    }

    /// The UTC day of a moment given in seconds since 1970 (as `SOURCE_DATE_EPOCH` gives it).
    public init(seconds: Int) {
        self.init(number: seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400))
    }
}
