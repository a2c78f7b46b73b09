import FinsamModel

/// The workbook's looks, each created once.
struct WorkbookStyles {
    let wb: XlsxWorkbook
    private let figures = FigureFormats()

    static let headerFill: UInt32 = 0xDDEBF7
    static let grey: UInt32 = 0x808080

    /// Fill and font colours of discrepant cells, as Excel's Bad / Neutral / Note styles.
    static func fill(_ s: Severity) -> (fill: UInt32, font: UInt32?) {
        switch s {
        case .error: (0xFFC7CE, 0x9C0006)
        case .warning: (0xFFEB9C, 0x9C5700)
        case .info: (0xDDEBF7, nil)
        }
    }

    var title: XlsxFormat { named(.title) { wb.format(CellStyle(bold: true, fontSize: 14)) } }
    var subtitle: XlsxFormat { named(.subtitle) { wb.format(CellStyle(italic: true, fontColor: WorkbookStyles.grey)) } }
    /// How a table was read, under its title: small and grey, context rather than content.
    var readingNote: XlsxFormat { named(.readingNote) { wb.format(CellStyle(italic: true, fontSize: 9, fontColor: WorkbookStyles.grey)) } }
    var tableTitle: XlsxFormat { named(.tableTitle) { wb.format(CellStyle(bold: true, fontSize: 12)) } }
    var bold: XlsxFormat { named(.bold) { wb.format(CellStyle(bold: true)) } }
    var text: XlsxFormat { .none }
    var wrapped: XlsxFormat { named(.wrapped) { wb.format(CellStyle(wrap: true, verticalTop: true)) } }
    var link: XlsxFormat { named(.link) { wb.format(CellStyle(hyperlink: true)) } }
    var lineNumber: XlsxFormat { named(.lineNumber) { wb.format(CellStyle(numberFormat: "0", fontColor: WorkbookStyles.grey, align: .right)) } }
    var kronor: XlsxFormat { named(.kronor) { wb.format(CellStyle(numberFormat: NumberFormats.kronor)) } }
    var count: XlsxFormat { named(.count) { wb.format(CellStyle(numberFormat: NumberFormats.count)) } }
    var percent: XlsxFormat { named(.percent) { wb.format(CellStyle(numberFormat: NumberFormats.percent)) } }
    var percentOneDecimal: XlsxFormat { named(.percentOneDecimal) { wb.format(CellStyle(numberFormat: NumberFormats.percentOneDecimal)) } }
    var date: XlsxFormat { named(.date) { wb.format(CellStyle(numberFormat: NumberFormats.date, align: .left)) } }
    /// Wrapping text in a row of figures: aligned at the bottom like them.
    var wrappedInline: XlsxFormat { named(.wrappedInline) { wb.format(CellStyle(wrap: true)) } }
    var centered: XlsxFormat { named(.centered) { wb.format(CellStyle(align: .center)) } }
    var hash: XlsxFormat { named(.hash) { wb.format(CellStyle(fontColor: 0x404040)) } }

    /// Column heads over figures: bold, wrapped, right-aligned, a rule below.
    var columnHeader: XlsxFormat {
        named(.columnHeader) {
            wb.format(CellStyle(bold: true, fill: WorkbookStyles.headerFill, bottomBorder: true, wrap: true, align: .right))
        }
    }
    var columnHeaderCentered: XlsxFormat {
        named(.columnHeaderCentered) {
            wb.format(CellStyle(bold: true, fill: WorkbookStyles.headerFill, bottomBorder: true, wrap: true, align: .center))
        }
    }
    var columnHeaderLeft: XlsxFormat {
        named(.columnHeaderLeft) {
            wb.format(CellStyle(bold: true, fill: WorkbookStyles.headerFill, bottomBorder: true, wrap: true, align: .left))
        }
    }

    /// Header cells of an Excel table: left for text columns, right over figures.
    func tableHeaders(_ headers: [String], numeric: Set<Int>) -> [XlsxFormat] {
        headers.indices.map { numeric.contains($0) ? columnHeader : columnHeaderLeft }
    }

    /// Column heads that do not wrap (the comparison's organisation and period rows).
    var columnHeaderSingleLine: XlsxFormat {
        named(.columnHeaderSingleLine) {
            wb.format(CellStyle(bold: true, fill: WorkbookStyles.headerFill, bottomBorder: true, align: .right))
        }
    }

    func severity(_ s: Severity) -> XlsxFormat {
        let c = WorkbookStyles.fill(s)
        return wb.format(CellStyle(fontColor: c.font, fill: c.fill))
    }

    /// The looks with a name, each looked up in the workbook once and then kept here: every cell of a
    /// document sheet's line and header columns asks, and the workbook's lookup hashes the whole style.
    /// Still created on first use, so formats keep the numbers they had (the file stays the same).
    enum Named: Int, CaseIterable {
        case title, subtitle, readingNote, tableTitle, bold, wrapped, link, lineNumber, kronor, count, percent,
             percentOneDecimal, date, wrappedInline, centered, hash, columnHeader, columnHeaderCentered,
             columnHeaderLeft, columnHeaderSingleLine
    }

    private func named(_ name: Named, _ make: () -> XlsxFormat) -> XlsxFormat {
        if let hit = figures.named[name.rawValue] { return hit }
        let format = make()
        figures.named[name.rawValue] = format
        return format
    }

    /// A figure's look: its printed format, bold for totals, a rule above totals, coloured when a finding
    /// points at it. Cached by small numbers: a document sheet asks once per figure.
    func figure(_ look: FigureLook) -> XlsxFormat {
        if let hit = figures.cache[look] { return hit }
        let numberFormat: String
        switch look.kind {
        case .money: numberFormat = NumberFormats.money(scaleExponent: Int(look.scale), decimals: Int(look.decimals))
        case .percent: numberFormat = NumberFormats.percent(decimals: Int(look.decimals))
        case .plain: numberFormat = NumberFormats.plain(decimals: Int(look.decimals))
        }
        let c = look.severity.map(WorkbookStyles.fill)
        let format = wb.format(CellStyle(numberFormat: numberFormat, bold: look.bold, fontColor: c?.font, fill: c?.fill, topBorder: look.total))
        figures.cache[look] = format
        return format
    }

    /// A row label's look; cached in a small table, since every row asks. A plain label has no format at all:
    /// a format equal to the workbook's default is never given an index of its own by libxlsxwriter, which
    /// then looks it up in a hash table again for every cell that uses it when the file is closed.
    /// (The label column has no column or row format that a cell without one would take instead.)
    func label(bold: Bool, italic: Bool, severity: Severity?) -> XlsxFormat {
        let slot = (bold ? 1 : 0) + (italic ? 2 : 0) + 4 * (severity.map { Severity.allCases.firstIndex(of: $0)! + 1 } ?? 0)
        if slot == 0 { return .none }
        if let hit = figures.labels[slot] { return hit }
        let c = severity.map(WorkbookStyles.fill)
        let format = wb.format(CellStyle(bold: bold, italic: italic, fontColor: c?.font, fill: c?.fill))
        figures.labels[slot] = format
        return format
    }

    func value(_ numberFormat: String, bold: Bool = false) -> XlsxFormat {
        wb.format(CellStyle(numberFormat: numberFormat, bold: bold))
    }
}

/// A printed figure's look as small numbers, so the format of each figure is found without building strings.
struct FigureLook: Hashable {
    enum Kind: UInt8 { case money, percent, plain }
    var kind: Kind
    var scale: Int8
    var decimals: Int8
    var bold: Bool
    var total: Bool
    var severity: Severity?

    init(kind: Kind, scale: Int, decimals: Int, bold: Bool, total: Bool, severity: Severity?) {
        self.kind = kind
        self.scale = Int8(clamping: scale)
        self.decimals = Int8(clamping: decimals)
        self.bold = bold
        self.total = total
        self.severity = severity
    }
}

/// The figure formats made so far (a class, so the style value can share it).
final class FigureFormats {
    var cache: [FigureLook: XlsxFormat] = [:]
    /// Label looks by bold, italic and severity (see `WorkbookStyles.label`).
    var labels = [XlsxFormat?](repeating: nil, count: 16)
    /// `WorkbookStyles.Named` looks by their raw value.
    var named = [XlsxFormat?](repeating: nil, count: WorkbookStyles.Named.allCases.count)
}
