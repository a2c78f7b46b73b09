import CXlsxWriter

/// A native Excel chart. Series refer to ranges of cells (`CellAddress.range`), so the chart follows the
/// figures if a user corrects one.
public final class XlsxChart {
    let handle: UnsafeMutablePointer<lxw_chart>
    unowned let workbook: XlsxWorkbook
    /// Position among the workbook's charts, for the trace.
    let id: Int

    public struct Series {
        let handle: UnsafeMutablePointer<lxw_chart_series>
        let index: Int
    }

    private var trace: XlsxTrace? { workbook.trace }
    private var seriesAdded = 0

    init(handle: UnsafeMutablePointer<lxw_chart>, workbook: XlsxWorkbook, id: Int) {
        self.handle = handle
        self.workbook = workbook
        self.id = id
    }

    public func title(_ text: String) {
        trace?.record("chart_title", id, text)
        chart_title_set_name(handle, text)
        var font = lxw_chart_font()
        font.size = 12
        font.bold = 1
        chart_title_set_name_font(handle, &font)
    }

    @discardableResult
    public func series(name: String, categories: String, values: String, color: UInt32? = nil) -> Series {
        trace?.record("series", id, name, categories, values, color.map(Int.init) ?? -1)
        let s = chart_add_series(handle, categories, values)!
        chart_series_set_name(s, name)
        if let color {
            var fill = lxw_chart_fill()
            fill.color = lxw_color_t(color)
            chart_series_set_fill(s, &fill)
            var line = lxw_chart_line()
            line.color = lxw_color_t(color)
            chart_series_set_line(s, &line)
        }
        seriesAdded += 1
        return Series(handle: s, index: seriesAdded - 1)
    }

    /// A series drawn as markers only, no connecting line: for a line chart whose categories are not ordered.
    public func markersOnly(_ s: Series, color: UInt32) {
        trace?.record("markers", id, s.index, Int(color))
        var line = lxw_chart_line()
        line.none = 1
        chart_series_set_line(s.handle, &line)
        chart_series_set_marker_type(s.handle, UInt8(LXW_CHART_MARKER_DIAMOND.rawValue))
        chart_series_set_marker_size(s.handle, 9)
        var fill = lxw_chart_fill()
        fill.color = lxw_color_t(color)
        chart_series_set_marker_fill(s.handle, &fill)
        var border = lxw_chart_line()
        border.color = lxw_color_t(color)
        chart_series_set_marker_line(s.handle, &border)
    }

    /// A dashed line without markers: a threshold such as the 20 % line.
    public func dashedLine(_ s: Series, color: UInt32) {
        trace?.record("dashed", id, s.index, Int(color))
        var line = lxw_chart_line()
        line.color = lxw_color_t(color)
        line.width = 2
        line.dash_type = UInt8(LXW_CHART_LINE_DASH_DASH.rawValue)
        chart_series_set_line(s.handle, &line)
        chart_series_set_marker_type(s.handle, UInt8(LXW_CHART_MARKER_NONE.rawValue))
    }

    public func valueAxis(numberFormat: String, name: String? = nil, min: Double? = nil, max: Double? = nil) {
        trace?.record("axis", id, numberFormat, name ?? "", min != nil, min ?? 0, max != nil, max ?? 0)
        chart_axis_set_num_format(handle.pointee.y_axis, numberFormat)
        if let name { chart_axis_set_name(handle.pointee.y_axis, name) }
        if let min { chart_axis_set_min(handle.pointee.y_axis, min) }
        if let max { chart_axis_set_max(handle.pointee.y_axis, max) }
    }

    /// Category labels at the bottom even when values go below zero.
    public func categoryLabelsLow() {
        trace?.record("labels_low", id)
        chart_axis_set_label_position(handle.pointee.x_axis, UInt8(LXW_CHART_AXIS_LABEL_POSITION_LOW.rawValue))
    }

    public func legendBottom() {
        trace?.record("legend_bottom", id)
        chart_legend_set_position(handle, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
    }

    public func gaps() {
        trace?.record("gaps", id)
        chart_show_blanks_as(handle, UInt8(LXW_CHART_BLANKS_AS_GAP.rawValue))
    }
}
