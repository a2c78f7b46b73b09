import Foundation
import Testing
@testable import FinsamExport
@testable import FinsamModel

/// `TotalFormula.sum` adds in integers when it can: it must give exactly what `Decimal` addition gives, and
/// the same nil, on figures of every shape (kronor, thousands stored as kronor, öre, percent, empty, huge).
@Suite("A total's sum in integers")
struct TotalFormulaSumTests {
    /// The rule in `Decimal` alone, as `sum` had it before its integer path.
    static func reference(_ link: TotalLink, column c: Int, in table: Table) -> Decimal? {
        var sum = Decimal(0)
        var any = false
        for item in link.items {
            guard item.row < table.rows.count, c < table.rows[item.row].cells.count else { return nil }
            guard let cell = table.rows[item.row].cells[c] else { continue }
            if cell.text.hasSuffix("%") { return nil }
            sum += item.sign < 0 ? -cell.value : cell.value
            any = true
        }
        return any ? sum : nil
    }

    @Test func sameAsDecimalAddition() throws {
        let source = SourceLocation(file: "t.txt", line: 1)
        var state: UInt64 = 0xDEAD_BEEF
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 11
        }
        var integral = 0
        var agreed = 0
        for _ in 0..<2_000 {
            let rows = (0..<Int(next() % 6 + 1)).map { r -> Row in
                let cell: Cell?
                switch next() % 9 {
                case 0: cell = nil
                case 1: cell = Cell(value: Decimal(Int64(next() % 2_000_000)) - 1_000_000, text: "12 %", decimals: 0, column: 1)
                case 2: cell = Cell(value: Decimal(sign: .plus, exponent: -2, significand: Decimal(next() % 100_000)), text: "1,5", decimals: 2, column: 1)
                case 3: cell = Cell(value: Decimal(string: "9223372036854775807")! * (next() % 2 == 0 ? 1 : -1), text: "x", decimals: 0, column: 1)
                case 4: cell = Cell(value: Decimal(Int64(next() % 9_000)) * 1000, text: "9", decimals: -3, column: 1)
                case 5: cell = Cell(value: Decimal(string: ["1000000", "-2500000", "1e18", "12e-3", "700"][Int(next() % 5)])!, text: "7", decimals: 0, column: 1)
                default: cell = Cell(value: Decimal(Int64(next() % 20_000_000)) - 10_000_000, text: "1", decimals: 0, column: 1)
                }
                return Row(label: "r\(r)", cells: [cell], source: source)
            }
            let table = Table(title: "T", rows: rows, source: source)
            let items = (0..<Int(next() % 5 + 1)).map { _ in SignedRow(row: Int(next() % UInt64(rows.count + 1)), sign: next() % 3 == 0 ? -1 : 1) }
            let link = TotalLink(total: 0, items: items)
            for c in [0, 1] {
                if case .sum = TotalFormula.integerSum(link, column: c, in: table) { integral += 1 }
                #expect(TotalFormula.sum(link, column: c, in: table) == TotalFormulaSumTests.reference(link, column: c, in: table))
                if let s = TotalFormula.sum(link, column: c, in: table) {
                    #expect(s.description == TotalFormulaSumTests.reference(link, column: c, in: table)!.description)
                }
                // `compare` against a printed value: the sum itself (in another exponent too), one off, a figure
                // of the table, and one too large for the integers.
                let reference = TotalFormulaSumTests.reference(link, column: c, in: table)
                let near = reference ?? 0
                let rescaled = Decimal(sign: near.sign, exponent: near.exponent - 2, significand: near.significand * 100)
                for value in [near, rescaled, near + 1, near - Decimal(string: "0.01")!, rows[0].cells[0]?.value ?? 5, Decimal(string: "1e30")!] {
                    let got = TotalFormula.compare(link, column: c, in: table, with: value)
                    #expect(got?.equal == reference.map { $0 == value }, "\(items) \(value)")
                    if got?.equal == true { agreed += 1 }
                    if let got, !got.equal { #expect(got.sum == reference) }
                }
            }
        }
        #expect(integral > 400, "the integer path is taken: \(integral)")
        #expect(agreed > 400, "totals that agree are compared: \(agreed)")
    }
}
