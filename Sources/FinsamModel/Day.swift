/// A calendar day without time or time zone: reporting periods are dates, never instants.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// `year << 9 | month << 5 | day` in four bytes rather than three Ints: every fact, row and column holds
    /// periods, and the packing keeps the order of the days.
    private let packed: UInt32

    public var year: Int { Int(packed >> 9) }
    public var month: Int { Int((packed >> 5) & 0xF) }
    public var day: Int { Int(packed & 0x1F) }
    /// A number that orders days as they compare (under 2^23), for packing into sort keys.
    public var ordinal: UInt32 { packed }

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year), (1000...9999).contains(year)
        else { return nil }
        packed = UInt32(year) << 9 | UInt32(month) << 5 | UInt32(day)
    }

    /// Parses `YYYY-MM-DD` and `YYYYMMDD`.
    public init?(iso text: some StringProtocol) {
        let digits = String(text.filter { $0 != "-" })
        guard digits.count == 8, digits.allSatisfy(\.isASCII), let n = Int(digits) else { return nil }
        if text.count == 10 {
            let chars = Array(text)
            guard chars[4] == "-", chars[7] == "-" else { return nil }
        } else if text.count != 8 {
            return nil
        }
        self.init(year: n / 10000, month: (n / 100) % 100, day: n % 100)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func lastDay(ofMonth month: Int, year: Int) -> Day {
        Day(year: year, month: month, day: daysIn(month: month, year: year))!
    }

    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.packed < rhs.packed }
}

extension Day: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a date YYYY-MM-DD: \(text)")
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A reporting period. Balance-sheet figures are instants: `start` is nil and `end` is the balance day.
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var start: Day?
    public var end: Day

    public init(start: Day?, end: Day) {
        self.start = start
        self.end = end
    }

    public static func instant(_ day: Day) -> Period { Period(start: nil, end: day) }

    public var isInstant: Bool { start == nil }

    public var description: String {
        if let start { return "\(start)..\(end)" }
        return "\(end)"
    }

    public static func < (lhs: Period, rhs: Period) -> Bool {
        if lhs.end != rhs.end { return lhs.end < rhs.end }
        switch (lhs.start, rhs.start) {
        case (nil, nil): return false
        case (nil, _): return true
        case (_, nil): return false
        case let (a?, b?): return a < b
        }
    }
}

extension Period: Codable {
    enum CodingKeys: String, CodingKey { case start, end }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        start = try c.decodeIfPresent(Day.self, forKey: .start)
        end = try c.decode(Day.self, forKey: .end)
    }

    /// `start` is always written, as `null` for an instant: the JSON contract names the key.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if let start { try c.encode(start, forKey: .start) } else { try c.encodeNil(forKey: .start) }
        try c.encode(end, forKey: .end)
    }
}
