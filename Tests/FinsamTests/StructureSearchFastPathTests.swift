import Foundation
import Testing
@testable import FinsamMapping
@testable import FinsamModel

/// The structure search's shortcuts answer as the general sums they replace, on generated grids: figures in
/// kronor and in thousands (so rounding widths differ by row), empty cells, zeros, and small and large values.
@Suite struct StructureSearchFastPathTests {
    typealias Generator = FastPathEquivalenceTests.Generator

    /// `planted`: set to a row that adds up (or subtracts) the two above it, when the table has one.
    static func table(_ g: inout Generator, rows: Int, columns: Int, planted: inout Int?) -> Table {
        let cols = (0..<columns).map { Column(header: "Utfall \($0)", scenario: .utfall, period: nil) }
        let generated = (0..<rows).map { r in
            let cells: [Cell?] = (0..<columns).map { c in
                switch g.next() % 8 {
                case 0: return nil
                case 1: return Cell(value: 0, text: "0", decimals: 0, column: c)
                default:
                    let thousands = g.next() % 3 == 0
                    let magnitude = Int64(g.next() % (g.next() % 2 == 0 ? 400 : 40_000))
                    let v = g.next() % 3 == 0 ? -magnitude : magnitude
                    return Cell(value: Decimal(v) * (thousands ? 1000 : 1), text: "\(v)", decimals: thousands ? -3 : 0, column: c)
                }
            }
            let style: RowStyle = g.next() % 5 == 0 ? .bold : []
            return Row(label: "Post \(r)", style: style, cells: cells, source: SourceLocation(file: "t", line: r + 1))
        }
        // Now and then a row that adds up the two above it (or takes the upper off the lower), in kronor, so
        // some runs match.
        var rowList = generated
        planted = nil
        if rows >= 3 && g.next() % 2 == 0 {
            let s = 2 + Int(g.next() % UInt64(rows - 2))
            planted = s
            let subtract = g.next() % 2 == 0
            for c in 0..<columns {
                guard let a = rowList[s - 1].cells[c], let b = rowList[s - 2].cells[c] else { continue }
                let sum = subtract ? b.value - a.value : a.value + b.value
                rowList[s].cells[c] = Cell(value: sum, text: "\(sum)", decimals: 0, column: c)
            }
        }
        return Table(title: "Test", kind: .not, columns: cols, rows: rowList, source: SourceLocation(file: "t", line: 0))
    }

    /// A running sum with one or two of its rows subtracted (`fit(subtracting:_:)`) against the grid summing
    /// the same rows with those signs from scratch.
    @Test func subtractedRunningSumMatchesTheGridsSum() {
        var g = Generator(state: 31)
        var compared = 0, full = 0
        for _ in 0..<400 {
            let n = 2 + Int(g.next() % 10), width = 1 + Int(g.next() % 4)
            var planted: Int?
            let table = StructureSearchFastPathTests.table(&g, rows: n, columns: width, planted: &planted)
            let grid = FigureGrid(table)
            let scratch = ScratchBuffer(count: 4 * grid.columns.count)
            let t = planted ?? Int(g.next() % UInt64(n))
            let near = StructureSearchFastPathTests.shuffled((0..<n).filter { $0 != t }, &g)
            var running = RunningSum(grid: grid, total: t, scratch: scratch)
            for (i, e) in near.enumerated() {
                running.add(e)
                let length = i + 1
                for a in 0..<length {
                    for b in a..<length {
                        let mask: UInt64 = (1 << UInt64(a)) | (1 << UInt64(b))
                        let expected = grid.fit(total: t, near: near, length: length, minusMask: mask)
                        let got = running.fit(subtracting: near[a], b > a ? near[b] : nil)
                        #expect(got == expected, "t \(t) near \(near) length \(length) a \(a) b \(b)")
                        compared += 1
                        if expected.isFull { full += 1 }
                    }
                }
            }
        }
        #expect(compared > 5000 && full > 20, "\(compared) sums, \(full) full")
    }

    /// A row without a total word that `mayProvePlainTotal` rules out is accepted with no run of rows, with
    /// any signs (the search skips it); and the rows it lets through include accepted ones.
    @Test func plainTotalsRuledOutAreNeverAccepted() {
        var g = Generator(state: 37)
        var ruledOut = 0, acceptedKept = 0
        for _ in 0..<300 {
            let n = 3 + Int(g.next() % 8), width = 1 + Int(g.next() % 3)
            var planted: Int?
            let table = StructureSearchFastPathTests.table(&g, rows: n, columns: width, planted: &planted)
            let parser = StructureParser(table: table)
            let grid = parser.grid
            for t in 0..<n where parser.roles[t] == .plain {
                let may = parser.mayProvePlainTotal(t)
                if !may { ruledOut += 1 }
                for direction in [StructureParser.Direction.above, .below] {
                    let near = parser.neighbours(of: t, direction)
                    for length in stride(from: 1, through: near.count, by: 1) {
                        let items = Array(near.prefix(length))
                        for signs in [Array(repeating: 1, count: length), items.indices.map { $0 % 2 == 0 ? 1 : -1 }] {
                            let fit = grid.fit(total: t, items: items, signs: signs)
                            let accepted = parser.acceptable(role: .plain, total: t, length: length, fit: fit)
                            if !may { #expect(!accepted, "row \(t) of \(table.rows.map(\.cells))") }
                            if may && accepted { acceptedKept += 1 }
                        }
                    }
                }
            }
        }
        #expect(ruledOut > 100 && acceptedKept > 10, "\(ruledOut) ruled out, \(acceptedKept) accepted")
    }

    /// A deterministic shuffle (Fisher–Yates with the tests' generator).
    static func shuffled(_ rows: [Int], _ g: inout Generator) -> [Int] {
        var out = rows
        for i in stride(from: out.count - 1, to: 0, by: -1) {
            out.swapAt(i, Int(g.next() % UInt64(i + 1)))
        }
        return out
    }
}
