import CXlsxWriter

/// What a cell looks like. Value type, so formats can be cached by it: libxlsxwriter wants one format object
/// per distinct look, created once.
public struct CellStyle: Hashable, Sendable {
    public var numberFormat: String?
    public var bold = false
    public var italic = false
    public var fontSize: Double?
    public var fontColor: UInt32?
    public var fill: UInt32?
    public var topBorder = false
    public var bottomBorder = false
    public var wrap = false
    public var indent = 0
    public var align: Align?
    public var verticalTop = false
    public var hyperlink = false

    public enum Align: Hashable, Sendable { case left, center, right }

    public init(
        numberFormat: String? = nil, bold: Bool = false, italic: Bool = false, fontSize: Double? = nil,
        fontColor: UInt32? = nil, fill: UInt32? = nil, topBorder: Bool = false, bottomBorder: Bool = false,
        wrap: Bool = false, indent: Int = 0, align: Align? = nil, verticalTop: Bool = false, hyperlink: Bool = false
    ) {
        self.numberFormat = numberFormat
        self.bold = bold
        self.italic = italic
        self.fontSize = fontSize
        self.fontColor = fontColor
        self.fill = fill
        self.topBorder = topBorder
        self.bottomBorder = bottomBorder
        self.wrap = wrap
        self.indent = indent
        self.align = align
        self.verticalTop = verticalTop
        self.hyperlink = hyperlink
    }

    func apply(to f: UnsafeMutablePointer<lxw_format>) {
        if let numberFormat { format_set_num_format(f, numberFormat) }
        if bold { format_set_bold(f) }
        if italic { format_set_italic(f) }
        if let fontSize { format_set_font_size(f, fontSize) }
        if hyperlink {
            format_set_underline(f, UInt8(LXW_UNDERLINE_SINGLE.rawValue))
            format_set_font_color(f, 0x0563C1)
        }
        if let fontColor { format_set_font_color(f, lxw_color_t(fontColor)) }
        if let fill {
            format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(f, lxw_color_t(fill))
        }
        if topBorder { format_set_top(f, UInt8(LXW_BORDER_THIN.rawValue)) }
        if bottomBorder { format_set_bottom(f, UInt8(LXW_BORDER_THIN.rawValue)) }
        if wrap { format_set_text_wrap(f) }
        if indent > 0 { format_set_indent(f, UInt8(min(indent, 15))) }
        switch align {
        case .left?: format_set_align(f, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center?: format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right?: format_set_align(f, UInt8(LXW_ALIGN_RIGHT.rawValue))
        case nil: break
        }
        if verticalTop { format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue)) }
    }

    func record(id: Int, in trace: XlsxTrace) {
        let alignCode: Int
        switch align {
        case .left?: alignCode = 1
        case .center?: alignCode = 2
        case .right?: alignCode = 3
        case nil: alignCode = 0
        }
        trace.record("format", id, numberFormat ?? "", bold, italic, fontSize ?? 0, fontColor.map(Int.init) ?? -1,
                     fill.map(Int.init) ?? -1, topBorder, bottomBorder, wrap, indent, alignCode, verticalTop, hyperlink)
    }
}
