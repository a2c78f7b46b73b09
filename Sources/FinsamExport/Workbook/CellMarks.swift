import FinsamModel

/// Findings pinned to the cells they are about. The first location of a finding is the cell to look at; a
/// further location in another table (the other statement of an identity, the same figure in another
/// document) is marked too, pointing back. Items of a sum lie in the total's table and are not marked.
struct CellMarks {
    struct Mark {
        var severity: Severity
        var text: String
    }

    struct CellKey: Hashable {
        var row: Int
        var col: Int
    }

    private(set) var bySheet: [String: [CellKey: [Mark]]] = [:]
    /// Per finding: the cell its first location lands on.
    private(set) var primaryCell: [CellRef?] = []

    init(findings: [Finding], index: CellIndex) {
        for f in findings {
            let places = f.locations.map { index.place(for: $0) }
            let first = places.first ?? nil
            primaryCell.append(first?.cell)
            guard let first else { continue }
            add(first.cell, Mark(severity: f.severity, text: "\(SwedishText.severity(f.severity).capitalized) (\(f.rule)): \(f.message)"))
            var marked: Set<CellRef> = [first.cell]
            for place in places.dropFirst() {
                guard let place, place.table != first.table, marked.insert(place.cell).inserted else { continue }
                add(place.cell, Mark(severity: f.severity, text: "Se \(first.cell.qualified): \(f.message)"))
            }
        }
    }

    private mutating func add(_ cell: CellRef, _ mark: Mark) {
        bySheet[cell.sheet, default: [:]][CellKey(row: cell.row, col: cell.col), default: []].append(mark)
    }

    func marks(on sheet: String) -> [CellKey: [Mark]] { bySheet[sheet] ?? [:] }
}
