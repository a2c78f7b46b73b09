import FinsamModel

extension Day {
    /// Days since 1970-01-01 (civil calendar, after Howard Hinnant's `days_from_civil`).
    public var daysSince1970: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Midnight UTC of the day, for `--created 2025-01-01`.
    public var secondsSince1970: Int { daysSince1970 * 86_400 }

    /// Days since 1899-12-30, as Excel stores dates.
    var excelSerial: Int { daysSince1970 + 25_569 }
}
